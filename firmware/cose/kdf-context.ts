// COSE_KDF_Context (RFC 9053 section 5.2): the HKDF info for ECDH key agreement.
//   COSE_KDF_Context = [AlgorithmID, PartyUInfo, PartyVInfo, SuppPubInfo, ? SuppPrivInfo]
//   PartyInfo = [identity: bstr / nil, nonce: bstr / int / nil, other: bstr / nil]
//   SuppPubInfo = [keyDataLength: uint (bits), protected: bstr, ? other: bstr]
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import { HEADER, headerValue, protectedForStructure, type Headers } from './header';

export interface PartyInfo {
  identity?: Uint8Array;
  nonce?: Uint8Array | number;
  other?: Uint8Array;
}

export interface KdfContext {
  /** The algorithm the derived key is for: the content algorithm (direct) or the key wrap one. */
  algorithmId: number;
  partyU?: PartyInfo;
  partyV?: PartyInfo;
  /** Length of the derived key in bytes (encoded in bits). */
  keyLength: number;
  /** The recipient's protected bucket as it enters structures (empty map: h''). */
  protected: Uint8Array;
  suppPubOther?: Uint8Array;
  suppPriv?: Uint8Array;
}

function party(p: PartyInfo | undefined): CborValue[] {
  return [p?.identity ?? null, p?.nonce ?? null, p?.other ?? null];
}

/** The encoded COSE_KDF_Context. */
export function encodeKdfContext(c: KdfContext): Uint8Array {
  const suppPub: CborValue[] = [c.keyLength * 8, c.protected];
  if (c.suppPubOther !== undefined) suppPub.push(c.suppPubOther);
  const out: CborValue[] = [c.algorithmId, party(c.partyU), party(c.partyV), suppPub];
  if (c.suppPriv !== undefined) out.push(c.suppPriv);
  return encodeCbor(out);
}

function get<T>(h: Headers, label: number): T | undefined {
  return headerValue(h, label) as T | undefined;
}

/** The context a recipient structure describes through its header parameters (RFC 9053 section 5.2). */
export function kdfContextFromHeaders(h: Headers, algorithmId: number, keyLength: number): KdfContext {
  const pu: PartyInfo = {};
  const pv: PartyInfo = {};
  const set = <K extends keyof PartyInfo>(p: PartyInfo, k: K, v: PartyInfo[K] | undefined): void => {
    if (v !== undefined) p[k] = v;
  };
  set(pu, 'identity', get<Uint8Array>(h, HEADER.partyUIdentity));
  set(pu, 'nonce', get<Uint8Array | number>(h, HEADER.partyUNonce));
  set(pu, 'other', get<Uint8Array>(h, HEADER.partyUOther));
  set(pv, 'identity', get<Uint8Array>(h, HEADER.partyVIdentity));
  set(pv, 'nonce', get<Uint8Array | number>(h, HEADER.partyVNonce));
  set(pv, 'other', get<Uint8Array>(h, HEADER.partyVOther));
  return { algorithmId, partyU: pu, partyV: pv, keyLength, protected: protectedForStructure(h) };
}
