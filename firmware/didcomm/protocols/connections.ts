/**
 * The connections an agent keeps (KV seam, firmware/storage/kv.ts): one
 * record per peer DID, so that after a reboot a device still knows its
 * controller and the phone still knows its devices. The peer's document is
 * not stored: did:peer:2 and the long form of did:peer:4 resolve from the
 * DID itself.
 *
 * Record `conn/<first 16 bytes of SHA-256(DID), hex>`: deterministic CBOR
 * {1: did, 2: role, ? 3: label, ? 4: since (UTC epoch seconds)}.
 */
import { utf8Encode } from '../../bytes/utf8';
import { decodeCbor } from '../../cbor/decode';
import { encodeCbor } from '../../cbor/encode';
import type { CborValue } from '../../cbor/value';
import type { CryptoSuite } from '../../crypto/suite';
import { checkDid } from '../../did/did-url';
import type { DidDocument } from '../../did/document';
import type { DidResolver } from '../../did/resolver';
import { LocalResolver, type DidMethod } from '../../did/resolver';
import { TinydidError } from '../../errors/tinydid-error';
import type { KvStore } from '../../storage/kv';

/** controller: the phone that owns this device; device: a device we own; peer: anyone else. */
export type ConnectionRole = 'controller' | 'device' | 'peer';
const ROLES: readonly ConnectionRole[] = Object.freeze(['controller', 'device', 'peer']);

export interface Connection {
  did: string;
  role: ConnectionRole;
  label?: string;
  /** When the connection was made (UTC epoch seconds), when the time was known. */
  since?: number;
}

const PREFIX = 'conn/';
/** Most connections a store holds (a device's flash is small). */
export const MAX_CONNECTIONS = 64;

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

function corrupt(why: string): never {
  throw new TinydidError('storage.corrupt', `connection record: ${why}`);
}

export class ConnectionStore {
  readonly #kv: KvStore;
  readonly #suite: CryptoSuite;

  constructor(kv: KvStore, suite: CryptoSuite) {
    this.#kv = kv;
    this.#suite = suite;
  }

  #key(did: string): string {
    return PREFIX + hex(this.#suite.sha256(utf8Encode(did)).subarray(0, 16));
  }

  /** Adds or replaces the connection with `connection.did`. */
  put(connection: Connection): void {
    checkDid(connection.did);
    if (!ROLES.includes(connection.role)) throw new TinydidError('protocol.malformed', `unknown connection role ${String(connection.role)}`);
    const key = this.#key(connection.did);
    if (this.#kv.get(key) === undefined && this.#kv.list(PREFIX).length >= MAX_CONNECTIONS) {
      throw new TinydidError('storage.too-large', `at most ${MAX_CONNECTIONS} connections`);
    }
    const map = new Map<CborValue, CborValue>([[1, connection.did], [2, connection.role]]);
    if (connection.label !== undefined) map.set(3, connection.label);
    if (connection.since !== undefined) map.set(4, connection.since);
    this.#kv.put(key, encodeCbor(map));
  }

  get(did: string): Connection | undefined {
    const bytes = this.#kv.get(this.#key(did));
    if (bytes === undefined) return undefined;
    const c = this.#decode(bytes);
    if (c.did !== did) corrupt('stored under another DID');
    return c;
  }

  list(): Connection[] {
    const out: Connection[] = [];
    for (const key of this.#kv.list(PREFIX)) {
      const bytes = this.#kv.get(key);
      if (bytes !== undefined) out.push(this.#decode(bytes));
    }
    return out;
  }

  delete(did: string): void {
    this.#kv.delete(this.#key(did));
  }

  /** Removes every connection (factory reset). */
  clear(): void {
    for (const key of this.#kv.list(PREFIX)) this.#kv.delete(key);
  }

  /** The documents of the connections, resolved through `resolver`. */
  documents(resolver: DidResolver): DidDocument[] {
    return this.list().map((c) => resolver.resolve(c.did));
  }

  /** A resolver that knows the connections' documents (and resolves DIDs of `methods` by itself; default did:peer:2, see LocalResolver). */
  resolver(suite: CryptoSuite = this.#suite, extra: readonly unknown[] = [], methods?: readonly DidMethod[]): LocalResolver {
    const base = new LocalResolver({ suite, documents: [...extra], methods });
    for (const doc of this.documents(base)) base.add(doc);
    return base;
  }

  #decode(bytes: Uint8Array): Connection {
    let v: CborValue;
    try {
      v = decodeCbor(bytes, { maxDepth: 2, requireSortedKeys: true });
    } catch (cause) {
      throw new TinydidError('storage.corrupt', 'connection record is not CBOR', { cause });
    }
    if (!(v instanceof Map)) return corrupt('not a map');
    const did = v.get(1);
    const role = v.get(2);
    const label = v.get(3);
    const since = v.get(4);
    if (typeof did !== 'string' || typeof role !== 'string' || !ROLES.includes(role as ConnectionRole)) return corrupt('bad did or role');
    const c: Connection = { did, role: role as ConnectionRole };
    if (label !== undefined) {
      if (typeof label !== 'string') corrupt('bad label');
      c.label = label;
    }
    if (since !== undefined) {
      if (typeof since !== 'number' || !Number.isSafeInteger(since) || since < 0) corrupt('bad since');
      c.since = since;
    }
    return c;
  }
}
