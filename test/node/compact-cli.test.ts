// The done-when of the compact profile: `tinydid pack --mode authcrypt --encoding
// cbor` of the glucose reading between two agents made with `tinydid did
// create`, each given both documents with --resolve, is at most 244 bytes, and
// `tinydid unpack` restores the identical message (as a JSON value: RFC 8259
// section 4 leaves object member order without meaning, and deterministic CBOR
// sorts map keys).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepEqual, equal, ok } from '../support/assert';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'tinydid-compact-cli-'));
const path = (name: string) => join(dir, name);

function create(name: string, ...flags: string[]): { did: string; didDocument: unknown } {
  const r = runCli(['did', 'create', ...flags, '--out', path(`${name}.json`)]);
  equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(path(`${name}.json`), 'utf8'));
}

function readingFor(meter: string, phone: string) {
  return {
    id: 'r-000123',
    type: 'https://example.org/glucose/1.0/reading',
    from: meter,
    to: [phone],
    created_time: 1763779200,
    body: { value: 104, unit: 'mg/dL', time: 1763779200, seq: 123 },
  };
}

describe('compact CLI: tinydid pack/unpack --encoding cbor', () => {
  for (const method of ['peer2', 'peer4'] as const) {
    it(`authcrypt of the reading between two ${method} agents: <= 244 bytes, unpack restores it`, () => {
      const meter = create(`meter-${method}`, '--method', method);
      const phone = create(`phone-${method}`, '--method', method);
      writeFileSync(path(`docs-${method}.json`), JSON.stringify([meter.didDocument, phone.didDocument]));
      const message = readingFor(meter.did, phone.did);
      writeFileSync(path(`reading-${method}.json`), JSON.stringify(message));
      const packed = runCli(['pack', '--from', path(`meter-${method}.json`), '--to', phone.did, '--mode', 'authcrypt', '--encoding', 'cbor', '--resolve', path(`docs-${method}.json`), path(`reading-${method}.json`)]);
      equal(packed.status, 0, packed.stderr);
      ok(packed.stdout.length <= 244, `${packed.stdout.length} bytes on the wire`);
      equal(packed.stdout[0], 0xd8, 'a tagged COSE_Encrypt');
      writeFileSync(path(`packed-${method}.cbor`), packed.stdout);
      const opened = runCli(['unpack', '--as', path(`phone-${method}.json`), '--resolve', path(`docs-${method}.json`), '--now', '1763779300', path(`packed-${method}.cbor`)]);
      equal(opened.status, 0, opened.stderr);
      const out = JSON.parse(opened.stdout.toString('utf8'));
      deepEqual(out.message, { typ: 'application/didcomm-plain+json', ...message });
      equal(out.metadata.authenticated, true);
      equal(out.metadata.encrypted_from_kid, `${meter.did}#key-2`);
      equal(out.metadata.enc_alg_auth, 'C20pEcdhSsHkdf256');
    });
  }
  it('the same bytes as hex text unpack too; another agent cannot open them (exit 1, error code)', () => {
    const hex = readFileSync(path('packed-peer2.cbor')).toString('hex');
    writeFileSync(path('packed.hex'), `${hex}\n`);
    const opened = runCli(['unpack', '--as', path('phone-peer2.json'), '--resolve', path('docs-peer2.json'), '--now', '1763779300', path('packed.hex')]);
    equal(opened.status, 0, opened.stderr);
    const other = runCli(['unpack', '--as', path('meter-peer2.json'), '--resolve', path('docs-peer2.json'), '--now', '1763779300', path('packed-peer2.cbor')]);
    equal(other.status, 1);
    ok(other.stderr.startsWith('error: didcomm.no-key:'), other.stderr);
  });
  it('without the sender\'s document the short ids do not resolve; --kids full carries the DID URLs', () => {
    const meterDoc = JSON.parse(readFileSync(path('meter-peer2.json'), 'utf8'));
    const phoneDoc = JSON.parse(readFileSync(path('phone-peer2.json'), 'utf8'));
    writeFileSync(path('phone-only.json'), JSON.stringify([phoneDoc.didDocument]));
    const blind = runCli(['unpack', '--as', path('phone-peer2.json'), '--now', '1763779300', path('packed-peer2.cbor')]);
    equal(blind.status, 1);
    ok(blind.stderr.startsWith('error: didcomm.unknown-kid:'), blind.stderr);
    const full = runCli(['pack', '--from', path('meter-peer2.json'), '--to', phoneDoc.did, '--kids', 'full', '--resolve', path('docs-peer2.json'), path('reading-peer2.json')]);
    equal(full.status, 0, full.stderr);
    writeFileSync(path('full.cbor'), full.stdout);
    const opened = runCli(['unpack', '--as', path('phone-peer2.json'), '--now', '1763779300', path('full.cbor')]);
    equal(opened.status, 0, opened.stderr);
    equal(JSON.parse(opened.stdout.toString('utf8')).message.from, meterDoc.did);
  });
  it('signed and anoncrypt in cbor; usage errors exit 2', () => {
    for (const mode of ['signed', 'anoncrypt', 'plain']) {
      const packed = runCli(['pack', '--from', path('meter-peer2.json'), '--to', JSON.parse(readFileSync(path('phone-peer2.json'), 'utf8')).did, '--mode', mode, '--resolve', path('docs-peer2.json'), path('reading-peer2.json')]);
      equal(packed.status, 0, packed.stderr);
      writeFileSync(path(`${mode}.cbor`), packed.stdout);
      const opened = runCli(['unpack', '--as', path('phone-peer2.json'), '--resolve', path('docs-peer2.json'), '--now', '1763779300', path(`${mode}.cbor`)]);
      equal(opened.status, 0, `${mode}: ${opened.stderr}`);
    }
    equal(runCli(['pack', '--from', path('meter-peer2.json'), '--to', 'did:example:x', '--kids', 'long', path('reading-peer2.json')]).status, 2);
    equal(runCli(['pack', '--from', path('meter-peer2.json'), '--to', 'did:example:x', '--enc', 'XC20P', path('reading-peer2.json')]).status, 2);
  });
});
