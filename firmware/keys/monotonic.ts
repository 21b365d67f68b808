/**
 * Monotonic values (issue "Key store", point 4) for firmware sequence numbers
 * and signed-reading counters: named integers 0..2^53-1 that never go
 * backwards, also across power cuts.
 */
export interface MonotonicValues {
  /** Current value (0 for a name never advanced). */
  read(name: string): number;
  /** Adds one; returns the new value. */
  increment(name: string): number;
  /**
   * Raises the value to `value` and returns it; equal is a no-op; below the
   * current value is `keys.counter-backwards`.
   */
  advanceTo(name: string, value: number): number;
  /** Names that have a value, sorted. */
  names(): string[];
}

/**
 * An increment-by-one counter with a maximum, as secure elements have
 * (ATECC608: two counters, 0..2,097,151; Counter command, datasheet section 11.3).
 */
export interface MonotonicCounter {
  readonly max: number;
  read(): number;
  /** Adds one and returns the new value; `keys.counter-exhausted` at `max`. */
  increment(): number;
}
