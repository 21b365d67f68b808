// The pure-JavaScript crypto suite over the primitive modules curves.ts,
// hashes.ts and ciphers.ts (audited libraries behind small named functions;
// the device images substitute @stablelib versions), with AES passed in or
// left out. AES is a parameter because @noble/ciphers/aes.js builds 1.43 MB of
// lookup tables on XS when imported: the portable suite (portable-suite.ts)
// passes it, the device images (hosts/moddable/device-suite.ts) do not, and
// refuse the AES algorithms with `crypto.unsupported`.
import { assertBytes } from '../bytes/check';
import { concatBytes } from '../bytes/concat';
import { constantTimeEqual } from '../bytes/equal';
import { TinydidError } from '../errors/tinydid-error';
import { chacha20Poly1305Open, chacha20Poly1305Seal, xchacha20Poly1305Open, xchacha20Poly1305Seal } from './ciphers';
import { ed25519Verify, p256Ecdh, p256PublicKey, p256Verify, x25519, x25519PublicKey } from './curves';
import { hkdfSha256, hmacSha256, hmacSha512, sha256, sha256Create, sha512 } from './hashes';
import { AEAD_PARAMETERS, type AeadAlgorithm, type CryptoSuite, type Sha256Stream } from './suite';

/** AES block modes and key wrap, shaped like @noble/ciphers/aes.js's exports. */
export interface AesCiphers {
  gcm(key: Uint8Array, nonce: Uint8Array, aad?: Uint8Array): { encrypt(data: Uint8Array): Uint8Array; decrypt(data: Uint8Array): Uint8Array };
  cbc(key: Uint8Array, iv: Uint8Array): { encrypt(data: Uint8Array): Uint8Array; decrypt(data: Uint8Array): Uint8Array };
  aeskw(kek: Uint8Array): { encrypt(data: Uint8Array): Uint8Array; decrypt(data: Uint8Array): Uint8Array };
}

const AES_ALGORITHMS: readonly AeadAlgorithm[] = Object.freeze(['aes-128-gcm', 'aes-256-gcm', 'aes-256-cbc-hmac-sha512']);

function checkAead(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, suite: string, aes: AesCiphers | undefined): void {
  const p = AEAD_PARAMETERS[alg];
  if (p === undefined) throw new TinydidError('crypto.unsupported', `AEAD ${String(alg)}`);
  if (aes === undefined && AES_ALGORITHMS.includes(alg)) throw new TinydidError('crypto.unsupported', `${alg} is not in the ${suite} suite`);
  if (!(key instanceof Uint8Array) || key.length !== p.keyLength) throw new TinydidError('crypto.bad-key', `${alg}: key must be ${p.keyLength} bytes`);
  if (!(nonce instanceof Uint8Array) || nonce.length !== p.nonceLength) throw new TinydidError('crypto.bad-key', `${alg}: nonce must be ${p.nonceLength} bytes`);
}

/** AL: the AAD length in bits as a 64-bit big-endian integer (RFC 7518 section 5.2.2.1). */
function aadBitLength(aad: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  const bits = aad.length * 8;
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(bits / 0x100000000));
  view.setUint32(4, bits >>> 0);
  return out;
}

// RFC 7518 section 5.2.2: MAC_KEY is the first half, ENC_KEY the second; T is
// the first 32 bytes of HMAC-SHA-512(A || IV || E || AL).
function cbcHmacSeal(cbc: AesCiphers['cbc'], key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const e = cbc(key.subarray(32), iv).encrypt(plaintext);
  const tag = hmacSha512(key.subarray(0, 32), concatBytes(aad, iv, e, aadBitLength(aad))).subarray(0, 32);
  return concatBytes(e, tag);
}

function cbcHmacOpen(cbc: AesCiphers['cbc'], key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  if (sealed.length < 32 + 16 || (sealed.length - 32) % 16 !== 0) throw new TinydidError('crypto.bad-tag', 'A256CBC-HS512: bad length');
  const e = sealed.subarray(0, sealed.length - 32);
  const tag = hmacSha512(key.subarray(0, 32), concatBytes(aad, iv, e, aadBitLength(aad))).subarray(0, 32);
  if (!constantTimeEqual(tag, sealed.subarray(sealed.length - 32))) throw new TinydidError('crypto.bad-tag', 'A256CBC-HS512: tag mismatch');
  try {
    return cbc(key.subarray(32), iv).decrypt(e);
  } catch (cause) {
    throw new TinydidError('crypto.bad-tag', 'A256CBC-HS512: bad padding', { cause });
  }
}

function aesOf(aes: AesCiphers | undefined, suite: string, what: string): AesCiphers {
  if (aes === undefined) throw new TinydidError('crypto.unsupported', `${what} is not in the ${suite} suite`);
  return aes;
}

/** A pure-JavaScript suite named `name`; without `aes`, the AES algorithms are refused. */
export function createJsSuite(name: string, aes?: AesCiphers): CryptoSuite {
  return Object.freeze({
    name,

    sha256: (data: Uint8Array) => sha256(assertBytes(data, 'sha256')),
    sha256Stream(): Sha256Stream {
      const h = sha256Create();
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
    hmacSha256: (key: Uint8Array, data: Uint8Array) => hmacSha256(key, data),
    hkdfSha256: (ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number) => hkdfSha256(ikm, salt, info, length),

    aeadSeal(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
      checkAead(alg, key, nonce, name, aes);
      switch (alg) {
        case 'chacha20-poly1305':
          return chacha20Poly1305Seal(key, nonce, plaintext, aad);
        case 'xchacha20-poly1305':
          return xchacha20Poly1305Seal(key, nonce, plaintext, aad);
        case 'aes-128-gcm':
        case 'aes-256-gcm':
          return aesOf(aes, name, alg).gcm(key, nonce, aad).encrypt(plaintext);
        case 'aes-256-cbc-hmac-sha512':
          return cbcHmacSeal(aesOf(aes, name, alg).cbc, key, nonce, plaintext, aad);
      }
    },
    aeadOpen(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
      checkAead(alg, key, nonce, name, aes);
      if (alg === 'aes-256-cbc-hmac-sha512') return cbcHmacOpen(aesOf(aes, name, alg).cbc, key, nonce, sealed, aad);
      if (sealed.length < 16) throw new TinydidError('crypto.bad-tag', `${alg}: shorter than its tag`);
      if (alg === 'chacha20-poly1305' || alg === 'xchacha20-poly1305') {
        const opened = alg === 'chacha20-poly1305' ? chacha20Poly1305Open(key, nonce, sealed, aad) : xchacha20Poly1305Open(key, nonce, sealed, aad);
        if (opened === null) throw new TinydidError('crypto.bad-tag', `${alg}: tag mismatch`);
        return opened;
      }
      try {
        return aesOf(aes, name, alg).gcm(key, nonce, aad).decrypt(sealed);
      } catch (cause) {
        throw new TinydidError('crypto.bad-tag', `${alg}: tag mismatch`, { cause });
      }
    },

    aesKeyWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
      const { aeskw } = aesOf(aes, name, 'AES key wrap');
      if (kek.length !== 16 && kek.length !== 32) throw new TinydidError('crypto.bad-key', 'AES-KW: KEK must be 16 or 32 bytes');
      return aeskw(kek).encrypt(key);
    },
    aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
      const { aeskw } = aesOf(aes, name, 'AES key unwrap');
      if (kek.length !== 16 && kek.length !== 32) throw new TinydidError('crypto.bad-key', 'AES-KW: KEK must be 16 or 32 bytes');
      try {
        return aeskw(kek).decrypt(wrapped);
      } catch (cause) {
        throw new TinydidError('crypto.unwrap-failed', 'AES-KW: integrity check failed', { cause });
      }
    },

    x25519PublicKey: (scalar: Uint8Array) => x25519PublicKey(assertBytes(scalar, 'x25519 scalar', 32)),
    x25519(scalar: Uint8Array, publicKey: Uint8Array): Uint8Array {
      // RFC 7748 section 6.1: a small-order public key is `crypto.bad-key`.
      return x25519(assertBytes(scalar, 'x25519 scalar', 32), assertBytes(publicKey, 'x25519 public key', 32));
    },
    p256PublicKey: (privateKey: Uint8Array) => p256PublicKey(assertBytes(privateKey, 'p256 private key', 32)),
    p256Ecdh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
      assertBytes(privateKey, 'p256 private key', 32);
      try {
        return p256Ecdh(privateKey, publicKey);
      } catch (cause) {
        if (cause instanceof TinydidError) throw cause;
        throw new TinydidError('crypto.bad-key', 'P-256: invalid public key', { cause });
      }
    },

    ed25519Verify: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => ed25519Verify(signature, message, publicKey),
    p256Verify: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => p256Verify(signature, message, publicKey),
  });
}
