// `tinydid grant|status|reading` through the real binary: the scenario
// from the command line, the vc+cose export checked with @auth0/cose, and the
// exit-code contract.
import { Sign1 } from '@auth0/cose';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64url } from '../../firmware/bytes/base64url';
import { toHex } from '../../firmware/bytes/hex';
import { createDidKey } from '../../firmware/did/did-key';
import { equal, ok, rejects } from '../support/assert';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'tinydid-cli-consent-'));
const path = (name: string): string => join(dir, name);

function run(args: string[], expected = 0, input?: string | Uint8Array) {
  const r = runCli(args, { input });
  equal(r.status, expected, `${args.slice(0, 2).join(' ')}: ${r.stderr}`);
  return r;
}

function agent(name: string): { did: string; file: string; doc: { authentication: string[]; keyAgreement: string[]; verificationMethod: { id: string; publicKeyJwk: { x: string } }[] } } {
  run(['did', 'create', '--out', path(`${name}.json`)]);
  const file = JSON.parse(readFileSync(path(`${name}.json`), 'utf8'));
  return { did: file.did, file: path(`${name}.json`), doc: file.didDocument };
}

describe('CLI: grants, status lists and readings', () => {
  const anne = agent('anne');
  const pom = agent('pom');
  const police = agent('police');
  const stranger = agent('stranger');
  const store = path('meter');
  const keyId = run(['keys', 'generate', '--store', store, '--type', 'ed25519', '--usage', 'sign']).stdout.toString().trim();
  const meterPublic = fromBase64url(JSON.parse(run(['keys', 'public', '--store', store, '--id', keyId]).stdout.toString()).jwk.x);
  const device = createDidKey({ crv: 'Ed25519', bytes: meterPublic });
  const deviceKid = `${device}#${device.slice('did:key:'.length)}`;
  const policeKid = police.doc.keyAgreement[0];
  const LIST = 'https://anne.example/status/1';

  const decide = (requester: { did: string }, cls: string, lists: string[], grant = path('leaf.cwt'), kid = policeKid) =>
    runCli(['grant', 'verify', '--controller', anne.did, '--device', device, ...lists.flatMap((l) => ['--status', l]), '--requester', requester.did, '--requester-kid', kid, '--class', cls, '--action', 'read', grant]);

  it('issues Anne -> PeaceOfMind -> police and the device policy allows location, refuses gait', () => {
    run(['grant', 'issue', '--agent', anne.file, '--sub', device, '--aud', pom.did, '--scope', 'glucose:read+subscribe,location:read+subscribe,gait:read', '--for', '30d', '--delegation', '1', '--status-uri', LIST, '--status-idx', '3', '--out', path('root.cwt')]);
    run(['grant', 'issue', '--agent', pom.file, '--sub', device, '--aud', police.did, '--scope', 'location:read,glucose:read', '--for', '24h', '--cnf-kid', policeKid, '--parent', path('root.cwt'), '--out', path('leaf.cwt')]);
    run(['status', 'issue', '--agent', anne.file, '--uri', LIST, '--size', '64', '--ttl', '1h', '--out', path('list.cwt')]);
    const chain = JSON.parse(run(['grant', 'verify', '--controller', anne.did, '--device', device, path('leaf.cwt')]).stdout.toString());
    equal(chain.chain.length, 2);
    equal(chain.chain[1].aud, police.did);
    const allowed = decide(police, 'location', [path('list.cwt')]);
    equal(allowed.status, 0, allowed.stderr);
    equal(JSON.parse(allowed.stdout.toString()).decision.allowed, true);
    const gait = decide(police, 'gait', [path('list.cwt')]);
    equal(gait.status, 1);
    ok(gait.stderr.includes('error: grant.not-in-scope:'), gait.stderr);
  });

  it('refuses a stranger, a missing status list, and a revoked grant', () => {
    ok(decide(stranger, 'location', [path('list.cwt')], path('leaf.cwt'), stranger.doc.keyAgreement[0]).stderr.includes('error: grant.wrong-audience:'));
    ok(decide(police, 'location', []).stderr.includes('error: status.unknown:'));
    run(['status', 'issue', '--agent', anne.file, '--uri', LIST, '--size', '64', '--revoked', '3', '--ttl', '1h', '--out', path('revoked.cwt')]);
    const revoked = decide(police, 'location', [path('revoked.cwt')]);
    equal(revoked.status, 1);
    ok(revoked.stderr.includes('error: status.revoked:'), revoked.stderr);
    const listed = JSON.parse(run(['status', 'verify', path('revoked.cwt')]).stdout.toString());
    equal(JSON.stringify(listed.notValid), '{"3":1}');
  });

  it('refuses a widened sub-delegation (exit 1, grant.scope-widened); accepts hex input', () => {
    run(['grant', 'issue', '--agent', pom.file, '--sub', device, '--aud', police.did, '--scope', 'location:read,gait:read+subscribe', '--for', '24h', '--parent', path('root.cwt'), '--out', path('wide.cwt')]);
    const r = runCli(['grant', 'verify', '--controller', anne.did, '--device', device, path('wide.cwt')]);
    equal(r.status, 1);
    ok(r.stderr.includes('error: grant.scope-widened:'), r.stderr);
    run(['grant', 'verify', '--controller', anne.did, '--device', device], 0, toHex(readFileSync(path('leaf.cwt'))));
  });

  it('exports the grant as vc+cose; it verifies with @auth0/cose and with tinydid', async () => {
    const vc = run(['grant', 'export-vc', '--agent', pom.file, path('leaf.cwt')]).stdout;
    writeFileSync(path('leaf.vc'), vc);
    const msg = Sign1.decode(new Uint8Array(vc));
    const vm = pom.doc.verificationMethod.find((m) => m.id === pom.doc.authentication[0])!;
    await msg.verify(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: vm.publicKeyJwk.x }, format: 'jwk' }));
    const other = police.doc.verificationMethod.find((m) => m.id === police.doc.authentication[0])!;
    await rejects(() => msg.verify(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: other.publicKeyJwk.x }, format: 'jwk' })));
    const out = JSON.parse(run(['grant', 'verify-vc', '--time', 'now', path('leaf.vc')]).stdout.toString());
    equal(out.issuer, pom.did);
    equal(out.credentialSubject.id, police.did);
    ok(runCli(['grant', 'export-vc', '--agent', anne.file, path('leaf.cwt')]).stderr.includes('error: grant.wrong-signer:'));
  });

  it('signs readings with a key store and detects modified, missing and reordered readings', () => {
    const sign = (n: number, value: number) => {
      run(['reading', 'sign', '--store', store, '--id', keyId, '--kid', deviceKid, '--class', 'glucose', '--value', String(value), '--out', path(`r${n}.cose`)]);
      return path(`r${n}.cose`);
    };
    const [r1, r2, r3] = [sign(1, 5.4), sign(2, 5.6), sign(3, 6.1)];
    const lines = run(['reading', 'verify', '--device', device, r1, r2, r3]).stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    equal(lines.map((l) => `${l.seq}:${l.value}`).join(' '), '1:5.4 2:5.6 3:6.1');
    ok(lines[0].bytes < 200, `a reading is ${lines[0].bytes} bytes`);
    ok(runCli(['reading', 'verify', '--device', device, r1, r3]).stderr.includes('error: reading.gap:'));
    equal(JSON.parse(run(['reading', 'verify', '--device', device, '--accept-gaps', r1, r3]).stdout.toString().split('\n')[1]).missing, 1);
    ok(runCli(['reading', 'verify', '--device', device, r2, r1]).stderr.includes('error: reading.reordered:'));
    const forged = readFileSync(r2);
    // The value 5.6 is a CBOR float64 (fb 40 16 66 66 66 66 66 66): change its last bit.
    const at = forged.indexOf(Buffer.from('fb4016666666666666', 'hex'));
    ok(at >= 0, 'the reading carries 5.6 as a float64');
    forged[at + 8] ^= 1;
    writeFileSync(path('forged.cose'), forged);
    const f = runCli(['reading', 'verify', '--device', device, r1, path('forged.cose')]);
    equal(f.status, 1);
    ok(f.stderr.includes('error: reading.bad-signature:'), f.stderr);
    writeFileSync(path('all.hex'), `${toHex(readFileSync(r1))}\n${toHex(readFileSync(r2))}\n`);
    equal(run(['reading', 'verify', '--device', device, path('all.hex')]).stdout.toString().trim().split('\n').length, 2);
  });

  it('keeps the exit-code contract: usage 2, I/O 3', () => {
    equal(runCli(['grant', 'issue', '--agent', anne.file, '--sub', device]).status, 2);
    equal(runCli(['grant', 'issue', '--agent', anne.file, '--sub', device, '--aud', pom.did, '--scope', 'heart:read']).status, 2);
    equal(runCli(['status', 'issue', '--agent', anne.file, '--uri', LIST, '--size', '8', '--suspended', '1']).status, 2);
    equal(runCli(['grant', 'verify', '--controller', anne.did, '--device', device, path('missing.cwt')]).status, 3);
    equal(runCli(['reading', 'verify', '--device', device, path('missing.cose')]).status, 3);
    equal(runCli(['grant', 'frobnicate']).status, 2);
  });
});
