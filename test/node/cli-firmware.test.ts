// `tinydid firmware sign|verify|inspect` through the real binary: the six
// draft examples verify with public_key.pem; sign -> verify round trips with
// P-256 and Ed25519 keys, thresholds, JSON trust files, integrated payloads,
// and the exit-code contract (1 verdict, 2 usage, 3 I/O).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../firmware/bytes/hex';
import { equal, ok } from '../support/assert';
import { runCli } from '../support/cli';
import { vectorsRoot } from '../support/vectors';
import { exampleEnvelope } from '../portable/suit-fixtures';

const VENDOR = 'fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe';
const CLASS = '1492af14-2569-5e48-bf42-9b2d51f2ab45';
const dir = mkdtempSync(join(tmpdir(), 'tinydid-firmware-'));
const examplesKey = join(vectorsRoot(), 'suit/public_key.pem');

function file(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

function keyPair(name: string, type: 'ec' | 'ed25519'): { priv: string; pub: string; jwk: object } {
  const { privateKey, publicKey } = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  return {
    priv: file(`${name}.pem`, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
    pub: file(`${name}.pub.pem`, publicKey.export({ format: 'pem', type: 'spki' }) as string),
    jwk: publicKey.export({ format: 'jwk' }),
  };
}

const p256 = keyPair('author-p256', 'ec');
const ed = keyPair('author-ed25519', 'ed25519');
const other = keyPair('other', 'ec');
const imageBytes = Uint8Array.from({ length: 6000 }, (_v, i) => (i * 7 + 3) & 0xff);
const image = file('image.bin', imageBytes);

function sign(keys: string[], seq: number, extra: string[] = []): string {
  const r = runCli(['firmware', 'sign', ...keys.flatMap((k) => ['--key', k]), '--seq', String(seq), '--vendor', VENDOR, '--class', CLASS, ...extra, image]);
  equal(r.status, 0, r.stderr);
  return file(`update-${seq}-${keys.length}-${extra.join('')}.suit`, r.stdout);
}

describe('tinydid firmware', () => {
  it('all six draft examples verify with public_key.pem (hex text and binary input)', () => {
    for (let n = 0; n <= 5; n++) {
      const hex = file(`example${n}.hex`, `${toHex(exampleEnvelope(n))}\n`);
      const r = runCli(['firmware', 'verify', '--trust', examplesKey, '--vendor', VENDOR, '--class', CLASS, hex]);
      equal(r.status, 0, `example ${n}: ${r.stderr}`);
      equal(r.stdout.toString(), `ok seq=${n} signers=1/1 image=not-checked\n`);
    }
    const bin = file('example3.suit', exampleEnvelope(3));
    equal(runCli(['firmware', 'verify', '--trust', examplesKey, bin]).stdout.toString(), 'ok seq=3 signers=1/1 image=not-checked\n');
  });

  it('sign with P-256 and Ed25519, verify 2-of-2 with the image; 2-of-2 fails with one signature', () => {
    const both = sign([p256.priv, ed.priv], 7);
    const r = runCli(['firmware', 'verify', '--trust', p256.pub, '--trust', ed.pub, '--threshold', '2', '--installed-seq', '6', '--vendor', VENDOR, '--class', CLASS, both, image]);
    equal(r.status, 0, r.stderr);
    equal(r.stdout.toString(), 'ok seq=7 signers=2/2 image=checked\n');
    // The image as hex text is the same input.
    equal(runCli(['firmware', 'verify', '--trust', p256.pub, both, file('image.hex', toHex(imageBytes))]).stdout.toString(), 'ok seq=7 signers=1/1 image=checked\n');
    const one = sign([p256.priv], 7);
    const refused = runCli(['firmware', 'verify', '--trust', p256.pub, '--trust', ed.pub, '--threshold', '2', one]);
    equal(refused.status, 1);
    ok(refused.stderr.startsWith('error: suit.threshold: '), refused.stderr);
  });

  it('the same key twice counts once: suit.duplicate-signer', () => {
    const twice = sign([p256.priv, p256.priv], 3);
    const r = runCli(['firmware', 'verify', '--trust', p256.pub, '--trust', ed.pub, '--threshold', '2', twice]);
    equal(r.status, 1);
    ok(r.stderr.startsWith('error: suit.duplicate-signer: '), r.stderr);
  });

  it('verdicts exit 1 with their code: untrusted key, rollback, wrong vendor, wrong image, trailing bytes', () => {
    const update = sign([p256.priv], 5);
    const cases: [string[], string][] = [
      [['--trust', other.pub, update], 'suit.untrusted-key'],
      [['--trust', p256.pub, '--installed-seq', '5', update], 'suit.rollback'],
      [['--trust', p256.pub, '--vendor', '00000000-0000-0000-0000-000000000000', update], 'suit.wrong-vendor'],
      [['--trust', p256.pub, '--class', '00000000-0000-0000-0000-000000000000', update], 'suit.wrong-class'],
      [['--trust', p256.pub, update, file('short.bin', new Uint8Array(5999))], 'suit.image-size'],
      [['--trust', p256.pub, update, file('wrong.bin', new Uint8Array(6000))], 'suit.image-digest'],
      [['--trust', p256.pub, update, file('long.hex', `${toHex(imageBytes)}00`)], 'suit.image-too-long'],
      [['--trust', p256.pub, file('trailing.suit', new Uint8Array([...runCli(['firmware', 'sign', '--key', p256.priv, '--seq', '1', '--vendor', VENDOR, '--class', CLASS, image]).stdout, 0]))], 'cbor.trailing'],
    ];
    for (const [args, code] of cases) {
      const r = runCli(['firmware', 'verify', ...args]);
      equal(r.status, 1, `${code}: ${r.stderr}`);
      ok(r.stderr.startsWith(`error: ${code}: `), r.stderr);
    }
  });

  it('--trust takes a JSON array of {kid, jwk} and {kid, pem}; integrated images are checked from the envelope', () => {
    const trust = file('trust.json', JSON.stringify([{ kid: 'author-ed', jwk: ed.jwk }, { kid: 'author-p256', pem: readFileSync(p256.pub, 'utf8') }]));
    const integrated = sign([ed.priv], 9, ['--integrated']);
    const r = runCli(['firmware', 'verify', '--trust', trust, integrated]);
    equal(r.status, 0, r.stderr);
    equal(r.stdout.toString(), 'ok seq=9 signers=1/2 image=checked\n');
  });

  it('inspect prints diagnostic notation with severed members and integrated payloads marked', () => {
    const r = runCli(['firmware', 'inspect', file('example2.suit', exampleEnvelope(2))]);
    equal(r.status, 0, r.stderr);
    const text = r.stdout.toString();
    ok(text.startsWith('107({'), 'tag 107');
    ok(text.includes('/ install / 20 / severed: SUIT_Digest of the member /'), 'severed in the manifest');
    ok(text.includes('/ install / 20 / severed member, carried in the envelope /'), 'carried in the envelope');
    ok(text.includes('/ manifest-sequence-number / 2: 2'), 'manifest opened');
    const integrated = runCli(['firmware', 'inspect', sign([ed.priv], 4, ['--integrated'])]).stdout.toString();
    ok(integrated.includes('"#firmware" / integrated payload, 6000 bytes /'), integrated.slice(-300));
  });

  it('usage errors exit 2, missing files exit 3', () => {
    equal(runCli(['firmware']).status, 2);
    equal(runCli(['firmware', 'sign', '--key', p256.priv, '--seq', '-1', '--vendor', VENDOR, '--class', CLASS, image]).status, 2);
    equal(runCli(['firmware', 'sign', '--key', p256.priv, '--seq', '1', '--vendor', 'not-a-uuid', '--class', CLASS, image]).status, 2);
    equal(runCli(['firmware', 'verify', examplesKey]).status, 2);
    equal(runCli(['firmware', 'verify', '--trust', examplesKey, '--threshold', '2', examplesKey]).status, 2, 'k above the trusted keys');
    equal(runCli(['firmware', 'verify', '--trust', join(dir, 'missing.pem'), examplesKey]).status, 3);
    equal(runCli(['firmware', 'inspect', join(dir, 'missing.suit')]).status, 3);
  });
});
