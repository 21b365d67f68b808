import type { Clock } from '../../firmware/host/clock';

/** Clock seam over the Node process: performance.now() and Date.now(). */
export const nodeClock: Clock = Object.freeze({
  monotonicMs: () => performance.now(),
  wallTimeMs: () => Date.now(),
});
