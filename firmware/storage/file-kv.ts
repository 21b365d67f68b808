import { fromHex, toHex } from '../bytes/hex';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import { TinydidError } from '../errors/tinydid-error';
import type { RecordFileSystem } from './file-system';
import { KV_LIMITS, checkKvKey, checkKvValue, type KvStore } from './kv';

const RECORD = '.rec';
const TEMP = '.tmp';

/** File name of a record: the hex of its UTF-8 name (safe on any file system, case-insensitive ones too). */
function fileName(key: string, suffix: string): string {
  return toHex(utf8Encode(key)) + suffix;
}

/**
 * Atomic KV over a file system: put writes `<hex>.tmp`, makes it durable, then
 * renames it over `<hex>.rec` (rename(2) is atomic, POSIX.1-2017 rename()).
 * A power cut leaves the old file (temp torn or not yet renamed) or the new
 * one. Opening removes temp files left by a cut.
 */
export class FileKv implements KvStore {
  readonly #fs: RecordFileSystem;

  constructor(fs: RecordFileSystem) {
    this.#fs = fs;
    for (const name of fs.names()) if (name.endsWith(TEMP)) fs.remove(name);
  }

  get(key: string): Uint8Array | undefined {
    const value = this.#fs.read(fileName(checkKvKey(key), RECORD));
    if (value !== undefined && value.length > KV_LIMITS.maxValueLength) {
      throw new TinydidError('storage.corrupt', `record ${key} is ${value.length} bytes, over the limit`);
    }
    return value;
  }

  put(key: string, value: Uint8Array): void {
    checkKvKey(key);
    checkKvValue(value);
    const temp = fileName(key, TEMP);
    this.#fs.write(temp, value);
    this.#fs.rename(temp, fileName(key, RECORD));
  }

  delete(key: string): void {
    this.#fs.remove(fileName(checkKvKey(key), RECORD));
  }

  list(prefix: string): string[] {
    const out: string[] = [];
    for (const name of this.#fs.names()) {
      if (!name.endsWith(RECORD)) continue;
      let key: string;
      try {
        key = utf8Decode(fromHex(name.slice(0, -RECORD.length)));
        checkKvKey(key);
      } catch {
        continue; // not one of ours
      }
      if (key.startsWith(prefix)) out.push(key);
    }
    return out.sort();
  }
}
