import { constantTimeEqual } from '../../bytes/equal';
import { utf8Decode, utf8Encode } from '../../bytes/utf8';
import { portableSuite } from '../../crypto/portable-suite';
import type { CryptoSuite } from '../../crypto/suite';
import { didOf } from '../../did/did-url';
import { methodFor, publicKeyOfMethod } from '../../did/document';
import { TinydidError } from '../../errors/tinydid-error';
import { isJsonObject, parseJson, type JsonValue } from '../../jose/json';
import { parseJwe, type ParsedJwe } from '../../jose/jwe-parse';
import { parseJws, verifyParsedSignature } from '../../jose/jws';
import { checkExpiry, checkRecipient, checkReplay, checkSender } from '../checks';
import { verifyFromPrior } from '../from-prior';
import { DIDCOMM_LIMITS } from '../limits';
import { MEDIA_TYPES, type Message } from '../message';
import { messageFromJson } from '../message-json';
import { emptyMetadata, type UnpackMetadata, type UnpackOptions, type UnpackResult } from '../types';
import { ANON_ALG_NAMES, AUTH_ALG_NAME } from './algorithms';
import { decryptJwe, didcommApv } from './jwe';

type Layer = 'start' | 'anon' | 'auth' | 'signed';

function parseLayer(bytes: Uint8Array): JsonValue {
  try {
    return parseJson(bytes, DIDCOMM_LIMITS.maxDepth);
  } catch (cause) {
    throw new TinydidError('didcomm.malformed', 'envelope is not JSON', { cause });
  }
}

function checkTyp(typ: JsonValue | undefined, expected: string): void {
  if (typ !== undefined && typ !== expected) throw new TinydidError('didcomm.unsupported-media-type', `typ ${JSON.stringify(typ).slice(0, 60)} where ${expected} was expected`);
}

function openJwe(jwe: ParsedJwe, options: UnpackOptions, suite: CryptoSuite): { plaintext: Uint8Array; kid: string } {
  checkTyp(jwe.header.typ, MEDIA_TYPES.encryptedJson);
  // DIDComm v2 "ECDH-ES key wrapping and common protected headers": apv binds the recipient list.
  if (!constantTimeEqual(jwe.apv, didcommApv(jwe.recipients.map((r) => r.kid), suite))) {
    throw new TinydidError('jose.malformed', 'apv is not the SHA-256 of the recipients\' kids');
  }
  let senderKey;
  if (jwe.alg === 'ECDH-1PU+A256KW') {
    const skid = jwe.skid as string;
    senderKey = publicKeyOfMethod(methodFor(options.resolver.resolve(didOf(skid)), skid, 'keyAgreement'));
  }
  const keys = options.keys;
  for (const r of jwe.recipients) {
    const keyId = keys?.keyId(r.kid, 'derive');
    if (keys === undefined || keyId === undefined) continue;
    return { plaintext: decryptJwe(jwe, r.kid, keyId, keys.store, suite, senderKey), kid: r.kid };
  }
  throw new TinydidError('didcomm.no-key', 'none of the JWE recipients is a key this agent holds');
}

/**
 * Unpacks a JSON DIDComm message (DIDComm v2 "Message Formats"): opens
 * anoncrypt, authcrypt and JWS layers in an order the spec allows
 * (anoncrypt > authcrypt > signed > plaintext), then checks what the layers
 * established against the plaintext: `from` = authenticated sender, the
 * signer's key is one of the sender's authentication keys, the recipient's
 * DID is in `to`, from_prior, expires_time, replay. Returns the message and
 * metadata named as the reference implementation names it.
 * Throws TinydidError; see firmware/didcomm/README.md for the codes.
 */
export function unpackJson(packed: Uint8Array | string, options: UnpackOptions): UnpackResult {
  const suite = options.suite ?? portableSuite;
  const max = options.maxMessageBytes ?? DIDCOMM_LIMITS.maxMessageBytes;
  let bytes = typeof packed === 'string' ? utf8Encode(packed) : packed;
  if (bytes.length > max) throw new TinydidError('didcomm.too-large', `message of ${bytes.length} bytes exceeds ${max}`);
  const metadata: UnpackMetadata = emptyMetadata();
  let layer: Layer = 'start';
  let authKid: string | undefined;
  let signKid: string | undefined;
  let recipientKid: string | undefined;
  let message: Message | undefined;
  for (let depth = 0; message === undefined; depth++) {
    if (depth > DIDCOMM_LIMITS.maxLayers) throw new TinydidError('didcomm.bad-envelope', `more than ${DIDCOMM_LIMITS.maxLayers} envelope layers`);
    const value = parseLayer(bytes);
    if (!isJsonObject(value)) throw new TinydidError('didcomm.malformed', 'a DIDComm message must be a JSON object');
    if (value.ciphertext !== undefined) {
      const jwe = parseJwe(value);
      const auth = jwe.alg === 'ECDH-1PU+A256KW';
      if (auth ? layer !== 'start' && layer !== 'anon' : layer !== 'start') {
        throw new TinydidError('didcomm.bad-envelope', `${auth ? 'authcrypt' : 'anoncrypt'} inside ${layer}`);
      }
      const opened = openJwe(jwe, options, suite);
      metadata.encrypted = true;
      metadata.encrypted_to_kids = jwe.recipients.map((r) => r.kid);
      recipientKid = opened.kid;
      if (auth) {
        authKid = jwe.skid as string;
        metadata.authenticated = true;
        metadata.encrypted_from_kid = authKid;
        metadata.enc_alg_auth = AUTH_ALG_NAME;
        layer = 'auth';
      } else {
        metadata.anonymous_sender = true;
        metadata.enc_alg_anon = ANON_ALG_NAMES[jwe.enc];
        layer = 'anon';
      }
      bytes = opened.plaintext;
    } else if (value.payload !== undefined) {
      if (layer === 'signed') throw new TinydidError('didcomm.bad-envelope', 'a JWS inside a JWS');
      const jws = parseJws(value);
      for (const sig of jws.signatures) {
        checkTyp(sig.protectedHeader.typ, MEDIA_TYPES.signedJson);
        // DIDComm v2 "DIDComm Signed Messages": the kid must be an authentication key of the signer's DID.
        const key = publicKeyOfMethod(methodFor(options.resolver.resolve(didOf(sig.kid)), sig.kid, 'authentication'));
        verifyParsedSignature(sig, key, suite);
        if (signKid !== undefined && didOf(signKid) !== didOf(sig.kid)) throw new TinydidError('didcomm.sender-mismatch', 'JWS signatures from different DIDs');
        signKid ??= sig.kid;
      }
      metadata.non_repudiation = true;
      metadata.authenticated = true;
      metadata.sign_from = signKid;
      metadata.sign_alg = jws.signatures[0].alg;
      metadata.signed_message = utf8Decode(bytes);
      bytes = jws.payload;
      layer = 'signed';
    } else {
      message = messageFromJson(value);
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
