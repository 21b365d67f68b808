// SUIT_Digest (draft-ietf-suit-manifest section 12 and appendix A):
// [ algorithm-id, digest-bytes ]. SHA-256 (-16) is the one algorithm a
// recipient is required to implement and the only one tinydid computes.
import { constantTimeEqual } from '../bytes/equal';
import type { CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { COSE_SHA256, SUIT_DIGEST_ALGORITHMS } from './labels';

export interface SuitDigest {
  /** COSE hash algorithm id (-16 SHA-256). */
  readonly algorithm: number;
  readonly bytes: Uint8Array;
}

/** Reads a SUIT_Digest value; throws `suit.malformed`. */
export function parseSuitDigest(value: CborValue, what: string): SuitDigest {
  if (!Array.isArray(value) || value.length !== 2) throw new TinydidError('suit.malformed', `${what}: SUIT_Digest must be [algorithm-id, digest-bytes]`);
  const [algorithm, bytes] = value;
  if (typeof algorithm !== 'number' || !SUIT_DIGEST_ALGORITHMS.includes(algorithm)) {
    throw new TinydidError('suit.malformed', `${what}: ${String(algorithm)} is not a suit-cose-hash-alg`);
  }
  if (!(bytes instanceof Uint8Array)) throw new TinydidError('suit.malformed', `${what}: digest-bytes must be a byte string`);
  if (algorithm === COSE_SHA256 && bytes.length !== 32) throw new TinydidError('suit.malformed', `${what}: a SHA-256 digest is 32 bytes, got ${bytes.length}`);
  return Object.freeze({ algorithm, bytes });
}

/** Throws `suit.unsupported` unless the digest uses SHA-256. */
export function requireSha256(digest: SuitDigest, what: string): void {
  if (digest.algorithm !== COSE_SHA256) throw new TinydidError('suit.unsupported', `${what}: digest algorithm ${digest.algorithm} is not implemented (SHA-256 only)`);
}

/** Constant-time check that `data` hashes to `digest` (SHA-256 only). */
export function digestMatches(suite: CryptoSuite, digest: SuitDigest, data: Uint8Array, what: string): boolean {
  requireSha256(digest, what);
  return constantTimeEqual(suite.sha256(data), digest.bytes);
}

/** Two digests are the same requirement (same algorithm and bytes). */
export function sameDigest(a: SuitDigest, b: SuitDigest): boolean {
  return a.algorithm === b.algorithm && constantTimeEqual(a.bytes, b.bytes);
}
