// The hash functions and MACs firmware/ uses, over @noble/hashes. The device
// images replace this module with hosts/moddable/crypto/hashes.ts (same
// exports, @stablelib); differential tests keep the two byte-equal.
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';

/** An incremental hash: feed it with `update`, read it once with `digest`. */
export interface IncrementalHash {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

/** FIPS 180-4 SHA-256. */
export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** FIPS 180-4 SHA-256, incremental. */
export function sha256Create(): IncrementalHash {
  return nobleSha256.create();
}

/** FIPS 180-4 SHA-512. */
export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(data);
}

/** RFC 2104 HMAC-SHA-256. */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(nobleSha256, key, data);
}

/** RFC 2104 HMAC-SHA-512 (JWE A256CBC-HS512, RFC 7518 section 5.2.5). */
export function hmacSha512(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(nobleSha512, key, data);
}

/** RFC 5869 HKDF with SHA-256; no salt means HashLen zero bytes (section 2.2). */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array {
  return hkdf(nobleSha256, ikm, salt, info, length);
}
