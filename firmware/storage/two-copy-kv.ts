import { TinydidError } from '../errors/tinydid-error';
import { crc32 } from './crc32';
import type { RecordFlash } from './flash';
import { checkKvKey, checkKvValue, type KvStore } from './kv';

// Record layout in one flash area (all integers big-endian):
//   magic 'T' 'R' | version 1 | flags (bit 0: tombstone) | sequence u32 |
//   length u16 | value (length bytes) | CRC-32 of everything before it (u32)
const MAGIC0 = 0x54;
const MAGIC1 = 0x52;
const VERSION = 1;
const HEADER = 10;
const TRAILER = 4;
const FLAG_TOMBSTONE = 1;
const COPIES = Object.freeze(['#a', '#b']);

interface Copy {
  sequence: number;
  tombstone: boolean;
  value: Uint8Array;
}

/** Parses one copy; undefined when it is erased, torn or worn (bad CRC). */
function parseCopy(bytes: Uint8Array | undefined): Copy | undefined {
  if (bytes === undefined || bytes.length < HEADER + TRAILER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== MAGIC0 || bytes[1] !== MAGIC1 || bytes[2] !== VERSION) return undefined;
  const length = view.getUint16(8);
  if (bytes.length !== HEADER + length + TRAILER) return undefined;
  if (crc32(bytes, HEADER + length) !== view.getUint32(HEADER + length)) return undefined;
  return { sequence: view.getUint32(4), tombstone: (bytes[3] & FLAG_TOMBSTONE) !== 0, value: bytes.slice(HEADER, HEADER + length) };
}

function encodeCopy(sequence: number, tombstone: boolean, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + value.length + TRAILER);
  const view = new DataView(out.buffer);
  out[0] = MAGIC0;
  out[1] = MAGIC1;
  out[2] = VERSION;
  out[3] = tombstone ? FLAG_TOMBSTONE : 0;
  view.setUint32(4, sequence);
  view.setUint16(8, value.length);
  out.set(value, HEADER);
  view.setUint32(HEADER + value.length, crc32(out, HEADER + value.length));
  return out;
}

/**
 * Atomic KV over raw flash: each record has two copies (areas `<key>#a` and
 * `<key>#b`); a put programs the copy that does not hold the newest valid
 * record, with the next sequence number and a CRC-32. Recovery (every read)
 * picks the valid copy with the highest sequence number, so a torn write
 * leaves the previous value readable. Sequence numbers are u32; a record
 * rewritten 2^32 times would wrap (flash endurance ends long before).
 */
export class TwoCopyKv implements KvStore {
  readonly #flash: RecordFlash;

  constructor(flash: RecordFlash) {
    this.#flash = flash;
  }

  #copies(key: string): (Copy | undefined)[] {
    return COPIES.map((suffix) => parseCopy(this.#flash.read(key + suffix)));
  }

  /** Index of the newest valid copy, or -1. */
  static #newest(copies: (Copy | undefined)[]): number {
    const [a, b] = copies;
    if (a === undefined) return b === undefined ? -1 : 1;
    if (b === undefined) return 0;
    return b.sequence > a.sequence ? 1 : 0;
  }

  get(key: string): Uint8Array | undefined {
    checkKvKey(key);
    const copies = this.#copies(key);
    const newest = TwoCopyKv.#newest(copies);
    if (newest < 0) return undefined;
    const copy = copies[newest] as Copy;
    return copy.tombstone ? undefined : copy.value;
  }

  #write(key: string, tombstone: boolean, value: Uint8Array): number {
    const copies = this.#copies(key);
    const newest = TwoCopyKv.#newest(copies);
    const sequence = newest < 0 ? 1 : (copies[newest] as Copy).sequence + 1;
    if (sequence > 0xffffffff) throw new TinydidError('storage.worn-out', `record ${key}: sequence number exhausted`);
    const target = newest === 0 ? 1 : 0;
    this.#flash.write(key + COPIES[target], encodeCopy(sequence, tombstone, value));
    return target;
  }

  put(key: string, value: Uint8Array): void {
    checkKvKey(key);
    checkKvValue(value);
    this.#write(key, false, value);
  }

  /**
   * Writes a tombstone over the older copy, then erases the other copy and
   * finally the tombstone: at every cut the newest valid copy is the
   * tombstone, or nothing is left.
   */
  delete(key: string): void {
    checkKvKey(key);
    if (this.get(key) === undefined && this.#flash.areas(key + '#').length === 0) return;
    const tombstone = this.#write(key, true, new Uint8Array(0));
    this.#flash.erase(key + COPIES[1 - tombstone]);
    this.#flash.erase(key + COPIES[tombstone]);
  }

  list(prefix: string): string[] {
    const keys = new Set<string>();
    for (const area of this.#flash.areas(prefix)) {
      const suffix = area.slice(-2);
      if (suffix === COPIES[0] || suffix === COPIES[1]) keys.add(area.slice(0, -2));
    }
    return [...keys]
      .filter((key) => {
        try {
          return this.get(key) !== undefined;
        } catch {
          return false; // an area that is not one of ours
        }
      })
      .sort();
  }
}
