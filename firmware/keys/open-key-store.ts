// Opens a key store with the backend of its profile (fixed at creation; see
// key-store-profile.ts). Hosts that may hold either profile use this; a
// software-only device uses openSoftwareKeyStore and leaves the
// secure-element backend out of its image.
import { keyStoreProfile, type OpenKeyStoreOptions } from './key-store-profile';
import { SecureElementKeyStore } from './secure-element-key-store';
import { SoftwareKeyStore } from './software-key-store';

export { keyStoreProfile, openSoftwareKeyStore, PROFILES, type KeyStoreProfile, type OpenKeyStoreOptions } from './key-store-profile';
export type DeviceKeyStore = SoftwareKeyStore | SecureElementKeyStore;

/** Opens (or creates) the key store held in `kv` with the profile it was created with. */
export function openKeyStore(options: OpenKeyStoreOptions): DeviceKeyStore {
  const { kv, suite, random, rootKey } = options;
  return keyStoreProfile(options) === 'secure-element' ? new SecureElementKeyStore({ kv, rootKey, random, suite }) : new SoftwareKeyStore({ kv, rootKey, random, suite });
}
