/**
 * The one-time pairing code printed on a device label (README.md
 * "Onboarding"): 60 random bits as 12 characters of Crockford base32, shown
 * in groups of four (`7KQ2-M9XD-4F0T`). People type it when a camera is not at
 * hand, so reading is forgiving: case, dashes and spaces are ignored and
 * I/L read as 1, O as 0 (Crockford). The device stores only a key derived
 * from the code; a phone proves the code with an HMAC bound to both DIDs, so
 * the code itself never travels.
 */
import { utf8Encode } from '../../bytes/utf8';
import type { CryptoSuite } from '../../crypto/suite';
import { randomBytes, type Random } from '../../host/random';
import { malformed } from './body';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 12;

/** A fresh pairing code from the Random seam, formatted for the label. */
export function newPairingCode(random: Random): string {
  const bytes = randomBytes(random, 8);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) {
    out += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** The code's 12 canonical characters; throws `protocol.malformed` for anything else. */
export function normalizePairingCode(text: string): string {
  if (typeof text !== 'string' || text.length > 32) malformed('pairing code must be a short string');
  const s = text.toUpperCase().replace(/[-\s]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (s.length !== PAIRING_CODE_LENGTH || [...s].some((c) => !ALPHABET.includes(c))) malformed(`pairing code must be ${PAIRING_CODE_LENGTH} Crockford base32 characters`);
  return s;
}

/** The key a device keeps instead of its code: HKDF-SHA-256 (RFC 5869) of the canonical code. */
export function pairingKey(code: string, suite: CryptoSuite): Uint8Array {
  return suite.hkdfSha256(utf8Encode(normalizePairingCode(code)), utf8Encode('tinydid onboarding 1'), utf8Encode('pairing key'), 32);
}

/** HMAC-SHA-256 under the pairing key of both DIDs: what the phone sends instead of the code. */
export function pairingProofWithKey(key: Uint8Array, deviceDid: string, phoneDid: string, suite: CryptoSuite): Uint8Array {
  return suite.hmacSha256(key, utf8Encode(`${deviceDid}\n${phoneDid}`));
}

export function pairingProof(code: string, deviceDid: string, phoneDid: string, suite: CryptoSuite): Uint8Array {
  return pairingProofWithKey(pairingKey(code, suite), deviceDid, phoneDid, suite);
}
