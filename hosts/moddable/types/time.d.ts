// $(MODULES)/base/time
declare module 'time' {
  const Time: {
    /** Sets the wall clock, in seconds since 1970-01-01T00:00:00Z. */
    set(seconds: number): void;
    timezone: number;
    dst: number;
    /** Milliseconds from an arbitrary start; wraps on 32-bit devices (use delta). */
    readonly ticks: number;
    delta(start: number, end?: number): number;
    readonly microseconds?: number;
  };
  export default Time;
}
