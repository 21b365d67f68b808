// COSE_Sign1 (RFC 9052 section 4.2): create through the key store, verify with
// public keys through the crypto suite. EdDSA (-8 emitted, -8 and -19 accepted)
// and ES256 (-7 emitted, -7 and ESP256 -9 accepted) with raw r||s signatures
// (RFC 9053 section 2.1); detached payloads and external AAD (section 4.4).
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import { CborTag, type CborMap, type CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { KeyStore, KeyType } from '../keys/key-store';
import { bytesArg } from './args';
import { ALG, SIGNATURE_ALGORITHMS, type SignatureKind } from './algorithms';
import { checkBuckets, encodeProtected, headerAlg, headerKid, mergeHeaders, parseHeaders, protectedForStructure, untag, HEADER, type Headers } from './header';
import type { CoseKey } from './key';
import { candidateKeys, type KeyResolver } from './keys';
import { COSE_MAX_DEPTH, DEFAULT_COSE_LIMITS, type CoseLimits } from './limits';

/** CBOR tag of COSE_Sign1 (RFC 9052 section 2). */
export const COSE_SIGN1_TAG = 18;

/** Sig_structure for COSE_Sign1 (RFC 9052 section 4.4). */
export function sigStructure1(protectedBytes: Uint8Array, externalAad: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, externalAad, payload]);
}

export interface Sign1Options {
  keyStore: KeyStore;
  /** Key store id of an Ed25519 or P-256 signing key. */
  keyId: string;
  payload: Uint8Array;
  /** Carry nil instead of the payload (RFC 9052 section 4.1); the verifier supplies it. */
  detached?: boolean;
  externalAad?: Uint8Array;
  /** kid to put in the unprotected bucket. */
  kid?: Uint8Array;
  /** Override the emitted algorithm: -19 instead of -8, -9 instead of -7. */
  algorithm?: number;
  protectedHeaders?: CborMap;
  unprotectedHeaders?: CborMap;
  /** Emit tag 18 (default true). */
  tagged?: boolean;
}

/**
 * The algorithm a key of `type` signs with (RFC 9053 section 2): EdDSA (-8)
 * for Ed25519, ES256 (-7) for P-256, or `requested` when it is of that kind.
 */
export function signingAlgorithm(type: KeyType, requested: number | undefined): number {
  if (type !== 'ed25519' && type !== 'p256') throw new TinydidError('cose.bad-key', `a ${type} key cannot sign`);
  const alg = requested ?? (type === 'ed25519' ? ALG.EdDSA : ALG.ES256);
  if (SIGNATURE_ALGORITHMS.get(alg) !== (type === 'ed25519' ? 'eddsa' : 'es256')) throw new TinydidError('cose.unsupported', `algorithm ${alg} with a ${type} key`);
  return alg;
}

/** Signs `payload` into a COSE_Sign1. The private key never leaves the key store. */
export function createSign1(options: Sign1Options): Uint8Array {
  const payload = bytesArg(options.payload, 'payload');
  const externalAad = options.externalAad === undefined ? new Uint8Array(0) : bytesArg(options.externalAad, 'externalAad');
  const alg = signingAlgorithm(options.keyStore.info(options.keyId).type, options.algorithm);
  const protMap = mergeHeaders([[HEADER.alg, alg]], options.protectedHeaders, 'protected');
  const unprot = mergeHeaders([[HEADER.kid, options.kid === undefined ? undefined : bytesArg(options.kid, 'kid')]], options.unprotectedHeaders, 'unprotected');
  checkBuckets(protMap, unprot);
  const prot = encodeProtected(protMap);
  const signature = options.keyStore.sign(options.keyId, sigStructure1(prot, externalAad, payload));
  const body: CborValue = [prot, unprot, options.detached === true ? null : payload, signature];
  return encodeCbor(options.tagged === false ? body : new CborTag(COSE_SIGN1_TAG, body));
}


/** What verifying a COSE_Sign1 or a COSE_Sign takes. */
export interface SignatureVerifyOptions {
  suite: CryptoSuite;
  /** Public keys that may have signed (Ed25519 OKP, P-256 EC2), or a resolver by kid. */
  keys: KeyResolver;
  /** The payload, when the message carries nil (detached, RFC 9052 section 4.1). */
  detachedPayload?: Uint8Array;
  externalAad?: Uint8Array;
  /** Refuse a message without tag 18 (default: the tag is optional, RFC 9052 section 2). */
  requireTag?: boolean;
  /** Permitted algorithms (default: -8, -19, -7, -9). */
  algorithms?: readonly number[];
  /** Critical header labels the application understands (RFC 9052 section 3.1). */
  understoodCritical?: readonly (number | string)[];
  limits?: Partial<CoseLimits>;
}

export type Sign1VerifyOptions = SignatureVerifyOptions;

/** What verifySign1 established (DESIGN section 7 point 6). */
export interface VerifiedSign1 {
  payload: Uint8Array;
  /** True when the payload came from options.detachedPayload. */
  detached: boolean;
  /** The COSE algorithm id that verified, e.g. -8. */
  algorithm: number;
  kind: SignatureKind;
  /** The kid the message named, if any. */
  kid?: Uint8Array;
  /** The public key that verified the signature. */
  key: CoseKey;
  headers: Headers;
  tagged: boolean;
}

/** The four parts of a COSE_Sign1, checked for shape only. */
export interface ParsedSign1 {
  headers: Headers;
  payload: Uint8Array | null;
  signature: Uint8Array;
  tagged: boolean;
}

/** Parses a COSE_Sign1 (RFC 9052 section 4.2) without verifying it. */
export function parseSign1(message: Uint8Array, options: { requireTag?: boolean; understoodCritical?: readonly (number | string)[]; limits?: Partial<CoseLimits> } = {}): ParsedSign1 {
  const limits = { ...DEFAULT_COSE_LIMITS, ...options.limits };
  const decoded = decodeCbor(bytesArg(message, 'message'), { maxInput: limits.maxMessage, maxDepth: COSE_MAX_DEPTH });
  const { body, tagged } = untag(decoded, COSE_SIGN1_TAG, options.requireTag === true, 'COSE_Sign1');
  if (!Array.isArray(body) || body.length !== 4) throw new TinydidError('cose.malformed', 'COSE_Sign1 is not an array of 4');
  const [p, u, payload, signature] = body;
  const headers = parseHeaders(p, u, { understood: options.understoodCritical, maxHeaders: limits.maxHeaders });
  if (!(payload instanceof Uint8Array) && payload !== null) throw new TinydidError('cose.malformed', 'COSE_Sign1 payload is neither bstr nor nil');
  if (!(signature instanceof Uint8Array)) throw new TinydidError('cose.malformed', 'COSE_Sign1 signature is not a byte string');
  return { headers, payload, signature, tagged };
}

/** Keys that can verify `kind` (and whose own alg, if set, is of that kind). */
export function fitsKind(kind: SignatureKind): (key: CoseKey) => boolean {
  return (key) => {
    if (key.alg !== undefined && SIGNATURE_ALGORITHMS.get(key.alg) !== kind) return false;
    return kind === 'eddsa' ? key.kty === 'OKP' && key.crv === 'Ed25519' : key.kty === 'EC2' && key.crv === 'P-256';
  };
}

/** One signature check; a key the suite refuses is cose.bad-key. */
export function checkSignature(suite: CryptoSuite, kind: SignatureKind, signature: Uint8Array, toBeSigned: Uint8Array, key: CoseKey): boolean {
  // RFC 9053 sections 2.1, 2.2: both signatures are 64 bytes (ES256 raw r||s).
  if (signature.length !== 64 || key.publicKey === undefined) return false;
  try {
    return kind === 'eddsa' ? suite.ed25519Verify(signature, toBeSigned, key.publicKey) : suite.p256Verify(signature, toBeSigned, key.publicKey);
  } catch (error) {
    if (error instanceof TinydidError) throw new TinydidError('cose.bad-key', `key cannot verify: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Verifies a COSE_Sign1. Throws cose.malformed / cbor.* (shape), cose.bad-header,
 * cose.critical, cose.unsupported (algorithm), cose.no-key (no candidate key),
 * cose.bad-key, cose.bad-signature; returns what was verified.
 */
export function verifySign1(message: Uint8Array, options: Sign1VerifyOptions): VerifiedSign1 {
  const parsed = parseSign1(message, options);
  const { headers } = parsed;
  const alg = headerAlg(headers);
  const kind = SIGNATURE_ALGORITHMS.get(alg);
  if (kind === undefined || (options.algorithms !== undefined && !options.algorithms.includes(alg))) {
    throw new TinydidError('cose.unsupported', `signature algorithm ${alg}`);
  }
  let payload: Uint8Array;
  let detached = false;
  if (parsed.payload === null) {
    if (options.detachedPayload === undefined) throw new TinydidError('cose.bad-argument', 'detached payload: pass options.detachedPayload');
    payload = bytesArg(options.detachedPayload, 'detachedPayload');
    detached = true;
  } else {
    if (options.detachedPayload !== undefined) throw new TinydidError('cose.bad-argument', 'the message carries its payload; detachedPayload given');
    payload = parsed.payload;
  }
  const externalAad = options.externalAad === undefined ? new Uint8Array(0) : bytesArg(options.externalAad, 'externalAad');
  const kid = headerKid(headers);
  const candidates = candidateKeys(options.keys, kid, fitsKind(kind));
  if (candidates.length === 0) throw new TinydidError('cose.no-key', `no ${kind} key${kid === undefined ? '' : ' for the kid'} to verify with`);
  const toBeSigned = sigStructure1(protectedForStructure(headers), externalAad, payload);
  for (const key of candidates) {
    if (checkSignature(options.suite, kind, parsed.signature, toBeSigned, key)) {
      const result: VerifiedSign1 = { payload, detached, algorithm: alg, kind, key, headers, tagged: parsed.tagged };
      if (kid !== undefined) result.kid = kid;
      return result;
    }
  }
  throw new TinydidError('cose.bad-signature', `COSE_Sign1 signature does not verify with ${candidates.length} candidate key${candidates.length === 1 ? '' : 's'}`);
}
