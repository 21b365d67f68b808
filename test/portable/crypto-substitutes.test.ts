// The device images replace firmware/crypto/{curves,hashes,ciphers} (@noble)
// with hosts/moddable/crypto/{curves,hashes,ciphers} (@stablelib). Both must
// give the same bytes for everything the devices use, reject the same
// tampered inputs, and the device side must refuse what it leaves out with
// `crypto.unsupported`. Runs on Node and on the XS lane.
import { ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import * as fwCiphers from '../../firmware/crypto/ciphers';
import * as fwCurves from '../../firmware/crypto/curves';
import * as fwHashes from '../../firmware/crypto/hashes';
import { isTinydidError } from '../../firmware/errors/tinydid-error';
import * as devCiphers from '../../hosts/moddable/crypto/ciphers';
import * as devCurves from '../../hosts/moddable/crypto/curves';
import * as devHashes from '../../hosts/moddable/crypto/hashes';
import { equal, ok, throws } from '../support/assert';
import { vectorText } from '../support/vectors';

const hex = (s: string): Uint8Array => fromHex(s.toLowerCase());

/** Deterministic test bytes: SHA-512 chains of a label (no randomness needed). */
function bytesOf(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let block = fwHashes.sha512(utf8Encode(label));
  for (let i = 0; i < length; i += 64) {
    out.set(block.subarray(0, Math.min(64, length - i)), i);
    block = fwHashes.sha512(block);
  }
  return out;
}

/** 'ok' with the result, or the error's TinydidError code or 'Error'. */
function outcome(fn: () => unknown): string {
  try {
    const r = fn();
    return r instanceof Uint8Array ? `ok ${toHex(r)}` : `ok ${String(r)}`;
  } catch (e) {
    return isTinydidError(e) ? `throws ${e.code}` : 'throws Error';
  }
}

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] ^= 1;
  return copy;
}

/** Little-endian 32-byte integer + n (mod 2^256), for non-canonical S and y encodings. */
function addLe(bytes: Uint8Array, n: bigint): Uint8Array {
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  v = (v + n) & ((1n << 256n) - 1n);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const P = (1n << 255n) - 19n;

function leOf(n: bigint): Uint8Array {
  return addLe(new Uint8Array(32), n);
}

describe('crypto substitutes: device (@stablelib) = firmware (@noble)', () => {
  it('Ed25519 keys and signatures are byte-equal, and the COSE EdDSA vector signs and verifies on both', () => {
    const v = JSON.parse(vectorText('cose/eddsa-examples/eddsa-sig-01.json')) as {
      input: { sign0: { key: { x_hex: string; d_hex: string } } };
      intermediates: { ToBeSign_hex: string };
      output: { cbor_diag: string };
    };
    const seed = hex(v.input.sign0.key.d_hex);
    const message = hex(v.intermediates.ToBeSign_hex);
    const signature = (v.output.cbor_diag.match(/h'([0-9A-F]{128})'/) as RegExpMatchArray)[1].toLowerCase();
    for (const impl of [fwCurves, devCurves]) {
      equal(toHex(impl.ed25519PublicKey(seed)), v.input.sign0.key.x_hex.toLowerCase());
      equal(toHex(impl.ed25519Sign(seed, message, impl.ed25519PublicKey(seed))), signature);
      equal(impl.ed25519Verify(hex(signature), message, hex(v.input.sign0.key.x_hex)), true);
    }
    for (let i = 0; i < 4; i++) {
      const s = bytesOf(`ed25519 seed ${i}`, 32);
      const m = bytesOf(`ed25519 message ${i}`, i * 97);
      const pub = fwCurves.ed25519PublicKey(s);
      equal(toHex(devCurves.ed25519PublicKey(s)), toHex(pub));
      const sig = fwCurves.ed25519Sign(s, m, fwCurves.ed25519PublicKey(s));
      equal(toHex(devCurves.ed25519Sign(s, m, devCurves.ed25519PublicKey(s))), toHex(sig));
      equal(toHex(devCurves.ed25519ToX25519(pub)), toHex(fwCurves.ed25519ToX25519(pub)));
      const cases: [Uint8Array, Uint8Array, Uint8Array][] = [
        [sig, m, pub],
        [flip(sig, i), m, pub],
        [flip(sig, 32 + i), m, pub],
        [sig, m.length > 0 ? flip(m, 0) : new Uint8Array(1), pub],
        [sig, m, flip(pub, i)],
        [sig.subarray(0, 63), m, pub],
        [sig, m, pub.subarray(0, 31)],
        // S + L: the same scalar, not canonical (RFC 8032 section 5.1.7 step 1).
        [Uint8Array.from([...sig.subarray(0, 32), ...addLe(sig.subarray(32), L)]), m, pub],
      ];
      for (const [a, b, c] of cases) equal(devCurves.ed25519Verify(a, b, c), fwCurves.ed25519Verify(a, b, c));
      equal(fwCurves.ed25519Verify(sig, m, pub), true);
      equal(fwCurves.ed25519Verify(flip(sig, 32 + i), m, pub), false);
    }
  });

  it('Ed25519 point checks agree: small-order, non-canonical y, x = 0 with the sign bit, random strings', () => {
    const specials = [
      ...ED25519_TORSION_SUBGROUP.map(hex),
      leOf(P), // y = p (is 0), not canonical
      leOf(P + 1n), // y = p + 1 (is 1), not canonical
      leOf(P - 1n + (1n << 255n)), // y = -1, x = 0 with the sign bit
      leOf(1n + (1n << 255n)), // y = 1, x = 0 with the sign bit
      leOf((1n << 255n) - 1n), // all ones below the sign bit
    ];
    const randoms = Array.from({ length: 40 }, (_, i) => bytesOf(`ed25519 point ${i}`, 32));
    let valid = 0;
    for (const point of [...specials, ...randoms]) {
      const expected = outcome(() => fwCurves.ed25519CheckPoint(point));
      equal(outcome(() => devCurves.ed25519CheckPoint(point)), expected, toHex(point));
      if (expected.startsWith('ok')) {
        valid++;
        equal(outcome(() => devCurves.ed25519ToX25519(point)), outcome(() => fwCurves.ed25519ToX25519(point)), toHex(point));
      }
    }
    ok(valid > 10 && valid < specials.length + randoms.length, `${valid} valid points`);
    // A small-order key verifies nothing on either side, even a signature made to fit it (S = 0, R = A).
    for (const t of ED25519_TORSION_SUBGROUP) {
      const a = hex(t);
      const sig = Uint8Array.from([...a, ...new Uint8Array(32)]);
      equal(fwCurves.ed25519Verify(sig, utf8Encode('x'), a), false, t);
      equal(devCurves.ed25519Verify(sig, utf8Encode('x'), a), false, t);
    }
  });

  it('X25519: RFC 7748 section 5.2 and 6.1 vectors, the COSE X25519 vector, and small-order points', () => {
    const vectors: [string, string, string][] = [
      ['a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4', 'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c', 'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552'],
      ['4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d', 'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493', '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957'],
    ];
    const alice = '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a';
    const bob = '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb';
    for (const impl of [fwCurves, devCurves]) {
      for (const [k, u, out] of vectors) equal(toHex(impl.x25519(hex(k), hex(u))), out);
      equal(toHex(impl.x25519PublicKey(hex(alice))), '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
      equal(toHex(impl.x25519PublicKey(hex(bob))), 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
      equal(toHex(impl.x25519(hex(alice), impl.x25519PublicKey(hex(bob)))), '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
    }
    const cose = JSON.parse(vectorText('cose/X25519-tests/x25519-hkdf-256-direct.json')) as {
      input: { enveloped: { recipients: { key: { d_hex: string } }[] } };
      intermediates: { recipients: { Secret_hex: string }[] };
      output: { cbor_diag: string };
    };
    const epk = (cose.output.cbor_diag.match(/-2: h'([0-9A-F]{64})'/) as RegExpMatchArray)[1];
    const d = hex(cose.input.enveloped.recipients[0].key.d_hex);
    equal(toHex(devCurves.x25519(d, hex(epk))), cose.intermediates.recipients[0].Secret_hex.toLowerCase());
    equal(toHex(fwCurves.x25519(d, hex(epk))), cose.intermediates.recipients[0].Secret_hex.toLowerCase());
    // RFC 7748 section 6.1: points of small order give the all-zero secret; both refuse them.
    const smallOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ];
    for (const u of smallOrder) {
      const scalar = bytesOf(`x25519 ${u}`, 32);
      throws(() => fwCurves.x25519(scalar, hex(u)), 'crypto.bad-key', `noble ${u}`);
      throws(() => devCurves.x25519(scalar, hex(u)), 'crypto.bad-key', `stablelib ${u}`);
    }
    for (let i = 0; i < 8; i++) {
      const a = bytesOf(`x25519 a ${i}`, 32);
      const u = bytesOf(`x25519 u ${i}`, 32); // any 32 bytes: bit 255 masked (section 5)
      equal(toHex(devCurves.x25519PublicKey(a)), toHex(fwCurves.x25519PublicKey(a)));
      equal(outcome(() => devCurves.x25519(a, u)), outcome(() => fwCurves.x25519(a, u)));
    }
    throws(() => devCurves.x25519(new Uint8Array(31), new Uint8Array(32)), 'crypto.bad-key');
    throws(() => fwCurves.x25519(new Uint8Array(31), new Uint8Array(32)), 'crypto.bad-key');
  });

  it('SHA-256 (one shot and incremental), SHA-512, HMAC, HKDF', () => {
    equal(toHex(devHashes.sha256(utf8Encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 5869 appendix A.1.
    const okm = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
    const ikm = hex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
    for (const impl of [fwHashes, devHashes]) equal(toHex(impl.hkdfSha256(ikm, hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42)), okm);
    for (const n of [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000]) {
      const data = bytesOf(`hash ${n}`, n);
      const key = bytesOf(`key ${n}`, n % 3 === 0 ? 32 : n % 3 === 1 ? 64 : 131);
      equal(toHex(devHashes.sha256(data)), toHex(fwHashes.sha256(data)));
      equal(toHex(devHashes.sha512(data)), toHex(fwHashes.sha512(data)));
      equal(toHex(devHashes.hmacSha256(key, data)), toHex(fwHashes.hmacSha256(key, data)));
      equal(toHex(devHashes.hmacSha512(key, data)), toHex(fwHashes.hmacSha512(key, data)));
      for (const salt of [undefined, new Uint8Array(0), key]) {
        equal(toHex(devHashes.hkdfSha256(data, salt, key.subarray(0, 7), 77)), toHex(fwHashes.hkdfSha256(data, salt, key.subarray(0, 7), 77)));
      }
      const d = devHashes.sha256Create();
      const f = fwHashes.sha256Create();
      d.update(data.subarray(0, n >> 1));
      d.update(data.subarray(n >> 1));
      f.update(data);
      equal(toHex(d.digest()), toHex(fwHashes.sha256(data)));
      equal(toHex(f.digest()), toHex(fwHashes.sha256(data)));
    }
    equal(devHashes.hkdfSha256(ikm, undefined, new Uint8Array(0), 255 * 32).length, 255 * 32);
    ok(outcome(() => devHashes.hkdfSha256(ikm, undefined, new Uint8Array(0), 255 * 32 + 1)).startsWith('throws'));
    ok(outcome(() => fwHashes.hkdfSha256(ikm, undefined, new Uint8Array(0), 255 * 32 + 1)).startsWith('throws'));
  });

  it('ChaCha20-Poly1305: the COSE vector, byte-equal seal, open both ways, tag rejection', () => {
    const v = JSON.parse(vectorText('cose/chacha-poly-examples/chacha-poly-01.json')) as {
      input: { plaintext: string; rng_stream: string[] };
      intermediates: { AAD_hex: string; CEK_hex: string };
      output: { cbor_diag: string };
    };
    const sealedHex = (v.output.cbor_diag.match(/, h'([0-9A-F]{40,})'/) as RegExpMatchArray)[1].toLowerCase();
    const key = hex(v.intermediates.CEK_hex);
    const nonce = hex(v.input.rng_stream[0]);
    const aad = hex(v.intermediates.AAD_hex);
    for (const impl of [fwCiphers, devCiphers]) {
      equal(toHex(impl.chacha20Poly1305Seal(key, nonce, utf8Encode(v.input.plaintext), aad)), sealedHex);
      equal(toHex(impl.chacha20Poly1305Open(key, nonce, hex(sealedHex), aad) as Uint8Array), toHex(utf8Encode(v.input.plaintext)));
    }
    for (const n of [0, 1, 15, 16, 17, 64, 65, 300]) {
      const k = bytesOf(`chacha key ${n}`, 32);
      const iv = bytesOf(`chacha nonce ${n}`, 12);
      const pt = bytesOf(`chacha pt ${n}`, n);
      const ad = bytesOf(`chacha aad ${n}`, n % 20);
      const sealed = fwCiphers.chacha20Poly1305Seal(k, iv, pt, ad);
      equal(toHex(devCiphers.chacha20Poly1305Seal(k, iv, pt, ad)), toHex(sealed));
      equal(toHex(devCiphers.chacha20Poly1305Open(k, iv, sealed, ad) as Uint8Array), toHex(pt));
      for (const tampered of [flip(sealed, 0), flip(sealed, sealed.length - 1), sealed.subarray(0, sealed.length - 1), sealed.subarray(0, 15)]) {
        equal(devCiphers.chacha20Poly1305Open(k, iv, tampered, ad), null);
        equal(fwCiphers.chacha20Poly1305Open(k, iv, tampered, ad), null);
      }
      equal(devCiphers.chacha20Poly1305Open(k, iv, sealed, flip(new Uint8Array(ad.length + 1), 0)), null);
      equal(devCiphers.chacha20Poly1305Open(flip(k, 3), iv, sealed, ad), null);
    }
  });

  it('the device side refuses P-256, secp256k1 and XChaCha20 with crypto.unsupported', () => {
    const s = bytesOf('p256', 32);
    const b = new Uint8Array(64);
    const calls: [string, () => unknown][] = [
      ['p256IsValidPrivateKey', () => devCurves.p256IsValidPrivateKey(s)],
      ['p256PublicKey', () => devCurves.p256PublicKey(s)],
      ['p256DecodePoint', () => devCurves.p256DecodePoint(b)],
      ['p256Sign', () => devCurves.p256Sign(s, b)],
      ['p256SignDigest', () => devCurves.p256SignDigest(s, s)],
      ['p256Verify', () => devCurves.p256Verify(b, b, b)],
      ['p256Ecdh', () => devCurves.p256Ecdh(s, b)],
      ['secp256k1DecodePoint', () => devCurves.secp256k1DecodePoint(b)],
      ['secp256k1Verify', () => devCurves.secp256k1Verify(b, b, b)],
      ['xchacha20Poly1305Seal', () => devCiphers.xchacha20Poly1305Seal(s, b.subarray(0, 24), b, b)],
      ['xchacha20Poly1305Open', () => devCiphers.xchacha20Poly1305Open(s, b.subarray(0, 24), b, b)],
    ];
    for (const [name, call] of calls) throws(call, 'crypto.unsupported', name);
    // The firmware side carries them.
    ok(fwCurves.p256IsValidPrivateKey(s));
    equal(fwCurves.p256PublicKey(s).length, 65);
    const x = fwCiphers.xchacha20Poly1305Seal(s, b.subarray(0, 24), b, b);
    equal(toHex(fwCiphers.xchacha20Poly1305Open(s, b.subarray(0, 24), x, b) as Uint8Array), toHex(b));
    equal(fwCiphers.xchacha20Poly1305Open(s, b.subarray(0, 24), flip(x, 0), b), null);
  });
});
