// The authentication wrapper (draft-ietf-suit-manifest section 8.3):
// [ bstr .cbor SUIT_Digest, * bstr .cbor COSE_Sign1_Tagged ]. Each COSE_Sign1
// signs the encoded SUIT_Digest as a detached payload (nil in the message);
// the digest covers the manifest bstr including its CBOR header. The trust
// policy decides whether enough distinct trusted keys signed. This runs
// before anything inside the manifest is decoded.
import { constantTimeEqual } from '../bytes/equal';
import { encodeCbor } from '../cbor/encode';
import { ALG, SIGNATURE_ALGORITHMS } from '../cose/algorithms';
import { headerAlg, headerKid } from '../cose/header';
import { coseKeyFromPublic, type CoseKey } from '../cose/key';
import { parseSign1, verifySign1 } from '../cose/sign1';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError, isTinydidError } from '../errors/tinydid-error';
import type { ErrorCode } from '../errors/codes';
import { utf8Encode } from '../bytes/utf8';
import { decodeWrapped } from './commands';
import { digestMatches, parseSuitDigest, requireSha256, type SuitDigest } from './digest';
import type { SuitEnvelopeParts } from './envelope';
import type { SuitLimits } from './limits';
import { keyIdentity, type EffectivePolicy, type TrustAnchor } from './trust-policy';

/** CBOR tags of the other SUIT_Authentication_Block kinds (RFC 9052 section 2): COSE_Sign 98, COSE_Mac 97. */
const COSE_SIGN_TAG = 98;
const COSE_MAC_TAG = 97;

/** Signature algorithms SUIT accepts here (section 8.3; RFC 9053, RFC 9864). */
export const SUIT_SIGNATURE_ALGORITHMS: readonly number[] = Object.freeze([ALG.ES256, ALG.ESP256, ALG.EdDSA, ALG.Ed25519]);

export interface SignatureOutcome {
  /** Position of the COSE_Sign1 in the wrapper (0 = first signature). */
  readonly index: number;
  /** The anchor that verified it, when one did. */
  readonly kid?: string;
  readonly algorithm?: number;
  /** Why it does not count, when it does not. */
  readonly code?: ErrorCode;
}

/** What the authentication wrapper established (DESIGN section 7 point 6). */
export interface Authentication {
  readonly digest: SuitDigest;
  /** Kids of the distinct trusted keys whose signatures verified, in wrapper order. */
  readonly signers: readonly string[];
  readonly threshold: number;
  /** Number of distinct trusted keys the policy knows for this class (the n of k-of-n). */
  readonly trusted: number;
  readonly signatures: readonly SignatureOutcome[];
}

function anchorKey(anchor: TrustAnchor): CoseKey {
  return coseKeyFromPublic(anchor.type, anchor.publicKey);
}

function fits(anchor: TrustAnchor, alg: number): boolean {
  const kind = SIGNATURE_ALGORITHMS.get(alg);
  return (kind === 'es256' && anchor.type === 'p256') || (kind === 'eddsa' && anchor.type === 'ed25519');
}

/** Checks one COSE_Sign1 block; returns the anchor that signed or the reason it does not count. */
function checkBlock(block: Uint8Array, digestBytes: Uint8Array, policy: EffectivePolicy, suite: CryptoSuite): { anchor?: TrustAnchor; algorithm?: number; code?: ErrorCode } {
  // SUIT_Authentication_Block may also be COSE_Sign, COSE_Mac or COSE_Mac0
  // (section 8.3); tinydid verifies COSE_Sign1 only. A block it cannot use
  // does not count, like a bad signature: k good ones still pass.
  if (block.length > 1 && block[0] === 0xd8 && (block[1] === COSE_SIGN_TAG || block[1] === COSE_MAC_TAG)) return { code: 'suit.unsupported' };
  if (block.length > 0 && block[0] === 0xd1) return { code: 'suit.unsupported' }; // tag 17, COSE_Mac0
  let parsed;
  try {
    parsed = parseSign1(block, { requireTag: true });
  } catch (error) {
    if (isTinydidError(error)) return { code: 'suit.malformed' };
    throw error;
  }
  let alg: number;
  try {
    alg = headerAlg(parsed.headers);
  } catch {
    return { code: 'suit.bad-algorithm' };
  }
  if (!SUIT_SIGNATURE_ALGORITHMS.includes(alg)) return { algorithm: alg, code: 'suit.bad-algorithm' };
  // section 8.3: the payload is detached; one carried in the message must be
  // the wrapper's digest, or the signature vouches for another manifest.
  if (parsed.payload !== null && !constantTimeEqual(parsed.payload, digestBytes)) return { algorithm: alg, code: 'suit.signed-other-digest' };
  const kid = headerKid(parsed.headers);
  let candidates = policy.anchors;
  if (kid !== undefined) {
    const named = policy.anchors.filter((a) => constantTimeEqual(utf8Encode(a.kid), kid));
    // A kid is a hint (RFC 9052 section 3.1): an unknown one still gets a
    // chance against every anchor for the algorithm.
    if (named.length > 0) candidates = named;
  }
  const usable = candidates.filter((a) => fits(a, alg));
  if (usable.length === 0) return { algorithm: alg, code: 'suit.bad-algorithm' };
  const keys = new Map<CoseKey, TrustAnchor>();
  for (const anchor of usable) keys.set(anchorKey(anchor), anchor);
  try {
    const verified = verifySign1(block, {
      suite,
      keys: [...keys.keys()],
      requireTag: true,
      algorithms: SUIT_SIGNATURE_ALGORITHMS,
      ...(parsed.payload === null ? { detachedPayload: digestBytes } : {}),
    });
    return { anchor: keys.get(verified.key), algorithm: alg };
  } catch (error) {
    if (isTinydidError(error, 'cose.bad-signature') || isTinydidError(error, 'cose.bad-key')) {
      const unknownKid = kid !== undefined && !policy.anchors.some((a) => constantTimeEqual(utf8Encode(a.kid), kid));
      return { algorithm: alg, code: unknownKid ? 'suit.untrusted-key' : 'suit.bad-signature' };
    }
    if (isTinydidError(error)) return { algorithm: alg, code: 'suit.malformed' };
    throw error;
  }
}

/** The error for a signature that does not count (each code spelled out for the code list test). */
function signatureError(outcome: SignatureOutcome): TinydidError {
  const message = `signature ${outcome.index} does not count`;
  switch (outcome.code) {
    case 'suit.untrusted-key':
      return new TinydidError('suit.untrusted-key', `${message}: its kid names no trust anchor and no anchor verifies it`);
    case 'suit.bad-algorithm':
      return new TinydidError('suit.bad-algorithm', `${message}: algorithm ${String(outcome.algorithm)} is not permitted for any trust anchor`);
    case 'suit.signed-other-digest':
      return new TinydidError('suit.signed-other-digest', `${message}: it carries a payload other than the manifest digest`);
    case 'suit.unsupported':
      return new TinydidError('suit.unsupported', `${message}: only COSE_Sign1 authentication blocks are supported`);
    case 'suit.malformed':
      return new TinydidError('suit.malformed', `${message}: not a well-formed COSE_Sign1`);
    default:
      return new TinydidError('suit.bad-signature', `${message}: the signature does not verify`);
  }
}

/**
 * Verifies the authentication wrapper against the manifest bytes and the
 * policy. Throws, in this order of precedence: `suit.malformed`,
 * `suit.too-large`, `suit.unsupported` (digest algorithm), `suit.unsigned`;
 * when fewer than k distinct trusted keys verified: the first failing
 * block's code when none verified (`suit.bad-signature`, `suit.untrusted-key`,
 * `suit.bad-algorithm`, `suit.signed-other-digest`, `suit.malformed`,
 * `suit.unsupported` for COSE_Sign / COSE_Mac blocks), `suit.duplicate-signer`
 * when a key signed more than once, else `suit.threshold`; and
 * `suit.digest-mismatch` when the signed digest is not the manifest's.
 */
export function authenticate(parts: SuitEnvelopeParts, policy: EffectivePolicy, suite: CryptoSuite, limits: SuitLimits): Authentication {
  const wrapper = decodeWrapped(parts.authenticationWrapper, 'authentication wrapper');
  if (!Array.isArray(wrapper) || wrapper.length === 0 || !(wrapper[0] instanceof Uint8Array)) {
    throw new TinydidError('suit.malformed', 'SUIT_Authentication is [bstr .cbor SUIT_Digest, * bstr .cbor COSE_Sign1] (section 8.3)');
  }
  const digestBytes = wrapper[0];
  const digest = parseSuitDigest(decodeWrapped(digestBytes, 'authentication digest'), 'authentication digest');
  requireSha256(digest, 'authentication digest');
  const blocks = wrapper.slice(1);
  if (blocks.length === 0) throw new TinydidError('suit.unsigned', 'the authentication wrapper holds no signature');
  if (blocks.length > limits.maxSignatures) throw new TinydidError('suit.too-large', `${blocks.length} signatures; the limit is ${limits.maxSignatures}`);

  const counted = new Set<string>();
  const signers: string[] = [];
  const outcomes: SignatureOutcome[] = [];
  let duplicate = false;
  blocks.forEach((block, index) => {
    if (!(block instanceof Uint8Array)) throw new TinydidError('suit.malformed', `authentication block ${index} is not a byte string`);
    const result = checkBlock(block, digestBytes, policy, suite);
    if (result.anchor === undefined) {
      outcomes.push(Object.freeze({ index, ...(result.algorithm !== undefined ? { algorithm: result.algorithm } : {}), code: result.code ?? 'suit.bad-signature' }));
      return;
    }
    // Each key counts once (issue item 2), whichever anchor entry named it.
    const identity = keyIdentity(result.anchor);
    if (counted.has(identity)) {
      duplicate = true;
      outcomes.push(Object.freeze({ index, kid: result.anchor.kid, algorithm: result.algorithm, code: 'suit.duplicate-signer' }));
      return;
    }
    counted.add(identity);
    signers.push(result.anchor.kid);
    outcomes.push(Object.freeze({ index, kid: result.anchor.kid, algorithm: result.algorithm }));
  });

  if (signers.length < policy.threshold) {
    const firstFailure = outcomes.find((o) => o.code !== undefined && o.code !== 'suit.duplicate-signer');
    if (signers.length === 0 && !duplicate && firstFailure?.code !== undefined) throw signatureError(firstFailure);
    if (duplicate) throw new TinydidError('suit.duplicate-signer', `${signers.length} distinct trusted signers of ${policy.threshold} required; a key signed more than once and counts once`);
    throw new TinydidError('suit.threshold', `${signers.length} distinct trusted signers; the policy requires ${policy.threshold}`);
  }
  // section 8.3: the signed digest must be the digest of the manifest bstr,
  // CBOR header included.
  if (!digestMatches(suite, digest, encodeCbor(parts.manifest), 'authentication digest')) {
    throw new TinydidError('suit.digest-mismatch', 'the manifest does not match the signed digest');
  }
  return Object.freeze({
    digest,
    signers: Object.freeze(signers),
    threshold: policy.threshold,
    trusted: new Set(policy.anchors.map(keyIdentity)).size,
    signatures: Object.freeze(outcomes),
  });
}
