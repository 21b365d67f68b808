import type { KvStore } from '../../firmware/storage/kv';

/**
 * The device's KV storage. The module "hosts/moddable/device-kv" is built from
 * device-kv-preference.ts (esp32, lin) or device-kv-flash.ts (nrf52) by the
 * platform sections of hosts/moddable/manifest.json; this declaration is what
 * importers type-check against.
 */
export function openDeviceKv(domain: string): KvStore;
