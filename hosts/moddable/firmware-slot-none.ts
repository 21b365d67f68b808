import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { BootState, FirmwareSlots } from './firmware-slot';

const BOOT: BootState = Object.freeze({ running: 0, testing: false });

/**
 * nrf52 and lin: the image has no update slot, only the running one (count 1:
 * UpdateAgent refuses it with `suit.unsupported`). Every slot operation
 * throws `suit.slot-failed`; the boot flow sees a normal boot. The nRF52
 * approach is in hosts/moddable/README.md, "Firmware slot"; the Node
 * simulator's slots are firmware/update/memory-slot.ts.
 */
export class NoFirmwareSlots implements FirmwareSlots {
  readonly count = 1;
  readonly capacity = 0;

  bootState(): BootState {
    return BOOT;
  }

  #none(what: string): never {
    throw new TinydidError('suit.slot-failed', `${what}: this platform image has no firmware update slot (hosts/moddable/README.md, "Firmware slot")`);
  }

  erase(): void {
    this.#none('erase');
  }

  write(): void {
    this.#none('write');
  }

  read(): Uint8Array {
    return this.#none('read');
  }

  markPending(): void {
    this.#none('markPending');
  }

  confirm(): void {
    this.#none('confirm');
  }

  revert(): void {
    this.#none('revert');
  }
}

/** nrf52, lin: the "hosts/moddable/device-slot" module. */
export function openFirmwareSlots(): FirmwareSlots {
  return new NoFirmwareSlots();
}
