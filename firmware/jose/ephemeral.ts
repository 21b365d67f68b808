import { p256IsValidPrivateKey } from '../crypto/curves';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { randomBytes, type Random } from '../host/random';
import type { PublicKey } from './jwk';

/** An ephemeral key pair for one JWE (never stored; the key store holds long-term keys only). */
export interface EphemeralKey {
  scalar: Uint8Array;
  publicKey: PublicKey;
}

/** A fresh ephemeral key on X25519 or P-256 from the Random seam. */
export function ephemeralKey(crv: 'X25519' | 'P-256', random: Random, suite: CryptoSuite): EphemeralKey {
  if (crv === 'X25519') {
    const scalar = randomBytes(random, 32);
    return { scalar, publicKey: { crv, bytes: suite.x25519PublicKey(scalar) } };
  }
  for (let i = 0; i < 16; i++) {
    const scalar = randomBytes(random, 32);
    // FIPS 186-5 A.2.2 (rejection sampling): the scalar must be in [1, n-1].
    if (p256IsValidPrivateKey(scalar)) return { scalar, publicKey: { crv, bytes: suite.p256PublicKey(scalar) } };
  }
  throw new TinydidError('jose.bad-key', 'the random source gave no valid P-256 scalar in 16 tries');
}

/** ECDH of an ephemeral scalar with a peer public key of the same curve. */
export function ephemeralAgree(eph: EphemeralKey, peer: PublicKey, suite: CryptoSuite): Uint8Array {
  if (peer.crv !== eph.publicKey.crv) throw new TinydidError('jose.bad-key', `cannot agree ${eph.publicKey.crv} with ${peer.crv}`);
  return peer.crv === 'X25519' ? suite.x25519(eph.scalar, peer.bytes) : suite.p256Ecdh(eph.scalar, peer.bytes);
}
