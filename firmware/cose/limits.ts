/**
 * Named hard limits for the COSE parsers (each raises cose.malformed or the
 * CBOR decoder's own code when exceeded).
 */
export interface CoseLimits {
  /** Bytes of a whole COSE message (the CBOR decoder's maxInput). */
  maxMessage: number;
  /** Recipients of one COSE_Encrypt (RFC 9052 section 5.1). */
  maxRecipients: number;
  /** Labels in one header map. */
  maxHeaders: number;
}

export const DEFAULT_COSE_LIMITS: Readonly<CoseLimits> = Object.freeze({
  maxMessage: 1024 * 1024,
  maxRecipients: 16,
  maxHeaders: 32,
});

/** CBOR nesting a COSE message needs: message, recipients, recipient, headers, COSE_Key. */
export const COSE_MAX_DEPTH = 8;
