// COSE_Encrypt0 (RFC 9052 section 5.2): one AEAD under a key both sides already
// hold (no recipients). Content algorithms A128GCM (1), A256GCM (3) and
// ChaCha20/Poly1305 (24) (RFC 9053 sections 4.1, 4.3).
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import { CborTag, type CborMap, type CborValue } from '../cbor/value';
import { AEAD_PARAMETERS, type CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { bytesArg } from './args';
import { randomBytes, type Random } from '../host/random';
import { contentAad, contentAlgorithm, contentAlgorithmOf, contentIv, encStructure, openContent, type ContentAlgorithm } from './content';
import { checkBuckets, encodeProtected, headerKid, HEADER, mergeHeaders, parseHeaders, untag, type Headers } from './header';
import type { CoseKey } from './key';
import { candidateKeys, type KeyResolver } from './keys';
import { COSE_MAX_DEPTH, DEFAULT_COSE_LIMITS, type CoseLimits } from './limits';

/** CBOR tag of COSE_Encrypt0 (RFC 9052 section 2). */
export const COSE_ENCRYPT0_TAG = 16;

export interface SealOptions {
  suite: CryptoSuite;
  random: Random;
  /** Content algorithm: 1 (A128GCM), 3 (A256GCM) or 24 (ChaCha20/Poly1305). */
  algorithm: number;
  plaintext: Uint8Array;
  externalAad?: Uint8Array;
  protectedHeaders?: CborMap;
  unprotectedHeaders?: CborMap;
  /** Fixed IV for reproducing published vectors; leave unset in products (a fresh one is drawn). */
  iv?: Uint8Array;
  tagged?: boolean;
}

export interface Encrypt0Options extends SealOptions {
  /** The symmetric content key. */
  key: Uint8Array;
  kid?: Uint8Array;
}

/** Builds protected/unprotected buckets and the sealed content for a message layer. */
export function sealContent(
  options: SealOptions,
  context: 'Encrypt0' | 'Encrypt',
  cek: Uint8Array,
  extraUnprotected: [number, CborValue | undefined][],
): { prot: Uint8Array; unprot: CborMap; ciphertext: Uint8Array; content: ContentAlgorithm } {
  const content = contentAlgorithm(options.algorithm);
  if (!(cek instanceof Uint8Array) || cek.length !== content.keyLength) throw new TinydidError('cose.bad-argument', `${content.aead} needs a ${content.keyLength}-byte key`);
  const nonceLength = AEAD_PARAMETERS[content.aead].nonceLength;
  const iv = options.iv === undefined ? randomBytes(options.random, nonceLength) : bytesArg(options.iv, 'iv');
  if (iv.length !== nonceLength) throw new TinydidError('cose.bad-argument', `IV must be ${nonceLength} bytes`);
  const protMap = mergeHeaders([[HEADER.alg, content.alg]], options.protectedHeaders, 'protected');
  const unprot = mergeHeaders([[HEADER.iv, iv], ...extraUnprotected], options.unprotectedHeaders, 'unprotected');
  checkBuckets(protMap, unprot);
  const prot = encodeProtected(protMap);
  const externalAad = options.externalAad === undefined ? new Uint8Array(0) : bytesArg(options.externalAad, 'externalAad');
  const ciphertext = options.suite.aeadSeal(content.aead, cek, iv, bytesArg(options.plaintext, 'plaintext'), encStructure(context, prot, externalAad));
  return { prot, unprot, ciphertext, content };
}

/** Encrypts `plaintext` into a COSE_Encrypt0 under a shared symmetric key. */
export function createEncrypt0(options: Encrypt0Options): Uint8Array {
  const kid = options.kid === undefined ? undefined : bytesArg(options.kid, 'kid');
  const { prot, unprot, ciphertext } = sealContent(options, 'Encrypt0', options.key, [[HEADER.kid, kid]]);
  const body: CborValue = [prot, unprot, ciphertext];
  return encodeCbor(options.tagged === false ? body : new CborTag(COSE_ENCRYPT0_TAG, body));
}

export interface OpenOptions {
  suite: CryptoSuite;
  externalAad?: Uint8Array;
  /** Refuse an untagged message (default: the tag is optional, RFC 9052 section 2). */
  requireTag?: boolean;
  understoodCritical?: readonly (number | string)[];
  limits?: Partial<CoseLimits>;
}

export interface Encrypt0DecryptOptions extends OpenOptions {
  /** Symmetric COSE keys (kty Symmetric), or a resolver by kid. */
  keys: KeyResolver;
}

/** What decryptEncrypt0 established. */
export interface DecryptedEncrypt0 {
  plaintext: Uint8Array;
  /** Content algorithm id. */
  algorithm: number;
  kid?: Uint8Array;
  /** The key that decrypted it. */
  key: CoseKey;
  headers: Headers;
  tagged: boolean;
}

export interface ParsedEncrypt0 {
  headers: Headers;
  ciphertext: Uint8Array;
  tagged: boolean;
}

/** Decodes the outer array of an encrypted message and its headers. */
export function parseEncryptedLayer(message: Uint8Array, tag: number, name: string, size: number, options: Omit<OpenOptions, 'suite'>): { headers: Headers; parts: CborValue[]; tagged: boolean } {
  const limits = { ...DEFAULT_COSE_LIMITS, ...options.limits };
  const decoded = decodeCbor(bytesArg(message, 'message'), { maxInput: limits.maxMessage, maxDepth: COSE_MAX_DEPTH });
  const { body, tagged } = untag(decoded, tag, options.requireTag === true, name);
  if (!Array.isArray(body) || body.length !== size) throw new TinydidError('cose.malformed', `${name} is not an array of ${size}`);
  const headers = parseHeaders(body[0], body[1], { understood: options.understoodCritical, maxHeaders: limits.maxHeaders });
  if (body[2] === null) throw new TinydidError('cose.unsupported', `${name} with detached ciphertext`);
  if (!(body[2] instanceof Uint8Array)) throw new TinydidError('cose.malformed', `${name} ciphertext is not a byte string`);
  return { headers, parts: body, tagged };
}

/** Parses a COSE_Encrypt0 without decrypting it. */
export function parseEncrypt0(message: Uint8Array, options: Omit<OpenOptions, 'suite'> = {}): ParsedEncrypt0 {
  const { headers, parts, tagged } = parseEncryptedLayer(message, COSE_ENCRYPT0_TAG, 'COSE_Encrypt0', 3, options);
  return { headers, ciphertext: parts[2] as Uint8Array, tagged };
}

/**
 * Decrypts a COSE_Encrypt0. Throws cose.malformed / cbor.*, cose.bad-header,
 * cose.critical, cose.unsupported, cose.no-key, cose.decrypt-failed.
 */
export function decryptEncrypt0(message: Uint8Array, options: Encrypt0DecryptOptions): DecryptedEncrypt0 {
  const parsed = parseEncrypt0(message, options);
  const content = contentAlgorithmOf(parsed.headers);
  // Fail early on a bad IV header, before trying keys.
  if (!parsed.headers.protected.has(HEADER.partialIv) && !parsed.headers.unprotected.has(HEADER.partialIv)) contentIv(parsed.headers, content.aead);
  const kid = headerKid(parsed.headers);
  const candidates = candidateKeys(options.keys, kid, (k) => k.kty === 'Symmetric' && k.k instanceof Uint8Array && k.k.length === content.keyLength);
  if (candidates.length === 0) throw new TinydidError('cose.no-key', `no ${content.keyLength}-byte symmetric key${kid === undefined ? '' : ' for the kid'}`);
  const aad = contentAad('Encrypt0', parsed.headers, options.externalAad === undefined ? new Uint8Array(0) : bytesArg(options.externalAad, 'externalAad'));
  let last: unknown;
  for (const key of candidates) {
    try {
      const plaintext = openContent(options.suite, content, key.k!, contentIv(parsed.headers, content.aead, key.baseIv), parsed.ciphertext, aad);
      const out: DecryptedEncrypt0 = { plaintext, algorithm: content.alg, key, headers: parsed.headers, tagged: parsed.tagged };
      if (kid !== undefined) out.kid = kid;
      return out;
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
