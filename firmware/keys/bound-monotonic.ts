import { concatBytes } from '../bytes/concat';
import { constantTimeEqual } from '../bytes/equal';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { KvStore } from '../storage/kv';
import type { MonotonicCounter, MonotonicValues } from './monotonic';
import { RecordReader, RecordWriter } from './record-bytes';

/** Named limits of the monotonic value table. */
export const MONOTONIC_LIMITS = Object.freeze({
  /** At most 16 named values (one KV record holds them all). */
  maxValues: 16,
  /** Names: 1..32 characters of [a-z0-9._-]. */
  maxNameLength: 32,
});

const TABLE = 'mono/table';
const VERSION = 1;
const TAG = 32;
const MAC_CONTEXT = 'tinydid/monotonic/table/v1';
// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const NAME_PATTERN = (): RegExp => /^[a-z0-9._-]+$/;

interface Table {
  binding: number;
  values: Map<string, number>;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MONOTONIC_LIMITS.maxNameLength || !NAME_PATTERN().test(name)) {
    throw new TinydidError('keys.bad-argument', `a monotonic value name is 1..${MONOTONIC_LIMITS.maxNameLength} characters of [a-z0-9._-]`);
  }
  return name;
}

/**
 * Monotonic values kept in ONE integrity-protected KV record (HMAC-SHA-256,
 * RFC 2104) bound to an increment-only counter (a secure element's hardware
 * counter). Every change writes the table bound to counter+1 first, then
 * increments the counter:
 * - binding == counter: current;
 * - binding == counter + 1: the cut fell between the two writes; the counter is
 *   rolled forward on the next read;
 * - anything else (an older table replayed, or the table deleted after the
 *   counter moved): `keys.counter-replay`.
 * The counter's maximum bounds the number of changes over the device's life
 * (ATECC608: 2,097,151); `keys.counter-exhausted` after that.
 */
export class BoundMonotonicValues implements MonotonicValues {
  readonly #kv: KvStore;
  readonly #counter: MonotonicCounter;
  readonly #suite: CryptoSuite;
  readonly #macKey: Uint8Array;

  constructor(kv: KvStore, counter: MonotonicCounter, suite: CryptoSuite, macKey: Uint8Array) {
    this.#kv = kv;
    this.#counter = counter;
    this.#suite = suite;
    this.#macKey = macKey;
  }

  #mac(body: Uint8Array): Uint8Array {
    return this.#suite.hmacSha256(this.#macKey, concatBytes(utf8Encode(MAC_CONTEXT), body));
  }

  #encode(table: Table): Uint8Array {
    const w = new RecordWriter().u8(VERSION).u32(table.binding).u8(table.values.size);
    for (const [name, value] of [...table.values].sort((a, b) => (a[0] < b[0] ? -1 : 1))) w.bytes8(utf8Encode(name)).u53(value);
    const body = w.finish();
    return concatBytes(body, this.#mac(body));
  }

  #decode(record: Uint8Array): Table {
    if (record.length < TAG + 6) throw new TinydidError('keys.tampered', 'monotonic table is truncated');
    const body = record.subarray(0, record.length - TAG);
    if (!constantTimeEqual(this.#mac(body), record.subarray(record.length - TAG))) {
      throw new TinydidError('keys.tampered', 'monotonic table does not authenticate');
    }
    const r = new RecordReader(body);
    if (r.u8() !== VERSION) throw new TinydidError('keys.tampered', 'monotonic table: unknown version');
    const binding = r.u32();
    const count = r.u8();
    if (count > MONOTONIC_LIMITS.maxValues) throw new TinydidError('keys.tampered', 'monotonic table: too many values');
    const values = new Map<string, number>();
    for (let i = 0; i < count; i++) values.set(utf8Decode(r.bytes8()), r.u53());
    r.end();
    return { binding, values };
  }

  /** Loads the table, checking its binding to the counter (and finishing a change a power cut interrupted). */
  #load(): Table {
    const counter = this.#counter.read();
    const record = this.#kv.get(TABLE);
    if (record === undefined) {
      if (counter === 0) return { binding: 0, values: new Map() };
      throw new TinydidError('keys.counter-replay', `the monotonic table is missing but its counter is at ${counter}`);
    }
    const table = this.#decode(record);
    if (table.binding === counter) return table;
    if (table.binding === counter + 1) {
      this.#counter.increment(); // roll forward: the table was written, the increment was cut
      return table;
    }
    throw new TinydidError('keys.counter-replay', `the monotonic table is bound to counter ${table.binding}, the counter is at ${counter}: an old table was restored`);
  }

  read(name: string): number {
    return this.#load().values.get(checkName(name)) ?? 0;
  }

  names(): string[] {
    return [...this.#load().values.keys()].sort();
  }

  increment(name: string): number {
    return this.#set(checkName(name), (current) => {
      if (current >= Number.MAX_SAFE_INTEGER) throw new TinydidError('keys.counter-exhausted', `${name} is at 2^53-1`);
      return current + 1;
    });
  }

  advanceTo(name: string, value: number): number {
    checkName(name);
    if (!Number.isSafeInteger(value) || value < 0) throw new TinydidError('keys.bad-argument', 'a monotonic value is an integer 0..2^53-1');
    return this.#set(name, (current) => {
      if (value < current) throw new TinydidError('keys.counter-backwards', `${name} is ${current}; refusing to go back to ${value}`);
      return value;
    });
  }

  #set(name: string, next: (current: number) => number): number {
    const table = this.#load();
    const current = table.values.get(name) ?? 0;
    const value = next(current);
    if (value === current && table.values.has(name)) return value;
    if (!table.values.has(name) && table.values.size >= MONOTONIC_LIMITS.maxValues) {
      throw new TinydidError('keys.bad-argument', `at most ${MONOTONIC_LIMITS.maxValues} monotonic values`);
    }
    if (table.binding >= this.#counter.max) throw new TinydidError('keys.counter-exhausted', `the counter binding the monotonic values is at its maximum ${this.#counter.max}`);
    table.values.set(name, value);
    table.binding += 1;
    this.#kv.put(TABLE, this.#encode(table)); // 1: the new table, bound to counter + 1
    this.#counter.increment(); // 2: the counter catches up; an older table is now stale
    return value;
  }
}
