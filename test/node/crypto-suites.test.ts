// Differential test: the Node host's suite and the portable suite give the same
// bytes for the same inputs (DESIGN section 3).
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { randomBytes } from 'node:crypto';
import { toHex } from '../../firmware/bytes/hex';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import type { AeadAlgorithm } from '../../firmware/crypto/suite';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { equal } from '../support/assert';

const rnd = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

describe('crypto suites: node equals portable', () => {
  it('hashes, HMAC and HKDF', () => {
    for (let i = 0; i < 20; i++) {
      const data = rnd(i * 37);
      equal(toHex(nodeSuite.sha256(data)), toHex(portableSuite.sha256(data)));
      equal(toHex(nodeSuite.sha512(data)), toHex(portableSuite.sha512(data)));
      equal(toHex(nodeSuite.hmacSha256(data, data)), toHex(portableSuite.hmacSha256(data, data)));
      const salt = i % 2 ? rnd(32) : undefined;
      const ikm = rnd(32);
      const info = rnd(i);
      equal(toHex(nodeSuite.hkdfSha256(ikm, salt, info, 32 + i)), toHex(portableSuite.hkdfSha256(ikm, salt, info, 32 + i)));
    }
  });
  it('AEADs both ways', () => {
    const algs: [AeadAlgorithm, number, number][] = [
      ['chacha20-poly1305', 32, 12], ['xchacha20-poly1305', 32, 24], ['aes-128-gcm', 16, 12], ['aes-256-gcm', 32, 12], ['aes-256-cbc-hmac-sha512', 64, 16],
    ];
    for (const [alg, k, n] of algs) {
      for (let i = 0; i < 5; i++) {
        const key = rnd(k), nonce = rnd(n), pt = rnd(i * 29), aad = rnd(i * 3);
        const a = nodeSuite.aeadSeal(alg, key, nonce, pt, aad);
        equal(toHex(a), toHex(portableSuite.aeadSeal(alg, key, nonce, pt, aad)), alg);
        equal(toHex(portableSuite.aeadOpen(alg, key, nonce, a, aad)), toHex(pt));
        equal(toHex(nodeSuite.aeadOpen(alg, key, nonce, a, aad)), toHex(pt));
      }
    }
  });
  it('key wrap, X25519, P-256 ECDH', () => {
    for (let i = 0; i < 5; i++) {
      const kek = rnd(i % 2 ? 16 : 32), key = rnd(32);
      equal(toHex(nodeSuite.aesKeyWrap(kek, key)), toHex(portableSuite.aesKeyWrap(kek, key)));
      const s = rnd(32), t = rnd(32);
      equal(toHex(nodeSuite.x25519(s, portableSuite.x25519PublicKey(t))), toHex(portableSuite.x25519(s, portableSuite.x25519PublicKey(t))));
      const p = p256.utils.randomSecretKey(), q = p256.utils.randomSecretKey();
      equal(toHex(nodeSuite.p256Ecdh(p, portableSuite.p256PublicKey(q))), toHex(portableSuite.p256Ecdh(p, portableSuite.p256PublicKey(q))));
    }
  });
  it('signature verification agrees on valid and tampered signatures', () => {
    for (let i = 0; i < 10; i++) {
      const msg = rnd(i * 11);
      const edKey = rnd(32);
      const edSig = ed25519.sign(msg, edKey);
      const edPub = ed25519.getPublicKey(edKey);
      const pKey = p256.utils.randomSecretKey();
      const pSig = p256.sign(msg, pKey, { prehash: true, format: 'compact' });
      const pPub = p256.getPublicKey(pKey, i % 2 === 0);
      for (const tamper of [false, true]) {
        const e = Uint8Array.from(edSig), p = Uint8Array.from(pSig);
        if (tamper) { e[i % 64] ^= 1; p[i % 64] ^= 1; }
        equal(nodeSuite.ed25519Verify(e, msg, edPub), !tamper);
        equal(portableSuite.ed25519Verify(e, msg, edPub), !tamper);
        equal(nodeSuite.p256Verify(p, msg, pPub), !tamper);
        equal(portableSuite.p256Verify(p, msg, pPub), !tamper);
      }
    }
  });
});
