import { sha256 } from '@noble/hashes/sha2.js';
import type { Random } from '../../firmware/host/random';

/**
 * Random seam for the XS test lane. xsnap has no CSPRNG, so this is a
 * deterministic counter-mode generator over SHA-256 that is good for tests and
 * nothing else: hosts/xs never ships in a product image.
 */
export function xsTestRandom(seed = 1): Random {
  let counter = 0;
  return {
    fill(bytes: Uint8Array): Uint8Array {
      let offset = 0;
      while (offset < bytes.length) {
        const block = sha256(Uint8Array.of(seed >>> 24, seed >>> 16, seed >>> 8, seed, counter >>> 24, counter >>> 16, counter >>> 8, counter));
        counter++;
        const n = Math.min(block.length, bytes.length - offset);
        bytes.set(block.subarray(0, n), offset);
        offset += n;
      }
      return bytes;
    },
  };
}
