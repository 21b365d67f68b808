/**
 * Named hard limits of firmware/credentials. Exceeding one is an error with its
 * own code (grant.too-large, grant.chain-too-long, status.too-large, ...).
 */
export const CREDENTIAL_LIMITS = Object.freeze({
  /** Bytes of one grant token, its embedded parents included (grant.too-large). */
  maxGrantBytes: 4096,
  /** Tokens in a delegation chain, root included (grant.chain-too-long). */
  maxChainLength: 4,
  /** [data class, actions] entries in one scope (grant.too-large). */
  maxScopeEntries: 8,
  /** Bytes of a status list token (status.too-large). */
  maxStatusTokenBytes: 3072,
  /** Bytes of a decompressed status list: 16384 one-bit entries (status.too-large). */
  maxStatusListBytes: 2048,
  /** Bytes of a time statement (time.malformed). */
  maxTimeStatementBytes: 1024,
  /** Bytes of a signed reading (reading.malformed). */
  maxReadingBytes: 1024,
  /** Bytes of a vc+cose credential (grant.bad-vc). */
  maxVcBytes: 16384,
  /** Bytes of an audit export (audit.malformed). */
  maxAuditExportBytes: 262144,
  /** Characters of a DID, DID URL or status list uri inside a token. */
  maxTextLength: 1024,
  /** Nesting of CBOR inside one token (cbor.too-deep). */
  maxCborDepth: 8,
});
