// Device substitute of firmware/crypto/hashes.ts (same exports), over
// @stablelib: no mutable module state, so the image can preload it.
// Portable JS (no Moddable imports): the Node and XS test lanes run it.
import { HKDF } from '@stablelib/hkdf';
import { hmac } from '@stablelib/hmac';
import { hash as stableSha256, SHA256 } from '@stablelib/sha256';
import { hash as stableSha512, SHA512 } from '@stablelib/sha512';

/** An incremental hash: feed it with `update`, read it once with `digest`. */
export interface IncrementalHash {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

/** FIPS 180-4 SHA-256. */
export function sha256(data: Uint8Array): Uint8Array {
  return stableSha256(data);
}

/** FIPS 180-4 SHA-256, incremental. */
export function sha256Create(): IncrementalHash {
  return new SHA256();
}

/** FIPS 180-4 SHA-512. */
export function sha512(data: Uint8Array): Uint8Array {
  return stableSha512(data);
}

/** RFC 2104 HMAC-SHA-256. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(SHA256, key, data);
}

/** RFC 2104 HMAC-SHA-512 (JWE A256CBC-HS512, RFC 7518 section 5.2.5). */
export function hmacSha512(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(SHA512, key, data);
}

/** RFC 5869 HKDF with SHA-256; no salt means HashLen zero bytes (section 2.2: the same HMAC key as an empty one). */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array {
  return new HKDF(SHA256, ikm, salt, info).expand(length);
}
