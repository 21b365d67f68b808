import Time from 'time';
import type { Clock } from '../../firmware/host/clock';

/**
 * Devices boot with the wall clock at the Unix epoch and learn the time later
 * (phone over BLE, SNTP); a wall time before this instant (2025-01-01T00:00:00Z)
 * is reported as unknown rather than as a date in 1970.
 */
export const EARLIEST_PLAUSIBLE_WALL_TIME_MS = 1735689600000;

let bootTicks: number | undefined;
let elapsed = 0;
let lastTicks = 0;

/**
 * Clock seam over the Moddable runtime. `monotonicMs` is built from
 * Time.ticks with Time.delta, so it keeps counting across the 32-bit
 * millisecond wrap of `ticks` (about 49.7 days on ESP32 and nRF52).
 */
export const moddableClock: Clock = Object.freeze({
  monotonicMs(): number {
    const now = Time.ticks;
    if (bootTicks === undefined) {
      bootTicks = now;
      lastTicks = now;
    }
    elapsed += Math.max(0, Time.delta(lastTicks, now));
    lastTicks = now;
    return elapsed;
  },
  wallTimeMs(): number | undefined {
    const now = Date.now();
    return now >= EARLIEST_PLAUSIBLE_WALL_TIME_MS ? now : undefined;
  },
});

/** Sets the wall clock (e.g. from the phone's time); Time.set takes seconds. */
export function setWallTime(unixMs: number): void {
  Time.set(Math.floor(unixMs / 1000));
}
