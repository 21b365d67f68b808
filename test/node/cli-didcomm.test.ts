// `tinydid did create`, `pack`, `unpack` (JSON encoding) through the real binary.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepEqual, equal, ok } from '../support/assert';
import { runCli } from '../support/cli';
import { CODECS } from '../../firmware/didcomm/codecs';
import { vectorsRoot } from '../support/vectors';

const dir = mkdtempSync(join(tmpdir(), 'tinydid-cli-didcomm-'));
const path = (name: string): string => join(dir, name);
const reading = { id: 'r-000123', type: 'https://example.org/glucose/1.0/reading', created_time: 1763779200, body: { value: 104, unit: 'mg/dL', time: 1763779200, seq: 123 } };

function agent(name: string, args: string[] = []): { did: string; file: string } {
  const r = runCli(['did', 'create', '--out', path(`${name}.json`), ...args]);
  equal(r.status, 0, r.stderr);
  const file = JSON.parse(readFileSync(path(`${name}.json`), 'utf8'));
  equal(r.stdout.toString().trim(), file.did);
  return { did: file.did, file: path(`${name}.json`) };
}

describe('CLI: DIDComm from the command line (JSON)', () => {
  writeFileSync(path('reading.json'), JSON.stringify(reading));
  it('did create writes {did, didDocument, secrets} for did:peer:2 and did:peer:4, 25519 and P-256', () => {
    const a = agent('a');
    ok(a.did.startsWith('did:peer:2.V'));
    const b = agent('b', ['--method', 'peer4', '--curve', 'p256']);
    ok(b.did.startsWith('did:peer:4z'));
    const file = JSON.parse(readFileSync(b.file, 'utf8'));
    equal(file.secrets.length, 2);
    equal(file.secrets[0].privateKeyJwk.crv, 'P-256');
    equal(file.didDocument.verificationMethod[0].type, 'JsonWebKey2020');
    equal(runCli(['did', 'create', '--method', 'peer3', '--out', path('x.json')]).status, 2);
  });
  for (const mode of ['plain', 'signed', 'anoncrypt', 'authcrypt']) {
    it(`pack --mode ${mode} --encoding json, then unpack restores the message`, () => {
      const meter = agent(`meter-${mode}`);
      const phone = agent(`phone-${mode}`);
      const packed = runCli(['pack', '--from', meter.file, '--to', phone.did, '--mode', mode, '--encoding', 'json', path('reading.json')]);
      equal(packed.status, 0, packed.stderr);
      writeFileSync(path(`${mode}.json`), packed.stdout);
      const out = runCli(['unpack', '--as', phone.file, '--resolve', meter.file, '--now', '1763779300', path(`${mode}.json`)]);
      equal(out.status, 0, out.stderr);
      const { message, metadata } = JSON.parse(out.stdout.toString());
      deepEqual(message.body, reading.body);
      equal(message.from, mode === 'anoncrypt' ? undefined : meter.did);
      equal(metadata.encrypted, mode === 'anoncrypt' || mode === 'authcrypt');
      equal(metadata.authenticated, mode === 'signed' || mode === 'authcrypt');
      equal(metadata.non_repudiation, mode === 'signed');
    });
  }
  it('--state DIR refuses a replay (exit 1, didcomm.replayed); a tampered message is exit 1 with its code', () => {
    const meter = agent('m2');
    const phone = agent('p2');
    const packed = runCli(['pack', '--from', meter.file, '--to', phone.did, '--encoding', 'json', path('reading.json')]);
    writeFileSync(path('r.json'), packed.stdout);
    const args = ['unpack', '--as', phone.file, '--state', path('state'), path('r.json')];
    equal(runCli(args).status, 0);
    const again = runCli(args);
    equal(again.status, 1);
    ok(again.stderr.includes('error: didcomm.replayed:'), again.stderr);
    const jwe = JSON.parse(packed.stdout.toString());
    jwe.tag = (jwe.tag[0] === 'A' ? 'B' : 'A') + jwe.tag.slice(1);
    writeFileSync(path('t.json'), JSON.stringify(jwe));
    const bad = runCli(['unpack', '--as', phone.file, path('t.json')]);
    equal(bad.status, 1);
    ok(bad.stderr.includes('error: jose.decrypt-failed:'), bad.stderr);
  });
  it('unpack --secrets with the vectors: a reference message verifies as of 2018-01-18; usage and I/O errors', () => {
    const keys = join(vectorsRoot(), 'didcomm/keys');
    const docs = ['alice', 'bob', 'charlie'].map((n) => join(keys, `${n}_did_doc.json`));
    const resolve = docs.flatMap((d) => ['--resolve', d]);
    const ok1 = runCli(['unpack', '--secrets', join(keys, 'bob_secrets.json'), ...resolve, '--now', '1516300000', join(vectorsRoot(), 'didcomm/messages/ENCRYPTED_MSG_AUTH_P256.json')]);
    equal(ok1.status, 0, ok1.stderr);
    equal(JSON.parse(ok1.stdout.toString()).metadata.encrypted_from_kid, 'did:example:alice#key-p256-1');
    const expired = runCli(['unpack', '--secrets', join(keys, 'bob_secrets.json'), ...resolve, join(vectorsRoot(), 'didcomm/messages/ENCRYPTED_MSG_AUTH_P256.json')]);
    equal(expired.status, 1);
    ok(expired.stderr.includes('didcomm.expired'), expired.stderr);
    equal(runCli(['unpack', path('r.json')]).status, 2);
    equal(runCli(['unpack', '--secrets', path('missing.json'), path('r.json')]).status, 3);
    // The default encoding is the compact one; until its codec is registered it is a usage error.
    const cbor = runCli(['pack', '--from', path('m2.json'), '--to', JSON.parse(readFileSync(path('p2.json'), 'utf8')).did, path('reading.json')]);
    if (CODECS.cbor === undefined) {
      equal(cbor.status, 2);
      ok(cbor.stderr.includes('--encoding json'), cbor.stderr);
    } else equal(cbor.status, 0, cbor.stderr);
  });
});

describe('CLI: DID rotation with --from-prior', () => {
  it('the old agent signs from_prior; unpack verifies it and reports the rotation', () => {
    const old = agent('old');
    const fresh = agent('fresh');
    const phone = agent('phone-rot');
    const packed = runCli(['pack', '--from', fresh.file, '--from-prior', old.file, '--to', phone.did, '--encoding', 'json', path('reading.json')]);
    equal(packed.status, 0, packed.stderr);
    writeFileSync(path('rot.json'), packed.stdout);
    const out = runCli(['unpack', '--as', phone.file, '--resolve', fresh.file, path('rot.json')]);
    equal(out.status, 0, out.stderr);
    const { metadata } = JSON.parse(out.stdout.toString());
    equal(metadata.from_prior.iss, old.did);
    equal(metadata.from_prior.sub, fresh.did);
    equal(metadata.from_prior_issuer_kid, `${old.did}#key-1`);
  });
});
