/**
 * The firmware-slot seam (DESIGN section 3) is firmware/update/slot.ts; the
 * device implementations are firmware-slot-esp32.ts (over native/esp32, built
 * as "hosts/moddable/device-slot" by firmware-slot-esp32-device.ts) and
 * firmware-slot-none.ts (nrf52, lin).
 */
export type { BootState, FirmwareSlots } from '../../firmware/update/slot';
