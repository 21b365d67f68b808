/**
 * The Clock seam (DESIGN section 3). `monotonicMs` counts milliseconds since
 * boot and never goes backwards; `wallTimeMs` is Unix time in milliseconds, or
 * undefined when the device does not know the time. Code that checks expiry
 * must handle "time unknown" explicitly.
 */
export interface Clock {
  monotonicMs(): number;
  wallTimeMs(): number | undefined;
}
