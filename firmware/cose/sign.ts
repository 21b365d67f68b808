// COSE_Sign (RFC 9052 section 4.1): one payload, one or more signers, each
// with its own headers and signature over
// Sig_structure = ["Signature", body_protected, sign_protected, external_aad, payload].
// Algorithms as in sign1.ts (EdDSA -8/-19, ES256 -7/-9, raw r||s).
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import { CborTag, type CborMap, type CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import type { KeyStore } from '../keys/key-store';
import { SIGNATURE_ALGORITHMS, type SignatureKind } from './algorithms';
import { checkBuckets, encodeProtected, HEADER, headerAlg, headerKid, mergeHeaders, parseHeaders, protectedForStructure, untag, type Headers } from './header';
import type { CoseKey } from './key';
import { candidateKeys } from './keys';
import { COSE_MAX_DEPTH, DEFAULT_COSE_LIMITS } from './limits';
import { bytesArg } from './args';
import { checkSignature, fitsKind, signingAlgorithm, type SignatureVerifyOptions } from './sign1';

/** CBOR tag of COSE_Sign (RFC 9052 section 2). */
export const COSE_SIGN_TAG = 98;

export interface SignerSpec {
  keyStore: KeyStore;
  keyId: string;
  kid?: Uint8Array;
  /** -19 instead of -8, -9 instead of -7. */
  algorithm?: number;
}

export interface SignOptions {
  signers: readonly SignerSpec[];
  payload: Uint8Array;
  detached?: boolean;
  externalAad?: Uint8Array;
  protectedHeaders?: CborMap;
  unprotectedHeaders?: CborMap;
  tagged?: boolean;
}

/** Sig_structure for COSE_Sign (RFC 9052 section 4.4). */
export function sigStructure(bodyProtected: Uint8Array, signProtected: Uint8Array, externalAad: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature', bodyProtected, signProtected, externalAad, payload]);
}

/** Signs `payload` once per signer into a COSE_Sign; private keys stay in their key stores. */
export function createSign(options: SignOptions): Uint8Array {
  if (!Array.isArray(options.signers) || options.signers.length === 0) throw new TinydidError('cose.bad-argument', 'at least one signer');
  const payload = bytesArg(options.payload, 'payload');
  const externalAad = options.externalAad === undefined ? new Uint8Array(0) : bytesArg(options.externalAad, 'externalAad');
  const bodyProtMap = mergeHeaders([], options.protectedHeaders, 'protected');
  const bodyUnprot = mergeHeaders([], options.unprotectedHeaders, 'unprotected');
  checkBuckets(bodyProtMap, bodyUnprot);
  const bodyProt = encodeProtected(bodyProtMap);
  const signatures = options.signers.map((s) => {
    const alg = signingAlgorithm(s.keyStore.info(s.keyId).type, s.algorithm);
    const signProt = encodeProtected(new Map([[HEADER.alg, alg]]));
    const unprot = mergeHeaders([[HEADER.kid, s.kid === undefined ? undefined : bytesArg(s.kid, 'kid')]], undefined, 'unprotected');
    return [signProt, unprot, s.keyStore.sign(s.keyId, sigStructure(bodyProt, signProt, externalAad, payload))];
  });
  const body: CborValue = [bodyProt, bodyUnprot, options.detached === true ? null : payload, signatures];
  return encodeCbor(options.tagged === false ? body : new CborTag(COSE_SIGN_TAG, body));
}

export type SignVerifyOptions = SignatureVerifyOptions;

/** One signer that verified. */
export interface VerifiedSigner {
  index: number;
  algorithm: number;
  kind: SignatureKind;
  kid?: Uint8Array;
  key: CoseKey;
  headers: Headers;
}

/** What verifySign established: the payload and every signer that verified. */
export interface VerifiedSign {
  payload: Uint8Array;
  detached: boolean;
  headers: Headers;
  /** Signers whose signature verified with one of the caller's keys (at least one). */
  verified: VerifiedSigner[];
  /** Signers the caller holds no key for (not verified, not refused). */
  unknown: number[];
  tagged: boolean;
}

/**
 * Verifies a COSE_Sign. Every signer the caller holds a key for must verify
 * (cose.bad-signature otherwise: one forged signature spoils the message), and
 * at least one must (cose.no-key when the caller holds a key for none). Signers
 * with an algorithm tinydid lacks count as unknown when another signer verifies.
 */
export function verifySign(message: Uint8Array, options: SignVerifyOptions): VerifiedSign {
  const limits = { ...DEFAULT_COSE_LIMITS, ...options.limits };
  const decoded = decodeCbor(bytesArg(message, 'message'), { maxInput: limits.maxMessage, maxDepth: COSE_MAX_DEPTH });
  const { body, tagged } = untag(decoded, COSE_SIGN_TAG, options.requireTag === true, 'COSE_Sign');
  if (!Array.isArray(body) || body.length !== 4) throw new TinydidError('cose.malformed', 'COSE_Sign is not an array of 4');
  const headers = parseHeaders(body[0], body[1], { understood: options.understoodCritical, maxHeaders: limits.maxHeaders });
  const [, , payloadItem, list] = body;
  if (!(payloadItem instanceof Uint8Array) && payloadItem !== null) throw new TinydidError('cose.malformed', 'COSE_Sign payload is neither bstr nor nil');
  if (!Array.isArray(list) || list.length === 0) throw new TinydidError('cose.malformed', 'COSE_Sign signatures is not a non-empty array');
  if (list.length > limits.maxRecipients) throw new TinydidError('cose.malformed', `${list.length} signers, limit ${limits.maxRecipients}`);
  let payload: Uint8Array;
  if (payloadItem === null) {
    if (options.detachedPayload === undefined) throw new TinydidError('cose.bad-argument', 'detached payload: pass options.detachedPayload');
    payload = bytesArg(options.detachedPayload, 'detachedPayload');
  } else payload = payloadItem;
  const externalAad = options.externalAad === undefined ? new Uint8Array(0) : bytesArg(options.externalAad, 'externalAad');
  const verified: VerifiedSigner[] = [];
  const unknown: number[] = [];
  let unsupported: TinydidError | undefined;
  list.forEach((s: CborValue, index: number) => {
    if (!Array.isArray(s) || s.length !== 3) throw new TinydidError('cose.malformed', 'COSE_Signature is not an array of 3');
    const h = parseHeaders(s[0], s[1], { understood: options.understoodCritical, maxHeaders: limits.maxHeaders });
    const signature = s[2];
    if (!(signature instanceof Uint8Array)) throw new TinydidError('cose.malformed', 'COSE_Signature signature is not a byte string');
    let alg: number;
    try {
      alg = headerAlg(h);
    } catch (error) {
      if (error instanceof TinydidError && error.code === 'cose.unsupported') {
        unsupported = error;
        unknown.push(index);
        return;
      }
      throw error;
    }
    const kind = SIGNATURE_ALGORITHMS.get(alg);
    if (kind === undefined || (options.algorithms !== undefined && !options.algorithms.includes(alg))) {
      unsupported = new TinydidError('cose.unsupported', `signature algorithm ${alg}`);
      unknown.push(index);
      return;
    }
    const kid = headerKid(h);
    const candidates = candidateKeys(options.keys, kid, fitsKind(kind));
    if (candidates.length === 0) {
      unknown.push(index);
      return;
    }
    const toBeSigned = sigStructure(protectedForStructure(headers), protectedForStructure(h), externalAad, payload);
    const key = candidates.find((k) => checkSignature(options.suite, kind, signature, toBeSigned, k));
    if (key === undefined) throw new TinydidError('cose.bad-signature', `signer ${index} does not verify`);
    const v: VerifiedSigner = { index, algorithm: alg, kind, key, headers: h };
    if (kid !== undefined) v.kid = kid;
    verified.push(v);
  });
  if (verified.length === 0) {
    if (unsupported !== undefined && unknown.length === list.length) throw unsupported;
    throw new TinydidError('cose.no-key', `no key for any of ${list.length} signers`);
  }
  return { payload, detached: payloadItem === null, headers, verified, unknown, tagged };
}
