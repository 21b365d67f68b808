import { TinydidError } from '../errors/tinydid-error';
import type { KvStore } from '../storage/kv';
import type { MonotonicCounter } from './monotonic';
import { RecordReader, RecordWriter } from './record-bytes';
import { openRecord, sealRecord, type SealContext } from './sealed-record';

/**
 * A counter kept in KV storage as a sealed record (value bound as AAD): the
 * stand-in for a hardware counter in the secure-element simulation, and the
 * only counter a software-only device has. It is atomic (one KV put per
 * increment) and tamper-evident, but a software store cannot stop someone who
 * restores an old copy of the whole storage: that needs real hardware.
 */
export class KvCounter implements MonotonicCounter {
  readonly max: number;
  readonly #kv: KvStore;
  readonly #name: string;
  readonly #ctx: SealContext;

  constructor(kv: KvStore, name: string, max: number, ctx: SealContext) {
    this.#kv = kv;
    this.#name = name;
    this.max = max;
    this.#ctx = ctx;
  }

  read(): number {
    const record = this.#kv.get(this.#name);
    if (record === undefined) return 0;
    const r = new RecordReader(openRecord(this.#ctx, this.#name, record).header);
    const value = r.u32();
    r.end();
    if (value > this.max) throw new TinydidError('keys.tampered', `counter ${this.#name} is above its maximum`);
    return value;
  }

  increment(): number {
    const value = this.read();
    if (value >= this.max) throw new TinydidError('keys.counter-exhausted', `counter ${this.#name} is at its maximum ${this.max}`);
    this.#kv.put(this.#name, sealRecord(this.#ctx, this.#name, new RecordWriter().u32(value + 1).finish(), new Uint8Array(0)));
    return value + 1;
  }
}
