// COSE_Key (RFC 9052 section 7; RFC 9053 section 7): OKP (Ed25519, X25519), EC2
// (P-256) and Symmetric keys, with JWK conversion (RFC 8037, RFC 7518 section 6).
import { fromBase64url, toBase64url } from '../bytes/base64url';
import { concatBytes } from '../bytes/concat';
import type { CborMap, CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';

export type CoseKeyType = 'OKP' | 'EC2' | 'Symmetric';
export type CoseCurve = 'P-256' | 'X25519' | 'Ed25519';

/** A public (or symmetric) COSE key. Private parts never appear here: they live in the key store. */
export interface CoseKey {
  kty: CoseKeyType;
  crv?: CoseCurve;
  /** OKP: 32 bytes; EC2: SEC1, 65 bytes uncompressed or 33 compressed. */
  publicKey?: Uint8Array;
  /** Symmetric: the key bytes. */
  k?: Uint8Array;
  kid?: Uint8Array;
  alg?: number;
  /** Base IV (label 5): with a Partial IV header, IV = Base IV XOR left-padded Partial IV (RFC 9052 section 3.1). */
  baseIv?: Uint8Array;
}

/** RFC 9052 section 7.1 and RFC 9053 section 7 labels. */
export const KEY_LABEL = Object.freeze({ kty: 1, kid: 2, alg: 3, keyOps: 4, baseIv: 5, crv: -1, x: -2, y: -3, d: -4, k: -1 });
const KTY: ReadonlyMap<number, CoseKeyType> = new Map<number, CoseKeyType>([[1, 'OKP'], [2, 'EC2'], [4, 'Symmetric']]);
const KTY_ID: Readonly<Record<CoseKeyType, number>> = Object.freeze({ OKP: 1, EC2: 2, Symmetric: 4 });
const CRV: ReadonlyMap<number, CoseCurve> = new Map<number, CoseCurve>([[1, 'P-256'], [4, 'X25519'], [6, 'Ed25519']]);
const CRV_ID: Readonly<Record<CoseCurve, number>> = Object.freeze({ 'P-256': 1, X25519: 4, Ed25519: 6 });

function bytesOf(map: CborMap, label: number, what: string, length?: number): Uint8Array {
  const v = map.get(label);
  if (!(v instanceof Uint8Array) || (length !== undefined && v.length !== length)) {
    throw new TinydidError('cose.bad-key', `COSE_Key ${what} must be ${length ?? 'a'} byte${length === 1 ? '' : 's'}${length === undefined ? ' string' : ''}`);
  }
  return v;
}

/** A COSE_Key map from a message or a file, checked (RFC 9053 section 7). */
export function decodeCoseKey(value: CborValue): CoseKey {
  if (!(value instanceof Map)) throw new TinydidError('cose.bad-key', 'COSE_Key is not a map');
  const ktyId = value.get(KEY_LABEL.kty);
  const kty = typeof ktyId === 'number' ? KTY.get(ktyId) : undefined;
  if (kty === undefined) throw new TinydidError('cose.unsupported', `key type ${String(ktyId)}`);
  const key: CoseKey = { kty };
  const kid = value.get(KEY_LABEL.kid);
  if (kid !== undefined) {
    if (!(kid instanceof Uint8Array)) throw new TinydidError('cose.bad-key', 'COSE_Key kid must be a byte string');
    key.kid = kid;
  }
  const alg = value.get(KEY_LABEL.alg);
  if (alg !== undefined) {
    if (typeof alg !== 'number') throw new TinydidError('cose.unsupported', `key algorithm ${String(alg)}`);
    key.alg = alg;
  }
  if (value.has(KEY_LABEL.baseIv)) key.baseIv = bytesOf(value, KEY_LABEL.baseIv, 'Base IV');
  if (kty === 'Symmetric') {
    key.k = bytesOf(value, KEY_LABEL.k, 'k');
    return key;
  }
  // A public key in a message must not carry its private part.
  if (value.has(KEY_LABEL.d)) throw new TinydidError('cose.bad-key', 'COSE_Key carries a private key (d)');
  const crvId = value.get(KEY_LABEL.crv);
  const crv = typeof crvId === 'number' ? CRV.get(crvId) : undefined;
  if (crv === undefined) throw new TinydidError('cose.unsupported', `curve ${String(crvId)}`);
  key.crv = crv;
  if (kty === 'OKP') {
    if (crv === 'P-256') throw new TinydidError('cose.bad-key', 'P-256 is not an OKP curve (RFC 9053 section 7.2)');
    key.publicKey = bytesOf(value, KEY_LABEL.x, 'x', 32);
  } else {
    if (crv !== 'P-256') throw new TinydidError('cose.bad-key', `${crv} is not an EC2 curve (RFC 9053 section 7.1)`);
    const x = bytesOf(value, KEY_LABEL.x, 'x', 32);
    const y = value.get(KEY_LABEL.y);
    // RFC 9053 section 7.1.1: y is the coordinate, or its sign bit as a bool (point compression).
    if (typeof y === 'boolean') key.publicKey = concatBytes(Uint8Array.of(y ? 3 : 2), x);
    else key.publicKey = concatBytes(Uint8Array.of(4), x, bytesOf(value, KEY_LABEL.y, 'y', 32));
  }
  return key;
}

/** The COSE_Key map of `key` (EC2 keys keep the form they have: 65 bytes -> x, y; 33 -> x, sign bit). */
export function encodeCoseKey(key: CoseKey): CborMap {
  const map: CborMap = new Map();
  map.set(KEY_LABEL.kty, KTY_ID[key.kty]);
  if (key.kid !== undefined) map.set(KEY_LABEL.kid, key.kid);
  if (key.alg !== undefined) map.set(KEY_LABEL.alg, key.alg);
  if (key.baseIv !== undefined) map.set(KEY_LABEL.baseIv, key.baseIv);
  if (key.kty === 'Symmetric') {
    if (!(key.k instanceof Uint8Array)) throw new TinydidError('cose.bad-key', 'symmetric key without k');
    map.set(KEY_LABEL.k, key.k);
    return map;
  }
  if (key.crv === undefined || !(key.publicKey instanceof Uint8Array)) throw new TinydidError('cose.bad-key', 'key without curve or public key');
  map.set(KEY_LABEL.crv, CRV_ID[key.crv]);
  const pub = key.publicKey;
  if (key.kty === 'OKP') map.set(KEY_LABEL.x, pub);
  else if (pub.length === 65 && pub[0] === 4) {
    map.set(KEY_LABEL.x, pub.slice(1, 33));
    map.set(KEY_LABEL.y, pub.slice(33));
  } else if (pub.length === 33 && (pub[0] === 2 || pub[0] === 3)) {
    map.set(KEY_LABEL.x, pub.slice(1));
    map.set(KEY_LABEL.y, pub[0] === 3);
  } else throw new TinydidError('cose.bad-key', 'EC2 public key is not SEC1');
  return map;
}

/** A public COSE key from a key store type and public key bytes. */
export function coseKeyFromPublic(type: 'ed25519' | 'x25519' | 'p256', publicKey: Uint8Array, kid?: Uint8Array): CoseKey {
  const key: CoseKey =
    type === 'p256' ? { kty: 'EC2', crv: 'P-256', publicKey } : { kty: 'OKP', crv: type === 'ed25519' ? 'Ed25519' : 'X25519', publicKey };
  if (kid !== undefined) key.kid = kid;
  return key;
}

export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  k?: string;
  kid?: string;
}

/** A JWK (RFC 8037 OKP, RFC 7518 EC and oct) as a COSE key; `kid` text becomes UTF-8 bytes elsewhere. */
export function coseKeyFromJwk(jwk: PublicJwk, kid?: Uint8Array): CoseKey {
  let key: CoseKey;
  if (jwk.kty === 'OKP' && (jwk.crv === 'Ed25519' || jwk.crv === 'X25519') && typeof jwk.x === 'string') {
    key = { kty: 'OKP', crv: jwk.crv, publicKey: fromBase64url(jwk.x) };
    if (key.publicKey!.length !== 32) throw new TinydidError('cose.bad-key', 'OKP x must be 32 bytes');
  } else if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    const x = fromBase64url(jwk.x);
    const y = fromBase64url(jwk.y);
    if (x.length !== 32 || y.length !== 32) throw new TinydidError('cose.bad-key', 'P-256 x and y must be 32 bytes');
    key = { kty: 'EC2', crv: 'P-256', publicKey: concatBytes(Uint8Array.of(4), x, y) };
  } else if (jwk.kty === 'oct' && typeof jwk.k === 'string') {
    key = { kty: 'Symmetric', k: fromBase64url(jwk.k) };
  } else throw new TinydidError('cose.unsupported', `JWK kty ${String(jwk.kty)} crv ${String(jwk.crv)}`);
  if (kid !== undefined) key.kid = kid;
  return key;
}

/** The JWK of a public COSE key (uncompressed EC2 keys only). */
export function coseKeyToJwk(key: CoseKey): PublicJwk {
  if (key.kty === 'Symmetric' && key.k !== undefined) return { kty: 'oct', k: toBase64url(key.k) };
  const pub = key.publicKey;
  if (key.kty === 'OKP' && pub !== undefined && key.crv !== undefined) return { kty: 'OKP', crv: key.crv, x: toBase64url(pub) };
  if (key.kty === 'EC2' && pub !== undefined && pub.length === 65) return { kty: 'EC', crv: 'P-256', x: toBase64url(pub.slice(1, 33)), y: toBase64url(pub.slice(33)) };
  throw new TinydidError('cose.unsupported', 'no JWK form for this key');
}
