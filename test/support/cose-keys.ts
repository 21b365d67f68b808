// Test helper: a software key store in memory and the keys of the cose-wg
// vectors (JWK-like objects with base64url or *_hex members) imported into it.
import { fromBase64url } from '../../firmware/bytes/base64url';
import { concatBytes } from '../../firmware/bytes/concat';
import { fromHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { coseKeyFromPublic, type CoseKey } from '../../firmware/cose/key';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import type { KeyStore, KeyType } from '../../firmware/keys/key-store';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';

/** A volatile software key store over an in-memory KV (deterministic test randomness). */
export function testKeyStore(seed = 7): KeyStore {
  return new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: new Uint8Array(32).fill(seed), random: xsTestRandom(seed), suite: portableSuite });
}

export interface VectorJwk {
  kty: string;
  crv?: string;
  kid?: string;
  x?: string;
  y?: string;
  d?: string;
  k?: string;
  x_hex?: string;
  y_hex?: string;
  d_hex?: string;
  k_hex?: string;
}

function part(jwk: VectorJwk, name: 'x' | 'y' | 'd' | 'k'): Uint8Array | undefined {
  const hex = jwk[`${name}_hex`];
  if (hex !== undefined) return fromHex(hex);
  const b64 = jwk[name];
  return b64 === undefined ? undefined : fromBase64url(b64);
}

export function keyTypeOf(jwk: VectorJwk): KeyType | undefined {
  if (jwk.crv === 'Ed25519') return 'ed25519';
  if (jwk.crv === 'X25519') return 'x25519';
  if (jwk.crv === 'P-256') return 'p256';
  return undefined;
}

/** The public COSE key of a vector key (kid as UTF-8 bytes). */
export function publicCoseKey(jwk: VectorJwk): CoseKey {
  const kid = jwk.kid === undefined ? undefined : utf8Encode(jwk.kid);
  if (jwk.kty === 'oct') {
    const key: CoseKey = { kty: 'Symmetric', k: part(jwk, 'k')! };
    if (kid !== undefined) key.kid = kid;
    return key;
  }
  const type = keyTypeOf(jwk);
  if (type === undefined) throw new Error(`test helper: unsupported vector key ${jwk.kty}/${jwk.crv}`);
  const x = part(jwk, 'x')!;
  const pub = type === 'p256' ? concatBytes(Uint8Array.of(4), x, part(jwk, 'y')!) : x;
  return coseKeyFromPublic(type, pub, kid);
}

/** Imports the private part of a vector key; returns its key store id. */
export function importVectorKey(store: KeyStore, jwk: VectorJwk, usage: 'sign' | 'derive'): string {
  const type = keyTypeOf(jwk);
  if (type === undefined) throw new Error(`test helper: unsupported vector key ${jwk.kty}/${jwk.crv}`);
  const algorithm = usage === 'derive' ? 'ecdh' : type === 'p256' ? 'es256' : 'eddsa';
  return store.import({ type, usage, algorithm, persistence: 'volatile' }, part(jwk, 'd')!);
}
