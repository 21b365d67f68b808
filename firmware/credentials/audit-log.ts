// The device's audit log (README "Audit log"): every authorization decision,
// in a ring of `capacity` KV records, each entry holding the SHA-256 of the
// entry before it, exportable to the controller as a COSE_Sign1 by the
// device key. Write order (entry, then head) keeps it consistent across a
// power cut: an entry written without its head is overwritten next time.
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { KvStore } from '../storage/kv';
import type { CoseSigner } from './keys';
import { HEADER, createSign1 } from './sign1';

export const AUDIT_TYP = 'application/tinydid-audit+cbor';
export const AUDIT_DEFAULT_CAPACITY = 64;
export const AUDIT_MAX_CAPACITY = 1024;
/** prev of the very first entry: 32 zero bytes (a function: no typed array at module top level, which a preloaded XS module would freeze). */
export function auditGenesis(): Uint8Array {
  return new Uint8Array(32);
}

export interface AuditDecision {
  /** Seconds, or undefined when the device had no trusted time. */
  time: number | undefined;
  requester: string;
  dataClass: string;
  action: string;
  allowed: boolean;
  /** The error code of a denial. */
  reason: string | undefined;
  /** cti of the leaf grant, when the chain could be read. */
  grant: Uint8Array | undefined;
}

export interface AuditEntry extends AuditDecision {
  seq: number;
  /** SHA-256 of the previous entry's record bytes. */
  prev: Uint8Array;
}

const HEAD_KEY = 'cred/audit/head';
const ENTRY_PREFIX = 'cred/audit/e/';
const MAX_FIELD = 512;

function clip(text: string): string {
  return text.length > MAX_FIELD ? text.slice(0, MAX_FIELD) : text;
}

/** The record bytes of an entry: [seq, time, requester, class, action, allowed, reason, grant, prev]. */
export function encodeAuditEntry(e: AuditEntry): Uint8Array {
  return encodeCbor([e.seq, e.time ?? null, clip(e.requester), e.dataClass, e.action, e.allowed, e.reason ?? null, e.grant ?? null, e.prev]);
}

export function decodeAuditEntry(bytes: Uint8Array): AuditEntry {
  let v: CborValue;
  try {
    v = decodeCbor(bytes, { maxDepth: 2, maxInput: 4096 });
  } catch (cause) {
    throw new TinydidError('audit.malformed', 'an audit entry is not CBOR', { cause });
  }
  if (!Array.isArray(v) || v.length !== 9) throw new TinydidError('audit.malformed', 'an audit entry is an array of 9');
  const [seq, time, requester, dataClass, action, allowed, reason, grant, prev] = v;
  if (
    typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0 ||
    (time !== null && typeof time !== 'number') || typeof requester !== 'string' || typeof dataClass !== 'string' ||
    typeof action !== 'string' || typeof allowed !== 'boolean' || (reason !== null && typeof reason !== 'string') ||
    (grant !== null && !(grant instanceof Uint8Array)) || !(prev instanceof Uint8Array) || prev.length !== 32
  ) {
    throw new TinydidError('audit.malformed', 'an audit entry has a member of the wrong type');
  }
  return { seq, time: time ?? undefined, requester, dataClass, action, allowed, reason: reason ?? undefined, grant: grant ?? undefined, prev };
}

export interface AuditLogOptions {
  kv: KvStore;
  suite: CryptoSuite;
  /** Entries kept (default 64, at most 1024); older ones are overwritten. */
  capacity?: number;
}

export class AuditLog {
  readonly #kv: KvStore;
  readonly #suite: CryptoSuite;
  readonly capacity: number;

  constructor(options: AuditLogOptions) {
    const capacity = options.capacity ?? AUDIT_DEFAULT_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > AUDIT_MAX_CAPACITY) throw new TinydidError('audit.malformed', `capacity must be 1..${AUDIT_MAX_CAPACITY}`);
    this.#kv = options.kv;
    this.#suite = options.suite;
    this.capacity = capacity;
  }

  /** [next seq, hash of the last entry]. */
  #head(): { next: number; last: Uint8Array } {
    const raw = this.#kv.get(HEAD_KEY);
    if (raw === undefined) return { next: 0, last: auditGenesis() };
    const v = decodeCbor(raw);
    if (!Array.isArray(v) || typeof v[0] !== 'number' || !(v[1] instanceof Uint8Array) || v[1].length !== 32) {
      throw new TinydidError('audit.malformed', 'the audit head record is corrupt');
    }
    return { next: v[0], last: v[1] };
  }

  /** Appends one decision; returns the stored entry. */
  append(decision: AuditDecision): AuditEntry {
    const head = this.#head();
    const entry: AuditEntry = { ...decision, seq: head.next, prev: head.last };
    const bytes = encodeAuditEntry(entry);
    this.#kv.put(ENTRY_PREFIX + (entry.seq % this.capacity), bytes);
    this.#kv.put(HEAD_KEY, encodeCbor([entry.seq + 1, this.#suite.sha256(bytes)]));
    return entry;
  }

  /** The record bytes of the kept entries, oldest first. */
  records(): Uint8Array[] {
    const head = this.#head();
    const out: Uint8Array[] = [];
    for (let seq = Math.max(0, head.next - this.capacity); seq < head.next; seq++) {
      const raw = this.#kv.get(ENTRY_PREFIX + (seq % this.capacity));
      if (raw === undefined) throw new TinydidError('audit.malformed', `audit entry ${seq} is missing`);
      out.push(raw);
    }
    return out;
  }

  entries(): AuditEntry[] {
    return this.records().map(decodeAuditEntry);
  }

  /**
   * The kept entries as a COSE_Sign1 by the device key (typ AUDIT_TYP):
   * payload [device DID, export time or null, [* entry record bstr]].
   */
  export(signer: CoseSigner, deviceDid: string, time: number | undefined): Uint8Array {
    return createSign1(signer, encodeCbor([deviceDid, time ?? null, this.records()]), [[HEADER.typ, AUDIT_TYP]]);
  }
}
