// Test helper: a software key store in memory and the keys of the cose-wg
// vectors (JWK-like objects with base64url or *_hex members) imported into it.
import { fromBase64url } from '../../firmware/bytes/base64url';
import { fromHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import type { CborMap } from '../../firmware/cbor/value';
import { decodeCoseKey, type CoseKey } from '../../firmware/cose/key';
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

const KTY_IDS: Readonly<Record<string, number>> = Object.freeze({ OKP: 1, EC: 2, oct: 4 });
/** IANA COSE Elliptic Curves (RFC 9053 section 7.1). */
const CRV_IDS: Readonly<Record<string, number>> = Object.freeze({ 'P-256': 1, 'P-384': 2, 'P-521': 3, X25519: 4, X448: 5, Ed25519: 6, Ed448: 7 });

/** The public COSE_Key map of a vector key (kid as UTF-8 bytes), as a peer would send it. */
export function vectorKeyMap(jwk: VectorJwk): CborMap {
  const map: CborMap = new Map();
  map.set(1, KTY_IDS[jwk.kty] ?? -1);
  if (jwk.kid !== undefined) map.set(2, utf8Encode(jwk.kid));
  if (jwk.kty === 'oct') {
    map.set(-1, part(jwk, 'k')!);
    return map;
  }
  map.set(-1, jwk.crv === undefined ? -1 : CRV_IDS[jwk.crv] ?? -1);
  map.set(-2, part(jwk, 'x')!);
  const y = part(jwk, 'y');
  if (y !== undefined) map.set(-3, y);
  return map;
}

/** The public COSE key of a vector key, through firmware/cose (keys on curves tinydid lacks are cose.unsupported). */
export function publicCoseKey(jwk: VectorJwk): CoseKey {
  return decodeCoseKey(vectorKeyMap(jwk));
}

/** Imports the private part of a vector key; returns its key store id. */
export function importVectorKey(store: KeyStore, jwk: VectorJwk, usage: 'sign' | 'derive'): string {
  const type = keyTypeOf(jwk);
  if (type === undefined) throw new Error(`test helper: unsupported vector key ${jwk.kty}/${jwk.crv}`);
  const algorithm = usage === 'derive' ? 'ecdh' : type === 'p256' ? 'es256' : 'eddsa';
  return store.import({ type, usage, algorithm, persistence: 'volatile' }, part(jwk, 'd')!);
}
