/**
 * Which keys a compact envelope uses (PROFILE.md section 3.2): the
 * recipients' keyAgreement keys, the sender's keyAgreement key (authcrypt)
 * and the signer's authentication key, chosen from the DID documents as the
 * JSON side chooses them (DIDComm v2 "Message Encryption": every
 * keyAgreement key of each recipient DID on one shared curve).
 */
import { didOf, splitDidUrl } from '../../did/did-url';
import { findMethod, publicKeyOfMethod, type DidDocument } from '../../did/document';
import type { DidResolver } from '../../did/resolver';
import { TinydidError, isTinydidError } from '../../errors/tinydid-error';
import type { PublicKey } from '../../jose/jwk';
import { coseKeyFromPublic, type CoseKey } from '../../cose/key';
import type { KeyRing } from '../key-ring';
import { sameDid } from '../checks';
import type { Message } from '../message';
import type { AgreementCurve } from './algorithms';

export interface PartyKey {
  /** The DID URL of the verification method. */
  kid: string;
  key: PublicKey;
}

function option(message: string): never {
  throw new TinydidError('didcomm.bad-option', message);
}

/** A public key as a COSE_Key (RFC 9053 section 7), for the COSE layer. */
export function toCoseKey(key: PublicKey, kid?: Uint8Array): CoseKey {
  const type = key.crv === 'X25519' ? 'x25519' : key.crv === 'Ed25519' ? 'ed25519' : key.crv === 'P-256' ? 'p256' : undefined;
  if (type === undefined) throw new TinydidError('jose.unsupported-curve', `${key.crv} keys have no place in the compact profile`);
  return coseKeyFromPublic(type, key.bytes, kid);
}

/** keyAgreement keys of `doc` on X25519 or P-256 (all, or the one named `only`). */
export function agreementKeys(doc: DidDocument, only?: string): PartyKey[] {
  const out: PartyKey[] = [];
  for (const kid of only === undefined ? doc.keyAgreement : [only]) {
    if (!doc.keyAgreement.includes(kid)) throw new TinydidError('did.key-not-found', `${kid} is not a keyAgreement key of ${doc.id}`);
    let key: PublicKey;
    try {
      key = publicKeyOfMethod(findMethod(doc, kid));
    } catch (e) {
      if (only === undefined && isTinydidError(e, 'jose.unsupported-curve')) continue;
      throw e;
    }
    if (key.crv === 'X25519' || key.crv === 'P-256') out.push({ kid, key });
    else if (only !== undefined) throw new TinydidError('jose.unsupported-curve', `${kid} is ${key.crv}`);
  }
  return out;
}

/** Per recipient DID (or key id), its keyAgreement keys. */
export function recipientGroups(to: readonly string[], resolver: DidResolver): PartyKey[][] {
  if (to.length === 0) option('no recipients: set to (or the message\'s to)');
  return to.map((entry) => {
    const { did, fragment } = splitDidUrl(entry);
    const keys = agreementKeys(resolver.resolve(did), fragment === undefined ? undefined : entry);
    if (keys.length === 0) throw new TinydidError('didcomm.no-key', `${did.slice(0, 80)} has no X25519 or P-256 keyAgreement key`);
    return keys;
  });
}

/** Every group's keys on `crv`, or undefined when a group has none. */
export function onCurve(groups: PartyKey[][], crv: AgreementCurve): PartyKey[] | undefined {
  const out: PartyKey[] = [];
  for (const g of groups) {
    const keys = g.filter((k) => k.key.crv === crv);
    if (keys.length === 0) return undefined;
    out.push(...keys);
  }
  return out;
}

/** Recipients for anoncrypt: the curve of the first recipient's first key, else the other one. */
export function anonRecipients(groups: PartyKey[][]): PartyKey[] {
  const first = groups[0][0].key.crv as AgreementCurve;
  const recipients = onCurve(groups, first) ?? onCurve(groups, first === 'X25519' ? 'P-256' : 'X25519');
  if (recipients === undefined) throw new TinydidError('didcomm.no-key', 'the recipients share no key agreement curve');
  return recipients;
}

export interface LocalKey extends PartyKey {
  /** Key store id of the private key. */
  keyId: string;
}

/** The signing key: options.signBy (a DID or key id) or the message's from; it must belong to from. */
export function signerKey(message: Message, signBy: string | undefined, resolver: DidResolver, keys: KeyRing): LocalKey {
  const by = signBy ?? message.from ?? option('signing needs signBy or the message\'s from');
  const { did, fragment } = splitDidUrl(by);
  if (message.from === undefined || !sameDid(message.from, did)) option('the signing key must belong to the message\'s from');
  const doc = resolver.resolve(did);
  for (const kid of fragment === undefined ? doc.authentication : [by]) {
    if (!doc.authentication.includes(kid)) throw new TinydidError('did.key-not-found', `${kid} is not an authentication key of ${did}`);
    const keyId = keys.keyId(kid, 'sign');
    if (keyId !== undefined) return { kid, keyId, key: publicKeyOfMethod(findMethod(doc, kid)) };
  }
  throw new TinydidError('didcomm.no-key', `this agent holds no authentication key of ${did.slice(0, 80)}`);
}

/** The authcrypt sender key (options.from or the message's from) and the recipients on its curve. */
export function senderKey(message: Message, from: string | undefined, resolver: DidResolver, keys: KeyRing, groups: PartyKey[][]): { sender: LocalKey; recipients: PartyKey[] } {
  const by = from ?? message.from ?? option('authcrypt needs from (a DID or keyAgreement key id)');
  const { did, fragment } = splitDidUrl(by);
  if (message.from === undefined || !sameDid(message.from, did)) option('the authcrypt sender must be the message\'s from');
  for (const candidate of agreementKeys(resolver.resolve(did), fragment === undefined ? undefined : by)) {
    const keyId = keys.keyId(candidate.kid, 'derive');
    const recipients = keyId === undefined ? undefined : onCurve(groups, candidate.key.crv as AgreementCurve);
    if (keyId !== undefined && recipients !== undefined) return { sender: { ...candidate, keyId }, recipients };
  }
  throw new TinydidError('didcomm.no-key', 'no keyAgreement key of the sender that every recipient shares a curve with');
}

/** The one DID all `kids` belong to, or undefined. */
export function singleDid(kids: readonly string[]): string | undefined {
  if (kids.length === 0) return undefined;
  const did = didOf(kids[0]);
  return kids.every((k) => didOf(k) === did) ? did : undefined;
}
