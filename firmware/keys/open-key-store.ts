import { utf8Decode, utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { Random } from '../host/random';
import type { KvStore } from '../storage/kv';
import { openRecord, sealRecord, deriveFromRoot } from './sealed-record';
import { SecureElementKeyStore } from './secure-element-key-store';
import { SoftwareKeyStore } from './software-key-store';

export type KeyStoreProfile = 'software' | 'secure-element';
export type DeviceKeyStore = SoftwareKeyStore | SecureElementKeyStore;
export const PROFILES: readonly KeyStoreProfile[] = Object.freeze(['software', 'secure-element']);

const PROFILE_RECORD = 'meta/profile';

export interface OpenKeyStoreOptions {
  kv: KvStore;
  rootKey: Uint8Array;
  random: Random;
  suite: CryptoSuite;
  /**
   * The profile is fixed when the store is created (the first open writes it,
   * sealed). Later opens may leave it out; asking for another one is
   * `keys.profile-mismatch`. Default for a new store: 'software'.
   */
  profile?: KeyStoreProfile;
}

/** Opens (or creates) the key store held in `kv` with the profile it was created with. */
export function openKeyStore(options: OpenKeyStoreOptions): DeviceKeyStore {
  const { kv, suite, random, rootKey } = options;
  if (options.profile !== undefined && !PROFILES.includes(options.profile)) {
    throw new TinydidError('keys.bad-argument', `unknown profile ${String(options.profile)} (software, secure-element)`);
  }
  const ctx = { suite, random, recordKey: deriveFromRoot(suite, rootKey, 'records') };
  const record = kv.get(PROFILE_RECORD);
  let profile: KeyStoreProfile;
  if (record === undefined) {
    profile = options.profile ?? 'software';
    kv.put(PROFILE_RECORD, sealRecord(ctx, PROFILE_RECORD, utf8Encode(profile), new Uint8Array(0)));
  } else {
    const stored = utf8Decode(openRecord(ctx, PROFILE_RECORD, record).header);
    if (!PROFILES.includes(stored as KeyStoreProfile)) throw new TinydidError('keys.tampered', 'the stored profile is unknown');
    profile = stored as KeyStoreProfile;
    if (options.profile !== undefined && options.profile !== profile) {
      throw new TinydidError('keys.profile-mismatch', `this store was created with the ${profile} profile, not ${options.profile}; the profile is fixed at creation`);
    }
  }
  return profile === 'secure-element' ? new SecureElementKeyStore({ kv, rootKey, random, suite }) : new SoftwareKeyStore({ kv, rootKey, random, suite });
}
