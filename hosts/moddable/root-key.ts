import Preference from 'preference';
import type { Random } from '../../firmware/host/random';

/** Preference domain and key of the device root key (apart from the records it seals). */
export const ROOT_KEY_DOMAIN = 'tinydid-root';
export const ROOT_KEY_NAME = 'root';
const ROOT_KEY_LENGTH = 32;

/**
 * The 32-byte device root key that seals the key store's records
 * (firmware/keys/sealed-record.ts), created from the native RNG on first boot.
 * Stored with Preference; on a production ESP32 this is only as safe as NVS
 * encryption with flash encryption (keys in eFuse), and on nRF52 as APPROTECT
 * (hosts/moddable/README.md, "Root key").
 */
export function loadOrCreateRootKey(random: Random): Uint8Array {
  const stored = Preference.get(ROOT_KEY_DOMAIN, ROOT_KEY_NAME);
  if (stored instanceof ArrayBuffer && stored.byteLength === ROOT_KEY_LENGTH) return new Uint8Array(stored.slice(0));
  const key = random.fill(new Uint8Array(ROOT_KEY_LENGTH));
  Preference.set(ROOT_KEY_DOMAIN, ROOT_KEY_NAME, key.buffer.slice(0) as ArrayBuffer);
  return key;
}
