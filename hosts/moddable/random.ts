import type { Random } from '../../firmware/host/random';
import { fillRandom } from './native/random';

/**
 * Random seam over the platform CSPRNG (native/modRandom*.c): getrandom(2) on
 * lin, esp_fill_random on ESP32, the RNG peripheral on nRF52. Never the engine's pseudo-random numbers.
 */
export const moddableRandom: Random = Object.freeze({
  fill(bytes: Uint8Array): Uint8Array {
    fillRandom(bytes);
    return bytes;
  },
});
