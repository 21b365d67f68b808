// The device images' module @stablelib/sha256 (tools/firmware/closure.ts
// PLATFORM_MODULES, hosts/moddable/manifest.json): what @stablelib/hmac,
// @stablelib/hkdf and crypto/hashes.ts use of it, over the SDK's native
// SHA-256 (native-digest.ts). Only bare imports: XS resolves a relative one
// against the module name, @stablelib/sha256.
import { NativeHash, nativeHash } from 'hosts/moddable/crypto/native-digest';

export const DIGEST_LENGTH = 32;
export const BLOCK_SIZE = 64;

/** FIPS 180-4 SHA-256, incremental (the @stablelib/sha256 SHA256 interface). */
export class SHA256 extends NativeHash {
  constructor() {
    super('SHA256', DIGEST_LENGTH, BLOCK_SIZE);
  }
}

/** FIPS 180-4 SHA-256 of `data`. */
export function hash(data: Uint8Array): Uint8Array {
  return nativeHash('SHA256', data);
}
