import { TinydidError } from '../errors/tinydid-error';

/**
 * The KV storage seam (DESIGN section 3): small binary records by name, with an
 * atomic put. After a power cut a record holds its old value or its new value,
 * never a mix. ESP32 Preference (NVS) is atomic per key; raw flash gets the
 * two-copy record layer (two-copy-kv.ts); a file system gets the temp file +
 * rename layer (file-kv.ts). All operations are synchronous.
 */
export interface KvStore {
  /** The record's bytes, or undefined when there is none. */
  get(key: string): Uint8Array | undefined;
  /** Atomically replaces the record (old or new value after a power cut). */
  put(key: string, value: Uint8Array): void;
  /** Removes the record; deleting a missing record is not an error. */
  delete(key: string): void;
  /** Names of the records that start with `prefix`, sorted. */
  list(prefix: string): string[];
}

/** Named limits of every KV implementation. */
export const KV_LIMITS = Object.freeze({
  /** Key names: 1..64 characters from [a-z0-9._/-]. */
  maxKeyLength: 64,
  /** Record values: at most 4 KiB (an NVS blob page holds ~4000 bytes). */
  maxValueLength: 4096,
});

// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const KEY_PATTERN = (): RegExp => /^[a-z0-9._/-]+$/;

/** Checks a record name; throws `storage.bad-key`. */
export function checkKvKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > KV_LIMITS.maxKeyLength || !KEY_PATTERN().test(key)) {
    throw new TinydidError('storage.bad-key', `record name must be 1..${KV_LIMITS.maxKeyLength} characters of [a-z0-9._/-]`);
  }
  return key;
}

/** Checks a record value; throws `storage.too-large` or `storage.bad-value`. */
export function checkKvValue(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TinydidError('storage.bad-value', 'record value must be a Uint8Array');
  if (value.length > KV_LIMITS.maxValueLength) {
    throw new TinydidError('storage.too-large', `record value is ${value.length} bytes; the limit is ${KV_LIMITS.maxValueLength}`);
  }
  return value;
}
