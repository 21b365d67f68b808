import type { FirmwareSlots } from './firmware-slot';
import { Esp32Slots } from './firmware-slot-esp32';
import * as native from './native/slot';

/** esp32: the "hosts/moddable/device-slot" module, Esp32Slots over modSlotEsp32.c. */
export function openFirmwareSlots(): FirmwareSlots {
  return new Esp32Slots(native);
}
