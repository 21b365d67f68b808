// The key store's profile record and the software-only opener. A device image
// that only ever holds software keys opens its store with openSoftwareKeyStore
// and carries no secure-element backend; open-key-store.ts composes the same
// profile check with both backends for hosts that choose by profile.
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { Random } from '../host/random';
import type { KvStore } from '../storage/kv';
import { deriveFromRoot, openRecord, sealRecord } from './sealed-record';
import { SoftwareKeyStore } from './software-key-store';

export type KeyStoreProfile = 'software' | 'secure-element';
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

/**
 * The profile of the store held in `options.kv`: the sealed record a first
 * open wrote (`keys.tampered` when it does not authenticate or names no
 * profile), or, for a new store, `options.profile` (default 'software'),
 * written now. Asking for another profile than the stored one is
 * `keys.profile-mismatch`.
 */
export function keyStoreProfile(options: OpenKeyStoreOptions): KeyStoreProfile {
  const { kv, suite, random, rootKey } = options;
  if (options.profile !== undefined && !PROFILES.includes(options.profile)) {
    throw new TinydidError('keys.bad-argument', `unknown profile ${String(options.profile)} (software, secure-element)`);
  }
  const ctx = { suite, random, recordKey: deriveFromRoot(suite, rootKey, 'records') };
  const record = kv.get(PROFILE_RECORD);
  if (record === undefined) {
    const profile = options.profile ?? 'software';
    kv.put(PROFILE_RECORD, sealRecord(ctx, PROFILE_RECORD, utf8Encode(profile), new Uint8Array(0)));
    return profile;
  }
  const stored = utf8Decode(openRecord(ctx, PROFILE_RECORD, record).header);
  if (!PROFILES.includes(stored as KeyStoreProfile)) throw new TinydidError('keys.tampered', 'the stored profile is unknown');
  const profile = stored as KeyStoreProfile;
  if (options.profile !== undefined && options.profile !== profile) {
    throw new TinydidError('keys.profile-mismatch', `this store was created with the ${profile} profile, not ${options.profile}; the profile is fixed at creation`);
  }
  return profile;
}

/**
 * Opens (or creates) a software-profile key store. A store created with the
 * secure-element profile is `keys.profile-mismatch`: it never opens its keys
 * in software instead.
 */
export function openSoftwareKeyStore(options: Omit<OpenKeyStoreOptions, 'profile'>): SoftwareKeyStore {
  const { kv, suite, random, rootKey } = options;
  keyStoreProfile({ kv, suite, random, rootKey, profile: 'software' });
  return new SoftwareKeyStore({ kv, rootKey, random, suite });
}
