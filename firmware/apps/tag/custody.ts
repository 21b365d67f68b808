// The custody chain of an animal (README.md): a list of credentials about
// one tag, each a COSE_Sign1 CWT by its issuer, each linking the previous
// one by hash. Ownership stays with the owner: only the current owner may
// delegate keeping or transfer ownership; a keeper holds a delegated
// credential. Events that need the animal present (tagging, a vet visit,
// loading for transport) carry the tag's own attestation over the issuer's
// nonce.
import { decodeCbor } from '../../cbor/decode';
import { encodeCbor } from '../../cbor/encode';
import type { CborValue } from '../../cbor/value';
import { constantTimeEqual } from '../../bytes/equal';
import type { CoseSigner, KeyResolver } from '../../credentials/keys';
import { createSign1, parseSign1, signatureVerifies, type Sign1 } from '../../credentials/sign1';
import type { CryptoSuite } from '../../crypto/suite';
import { splitDidUrl } from '../../did/did-url';
import { TinydidError } from '../../errors/tinydid-error';
import { ATTESTATION_KEY, ATTESTATION_TYP } from './tag';

export const CUSTODY_TYP = 'application/tinydid-custody+cwt';

/** Named limits of the custody verifier. */
export const CUSTODY_LIMITS = Object.freeze({
  maxCredentialBytes: 4096,
  maxChainLength: 64,
  maxDetail: 256,
});

/**
 * Claim keys: RFC 8392 iss (1), sub (2), iat (6); then private-use keys:
 * -65537 kind, -65538 holder, -65539 prev (SHA-256 of the previous
 * credential), -65540 detail, -65541 nonce, -65542 tag attestation.
 */
export const CUSTODY_CLAIM = Object.freeze({ iss: 1, sub: 2, iat: 6, kind: -65537, holder: -65538, prev: -65539, detail: -65540, nonce: -65541, evidence: -65542 });

/** What a credential says. `register` starts a chain; `keeper` delegates keeping; `transfer` moves ownership. */
export type CustodyKind = 'register' | 'keeper' | 'health' | 'transport' | 'transfer';
const KINDS: readonly CustodyKind[] = Object.freeze(['register', 'keeper', 'health', 'transport', 'transfer']);
/** Kinds that need the animal present: the tag's attestation over the credential's nonce. */
const PRESENCE: readonly CustodyKind[] = Object.freeze(['register', 'health', 'transport']);

export interface CustodyClaims {
  /** Issuer DID. */
  iss: string;
  /** The tag's DID. */
  sub: string;
  kind: CustodyKind;
  /** keeper: the keeper; transfer: the new owner; transport: the transporter; register: the owner. */
  holder?: string;
  iat: number;
  /** SHA-256 of the previous credential's bytes (absent for `register`). */
  prev?: Uint8Array;
  detail?: string;
  nonce?: Uint8Array;
  /** The tag's attestation (tag.ts) over `nonce`. */
  evidence?: Uint8Array;
}

export function issueCustody(signer: CoseSigner, claims: CustodyClaims): Uint8Array {
  const map = new Map<CborValue, CborValue>([[CUSTODY_CLAIM.iss, claims.iss], [CUSTODY_CLAIM.sub, claims.sub], [CUSTODY_CLAIM.iat, claims.iat], [CUSTODY_CLAIM.kind, claims.kind]]);
  if (claims.holder !== undefined) map.set(CUSTODY_CLAIM.holder, claims.holder);
  if (claims.prev !== undefined) map.set(CUSTODY_CLAIM.prev, claims.prev);
  if (claims.detail !== undefined) map.set(CUSTODY_CLAIM.detail, claims.detail);
  if (claims.nonce !== undefined) map.set(CUSTODY_CLAIM.nonce, claims.nonce);
  if (claims.evidence !== undefined) map.set(CUSTODY_CLAIM.evidence, claims.evidence);
  return createSign1(signer, encodeCbor(map), [[16, CUSTODY_TYP]]);
}

function malformed(message: string): TinydidError {
  return new TinydidError('custody.malformed', message);
}

function text(map: Map<CborValue, CborValue>, key: number, what: string, optional = false): string | undefined {
  const v = map.get(key);
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > CUSTODY_LIMITS.maxDetail * 4) throw malformed(`${what} must be a text string`);
  return v;
}

function bytes(map: Map<CborValue, CborValue>, key: number, what: string): Uint8Array | undefined {
  const v = map.get(key);
  if (v === undefined) return undefined;
  if (!(v instanceof Uint8Array)) throw malformed(`${what} must be a byte string`);
  return v;
}

/** Parses the claims of one credential (no signature check). */
export function decodeCustody(credential: Uint8Array): { msg: Sign1; claims: CustodyClaims } {
  const msg = parseSign1(credential, CUSTODY_LIMITS.maxCredentialBytes, 'custody.malformed');
  if (msg.protected.get(16) !== CUSTODY_TYP) throw malformed(`typ must be ${CUSTODY_TYP}`);
  const map = decodeCbor(msg.payload);
  if (!(map instanceof Map)) throw malformed('the claims are a CBOR map');
  const kind = map.get(CUSTODY_CLAIM.kind);
  if (!KINDS.includes(kind as CustodyKind)) throw malformed(`unknown custody kind ${String(kind)}`);
  const iat = map.get(CUSTODY_CLAIM.iat);
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat < 0) throw malformed('iat must be a NumericDate');
  const claims: CustodyClaims = { iss: text(map, CUSTODY_CLAIM.iss, 'iss') as string, sub: text(map, CUSTODY_CLAIM.sub, 'sub') as string, kind: kind as CustodyKind, iat };
  const holder = text(map, CUSTODY_CLAIM.holder, 'holder', true);
  if (holder !== undefined) claims.holder = holder;
  const detail = text(map, CUSTODY_CLAIM.detail, 'detail', true);
  if (detail !== undefined) claims.detail = detail;
  const prev = bytes(map, CUSTODY_CLAIM.prev, 'prev');
  if (prev !== undefined) claims.prev = prev;
  const nonce = bytes(map, CUSTODY_CLAIM.nonce, 'nonce');
  if (nonce !== undefined) claims.nonce = nonce;
  const evidence = bytes(map, CUSTODY_CLAIM.evidence, 'evidence');
  if (evidence !== undefined) claims.evidence = evidence;
  return { msg, claims };
}

export interface CustodyEvent {
  kind: CustodyKind;
  iss: string;
  holder: string | undefined;
  iat: number;
  detail: string | undefined;
  /** True when the tag attested its presence. */
  present: boolean;
}

/** What a verified chain establishes. */
export interface CustodyReport {
  tag: string;
  owner: string;
  keeper: string | undefined;
  events: CustodyEvent[];
}

export interface CustodyVerifyOptions {
  /** The tag the chain must be about (its DID). */
  tag: string;
  /** Public keys of issuers' assertion keys, and of the tag's key (did:key). */
  resolveKey: KeyResolver;
  suite: CryptoSuite;
}

function checkPresence(claims: CustodyClaims, options: CustodyVerifyOptions): void {
  if (claims.evidence === undefined || claims.nonce === undefined) throw new TinydidError('custody.not-present', `a ${claims.kind} credential needs the tag's attestation`);
  const att = parseSign1(claims.evidence, CUSTODY_LIMITS.maxCredentialBytes, 'custody.malformed');
  if (att.protected.get(16) !== ATTESTATION_TYP || att.kid === undefined) throw malformed(`the evidence is not a tag attestation (${ATTESTATION_TYP})`);
  if (splitDidUrl(att.kid).did !== options.tag) throw new TinydidError('custody.not-present', 'the attestation is by another tag');
  let key;
  try {
    key = options.resolveKey(att.kid, options.tag);
  } catch (cause) {
    throw new TinydidError('custody.bad-signature', `cannot resolve the tag key: ${(cause as Error).message}`, { cause });
  }
  if (!signatureVerifies(att, key, options.suite)) throw new TinydidError('custody.bad-signature', 'the tag attestation does not verify');
  const payload = decodeCbor(att.payload);
  if (!(payload instanceof Map)) throw malformed('an attestation payload is a CBOR map');
  const nonce = payload.get(ATTESTATION_KEY.nonce);
  if (!(nonce instanceof Uint8Array) || nonce.length !== claims.nonce.length || !constantTimeEqual(nonce, claims.nonce)) {
    throw new TinydidError('custody.not-present', 'the tag attested another scan (nonce differs)');
  }
  if (payload.get(ATTESTATION_KEY.event) !== claims.kind) throw new TinydidError('custody.not-present', `the tag attested ${String(payload.get(ATTESTATION_KEY.event))}, not ${claims.kind}`);
}

/**
 * Verifies a custody chain, oldest first. Throws `custody.malformed`,
 * `custody.bad-signature`, `custody.broken-chain` (a missing, reordered or
 * foreign link), `custody.not-authorised` (an issuer who may not say this),
 * `custody.not-present` (no valid tag attestation where one is needed).
 */
export function verifyCustodyChain(chain: readonly Uint8Array[], options: CustodyVerifyOptions): CustodyReport {
  if (chain.length === 0 || chain.length > CUSTODY_LIMITS.maxChainLength) throw malformed(`a chain has 1..${CUSTODY_LIMITS.maxChainLength} credentials`);
  let owner = '';
  let keeper: string | undefined;
  const events: CustodyEvent[] = [];
  let previous: Uint8Array | undefined;
  let lastIat = 0;
  for (let i = 0; i < chain.length; i++) {
    const { msg, claims } = decodeCustody(chain[i]);
    if (claims.sub !== options.tag) throw new TinydidError('custody.broken-chain', `credential ${i} is about another animal`);
    if (msg.kid === undefined || splitDidUrl(msg.kid).did !== claims.iss) throw new TinydidError('custody.bad-signature', `credential ${i} is not signed with a key of its issuer`);
    let key;
    try {
      key = options.resolveKey(msg.kid, claims.iss);
    } catch (cause) {
      throw new TinydidError('custody.bad-signature', `credential ${i}: cannot resolve the issuer key: ${(cause as Error).message}`, { cause });
    }
    if (!signatureVerifies(msg, key, options.suite)) throw new TinydidError('custody.bad-signature', `credential ${i} (${claims.kind}) does not verify`);
    if (i === 0) {
      if (claims.kind !== 'register' || claims.prev !== undefined) throw new TinydidError('custody.broken-chain', 'a chain starts with the registration of the tag');
      owner = claims.iss;
    } else {
      if (claims.kind === 'register') throw new TinydidError('custody.broken-chain', `credential ${i} registers the tag again`);
      const expected = options.suite.sha256(previous as Uint8Array);
      if (claims.prev === undefined || claims.prev.length !== expected.length || !constantTimeEqual(claims.prev, expected)) {
        throw new TinydidError('custody.broken-chain', `credential ${i} does not link to credential ${i - 1}`);
      }
      if (claims.iat < lastIat) throw new TinydidError('custody.broken-chain', `credential ${i} is older than the one before it`);
    }
    if (PRESENCE.includes(claims.kind)) checkPresence(claims, options);
    if (claims.kind === 'keeper' || claims.kind === 'transfer') {
      if (claims.iss !== owner) throw new TinydidError('custody.not-authorised', `only the owner may ${claims.kind === 'keeper' ? 'delegate keeping' : 'transfer ownership'}`);
      if (claims.holder === undefined) throw malformed(`a ${claims.kind} credential names its holder`);
      if (claims.kind === 'keeper') keeper = claims.holder;
      else {
        owner = claims.holder;
        keeper = undefined;
      }
    }
    events.push({ kind: claims.kind, iss: claims.iss, holder: claims.holder, iat: claims.iat, detail: claims.detail, present: PRESENCE.includes(claims.kind) });
    previous = chain[i];
    lastIat = claims.iat;
  }
  return { tag: options.tag, owner, keeper, events };
}
