// Signed readings (README "Signed readings"): each reading is a COSE_Sign1 by
// the device key, kid = the device's DID URL, with a sequence number from the
// key store's monotonic values, the trusted time when known, and the
// truncated hash of the previous reading, so a receiver detects forgery,
// gaps and reordering (reading-verifier.ts).
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { kidBytes, type KidForm } from '../didcomm/compact/key-id';
import type { MonotonicValues } from '../keys/monotonic';
import type { KvStore } from '../storage/kv';
import type { CoseSigner } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { DATA_CLASSES, dataClassId, type DataClass } from './scope';
import { createSign1 } from './sign1';
import type { TimeSource } from './trusted-time';

/** Payload keys: {1: seq, 2: time, 3: data class, 4: value, 5: prev}. */
export const READING_KEY = Object.freeze({ seq: 1, time: 2, dataClass: 3, value: 4, prev: 5 });
/** Bytes of the previous-reading hash: SHA-256 truncated to 128 bits (NIST SP 800-107 section 5.1). */
export const READING_HASH_LENGTH = 16;

export interface Reading {
  seq: number;
  /** Seconds, absent when the device had no trusted time. */
  time: number | undefined;
  dataClass: DataClass;
  value: CborValue;
  /** Truncated SHA-256 of the previous reading's bytes; absent for the first. */
  prev: Uint8Array | undefined;
}

/** The chain link of a reading: its truncated SHA-256. */
export function readingHash(suite: CryptoSuite, reading: Uint8Array): Uint8Array {
  return suite.sha256(reading).slice(0, READING_HASH_LENGTH);
}

export function encodeReadingPayload(r: Reading): Uint8Array {
  const map = new Map<CborValue, CborValue>([[READING_KEY.seq, r.seq], [READING_KEY.dataClass, dataClassId(r.dataClass)], [READING_KEY.value, r.value]]);
  if (r.time !== undefined) map.set(READING_KEY.time, r.time);
  if (r.prev !== undefined) map.set(READING_KEY.prev, r.prev);
  return encodeCbor(map);
}

export function decodeReadingPayload(payload: Uint8Array): Reading {
  const bad = (why: string): never => {
    throw new TinydidError('reading.malformed', why);
  };
  let v: CborValue;
  try {
    v = decodeCbor(payload, { maxDepth: 4, maxInput: CREDENTIAL_LIMITS.maxReadingBytes });
  } catch (cause) {
    throw new TinydidError('reading.malformed', 'the reading payload is not CBOR', { cause });
  }
  if (!(v instanceof Map)) return bad('the reading payload is a map');
  for (const k of v.keys()) if (typeof k !== 'number' || k < 1 || k > 5) bad(`unknown reading member ${String(k)}`);
  const seq = v.get(READING_KEY.seq);
  const time = v.get(READING_KEY.time);
  const cls = v.get(READING_KEY.dataClass);
  const prev = v.get(READING_KEY.prev);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return bad('seq is a positive integer');
  if (time !== undefined && (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0)) return bad('time is a NumericDate in seconds');
  if (typeof cls !== 'number' || !Number.isInteger(cls) || cls < 0 || cls >= DATA_CLASSES.length) return bad('unknown data class');
  if (!v.has(READING_KEY.value)) return bad('a reading has a value');
  if (prev !== undefined && (!(prev instanceof Uint8Array) || prev.length !== READING_HASH_LENGTH)) return bad(`prev is ${READING_HASH_LENGTH} bytes`);
  if ((prev === undefined) !== (seq === 1)) return bad('prev is absent exactly on the first reading (seq 1)');
  return { seq, time: time as number | undefined, dataClass: DATA_CLASSES[cls], value: v.get(READING_KEY.value) as CborValue, prev: prev as Uint8Array | undefined };
}

export interface ReadingSignerOptions {
  /** The device key, kid = the device's DID URL. */
  signer: CoseSigner;
  /** The key store's monotonic values (firmware/keys/monotonic.ts). */
  monotonic: MonotonicValues;
  kv: KvStore;
  suite: CryptoSuite;
  time: TimeSource;
  /** Monotonic value name (default 'reading'). */
  counter?: string;
  /**
   * kid form: 'short' (default) carries the 8-byte short id of the signer's
   * DID URL (firmware/didcomm/PROFILE.md section 3.1) to keep readings small;
   * 'full' carries the DID URL itself.
   */
  kid?: KidForm;
}

const LAST_KEY = 'cred/reading/last';

export class ReadingSigner {
  readonly #o: ReadingSignerOptions;

  constructor(options: ReadingSignerOptions) {
    this.#o = options;
  }

  /**
   * Signs one reading. The counter is advanced before signing, so a power cut
   * between the two burns a number (the receiver sees a gap, never a reuse).
   */
  sign(dataClass: DataClass, value: CborValue): Uint8Array {
    const name = this.#o.counter ?? 'reading';
    const seq = this.#o.monotonic.increment(name);
    const last = this.#o.kv.get(LAST_KEY);
    let prev: Uint8Array | undefined;
    if (seq > 1) {
      const v = last === undefined ? undefined : decodeCbor(last);
      // After a burned number the stored link still names the last reading signed.
      prev = Array.isArray(v) && v[1] instanceof Uint8Array ? v[1] : new Uint8Array(READING_HASH_LENGTH);
    }
    const kid = kidBytes(this.#o.signer.kid, this.#o.kid ?? 'short', this.#o.suite);
    const bytes = createSign1(this.#o.signer, encodeReadingPayload({ seq, time: this.#o.time.now(), dataClass, value, prev }), [], kid);
    this.#o.kv.put(LAST_KEY, encodeCbor([seq, readingHash(this.#o.suite, bytes)]));
    return bytes;
  }
}
