// Device substitute of firmware/crypto/curves.ts (same exports), over
// @stablelib/ed25519 and @stablelib/x25519: no mutable module state, so the
// image can preload it, and no BigInt garbage. P-256 and secp256k1 are not on
// the Curve25519 devices (DESIGN section 4) and throw `crypto.unsupported`.
// Portable JS (no Moddable imports): the Node and XS test lanes run it.
import { convertPublicKeyToX25519, generateKeyPairFromSeed, sign, verify } from '@stablelib/ed25519';
import { scalarMult, scalarMultBase } from '@stablelib/x25519';
import { TinydidError } from '../../../firmware/errors/tinydid-error';

/** The eight points of small order (RFC 8032 cofactor 8), canonically encoded, as hex. */
const SMALL_ORDER = Object.freeze([
  '0100000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
]);
/** Encodings of the two points with x = 0 (y = 1 and y = -1) with the sign bit set. */
const NEGATIVE_ZERO_X = Object.freeze([
  '0100000000000000000000000000000000000000000000000000000000000080',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
]);

function isHex(bytes: Uint8Array, hex: string): boolean {
  for (let i = 0; i < 32; i++) if (bytes[i] !== parseInt(hex.slice(2 * i, 2 * i + 2), 16)) return false;
  return true;
}

/** RFC 8032 section 5.1.3 step 1: y (bit 255 cleared) must be below p = 2^255 - 19. */
function isCanonicalY(bytes: Uint8Array): boolean {
  if ((bytes[31] & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (bytes[i] !== 0xff) return true;
  return bytes[0] < 0xed;
}

/** Canonical encoding of a point, x = 0 without the sign bit (section 5.1.3 step 4). */
function isStrictEncoding(bytes: Uint8Array): boolean {
  return bytes instanceof Uint8Array && bytes.length === 32 && isCanonicalY(bytes) && !NEGATIVE_ZERO_X.some((h) => isHex(bytes, h));
}

/** RFC 8032 section 5.1.5: the public key of a 32-byte seed. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return generateKeyPairFromSeed(seed).publicKey;
}

/**
 * RFC 8032 section 5.1.6: a deterministic signature with a 32-byte seed and
 * its public key A, as the key store keeps it: @stablelib signs with
 * seed || A, so passing A saves deriving it (a scalar multiplication) again.
 */
export function ed25519Sign(seed: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const secretKey = new Uint8Array(64);
  secretKey.set(seed);
  secretKey.set(publicKey, 32);
  try {
    return sign(secretKey, message);
  } finally {
    secretKey.fill(0);
  }
}

/**
 * RFC 8032 section 5.1.7, strict: canonical S (stablelib), canonical A and R
 * (R by re-encoding), small-order A refused as firmware/crypto/curves.ts does.
 * Never throws.
 */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== 64 || !(message instanceof Uint8Array)) return false;
  if (!isStrictEncoding(publicKey) || SMALL_ORDER.some((h) => isHex(publicKey, h))) return false;
  try {
    return verify(publicKey, message, signature);
  } catch {
    return false;
  }
}

/** Throws unless `bytes` is the canonical encoding of a curve point (RFC 8032 section 5.1.3). */
export function ed25519CheckPoint(bytes: Uint8Array): void {
  if (!isStrictEncoding(bytes)) throw new Error('Ed25519: not a canonical point encoding');
  // Decodes the point (x recovered from y, section 5.1.3 steps 2-3); throws when there is no x.
  convertPublicKeyToX25519(bytes);
}

/** The X25519 public key of an Ed25519 public key (RFC 7748 section 4.1 birational map). */
export function ed25519ToX25519(publicKey: Uint8Array): Uint8Array {
  ed25519CheckPoint(publicKey);
  // u = (1 + y) / (1 - y) has no value at the identity (y = 1).
  if (isHex(publicKey, SMALL_ORDER[0])) throw new Error('Ed25519: the identity has no Montgomery form');
  return convertPublicKeyToX25519(publicKey);
}

/** RFC 7748 section 6.1: the X25519 public key of a 32-byte scalar. */
export function x25519PublicKey(scalar: Uint8Array): Uint8Array {
  if (!(scalar instanceof Uint8Array) || scalar.length !== 32) throw new Error('X25519: scalar must be 32 bytes');
  return scalarMultBase(scalar);
}

/** RFC 7748 X25519; throws `crypto.bad-key` when the result is all zero (section 6.1: small-order point). */
export function x25519(scalar: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (!(scalar instanceof Uint8Array) || scalar.length !== 32 || !(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new TinydidError('crypto.bad-key', 'X25519: scalar and public key are 32 bytes');
  }
  const shared = scalarMult(scalar, publicKey);
  let acc = 0;
  for (let i = 0; i < 32; i++) acc |= shared[i];
  if (acc === 0) throw new TinydidError('crypto.bad-key', 'X25519: small-order public key');
  return shared;
}

function unsupported(what: string): never {
  throw new TinydidError('crypto.unsupported', `${what} is not in the device images`);
}

/** Not on the device: throws `crypto.unsupported`. */
export function p256IsValidPrivateKey(_key: Uint8Array): boolean {
  return unsupported('P-256');
}

/** Not on the device: throws `crypto.unsupported`. */
export function p256PublicKey(_privateKey: Uint8Array): Uint8Array {
  return unsupported('P-256');
}

/** Not on the device: throws `crypto.unsupported`. */
export function p256DecodePoint(_bytes: Uint8Array): Uint8Array {
  return unsupported('P-256');
}

/** Not on the device: throws `crypto.unsupported`. */
export function p256Sign(_privateKey: Uint8Array, _message: Uint8Array): Uint8Array {
  return unsupported('P-256');
}

/** Not on the device: throws `crypto.unsupported`. */
export function p256SignDigest(_privateKey: Uint8Array, _digest: Uint8Array): Uint8Array {
  return unsupported('P-256');
}

/** Not on the device: throws `crypto.unsupported`. */
export function p256Verify(_signature: Uint8Array, _message: Uint8Array, _publicKey: Uint8Array): boolean {
  return unsupported('P-256');
}

/** Not on the device: throws `crypto.unsupported`. */
export function p256Ecdh(_privateKey: Uint8Array, _publicKey: Uint8Array): Uint8Array {
  return unsupported('P-256');
}

/** Not on the device: throws `crypto.unsupported`. */
export function secp256k1DecodePoint(_bytes: Uint8Array): Uint8Array {
  return unsupported('secp256k1');
}

/** Not on the device: throws `crypto.unsupported`. */
export function secp256k1Verify(_signature: Uint8Array, _message: Uint8Array, _publicKey: Uint8Array): boolean {
  return unsupported('secp256k1');
}
