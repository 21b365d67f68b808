// Known-answer tests for the portable crypto suite, from the specs' own examples.
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { equal, throws } from '../support/assert';

describe('crypto suite (portable): known answers', () => {
  it('SHA-256 / SHA-512 of "abc" (FIPS 180-2), streaming equals one-shot', () => {
    equal(toHex(suite.sha256(utf8Encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    equal(toHex(suite.sha512(utf8Encode('abc'))).slice(0, 32), 'ddaf35a193617abacc417349ae204131');
    equal(toHex(suite.sha256Stream().update(utf8Encode('a')).update(utf8Encode('bc')).digest()), toHex(suite.sha256(utf8Encode('abc'))));
  });
  it('HKDF-SHA-256 (RFC 5869 A.1)', () => {
    const okm = suite.hkdfSha256(fromHex('0b'.repeat(22)), fromHex('000102030405060708090a0b0c'), fromHex('f0f1f2f3f4f5f6f7f8f9'), 42);
    equal(toHex(okm), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });
  it('ChaCha20-Poly1305 (RFC 8439 section 2.8.2)', () => {
    const key = fromHex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
    const nonce = fromHex('070000004041424344454647');
    const aad = fromHex('50515253c0c1c2c3c4c5c6c7');
    const pt = utf8Encode("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
    const sealed = suite.aeadSeal('chacha20-poly1305', key, nonce, pt, aad);
    equal(toHex(sealed.subarray(sealed.length - 16)), '1ae10b594f09e26a7e902ecbd0600691');
    equal(toHex(suite.aeadOpen('chacha20-poly1305', key, nonce, sealed, aad)), toHex(pt));
    sealed[0] ^= 1;
    throws(() => suite.aeadOpen('chacha20-poly1305', key, nonce, sealed, aad), 'crypto.bad-tag');
  });
  it('AES-256 key wrap (RFC 3394 section 4.6)', () => {
    const kek = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const key = fromHex('00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f');
    const wrapped = suite.aesKeyWrap(kek, key);
    equal(toHex(wrapped), '28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21');
    equal(toHex(suite.aesKeyUnwrap(kek, wrapped)), toHex(key));
    wrapped[3] ^= 1;
    throws(() => suite.aesKeyUnwrap(kek, wrapped), 'crypto.unwrap-failed');
  });
  it('A256CBC-HS512 (RFC 7518 appendix B.4)', () => {
    const key = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f');
    const pt = fromHex('41206369706865722073797374656d206d757374206e6f7420626520726571756972656420746f206265207365637265742c20616e64206974206d7573742062652061626c6520746f2066616c6c20696e746f207468652068616e6473206f662074686520656e656d7920776974686f757420696e636f6e76656e69656e6365');
    const iv = fromHex('1af38c2dc2b96ffdd86694092341bc04');
    const aad = fromHex('546865207365636f6e64207072696e6369706c65206f662041756775737465204b6572636b686f666673');
    const sealed = suite.aeadSeal('aes-256-cbc-hmac-sha512', key, iv, pt, aad);
    equal(toHex(sealed.subarray(sealed.length - 32)), '4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5');
    equal(toHex(suite.aeadOpen('aes-256-cbc-hmac-sha512', key, iv, sealed, aad)), toHex(pt));
    sealed[sealed.length - 1] ^= 1;
    throws(() => suite.aeadOpen('aes-256-cbc-hmac-sha512', key, iv, sealed, aad), 'crypto.bad-tag');
  });
  it('X25519 (RFC 7748 section 6.1), small-order points refused', () => {
    const a = fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const b = fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    equal(toHex(suite.x25519PublicKey(a)), '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    equal(toHex(suite.x25519(a, suite.x25519PublicKey(b))), '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
    throws(() => suite.x25519(a, new Uint8Array(32)), 'crypto.bad-key');
  });
  it('P-256 ECDH agrees both ways; ES256 verify rejects a changed message', () => {
    const a = fromHex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
    const b = fromHex('0f7b1b13d9e8e1fb1f24b9a7f6e3f2a0a4b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6');
    equal(toHex(suite.p256Ecdh(a, suite.p256PublicKey(b))), toHex(suite.p256Ecdh(b, suite.p256PublicKey(a))));
    throws(() => suite.p256Ecdh(a, fromHex('04' + '00'.repeat(64))), 'crypto.bad-key');
    equal(suite.p256Verify(new Uint8Array(64), utf8Encode('x'), suite.p256PublicKey(a)), false);
  });
});
