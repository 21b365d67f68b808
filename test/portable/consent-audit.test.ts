// The audit log: a bounded ring in KV, hash-chained, exported signed by the
// device key; the controller detects edits, dropped entries and forgeries.
import { encodeCbor } from '../../firmware/cbor/encode';
import { AUDIT_TYP, AuditLog } from '../../firmware/credentials/audit-log';
import { verifyAuditExport } from '../../firmware/credentials/audit-verify';
import { HEADER, createSign1 } from '../../firmware/credentials/sign1';
import { equal, throws } from '../support/assert';
import { T0, World, suite } from './grant-support';

function decide(log: AuditLog, i: number): void {
  log.append({ time: T0 + i, requester: `did:example:r${i}`, dataClass: 'glucose', action: 'read', allowed: i % 2 === 0, reason: i % 2 === 0 ? undefined : 'grant.expired', grant: Uint8Array.of(i) });
}

describe('consent: audit log', () => {
  it('keeps the newest `capacity` entries; the kept ones still chain', () => {
    const w = new World({ capacity: 4 });
    for (let i = 0; i < 6; i++) decide(w.audit, i);
    const entries = w.audit.entries();
    equal(entries.map((e) => e.seq).join(','), '2,3,4,5');
    equal(w.kv.list('cred/audit/e/').length, 4);
    const v = verifyAuditExport(w.audit.export(w.device.signer, w.device.did, T0), { crv: 'Ed25519', bytes: w.device.publicKey }, suite);
    equal(v.entries[3].reason, 'grant.expired');
    equal(v.deviceDid, w.device.did);
  });

  it('an edited export is audit.bad-signature; another key is refused', () => {
    const w = new World();
    for (let i = 0; i < 3; i++) decide(w.audit, i);
    const exported = w.audit.export(w.device.signer, w.device.did, T0);
    const edited = exported.slice();
    edited[edited.length - 80] ^= 1;
    throws(() => verifyAuditExport(edited, { crv: 'Ed25519', bytes: w.device.publicKey }, suite), 'audit.bad-signature');
    throws(() => verifyAuditExport(exported, { crv: 'Ed25519', bytes: w.anne.publicKey }, suite), 'audit.bad-signature');
  });

  it('a dropped or edited entry breaks the chain (audit.broken-chain), even when signed', () => {
    const w = new World();
    for (let i = 0; i < 4; i++) decide(w.audit, i);
    const records = w.audit.records();
    const dropped = createSign1(w.device.signer, encodeCbor([w.device.did, T0, [records[0], records[2], records[3]]]), [[HEADER.typ, AUDIT_TYP]]);
    throws(() => verifyAuditExport(dropped, { crv: 'Ed25519', bytes: w.device.publicKey }, suite), 'audit.broken-chain');
    const edited = records[1].slice();
    edited[edited.length - 40] ^= 1; // one byte of the entry (still well-formed CBOR)
    const changed = createSign1(w.device.signer, encodeCbor([w.device.did, T0, [records[0], edited, records[2]]]), [[HEADER.typ, AUDIT_TYP]]);
    throws(() => verifyAuditExport(changed, { crv: 'Ed25519', bytes: w.device.publicKey }, suite), 'audit.broken-chain');
    throws(() => verifyAuditExport(createSign1(w.device.signer, encodeCbor([1, 2]), [[HEADER.typ, AUDIT_TYP]]), { crv: 'Ed25519', bytes: w.device.publicKey }, suite), 'audit.malformed');
  });
});
