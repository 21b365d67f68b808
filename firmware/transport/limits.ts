/**
 * Named limits of the framing layer (DESIGN section 7 point 4). Exceeding one
 * is an error with its own code; a link may lower or raise them when it is
 * created (a device with a small heap lowers `maxMessageBytes`).
 */
export interface FramingLimits {
  /** Largest reassembled message, in bytes (transport.too-large). */
  maxMessageBytes: number;
  /** Bytes held by all partial messages together (transport.too-large). */
  maxBufferedBytes: number;
  /**
   * Milliseconds of silence after which a partial message is dropped
   * (transport.timeout), measured with the Clock seam's monotonic time.
   */
  timeoutMs: number;
}

export const DEFAULT_FRAMING_LIMITS: Readonly<FramingLimits> = Object.freeze({
  maxMessageBytes: 65536,
  maxBufferedBytes: 65536,
  timeoutMs: 10000,
});

/** Largest frame index the header can carry (16-bit extended index). */
export const MAX_FRAME_INDEX = 0xffff;

/** Smallest MTU a framed link accepts: the 3-byte extended header plus one payload byte. */
export const MIN_MTU = 4;

/** Message tags cycle through 0..3 (two header bits). */
export const TAG_COUNT = 4;
