// The narrow adapter between firmware/credentials and firmware/cose: every
// token here is a COSE_Sign1_Tagged (RFC 9052 section 4.2) with alg, kid
// (a UTF-8 DID URL) and typ (RFC 9596) in the protected bucket, and an
// attached payload. Errors of the COSE layer become the caller's area code,
// so a bad grant signature is grant.bad-signature, a bad reading
// reading.bad-signature, and malformed bytes are never reported as forgery.
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import type { CborMap, CborValue } from '../cbor/value';
import { HEADER as COSE_HEADER, headerAlg, headerKid } from '../cose/header';
import { coseKeyFromPublic } from '../cose/key';
import { createSign1 as coseCreateSign1, parseSign1 as coseParseSign1, verifySign1 as coseVerifySign1 } from '../cose/sign1';
import type { CryptoSuite } from '../crypto/suite';
import type { ErrorCode } from '../errors/codes';
import { TinydidError } from '../errors/tinydid-error';
import type { CoseSigner, VerifyKey } from './keys';

/** Header labels used here (RFC 9052 section 3.1; typ RFC 9596 section 2). */
export const HEADER = Object.freeze({ alg: COSE_HEADER.alg, cty: COSE_HEADER.contentType, kid: COSE_HEADER.kid, typ: 16 });

export interface Sign1 {
  bytes: Uint8Array;
  protected: CborMap;
  unprotected: CborMap;
  payload: Uint8Array;
  alg: number;
  /** The kid bytes as they travelled. */
  kidBytes: Uint8Array | undefined;
  /** kid as text (a UTF-8 DID URL), undefined when absent or not UTF-8 (a short id). */
  kid: string | undefined;
}

/** Signs `payload` with kid (default: the signer's DID URL in UTF-8) and `extra` headers protected. */
export function createSign1(signer: CoseSigner, payload: Uint8Array, extra: [number, CborValue][] = [], kid: Uint8Array = utf8Encode(signer.kid)): Uint8Array {
  const protectedHeaders = new Map<CborValue, CborValue>([[HEADER.kid, kid], ...extra]);
  return coseCreateSign1({ keyStore: signer.keyStore, keyId: signer.keyId, payload, protectedHeaders });
}

function rethrow(cause: unknown, code: ErrorCode, what: string): never {
  if (cause instanceof TinydidError) throw new TinydidError(code, `${what}: ${cause.code}: ${cause.message}`, { cause });
  throw cause;
}

/**
 * Parses a COSE_Sign1_Tagged of at most `maxBytes` (tag required, payload
 * attached, alg a number, kid UTF-8). Anything else is `code`.
 */
export function parseSign1(bytes: Uint8Array, maxBytes: number, code: ErrorCode): Sign1 {
  if (!(bytes instanceof Uint8Array)) throw new TinydidError(code, 'expected bytes');
  if (bytes.length > maxBytes) throw new TinydidError(code, `${bytes.length} bytes; the limit is ${maxBytes}`);
  let parsed;
  let alg: number;
  try {
    parsed = coseParseSign1(bytes, { requireTag: true, limits: { maxMessage: maxBytes } });
    alg = headerAlg(parsed.headers);
  } catch (cause) {
    return rethrow(cause, code, 'not a COSE_Sign1_Tagged');
  }
  if (parsed.payload === null) throw new TinydidError(code, 'the payload must be attached');
  const kidBytes = headerKid(parsed.headers);
  let kid: string | undefined;
  if (kidBytes !== undefined) {
    try {
      kid = utf8Decode(kidBytes);
    } catch {
      kid = undefined;
    }
  }
  return { bytes, protected: parsed.headers.protected, unprotected: parsed.headers.unprotected, payload: parsed.payload, alg, kidBytes, kid };
}

/**
 * True when `key` verifies `msg`: EdDSA (-8/-19) with Ed25519, ES256 (-7/-9)
 * with P-256 (RFC 9053 section 2). False for a bad signature or a key that
 * does not fit the algorithm; the caller throws its own area's code.
 */
export function signatureVerifies(msg: Sign1, key: VerifyKey, suite: CryptoSuite): boolean {
  const type = key.crv === 'Ed25519' ? 'ed25519' : key.crv === 'P-256' ? 'p256' : undefined;
  if (type === undefined) return false;
  try {
    coseVerifySign1(msg.bytes, { suite, keys: [coseKeyFromPublic(type, key.bytes)], requireTag: true });
    return true;
  } catch (cause) {
    if (cause instanceof TinydidError && (cause.code === 'cose.bad-signature' || cause.code === 'cose.no-key' || cause.code === 'cose.bad-key' || cause.code === 'cose.unsupported')) return false;
    throw cause;
  }
}
