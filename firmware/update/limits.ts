/**
 * Named hard limits of the SUIT decoder and verifier. Exceeding one is
 * `suit.too-large`; a caller may lower or raise them per call (like libcsuit,
 * limits are configuration). Sized for a wearable: one or two images, a few
 * signers, manifests of a few hundred bytes.
 */
export interface SuitLimits {
  /** Bytes of the whole envelope, integrated payloads included. */
  maxEnvelope: number;
  /** COSE_Sign1 blocks in the authentication wrapper. */
  maxSignatures: number;
  /** Components in SUIT_Common. */
  maxComponents: number;
  /** Commands (condition or directive) across all sequences of one manifest. */
  maxCommands: number;
  /** Nesting of try-each / run-sequence inside a sequence. */
  maxNesting: number;
  /** Alternatives in one try-each. */
  maxTryEach: number;
}

export const DEFAULT_SUIT_LIMITS: Readonly<SuitLimits> = Object.freeze({
  maxEnvelope: 2 * 1024 * 1024,
  maxSignatures: 8,
  maxComponents: 4,
  maxCommands: 256,
  maxNesting: 4,
  maxTryEach: 4,
});

/** CBOR nesting allowed while decoding any SUIT structure (envelope, manifest, sequences). */
export const SUIT_CBOR_DEPTH = 12;
