// Controller side of the audit log: verifies an export's signature (device
// key) and its hash chain, and reports what it covers.
import { constantTimeEqual } from '../bytes/equal';
import { decodeCbor } from '../cbor/decode';
import type { CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { AUDIT_TYP, decodeAuditEntry, type AuditEntry } from './audit-log';
import type { VerifyKey } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { HEADER, parseSign1, signatureVerifies } from './sign1';

export interface VerifiedAuditExport {
  deviceDid: string;
  time: number | undefined;
  entries: AuditEntry[];
  /** SHA-256 of the newest entry: the next export's entries continue from it. */
  lastHash: Uint8Array | undefined;
}

/**
 * Verifies an audit export: COSE_Sign1 with typ AUDIT_TYP signed by
 * `deviceKey`, entries with consecutive sequence numbers, each holding the
 * hash of the one before. A controller keeps lastHash: the first entry of
 * its next export that follows on must hold it as prev.
 * Throws audit.malformed, audit.bad-signature, audit.broken-chain.
 */
export function verifyAuditExport(bytes: Uint8Array, deviceKey: VerifyKey, suite: CryptoSuite): VerifiedAuditExport {
  const msg = parseSign1(bytes, CREDENTIAL_LIMITS.maxAuditExportBytes, 'audit.malformed');
  if (msg.protected.get(HEADER.typ) !== AUDIT_TYP) throw new TinydidError('audit.malformed', `typ must be ${AUDIT_TYP}`);
  if (!signatureVerifies(msg, deviceKey, suite)) throw new TinydidError('audit.bad-signature', 'the audit export is not signed by the device key');
  let v: CborValue;
  try {
    v = decodeCbor(msg.payload, { maxDepth: 3 });
  } catch (cause) {
    throw new TinydidError('audit.malformed', 'the export payload is not CBOR', { cause });
  }
  if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'string' || (v[1] !== null && typeof v[1] !== 'number') || !Array.isArray(v[2])) {
    throw new TinydidError('audit.malformed', 'the export payload is [device DID, time, [* entry]]');
  }
  const entries: AuditEntry[] = [];
  let lastHash: Uint8Array | undefined;
  for (const record of v[2]) {
    if (!(record instanceof Uint8Array)) throw new TinydidError('audit.malformed', 'an exported entry is a byte string');
    const entry = decodeAuditEntry(record);
    const before = entries[entries.length - 1];
    if (before !== undefined && (entry.seq !== before.seq + 1 || !constantTimeEqual(entry.prev, lastHash as Uint8Array))) {
      throw new TinydidError('audit.broken-chain', `entry ${entry.seq} does not follow entry ${before.seq}`);
    }
    entries.push(entry);
    lastHash = suite.sha256(record);
  }
  return { deviceDid: v[0], time: v[1] ?? undefined, entries, lastHash };
}
