// Status List Token in CWT form (draft-ietf-oauth-status-list section
// "Status List Token in CWT Format"): COSE_Sign1_Tagged, protected typ
// application/statuslist+cwt, claims sub (the list uri), iat, exp, ttl and
// status_list. tinydid also requires iss: the grantor DID whose key signs it.
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { CLAIM, ClaimReader, decodeClaims, registeredClaims } from './cwt';
import type { CoseSigner, KeyResolver } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { HEADER, createSign1, parseSign1, signatureVerifies } from './sign1';
import { decodeStatusList, encodeStatusList, type StatusList } from './status-list';
import type { Zlib } from './zlib';

export const STATUS_LIST_TYP = 'application/statuslist+cwt';

export interface StatusListToken {
  /** Grantor DID (iss). */
  iss: string;
  /** The list's uri (sub), as referenced by grants. */
  uri: string;
  iat: number;
  exp?: number;
  /** Seconds a holder may cache the list (65534 ttl). */
  ttl?: number;
  list: StatusList;
}

/** Signs a status list token (grantor side); `lst` is compressed with `zlib.deflate`. */
export function issueStatusListToken(signer: CoseSigner, token: StatusListToken, zlib: Zlib): Uint8Array {
  const claims = new Map<CborValue, CborValue>([
    [CLAIM.iss, token.iss],
    [CLAIM.sub, token.uri],
    [CLAIM.iat, token.iat],
    [CLAIM.statusList, encodeStatusList(token.list, zlib)],
  ]);
  if (token.exp !== undefined) claims.set(CLAIM.exp, token.exp);
  if (token.ttl !== undefined) claims.set(CLAIM.ttl, token.ttl);
  const bytes = createSign1(signer, encodeCbor(claims), [[HEADER.typ, STATUS_LIST_TYP]]);
  if (bytes.length > CREDENTIAL_LIMITS.maxStatusTokenBytes) throw new TinydidError('status.too-large', `the token is ${bytes.length} bytes`);
  return bytes;
}

export interface StatusVerifyOptions {
  resolveKey: KeyResolver;
  suite: CryptoSuite;
  /** Absent on a host without inflate: lists are then refused (status.no-inflate). */
  zlib: Zlib | undefined;
}

/**
 * Verifies a status list token: structure, typ, required claims, signature by
 * an assertion key of iss, and the list itself. Time is the caller's concern
 * (status-store.ts applies the freshness policy).
 */
export function verifyStatusListToken(bytes: Uint8Array, options: StatusVerifyOptions): StatusListToken {
  if (bytes instanceof Uint8Array && bytes.length > CREDENTIAL_LIMITS.maxStatusTokenBytes) {
    throw new TinydidError('status.too-large', `the token is ${bytes.length} bytes; the limit is ${CREDENTIAL_LIMITS.maxStatusTokenBytes}`);
  }
  const msg = parseSign1(bytes, CREDENTIAL_LIMITS.maxStatusTokenBytes, 'status.malformed');
  if (msg.protected.get(HEADER.typ) !== STATUS_LIST_TYP) throw new TinydidError('status.malformed', `typ must be ${STATUS_LIST_TYP}`);
  const r = new ClaimReader(decodeClaims(msg.payload, 'status.malformed'), 'status.malformed');
  const reg = registeredClaims(r);
  if (reg.iss === undefined || reg.sub === undefined || reg.iat === undefined) return r.fail('a status list token has iss, sub and iat');
  if (msg.kid === undefined) return r.fail('a status list token names its key (kid)');
  const ttl = r.uint(CLAIM.ttl, 'ttl');
  if (ttl === 0) return r.fail('ttl must be positive');
  let key;
  try {
    key = options.resolveKey(msg.kid, reg.iss);
  } catch (cause) {
    throw new TinydidError('status.bad-signature', `no key ${msg.kid.slice(0, 120)} for ${reg.iss.slice(0, 120)}`, { cause });
  }
  if (!signatureVerifies(msg, key, options.suite)) throw new TinydidError('status.bad-signature', 'the status list token signature does not verify (RFC 9052 section 4.4)');
  if (!r.has(CLAIM.statusList)) return r.fail('status_list (65533) is required');
  const list = decodeStatusList(r.claims.get(CLAIM.statusList) as CborValue, options.zlib);
  return { iss: reg.iss, uri: reg.sub, iat: reg.iat, exp: reg.exp, ttl, list };
}
