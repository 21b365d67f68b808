// COSE algorithm identifiers tinydid implements, from the IANA "COSE Algorithms"
// registry (RFC 9053; ESP256 -9 from RFC 9864). Anything not in these tables is
// refused with cose.unsupported.
import type { AeadAlgorithm } from '../crypto/suite';

/** Signature algorithms (RFC 9053 section 2; RFC 9864 section 2). */
export const ALG = Object.freeze({
  ES256: -7,
  /** Fully specified ECDSA P-256 with SHA-256 (RFC 9864): accepted, never emitted. */
  ESP256: -9,
  /** Generic EdDSA (RFC 9053 section 2.2): emitted for Ed25519 for compatibility. */
  EdDSA: -8,
  /** Fully specified Ed25519 (RFC 9864): accepted. */
  Ed25519: -19,
  A128GCM: 1,
  A256GCM: 3,
  ChaCha20Poly1305: 24,
  direct: -6,
  ECDH_ES_HKDF_256: -25,
  ECDH_SS_HKDF_256: -27,
  ECDH_ES_A128KW: -29,
  ECDH_ES_A256KW: -31,
  ECDH_SS_A128KW: -32,
  ECDH_SS_A256KW: -34,
  A128KW: -3,
  A256KW: -5,
});

export type SignatureKind = 'eddsa' | 'es256';

/** The signature algorithms and what verifies them. */
export const SIGNATURE_ALGORITHMS: ReadonlyMap<number, SignatureKind> = new Map<number, SignatureKind>([
  [ALG.EdDSA, 'eddsa'],
  [ALG.Ed25519, 'eddsa'],
  [ALG.ES256, 'es256'],
  [ALG.ESP256, 'es256'],
]);

/** Content encryption algorithms (RFC 9053 sections 4.1, 4.3) and their suite names. */
export const CONTENT_ALGORITHMS: ReadonlyMap<number, AeadAlgorithm> = new Map<number, AeadAlgorithm>([
  [ALG.A128GCM, 'aes-128-gcm'],
  [ALG.A256GCM, 'aes-256-gcm'],
  [ALG.ChaCha20Poly1305, 'chacha20-poly1305'],
]);

export interface EcdhAlgorithm {
  /** Ephemeral-static (sender key fresh per message) or static-static. */
  mode: 'es' | 'ss';
  /** Direct: the KDF output is the CEK; otherwise it is the AES key wrap KEK of this many bytes. */
  wrapKeyLength?: 16 | 32;
  /** COSE algorithm id of the key wrap, used as AlgorithmID in the KDF context (RFC 9053 section 5.2). */
  wrapAlgorithm?: number;
}

/** ECDH key agreement algorithms (RFC 9053 section 6.3), all with HKDF-SHA-256. */
export const ECDH_ALGORITHMS: ReadonlyMap<number, EcdhAlgorithm> = new Map<number, EcdhAlgorithm>([
  [ALG.ECDH_ES_HKDF_256, Object.freeze({ mode: 'es' })],
  [ALG.ECDH_SS_HKDF_256, Object.freeze({ mode: 'ss' })],
  [ALG.ECDH_ES_A128KW, Object.freeze({ mode: 'es', wrapKeyLength: 16, wrapAlgorithm: ALG.A128KW })],
  [ALG.ECDH_ES_A256KW, Object.freeze({ mode: 'es', wrapKeyLength: 32, wrapAlgorithm: ALG.A256KW })],
  [ALG.ECDH_SS_A128KW, Object.freeze({ mode: 'ss', wrapKeyLength: 16, wrapAlgorithm: ALG.A128KW })],
  [ALG.ECDH_SS_A256KW, Object.freeze({ mode: 'ss', wrapKeyLength: 32, wrapAlgorithm: ALG.A256KW })],
]);

/** Key length in bytes of a content algorithm. */
export function contentKeyLength(aead: AeadAlgorithm): number {
  return aead === 'aes-128-gcm' ? 16 : 32;
}
