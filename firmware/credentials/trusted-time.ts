// Trusted time (README "Time"). A device's wall clock is not trusted: time
// comes from a time statement signed by the device controller, answering a
// fresh nonce the device issued (so an old statement cannot be replayed),
// anchored to the monotonic clock, and never going below a high-water mark
// persisted in KV (so a reboot cannot take time backwards).
import { constantTimeEqual } from '../bytes/equal';
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { Clock } from '../host/clock';
import { randomBytes, type Random } from '../host/random';
import type { KvStore } from '../storage/kv';
import { CLAIM, ClaimReader, decodeClaims, registeredClaims } from './cwt';
import type { CoseSigner, KeyResolver } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { HEADER, createSign1, parseSign1, signatureVerifies } from './sign1';

export const TIME_TYP = 'application/tinydid-time+cwt';

export const TIME_LIMITS = Object.freeze({
  /** Nonce bytes (128 bits, unpredictable: from the Random seam). */
  nonceLength: 16,
  /** A nonce answers only within this many milliseconds of monotonic time. */
  nonceLifetimeMs: 5 * 60 * 1000,
  /** The high-water mark is written when time passed it by this many seconds. */
  persistStepSeconds: 60,
});

/** Where a decision gets the current time: seconds, or undefined when unknown. */
export interface TimeSource {
  now(): number | undefined;
}

export interface TimeStatement {
  /** Controller DID. */
  iss: string;
  /** Device DID. */
  sub: string;
  /** The time, in seconds (NumericDate). */
  time: number;
  /** The nonce the device issued. */
  nonce: Uint8Array;
}

/** Signs a time statement (controller side). */
export function issueTimeStatement(signer: CoseSigner, statement: TimeStatement): Uint8Array {
  const claims = new Map<CborValue, CborValue>([
    [CLAIM.iss, statement.iss],
    [CLAIM.sub, statement.sub],
    [CLAIM.iat, Math.floor(statement.time)],
    [CLAIM.cnonce, statement.nonce],
  ]);
  return createSign1(signer, encodeCbor(claims), [[HEADER.typ, TIME_TYP]]);
}

export interface TrustedTimeOptions {
  kv: KvStore;
  clock: Clock;
  random: Random;
  suite: CryptoSuite;
  resolveKey: KeyResolver;
  deviceDid: string;
  controllerDid: string;
}

const HWM_KEY = 'cred/time/hwm';

export class TrustedTime implements TimeSource {
  readonly #o: TrustedTimeOptions;
  #nonce: { value: Uint8Array; issuedMs: number } | undefined;
  #anchor: { time: number; monoMs: number } | undefined;
  #persisted: number | undefined;

  constructor(options: TrustedTimeOptions) {
    this.#o = options;
  }

  /** The persisted high-water mark (seconds), or undefined before any statement. */
  highWaterMark(): number | undefined {
    if (this.#persisted === undefined) {
      const raw = this.#o.kv.get(HWM_KEY);
      if (raw !== undefined) {
        const v = decodeCbor(raw);
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new TinydidError('time.malformed', 'the stored time high-water mark is corrupt');
        this.#persisted = v;
      }
    }
    return this.#persisted;
  }

  #persist(time: number): void {
    this.#o.kv.put(HWM_KEY, encodeCbor(time));
    this.#persisted = time;
  }

  /** A fresh nonce for the controller to sign into a time statement; replaces any earlier one. */
  challenge(): Uint8Array {
    const value = randomBytes(this.#o.random, TIME_LIMITS.nonceLength);
    this.#nonce = { value, issuedMs: this.#o.clock.monotonicMs() };
    return value.slice();
  }

  /**
   * Accepts a time statement: signed by a controller key, about this device,
   * answering the current nonce within its lifetime, not below the
   * high-water mark. The nonce is used up. Returns the time (seconds).
   * Throws time.malformed, time.bad-signature, time.bad-nonce, time.backwards.
   */
  accept(bytes: Uint8Array): number {
    const msg = parseSign1(bytes, CREDENTIAL_LIMITS.maxTimeStatementBytes, 'time.malformed');
    if (msg.protected.get(HEADER.typ) !== TIME_TYP) throw new TinydidError('time.malformed', `typ must be ${TIME_TYP}`);
    const r = new ClaimReader(decodeClaims(msg.payload, 'time.malformed'), 'time.malformed');
    const reg = registeredClaims(r);
    const nonce = r.bytes(CLAIM.cnonce, 'cnonce', 64);
    if (reg.iss === undefined || reg.sub === undefined || reg.iat === undefined || nonce === undefined || msg.kid === undefined) {
      return r.fail('a time statement has iss, sub, iat, cnonce and a kid');
    }
    if (reg.iss !== this.#o.controllerDid) throw new TinydidError('time.bad-signature', 'the time statement is not from the device controller');
    if (reg.sub !== this.#o.deviceDid) throw new TinydidError('time.malformed', 'the time statement is for another device');
    let key;
    try {
      key = this.#o.resolveKey(msg.kid, reg.iss);
    } catch (cause) {
      throw new TinydidError('time.bad-signature', `no controller key ${msg.kid.slice(0, 120)}`, { cause });
    }
    if (!signatureVerifies(msg, key, this.#o.suite)) throw new TinydidError('time.bad-signature', 'the time statement signature does not verify');
    const pending = this.#nonce;
    const nowMs = this.#o.clock.monotonicMs();
    if (pending === undefined || !constantTimeEqual(pending.value, nonce)) throw new TinydidError('time.bad-nonce', 'the statement does not answer the current nonce');
    if (nowMs - pending.issuedMs > TIME_LIMITS.nonceLifetimeMs) throw new TinydidError('time.bad-nonce', 'the nonce has expired');
    const time = Math.floor(reg.iat);
    const hwm = this.highWaterMark();
    if (hwm !== undefined && time < hwm) throw new TinydidError('time.backwards', `the statement says ${time}; time already reached ${hwm}`);
    this.#nonce = undefined;
    this.#anchor = { time, monoMs: nowMs };
    this.#persist(time);
    return time;
  }

  /** Seconds since the epoch, or undefined until a statement was accepted since boot. */
  now(): number | undefined {
    if (this.#anchor === undefined) return undefined;
    const elapsed = Math.floor((this.#o.clock.monotonicMs() - this.#anchor.monoMs) / 1000);
    const hwm = this.highWaterMark() ?? 0;
    const now = Math.max(hwm, this.#anchor.time + Math.max(0, elapsed));
    if (now - hwm >= TIME_LIMITS.persistStepSeconds) this.#persist(now);
    return now;
  }
}
