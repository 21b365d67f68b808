import { constantTimeEqual } from '../bytes/equal';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { RecordReader, RecordWriter } from './record-bytes';

/**
 * The tinydid attestation statement (version 1), signed by the secure
 * element's factory attestation key with ES256 (ECDSA P-256 over SHA-256 of
 * the statement, raw r||s):
 *
 *   magic "TDA1" (4) | slot u8 | flags u8 (bit 0: generated inside the
 *   element, bit 1: slot locked) | key type u8 (2 = P-256) | usage u8
 *   (0 sign, 1 derive) | nonce (u8 length 1..64 + bytes) |
 *   public key (u8 length 65 + uncompressed SEC1)
 *
 * The whole statement must be consumed. A verifier checks the signature with
 * the attestation public key it trusts (published by the manufacturer), then
 * that the nonce is the one it sent.
 */
export interface Attestation {
  statement: Uint8Array;
  signature: Uint8Array;
}

export interface AttestedKey {
  slot: number;
  generatedInside: boolean;
  locked: boolean;
  usage: 'sign' | 'derive';
  nonce: Uint8Array;
  publicKey: Uint8Array;
}

const MAGIC = Object.freeze([0x54, 0x44, 0x41, 0x31]); // "TDA1"
export const MAX_NONCE = 64;
const P256_TYPE = 2;

/** Checks a verifier's nonce: 1..64 bytes. */
export function checkNonce(nonce: unknown): Uint8Array {
  if (!(nonce instanceof Uint8Array) || nonce.length < 1 || nonce.length > MAX_NONCE) {
    throw new TinydidError('keys.bad-argument', `an attestation nonce is 1..${MAX_NONCE} bytes`);
  }
  return nonce;
}

export function encodeStatement(key: Omit<AttestedKey, 'nonce'>, nonce: Uint8Array): Uint8Array {
  return new RecordWriter()
    .raw(Uint8Array.from(MAGIC))
    .u8(key.slot)
    .u8((key.generatedInside ? 1 : 0) | (key.locked ? 2 : 0))
    .u8(P256_TYPE)
    .u8(key.usage === 'sign' ? 0 : 1)
    .bytes8(checkNonce(nonce))
    .bytes8(key.publicKey)
    .finish();
}

/** Parses a statement (untrusted bytes); `keys.bad-attestation` when malformed. */
export function parseStatement(statement: Uint8Array): AttestedKey {
  if (!(statement instanceof Uint8Array)) throw new TinydidError('keys.bad-attestation', 'statement must be bytes');
  const r = new RecordReader(statement, 'keys.bad-attestation');
  const magic = r.raw(4);
  if (!MAGIC.every((b, i) => magic[i] === b)) throw new TinydidError('keys.bad-attestation', 'not a TDA1 attestation statement');
  const slot = r.u8();
  const flags = r.u8();
  const type = r.u8();
  const usage = r.u8();
  const nonce = r.bytes8();
  const publicKey = r.bytes8();
  r.end();
  if (flags > 3 || type !== P256_TYPE || usage > 1 || nonce.length < 1 || nonce.length > MAX_NONCE || publicKey.length !== 65 || publicKey[0] !== 4) {
    throw new TinydidError('keys.bad-attestation', 'attestation statement has an invalid field');
  }
  return { slot, generatedInside: (flags & 1) !== 0, locked: (flags & 2) !== 0, usage: usage === 0 ? 'sign' : 'derive', nonce, publicKey };
}

/**
 * Verifies an attestation against the trusted attestation public key and the
 * nonce the verifier sent; returns what it attests. Throws `keys.bad-attestation`
 * for a malformed statement, a bad signature or a different nonce.
 */
export function verifyAttestation(suite: CryptoSuite, attestation: Attestation, attestationPublicKey: Uint8Array, expectedNonce: Uint8Array): AttestedKey {
  const attested = parseStatement(attestation.statement);
  if (!(attestation.signature instanceof Uint8Array) || !suite.p256Verify(attestation.signature, attestation.statement, attestationPublicKey)) {
    throw new TinydidError('keys.bad-attestation', 'attestation signature does not verify with the attestation key');
  }
  if (!constantTimeEqual(attested.nonce, checkNonce(expectedNonce))) throw new TinydidError('keys.bad-attestation', 'attestation is for another nonce');
  return attested;
}
