import Preference from 'preference';
import type { Random } from '../../firmware/host/random';

/**
 * Preference key of the device root key, in the product's domain: no record
 * slot of kv-preference.ts ('r' + 10 hex digits) can take this name.
 */
export const ROOT_KEY_NAME = 'rootkey';
const ROOT_KEY_LENGTH = 32;

/**
 * The 32-byte device root key that seals the key store's records
 * (firmware/keys/sealed-record.ts), created from the native RNG on first boot.
 * Stored with Preference; on a production ESP32 this is only as safe as NVS
 * encryption with flash encryption (keys in eFuse), and on nRF52 as APPROTECT
 * (hosts/moddable/README.md, "Root key").
 */
export function loadOrCreateRootKey(random: Random, domain: string): Uint8Array {
  const stored = Preference.get(domain, ROOT_KEY_NAME);
  if (stored instanceof ArrayBuffer && stored.byteLength === ROOT_KEY_LENGTH) return new Uint8Array(stored.slice(0));
  const key = random.fill(new Uint8Array(ROOT_KEY_LENGTH));
  Preference.set(domain, ROOT_KEY_NAME, key.buffer.slice(0) as ArrayBuffer);
  return key;
}
