// A simulated A/B flash with a test-boot boot loader, for tests and the
// simulator. A PowerRail numbers every step that touches persistent state
// (erase, each write, mark pending, confirm, revert, and the KV puts of
// PoweredKv) and can cut the power at any one of them: erase and write are
// then torn (half done), the boot-loader flags are unchanged. `boot()` is
// the reset that follows: it runs the boot loader's decision.
import { TinydidError } from '../errors/tinydid-error';
import type { KvStore } from '../storage/kv';
import type { BootState, FirmwareSlots } from './slot';

/** Thrown by a PowerRail at the cut point; never a TinydidError (it is not a verdict on input). */
export class PowerCut extends Error {
  constructor(readonly step: number, readonly label: string) {
    super(`power cut at step ${step} (${label})`);
    this.name = 'PowerCut';
  }
}

/** Counts persistent steps and cuts the power at step `cutAt` (1-based), once. */
export class PowerRail {
  steps = 0;
  cutAt: number | undefined;
  readonly labels: string[] = [];

  /** Records a step; throws PowerCut when it is the chosen one. `partial` runs first (a torn operation). */
  step(label: string, partial?: () => void): void {
    this.steps += 1;
    this.labels.push(label);
    if (this.cutAt === this.steps) {
      this.cutAt = undefined;
      if (partial !== undefined) partial();
      throw new PowerCut(this.steps, label);
    }
  }
}

const ERASED = 0xff;

function slotFailed(message: string): TinydidError {
  return new TinydidError('suit.slot-failed', message);
}

export class MemorySlots implements FirmwareSlots {
  readonly count = 2;
  readonly capacity: number;
  readonly rail: PowerRail;
  readonly #flash: Uint8Array[];
  /** Per slot: end of the erased range, and the next write offset (writes are sequential, like esp_ota_write). */
  readonly #erasedEnd: number[] = [0, 0];
  readonly #writePos: number[] = [0, 0];
  #confirmed = 0;
  #pending: number | undefined;
  #trial: number | undefined;
  #running = 0;
  #testing = false;
  /** Boots performed (for tests). */
  boots = 0;

  constructor(capacity: number, rail: PowerRail = new PowerRail()) {
    this.capacity = capacity;
    this.rail = rail;
    this.#flash = [new Uint8Array(capacity).fill(ERASED), new Uint8Array(capacity).fill(ERASED)];
  }

  /** Factory provisioning: `image` in slot 0, confirmed, running (not a power-cut step). */
  provision(image: Uint8Array): void {
    if (image.length > this.capacity) throw slotFailed('image larger than the slot');
    this.#flash[0].fill(ERASED).set(image);
    this.#erasedEnd[0] = 0;
    this.#confirmed = 0;
    this.#running = 0;
  }

  /** The reset after a power cut or a reboot: the boot loader picks the slot. */
  boot(): BootState {
    this.boots += 1;
    if (this.#trial !== undefined) {
      // A test boot that was never confirmed: go back (MCUboot revert, ESP-IDF rollback).
      this.#trial = undefined;
      this.#running = this.#confirmed;
      this.#testing = false;
    } else if (this.#pending !== undefined) {
      this.#trial = this.#pending;
      this.#pending = undefined;
      this.#running = this.#trial;
      this.#testing = true;
    } else {
      this.#running = this.#confirmed;
      this.#testing = false;
    }
    return this.bootState();
  }

  bootState(): BootState {
    return Object.freeze({ running: this.#running, testing: this.#testing });
  }

  #check(slot: number, offset: number, length: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.count) throw slotFailed(`no slot ${slot}`);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.capacity) {
      throw slotFailed(`range ${offset}+${length} outside the ${this.capacity}-byte slot`);
    }
  }

  erase(slot: number, size: number): void {
    this.#check(slot, 0, size);
    if (slot === this.#running) throw slotFailed('cannot erase the running slot');
    this.#erasedEnd[slot] = 0;
    this.rail.step(`erase ${slot}`, () => {
      this.#flash[slot].fill(ERASED, 0, Math.floor(size / 2));
    });
    this.#flash[slot].fill(ERASED, 0, size);
    this.#erasedEnd[slot] = size;
    this.#writePos[slot] = 0;
  }

  write(slot: number, offset: number, data: Uint8Array): void {
    this.#check(slot, offset, data.length);
    if (slot === this.#running) throw slotFailed('cannot write the running slot');
    if (offset !== this.#writePos[slot]) throw slotFailed(`write at ${offset}; the next sequential offset is ${this.#writePos[slot]}`);
    if (offset + data.length > this.#erasedEnd[slot]) throw slotFailed(`write up to ${offset + data.length} beyond the erased ${this.#erasedEnd[slot]} bytes`);
    this.#writePos[slot] = -1; // a torn write leaves the slot unwritable until the next erase
    this.rail.step(`write ${slot}@${offset}`, () => {
      this.#flash[slot].set(data.subarray(0, Math.floor(data.length / 2)), offset);
    });
    this.#flash[slot].set(data, offset);
    this.#writePos[slot] = offset + data.length;
  }

  read(slot: number, offset: number, length: number): Uint8Array {
    this.#check(slot, offset, length);
    return this.#flash[slot].slice(offset, offset + length);
  }

  markPending(slot: number): void {
    this.#check(slot, 0, 0);
    if (slot === this.#running) throw slotFailed('cannot mark the running slot pending');
    this.rail.step(`mark pending ${slot}`);
    this.#pending = slot;
  }

  confirm(): void {
    if (!this.#testing || this.#trial === undefined) throw slotFailed('confirm outside a test boot');
    this.rail.step('confirm');
    this.#confirmed = this.#trial;
    this.#trial = undefined;
    this.#testing = false;
  }

  revert(): void {
    this.rail.step('revert');
    this.#pending = undefined;
    // The running test image keeps running until the reset; the boot loader
    // then takes the confirmed slot.
  }

  /** Test hook: changes one byte of a slot behind the update session's back. */
  tamper(slot: number, offset: number): void {
    this.#check(slot, offset, 1);
    this.#flash[slot][offset] ^= 0x01;
  }
}

/** A KV store whose puts and deletes are power-cut steps (atomic: old or new value). */
export class PoweredKv implements KvStore {
  constructor(readonly inner: KvStore, readonly rail: PowerRail) {}

  get(key: string): Uint8Array | undefined {
    return this.inner.get(key);
  }

  put(key: string, value: Uint8Array): void {
    this.rail.step(`kv put ${key}`);
    this.inner.put(key, value);
  }

  delete(key: string): void {
    this.rail.step(`kv delete ${key}`);
    this.inner.delete(key);
  }

  list(prefix: string): string[] {
    return this.inner.list(prefix);
  }
}
