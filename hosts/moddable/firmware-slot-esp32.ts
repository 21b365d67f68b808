import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { BootState, FirmwareSlots } from './firmware-slot';

/**
 * What Esp32Slots needs of ESP-IDF: native/esp32/slot.js (modSlotEsp32.c) on
 * the device, a fake in tests. Slots are OTA indexes (0: ota_0, 1: ota_1).
 * Failures throw; rollback() does not return.
 */
export interface EspOtaNative {
  running(): number;
  /** -1 while otadata is blank. */
  boot(): number;
  pendingVerify(): boolean;
  size(slot: number): number;
  begin(slot: number, byteLength: number): void;
  write(data: Uint8Array): void;
  finish(): void;
  abort(): void;
  read(slot: number, offset: number, length: number): ArrayBuffer;
  setBoot(slot: number): void;
  markValid(): void;
  rollback(): never;
}

function slotFailed(message: string, cause?: unknown): TinydidError {
  return new TinydidError('suit.slot-failed', message, cause === undefined ? undefined : { cause });
}

/** Runs a native step; an ESP-IDF failure becomes `suit.slot-failed` (the seam's error). */
function step<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TinydidError) throw error;
    throw slotFailed(`${what}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

/**
 * The firmware-slot seam (firmware/update/slot.ts, DESIGN section 3) over the
 * two ESP32 OTA app partitions, with CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE:
 * a new image boots once as ESP_OTA_IMG_PENDING_VERIFY (the test boot) and
 * the boot loader aborts it at the next reset unless it was confirmed.
 * Writes go through one esp_ota handle opened by erase (esp_ota_begin) in
 * this boot; they are sequential, like esp_ota_write's own offset.
 */
export class Esp32Slots implements FirmwareSlots {
  readonly count = 2;
  /** Bytes of the next update partition (autosplit partitions may differ by up to 64 KiB). */
  readonly capacity: number;
  readonly #native: EspOtaNative;
  readonly #running: number;
  /** The slot with an open OTA handle, its erased size and the next write offset. */
  #open: number | undefined;
  #erased = 0;
  #written = 0;

  constructor(native: EspOtaNative) {
    this.#native = native;
    this.#running = step('running partition', () => native.running());
    if (this.#running !== 0 && this.#running !== 1) throw slotFailed(`the running app is not in ota_0 or ota_1 (${this.#running})`);
    this.capacity = step('update partition', () => native.size(1 - this.#running));
  }

  bootState(): BootState {
    return Object.freeze({ running: this.#running, testing: step('running app state', () => this.#native.pendingVerify()) });
  }

  #slot(slot: number, what: string): void {
    if (slot !== 0 && slot !== 1) throw slotFailed(`no slot ${slot}`);
    if (slot === this.#running) throw slotFailed(`cannot ${what} the running slot (ota_${slot})`);
  }

  erase(slot: number, size: number): void {
    this.#slot(slot, 'erase');
    if (!Number.isInteger(size) || size <= 0 || size > this.capacity) throw slotFailed(`erase of ${size} bytes outside the ${this.capacity}-byte slot`);
    this.#open = undefined; // begin aborts any open handle first
    step('esp_ota_begin', () => this.#native.begin(slot, size));
    this.#open = slot;
    this.#erased = size;
    this.#written = 0;
  }

  write(slot: number, offset: number, data: Uint8Array): void {
    this.#slot(slot, 'write');
    if (this.#open !== slot) throw slotFailed(`write to slot ${slot} without an erase in this boot`);
    if (offset !== this.#written) throw slotFailed(`write at ${offset}; the next sequential offset is ${this.#written}`);
    if (offset + data.length > this.#erased) throw slotFailed(`write up to ${offset + data.length} beyond the erased ${this.#erased} bytes`);
    if (data.length === 0) return;
    try {
      this.#native.write(data);
    } catch (error) {
      this.#open = undefined; // the native side aborted the handle
      throw slotFailed(`esp_ota_write: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    this.#written += data.length;
  }

  read(slot: number, offset: number, length: number): Uint8Array {
    if (slot !== 0 && slot !== 1) throw slotFailed(`no slot ${slot}`);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0) throw slotFailed(`bad range ${offset}+${length}`);
    return new Uint8Array(step('esp_partition_read', () => this.#native.read(slot, offset, length)));
  }

  markPending(slot: number): void {
    this.#slot(slot, 'mark pending');
    if (this.#open !== slot) throw slotFailed(`slot ${slot} was not written since an erase in this boot`);
    this.#open = undefined; // esp_ota_end frees the handle, also when it fails
    step('esp_ota_end / esp_ota_set_boot_partition', () => this.#native.finish());
  }

  confirm(): void {
    // Outside a test boot the active otadata entry may be a pending image: never mark that one valid.
    if (!this.bootState().testing) throw slotFailed('confirm outside a test boot');
    step('esp_ota_mark_app_valid_cancel_rollback', () => this.#native.markValid());
  }

  revert(): void {
    if (this.#open !== undefined) {
      this.#open = undefined;
      step('esp_ota_abort', () => this.#native.abort());
    }
    // A test boot: mark it invalid and restart into the confirmed app (does
    // not return, so whatever the caller does after revert() waits for the
    // next boot: runBootFlow then clears the `pending` record).
    if (this.bootState().testing) this.#native.rollback();
    const boot = step('esp_ota_get_boot_partition', () => this.#native.boot());
    if (boot < 0 || boot === this.#running) return; // nothing pending
    // An image is pending: boot the running app again. With rollback enabled
    // esp_ota_set_boot_partition makes that entry ESP_OTA_IMG_NEW, which would
    // test-boot the confirmed app; marking it valid keeps it confirmed.
    step('esp_ota_set_boot_partition', () => this.#native.setBoot(this.#running));
    step('esp_ota_mark_app_valid_cancel_rollback', () => this.#native.markValid());
  }
}
