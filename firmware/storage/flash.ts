/**
 * The raw flash seam for hosts without an atomic KV: named areas of erasable
 * memory. Neither write nor erase is atomic: after a power cut an area may hold
 * any prefix of the new bytes, or a partly erased old record. The two-copy
 * record layer (two-copy-kv.ts) turns this into an atomic KvStore.
 */
export interface RecordFlash {
  /** Content of the area, or undefined when it is erased. */
  read(area: string): Uint8Array | undefined;
  /** Erases the area and programs `data` into it (not atomic). */
  write(area: string, data: Uint8Array): void;
  /** Erases the area (not atomic). */
  erase(area: string): void;
  /** Names of the non-erased areas that start with `prefix`. */
  areas(prefix: string): string[];
}
