// Gateway side: a grant as a W3C Verifiable Credential 2.0 secured with COSE
// (W3C VC-JOSE-COSE section 3.3 "With COSE"): a COSE_Sign1 whose payload is
// the credential JSON, protected typ "application/vc+cose" (RFC 9596) and
// cty "application/vc", signed by the grant's issuer.
import { toHex } from '../bytes/hex';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { splitDidUrl } from '../did/did-url';
import { TinydidError } from '../errors/tinydid-error';
import { decodeGrant } from './grant';
import type { CoseSigner, KeyResolver } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { entriesOf } from './scope';
import { HEADER, createSign1, parseSign1, signatureVerifies } from './sign1';

export const VC_COSE_TYP = 'application/vc+cose';
export const VC_CTY = 'application/vc';
/** VC 2.0 base context (VC Data Model 2.0 section 4.3). */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const GRANT_VC_TYPE = 'AccessGrantCredential';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

function isoTime(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The VC 2.0 JSON of a grant (its claims; the signature is added by
 * signing). Terms beyond the base context resolve through its @vocab
 * (VC Data Model 2.0 section 5.2 "Extensibility"; README "VC export").
 */
export function grantToVc(grant: Uint8Array): JsonObject {
  const { claims } = decodeGrant(grant);
  const subject: JsonObject = {
    id: claims.aud,
    device: claims.sub,
    scope: entriesOf(claims.scope).map((e) => ({ dataClass: e.dataClass, actions: e.actions })),
  };
  if (claims.delegation > 0) subject.delegation = claims.delegation;
  const vc: JsonObject = {
    '@context': [VC_V2_CONTEXT],
    id: `urn:tinydid:grant:${toHex(claims.cti)}`,
    type: ['VerifiableCredential', GRANT_VC_TYPE],
    issuer: claims.iss,
  };
  const from = claims.nbf ?? claims.iat;
  if (from !== undefined) vc.validFrom = isoTime(from);
  if (claims.exp !== undefined) vc.validUntil = isoTime(claims.exp);
  vc.credentialSubject = subject;
  if (claims.status !== undefined) {
    vc.credentialStatus = { type: 'TokenStatusListEntry', uri: claims.status.uri, idx: claims.status.idx };
  }
  return vc;
}

/** Signs `vc` as vc+cose; the signer must be a key of the credential's issuer. */
export function signVcCose(vc: JsonObject, signer: CoseSigner): Uint8Array {
  const issuer = typeof vc.issuer === 'string' ? vc.issuer : undefined;
  if (issuer === undefined || splitDidUrl(signer.kid).did !== issuer) throw new TinydidError('grant.wrong-signer', 'a vc+cose is signed by a key of its issuer');
  return createSign1(signer, utf8Encode(JSON.stringify(vc)), [
    [HEADER.typ, VC_COSE_TYP],
    [HEADER.cty, VC_CTY],
  ]);
}

/** grantToVc + signVcCose. */
export function exportGrantVc(grant: Uint8Array, signer: CoseSigner): Uint8Array {
  return signVcCose(grantToVc(grant), signer);
}

export interface VerifiedVc {
  vc: JsonObject;
  issuer: string;
  kid: string;
}

function parseTime(value: Json | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new TinydidError('grant.bad-vc', `${name} is not an XML Schema dateTimeStamp`);
  return ms / 1000;
}

/**
 * Verifies a vc+cose credential: typ and cty, a JSON object payload with the
 * VC 2.0 context first, an issuer whose key (kid) signed it, and, when `now`
 * (seconds) is given, validFrom <= now < validUntil.
 * Throws grant.bad-vc, grant.wrong-signer, grant.bad-signature,
 * grant.not-yet-valid, grant.expired.
 */
export function verifyVcCose(bytes: Uint8Array, options: { resolveKey: KeyResolver; suite: CryptoSuite; now?: number }): VerifiedVc {
  const msg = parseSign1(bytes, CREDENTIAL_LIMITS.maxVcBytes, 'grant.bad-vc');
  if (msg.protected.get(HEADER.typ) !== VC_COSE_TYP) throw new TinydidError('grant.bad-vc', `typ must be ${VC_COSE_TYP}`);
  const cty = msg.protected.get(HEADER.cty);
  if (cty !== undefined && cty !== VC_CTY) throw new TinydidError('grant.bad-vc', `cty must be ${VC_CTY}`);
  if (msg.kid === undefined) throw new TinydidError('grant.bad-vc', 'a vc+cose names its key (kid)');
  let vc: unknown;
  try {
    vc = JSON.parse(utf8Decode(msg.payload));
  } catch (cause) {
    throw new TinydidError('grant.bad-vc', 'the payload is not JSON', { cause });
  }
  if (typeof vc !== 'object' || vc === null || Array.isArray(vc)) throw new TinydidError('grant.bad-vc', 'the payload is not a JSON object');
  const obj = vc as JsonObject;
  const ctx = obj['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC_V2_CONTEXT) throw new TinydidError('grant.bad-vc', `@context must start with ${VC_V2_CONTEXT}`);
  if (!Array.isArray(obj.type) || !obj.type.includes('VerifiableCredential')) throw new TinydidError('grant.bad-vc', 'type must include VerifiableCredential');
  const issuerValue = obj.issuer;
  const issuer = typeof issuerValue === 'string' ? issuerValue : issuerValue !== null && typeof issuerValue === 'object' && !Array.isArray(issuerValue) && typeof issuerValue.id === 'string' ? issuerValue.id : undefined;
  if (issuer === undefined) throw new TinydidError('grant.bad-vc', 'issuer must be a URL or an object with an id');
  if (obj.credentialSubject === undefined) throw new TinydidError('grant.bad-vc', 'credentialSubject is required');
  let key;
  try {
    key = options.resolveKey(msg.kid, issuer);
  } catch (cause) {
    if (cause instanceof TinydidError && cause.code === 'grant.wrong-signer') throw cause;
    throw new TinydidError('grant.wrong-signer', `no key ${msg.kid.slice(0, 120)} for ${issuer.slice(0, 120)}`, { cause });
  }
  if (!signatureVerifies(msg, key, options.suite)) throw new TinydidError('grant.bad-signature', 'the vc+cose signature does not verify (RFC 9052 section 4.4)');
  const from = parseTime(obj.validFrom, 'validFrom');
  const until = parseTime(obj.validUntil, 'validUntil');
  if (options.now !== undefined) {
    if (from !== undefined && options.now < from) throw new TinydidError('grant.not-yet-valid', `valid from ${obj.validFrom as string}`);
    if (until !== undefined && options.now >= until) throw new TinydidError('grant.expired', `valid until ${obj.validUntil as string}`);
  }
  return { vc: obj, issuer, kid: msg.kid };
}
