/**
 * The algorithms of the compact profile (PROFILE.md section 3), all from the
 * IANA "COSE Algorithms" registry (RFC 9053), and the names unpack reports
 * them under, built like the reference implementation's (content, then key
 * management: didcomm-rust "A256cbcHs512Ecdh1puA256kw").
 */
import { ALG } from '../../cose/algorithms';
import { TinydidError } from '../../errors/tinydid-error';

export type AgreementCurve = 'X25519' | 'P-256';

/** Content encryption by key agreement curve: ChaCha20/Poly1305 for X25519, A256GCM for P-256. */
export const CONTENT_ALG: Readonly<Record<AgreementCurve, number>> = Object.freeze({ X25519: ALG.ChaCha20Poly1305, 'P-256': ALG.A256GCM });

/** Recipient algorithm: [one recipient (direct HKDF), several recipients (A256KW)]. */
export const RECIPIENT_ALG = Object.freeze({
  anoncrypt: Object.freeze([ALG.ECDH_ES_HKDF_256, ALG.ECDH_ES_A256KW] as const),
  authcrypt: Object.freeze([ALG.ECDH_SS_HKDF_256, ALG.ECDH_SS_A256KW] as const),
});

/** PartyU nonce drawn for every authcrypt recipient (RFC 9053 section 6.3.1). */
export const PARTY_U_NONCE_LENGTH = 16;

const CONTENT_NAME: ReadonlyMap<number, string> = new Map([
  [ALG.ChaCha20Poly1305, 'C20p'],
  [ALG.A256GCM, 'A256gcm'],
]);
const RECIPIENT_NAME: ReadonlyMap<number, string> = new Map([
  [ALG.ECDH_ES_HKDF_256, 'EcdhEsHkdf256'],
  [ALG.ECDH_ES_A256KW, 'EcdhEsA256kw'],
  [ALG.ECDH_SS_HKDF_256, 'EcdhSsHkdf256'],
  [ALG.ECDH_SS_A256KW, 'EcdhSsA256kw'],
]);

/** True for the two authcrypt (ECDH-SS) recipient algorithms, false for the anoncrypt ones; throws for others. */
export function isAuthcryptAlg(alg: number): boolean {
  if (alg === ALG.ECDH_SS_HKDF_256 || alg === ALG.ECDH_SS_A256KW) return true;
  if (alg === ALG.ECDH_ES_HKDF_256 || alg === ALG.ECDH_ES_A256KW) return false;
  throw new TinydidError('didcomm.unsupported-algorithm', `COSE recipient algorithm ${alg} is not in the compact profile`);
}

/** The metadata name of an envelope algorithm pair, e.g. C20pEcdhSsHkdf256. */
export function envelopeAlgName(content: number, recipient: number): string {
  return `${CONTENT_NAME.get(content) ?? String(content)}${RECIPIENT_NAME.get(recipient) ?? String(recipient)}`;
}

/** The metadata name of a signature algorithm (as JOSE names them). */
export function signAlgName(alg: number): string {
  return alg === ALG.ES256 || alg === ALG.ESP256 ? 'ES256' : 'EdDSA';
}
