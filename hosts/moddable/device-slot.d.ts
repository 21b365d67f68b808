import type { FirmwareSlots } from '../../firmware/update/slot';

export type { BootState, FirmwareSlots } from '../../firmware/update/slot';

/**
 * The device's firmware slots (the seam of firmware/update/slot.ts). The
 * module "hosts/moddable/device-slot" is built from
 * firmware-slot-esp32-device.ts (esp32: the OTA partitions) or
 * firmware-slot-none.ts (nrf52, lin: no update slot) by the platform sections
 * of hosts/moddable/manifest.json; this declaration is what importers
 * type-check against.
 */
export function openFirmwareSlots(): FirmwareSlots;
