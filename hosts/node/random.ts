import { randomFillSync } from 'node:crypto';
import type { Random } from '../../firmware/host/random';

/** Random seam over node:crypto's CSPRNG. */
export const nodeRandom: Random = Object.freeze({
  fill(bytes: Uint8Array): Uint8Array {
    randomFillSync(bytes);
    return bytes;
  },
});
