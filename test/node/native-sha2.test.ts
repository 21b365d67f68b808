// The device images' @stablelib/sha256 and @stablelib/sha512 are adapters over
// the SDK's native Digest (hosts/moddable/crypto/native-sha256.ts,
// native-sha512.ts, native-digest.ts). Here they are built as the images build
// them (tools/firmware/closure.ts substitutes the package names), with the
// real @stablelib/ed25519, hmac and hkdf importing them, and the SDK's `crypt`
// replaced by a Digest on node:crypto with the same interface
// (test/support/fake-crypt.ts). Everything must equal @stablelib's, @noble's
// and node:crypto's own results.
import { build } from 'esbuild';
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { hkdf as nobleHkdf } from '@noble/hashes/hkdf.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import * as stableEd25519 from '@stablelib/ed25519';
import type { SerializableHash } from '@stablelib/hash';
import { HKDF as StableHKDF } from '@stablelib/hkdf';
import { hmac as stableHmac } from '@stablelib/hmac';
import * as stableSha256 from '@stablelib/sha256';
import * as stableSha512 from '@stablelib/sha512';
import { DEVICE_ESM_OPTIONS, DEVICE_PACKAGE_MODULES, moddablePlugin, TARGETS } from '../../tools/firmware/closure';
import { PRODUCTS, productGraph } from '../../tools/firmware/modules';
import { deepEqual, equal, ok } from '../support/assert';
import { FAKE_CRYPT_SOURCE } from '../support/fake-crypt';
import { PROJECT_ROOT } from '../support/source-files';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

type HashClass = new () => SerializableHash;

interface Device {
  sha256: (data: Uint8Array) => Uint8Array;
  sha512: (data: Uint8Array) => Uint8Array;
  SHA256: HashClass;
  SHA512: HashClass;
  DIGEST_LENGTH_256: number;
  BLOCK_SIZE_256: number;
  DIGEST_LENGTH_512: number;
  BLOCK_SIZE_512: number;
  hmac: typeof stableHmac;
  HKDF: typeof StableHKDF;
  ed: typeof stableEd25519;
  hashes: typeof import('../../hosts/moddable/crypto/hashes');
  randomBytes: (length: number, prng?: { isAvailable: boolean; randomBytes(n: number): Uint8Array }) => Uint8Array;
}

const ENTRY = `export { hash as sha256, SHA256, DIGEST_LENGTH as DIGEST_LENGTH_256, BLOCK_SIZE as BLOCK_SIZE_256 } from '@stablelib/sha256';
export { hash as sha512, SHA512, DIGEST_LENGTH as DIGEST_LENGTH_512, BLOCK_SIZE as BLOCK_SIZE_512 } from '@stablelib/sha512';
export { hmac } from '@stablelib/hmac';
export { HKDF } from '@stablelib/hkdf';
export * as ed from '@stablelib/ed25519';
export * as hashes from './hosts/moddable/crypto/hashes';
export { randomBytes } from '@stablelib/random';`;

async function bundled(): Promise<{ device: Device; inputs: string[] }> {
  const result = await build({
    ...DEVICE_ESM_OPTIONS,
    stdin: { contents: ENTRY, resolveDir: PROJECT_ROOT, sourcefile: 'native-sha2-entry.js', loader: 'js' },
    absWorkingDir: PROJECT_ROOT,
    external: ['node:crypto'],
    plugins: [moddablePlugin(PROJECT_ROOT, 'lin', { crypt: FAKE_CRYPT_SOURCE })],
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`;
  return { device: (await import(url)) as Device, inputs: Object.keys(result.metafile.inputs) };
}

/** How many native digests the device code closed since the last call. */
function nativeDigests(): number {
  const g = globalThis as { nativeDigests?: number };
  const n = g.nativeDigests ?? 0;
  g.nativeDigests = 0;
  return n;
}

describe('device images: @stablelib/sha256 and sha512 over the native Digest', () => {
  let loaded: Promise<{ device: Device; inputs: string[] }> | undefined;
  const device = async (): Promise<Device> => (await (loaded ??= bundled())).device;

  it('the substitution replaces both packages, and the images carry no @stablelib SHA-2 code on any target', async () => {
    const { inputs } = await (loaded ??= bundled());
    for (const file of Object.values(DEVICE_PACKAGE_MODULES)) ok(inputs.includes(file), file);
    equal(inputs.filter((f) => /@stablelib\/(sha256|sha512|random)\//.test(f)).join(', '), '');
    for (const product of PRODUCTS) {
      for (const target of TARGETS) {
        const { modules } = await productGraph(PROJECT_ROOT, product, target);
        equal(modules.get('@stablelib/sha256'), DEVICE_PACKAGE_MODULES['@stablelib/sha256'], `${product} on ${target}`);
        equal(modules.get('@stablelib/sha512'), DEVICE_PACKAGE_MODULES['@stablelib/sha512'], `${product} on ${target}`);
        equal([...modules.values()].filter((f) => /@stablelib\/sha(256|512)\//.test(f)).join(', '), '', `${product} on ${target}`);
      }
    }
  });

  it('exports the constants and class shape of the packages it replaces', async () => {
    const d = await device();
    equal(d.DIGEST_LENGTH_256, stableSha256.DIGEST_LENGTH);
    equal(d.BLOCK_SIZE_256, stableSha256.BLOCK_SIZE);
    equal(d.DIGEST_LENGTH_512, stableSha512.DIGEST_LENGTH);
    equal(d.BLOCK_SIZE_512, stableSha512.BLOCK_SIZE);
    for (const [Native, Stable] of [
      [d.SHA256, stableSha256.SHA256],
      [d.SHA512, stableSha512.SHA512],
    ] as const) {
      const n = new Native();
      const s = new Stable();
      equal(n.digestLength, s.digestLength);
      equal(n.blockSize, s.blockSize);
    }
  });

  it('digests: FIPS 180-2 "abc", and random lengths around the block sizes, one-shot and incremental', async () => {
    const d = await device();
    equal(hex(d.sha256(utf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    equal(hex(d.sha512(utf8('abc'))), 'ddaf35a193617abacc417349ae204131' + '12e6fa4e89a97ea20a9eeee64b55d39a' + '2192992a274fc1a836ba3c23a3feebbd' + '454d4423643ce80e2a9ac94fa54ca49f');
    nativeDigests();
    for (const n of [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000, 4096]) {
      const data = bytes(n);
      equal(hex(d.sha256(data)), hex(nobleSha256(data)), `sha256 ${n}`);
      equal(hex(d.sha512(data)), hex(nobleSha512(data)), `sha512 ${n}`);
      equal(hex(d.sha256(data)), hex(stableSha256.hash(data)), `stablelib sha256 ${n}`);
      // Incremental, fed in pieces of random views; finish twice gives the same digest.
      const h = new d.SHA512();
      let at = 0;
      while (at < n) {
        const step = Math.min(n - at, 1 + (randomBytes(1)[0] % 150));
        h.update(data.subarray(at, at + step));
        at += step;
      }
      const out = new Uint8Array(64);
      h.finish(out);
      equal(hex(out), createHash('sha512').update(data).digest('hex'), `incremental sha512 ${n}`);
      const again = new Uint8Array(64);
      h.finish(again);
      equal(hex(again), hex(out));
      h.reset();
      equal(hex(h.update(data).digest()), hex(out), `reset then again ${n}`);
      h.clean();
      equal(hex(h.digest()), hex(nobleSha512(new Uint8Array(0))), 'clean leaves an empty hash');
    }
    ok(nativeDigests() >= 14 * 4, 'every digest came from the native Digest');
  });

  it('refuses to update a finished hash, and to save state beyond one block', async () => {
    const d = await device();
    const h = new d.SHA256();
    h.update(bytes(3)).digest();
    let code = '';
    try {
      h.update(bytes(1));
    } catch (e) {
      code = (e as { code?: string }).code ?? '';
    }
    equal(code, 'crypto.unsupported');
    const big = new d.SHA256();
    big.update(bytes(65));
    code = '';
    try {
      big.saveState();
    } catch (e) {
      code = (e as { code?: string }).code ?? '';
    }
    equal(code, 'crypto.unsupported');
  });

  it('HMAC-SHA-256 / SHA-512: RFC 4231 cases 2 and 6 (key longer than a block), random keys and data', async () => {
    const d = await device();
    const jefe = utf8('Jefe');
    const want = utf8('what do ya want for nothing?');
    equal(hex(d.hmac(d.SHA256, jefe, want)), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    const longKey = new Uint8Array(131).fill(0xaa);
    const first = utf8('Test Using Larger Than Block-Size Key - Hash Key First');
    equal(hex(d.hmac(d.SHA256, longKey, first)), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
    equal(
      hex(d.hmac(d.SHA512, longKey, first)),
      '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352' + '6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
    );
    for (const k of [0, 1, 32, 64, 65, 128, 129, 200]) {
      const key = bytes(k);
      const data = bytes(k * 3 + 1);
      equal(hex(d.hmac(d.SHA256, key, data)), hex(nobleHmac(nobleSha256, key, data)), `hmac256 key ${k}`);
      equal(hex(d.hmac(d.SHA512, key, data)), hex(stableHmac(stableSha512.SHA512, key, data)), `hmac512 key ${k}`);
      equal(hex(d.hmac(d.SHA512, key, data)), createHmac('sha512', key).update(data).digest('hex'), `node hmac512 key ${k}`);
    }
  });

  it('HKDF-SHA-256 (restores the keyed HMAC state every block): RFC 5869 A.1, A.3, and random inputs up to 255 blocks', async () => {
    const d = await device();
    const a1 = new d.HKDF(d.SHA256, unhex('0b'.repeat(22)), unhex('000102030405060708090a0b0c'), unhex('f0f1f2f3f4f5f6f7f8f9')).expand(42);
    equal(hex(a1), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
    const a3 = new d.HKDF(d.SHA256, unhex('0b'.repeat(22)), undefined, new Uint8Array(0)).expand(42);
    equal(hex(a3), '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
    for (const [ikmLen, saltLen, infoLen, length] of [
      [1, 0, 0, 1],
      [32, 32, 10, 32],
      [80, 200, 300, 255 * 32],
      [16, 64, 0, 100],
    ]) {
      const ikm = bytes(ikmLen);
      const salt = bytes(saltLen);
      const info = bytes(infoLen);
      const got = new d.HKDF(d.SHA256, ikm, salt, info).expand(length);
      equal(hex(got), hex(nobleHkdf(nobleSha256, ikm, salt, info, length)), `hkdf ${length}`);
      equal(hex(got), Buffer.from(hkdfSync('sha256', ikm, salt, info, length)).toString('hex'), `node hkdf ${length}`);
      equal(hex(new d.HKDF(d.SHA512, ikm, salt, info).expand(length)), hex(new StableHKDF(stableSha512.SHA512, ikm, salt, info).expand(length)), `hkdf512 ${length}`);
    }
  });

  it('Ed25519 through @stablelib/ed25519 on the native SHA-512: RFC 8032 section 7.1 tests 1 and 2, random seeds and messages', async () => {
    const d = await device();
    const vectors = [
      {
        seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
        pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
        msg: '',
        sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      },
      {
        seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
        pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
        msg: '72',
        sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
      },
    ];
    for (const v of vectors) {
      const pair = d.ed.generateKeyPairFromSeed(unhex(v.seed));
      equal(hex(pair.publicKey), v.pub);
      equal(hex(d.ed.sign(pair.secretKey, unhex(v.msg))), v.sig);
      equal(d.ed.verify(pair.publicKey, unhex(v.msg), unhex(v.sig)), true);
    }
    nativeDigests();
    for (let i = 0; i < 8; i++) {
      const seed = bytes(32);
      const msg = bytes(i * 37);
      const pair = d.ed.generateKeyPairFromSeed(seed);
      const sig = d.ed.sign(pair.secretKey, msg);
      equal(hex(pair.publicKey), hex(ed25519.getPublicKey(seed)));
      equal(hex(sig), hex(ed25519.sign(msg, seed)));
      equal(hex(sig), hex(stableEd25519.sign(stableEd25519.generateKeyPairFromSeed(seed).secretKey, msg)));
      equal(d.ed.verify(pair.publicKey, msg, sig), true);
      const bad = sig.slice();
      bad[i] ^= 1;
      equal(d.ed.verify(pair.publicKey, msg, bad), false);
    }
    // Key generation, two signing hashes, one verification hash (and one for the tampered signature) per round.
    ok(nativeDigests() >= 8 * 4, 'Ed25519 hashed with the native Digest');
  });

  it('crypto/hashes.ts (the device firmware/crypto/hashes) equals @noble on the adapters', async () => {
    const { hashes } = await device();
    for (const n of [0, 33, 64, 200]) {
      const data = bytes(n);
      const key = bytes(n % 70);
      equal(hex(hashes.sha256(data)), hex(nobleSha256(data)));
      equal(hex(hashes.sha512(data)), hex(nobleSha512(data)));
      const stream = hashes.sha256Create();
      stream.update(data.subarray(0, n >> 1));
      stream.update(data.subarray(n >> 1));
      equal(hex(stream.digest()), hex(nobleSha256(data)));
      equal(hex(hashes.hmacSha256(key, data)), hex(nobleHmac(nobleSha256, key, data)));
      equal(hex(hashes.hmacSha512(key, data)), hex(nobleHmac(nobleSha512, key, data)));
      equal(hex(hashes.hkdfSha256(data, undefined, key, 77)), hex(nobleHkdf(nobleSha256, data, undefined, key, 77)));
    }
    const stream = hashes.sha256Create();
    stream.update(utf8('a'));
    stream.update(utf8('bc'));
    deepEqual([...stream.digest()], [...nobleSha256(utf8('abc'))]);
  });

  it('@stablelib/random on the devices: no default source (crypto.unsupported), a given source is used', async () => {
    const d = await device();
    const code = (fn: () => unknown): string => {
      try {
        fn();
        return '';
      } catch (e) {
        return (e as { code?: string }).code ?? 'not a TinydidError';
      }
    };
    equal(code(() => d.randomBytes(32)), 'crypto.unsupported');
    equal(code(() => d.ed.generateKeyPair()), 'crypto.unsupported');
    const fixed = bytes(32);
    deepEqual([...d.randomBytes(32, { isAvailable: true, randomBytes: (n) => fixed.slice(0, n) })], [...fixed]);
    const pair = d.ed.generateKeyPair({ isAvailable: true, randomBytes: (n) => fixed.slice(0, n) });
    equal(hex(pair.publicKey), hex(ed25519.getPublicKey(fixed)));
  });
});
