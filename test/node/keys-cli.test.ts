// `tinydid keys ...`: the provisioning CLI and the done-when checks.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64url } from '../../firmware/bytes/base64url';
import { concatBytes } from '../../firmware/bytes/concat';
import { fromHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { verifyAttestation } from '../../firmware/keys/attestation';
import { deepEqual, equal, ok } from '../support/assert';
import { runCli } from '../support/cli';

function tempStore(): string {
  return join(mkdtempSync(join(tmpdir(), 'tinydid-keys-cli-')), 'store');
}

function out(r: { stdout: Buffer }): string {
  return r.stdout.toString('utf8');
}

/** Flips one bit of one byte in the middle of the record file whose name (hex) starts with `hexPrefix`. */
function editRecord(store: string, hexPrefix: string): void {
  const dir = join(store, 'records');
  const file = readdirSync(dir).find((f) => f.startsWith(hexPrefix) && f.endsWith('.rec'));
  ok(file, `a record ${hexPrefix}*`);
  const bytes = readFileSync(join(dir, file as string));
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  writeFileSync(join(dir, file as string), bytes);
}

const hexOf = (text: string) => Buffer.from(text).toString('hex');

describe('cli: keys (secure-element profile)', () => {
  const store = tempStore();
  it('generate --type ed25519 fails with a clear message and exit 1; nothing is created', () => {
    const r = runCli(['keys', 'generate', '--store', store, '--type', 'ed25519', '--usage', 'sign', '--profile', 'secure-element']);
    equal(r.status, 1, r.stderr);
    equal(out(r), '');
    ok(r.stderr.startsWith('error: keys.unsupported-type: '), r.stderr);
    ok(r.stderr.includes('P-256 keys only') && r.stderr.includes('never falls back to software'), r.stderr);
    equal(out(runCli(['keys', 'list', '--store', store])), '');
  });
  it('generate --type p256 works and prints the key id alone', () => {
    const r = runCli(['keys', 'generate', '--store', store, '--type', 'p256', '--usage', 'sign', '--profile', 'secure-element']);
    equal(r.status, 0, r.stderr);
    equal(out(r), 'slot-1\n');
    equal(out(runCli(['keys', 'generate', '--store', store, '--type', 'p256', '--usage', 'derive'])), 'slot-2\n');
    equal(out(runCli(['keys', 'list', '--store', store])), 'slot-1 p256 sign hardware\nslot-2 p256 derive hardware\n');
  });
  it('sign prints an ES256 signature (hex) that verifies with the public JWK and COSE_Key', () => {
    const sig = runCli(['keys', 'sign', '--store', store, '--id', 'slot-1'], { input: 'reading 42' });
    equal(sig.status, 0, sig.stderr);
    const pub = JSON.parse(out(runCli(['keys', 'public', '--store', store, '--id', 'slot-1']))) as { jwk: { kty: string; crv: string; x: string; y: string }; coseKey: string };
    equal(pub.jwk.kty, 'EC');
    equal(pub.jwk.crv, 'P-256');
    const point = concatBytes(Uint8Array.of(4), fromBase64url(pub.jwk.x), fromBase64url(pub.jwk.y));
    ok(suite.p256Verify(fromHex(out(sig).trim()), new TextEncoder().encode('reading 42'), point));
    // RFC 9052 section 7 / RFC 9053 section 7.1: {1: 2 (EC2), -1: 1 (P-256), -2: x, -3: y}
    const cose = decodeCbor(fromHex(pub.coseKey)) as Map<number, unknown>;
    deepEqual([...cose.keys()], [1, -1, -2, -3]);
    equal(cose.get(1), 2);
    equal(cose.get(-1), 1);
    deepEqual(cose.get(-2), fromBase64url(pub.jwk.x));
    deepEqual(cose.get(-3), fromBase64url(pub.jwk.y));
  });
  it('a usage violation is exit 1 keys.not-permitted', () => {
    const r = runCli(['keys', 'sign', '--store', store, '--id', 'slot-2'], { input: 'x' });
    equal(r.status, 1);
    ok(r.stderr.startsWith('error: keys.not-permitted: '), r.stderr);
  });
  it('attest: the statement verifies with the attestation key and binds the nonce and public key', () => {
    const r = runCli(['keys', 'attest', '--store', store, '--id', 'slot-1', '--nonce', '00112233445566778899']);
    equal(r.status, 0, r.stderr);
    const att = JSON.parse(out(r)) as { statement: string; signature: string; attestationKey: { x: string; y: string } };
    const attKey = concatBytes(Uint8Array.of(4), fromBase64url(att.attestationKey.x), fromBase64url(att.attestationKey.y));
    const attested = verifyAttestation(suite, { statement: fromHex(att.statement), signature: fromHex(att.signature) }, attKey, fromHex('00112233445566778899'));
    const pub = JSON.parse(out(runCli(['keys', 'public', '--store', store, '--id', 'slot-1']))) as { jwk: { x: string; y: string } };
    deepEqual(attested.publicKey, concatBytes(Uint8Array.of(4), fromBase64url(pub.jwk.x), fromBase64url(pub.jwk.y)));
    equal(runCli(['keys', 'attest', '--store', store, '--id', 'slot-1', '--nonce', 'zz']).status, 2);
  });
  it('the profile is fixed at creation: --profile software on this store is exit 1', () => {
    const r = runCli(['keys', 'generate', '--store', store, '--type', 'p256', '--usage', 'sign', '--profile', 'software']);
    equal(r.status, 1);
    ok(r.stderr.startsWith('error: keys.profile-mismatch: '), r.stderr);
  });
  it('a slot file edited by one byte is refused on next use: exit 1 keys.tampered', () => {
    editRecord(store, hexOf('se/slot/01'));
    const r = runCli(['keys', 'sign', '--store', store, '--id', 'slot-1'], { input: 'x' });
    equal(r.status, 1);
    ok(r.stderr.startsWith('error: keys.tampered: '), r.stderr);
  });
});

describe('cli: keys (software profile)', () => {
  const store = tempStore();
  it('generates every type; list says software; Ed25519 signatures verify', () => {
    const ed = out(runCli(['keys', 'generate', '--store', store, '--type', 'ed25519', '--usage', 'sign'])).trim();
    ok(/^[0-9a-f]{16}$/.test(ed), ed);
    const x = out(runCli(['keys', 'generate', '--store', store, '--type', 'x25519', '--usage', 'derive', '--label', 'agreement'])).trim();
    ok(/^[0-9a-f]{16}$/.test(x), x);
    const lines = out(runCli(['keys', 'list', '--store', store])).trim().split('\n').sort();
    deepEqual(lines, [`${ed} ed25519 sign software`, `${x} x25519 derive software`].sort());
    const sig = runCli(['keys', 'sign', '--store', store, '--id', ed, 'test/fixtures/hex-input.txt']);
    equal(sig.status, 0, sig.stderr);
    const pub = JSON.parse(out(runCli(['keys', 'public', '--store', store, '--id', ed]))) as { jwk: { kty: string; crv: string; x: string }; coseKey: string };
    deepEqual(pub.jwk, { crv: 'Ed25519', kty: 'OKP', x: pub.jwk.x });
    // The fixture is hex text: the signed bytes are the ones it spells (a1 01 02).
    ok(suite.ed25519Verify(fromHex(out(sig).trim()), Uint8Array.of(0xa1, 0x01, 0x02), fromBase64url(pub.jwk.x)));
    const cose = decodeCbor(fromHex(pub.coseKey)) as Map<number, unknown>;
    equal(cose.get(1), 1);
    equal(cose.get(-1), 6);
    deepEqual(cose.get(-2), fromBase64url(pub.jwk.x));
    const xpub = JSON.parse(out(runCli(['keys', 'public', '--store', store, '--id', x]))) as { jwk: { crv: string } };
    equal(xpub.jwk.crv, 'X25519');
  });
  it('attest on a software store is exit 1 keys.unsupported; an impossible type/usage pair is keys.bad-attributes', () => {
    const id = out(runCli(['keys', 'list', '--store', store])).split(' ')[0];
    const r = runCli(['keys', 'attest', '--store', store, '--id', id, '--nonce', '01']);
    equal(r.status, 1);
    ok(r.stderr.startsWith('error: keys.unsupported: '), r.stderr);
    const bad = runCli(['keys', 'generate', '--store', store, '--type', 'ed25519', '--usage', 'derive']);
    equal(bad.status, 1);
    ok(bad.stderr.startsWith('error: keys.bad-attributes: '), bad.stderr);
  });
  it('a key file edited by one byte is refused on next use: exit 1 keys.tampered', () => {
    const ids = out(runCli(['keys', 'list', '--store', store])).trim().split('\n').map((l) => l.split(' ')[0]);
    const ed = ids.find((id) => out(runCli(['keys', 'list', '--store', store])).includes(`${id} ed25519`)) as string;
    editRecord(store, hexOf(`key/${ed}`));
    const r = runCli(['keys', 'sign', '--store', store, '--id', ed], { input: 'x' });
    equal(r.status, 1);
    ok(r.stderr.startsWith('error: keys.tampered: '), r.stderr);
    equal(runCli(['keys', 'list', '--store', store]).status, 1, 'list refuses a tampered store too');
  });
});

describe('cli: keys usage and I/O errors', () => {
  it('usage errors are exit 2; there is no subcommand that exports a private key', () => {
    const store = tempStore();
    equal(runCli(['keys']).status, 2);
    equal(runCli(['keys', 'list']).status, 2, 'no --store');
    equal(runCli(['keys', 'export', '--store', store]).status, 2);
    equal(runCli(['keys', 'generate', '--store', store, '--type', 'rsa', '--usage', 'sign']).status, 2);
    equal(runCli(['keys', 'generate', '--store', store, '--type', 'p256', '--usage', 'sign', '--profile', 'tpm']).status, 2);
    const help = out(runCli(['help', 'keys']));
    ok(help.includes('generate') && help.includes('attest'));
    equal(/private|export|secret/i.test(help), false, 'help lists no way to read a private key');
  });
  it('a missing store is exit 3', () => {
    const r = runCli(['keys', 'list', '--store', join(tempStore(), 'nope')]);
    equal(r.status, 3);
    ok(r.stderr.startsWith('io error: '), r.stderr);
  });
});
