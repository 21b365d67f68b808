// The device images' crypto suite (hosts/moddable/device-suite.ts) must stay
// byte-equal with the portable suite for everything it implements, and refuse
// the AES algorithms it leaves out with `crypto.unsupported`.
import { randomBytes } from 'node:crypto';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { isTinydidError } from '../../firmware/errors/tinydid-error';
import { deviceSuite } from '../../hosts/moddable/device-suite';
import { equal, ok } from '../support/assert';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

function throwsCode(fn: () => unknown, code: string): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    return isTinydidError(e) && e.code === code;
  }
}

describe('manifests: device crypto suite matches the portable suite', () => {
  it('hashes, MACs and HKDF', () => {
    for (const n of [0, 1, 55, 64, 1000]) {
      const data = bytes(n);
      equal(hex(deviceSuite.sha256(data)), hex(portableSuite.sha256(data)));
      equal(hex(deviceSuite.sha512(data)), hex(portableSuite.sha512(data)));
      equal(hex(deviceSuite.sha256Stream().update(data).update(data).digest()), hex(portableSuite.sha256Stream().update(data).update(data).digest()));
      const key = bytes(32);
      equal(hex(deviceSuite.hmacSha256(key, data)), hex(portableSuite.hmacSha256(key, data)));
      equal(hex(deviceSuite.hkdfSha256(data, key, bytes(0), 42)), hex(portableSuite.hkdfSha256(data, key, bytes(0), 42)));
    }
  });

  it('ChaCha20/Poly1305 and XChaCha20/Poly1305 both ways', () => {
    for (const alg of ['chacha20-poly1305', 'xchacha20-poly1305'] as const) {
      const key = bytes(32);
      const nonce = bytes(alg === 'chacha20-poly1305' ? 12 : 24);
      const pt = bytes(77);
      const aad = bytes(9);
      const sealed = deviceSuite.aeadSeal(alg, key, nonce, pt, aad);
      equal(hex(sealed), hex(portableSuite.aeadSeal(alg, key, nonce, pt, aad)));
      equal(hex(deviceSuite.aeadOpen(alg, key, nonce, sealed, aad)), hex(pt));
      sealed[0] ^= 1;
      ok(throwsCode(() => deviceSuite.aeadOpen(alg, key, nonce, sealed, aad), 'crypto.bad-tag'));
    }
  });

  it('curves: X25519, P-256, signature checks', () => {
    const a = bytes(32);
    const b = bytes(32);
    equal(hex(deviceSuite.x25519PublicKey(a)), hex(portableSuite.x25519PublicKey(a)));
    equal(hex(deviceSuite.x25519(a, portableSuite.x25519PublicKey(b))), hex(portableSuite.x25519(a, portableSuite.x25519PublicKey(b))));
    ok(throwsCode(() => deviceSuite.x25519(a, new Uint8Array(32)), 'crypto.bad-key'));
    const p = portableSuite.p256PublicKey(a);
    equal(hex(deviceSuite.p256PublicKey(a)), hex(p));
    equal(hex(deviceSuite.p256Ecdh(b, p)), hex(portableSuite.p256Ecdh(b, p)));
    equal(deviceSuite.ed25519Verify(new Uint8Array(64), bytes(3), new Uint8Array(32)), false);
  });

  it('refuses the AES algorithms with crypto.unsupported', () => {
    for (const alg of ['aes-128-gcm', 'aes-256-gcm', 'aes-256-cbc-hmac-sha512'] as const) {
      ok(throwsCode(() => deviceSuite.aeadSeal(alg, bytes(32), bytes(12), bytes(1), bytes(0)), 'crypto.unsupported'), alg);
    }
    ok(throwsCode(() => deviceSuite.aesKeyWrap(bytes(32), bytes(32)), 'crypto.unsupported'));
    ok(throwsCode(() => deviceSuite.aesKeyUnwrap(bytes(32), bytes(40)), 'crypto.unsupported'));
  });
});
