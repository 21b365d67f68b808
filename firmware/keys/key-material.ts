// Private-key operations, used only inside the key store backends: nothing
// outside firmware/keys imports this file. Signing uses the curve primitives
// (firmware/crypto/curves.ts) because the crypto suite has no private-key
// operations by design.
import { concatBytes } from '../bytes/concat';
import { ed25519PublicKey, ed25519Sign, p256IsValidPrivateKey, p256Sign, p256SignDigest } from '../crypto/curves';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { Random } from '../host/random';
import { checkDerivation, deriveKey } from './kdf';
import type { AgreementRequest, KeyType } from './key-store';

/** Private keys are 32 bytes for every type: Ed25519 seed, X25519 scalar, P-256 scalar. */
export const PRIVATE_KEY_LENGTH = 32;
/** Agreement takes at most two peers (ECDH-1PU: ephemeral and sender) and a 64-byte prefix (Ze). */
export const MAX_PEERS = 2;
export const MAX_PREFIX = 64;

/** A fresh private key of `type` from the Random seam. */
export function generatePrivateKey(type: KeyType, random: Random): Uint8Array {
  for (let attempt = 0; attempt < 64; attempt++) {
    const key = random.fill(new Uint8Array(PRIVATE_KEY_LENGTH));
    // FIPS 186-5 appendix A.2.2 (rejection sampling): a P-256 scalar must be in [1, n-1].
    if (type !== 'p256' || p256IsValidPrivateKey(key)) return key;
  }
  throw new TinydidError('keys.bad-argument', 'the random source keeps returning invalid P-256 scalars');
}

/** Checks an imported private key: 32 bytes, and for P-256 a scalar in [1, n-1]. */
export function checkPrivateKey(type: KeyType, key: unknown): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== PRIVATE_KEY_LENGTH) {
    throw new TinydidError('keys.bad-key', `a ${type} private key is ${PRIVATE_KEY_LENGTH} bytes`);
  }
  if (type === 'p256' && !p256IsValidPrivateKey(key)) throw new TinydidError('keys.bad-key', 'P-256 private key is not in [1, n-1]');
  return key.slice();
}

/** Public key: 32 bytes (Ed25519, X25519) or 65-byte uncompressed SEC1 (P-256). */
export function publicKeyOf(type: KeyType, privateKey: Uint8Array, suite: CryptoSuite): Uint8Array {
  switch (type) {
    case 'ed25519':
      return ed25519PublicKey(privateKey);
    case 'x25519':
      return suite.x25519PublicKey(privateKey);
    case 'p256':
      return suite.p256PublicKey(privateKey);
  }
}

/**
 * EdDSA (RFC 8032 section 5.1.6) or ES256 over SHA-256(message), raw r||s
 * (RFC 9053 section 2.1). `publicKey` is the key's own, from publicKeyOf.
 */
export function signWith(type: KeyType, privateKey: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array {
  if (type === 'ed25519') return ed25519Sign(privateKey, message, publicKey);
  // RFC 6979 deterministic nonces; low-S is not required by COSE or JOSE, but harmless.
  return p256Sign(privateKey, message);
}

/** ES256 over a 32-byte digest computed outside (as a secure element's Sign command takes it). */
export function signDigestP256(privateKey: Uint8Array, digest: Uint8Array): Uint8Array {
  return p256SignDigest(privateKey, digest);
}

function checkPeer(type: KeyType, peer: unknown): Uint8Array {
  const ok = peer instanceof Uint8Array && (type === 'x25519' ? peer.length === 32 : peer.length === 33 || peer.length === 65);
  if (!ok) throw new TinydidError('keys.bad-argument', type === 'x25519' ? 'an X25519 peer key is 32 bytes' : 'a P-256 peer key is SEC1, 33 or 65 bytes');
  return peer;
}

/**
 * Z = prefix || ECDH(key, peer_1) || ... then the derivation; the raw shared
 * secrets are wiped before returning. Invalid peer points are `crypto.bad-key`.
 */
export function agreeWith(type: KeyType, privateKey: Uint8Array, request: AgreementRequest, suite: CryptoSuite): Uint8Array {
  if (typeof request !== 'object' || request === null || !Array.isArray(request.peers) || request.peers.length < 1 || request.peers.length > MAX_PEERS) {
    throw new TinydidError('keys.bad-argument', `agreement takes 1..${MAX_PEERS} peer public keys`);
  }
  const prefix = request.prefix ?? new Uint8Array(0);
  if (!(prefix instanceof Uint8Array) || prefix.length > MAX_PREFIX) throw new TinydidError('keys.bad-argument', `prefix must be at most ${MAX_PREFIX} bytes`);
  checkDerivation(request.derivation);
  const secrets = request.peers.map((peer) => {
    checkPeer(type, peer);
    return type === 'x25519' ? suite.x25519(privateKey, peer) : suite.p256Ecdh(privateKey, peer);
  });
  const z = concatBytes(prefix, ...secrets);
  try {
    return deriveKey(suite, z, request.derivation);
  } finally {
    z.fill(0);
    for (const s of secrets) s.fill(0);
  }
}
