// The device images' module @stablelib/random (tools/firmware/closure.ts
// DEVICE_PACKAGE_MODULES, hosts/moddable/manifest.json). @stablelib/ed25519 and
// @stablelib/x25519 import randomBytes for generateKeyPair() alone, which the
// images never call: keys are made in the key store from the Random seam (the
// native RNG). The package's default source needs a `crypto` global the
// device does not have, so without a caller's source this throws
// `crypto.unsupported`, as that source would fail, and the image carries no
// SystemRandomSource. Only bare imports: XS resolves a relative one against
// the module name, @stablelib/random.
import { unsupported } from 'hosts/moddable/crypto/unsupported';

/** A random source as @stablelib/random defines it. */
export interface RandomSource {
  isAvailable: boolean;
  randomBytes(length: number): Uint8Array;
}

/** `length` bytes from `prng`; the device has no default source (see the file header). */
export function randomBytes(length: number, prng?: RandomSource): Uint8Array {
  if (prng === undefined) return unsupported('@stablelib/random without a source (the device draws from the Random seam)');
  return prng.randomBytes(length);
}
