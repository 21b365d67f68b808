import { secp256k1Verify } from '../crypto/curves';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { PublicKey } from './jwk';

/** JWS algorithms tinydid verifies (DIDComm v2 "Algorithms": EdDSA, ES256, ES256K) and signs (EdDSA, ES256). */
export type JwsAlg = 'EdDSA' | 'ES256' | 'ES256K';

/** The curve each JWS alg needs (RFC 8037 section 3.1, RFC 7518 section 3.4, RFC 8812 section 3.2). */
export const JWS_ALG_CURVE: Readonly<Record<JwsAlg, PublicKey['crv']>> = Object.freeze({ EdDSA: 'Ed25519', ES256: 'P-256', ES256K: 'secp256k1' });

export function checkJwsAlg(alg: unknown): JwsAlg {
  if (alg === 'EdDSA' || alg === 'ES256' || alg === 'ES256K') return alg;
  throw new TinydidError('jose.unsupported-algorithm', `JWS alg ${JSON.stringify(alg)?.slice(0, 40)} is not supported`);
}

/**
 * Verifies a JWS signature (raw r||s for ECDSA, RFC 7518 section 3.4).
 * Ed25519 and P-256 go through the crypto suite; secp256k1, which the suite
 * does not carry, through the curve primitives. Throws `jose.bad-signature`, or
 * `jose.unsupported-algorithm` when the key does not fit the alg.
 */
export function verifyJwsSignature(alg: JwsAlg, key: PublicKey, signingInput: Uint8Array, signature: Uint8Array, suite: CryptoSuite): void {
  if (JWS_ALG_CURVE[alg] !== key.crv) throw new TinydidError('jose.unsupported-algorithm', `alg ${alg} does not fit a ${key.crv} key`);
  let valid = false;
  if (signature.length === 64) {
    if (alg === 'EdDSA') valid = suite.ed25519Verify(signature, signingInput, key.bytes);
    else if (alg === 'ES256') valid = suite.p256Verify(signature, signingInput, key.bytes);
    else valid = secp256k1Verify(signature, signingInput, key.bytes);
  }
  if (!valid) throw new TinydidError('jose.bad-signature', `${alg} signature does not verify`);
}
