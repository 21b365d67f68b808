// Receiver side of signed readings: a stateful verifier per device that
// checks each reading's signature and its place in the chain.
import { constantTimeEqual } from '../bytes/equal';
import type { CryptoSuite } from '../crypto/suite';
import { shortKid } from '../didcomm/compact/key-id';
import { TinydidError } from '../errors/tinydid-error';
import type { VerifyKey } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { decodeReadingPayload, readingHash, type Reading } from './reading';
import { parseSign1, signatureVerifies } from './sign1';

export interface ReadingChainVerifierOptions {
  /** The device's signing key. */
  key: VerifyKey;
  /** When given, the reading's kid must be this DID URL, or its short id. */
  kid?: string;
  suite: CryptoSuite;
}

export interface AcceptedReading {
  reading: Reading;
  /** The kid as text when it was a DID URL (undefined for a short id). */
  kid: string | undefined;
  /** Readings missing before this one (only with acceptGap). */
  missing: number;
}

/**
 * Verifies readings in arrival order. State (last sequence number and link)
 * advances only on success. Throws reading.malformed, reading.bad-signature,
 * reading.reordered (sequence at or below the last accepted: replay or
 * reordering), reading.gap (numbers skipped; pass acceptGap to note the gap
 * and go on), reading.broken-chain (next number, but prev is not the hash of
 * the last accepted reading).
 */
export class ReadingChainVerifier {
  readonly #o: ReadingChainVerifierOptions;
  #lastSeq: number | undefined;
  #lastHash: Uint8Array | undefined;

  constructor(options: ReadingChainVerifierOptions, state?: { lastSeq: number; lastHash: Uint8Array }) {
    this.#o = options;
    this.#lastSeq = state?.lastSeq;
    this.#lastHash = state?.lastHash;
  }

  /** What to persist to resume later. */
  state(): { lastSeq: number; lastHash: Uint8Array } | undefined {
    return this.#lastSeq === undefined ? undefined : { lastSeq: this.#lastSeq, lastHash: (this.#lastHash as Uint8Array).slice() };
  }

  accept(bytes: Uint8Array, options: { acceptGap?: boolean } = {}): AcceptedReading {
    const msg = parseSign1(bytes, CREDENTIAL_LIMITS.maxReadingBytes, 'reading.malformed');
    if (this.#o.kid !== undefined && msg.kid !== this.#o.kid && !(msg.kidBytes !== undefined && constantTimeEqual(msg.kidBytes, shortKid(this.#o.kid, this.#o.suite)))) {
      throw new TinydidError('reading.bad-signature', 'the reading names another key');
    }
    if (!signatureVerifies(msg, this.#o.key, this.#o.suite)) throw new TinydidError('reading.bad-signature', 'the reading signature does not verify with the device key');
    const reading = decodeReadingPayload(msg.payload);
    let missing = 0;
    if (this.#lastSeq !== undefined) {
      if (reading.seq <= this.#lastSeq) throw new TinydidError('reading.reordered', `reading ${reading.seq} arrived after reading ${this.#lastSeq}`);
      missing = reading.seq - this.#lastSeq - 1;
      if (missing > 0 && options.acceptGap !== true) throw new TinydidError('reading.gap', `${missing} reading(s) missing between ${this.#lastSeq} and ${reading.seq}`);
      if (missing === 0 && !constantTimeEqual(reading.prev as Uint8Array, this.#lastHash as Uint8Array)) {
        throw new TinydidError('reading.broken-chain', `reading ${reading.seq} does not follow the reading accepted as ${this.#lastSeq}`);
      }
    }
    this.#lastSeq = reading.seq;
    this.#lastHash = readingHash(this.#o.suite, bytes);
    return { reading, kid: msg.kid, missing };
  }
}
