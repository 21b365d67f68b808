// CBOR Web Token claims (RFC 8392): the registered claim keys tinydid uses and
// strict typed readers for a decoded claims set.
import { decodeCbor } from '../cbor/decode';
import type { CborMap, CborValue } from '../cbor/value';
import type { ErrorCode } from '../errors/codes';
import { TinydidError } from '../errors/tinydid-error';
import { CREDENTIAL_LIMITS } from './limits';

/** CWT claim keys (RFC 8392 section 4; cnf RFC 8747 section 3.1; scope, cnonce RFC 9200 section 8.13; status draft-ietf-oauth-status-list). */
export const CLAIM = Object.freeze({
  iss: 1,
  sub: 2,
  aud: 3,
  exp: 4,
  nbf: 5,
  iat: 6,
  cti: 7,
  cnf: 8,
  scope: 9,
  cnonce: 39,
  statusList: 65533,
  ttl: 65534,
  status: 65535,
  /** Private use (RFC 8392 section 9.1: keys below -65536): the parent grant token. */
  parent: -65537,
  /** Private use: how many further delegation hops this grant allows (default 0). */
  delegation: -65538,
});

/** Decodes a CWT claims set (RFC 8392 section 7.1 step 6): a CBOR map. */
export function decodeClaims(payload: Uint8Array, code: ErrorCode): CborMap {
  let value: CborValue;
  try {
    value = decodeCbor(payload, { maxDepth: CREDENTIAL_LIMITS.maxCborDepth });
  } catch (cause) {
    throw new TinydidError(code, `claims are not CBOR: ${(cause as Error).message}`, { cause });
  }
  if (!(value instanceof Map)) throw new TinydidError(code, 'the claims set is not a CBOR map (RFC 8392 section 7.1)');
  return value;
}

/** Typed readers over one claims map; every failure is `code`. */
export class ClaimReader {
  constructor(
    readonly claims: CborMap,
    readonly code: ErrorCode,
  ) {}

  fail(why: string): never {
    throw new TinydidError(this.code, why);
  }

  has(key: number): boolean {
    return this.claims.has(key);
  }

  /** StringOrURI (RFC 8392 section 2) as text, bounded. */
  text(key: number, name: string): string;
  text(key: number, name: string, optional: true): string | undefined;
  text(key: number, name: string, optional = false): string | undefined {
    const v = this.claims.get(key);
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.length === 0 || v.length > CREDENTIAL_LIMITS.maxTextLength) return this.fail(`${name} (${key}) must be a text string`);
    return v;
  }

  /**
   * NumericDate (RFC 8392 section 2): seconds since the epoch, an integer or
   * a floating-point number; never negative, NaN or infinite.
   */
  date(key: number, name: string): number | undefined {
    const v = this.claims.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return this.fail(`${name} (${key}) must be a NumericDate`);
    return v;
  }

  bytes(key: number, name: string, maxLength: number): Uint8Array | undefined {
    const v = this.claims.get(key);
    if (v === undefined) return undefined;
    if (!(v instanceof Uint8Array) || v.length > maxLength) return this.fail(`${name} (${key}) must be a byte string of at most ${maxLength} bytes`);
    return v;
  }

  uint(key: number, name: string): number | undefined {
    const v = this.claims.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return this.fail(`${name} (${key}) must be an unsigned integer`);
    return v;
  }
}

/** The registered claims of RFC 8392 section 3.1, as read from a claims set. */
export interface RegisteredClaims {
  iss?: string;
  sub?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  cti?: Uint8Array;
}

/** Reads the registered claims (all optional per RFC 8392 section 3). */
export function registeredClaims(r: ClaimReader): RegisteredClaims {
  return {
    iss: r.text(CLAIM.iss, 'iss', true),
    sub: r.text(CLAIM.sub, 'sub', true),
    aud: r.text(CLAIM.aud, 'aud', true),
    exp: r.date(CLAIM.exp, 'exp'),
    nbf: r.date(CLAIM.nbf, 'nbf'),
    iat: r.date(CLAIM.iat, 'iat'),
    cti: r.bytes(CLAIM.cti, 'cti', 64),
  };
}
