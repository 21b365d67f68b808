/**
 * Named hard limits for the decoder. Exceeding one is an error with its own code
 * (cbor.too-deep, cbor.too-long); a caller may lower or raise them per call.
 */
export interface CborLimits {
  /** Nesting of arrays, maps and tags (cbor.too-deep). */
  maxDepth: number;
  /** Bytes in one byte or text string, and items in one array or map (cbor.too-long). */
  maxLength: number;
  /** Bytes of the whole input (cbor.too-long). */
  maxInput: number;
}

export const DEFAULT_CBOR_LIMITS: Readonly<CborLimits> = Object.freeze({
  maxDepth: 16,
  maxLength: 1024 * 1024,
  maxInput: 4 * 1024 * 1024,
});
