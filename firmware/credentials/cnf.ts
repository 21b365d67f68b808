// The confirmation claim (RFC 8747 section 3.1): the key the grantee proves
// possession of. tinydid writes either a COSE_Key (RFC 8747 section 3.2,
// through firmware/cose/key) or a kid (section 3.4: the UTF-8 DID URL of the
// grantee's key, compared with the key the DIDComm layer authenticated).
import { constantTimeEqual } from '../bytes/equal';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import type { CborMap, CborValue } from '../cbor/value';
import { decodeCoseKey, encodeCoseKey, type CoseCurve } from '../cose/key';
import { TinydidError } from '../errors/tinydid-error';
import type { VerifyKey } from './keys';
import { CREDENTIAL_LIMITS } from './limits';

export type Confirmation = { kid: string } | { key: VerifyKey };

/** cnf members (RFC 8747 section 3.1). */
const CNF_COSE_KEY = 1;
const CNF_KID = 3;
const CURVES: readonly string[] = Object.freeze(['Ed25519', 'X25519', 'P-256']);

function bad(why: string, cause?: unknown): never {
  throw new TinydidError('grant.malformed', why, { cause });
}

export function encodeCnf(cnf: Confirmation): CborMap {
  if ('kid' in cnf) return new Map<CborValue, CborValue>([[CNF_KID, utf8Encode(cnf.kid)]]);
  const { crv, bytes } = cnf.key;
  if (!CURVES.includes(crv)) bad(`unsupported cnf key ${crv}`);
  const key = encodeCoseKey({ kty: crv === 'P-256' ? 'EC2' : 'OKP', crv: crv as CoseCurve, publicKey: bytes });
  return new Map<CborValue, CborValue>([[CNF_COSE_KEY, key]]);
}

export function decodeCnf(value: CborValue): Confirmation {
  if (!(value instanceof Map) || value.size !== 1) return bad('cnf is a map with one confirmation method (RFC 8747 section 3.1)');
  const kid = value.get(CNF_KID);
  if (kid !== undefined) {
    if (!(kid instanceof Uint8Array) || kid.length === 0 || kid.length > CREDENTIAL_LIMITS.maxTextLength) return bad('cnf kid must be a byte string');
    try {
      return { kid: utf8Decode(kid) };
    } catch (cause) {
      return bad('cnf kid is not UTF-8', cause);
    }
  }
  if (!value.has(CNF_COSE_KEY)) return bad('cnf holds neither a COSE_Key nor a kid');
  try {
    const key = decodeCoseKey(value.get(CNF_COSE_KEY) as CborValue);
    if (key.crv === undefined || key.publicKey === undefined) return bad('cnf COSE_Key is not a public key');
    return { key: { crv: key.crv, bytes: key.publicKey } };
  } catch (cause) {
    if (cause instanceof TinydidError && cause.code === 'grant.malformed') throw cause;
    return bad(`cnf COSE_Key: ${(cause as Error).message}`, cause);
  }
}

/** True when the requester's authenticated key (kid and, if known, public key) is the confirmed one. */
export function confirms(cnf: Confirmation, requesterKid: string, requesterKey: VerifyKey | undefined): boolean {
  if ('kid' in cnf) return cnf.kid === requesterKid;
  if (requesterKey === undefined || requesterKey.crv !== cnf.key.crv || requesterKey.bytes.length !== cnf.key.bytes.length) return false;
  return constantTimeEqual(requesterKey.bytes, cnf.key.bytes);
}
