import { utf8Decode } from '../../bytes/utf8';
import { portableSuite } from '../../crypto/portable-suite';
import type { CryptoSuite } from '../../crypto/suite';
import { splitDidUrl } from '../../did/did-url';
import { isPeer4, peer4ShortForm } from '../../did/peer4';
import { findMethod, publicKeyOfMethod, type DidDocument } from '../../did/document';
import type { DidResolver } from '../../did/resolver';
import { TinydidError, isTinydidError } from '../../errors/tinydid-error';
import type { Random } from '../../host/random';
import { jsonBytes } from '../../jose/json';
import type { PublicKey } from '../../jose/jwk';
import { signJws } from '../../jose/jws';
import { sameDid } from '../checks';
import type { KeyRing } from '../key-ring';
import { MEDIA_TYPES, type Message } from '../message';
import { messageJsonBytes } from '../message-json';
import type { PackMetadata, PackOptions, PackResult } from '../types';
import { checkMessage, messageHeaders } from '../validate';
import { encryptJwe, type JweRecipient, type JweSender } from './jwe';

function option(message: string): never {
  throw new TinydidError('didcomm.bad-option', message);
}

/** Keys of `relationship` in `doc` on a curve JWE supports, skipping (not failing on) P-384/P-521 ones. */
function agreementKeys(doc: DidDocument, only?: string): JweRecipient[] {
  const out: JweRecipient[] = [];
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
function recipientKeys(to: string[], resolver: DidResolver): JweRecipient[][] {
  if (to.length === 0) option('no recipients: set to (or the message\'s to)');
  return to.map((entry) => {
    const { did, fragment } = splitDidUrl(entry);
    const keys = agreementKeys(resolver.resolve(did), fragment === undefined ? undefined : entry);
    if (keys.length === 0) throw new TinydidError('didcomm.no-key', `${did.slice(0, 80)} has no X25519 or P-256 keyAgreement key`);
    return keys;
  });
}

function onCurve(groups: JweRecipient[][], crv: PublicKey['crv']): JweRecipient[] | undefined {
  const out: JweRecipient[] = [];
  for (const g of groups) {
    const keys = g.filter((k) => k.key.crv === crv);
    if (keys.length === 0) return undefined;
    out.push(...keys);
  }
  return out;
}

function signerFor(message: Message, options: PackOptions, keys: KeyRing) {
  const signBy = options.signBy ?? message.from ?? option('signing needs signBy or the message\'s from');
  const { did, fragment } = splitDidUrl(signBy);
  if (message.from === undefined || !sameDid(message.from, did)) option('the signing key must belong to the message\'s from');
  const doc = options.resolver.resolve(did);
  const candidates = fragment === undefined ? doc.authentication : [signBy];
  for (const kid of candidates) {
    if (!doc.authentication.includes(kid)) throw new TinydidError('did.key-not-found', `${kid} is not an authentication key of ${did}`);
    const keyId = keys.keyId(kid, 'sign');
    if (keyId === undefined) continue;
    const type = keys.store.info(keyId).type;
    return { kid, keyId, alg: type === 'ed25519' ? ('EdDSA' as const) : ('ES256' as const) };
  }
  throw new TinydidError('didcomm.no-key', `this agent holds no authentication key of ${did.slice(0, 80)}`);
}

/**
 * The sender key id written in skid/apu. A did:peer:4 long form carries its
 * whole document (about 1 KB), too long for apu in every message and beyond
 * the key store's 1 KiB KDF input limit, so a long-form sender is named by its
 * short form (did:peer spec, method 4); the recipient resolves it from the
 * long form it already knows (the connection's document).
 */
function headerKid(did: string, kid: string): string {
  const short = isPeer4(did) ? peer4ShortForm(did) : did;
  return short === did ? kid : `${short}${kid.slice(did.length)}`;
}

function senderFor(message: Message, options: PackOptions, keys: KeyRing, groups: JweRecipient[][]): { sender: JweSender; recipients: JweRecipient[] } {
  const from = options.from ?? message.from ?? option('authcrypt needs from (a DID or keyAgreement key id)');
  const { did, fragment } = splitDidUrl(from);
  if (message.from === undefined || !sameDid(message.from, did)) option('the authcrypt sender must be the message\'s from');
  for (const candidate of agreementKeys(options.resolver.resolve(did), fragment === undefined ? undefined : from)) {
    const keyId = keys.keyId(candidate.kid, 'derive');
    const recipients = keyId === undefined ? undefined : onCurve(groups, candidate.key.crv);
    if (keyId !== undefined && recipients !== undefined) return { sender: { kid: headerKid(did, candidate.kid), keyId, store: keys.store }, recipients };
  }
  throw new TinydidError('didcomm.no-key', 'no keyAgreement key of the sender that every recipient shares a curve with');
}

/**
 * Packs a message as standard JSON DIDComm (DIDComm v2 "Message Formats"):
 * plain, signed (JWS, EdDSA or ES256 by the key type), anoncrypt
 * (ECDH-ES+A256KW with XC20P/A256GCM/A256CBC-HS512) or authcrypt
 * (ECDH-1PU+A256KW with A256CBC-HS512, optionally inside anoncrypt).
 * With `signBy`, anoncrypt/authcrypt encrypt a signed message.
 */
export function packJson(message: Message, options: PackOptions): PackResult {
  const checked = checkMessage(messageHeaders(message));
  const suite: CryptoSuite = options.suite ?? portableSuite;
  const metadata: PackMetadata = { to_kids: [] };
  let payload = messageJsonBytes(checked);
  let mediaType: string = MEDIA_TYPES.plainJson;
  if (options.mode === 'plain') return { bytes: payload, mediaType, metadata };
  const keys = options.keys;
  if (options.mode === 'signed' || options.signBy !== undefined) {
    if (keys === undefined) option('signing needs keys');
    const signer = signerFor(checked, options, keys);
    payload = jsonBytes(signJws(payload, [signer], keys.store, MEDIA_TYPES.signedJson));
    mediaType = MEDIA_TYPES.signedJson;
    metadata.sign_by_kid = signer.kid;
    if (options.mode === 'signed') return { bytes: payload, mediaType, metadata };
  }
  const random: Random = options.random ?? option('encryption needs a Random');
  const groups = recipientKeys(options.to ?? checked.to ?? [], options.resolver);
  if (options.mode === 'authcrypt') {
    if (keys === undefined) option('authcrypt needs keys');
    const { sender, recipients } = senderFor(checked, options, keys, groups);
    payload = jsonBytes(encryptJwe(payload, recipients, 'A256CBC-HS512', { random, suite, sender }));
    metadata.from_kid = sender.kid;
    metadata.to_kids = recipients.map((r) => r.kid);
    if (options.protectSender === true) payload = jsonBytes(encryptJwe(payload, recipients, options.encAlgAnon ?? 'XC20P', { random, suite }));
    return { bytes: payload, mediaType: MEDIA_TYPES.encryptedJson, metadata };
  }
  if (options.mode !== 'anoncrypt') option(`unknown mode ${String(options.mode)}`);
  const first = groups[0][0].key.crv;
  const recipients = onCurve(groups, first) ?? onCurve(groups, first === 'X25519' ? 'P-256' : 'X25519');
  if (recipients === undefined) throw new TinydidError('didcomm.no-key', 'the recipients share no key agreement curve');
  payload = jsonBytes(encryptJwe(payload, recipients, options.encAlgAnon ?? 'XC20P', { random, suite }));
  metadata.to_kids = recipients.map((r) => r.kid);
  return { bytes: payload, mediaType: MEDIA_TYPES.encryptedJson, metadata };
}

/** UTF-8 text of a packed JSON message. */
export function packedText(result: PackResult): string {
  return utf8Decode(result.bytes);
}
