import { constantTimeEqual } from '../bytes/equal';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError, isTinydidError } from '../errors/tinydid-error';
import { randomBytes, type Random } from '../host/random';
import type { KeyStore, KeyType, KeyUsage } from '../keys/key-store';
import { SoftwareKeyStore } from '../keys/software-key-store';
import { MemoryKv } from '../storage/memory-kv';
import { isJsonObject } from '../jose/json';
import { privateKeyFromJwk, type Curve } from '../jose/jwk';
import { MapKeyRing } from './key-ring';

/** A software key store in memory, for agents that are not devices (gateways, tests, the CLI). */
export function memorySoftwareKeyStore(random: Random, suite: CryptoSuite): SoftwareKeyStore {
  return new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: randomBytes(random, 32), random, suite });
}

const KEY_TYPES: Partial<Record<Curve, KeyType>> = Object.freeze({ Ed25519: 'ed25519', X25519: 'x25519', 'P-256': 'p256' });

export interface ImportedSecrets {
  ring: MapKeyRing;
  /** Secrets that were not imported, with the TinydidError code (e.g. jose.unsupported-curve for P-521). */
  skipped: Array<{ id: string; code: string }>;
}

/**
 * Imports a secrets file (the reference implementation's format: an array of
 * `{id, type, privateKeyJwk}`) into a software key store as volatile keys,
 * one key per usage: Ed25519 signs, X25519 derives, P-256 does what
 * `usageOf(kid)` says (both when it says nothing). Keys on curves tinydid
 * does not support (secp256k1 signing, P-384, P-521) are skipped and listed.
 * Throws `jose.malformed` for a malformed file, `jose.bad-key` when d does
 * not match the public key given with it.
 */
export function importSecrets(secrets: unknown, store: KeyStore, usageOf: (kid: string) => KeyUsage | undefined = () => undefined): ImportedSecrets {
  if (!Array.isArray(secrets) || secrets.length > 64) throw new TinydidError('jose.malformed', 'secrets must be an array of at most 64 {id, type, privateKeyJwk}');
  const ring = new MapKeyRing(store);
  const skipped: ImportedSecrets['skipped'] = [];
  for (const secret of secrets) {
    if (!isJsonObject(secret) || typeof secret.id !== 'string' || !isJsonObject(secret.privateKeyJwk)) {
      throw new TinydidError('jose.malformed', 'each secret needs id and privateKeyJwk');
    }
    let jwk;
    try {
      jwk = privateKeyFromJwk(secret.privateKeyJwk);
    } catch (e) {
      if (isTinydidError(e, 'jose.unsupported-curve')) {
        skipped.push({ id: secret.id, code: e.code });
        continue;
      }
      throw e;
    }
    const type = KEY_TYPES[jwk.crv];
    if (type === undefined) {
      skipped.push({ id: secret.id, code: 'jose.unsupported-curve' });
      continue;
    }
    const usages: KeyUsage[] = type === 'ed25519' ? ['sign'] : type === 'x25519' ? ['derive'] : usageOf(secret.id) !== undefined ? [usageOf(secret.id) as KeyUsage] : ['sign', 'derive'];
    for (const usage of usages) {
      const algorithm = usage === 'derive' ? 'ecdh' : type === 'ed25519' ? 'eddsa' : 'es256';
      const id = store.import({ type, usage, algorithm, persistence: 'volatile', label: secret.id.slice(-60) }, jwk.d);
      if (!constantTimeEqual(store.exportPublic(id), jwk.publicKey.bytes)) {
        store.destroy(id);
        throw new TinydidError('jose.bad-key', `${secret.id}: d does not match the public key`);
      }
      ring.add(secret.id, usage, id);
    }
  }
  return { ring, skipped };
}
