// The device images' crypto suite (hosts/moddable/device-suite.ts) as the
// images carry it: built through the device module substitution
// (tools/firmware/closure.ts: firmware/crypto/{curves,hashes,ciphers} ->
// hosts/moddable/crypto, @stablelib). It must stay byte-equal with the
// portable suite for everything it implements, and refuse what it leaves out
// (AES, P-256, XChaCha20) with `crypto.unsupported`. The device image closures
// hold no @noble file and not the portable suite.
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { DEVICE_ESM_OPTIONS, moddablePlugin, TARGETS } from '../../tools/firmware/closure';
import { PRODUCTS, productGraph } from '../../tools/firmware/modules';
import { equal, ok } from '../support/assert';
import { FAKE_CRYPT_SOURCE } from '../support/fake-crypt';
import { PROJECT_ROOT } from '../support/source-files';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** The code of the error `fn` throws ('' when it returns); the bundle has its own TinydidError class. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'not a TinydidError';
  }
}

async function bundledDeviceSuite(): Promise<{ suite: CryptoSuite; inputs: string[] }> {
  const result = await build({
    ...DEVICE_ESM_OPTIONS,
    entryPoints: [`${PROJECT_ROOT}/hosts/moddable/device-suite.ts`],
    absWorkingDir: PROJECT_ROOT,
    // SHA-2 is the SDK's native Digest on the devices (hosts/moddable/crypto/native-sha*.ts): node:crypto stands in.
    external: ['node:crypto'],
    plugins: [moddablePlugin(PROJECT_ROOT, 'lin', { crypt: FAKE_CRYPT_SOURCE })],
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`;
  const mod = (await import(url)) as { deviceSuite: CryptoSuite };
  return { suite: mod.deviceSuite, inputs: Object.keys(result.metafile.inputs) };
}

describe('manifests: device crypto suite matches the portable suite', () => {
  let bundled: Promise<{ suite: CryptoSuite; inputs: string[] }> | undefined;
  const device = (): Promise<{ suite: CryptoSuite; inputs: string[] }> => (bundled ??= bundledDeviceSuite());

  it('is built from the @stablelib substitutes, without @noble', async () => {
    const { inputs } = await device();
    for (const m of ['curves', 'hashes', 'ciphers']) {
      ok(inputs.includes(`hosts/moddable/crypto/${m}.ts`), m);
      ok(!inputs.includes(`firmware/crypto/${m}.ts`), m);
    }
    equal(inputs.filter((f) => f.includes('@noble/')).join(', '), '');
  });

  it('hashes, MACs and HKDF', async () => {
    const deviceSuite = (await device()).suite;
    for (const n of [0, 1, 55, 64, 1000]) {
      const data = bytes(n);
      equal(hex(deviceSuite.sha256(data)), hex(portableSuite.sha256(data)));
      equal(hex(deviceSuite.sha512(data)), hex(portableSuite.sha512(data)));
      equal(hex(deviceSuite.sha256Stream().update(data).update(data).digest()), hex(portableSuite.sha256Stream().update(data).update(data).digest()));
      const key = bytes(32);
      equal(hex(deviceSuite.hmacSha256(key, data)), hex(portableSuite.hmacSha256(key, data)));
      equal(hex(deviceSuite.hkdfSha256(data, key, bytes(0), 42)), hex(portableSuite.hkdfSha256(data, key, bytes(0), 42)));
      equal(hex(deviceSuite.hkdfSha256(data, undefined, key, 42)), hex(portableSuite.hkdfSha256(data, undefined, key, 42)));
    }
  });

  it('ChaCha20/Poly1305 both ways; XChaCha20/Poly1305 refused', async () => {
    const deviceSuite = (await device()).suite;
    const key = bytes(32);
    const nonce = bytes(12);
    const pt = bytes(77);
    const aad = bytes(9);
    const sealed = deviceSuite.aeadSeal('chacha20-poly1305', key, nonce, pt, aad);
    equal(hex(sealed), hex(portableSuite.aeadSeal('chacha20-poly1305', key, nonce, pt, aad)));
    equal(hex(deviceSuite.aeadOpen('chacha20-poly1305', key, nonce, sealed, aad)), hex(pt));
    sealed[0] ^= 1;
    equal(codeOf(() => deviceSuite.aeadOpen('chacha20-poly1305', key, nonce, sealed, aad)), 'crypto.bad-tag');
    equal(codeOf(() => deviceSuite.aeadOpen('chacha20-poly1305', key, nonce, sealed.subarray(0, 15), aad)), 'crypto.bad-tag');
    equal(codeOf(() => deviceSuite.aeadSeal('xchacha20-poly1305', key, bytes(24), pt, aad)), 'crypto.unsupported');
    equal(codeOf(() => deviceSuite.aeadOpen('xchacha20-poly1305', key, bytes(24), sealed, aad)), 'crypto.unsupported');
  });

  it('curves: X25519 and Ed25519 equal; P-256 refused', async () => {
    const deviceSuite = (await device()).suite;
    const a = bytes(32);
    const b = bytes(32);
    equal(hex(deviceSuite.x25519PublicKey(a)), hex(portableSuite.x25519PublicKey(a)));
    equal(hex(deviceSuite.x25519(a, portableSuite.x25519PublicKey(b))), hex(portableSuite.x25519(a, portableSuite.x25519PublicKey(b))));
    equal(codeOf(() => deviceSuite.x25519(a, new Uint8Array(32))), 'crypto.bad-key');
    equal(codeOf(() => portableSuite.x25519(a, new Uint8Array(32))), 'crypto.bad-key');
    equal(deviceSuite.ed25519Verify(new Uint8Array(64), bytes(3), new Uint8Array(32)), false);
    equal(codeOf(() => deviceSuite.p256PublicKey(a)), 'crypto.unsupported');
    equal(codeOf(() => deviceSuite.p256Ecdh(b, portableSuite.p256PublicKey(a))), 'crypto.unsupported');
    equal(codeOf(() => deviceSuite.p256Verify(new Uint8Array(64), bytes(3), portableSuite.p256PublicKey(a))), 'crypto.unsupported');
  });

  it('refuses the AES algorithms with crypto.unsupported', async () => {
    const deviceSuite = (await device()).suite;
    for (const alg of ['aes-128-gcm', 'aes-256-gcm', 'aes-256-cbc-hmac-sha512'] as const) {
      equal(codeOf(() => deviceSuite.aeadSeal(alg, bytes(32), bytes(12), bytes(1), bytes(0))), 'crypto.unsupported', alg);
    }
    equal(codeOf(() => deviceSuite.aesKeyWrap(bytes(32), bytes(32))), 'crypto.unsupported');
    equal(codeOf(() => deviceSuite.aesKeyUnwrap(bytes(32), bytes(40))), 'crypto.unsupported');
  });

  for (const product of PRODUCTS) {
    it(`${product}: the image closure holds no @noble file and not the portable suite, on every target`, async () => {
      for (const target of TARGETS) {
        const files = [...(await productGraph(PROJECT_ROOT, product, target)).modules.values()];
        equal(files.filter((f) => f.includes('@noble/') || f === 'firmware/crypto/portable-suite.ts').join(', '), '', `${product} on ${target}`);
        for (const m of ['curves', 'hashes', 'ciphers']) ok(files.includes(`hosts/moddable/crypto/${m}.ts`), `${product} on ${target}: ${m}`);
      }
    });
  }
});
