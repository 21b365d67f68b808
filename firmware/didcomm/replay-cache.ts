import { utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';

/**
 * Where the cache persists: one small binary record. A KvStore
 * (firmware/storage/kv.ts) fits this shape; so does a Map-backed test store.
 */
export interface ReplayStore {
  get(key: string): Uint8Array | undefined;
  put(key: string, value: Uint8Array): void;
}

export const REPLAY_LIMITS = Object.freeze({
  /** Entries kept; 12 bytes each, so the record stays under a 4 KiB KV value. */
  capacity: 256,
  maxCapacity: 320,
});

const VERSION = 1;
const HEADER = 1 + 2 + 4; // version, count (u16), floor (u32 seconds)
const ENTRY = 12; // 8-byte digest of (sender, id), u32 created_time (0 = none)

/** A Map-backed ReplayStore for hosts without storage (the cache then lasts as long as the process). */
export class MemoryReplayStore implements ReplayStore {
  readonly #records = new Map<string, Uint8Array>();
  get(key: string): Uint8Array | undefined {
    return this.#records.get(key);
  }
  put(key: string, value: Uint8Array): void {
    this.#records.set(key, Uint8Array.from(value));
  }
}

interface Entry {
  digest: Uint8Array;
  time: number;
}

/**
 * A persisted, bounded cache of (sender, message id) pairs (DIDComm v2
 * "Message IDs": ids are unique per sender, so a repeat is a replay). When
 * full, the oldest entry is evicted and its created_time becomes the floor:
 * later messages created before the floor are rejected too, so eviction never
 * reopens a replay window for messages that carry created_time. Messages
 * without created_time are protected only while they are among the last
 * `capacity` ones (expires_time bounds them otherwise).
 */
export class ReplayCache {
  readonly #store: ReplayStore;
  readonly #record: string;
  readonly #capacity: number;
  readonly #suite: CryptoSuite;
  #entries: Entry[] | undefined;
  #floor = 0;

  constructor(store: ReplayStore, suite: CryptoSuite, options: { record?: string; capacity?: number } = {}) {
    const capacity = options.capacity ?? REPLAY_LIMITS.capacity;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > REPLAY_LIMITS.maxCapacity) {
      throw new TinydidError('didcomm.bad-option', `replay capacity must be 1..${REPLAY_LIMITS.maxCapacity}`);
    }
    this.#store = store;
    this.#suite = suite;
    this.#record = options.record ?? 'didcomm/replay';
    this.#capacity = capacity;
  }

  #load(): Entry[] {
    if (this.#entries !== undefined) return this.#entries;
    const entries: Entry[] = [];
    const bytes = this.#store.get(this.#record);
    if (bytes !== undefined) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const count = bytes.length >= HEADER ? view.getUint16(1) : -1;
      if (bytes[0] !== VERSION || count < 0 || bytes.length !== HEADER + count * ENTRY) {
        throw new TinydidError('didcomm.replay-store', 'replay cache record is corrupt');
      }
      this.#floor = view.getUint32(3);
      for (let i = 0; i < count; i++) {
        const at = HEADER + i * ENTRY;
        entries.push({ digest: bytes.slice(at, at + 8), time: view.getUint32(at + 8) });
      }
    }
    this.#entries = entries;
    return entries;
  }

  #save(entries: Entry[]): void {
    const out = new Uint8Array(HEADER + entries.length * ENTRY);
    const view = new DataView(out.buffer);
    out[0] = VERSION;
    view.setUint16(1, entries.length);
    view.setUint32(3, this.#floor);
    entries.forEach((e, i) => {
      out.set(e.digest, HEADER + i * ENTRY);
      view.setUint32(HEADER + i * ENTRY + 8, e.time);
    });
    this.#store.put(this.#record, out);
  }

  #digest(sender: string, id: string): Uint8Array {
    return this.#suite.sha256(utf8Encode(`${sender}\u0000${id}`)).slice(0, 8);
  }

  #seenDigest(entries: Entry[], d: Uint8Array, createdTime: number | undefined): boolean {
    if (createdTime !== undefined && createdTime < this.#floor) return true;
    return entries.some((e) => e.digest.every((b, i) => b === d[i]));
  }

  /** True when (sender, id) was recorded, or created_time is below the eviction floor. */
  seen(sender: string, id: string, createdTime?: number): boolean {
    const entries = this.#load();
    return this.#seenDigest(entries, this.#digest(sender, id), createdTime);
  }

  /**
   * Rejects a replay (`didcomm.replayed`) or records the message. `sender` is
   * the authenticated sender DID, or '' for an anonymous message.
   */
  checkAndRecord(sender: string, id: string, createdTime?: number): void {
    const entries = this.#load();
    // One digest for the check and the record (a SHA-256 costs ~1M instructions on XS).
    const digest = this.#digest(sender, id);
    if (this.#seenDigest(entries, digest, createdTime)) throw new TinydidError('didcomm.replayed', `message ${id.slice(0, 64)} was already received`);
    entries.push({ digest, time: Math.min(createdTime ?? 0, 0xffffffff) });
    while (entries.length > this.#capacity) {
      const evicted = entries.shift() as Entry;
      if (evicted.time > this.#floor) this.#floor = evicted.time;
    }
    this.#save(entries);
  }

  /** Entries held (for reports and tests). */
  size(): number {
    return this.#load().length;
  }
}
