import OTA from 'ota';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { FirmwareSlot, SlotState } from './firmware-slot';
import { markValid, readUpdate, rollback, runningState } from './native/slot';

/**
 * ESP32 firmware slot over the two OTA app partitions (ota_0/ota_1, made by
 * mcconfig's ota autosplit). Writing uses the SDK's ota module; read back,
 * confirm and revert use native/esp32/modSlotEsp32.c. With
 * CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE a new image boots as pending-verify
 * and the bootloader returns to the previous one unless it is confirmed.
 */
export class Esp32FirmwareSlot implements FirmwareSlot {
  readonly capacity: number;
  #ota: OTA | undefined;

  constructor(capacity = 0x1e8000) {
    this.capacity = capacity;
  }

  erase(byteLength: number): void {
    if (!Number.isInteger(byteLength) || byteLength <= 0 || byteLength > this.capacity) {
      throw new TinydidError('suit.slot-failed', `image of ${byteLength} bytes does not fit the ${this.capacity}-byte slot`);
    }
    this.#ota?.cancel();
    this.#ota = new OTA({ byteLength });
  }

  write(chunk: Uint8Array): void {
    if (this.#ota === undefined) throw new TinydidError('suit.bad-state', 'write before erase');
    this.#ota.write(chunk);
  }

  readBack(offset: number, byteLength: number): Uint8Array {
    return new Uint8Array(readUpdate(offset, byteLength));
  }

  markPending(): void {
    if (this.#ota === undefined) throw new TinydidError('suit.bad-state', 'markPending before erase');
    this.#ota.complete();
    this.#ota = undefined;
  }

  runningState(): SlotState {
    return runningState();
  }

  confirm(): void {
    markValid();
  }

  revert(): void {
    rollback();
  }
}

export function openFirmwareSlot(): FirmwareSlot {
  return new Esp32FirmwareSlot();
}
