import { toBase64url } from '../../bytes/base64url';
import { utf8Encode } from '../../bytes/utf8';
import { AEAD_PARAMETERS, type CryptoSuite } from '../../crypto/suite';
import { TinydidError, isTinydidError } from '../../errors/tinydid-error';
import { randomBytes, type Random } from '../../host/random';
import type { KeyStore } from '../../keys/key-store';
import { concatKdf, jweOtherInfo } from '../../jose/concat-kdf';
import { ephemeralAgree, ephemeralKey } from '../../jose/ephemeral';
import { jsonBytes, type JsonObject } from '../../jose/json';
import { publicKeyToJwk, type PublicKey } from '../../jose/jwk';
import { JWE_ENC_AEAD, type JweEnc, type ParsedJwe } from '../../jose/jwe-parse';
import { MEDIA_TYPES } from '../message';

export interface JweRecipient {
  kid: string;
  key: PublicKey;
}

/** The authcrypt sender: its keyAgreement key id and where the private key is. */
export interface JweSender {
  kid: string;
  keyId: string;
  store: KeyStore;
}

const KW_BITS = 256; // A256KW key-encryption key

/**
 * DIDComm v2 "ECDH-ES key wrapping and common protected headers": apv is the
 * base64url SHA-256 of the recipients' kids, sorted, joined with '.'.
 */
export function didcommApv(kids: string[], suite: CryptoSuite): Uint8Array {
  return suite.sha256(utf8Encode(kids.slice().sort().join('.')));
}

function ascii(text: string): Uint8Array {
  return utf8Encode(text);
}

/**
 * Encrypts `plaintext` to every recipient (one curve) as a DIDComm JWE:
 * anoncrypt (ECDH-ES+A256KW) without `sender`, authcrypt
 * (ECDH-1PU+A256KW, A256CBC-HS512 only) with it. The ephemeral key comes from
 * `random`; the sender's static agreement runs inside its key store.
 */
export function encryptJwe(plaintext: Uint8Array, recipients: JweRecipient[], enc: JweEnc, options: { random: Random; suite: CryptoSuite; sender?: JweSender }): JsonObject {
  const { random, suite, sender } = options;
  if (recipients.length === 0) throw new TinydidError('didcomm.no-key', 'no recipient keys');
  const crv = recipients[0].key.crv;
  if ((crv !== 'X25519' && crv !== 'P-256') || recipients.some((r) => r.key.crv !== crv)) {
    throw new TinydidError('didcomm.no-key', 'JWE recipients must all be X25519 or all P-256');
  }
  if (sender !== undefined && enc !== 'A256CBC-HS512') throw new TinydidError('jose.unsupported-algorithm', 'authcrypt uses A256CBC-HS512');
  const alg = sender === undefined ? 'ECDH-ES+A256KW' : 'ECDH-1PU+A256KW';
  const eph = ephemeralKey(crv, random, suite);
  const apv = didcommApv(recipients.map((r) => r.kid), suite);
  const header: JsonObject = { epk: publicKeyToJwk(eph.publicKey), apv: toBase64url(apv) };
  const apu = sender === undefined ? new Uint8Array(0) : utf8Encode(sender.kid);
  if (sender !== undefined) {
    header.skid = sender.kid;
    header.apu = toBase64url(apu);
  }
  header.typ = MEDIA_TYPES.encryptedJson;
  header.enc = enc;
  header.alg = alg;
  const protectedText = toBase64url(jsonBytes(header));
  const aead = JWE_ENC_AEAD[enc];
  const p = AEAD_PARAMETERS[aead];
  const cek = randomBytes(random, p.keyLength);
  const iv = randomBytes(random, p.nonceLength);
  const sealed = suite.aeadSeal(aead, cek, iv, plaintext, ascii(protectedText));
  const ciphertext = sealed.subarray(0, sealed.length - p.tagLength);
  const tag = sealed.subarray(sealed.length - p.tagLength);
  const out = recipients.map((r) => {
    const ze = ephemeralAgree(eph, r.key, suite);
    let kek: Uint8Array;
    if (sender === undefined) {
      kek = concatKdf(suite, ze, jweOtherInfo(alg, apu, apv, KW_BITS), 32);
    } else {
      // draft-madden-jose-ecdh-1pu-04 section 2.3: Z = Ze || Zs; the tag joins SuppPubInfo.
      kek = sender.store.agree(sender.keyId, {
        peers: [r.key.bytes],
        prefix: ze,
        derivation: { kdf: 'concat-sha256', otherInfo: jweOtherInfo(alg, apu, apv, KW_BITS, tag), length: 32 },
      });
    }
    return { encrypted_key: toBase64url(suite.aesKeyWrap(kek, cek)), header: { kid: r.kid } };
  });
  return { ciphertext: toBase64url(ciphertext), protected: protectedText, recipients: out, tag: toBase64url(tag), iv: toBase64url(iv) };
}

/**
 * Opens a parsed DIDComm JWE for the recipient `kid` whose private key is
 * `keyId` in `store`. `senderKey` is the authcrypt sender's resolved
 * keyAgreement key. Throws `jose.decrypt-failed`, `jose.malformed`, `jose.bad-key`.
 */
export function decryptJwe(jwe: ParsedJwe, kid: string, keyId: string, store: KeyStore, suite: CryptoSuite, senderKey?: PublicKey): Uint8Array {
  const entry = jwe.recipients.find((r) => r.kid === kid);
  if (entry === undefined) throw new TinydidError('didcomm.no-key', `${kid} is not a recipient`);
  const type = store.info(keyId).type;
  if ((type === 'x25519' ? 'X25519' : type === 'p256' ? 'P-256' : type) !== jwe.epk.crv) {
    throw new TinydidError('jose.bad-key', `epk is ${jwe.epk.crv}, the recipient key is ${type}`);
  }
  const aead = JWE_ENC_AEAD[jwe.enc];
  const p = AEAD_PARAMETERS[aead];
  if (jwe.iv.length !== p.nonceLength || jwe.tag.length !== p.tagLength) throw new TinydidError('jose.malformed', `${jwe.enc}: iv or tag has the wrong length`);
  const apu = jwe.apu ?? new Uint8Array(0);
  const peers = [jwe.epk.bytes];
  let otherInfo = jweOtherInfo(jwe.alg, apu, jwe.apv, KW_BITS);
  if (jwe.alg === 'ECDH-1PU+A256KW') {
    if (senderKey === undefined || senderKey.crv !== jwe.epk.crv) throw new TinydidError('jose.bad-key', 'authcrypt sender key missing or on another curve');
    peers.push(senderKey.bytes);
    otherInfo = jweOtherInfo(jwe.alg, apu, jwe.apv, KW_BITS, jwe.tag);
  }
  let kek: Uint8Array;
  try {
    kek = store.agree(keyId, { peers, derivation: { kdf: 'concat-sha256', otherInfo, length: 32 } });
  } catch (cause) {
    if (isTinydidError(cause, 'crypto.bad-key')) throw new TinydidError('jose.bad-key', 'epk or sender key is not a usable point', { cause });
    throw cause;
  }
  let cek: Uint8Array;
  try {
    cek = suite.aesKeyUnwrap(kek, entry.encryptedKey);
  } catch (cause) {
    throw new TinydidError('jose.decrypt-failed', `key unwrap failed for ${kid}`, { cause });
  }
  if (cek.length !== p.keyLength) throw new TinydidError('jose.decrypt-failed', `unwrapped key is ${cek.length} bytes, ${jwe.enc} needs ${p.keyLength}`);
  const sealed = new Uint8Array(jwe.ciphertext.length + jwe.tag.length);
  sealed.set(jwe.ciphertext);
  sealed.set(jwe.tag, jwe.ciphertext.length);
  try {
    return suite.aeadOpen(aead, cek, jwe.iv, sealed, ascii(jwe.aad));
  } catch (cause) {
    throw new TinydidError('jose.decrypt-failed', `${jwe.enc} content does not authenticate`, { cause });
  }
}
