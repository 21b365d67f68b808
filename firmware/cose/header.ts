// COSE header parameters (RFC 9052 section 3): the protected bucket travels as a
// bstr-wrapped map, the unprotected one as a plain map. A label may appear in
// only one bucket; crit lists labels the recipient must understand (section 3.1).
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import { CborTag, type CborMap, type CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { COSE_MAX_DEPTH } from './limits';

/** Common header labels (RFC 9052 section 3.1) and the ECDH ones (RFC 9053 section 6.3). */
export const HEADER = Object.freeze({
  alg: 1,
  crit: 2,
  contentType: 3,
  kid: 4,
  iv: 5,
  partialIv: 6,
  ephemeralKey: -1,
  staticKey: -2,
  staticKeyId: -3,
  salt: -20,
  partyUIdentity: -21,
  partyUNonce: -22,
  partyUOther: -23,
  partyVIdentity: -24,
  partyVNonce: -25,
  partyVOther: -26,
});

type Check = (value: CborValue) => boolean;
const isBytes: Check = (v) => v instanceof Uint8Array;
const isMap: Check = (v) => v instanceof Map;
const isLabel: Check = (v) => (typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'string';
const isUintOrText: Check = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) || typeof v === 'string';
const isBytesOrInt: Check = (v) => v instanceof Uint8Array || (typeof v === 'number' && Number.isSafeInteger(v));

/** The labels tinydid understands, with the type each value must have. */
const KNOWN: ReadonlyMap<number, Check> = new Map<number, Check>([
  [HEADER.alg, isLabel],
  [HEADER.crit, (v) => Array.isArray(v) && v.length > 0 && v.every(isLabel)],
  [HEADER.contentType, isUintOrText],
  [HEADER.kid, isBytes],
  [HEADER.iv, isBytes],
  [HEADER.partialIv, isBytes],
  [HEADER.ephemeralKey, isMap],
  [HEADER.staticKey, isMap],
  [HEADER.staticKeyId, isBytes],
  [HEADER.salt, isBytes],
  [HEADER.partyUIdentity, isBytes],
  [HEADER.partyUNonce, isBytesOrInt],
  [HEADER.partyUOther, isBytes],
  [HEADER.partyVIdentity, isBytes],
  [HEADER.partyVNonce, isBytesOrInt],
  [HEADER.partyVOther, isBytes],
]);

export interface Headers {
  /** The protected header bytes exactly as they travelled. */
  protectedBytes: Uint8Array;
  protected: CborMap;
  unprotected: CborMap;
}

export interface HeaderOptions {
  /** Labels (beyond the ones tinydid knows) the application understands when they are critical. */
  understood?: readonly (number | string)[];
  maxHeaders: number;
}

function checkMap(map: CborMap, where: string, maxHeaders: number): void {
  if (map.size > maxHeaders) throw new TinydidError('cose.bad-header', `${where} header holds ${map.size} labels, limit ${maxHeaders}`);
  for (const [label, value] of map) {
    // RFC 9052 section 3: labels are int or tstr.
    if (!isLabel(label)) throw new TinydidError('cose.bad-header', `${where} header label is not an int or text`);
    const check = typeof label === 'number' ? KNOWN.get(label) : undefined;
    if (check !== undefined && !check(value)) throw new TinydidError('cose.bad-header', `${where} header ${String(label)} has the wrong type`);
  }
}

/** Decodes and checks the two header buckets of a COSE structure. */
export function parseHeaders(protectedBstr: CborValue, unprotected: CborValue, options: HeaderOptions): Headers {
  if (!(protectedBstr instanceof Uint8Array)) throw new TinydidError('cose.malformed', 'protected header is not a byte string');
  if (!(unprotected instanceof Map)) throw new TinydidError('cose.malformed', 'unprotected header is not a map');
  let prot: CborMap;
  if (protectedBstr.length === 0) prot = new Map();
  else {
    const decoded = decodeCbor(protectedBstr, { maxDepth: COSE_MAX_DEPTH, maxInput: protectedBstr.length });
    if (!(decoded instanceof Map)) throw new TinydidError('cose.bad-header', 'protected header is not a map');
    prot = decoded;
  }
  checkMap(prot, 'protected', options.maxHeaders);
  checkMap(unprotected, 'unprotected', options.maxHeaders);
  for (const label of unprotected.keys()) {
    // RFC 9052 section 3: a label MUST NOT occur in both buckets.
    if (prot.has(label)) throw new TinydidError('cose.bad-header', `header ${String(label)} is in both buckets`);
  }
  if (unprotected.has(HEADER.crit)) throw new TinydidError('cose.bad-header', 'crit must be protected (RFC 9052 section 3.1)');
  // RFC 9052 section 3.1: IV and Partial IV MUST NOT both be present.
  if ((prot.has(HEADER.iv) || unprotected.has(HEADER.iv)) && (prot.has(HEADER.partialIv) || unprotected.has(HEADER.partialIv))) {
    throw new TinydidError('cose.bad-header', 'IV and Partial IV together (RFC 9052 section 3.1)');
  }
  const crit = prot.get(HEADER.crit);
  if (Array.isArray(crit)) {
    for (const label of crit) {
      // RFC 9052 section 3.1: every critical label must be present in the
      // protected bucket and understood, else the message is rejected.
      if (!prot.has(label)) throw new TinydidError('cose.critical', `critical header ${String(label)} is not in the protected bucket`);
      const known = typeof label === 'number' && KNOWN.has(label);
      if (!known && !(options.understood ?? []).includes(label as number | string)) {
        throw new TinydidError('cose.critical', `critical header ${String(label)} is not understood`);
      }
    }
  }
  return { protectedBytes: protectedBstr, protected: prot, unprotected };
}

/** A header value from either bucket (protected first). */
export function headerValue(h: Headers, label: number): CborValue {
  return h.protected.has(label) ? h.protected.get(label) : h.unprotected.get(label);
}

/** The kid, if any. */
export function headerKid(h: Headers): Uint8Array | undefined {
  const kid = headerValue(h, HEADER.kid);
  return kid instanceof Uint8Array ? kid : undefined;
}

/** The algorithm id; text or missing algorithms are cose.unsupported / cose.bad-header. */
export function headerAlg(h: Headers): number {
  const alg = headerValue(h, HEADER.alg);
  if (alg === undefined) throw new TinydidError('cose.bad-header', 'no alg header (RFC 9052 section 3.1)');
  if (typeof alg !== 'number') throw new TinydidError('cose.unsupported', `algorithm ${JSON.stringify(alg)}`);
  return alg;
}

/**
 * The protected bucket as it enters Sig_structure, Enc_structure and the KDF
 * context: the bytes as transported, except that an empty map is a zero-length
 * bstr (RFC 9052 sections 4.4, 5.3: "if there are no protected attributes, a
 * zero-length byte string is used"; RFC 9053 section 5.2).
 */
export function protectedForStructure(h: Headers): Uint8Array {
  return h.protected.size === 0 ? new Uint8Array(0) : h.protectedBytes;
}

/** Encodes a protected bucket: an empty map is the zero-length bstr (RFC 9052 section 3). */
export function encodeProtected(map: CborMap): Uint8Array {
  return map.size === 0 ? new Uint8Array(0) : encodeCbor(map);
}

/** Builds a header map, dropping undefined values and refusing non-map extras. */
export function mergeHeaders(base: [number, CborValue | undefined][], extra: CborMap | undefined, where: string): CborMap {
  const out: CborMap = new Map();
  for (const [k, v] of base) if (v !== undefined) out.set(k, v);
  if (extra !== undefined) {
    if (!(extra instanceof Map)) throw new TinydidError('cose.bad-argument', `${where} headers must be a Map`);
    for (const [k, v] of extra) {
      if (out.has(k)) throw new TinydidError('cose.bad-argument', `${where} header ${String(k)} is set twice`);
      out.set(k, v);
    }
  }
  return out;
}

/** A sender-side check: no label in both buckets (RFC 9052 section 3). */
export function checkBuckets(prot: CborMap, unprot: CborMap): void {
  for (const label of unprot.keys()) {
    if (prot.has(label)) throw new TinydidError('cose.bad-argument', `header ${String(label)} in both buckets`);
  }
}

/** Untags a decoded message: tag `expected` or no tag (unless required). */
export function untag(value: CborValue, expected: number, requireTag: boolean, name: string): { body: CborValue; tagged: boolean } {
  if (value instanceof CborTag) {
    if (value.tag !== expected) throw new TinydidError('cose.malformed', `tag ${value.tag} is not ${name} (${expected})`);
    return { body: value.value, tagged: true };
  }
  if (requireTag) throw new TinydidError('cose.malformed', `untagged ${name}, and the tag is required`);
  return { body: value, tagged: false };
}
