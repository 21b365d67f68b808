// Access grants: COSE_Sign1-signed CWTs (RFC 8392) that say which grantee
// (aud) may read which data classes (scope) of which device (sub), when
// (nbf/exp), with which key (cnf, RFC 8747), revocable through a status list
// (draft-ietf-oauth-status-list section "Referenced Token in COSE"), and
// optionally delegated: a token carries its parent token. The CDDL is in
// firmware/credentials/README.md.
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { decodeCnf, encodeCnf, type Confirmation } from './cnf';
import { CLAIM, ClaimReader, decodeClaims, registeredClaims } from './cwt';
import type { CoseSigner } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { decodeScope, encodeScope, type Permissions } from './scope';
import { HEADER, createSign1, parseSign1, type Sign1 } from './sign1';

/** COSE typ of a grant (RFC 9596); keeps grants apart from other tinydid CWTs. */
export const GRANT_TYP = 'application/tinydid-grant+cwt';

/** A status reference (draft-ietf-oauth-status-list, Referenced Token: status_list). */
export interface StatusReference {
  idx: number;
  uri: string;
}

export interface GrantClaims {
  /** Grantor DID. */
  iss: string;
  /** Device DID. */
  sub: string;
  /** Grantee DID. */
  aud: string;
  scope: Permissions;
  /** Token id (RFC 8392 section 3.1.7), 1..64 bytes. */
  cti: Uint8Array;
  iat?: number;
  nbf?: number;
  exp?: number;
  cnf?: Confirmation;
  status?: StatusReference;
  /** Further delegation hops the grantee may make (0: none). */
  delegation: number;
}

export interface GrantToken {
  claims: GrantClaims;
  sign1: Sign1;
  /** The parent token, for a delegated grant. */
  parent: Uint8Array | undefined;
  bytes: Uint8Array;
}

function statusClaim(ref: StatusReference): CborValue {
  return new Map<CborValue, CborValue>([['status_list', new Map<CborValue, CborValue>([['idx', ref.idx], ['uri', ref.uri]])]]);
}

/** Signs a grant; `parent` (the token this one is delegated from) is embedded and signed over. */
export function issueGrant(signer: CoseSigner, claims: GrantClaims, parent?: Uint8Array): Uint8Array {
  const map = new Map<CborValue, CborValue>([
    [CLAIM.iss, claims.iss],
    [CLAIM.sub, claims.sub],
    [CLAIM.aud, claims.aud],
    [CLAIM.cti, claims.cti],
    [CLAIM.scope, encodeScope(claims.scope)],
  ]);
  if (claims.iat !== undefined) map.set(CLAIM.iat, claims.iat);
  if (claims.nbf !== undefined) map.set(CLAIM.nbf, claims.nbf);
  if (claims.exp !== undefined) map.set(CLAIM.exp, claims.exp);
  if (claims.cnf !== undefined) map.set(CLAIM.cnf, encodeCnf(claims.cnf));
  if (claims.status !== undefined) map.set(CLAIM.status, statusClaim(claims.status));
  if (claims.delegation > 0) map.set(CLAIM.delegation, claims.delegation);
  if (parent !== undefined) map.set(CLAIM.parent, parent);
  const bytes = createSign1(signer, encodeCbor(map), [[HEADER.typ, GRANT_TYP]]);
  if (bytes.length > CREDENTIAL_LIMITS.maxGrantBytes) throw new TinydidError('grant.too-large', `grant is ${bytes.length} bytes; the limit is ${CREDENTIAL_LIMITS.maxGrantBytes}`);
  return bytes;
}

function readStatus(r: ClaimReader): StatusReference | undefined {
  const v = r.claims.get(CLAIM.status);
  if (v === undefined) return undefined;
  const sl = v instanceof Map ? v.get('status_list') : undefined;
  if (!(v instanceof Map) || !(sl instanceof Map)) return r.fail('status must be {"status_list": {idx, uri}} (draft-ietf-oauth-status-list)');
  const idx = sl.get('idx');
  const uri = sl.get('uri');
  if (typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) return r.fail('status_list idx must be an unsigned integer');
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > CREDENTIAL_LIMITS.maxTextLength) return r.fail('status_list uri must be text');
  return { idx, uri };
}

/**
 * Parses one grant token (not its parent, not its signature): COSE_Sign1 with
 * typ GRANT_TYP, and the claims the CDDL requires. Throws `grant.malformed`
 * or `grant.too-large`.
 */
export function decodeGrant(bytes: Uint8Array): GrantToken {
  if (bytes instanceof Uint8Array && bytes.length > CREDENTIAL_LIMITS.maxGrantBytes) {
    throw new TinydidError('grant.too-large', `grant is ${bytes.length} bytes; the limit is ${CREDENTIAL_LIMITS.maxGrantBytes}`);
  }
  const sign1 = parseSign1(bytes, CREDENTIAL_LIMITS.maxGrantBytes, 'grant.malformed');
  if (sign1.protected.get(HEADER.typ) !== GRANT_TYP) throw new TinydidError('grant.malformed', `typ must be ${GRANT_TYP}`);
  if (sign1.kid === undefined) throw new TinydidError('grant.malformed', 'a grant names its signing key (kid)');
  const r = new ClaimReader(decodeClaims(sign1.payload, 'grant.malformed'), 'grant.malformed');
  const reg = registeredClaims(r);
  if (reg.iss === undefined || reg.sub === undefined || reg.aud === undefined || reg.cti === undefined || reg.cti.length === 0) {
    return r.fail('a grant has iss, sub, aud and cti');
  }
  const scope = r.bytes(CLAIM.scope, 'scope', 256);
  if (scope === undefined) return r.fail('a grant has a scope');
  const cnf = r.claims.get(CLAIM.cnf);
  const claims: GrantClaims = {
    iss: reg.iss,
    sub: reg.sub,
    aud: reg.aud,
    cti: reg.cti,
    iat: reg.iat,
    nbf: reg.nbf,
    exp: reg.exp,
    scope: decodeScope(scope),
    cnf: cnf === undefined ? undefined : decodeCnf(cnf),
    status: readStatus(r),
    delegation: r.uint(CLAIM.delegation, 'delegation') ?? 0,
  };
  const parent = r.bytes(CLAIM.parent, 'parent', CREDENTIAL_LIMITS.maxGrantBytes);
  return { claims, sign1, parent, bytes };
}
