/**
 * The file seam for hosts with a file system (Node, a LittleFS partition):
 * flat names in one directory. `write` is not atomic (a power cut may leave a
 * prefix of the data); `rename` atomically replaces the target (POSIX
 * rename(2)). The temp file + rename layer (file-kv.ts) builds an atomic
 * KvStore from it.
 */
export interface RecordFileSystem {
  /** Content of file `name`, or undefined when it does not exist. */
  read(name: string): Uint8Array | undefined;
  /** Creates or truncates `name`, writes `data` and makes it durable (fsync). */
  write(name: string, data: Uint8Array): void;
  /** Atomically replaces `to` with `from` and makes the rename durable (fsync of the directory). */
  rename(from: string, to: string): void;
  /** Removes `name` if it exists (durably). */
  remove(name: string): void;
  /** Every file name. */
  names(): string[];
}
