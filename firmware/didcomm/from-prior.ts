import { utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { didOf } from '../did/did-url';
import { methodFor, publicKeyOfMethod } from '../did/document';
import type { DidResolver } from '../did/resolver';
import { TinydidError, isTinydidError } from '../errors/tinydid-error';
import type { KeyStore } from '../keys/key-store';
import { isJsonObject, parseJson, type JsonObject } from '../jose/json';
import { parseCompactJws, signCompactJws } from '../jose/jws';
import { verifyJwsSignature } from '../jose/verify';
import type { FromPriorClaims } from './types';

function bad(message: string, cause?: unknown): never {
  throw new TinydidError('didcomm.bad-from-prior', message, cause === undefined ? undefined : { cause });
}

/**
 * Verifies `from_prior` (DIDComm v2 "DID Rotation"): a compact JWT whose iss
 * is the prior DID and sub the new one (= the message's `from`), signed by
 * an authentication key of the prior DID (kid in the JWT header). Returns the
 * claims and the issuer kid. exp/nbf are not interpreted (the reference
 * implementation does not either; a rotation stays valid). Throws
 * `didcomm.bad-from-prior`, `jose.bad-signature`.
 */
export function verifyFromPrior(jwt: string, from: string | undefined, resolver: DidResolver, suite: CryptoSuite): { claims: FromPriorClaims; issuerKid: string } {
  let parsed;
  try {
    parsed = parseCompactJws(jwt);
  } catch (cause) {
    bad('from_prior is not a compact JWS', cause);
  }
  const kid = parsed.header.kid;
  if (typeof kid !== 'string') bad('from_prior header has no kid');
  let claims;
  try {
    claims = parseJson(parsed.payload, 8);
  } catch (cause) {
    bad('from_prior claims are not JSON', cause);
  }
  if (!isJsonObject(claims) || typeof claims.iss !== 'string' || typeof claims.sub !== 'string') bad('from_prior needs iss and sub');
  if (claims.iat !== undefined && typeof claims.iat !== 'number') bad('from_prior iat must be a number');
  if (claims.iss === claims.sub) bad('from_prior iss and sub are the same DID');
  if (from === undefined || claims.sub !== from) bad('from_prior sub is not the message sender');
  let key;
  try {
    if (didOf(kid) !== claims.iss) bad('from_prior kid is not a key of iss');
    key = publicKeyOfMethod(methodFor(resolver.resolve(claims.iss), kid, 'authentication'));
  } catch (cause) {
    if (isTinydidError(cause, 'didcomm.bad-from-prior')) throw cause;
    bad(`from_prior key ${kid.slice(0, 80)} is not an authentication key of ${claims.iss.slice(0, 80)}`, cause);
  }
  verifyJwsSignature(parsed.alg, key, parsed.signingInput, parsed.signature, suite);
  return { claims: claims as unknown as FromPriorClaims, issuerKid: kid };
}

/** Signs a from_prior JWT with the prior DID's authentication key `kid` (held as `keyId` in `store`). */
export function signFromPrior(claims: { iss: string; sub: string; iat: number }, kid: string, keyId: string, store: KeyStore): string {
  if (didOf(kid) !== claims.iss) throw new TinydidError('didcomm.bad-option', 'the from_prior key must belong to iss (the prior DID)');
  const type = store.info(keyId).type;
  const header: JsonObject = { typ: 'JWT', alg: type === 'ed25519' ? 'EdDSA' : 'ES256', kid };
  return signCompactJws(header, utf8Encode(JSON.stringify(claims)), keyId, store);
}
