import { utf8Decode } from '../bytes/utf8';
import type { AeadAlgorithm } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { isJsonObject, parseJsonObject, type JsonObject } from './json';
import { publicKeyFromJwk, type PublicKey } from './jwk';
import { b64 } from './jws';

/** Key management algorithms (RFC 7518 section 4.6; draft-madden-jose-ecdh-1pu-04 section 2). */
export type JweAlg = 'ECDH-ES+A256KW' | 'ECDH-1PU+A256KW';
/** Content encryption (RFC 7518 section 5; draft-irtf-cfrg-xchacha for XC20P). */
export type JweEnc = 'XC20P' | 'A256GCM' | 'A256CBC-HS512';

export const JWE_ENC_AEAD: Readonly<Record<JweEnc, AeadAlgorithm>> = Object.freeze({
  XC20P: 'xchacha20-poly1305',
  A256GCM: 'aes-256-gcm',
  'A256CBC-HS512': 'aes-256-cbc-hmac-sha512',
});

/** Most recipients accepted in one JWE. */
export const JWE_MAX_RECIPIENTS = 32;

export interface ParsedJwe {
  protectedText: string;
  header: JsonObject;
  alg: JweAlg;
  enc: JweEnc;
  epk: PublicKey;
  apu?: Uint8Array;
  apv: Uint8Array;
  skid?: string;
  recipients: Array<{ kid: string; encryptedKey: Uint8Array }>;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
  /** The JWE AAD (RFC 7516 section 5.1 step 14): ASCII(protected) or ASCII(protected '.' aad). */
  aad: string;
}

function checkAlg(alg: unknown): JweAlg {
  if (alg === 'ECDH-ES+A256KW' || alg === 'ECDH-1PU+A256KW') return alg;
  throw new TinydidError('jose.unsupported-algorithm', `JWE alg ${JSON.stringify(alg)?.slice(0, 40)} is not supported`);
}

function checkEnc(enc: unknown, alg: JweAlg): JweEnc {
  if (enc === 'XC20P' || enc === 'A256GCM' || enc === 'A256CBC-HS512') {
    // DIDComm v2 "Curves and Content Encryption Algorithms": authcrypt uses A256CBC-HS512 only
    // (ECDH-1PU key wrapping needs an AEAD whose tag is bound into the KDF).
    if (alg === 'ECDH-1PU+A256KW' && enc !== 'A256CBC-HS512') throw new TinydidError('jose.unsupported-algorithm', `ECDH-1PU with ${enc}`);
    return enc;
  }
  throw new TinydidError('jose.unsupported-algorithm', `JWE enc ${JSON.stringify(enc)?.slice(0, 40)} is not supported`);
}

/**
 * Parses a JWE in the General JSON Serialization (RFC 7516 section 7.2.1), as
 * DIDComm v2 uses it: alg, enc, epk, apv (and skid/apu for authcrypt) in the
 * protected header, one kid per recipient. Throws `jose.malformed`,
 * `jose.unsupported-algorithm`, `jose.unsupported-curve`, `jose.bad-key`.
 */
export function parseJwe(value: JsonObject): ParsedJwe {
  const protectedText = value.protected;
  if (typeof protectedText !== 'string') throw new TinydidError('jose.malformed', 'JWE has no protected header');
  const header = parseJsonObject(b64(protectedText, 'JWE protected header'), 'JWE protected header');
  if (header.crit !== undefined || header.zip !== undefined) throw new TinydidError('jose.unsupported-algorithm', 'JWE crit/zip headers are not supported');
  if (value.unprotected !== undefined) throw new TinydidError('jose.malformed', 'DIDComm JWEs carry no shared unprotected header');
  const alg = checkAlg(header.alg);
  const enc = checkEnc(header.enc, alg);
  const epk = publicKeyFromJwk(header.epk);
  if (epk.crv !== 'X25519' && epk.crv !== 'P-256') throw new TinydidError('jose.unsupported-curve', `epk on ${epk.crv}`);
  const list = value.recipients;
  if (!Array.isArray(list) || list.length === 0 || list.length > JWE_MAX_RECIPIENTS) {
    throw new TinydidError('jose.malformed', `JWE must have 1..${JWE_MAX_RECIPIENTS} recipients`);
  }
  const recipients = list.map((r, i) => {
    if (!isJsonObject(r) || !isJsonObject(r.header) || typeof r.header.kid !== 'string') {
      throw new TinydidError('jose.malformed', `JWE recipient ${i} needs header.kid`);
    }
    return { kid: r.header.kid, encryptedKey: b64(r.encrypted_key, 'encrypted_key') };
  });
  const parsed: ParsedJwe = {
    protectedText,
    header,
    alg,
    enc,
    epk,
    apv: b64(header.apv, 'apv'),
    recipients,
    iv: b64(value.iv, 'iv'),
    ciphertext: b64(value.ciphertext, 'ciphertext'),
    tag: b64(value.tag, 'tag'),
    aad: value.aad === undefined ? protectedText : `${protectedText}.${String(value.aad)}`,
  };
  if (value.aad !== undefined) b64(value.aad, 'aad');
  if (header.apu !== undefined && header.apu !== null) parsed.apu = b64(header.apu, 'apu');
  if (alg === 'ECDH-1PU+A256KW') {
    // DIDComm v2 "ECDH-1PU key wrapping and common protected headers": skid names the sender key; apu is its base64url.
    if (typeof header.skid !== 'string' && parsed.apu === undefined) throw new TinydidError('jose.malformed', 'authcrypt JWE names no sender (skid/apu)');
    let skid = typeof header.skid === 'string' ? header.skid : undefined;
    if (parsed.apu !== undefined) {
      let fromApu: string;
      try {
        fromApu = utf8Decode(parsed.apu);
      } catch (cause) {
        throw new TinydidError('jose.malformed', 'apu is not UTF-8', { cause });
      }
      if (skid !== undefined && skid !== fromApu) throw new TinydidError('jose.malformed', 'skid and apu name different keys');
      skid = fromApu;
    }
    parsed.skid = skid;
  }
  return parsed;
}
