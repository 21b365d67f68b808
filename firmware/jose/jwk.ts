import { fromBase64url, toBase64url } from '../bytes/base64url';
import { concatBytes } from '../bytes/concat';
import { ed25519CheckPoint, p256DecodePoint, secp256k1DecodePoint } from '../crypto/curves';
import { TinydidError } from '../errors/tinydid-error';
import { isJsonObject, type JsonObject } from './json';

/**
 * A public key as tinydid handles it: Ed25519 and X25519 as 32 raw bytes;
 * P-256 and secp256k1 as 65-byte uncompressed SEC1 points (validated on the curve).
 */
export type Curve = 'Ed25519' | 'X25519' | 'P-256' | 'secp256k1';
export interface PublicKey {
  crv: Curve;
  bytes: Uint8Array;
}

/** Curves named by JWK/COSE registries that tinydid refuses with `jose.unsupported-curve`. */
const KNOWN_UNSUPPORTED = Object.freeze(['P-384', 'P-521', 'Ed448', 'X448']);

function b64(value: unknown, length: number, what: string): Uint8Array {
  if (typeof value !== 'string') throw new TinydidError('jose.malformed', `JWK ${what} must be a base64url string`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(value);
  } catch (cause) {
    throw new TinydidError('jose.malformed', `JWK ${what} is not base64url`, { cause });
  }
  if (bytes.length !== length) throw new TinydidError('jose.malformed', `JWK ${what} must be ${length} bytes, got ${bytes.length}`);
  return bytes;
}

/** Checks that `bytes` is a valid point of `crv`; returns it uncompressed for the Weierstrass curves. */
export function validatePublicKey(crv: Curve, bytes: Uint8Array): PublicKey {
  try {
    if (crv === 'P-256') return { crv, bytes: p256DecodePoint(bytes) };
    if (crv === 'secp256k1') return { crv, bytes: secp256k1DecodePoint(bytes) };
    if (bytes.length !== 32) throw new Error(`${crv} keys are 32 bytes`);
    // RFC 8032 section 5.1.3: an Ed25519 key must decode to a point.
    if (crv === 'Ed25519') ed25519CheckPoint(bytes);
    return { crv, bytes: Uint8Array.from(bytes) };
  } catch (cause) {
    // A curve the image leaves out (crypto.unsupported) is not a bad key.
    if (cause instanceof TinydidError) throw cause;
    throw new TinydidError('jose.bad-key', `${crv} public key is not a valid point`, { cause });
  }
}

function curveOf(jwk: JsonObject): Curve {
  const crv = jwk.crv;
  if (typeof crv !== 'string') throw new TinydidError('jose.malformed', 'JWK has no crv');
  if (KNOWN_UNSUPPORTED.includes(crv)) throw new TinydidError('jose.unsupported-curve', `curve ${crv} is not supported`);
  // RFC 8037 section 2 (OKP) and RFC 7518 section 6.2 (EC).
  if ((crv === 'Ed25519' || crv === 'X25519') && jwk.kty === 'OKP') return crv;
  if ((crv === 'P-256' || crv === 'secp256k1') && jwk.kty === 'EC') return crv;
  if (crv === 'Ed25519' || crv === 'X25519' || crv === 'P-256' || crv === 'secp256k1') {
    throw new TinydidError('jose.malformed', `JWK kty ${String(jwk.kty)} does not match crv ${crv}`);
  }
  throw new TinydidError('jose.unsupported-curve', `curve ${crv} is not supported`);
}

/** Public key of a JWK (RFC 7517); validates the point. */
export function publicKeyFromJwk(jwk: unknown): PublicKey {
  if (!isJsonObject(jwk)) throw new TinydidError('jose.malformed', 'JWK must be a JSON object');
  const crv = curveOf(jwk);
  if (crv === 'Ed25519' || crv === 'X25519') return validatePublicKey(crv, b64(jwk.x, 32, 'x'));
  return validatePublicKey(crv, concatBytes(new Uint8Array([4]), b64(jwk.x, 32, 'x'), b64(jwk.y, 32, 'y')));
}

/** The public JWK of `key` (members in the order the reference implementation writes them). */
export function publicKeyToJwk(key: PublicKey): JsonObject {
  if (key.crv === 'Ed25519' || key.crv === 'X25519') return { crv: key.crv, kty: 'OKP', x: toBase64url(key.bytes) };
  const point = validatePublicKey(key.crv, key.bytes).bytes;
  return { crv: key.crv, kty: 'EC', x: toBase64url(point.subarray(1, 33)), y: toBase64url(point.subarray(33, 65)) };
}

/** A private JWK: the curve, the private scalar/seed `d`, and its public key. */
export interface PrivateJwk {
  crv: Curve;
  d: Uint8Array;
  publicKey: PublicKey;
}

/** Decodes a private JWK (RFC 8037 section 2, RFC 7518 section 6.2.2). */
export function privateKeyFromJwk(jwk: unknown): PrivateJwk {
  if (!isJsonObject(jwk)) throw new TinydidError('jose.malformed', 'JWK must be a JSON object');
  const publicKey = publicKeyFromJwk(jwk);
  return { crv: publicKey.crv, d: b64(jwk.d, 32, 'd'), publicKey };
}

/** A private JWK object for `d` and its public key. */
export function privateKeyToJwk(publicKey: PublicKey, d: Uint8Array): JsonObject {
  const pub = publicKeyToJwk(publicKey);
  return { crv: pub.crv, d: toBase64url(d), kty: pub.kty, x: pub.x, ...(pub.y === undefined ? {} : { y: pub.y }) };
}

/** Same curve and same point. */
export function samePublicKey(a: PublicKey, b: PublicKey): boolean {
  if (a.crv !== b.crv || a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}
