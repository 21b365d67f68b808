// The device's status lists: the handler for pushed status list tokens (the
// DIDComm message type "status-list" hands its attachment bytes to
// `receive`), persisted per uri in KV, and the freshness policy applied when a
// grant's status is checked (README "Freshness").
import { toHex } from '../bytes/hex';
import { utf8Encode } from '../bytes/utf8';
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { KvStore } from '../storage/kv';
import type { StatusReference } from './grant';
import type { KeyResolver } from './keys';
import { STATUS, isStatusBits, statusAt, type StatusList } from './status-list';
import { verifyStatusListToken, type StatusListToken } from './status-token';
import type { Zlib } from './zlib';

export const STATUS_FRESHNESS = Object.freeze({
  /** A list older than this (from its iat) is stale even when ttl/exp allow more. */
  maxAgeSeconds: 3600,
  /** A list issued further in the future than this is refused. */
  maxFutureSeconds: 300,
  /** (issuer, uri) lists a device keeps; one more is status.too-large (stale ones are pruned first). */
  maxLists: 16,
});

export interface StatusListStoreOptions {
  kv: KvStore;
  suite: CryptoSuite;
  resolveKey: KeyResolver;
  zlib: Zlib | undefined;
  /** Device freshness limit in seconds (default STATUS_FRESHNESS.maxAgeSeconds). */
  maxAgeSeconds?: number;
  /** Lists kept (default STATUS_FRESHNESS.maxLists). */
  maxLists?: number;
}

const PREFIX = 'cred/sl/';

interface Held {
  iss: string;
  uri: string;
  iat: number;
  exp: number | undefined;
  ttl: number | undefined;
  list: StatusList;
}

export class StatusListStore {
  readonly #o: StatusListStoreOptions;
  readonly #maxAge: number;

  constructor(options: StatusListStoreOptions) {
    this.#o = options;
    this.#maxAge = options.maxAgeSeconds ?? STATUS_FRESHNESS.maxAgeSeconds;
  }

  /** One record per (issuer, uri): another issuer cannot replace a grantor's list. */
  #key(iss: string, uri: string): string {
    return PREFIX + toHex(this.#o.suite.sha256(utf8Encode(`${iss}\n${uri}`)).subarray(0, 16));
  }

  #load(iss: string, uri: string): Held | undefined {
    return this.#read(this.#key(iss, uri), iss, uri);
  }

  #read(key: string, iss: string | undefined, uri: string | undefined): Held | undefined {
    const raw = this.#o.kv.get(key);
    if (raw === undefined) return undefined;
    const v = decodeCbor(raw);
    if (!Array.isArray(v) || v.length !== 7) throw new TinydidError('status.malformed', 'the stored status list record is corrupt');
    const [issuer, u, iat, exp, ttl, bits, bytes] = v;
    if (typeof issuer !== 'string' || typeof u !== 'string' || (iss !== undefined && iss !== issuer) || (uri !== undefined && u !== uri) || typeof iat !== 'number' || !isStatusBits(bits) || !(bytes instanceof Uint8Array)) {
      throw new TinydidError('status.malformed', 'the stored status list record is corrupt');
    }
    return { iss: issuer, uri: u, iat, exp: typeof exp === 'number' ? exp : undefined, ttl: typeof ttl === 'number' ? ttl : undefined, list: { bits, bytes } };
  }

  /**
   * Handles a pushed status list token: verifies it (signature by its
   * issuer), refuses one older than the list held for the same uri
   * (`status.rollback`), one expired or issued in the future when the time
   * is known, and stores it. Returns the verified token.
   */
  receive(tokenBytes: Uint8Array, now: number | undefined): StatusListToken {
    const token = verifyStatusListToken(tokenBytes, { resolveKey: this.#o.resolveKey, suite: this.#o.suite, zlib: this.#o.zlib });
    if (now !== undefined) {
      if (token.exp !== undefined && now >= token.exp) throw new TinydidError('status.stale', 'the status list token has expired');
      if (token.iat > now + STATUS_FRESHNESS.maxFutureSeconds) throw new TinydidError('status.malformed', 'the status list token is issued in the future');
    }
    const held = this.#load(token.iss, token.uri);
    if (held !== undefined && token.iat < held.iat) {
      throw new TinydidError('status.rollback', `the device holds a list for this uri issued at ${held.iat}; this one is from ${token.iat}`);
    }
    const max = this.#o.maxLists ?? STATUS_FRESHNESS.maxLists;
    if (held === undefined && this.#o.kv.list(PREFIX).length >= max) {
      if (now !== undefined) this.prune(now);
      if (this.#o.kv.list(PREFIX).length >= max) throw new TinydidError('status.too-large', `the device keeps ${max} status lists and all are fresh`);
    }
    const record = [token.iss, token.uri, token.iat, token.exp ?? null, token.ttl ?? null, token.list.bits, token.list.bytes];
    this.#o.kv.put(this.#key(token.iss, token.uri), encodeCbor(record));
    return token;
  }

  #stale(held: Held, now: number): boolean {
    const age = Math.min(held.ttl ?? this.#maxAge, this.#maxAge);
    return (held.exp !== undefined && now >= held.exp) || now >= held.iat + age;
  }

  /**
   * Deletes the lists older than the device limit (now >= iat + maxAge).
   * That keeps rollback protection: any older list of the same issuer and uri
   * has an earlier iat, so it is past the limit too and refused when checked.
   * (A list only stale by its own ttl or exp is kept: an older one with a
   * longer ttl could otherwise be replayed.) Returns how many were deleted.
   */
  prune(now: number): number {
    let deleted = 0;
    for (const key of this.#o.kv.list(PREFIX)) {
      const held = this.#read(key, undefined, undefined);
      if (held !== undefined && now >= held.iat + this.#maxAge) {
        this.#o.kv.delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * Checks a grant's status reference at time `now` (seconds). The list must
   * be held, issued by the grant's issuer, and fresh: now < exp, and
   * now < iat + min(ttl, maxAge). Throws status.unknown, status.stale,
   * status.out-of-range, status.revoked or status.suspended.
   */
  check(ref: StatusReference, issuer: string, now: number): void {
    const held = this.#load(issuer, ref.uri);
    if (held === undefined) {
      throw new TinydidError('status.unknown', `no status list ${ref.uri.slice(0, 120)} from the grant issuer`);
    }
    if (this.#stale(held, now)) {
      throw new TinydidError('status.stale', `the status list ${ref.uri.slice(0, 120)} (issued ${held.iat}) is stale at ${now}`);
    }
    const value = statusAt(held.list, ref.idx);
    if (value === STATUS.VALID) return;
    if (value === STATUS.SUSPENDED) throw new TinydidError('status.suspended', `grant ${ref.idx} of ${ref.uri.slice(0, 120)} is suspended`);
    throw new TinydidError('status.revoked', `grant ${ref.idx} of ${ref.uri.slice(0, 120)} has status ${value}`);
  }
}
