import { fromBase64url, toBase64url } from '../bytes/base64url';
import { utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { KeyStore } from '../keys/key-store';
import { isJsonObject, jsonBytes, parseJsonObject, type JsonObject } from './json';
import type { PublicKey } from './jwk';
import { checkJwsAlg, verifyJwsSignature, type JwsAlg } from './verify';

/** Most signatures accepted in one JWS (JSON serialization). */
export const JWS_MAX_SIGNATURES = 8;

export function b64(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string') throw new TinydidError('jose.malformed', `${what} must be a base64url string`);
  try {
    return fromBase64url(value);
  } catch (cause) {
    throw new TinydidError('jose.malformed', `${what} is not unpadded base64url`, { cause });
  }
}

export interface JwsSigner {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  /** Key store id of the private key. */
  keyId: string;
}

/**
 * Signs `payload` in the General JWS JSON Serialization (RFC 7515 section
 * 7.2.1) as DIDComm v2 "DIDComm Signed Messages" shapes it: protected header
 * {typ, alg}, kid in the unprotected header, one signature per signer.
 */
export function signJws(payload: Uint8Array, signers: JwsSigner[], store: KeyStore, typ: string): JsonObject {
  const encodedPayload = toBase64url(payload);
  const signatures = signers.map((s) => {
    const protectedHeader = toBase64url(jsonBytes({ typ, alg: s.alg }));
    const signature = store.sign(s.keyId, utf8Encode(`${protectedHeader}.${encodedPayload}`));
    return { protected: protectedHeader, signature: toBase64url(signature), header: { kid: s.kid } };
  });
  return { payload: encodedPayload, signatures };
}

export interface ParsedJwsSignature {
  alg: JwsAlg;
  kid: string;
  protectedHeader: JsonObject;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

export interface ParsedJws {
  payload: Uint8Array;
  signatures: ParsedJwsSignature[];
}

/**
 * Parses a General or Flattened JWS JSON Serialization (RFC 7515 section 7.2).
 * The kid may sit in the protected or the unprotected header (not both, RFC
 * 7515 section 7.2.1: header names must be disjoint). Throws `jose.malformed`,
 * `jose.unsupported-algorithm`.
 */
export function parseJws(value: JsonObject): ParsedJws {
  const encodedPayload = value.payload;
  const payload = b64(encodedPayload, 'JWS payload');
  const list = value.signatures !== undefined ? value.signatures : [{ protected: value.protected, signature: value.signature, header: value.header }];
  if (!Array.isArray(list) || list.length === 0 || list.length > JWS_MAX_SIGNATURES) {
    throw new TinydidError('jose.malformed', `JWS must carry 1..${JWS_MAX_SIGNATURES} signatures`);
  }
  const signatures = list.map((entry, i) => {
    if (!isJsonObject(entry)) throw new TinydidError('jose.malformed', `JWS signature ${i} must be an object`);
    const protectedText = entry.protected;
    const protectedHeader = parseJsonObject(b64(protectedText, 'JWS protected header'), 'JWS protected header');
    const header = entry.header === undefined ? {} : entry.header;
    if (!isJsonObject(header)) throw new TinydidError('jose.malformed', 'JWS unprotected header must be an object');
    for (const name of Object.keys(header)) {
      if (name in protectedHeader) throw new TinydidError('jose.malformed', `JWS header ${name} is both protected and unprotected`);
    }
    if (protectedHeader.crit !== undefined) throw new TinydidError('jose.unsupported-algorithm', 'JWS crit headers are not supported (RFC 7515 section 4.1.11)');
    const alg = checkJwsAlg(protectedHeader.alg);
    const kid = protectedHeader.kid ?? header.kid;
    if (typeof kid !== 'string') throw new TinydidError('jose.malformed', 'JWS signature has no kid');
    return { alg, kid, protectedHeader, signingInput: utf8Encode(`${String(protectedText)}.${String(encodedPayload)}`), signature: b64(entry.signature, 'JWS signature') };
  });
  return { payload, signatures };
}

/** Verifies one parsed signature with `key`; throws `jose.bad-signature`. */
export function verifyParsedSignature(sig: ParsedJwsSignature, key: PublicKey, suite: CryptoSuite): void {
  verifyJwsSignature(sig.alg, key, sig.signingInput, sig.signature, suite);
}

/** Compact JWS (RFC 7515 section 7.1) over `payload` with the given protected header. */
export function signCompactJws(header: JsonObject, payload: Uint8Array, keyId: string, store: KeyStore): string {
  const input = `${toBase64url(jsonBytes(header))}.${toBase64url(payload)}`;
  return `${input}.${toBase64url(store.sign(keyId, utf8Encode(input)))}`;
}

/** Parses a compact JWS; throws `jose.malformed`, `jose.unsupported-algorithm`. */
export function parseCompactJws(text: string): { header: JsonObject; payload: Uint8Array; alg: JwsAlg; signingInput: Uint8Array; signature: Uint8Array } {
  const parts = text.split('.');
  if (parts.length !== 3) throw new TinydidError('jose.malformed', 'a compact JWS has three parts');
  const header = parseJsonObject(b64(parts[0], 'JWS header'), 'JWS header');
  if (header.crit !== undefined) throw new TinydidError('jose.unsupported-algorithm', 'JWS crit headers are not supported');
  return { header, payload: b64(parts[1], 'JWS payload'), alg: checkJwsAlg(header.alg), signingInput: utf8Encode(`${parts[0]}.${parts[1]}`), signature: b64(parts[2], 'JWS signature') };
}
