// COSE recipients (RFC 9052 section 5.1) for COSE_Encrypt: direct (-6), and ECDH
// with HKDF-SHA-256 (RFC 9053 section 6.3): ephemeral-static (-25, and with AES
// key wrap -29/-31) and static-static (-27, -32/-34). Ephemeral keys come from
// the crypto suite and the Random seam; every static private key stays in the
// key store, which derives the key itself (KeyStore.agree).
import type { CborMap, CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { randomBytes, type Random } from '../host/random';
import type { KeyStore } from '../keys/key-store';
import { ALG, ECDH_ALGORITHMS, type EcdhAlgorithm } from './algorithms';
import type { ContentAlgorithm } from './content';
import { checkBuckets, encodeProtected, HEADER, headerAlg, headerKid, headerValue, mergeHeaders, type Headers } from './header';
import { encodeKdfContext, kdfContextFromHeaders, type PartyInfo } from './kdf-context';
import { coseKeyFromPublic, decodeCoseKey, encodeCoseKey, type CoseKey } from './key';
import { candidateKeys, type KeyResolver } from './keys';

/** How the sender addresses one recipient. */
export type RecipientSpec =
  | {
      kind: 'direct';
      /** The shared content key itself (RFC 9052 section 8.5.1). */
      key: Uint8Array;
      kid?: Uint8Array;
    }
  | {
      kind: 'ecdh-es';
      /** -25 (direct HKDF-256), -29 (A128KW) or -31 (A256KW). */
      algorithm: number;
      /** The recipient's public X25519 (OKP) or P-256 (EC2) key. */
      recipientKey: CoseKey;
      kid?: Uint8Array;
      partyU?: PartyInfo;
      partyV?: PartyInfo;
      salt?: Uint8Array;
      /** Fixed ephemeral private key, for reproducing published vectors only. */
      ephemeralPrivateKey?: Uint8Array;
    }
  | {
      kind: 'ecdh-ss';
      /** -27 (direct HKDF-256), -32 (A128KW) or -34 (A256KW). */
      algorithm: number;
      recipientKey: CoseKey;
      kid?: Uint8Array;
      /** The sender's static key in the key store (usage 'derive'). */
      keyStore: KeyStore;
      senderKeyId: string;
      /** Name the sender key by id (header -3) instead of carrying it (header -2). */
      senderKid?: Uint8Array;
      /** Put the sender key (-2) or its id (-3) in the protected bucket (it then also enters the KDF context). */
      protectSender?: boolean;
      partyU?: PartyInfo;
      partyV?: PartyInfo;
      salt?: Uint8Array;
      /** Draw a fresh PartyU nonce when partyU.nonce and salt are not given (default true). */
      freshNonce?: boolean;
    };

/** The recipient structure the sender builds, with the key it yields. */
export interface BuiltRecipient {
  structure: CborValue[];
  /** Direct modes: the CEK this recipient determines (then it must be the only recipient). */
  directCek?: Uint8Array;
}

/** PartyU nonce length drawn for ECDH-SS when the caller gives none. */
export const SS_NONCE_LENGTH = 32;

function curveOf(key: CoseKey): 'x25519' | 'p256' {
  if (key.kty === 'OKP' && key.crv === 'X25519' && key.publicKey?.length === 32) return 'x25519';
  if (key.kty === 'EC2' && key.crv === 'P-256' && key.publicKey !== undefined) return 'p256';
  throw new TinydidError('cose.bad-key', 'ECDH needs an X25519 (OKP) or P-256 (EC2) public key');
}

function ecdhAlgorithm(alg: number, mode: 'es' | 'ss'): EcdhAlgorithm {
  const a = ECDH_ALGORITHMS.get(alg);
  if (a === undefined || a.mode !== mode) throw new TinydidError('cose.unsupported', `ECDH-${mode.toUpperCase()} algorithm ${alg}`);
  return a;
}

function partyHeaders(pu: PartyInfo | undefined, pv: PartyInfo | undefined, salt: Uint8Array | undefined): [number, CborValue | undefined][] {
  return [
    [HEADER.salt, salt],
    [HEADER.partyUIdentity, pu?.identity],
    [HEADER.partyUNonce, pu?.nonce],
    [HEADER.partyUOther, pu?.other],
    [HEADER.partyVIdentity, pv?.identity],
    [HEADER.partyVNonce, pv?.nonce],
    [HEADER.partyVOther, pv?.other],
  ];
}

function wrapOrDirect(suite: CryptoSuite, a: EcdhAlgorithm, derived: Uint8Array, cek: Uint8Array): { ciphertext: Uint8Array; directCek?: Uint8Array } {
  if (a.wrapKeyLength === undefined) return { ciphertext: new Uint8Array(0), directCek: derived };
  const wrapped = suite.aesKeyWrap(derived, cek);
  derived.fill(0);
  return { ciphertext: wrapped };
}

/**
 * Builds one recipient. `cek` is the content key for key-wrap modes; direct
 * modes return the CEK they derive instead.
 */
export function buildRecipient(spec: RecipientSpec, content: ContentAlgorithm, cek: Uint8Array, suite: CryptoSuite, random: Random): BuiltRecipient {
  if (spec.kind === 'direct') {
    if (!(spec.key instanceof Uint8Array) || spec.key.length !== content.keyLength) throw new TinydidError('cose.bad-argument', `direct key must be ${content.keyLength} bytes`);
    const unprot = mergeHeaders([[HEADER.alg, ALG.direct], [HEADER.kid, spec.kid]], undefined, 'unprotected');
    return { structure: [new Uint8Array(0), unprot, new Uint8Array(0)], directCek: spec.key };
  }
  const a = ecdhAlgorithm(spec.algorithm, spec.kind === 'ecdh-es' ? 'es' : 'ss');
  const curve = curveOf(spec.recipientKey);
  const peer = spec.recipientKey.publicKey!;
  const protMap: CborMap = new Map([[HEADER.alg, spec.algorithm]]);
  let senderHeader: [number, CborValue] | undefined;
  if (spec.kind === 'ecdh-ss') {
    senderHeader = spec.senderKid !== undefined ? [HEADER.staticKeyId, spec.senderKid] : [HEADER.staticKey, encodeCoseKey(coseKeyFromPublic(curve, spec.keyStore.exportPublic(spec.senderKeyId)))];
    if (spec.protectSender === true) {
      protMap.set(senderHeader[0], senderHeader[1]);
      senderHeader = undefined;
    }
  }
  const prot = encodeProtected(protMap);
  const keyLength = a.wrapKeyLength ?? content.keyLength;
  const algorithmId = a.wrapAlgorithm ?? content.alg;
  let unprot: CborMap;
  let derived: Uint8Array;
  if (spec.kind === 'ecdh-es') {
    const eph = spec.ephemeralPrivateKey ?? ephemeralScalar(curve, suite, random);
    const ephPublic = curve === 'x25519' ? suite.x25519PublicKey(eph) : suite.p256PublicKey(eph);
    unprot = mergeHeaders([[HEADER.ephemeralKey, encodeCoseKey(coseKeyFromPublic(curve, ephPublic))], [HEADER.kid, spec.kid], ...partyHeaders(spec.partyU, spec.partyV, spec.salt)], undefined, 'unprotected');
    const info = encodeKdfContext({ algorithmId, partyU: spec.partyU, partyV: spec.partyV, keyLength, protected: prot });
    const z = curve === 'x25519' ? suite.x25519(eph, peer) : suite.p256Ecdh(eph, peer);
    if (spec.ephemeralPrivateKey === undefined) eph.fill(0);
    derived = suite.hkdfSha256(z, spec.salt, info, keyLength);
    z.fill(0);
  } else {
    const senderType = spec.keyStore.info(spec.senderKeyId).type;
    if (senderType !== curve) throw new TinydidError('cose.bad-key', `sender key is ${senderType}, recipient key is ${curve}`);
    // ECDH-SS: static keys on both sides give the same shared secret for every
    // message; a fresh PartyU nonce (header -22) in the KDF context makes each
    // message's derived key distinct (RFC 9053 sections 5.2, 6.3.1; DESIGN
    // section 4). `freshNonce: false` omits it (published vectors carry none).
    const partyU: PartyInfo = { ...spec.partyU };
    if (spec.freshNonce !== false && partyU.nonce === undefined && spec.salt === undefined) partyU.nonce = randomBytes(random, SS_NONCE_LENGTH);
    unprot = mergeHeaders([...(senderHeader === undefined ? [] : [senderHeader]), [HEADER.kid, spec.kid], ...partyHeaders(partyU, spec.partyV, spec.salt)], undefined, 'unprotected');
    const info = encodeKdfContext({ algorithmId, partyU, partyV: spec.partyV, keyLength, protected: prot });
    const derivation = spec.salt === undefined ? { kdf: 'hkdf-sha256' as const, info, length: keyLength } : { kdf: 'hkdf-sha256' as const, salt: spec.salt, info, length: keyLength };
    derived = spec.keyStore.agree(spec.senderKeyId, { peers: [peer], derivation });
  }
  checkBuckets(protMap, unprot);
  const { ciphertext, directCek } = wrapOrDirect(suite, a, derived, cek);
  const out: BuiltRecipient = { structure: [prot, unprot, ciphertext] };
  if (directCek !== undefined) out.directCek = directCek;
  return out;
}

function ephemeralScalar(curve: 'x25519' | 'p256', suite: CryptoSuite, random: Random): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const k = randomBytes(random, 32);
    if (curve === 'x25519') return k;
    try {
      suite.p256PublicKey(k);
      return k;
    } catch {
      // Not in [1, n-1]: draw again (probability about 2^-32).
    }
  }
  throw new TinydidError('cose.bad-argument', 'the random source keeps returning invalid P-256 scalars');
}

/** A key the receiver holds: a symmetric key (direct) or a key store key for ECDH. */
export interface RecipientKeys {
  /** Symmetric keys for direct recipients, or a resolver by kid. */
  symmetric?: KeyResolver;
  /** Key store and ids of X25519 / P-256 'derive' keys that may be addressed. */
  keyStore?: KeyStore;
  agreement?: readonly { keyId: string; kid?: Uint8Array }[];
  /** Static sender keys for ECDH-SS recipients that name them by id (header -3). */
  senderKeys?: KeyResolver;
}

/** What opening one recipient established. */
export interface OpenedRecipient {
  cek: Uint8Array;
  /** Recipient algorithm id, e.g. -6, -25, -31. */
  algorithm: number;
  kid?: Uint8Array;
  /** The symmetric key (direct) that was used. */
  symmetricKey?: CoseKey;
  /** The key store id (ECDH) that was used. */
  keyId?: string;
  /** ECDH-SS: the sender's static public key, which the content now authenticates. */
  senderKey?: CoseKey;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Derives the CEK from one recipient, or returns undefined when none of `keys`
 * is addressed by it. Throws cose.unsupported, cose.bad-header, cose.bad-key,
 * cose.decrypt-failed (key unwrap), cose.malformed.
 */
export function openRecipient(h: Headers, ciphertext: Uint8Array, content: ContentAlgorithm, keys: RecipientKeys, suite: CryptoSuite): OpenedRecipient[] {
  const alg = headerAlg(h);
  const kid = headerKid(h);
  const withKid = <T extends OpenedRecipient>(o: T): T => {
    if (kid !== undefined) o.kid = kid;
    return o;
  };
  if (alg === ALG.direct) {
    // RFC 9052 section 5.1 / RFC 9053 section 6.1: direct carries an empty ciphertext.
    if (ciphertext.length !== 0) throw new TinydidError('cose.malformed', 'direct recipient with a non-empty ciphertext');
    if (keys.symmetric === undefined) return [];
    return candidateKeys(keys.symmetric, kid, (k) => k.kty === 'Symmetric' && k.k?.length === content.keyLength).map((k) => withKid({ cek: k.k!, algorithm: alg, symmetricKey: k }));
  }
  const a = ECDH_ALGORITHMS.get(alg);
  if (a === undefined) throw new TinydidError('cose.unsupported', `recipient algorithm ${alg}`);
  if (a.wrapKeyLength === undefined && ciphertext.length !== 0) throw new TinydidError('cose.malformed', 'direct key agreement with a non-empty ciphertext');
  let peer: CoseKey;
  let senderKey: CoseKey | undefined;
  if (a.mode === 'es') {
    const epk = headerValue(h, HEADER.ephemeralKey);
    if (epk === undefined) throw new TinydidError('cose.bad-header', 'ECDH-ES recipient without an ephemeral key (-1)');
    peer = decodeCoseKey(epk);
  } else {
    const staticKey = headerValue(h, HEADER.staticKey);
    const staticKid = headerValue(h, HEADER.staticKeyId);
    if (staticKey !== undefined) peer = decodeCoseKey(staticKey);
    else if (staticKid instanceof Uint8Array) {
      const found = keys.senderKeys === undefined ? [] : candidateKeys(keys.senderKeys, staticKid, (k) => k.kty !== 'Symmetric');
      if (found.length === 0) throw new TinydidError('cose.no-key', 'no sender key for the static key id (-3)');
      peer = found[0];
    } else throw new TinydidError('cose.bad-header', 'ECDH-SS recipient without a static key (-2) or static key id (-3)');
    senderKey = peer;
  }
  const curve = curveOf(peer);
  if (keys.keyStore === undefined || keys.agreement === undefined) return [];
  const store = keys.keyStore;
  const keyLength = a.wrapKeyLength ?? content.keyLength;
  const info = encodeKdfContext(kdfContextFromHeaders(h, a.wrapAlgorithm ?? content.alg, keyLength));
  const salt = headerValue(h, HEADER.salt) as Uint8Array | undefined;
  const out: OpenedRecipient[] = [];
  for (const candidate of keys.agreement) {
    if (!sameBytes(kid, candidate.kid)) continue;
    if (store.info(candidate.keyId).type !== curve) continue;
    let derived: Uint8Array;
    try {
      derived = store.agree(candidate.keyId, { peers: [peer.publicKey!], derivation: salt === undefined ? { kdf: 'hkdf-sha256', info, length: keyLength } : { kdf: 'hkdf-sha256', salt, info, length: keyLength } });
    } catch (error) {
      if (error instanceof TinydidError && error.code === 'crypto.bad-key') throw new TinydidError('cose.bad-key', `peer key refused: ${error.message}`, { cause: error });
      throw error;
    }
    let cek = derived;
    if (a.wrapKeyLength !== undefined) {
      try {
        cek = suite.aesKeyUnwrap(derived, ciphertext);
      } catch (error) {
        if (!(error instanceof TinydidError)) throw error;
        throw new TinydidError('cose.decrypt-failed', `wrapped key does not unwrap: ${error.message}`, { cause: error });
      } finally {
        derived.fill(0);
      }
    }
    const opened: OpenedRecipient = withKid({ cek, algorithm: alg, keyId: candidate.keyId });
    if (senderKey !== undefined) opened.senderKey = senderKey;
    out.push(opened);
  }
  return out;
}
