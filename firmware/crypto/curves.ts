// Every elliptic-curve operation firmware/ performs, as small named functions
// over @noble/curves. The device images replace this module with
// hosts/moddable/crypto/curves.ts (same exports, @stablelib, no P-256 or
// secp256k1); differential tests keep the two byte-equal.
import { ed25519, x25519 as noble25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { TinydidError } from '../errors/tinydid-error';

/** RFC 8032 section 5.1.5: the public key of a 32-byte seed. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed);
}

/**
 * RFC 8032 section 5.1.6: a deterministic signature with a 32-byte seed.
 * `publicKey` is the seed's own (A in step 3), as the key store keeps it;
 * this implementation derives A itself and does not need it.
 */
export function ed25519Sign(seed: Uint8Array, message: Uint8Array, _publicKey: Uint8Array): Uint8Array {
  return ed25519.sign(message, seed);
}

/** RFC 8032 section 5.1.7, strict: canonical S, A and R; small-order A refused. Never throws. */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** Throws unless `bytes` is the canonical encoding of a curve point (RFC 8032 section 5.1.3). */
export function ed25519CheckPoint(bytes: Uint8Array): void {
  if (bytes.length !== 32) throw new Error('Ed25519 points are 32 bytes');
  ed25519.Point.fromBytes(bytes, false);
}

/** The X25519 public key of an Ed25519 public key (RFC 7748 section 4.1 birational map). */
export function ed25519ToX25519(publicKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomery(publicKey);
}

/** RFC 7748 section 6.1: the X25519 public key of a 32-byte scalar. */
export function x25519PublicKey(scalar: Uint8Array): Uint8Array {
  return noble25519.getPublicKey(scalar);
}

/** RFC 7748 X25519; throws `crypto.bad-key` when the result is all zero (section 6.1: small-order point). */
export function x25519(scalar: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (!(scalar instanceof Uint8Array) || scalar.length !== 32 || !(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new TinydidError('crypto.bad-key', 'X25519: scalar and public key are 32 bytes');
  }
  // noble refuses the small-order u values before the ladder (RFC 7748 section 6.1 allows either).
  try {
    return noble25519.getSharedSecret(scalar, publicKey);
  } catch (cause) {
    throw new TinydidError('crypto.bad-key', 'X25519: small-order public key', { cause });
  }
}

/** FIPS 186-5 A.2.2: true when a 32-byte string is a P-256 scalar in [1, n-1]. */
export function p256IsValidPrivateKey(key: Uint8Array): boolean {
  return p256.utils.isValidSecretKey(key);
}

/** Uncompressed (65-byte SEC1) P-256 public key of a private scalar. */
export function p256PublicKey(privateKey: Uint8Array): Uint8Array {
  return p256.getPublicKey(privateKey, false);
}

/** SEC1 point (33 or 65 bytes) decoded, checked on the curve, and re-encoded uncompressed; throws otherwise. */
export function p256DecodePoint(bytes: Uint8Array): Uint8Array {
  return p256.Point.fromBytes(bytes).toBytes(false);
}

/** ECDSA P-256 over SHA-256(message), RFC 6979 nonces, raw r||s. */
export function p256Sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  return p256.sign(message, privateKey, { prehash: true, format: 'compact' });
}

/** ECDSA P-256 over a 32-byte digest computed outside, raw r||s. */
export function p256SignDigest(privateKey: Uint8Array, digest: Uint8Array): Uint8Array {
  return p256.sign(digest, privateKey, { prehash: false, format: 'compact' });
}

/** ECDSA P-256 over SHA-256(message); raw r||s, high S accepted. Never throws. */
export function p256Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return p256.verify(signature, message, publicKey, { prehash: true, lowS: false, format: 'compact' });
  } catch {
    return false;
  }
}

/** P-256 ECDH: the 32-byte x coordinate; throws on a public key off the curve. */
export function p256Ecdh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return p256.getSharedSecret(privateKey, publicKey, true).subarray(1);
}

/** SEC1 secp256k1 point decoded, checked on the curve, and re-encoded uncompressed; throws otherwise. */
export function secp256k1DecodePoint(bytes: Uint8Array): Uint8Array {
  return secp256k1.Point.fromBytes(bytes).toBytes(false);
}

/** ECDSA secp256k1 over SHA-256(message) (RFC 8812 section 3.2, ES256K); raw r||s, high S accepted. Never throws. */
export function secp256k1Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return secp256k1.verify(signature, message, publicKey, { prehash: true, lowS: false, format: 'compact' });
  } catch {
    return false;
  }
}
