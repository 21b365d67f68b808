import { concatBytes } from '../bytes/concat';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { KeyDerivation } from './key-store';

/** Largest output of a derivation: HKDF's limit, 255 hash lengths (RFC 5869 section 2.3). */
export const MAX_DERIVED_LENGTH = 255 * 32;
/** Largest info / otherInfo / salt accepted (a COSE_KDF_Context or JWE OtherInfo is far smaller). */
export const MAX_KDF_INPUT = 1024;

function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, n >>> 16, n >>> 8, n);
}

function checkInput(value: unknown, title: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length > MAX_KDF_INPUT) {
    throw new TinydidError('keys.bad-argument', `${title} must be a Uint8Array of at most ${MAX_KDF_INPUT} bytes`);
  }
  return value;
}

/** Checks a derivation request before any secret is computed. */
export function checkDerivation(derivation: KeyDerivation): void {
  if (typeof derivation !== 'object' || derivation === null) throw new TinydidError('keys.bad-argument', 'derivation must be an object');
  const { length } = derivation;
  if (!Number.isInteger(length) || length < 1 || length > MAX_DERIVED_LENGTH) {
    throw new TinydidError('keys.bad-argument', `derived length must be 1..${MAX_DERIVED_LENGTH}`);
  }
  if (derivation.kdf === 'hkdf-sha256') {
    checkInput(derivation.info, 'info');
    if (derivation.salt !== undefined) checkInput(derivation.salt, 'salt');
  } else if (derivation.kdf === 'concat-sha256') {
    checkInput(derivation.otherInfo, 'otherInfo');
  } else {
    throw new TinydidError('keys.bad-argument', `unknown kdf ${String((derivation as { kdf?: unknown }).kdf)}`);
  }
}

/**
 * Applies the derivation to the shared secret Z.
 * - hkdf-sha256: RFC 5869 (COSE ECDH, RFC 9053 section 6.3.1).
 * - concat-sha256: the Concat KDF of NIST SP 800-56A rev. 3 section 5.8.2.1 with
 *   SHA-256, as JWE ECDH-ES uses it (RFC 7518 section 4.6.2):
 *   K(i) = SHA-256(counter_i (u32) || Z || OtherInfo), output the first `length` bytes.
 */
export function deriveKey(suite: CryptoSuite, z: Uint8Array, derivation: KeyDerivation): Uint8Array {
  if (derivation.kdf === 'hkdf-sha256') return suite.hkdfSha256(z, derivation.salt, derivation.info, derivation.length);
  const out = new Uint8Array(Math.ceil(derivation.length / 32) * 32);
  for (let i = 0; i * 32 < derivation.length; i++) {
    out.set(suite.sha256(concatBytes(u32(i + 1), z, derivation.otherInfo)), i * 32);
  }
  return out.slice(0, derivation.length);
}
