// The crypto suite of the device images: the portable suite's algorithms
// without AES. @noble/ciphers/aes.js builds its lookup tables when it is
// imported, and on XS those tables take 1.43 MB of chunk heap (measured with
// tools/firmware/footprint.ts) - eleven times the nRF52 budget. Device links
// use ChaCha20/Poly1305 for Curve25519 keys (DESIGN section 4); A256GCM,
// A256KW and A256CBC-HS512 belong to the gateway's JSON side and to P-256
// COSE peers, which this image refuses with `crypto.unsupported`.
// test/node/manifests-device-suite.test.ts keeps it byte-equal with
// firmware/crypto/portable-suite.ts. Portable (no Moddable imports): the
// device main composes the native SHA-256 (sha256.ts) over it.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { ChaCha20Poly1305 } from '@stablelib/chacha20poly1305';
import { assertBytes } from '../../firmware/bytes/check';
import type { AeadAlgorithm, CryptoSuite, Sha256Stream } from '../../firmware/crypto/suite';
import { AEAD_PARAMETERS } from '../../firmware/crypto/suite';
import { TinydidError } from '../../firmware/errors/tinydid-error';

function checkAead(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array): void {
  if (alg !== 'chacha20-poly1305' && alg !== 'xchacha20-poly1305') {
    throw new TinydidError('crypto.unsupported', `${String(alg)} is not in the device image (hosts/moddable/device-suite.ts)`);
  }
  const p = AEAD_PARAMETERS[alg];
  if (!(key instanceof Uint8Array) || key.length !== p.keyLength) throw new TinydidError('crypto.bad-key', `${alg}: key must be ${p.keyLength} bytes`);
  if (!(nonce instanceof Uint8Array) || nonce.length !== p.nonceLength) throw new TinydidError('crypto.bad-key', `${alg}: nonce must be ${p.nonceLength} bytes`);
}

function noAes(what: string): never {
  throw new TinydidError('crypto.unsupported', `${what} is not in the device image (hosts/moddable/device-suite.ts)`);
}

function isAllZero(bytes: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < bytes.length; i++) acc |= bytes[i];
  return acc === 0;
}

export const deviceSuite: CryptoSuite = Object.freeze({
  name: 'device',

  sha256: (data: Uint8Array) => sha256(assertBytes(data, 'sha256')),
  sha256Stream(): Sha256Stream {
    const h = sha256.create();
    const stream: Sha256Stream = {
      update(data: Uint8Array) {
        h.update(assertBytes(data, 'sha256 update'));
        return stream;
      },
      digest: () => h.digest(),
    };
    return stream;
  },
  sha512: (data: Uint8Array) => sha512(assertBytes(data, 'sha512')),
  hmacSha256: (key: Uint8Array, data: Uint8Array) => hmac(sha256, key, data),
  hkdfSha256: (ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number) => hkdf(sha256, ikm, salt, info, length),

  aeadSeal(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
    checkAead(alg, key, nonce);
    return alg === 'chacha20-poly1305' ? new ChaCha20Poly1305(key).seal(nonce, plaintext, aad) : xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
  },
  aeadOpen(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
    checkAead(alg, key, nonce);
    if (sealed.length < 16) throw new TinydidError('crypto.bad-tag', `${alg}: shorter than its tag`);
    if (alg === 'chacha20-poly1305') {
      const opened = new ChaCha20Poly1305(key).open(nonce, sealed, aad);
      if (opened === null) throw new TinydidError('crypto.bad-tag', `${alg}: tag mismatch`);
      return opened;
    }
    try {
      return xchacha20poly1305(key, nonce, aad).decrypt(sealed);
    } catch (cause) {
      throw new TinydidError('crypto.bad-tag', `${alg}: tag mismatch`, { cause });
    }
  },

  aesKeyWrap: (): Uint8Array => noAes('AES key wrap'),
  aesKeyUnwrap: (): Uint8Array => noAes('AES key unwrap'),

  x25519PublicKey: (scalar: Uint8Array) => x25519.getPublicKey(assertBytes(scalar, 'x25519 scalar', 32)),
  x25519(scalar: Uint8Array, publicKey: Uint8Array): Uint8Array {
    assertBytes(scalar, 'x25519 scalar', 32);
    assertBytes(publicKey, 'x25519 public key', 32);
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(scalar, publicKey);
    } catch (cause) {
      throw new TinydidError('crypto.bad-key', 'X25519: invalid public key', { cause });
    }
    // RFC 7748 section 6.1: an all-zero output means a small-order point.
    if (isAllZero(shared)) throw new TinydidError('crypto.bad-key', 'X25519: small-order public key');
    return shared;
  },
  p256PublicKey: (privateKey: Uint8Array) => p256.getPublicKey(assertBytes(privateKey, 'p256 private key', 32), false),
  p256Ecdh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
    assertBytes(privateKey, 'p256 private key', 32);
    try {
      return p256.getSharedSecret(privateKey, publicKey, true).subarray(1);
    } catch (cause) {
      throw new TinydidError('crypto.bad-key', 'P-256: invalid public key', { cause });
    }
  },

  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  p256Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    try {
      return p256.verify(signature, message, publicKey, { prehash: true, lowS: false, format: 'compact' });
    } catch {
      return false;
    }
  },
});
