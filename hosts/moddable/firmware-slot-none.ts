import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { FirmwareSlot, SlotState } from './firmware-slot';

/**
 * Platforms without an in-application firmware slot. nRF52: Moddable's nRF52
 * runtime has no OTA module; images are installed by the Adafruit nRF52
 * bootloader (UF2 over USB, or the Nordic legacy DFU over BLE with the
 * bootloader's own DFU service). The documented approach (hosts/moddable/
 * README.md) is to verify the SUIT manifest in the app, then hand the image to
 * the bootloader's DFU; until that is written every operation here throws.
 * lin: the simulator has no slot; the Node simulator's slot is in hosts/node.
 */
export class UnsupportedFirmwareSlot implements FirmwareSlot {
  readonly capacity = 0;
  #fail(): never {
    throw new TinydidError('suit.slot-failed', 'no in-application firmware slot on this platform (hosts/moddable/README.md)');
  }
  erase(): void {
    this.#fail();
  }
  write(): void {
    this.#fail();
  }
  readBack(): Uint8Array {
    return this.#fail();
  }
  markPending(): void {
    this.#fail();
  }
  runningState(): SlotState {
    return 'undefined';
  }
  confirm(): void {
    this.#fail();
  }
  revert(): void {
    this.#fail();
  }
}

export function openFirmwareSlot(): FirmwareSlot {
  return new UnsupportedFirmwareSlot();
}
