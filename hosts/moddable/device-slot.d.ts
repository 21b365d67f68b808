import type { FirmwareSlot } from './firmware-slot';

/**
 * The device's firmware slot. The module "hosts/moddable/device-slot" is built
 * from firmware-slot-esp32.ts (esp32) or firmware-slot-none.ts (nrf52, lin) by
 * the platform sections of hosts/moddable/manifest.json.
 */
export function openFirmwareSlot(): FirmwareSlot;
