// The device images' module @stablelib/sha512 (tools/firmware/closure.ts
// PLATFORM_MODULES, hosts/moddable/manifest.json): what @stablelib/ed25519
// (RFC 8032 signing), @stablelib/hmac and crypto/hashes.ts use of it, over the
// SDK's native SHA-512 (native-digest.ts). Only bare imports: XS resolves a
// relative one against the module name, @stablelib/sha512.
import { NativeHash, nativeHash } from 'hosts/moddable/crypto/native-digest';

export const DIGEST_LENGTH = 64;
export const BLOCK_SIZE = 128;

/** FIPS 180-4 SHA-512, incremental (the @stablelib/sha512 SHA512 interface). */
export class SHA512 extends NativeHash {
  constructor() {
    super('SHA512', DIGEST_LENGTH, BLOCK_SIZE);
  }
}

/** FIPS 180-4 SHA-512 of `data`. */
export function hash(data: Uint8Array): Uint8Array {
  return nativeHash('SHA512', data);
}
