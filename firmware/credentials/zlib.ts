/**
 * The zlib seam for status lists. draft-ietf-oauth-status-list section
 * "Compressed Byte Array" requires DEFLATE (RFC 1951) in the ZLIB format
 * (RFC 1950). tinydid does not hand-write a decompressor: a host passes the
 * one its platform has (node:zlib on Node; the Moddable SDK `inflate` module,
 * miniz in C, on devices). A host without one passes nothing, and a status
 * list is then refused with `status.no-inflate`.
 */
export interface Zlib {
  /**
   * Decompresses a zlib stream; must throw when the output would exceed
   * `maxOutput` bytes (a small deflate stream can expand a thousandfold).
   */
  inflate(data: Uint8Array, maxOutput: number): Uint8Array;
  /** Compresses at the highest level (issuers only; devices need not have it). */
  deflate?(data: Uint8Array): Uint8Array;
}
