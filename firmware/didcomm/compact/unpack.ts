/**
 * Unpacks a compact DIDComm message (PROFILE.md section 4): opens COSE
 * layers in an order DIDComm v2 allows (anoncrypt > authcrypt > signed >
 * plaintext), restores implied from/to, and performs the same checks as the
 * JSON side (firmware/didcomm/checks.ts): from = the authenticated sender,
 * the signer's key is one of the sender's authentication keys, the recipient
 * is in to, from_prior, expires_time, replay, the message size. Returns the
 * message and metadata named as the reference implementation names it.
 */
import { toBase64url } from '../../bytes/base64url';
import type { CryptoSuite } from '../../crypto/suite';
import { COSE_ENCRYPT_TAG, decryptParsedEncrypt, parseEncrypt } from '../../cose/encrypt';
import { HEADER, headerAlg, headerKid, headerValue } from '../../cose/header';
import type { CoseKey } from '../../cose/key';
import { COSE_SIGN1_TAG, verifySign1 } from '../../cose/sign1';
import { didOf, splitDidUrl } from '../../did/did-url';
import { isPeer4, peer4ShortForm } from '../../did/peer4';
import { methodFor, publicKeyOfMethod, type DidDocument } from '../../did/document';
import { TinydidError } from '../../errors/tinydid-error';
import { checkExpiry, checkRecipient, checkReplay, checkSender } from '../checks';
import { verifyFromPrior } from '../from-prior';
import { DIDCOMM_LIMITS } from '../limits';
import type { Message } from '../message';
import { emptyMetadata, type UnpackMetadata, type UnpackOptions, type UnpackResult } from '../types';
import { CONTENT_ALG, envelopeAlgName, isAuthcryptAlg, signAlgName } from './algorithms';
import { KidIndex, MAX_KID_CANDIDATES, SHORT_KID_LENGTH, shortKidCache } from './key-id';
import { decodeCompactPlaintext, type ImpliedParties } from './plaintext';

/**
 * UnpackOptions: short key ids are matched against the keys of `peers` (by
 * default the documents the resolver knows) and our own keys (`keys`).
 */
export interface CompactUnpackOptions extends UnpackOptions {
  /** Required: the device images carry no default suite. */
  suite: CryptoSuite;
  /** A prebuilt index (a gateway with many peers builds it once); wins over `peers`. */
  kidIndex?: KidIndex;
}

type Layer = 'start' | 'anon' | 'auth' | 'signed';

function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/** What kind of compact item `bytes` is, from its first bytes (PROFILE.md section 1.2). */
function kindOf(bytes: Uint8Array): 'encrypt' | 'sign1' | 'plain' {
  if (bytes.length >= 2 && bytes[0] === 0xd8 && bytes[1] === COSE_ENCRYPT_TAG) return 'encrypt';
  if (bytes.length >= 1 && bytes[0] === 0xc0 + COSE_SIGN1_TAG) return 'sign1';
  if (bytes.length >= 1 && bytes[0] >= 0xa0 && bytes[0] <= 0xbb) return 'plain';
  throw new TinydidError('didcomm.unsupported-media-type', 'not a compact DIDComm message: expected COSE_Encrypt (tag 96), COSE_Sign1 (tag 18) or a plaintext map');
}

class Keys {
  /** Short ids of the keys of the documents the resolver knows (or `kidIndex`, or `peers`). */
  readonly index: KidIndex;
  /** Short ids of our own keys. */
  readonly own: KidIndex;
  /** Our agreement keys, once per kid form: COSE matches the kid bytes. */
  readonly agreement: { keyId: string; kid: Uint8Array; url: string }[] = [];

  constructor(options: CompactUnpackOptions, suite: CryptoSuite) {
    // Short ids are hashes of DID URLs: computed once per resolver (its memo,
    // cleared whenever its documents change), as is the index of its documents.
    const ids = shortKidCache(options.resolver, suite);
    const indexOf = (peers: readonly (string | DidDocument)[]): KidIndex => {
      const index = new KidIndex(suite, ids);
      for (const peer of peers) index.addDocument(typeof peer === 'string' ? options.resolver.resolve(peer) : peer);
      return index;
    };
    const resolver = options.resolver;
    if (options.kidIndex !== undefined) this.index = options.kidIndex;
    else if (options.peers !== undefined) this.index = indexOf(options.peers);
    else if (resolver.memo !== undefined) this.index = resolver.memo(`compact/kid-index/${suite.name}`, () => indexOf(resolver.known?.() ?? []));
    else this.index = indexOf(resolver.known?.() ?? []);
    this.own = new KidIndex(suite, ids);
    const ring = options.keys;
    for (const url of ring?.kids() ?? []) {
      const keyId = ring?.keyId(url, 'derive');
      // A did:peer:4 key is named under the long or the short form of its DID.
      const { did, fragment } = splitDidUrl(url);
      const forms = isPeer4(did) && peer4ShortForm(did) !== did && fragment !== undefined ? [url, `${peer4ShortForm(did)}#${fragment}`] : [url];
      for (const form of forms) {
        this.own.addKid(form);
        if (keyId !== undefined) this.agreement.push({ keyId, kid: ids.kidBytes(form, 'short'), url: form }, { keyId, kid: ids.kidBytes(form, 'full'), url: form });
      }
    }
  }

  /** The DID URLs a kid may name: those of known documents first, then our own. */
  #resolve(kid: Uint8Array): string[] {
    const urls = this.index.resolve(kid);
    if (kid.length !== SHORT_KID_LENGTH) return urls;
    for (const url of this.own.resolve(kid)) if (!urls.includes(url)) urls.push(url);
    if (urls.length > MAX_KID_CANDIDATES) throw new TinydidError('didcomm.malformed', `short kid ${bytesToHex(kid)} matches ${urls.length} keys`);
    return urls;
  }

  /** The one DID URL a kid names, or throws `didcomm.unknown-kid`. */
  url(kid: Uint8Array): string {
    const urls = this.#resolve(kid);
    if (urls.length === 0) throw new TinydidError('didcomm.unknown-kid', `key id ${kid.length === SHORT_KID_LENGTH ? bytesToHex(kid) : '(DID URL)'} matches no key of the documents this agent knows`);
    return urls[0];
  }

  /** The DID URLs a kid may name (none when unknown). */
  urls(kid: Uint8Array | undefined): string[] {
    if (kid === undefined) return [];
    try {
      return this.#resolve(kid);
    } catch {
      return [];
    }
  }
}

/** The public key `url` names under `relationship`, as a COSE key carrying `kid`. */
function peerKey(options: UnpackOptions, url: string, relationship: 'keyAgreement' | 'authentication', kid: Uint8Array): CoseKey {
  const key = publicKeyOfMethod(methodFor(options.resolver.resolve(didOf(url)), url, relationship));
  const type = key.crv === 'X25519' ? 'x25519' : key.crv === 'Ed25519' ? 'ed25519' : key.crv === 'P-256' ? 'p256' : undefined;
  if (type === undefined) throw new TinydidError('jose.unsupported-curve', `${url.slice(0, 80)} is a ${key.crv} key`);
  return { kty: type === 'p256' ? 'EC2' : 'OKP', crv: type === 'p256' ? 'P-256' : type === 'x25519' ? 'X25519' : 'Ed25519', publicKey: key.bytes, kid };
}

interface Opened {
  plaintext: Uint8Array;
  authenticated: boolean;
  recipientUrl: string;
  senderUrl?: string;
  /** URLs of every recipient this agent can name (in envelope order). */
  recipientUrls: string[];
  /** The one DID every recipient of the envelope belongs to, if so. */
  toDid?: string;
  algName: string;
}

function openEncrypt(bytes: Uint8Array, keys: Keys, options: UnpackOptions, suite: CryptoSuite, max: number): Opened {
  const limits = { maxMessage: max, maxRecipients: DIDCOMM_LIMITS.maxRecipients };
  const parsed = parseEncrypt(bytes, { requireTag: true, limits });
  const algs = parsed.recipients.map((r) => headerAlg(r.headers));
  const authenticated = isAuthcryptAlg(algs[0]);
  // PROFILE.md section 3.3: one algorithm for all recipients; direct modes have exactly one.
  if (!algs.every((a) => a === algs[0]) || algs.some((a) => isAuthcryptAlg(a) !== authenticated)) {
    throw new TinydidError('didcomm.malformed', 'recipients use different algorithms');
  }
  const recipientKids = parsed.recipients.map((r) => headerKid(r.headers));
  if (recipientKids.some((k) => k === undefined)) throw new TinydidError('didcomm.malformed', 'every recipient names its key (kid)');
  const ours = keys.agreement.filter((a) => recipientKids.some((k) => k !== undefined && bytesToHex(k) === bytesToHex(a.kid)));
  if (ours.length === 0) throw new TinydidError('didcomm.no-key', 'none of the recipients is a key this agent holds');
  if (authenticated) {
    for (const r of parsed.recipients) {
      // PROFILE.md section 3.3: the sender key id is protected.
      if (!(r.headers.protected.get(HEADER.staticKeyId) instanceof Uint8Array)) throw new TinydidError('didcomm.malformed', 'authcrypt recipient without a protected sender key id (-3)');
      if (!(headerValue(r.headers, HEADER.partyUNonce) instanceof Uint8Array)) throw new TinydidError('didcomm.malformed', 'authcrypt recipient without a PartyU nonce (-22)');
    }
  }
  let senderUrl: string | undefined;
  // The envelope is parsed once: the checks above and the decryption share it.
  const result = decryptParsedEncrypt(parsed, {
    suite,
    requireTag: true,
    limits,
    keyStore: options.keys?.store,
    agreement: ours.map((a) => ({ keyId: a.keyId, kid: a.kid })),
    senderKeys: (kid) => {
      if (kid === undefined) return [];
      const url = keys.url(kid);
      const key = peerKey(options, url, 'keyAgreement', kid);
      senderUrl = url;
      return [key];
    },
  });
  const opened = ours.find((a) => a.keyId === result.recipient.keyId && result.recipient.kid !== undefined && bytesToHex(a.kid) === bytesToHex(result.recipient.kid));
  if (opened === undefined) throw new TinydidError('didcomm.no-key', 'the envelope opened with a key this agent did not offer');
  const curve = options.keys?.store.info(opened.keyId).type;
  if (result.algorithm !== (curve === 'p256' ? CONTENT_ALG['P-256'] : CONTENT_ALG.X25519)) {
    throw new TinydidError('didcomm.unsupported-algorithm', `content algorithm ${result.algorithm} with a ${String(curve)} key (profile: 24 for X25519, 3 for P-256)`);
  }
  const recipientUrls: string[] = [];
  let toDid: string | undefined = didOf(opened.url);
  for (const kid of recipientKids) {
    const urls = keys.urls(kid);
    if (urls.length === 1) recipientUrls.push(urls[0]);
    if (urls.length !== 1 || didOf(urls[0]) !== toDid) toDid = undefined;
  }
  const out: Opened = {
    plaintext: result.plaintext,
    authenticated,
    recipientUrl: opened.url,
    recipientUrls,
    algName: envelopeAlgName(result.algorithm, algs[0]),
  };
  if (toDid !== undefined) out.toDid = toDid;
  if (authenticated) {
    if (senderUrl === undefined) throw new TinydidError('didcomm.malformed', 'authcrypt without a sender');
    out.senderUrl = senderUrl;
  }
  return out;
}

function openSign1(bytes: Uint8Array, keys: Keys, options: UnpackOptions, suite: CryptoSuite, max: number): { payload: Uint8Array; url: string; alg: number } {
  const urls = new Map<CoseKey, string>();
  const verified = verifySign1(bytes, {
    suite,
    requireTag: true,
    limits: { maxMessage: max },
    keys: (kid) => {
      if (kid === undefined) throw new TinydidError('didcomm.malformed', 'a signed compact message names its key (kid)');
      const url = keys.url(kid);
      // DIDComm v2 "DIDComm Signed Messages": the key is an authentication key of the signer's DID.
      const key = peerKey(options, url, 'authentication', kid);
      urls.set(key, url);
      return [key];
    },
  });
  if (!(verified.headers.protected.get(HEADER.kid) instanceof Uint8Array)) throw new TinydidError('didcomm.malformed', 'the signer kid must be protected');
  return { payload: verified.payload, url: urls.get(verified.key) as string, alg: verified.algorithm };
}

/**
 * Unpacks a compact DIDComm message. Throws TinydidError: didcomm.too-large,
 * didcomm.unsupported-media-type, didcomm.malformed, didcomm.bad-envelope,
 * didcomm.no-key, didcomm.unknown-kid, didcomm.unsupported-algorithm,
 * didcomm.sender-mismatch, didcomm.recipient-mismatch, didcomm.expired,
 * didcomm.time-unknown, didcomm.replayed, didcomm.bad-from-prior, cose.*
 * (bad signature, decryption failure, malformed COSE), cbor.*, did.*, jose.unsupported-curve.
 */
export function unpackCompact(packed: Uint8Array, options: CompactUnpackOptions): UnpackResult {
  const suite = options.suite;
  const max = options.maxMessageBytes ?? DIDCOMM_LIMITS.maxMessageBytes;
  if (!(packed instanceof Uint8Array)) throw new TinydidError('didcomm.malformed', 'a compact message is bytes');
  if (packed.length > max) throw new TinydidError('didcomm.too-large', `message of ${packed.length} bytes exceeds ${max}`);
  const keys = new Keys(options, suite);
  const metadata: UnpackMetadata = emptyMetadata();
  let layer: Layer = 'start';
  let bytes = packed;
  let authKid: string | undefined;
  let signKid: string | undefined;
  let recipientKid: string | undefined;
  let implied: ImpliedParties = {};
  let message: Message | undefined;
  for (let depth = 0; message === undefined; depth++) {
    if (depth > DIDCOMM_LIMITS.maxLayers) throw new TinydidError('didcomm.bad-envelope', `more than ${DIDCOMM_LIMITS.maxLayers} envelope layers`);
    const kind = kindOf(bytes);
    if (kind === 'encrypt') {
      if (layer === 'signed' || layer === 'auth') throw new TinydidError('didcomm.bad-envelope', `encryption inside ${layer}`);
      const opened = openEncrypt(bytes, keys, options, suite, max);
      if (!opened.authenticated && layer !== 'start') throw new TinydidError('didcomm.bad-envelope', 'anoncrypt inside anoncrypt');
      metadata.encrypted = true;
      metadata.encrypted_to_kids = opened.recipientUrls;
      recipientKid = opened.recipientUrl;
      implied = opened.toDid === undefined ? {} : { to: opened.toDid };
      if (opened.authenticated) {
        authKid = opened.senderUrl as string;
        implied.from = didOf(authKid);
        metadata.authenticated = true;
        metadata.encrypted_from_kid = authKid;
        metadata.enc_alg_auth = opened.algName;
        layer = 'auth';
      } else {
        metadata.anonymous_sender = true;
        metadata.enc_alg_anon = opened.algName;
        layer = 'anon';
      }
      bytes = opened.plaintext;
    } else if (kind === 'sign1') {
      if (layer === 'signed') throw new TinydidError('didcomm.bad-envelope', 'a COSE_Sign1 inside a COSE_Sign1');
      const signed = openSign1(bytes, keys, options, suite, max);
      signKid = signed.url;
      implied = { from: didOf(signKid) };
      metadata.non_repudiation = true;
      metadata.authenticated = true;
      metadata.sign_from = signKid;
      metadata.sign_alg = signAlgName(signed.alg);
      metadata.signed_message = toBase64url(bytes);
      bytes = signed.payload;
      layer = 'signed';
    } else {
      message = decodeCompactPlaintext(bytes, implied, max);
    }
  }
  if (authKid !== undefined) checkSender(message, authKid, 'authcrypt sender');
  if (signKid !== undefined) checkSender(message, signKid, 'signing');
  if (recipientKid !== undefined) checkRecipient(message, recipientKid);
  if (message.from_prior !== undefined) {
    const { claims, issuerKid } = verifyFromPrior(message.from_prior, message.from, options.resolver, suite);
    metadata.from_prior = claims;
    metadata.from_prior_issuer_kid = issuerKid;
  }
  checkExpiry(message, options);
  checkReplay(message, metadata.authenticated ? message.from : undefined, options);
  return { message, metadata };
}
