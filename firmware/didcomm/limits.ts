/**
 * Named limits of the DIDComm message model and its envelopes (DESIGN section
 * 7 point 4). Exceeding one is an error with its own code. Callers may lower
 * `maxMessageBytes` per call (UnpackOptions).
 */
export const DIDCOMM_LIMITS = Object.freeze({
  /** Largest packed message accepted by unpack (bytes of the envelope). */
  maxMessageBytes: 65536,
  /** Longest id / thid / pthid. */
  maxIdLength: 256,
  /** Longest type URI, media type and other short strings. */
  maxStringLength: 2048,
  /** Most DIDs in `to` and most JWE recipients. */
  maxRecipients: 32,
  /** Most attachments. */
  maxAttachments: 32,
  /** Most links in a links attachment. */
  maxLinks: 16,
  /** Deepest JSON nesting in a plaintext. */
  maxDepth: 32,
  /** Envelope layers unpack opens (anoncrypt > authcrypt > signed > plaintext, plus forwards). */
  maxLayers: 4,
});

/** Largest integer a time or count may hold (JSON numbers are IEEE doubles). */
export const MAX_SAFE_UINT = Number.MAX_SAFE_INTEGER;
