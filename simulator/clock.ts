// Virtual time. The scenario owns one VirtualClock; 24 hours pass in an
// instant by advancing it. Every simulated device gets a Clock seam
// (firmware/host/clock.ts) over it: monotonic time since the device booted,
// and wall time, which a device may not know until someone tells it.
import type { Clock } from '../firmware/host/clock';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The wall time a seeded run starts at, so seeded runs are identical: 2026-03-14 08:00 UTC. */
export const SEEDED_EPOCH_MS = Date.UTC(2026, 2, 14, 8, 0, 0);

export class VirtualClock {
  /** Unix ms at virtual time 0. */
  readonly epochMs: number;
  #now = 0;

  constructor(epochMs: number) {
    this.epochMs = epochMs;
  }

  /** Virtual milliseconds since the start of the scenario. */
  now(): number {
    return this.#now;
  }

  /** Virtual wall time (Unix ms). */
  wallMs(): number {
    return this.epochMs + this.#now;
  }

  /** Lets `ms` of virtual time pass. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`cannot advance virtual time by ${ms} ms`);
    this.#now += ms;
    return this.#now;
  }

  /** Moves to `t` when it is later than now (joining parallel timelines). */
  advanceTo(t: number): number {
    if (t > this.#now) this.#now = t;
    return this.#now;
  }

  /**
   * The Clock seam for a device that boots now. `knowsWallTime` false models
   * a device without a real-time clock until it is told the time.
   */
  deviceClock(options: { knowsWallTime?: boolean } = {}): DeviceClock {
    return new DeviceClock(this, this.#now, options.knowsWallTime ?? true);
  }
}

export class DeviceClock implements Clock {
  readonly #clock: VirtualClock;
  #bootedAt: number;
  #knowsWallTime: boolean;

  constructor(clock: VirtualClock, bootedAt: number, knowsWallTime: boolean) {
    this.#clock = clock;
    this.#bootedAt = bootedAt;
    this.#knowsWallTime = knowsWallTime;
  }

  monotonicMs(): number {
    return this.#clock.now() - this.#bootedAt;
  }

  wallTimeMs(): number | undefined {
    return this.#knowsWallTime ? this.#clock.wallMs() : undefined;
  }

  /** A reboot: monotonic time starts again from zero. */
  reboot(): void {
    this.#bootedAt = this.#clock.now();
  }

  /** Someone (the phone) told the device the time. */
  setWallTimeKnown(known: boolean): void {
    this.#knowsWallTime = known;
  }
}
