// The crypto suite over node:crypto (OpenSSL), for the simulator and gateways.
// What node:crypto lacks (XChaCha20-Poly1305) comes from the portable suite.
// Differential tests (test/node/crypto-suites.test.ts) keep it byte-equal to
// the portable suite.
import { createCipheriv, createDecipheriv, createECDH, createHash, createHmac, createPublicKey, createPrivateKey, diffieHellman, hkdfSync, verify, type KeyObject } from 'node:crypto';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { AEAD_PARAMETERS, type AeadAlgorithm, type CryptoSuite, type Sha256Stream } from '../../firmware/crypto/suite';

// DER prefixes for raw keys (RFC 8410 section 4 and 7).
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const P256_SPKI_UNCOMPRESSED = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const P256_SPKI_COMPRESSED = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

const GCM: Record<string, string> = { 'aes-128-gcm': 'aes-128-gcm', 'aes-256-gcm': 'aes-256-gcm', 'chacha20-poly1305': 'chacha20-poly1305' };

function u8(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * KeyObjects made from raw keys, kept per suite instance (bounded): importing a
 * key from DER costs more than the X25519 itself. Public keys are looked up by
 * their bytes; private scalars by a SHA-256 of them (the bytes themselves are
 * never kept as a string). Node only: hosts/node is not preloaded into flash.
 */
class KeyObjectCache {
  readonly #objects = new Map<string, KeyObject>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  has(key: string): boolean {
    return this.#objects.has(key);
  }

  get(key: string, make: () => KeyObject): KeyObject {
    let object = this.#objects.get(key);
    if (object === undefined) {
      object = make();
      if (this.#objects.size >= this.#max) this.#objects.clear();
      this.#objects.set(key, object);
    }
    return object;
  }
}

/** A node:crypto suite with its own KeyObject caches (`nodeSuite` is one). */
export function createNodeSuite(options: { cachedKeys?: number } = {}): CryptoSuite {
  const cachedKeys = options.cachedKeys ?? 64;
  const publicKeys = new KeyObjectCache(cachedKeys);
  const privateKeys = new KeyObjectCache(cachedKeys);
  const publicKeyObject = (prefix: Buffer, bytes: Uint8Array): KeyObject =>
    publicKeys.get(`${prefix.length}:${prefix[prefix.length - 1]}:${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}${prefix === ED25519_SPKI ? 'e' : ''}`, () =>
      createPublicKey({ key: Buffer.concat([prefix, bytes]), format: 'der', type: 'spki' }),
    );
  const importX25519 = (scalar: Uint8Array): KeyObject => createPrivateKey({ key: Buffer.concat([X25519_PKCS8, scalar]), format: 'der', type: 'pkcs8' });
  // A scalar is kept as a KeyObject only from its second use on: a static key
  // (the key store's) is, an ephemeral one (used once) never is.
  const seen = new Set<string>();
  const x25519PrivateKey = (scalar: Uint8Array): KeyObject => {
    const id = createHash('sha256').update('tinydid/x25519/').update(scalar).digest('hex');
    if (privateKeys.has(id) || seen.has(id)) return privateKeys.get(id, () => importX25519(scalar));
    if (seen.size >= 4 * cachedKeys) seen.clear();
    seen.add(id);
    return importX25519(scalar);
  };
  const p256Public = (bytes: Uint8Array): KeyObject => {
    const prefix = bytes.length === 65 ? P256_SPKI_UNCOMPRESSED : bytes.length === 33 ? P256_SPKI_COMPRESSED : undefined;
    if (!prefix) throw new TinydidError('crypto.bad-key', 'P-256: public key must be 33 or 65 bytes');
    return publicKeyObject(prefix, bytes);
  };
  return Object.freeze({
  name: 'node',

  sha256: (data: Uint8Array) => u8(createHash('sha256').update(data).digest()),
  sha256Stream(): Sha256Stream {
    const h = createHash('sha256');
    const stream: Sha256Stream = {
      update(data: Uint8Array) {
        h.update(data);
        return stream;
      },
      digest: () => u8(h.digest()),
    };
    return stream;
  },
  sha512: (data: Uint8Array) => u8(createHash('sha512').update(data).digest()),
  hmacSha256: (key: Uint8Array, data: Uint8Array) => u8(createHmac('sha256', key).update(data).digest()),
  hkdfSha256: (ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number) =>
    new Uint8Array(hkdfSync('sha256', ikm, salt ?? new Uint8Array(32), info, length)),

  aeadSeal(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
    const cipher = GCM[alg];
    if (!cipher) return portableSuite.aeadSeal(alg, key, nonce, plaintext, aad);
    const p = AEAD_PARAMETERS[alg];
    if (key.length !== p.keyLength || nonce.length !== p.nonceLength) return portableSuite.aeadSeal(alg, key, nonce, plaintext, aad);
    const c = createCipheriv(cipher as 'aes-256-gcm', key, nonce, { authTagLength: 16 });
    c.setAAD(aad, { plaintextLength: plaintext.length });
    return u8(Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]));
  },
  aeadOpen(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
    const cipher = GCM[alg];
    if (!cipher) return portableSuite.aeadOpen(alg, key, nonce, sealed, aad);
    const p = AEAD_PARAMETERS[alg];
    if (key.length !== p.keyLength || nonce.length !== p.nonceLength) return portableSuite.aeadOpen(alg, key, nonce, sealed, aad);
    if (sealed.length < 16) throw new TinydidError('crypto.bad-tag', `${alg}: shorter than its tag`);
    const d = createDecipheriv(cipher as 'aes-256-gcm', key, nonce, { authTagLength: 16 });
    d.setAAD(aad, { plaintextLength: sealed.length - 16 });
    d.setAuthTag(sealed.subarray(sealed.length - 16));
    try {
      return u8(Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]));
    } catch (cause) {
      throw new TinydidError('crypto.bad-tag', `${alg}: tag mismatch`, { cause });
    }
  },

  aesKeyWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
    if (kek.length !== 16 && kek.length !== 32) throw new TinydidError('crypto.bad-key', 'AES-KW: KEK must be 16 or 32 bytes');
    const c = createCipheriv(kek.length === 16 ? 'id-aes128-wrap' : 'id-aes256-wrap', kek, Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
    return u8(Buffer.concat([c.update(key), c.final()]));
  },
  aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
    if (kek.length !== 16 && kek.length !== 32) throw new TinydidError('crypto.bad-key', 'AES-KW: KEK must be 16 or 32 bytes');
    try {
      const d = createDecipheriv(kek.length === 16 ? 'id-aes128-wrap' : 'id-aes256-wrap', kek, Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
      return u8(Buffer.concat([d.update(wrapped), d.final()]));
    } catch (cause) {
      throw new TinydidError('crypto.unwrap-failed', 'AES-KW: integrity check failed', { cause });
    }
  },

  x25519PublicKey(scalar: Uint8Array): Uint8Array {
    if (!(scalar instanceof Uint8Array) || scalar.length !== 32) return portableSuite.x25519PublicKey(scalar);
    // RFC 8410 section 4: the SPKI of an X25519 key is its 12-byte prefix and the 32 raw bytes.
    return u8(createPublicKey(importX25519(scalar)).export({ format: 'der', type: 'spki' }).subarray(X25519_SPKI.length));
  },
  x25519(scalar: Uint8Array, publicKey: Uint8Array): Uint8Array {
    if (scalar.length !== 32 || publicKey.length !== 32) throw new TinydidError('crypto.bad-key', 'X25519: keys must be 32 bytes');
    let shared: Uint8Array;
    try {
      shared = u8(diffieHellman({
        privateKey: x25519PrivateKey(scalar),
        publicKey: publicKeyObject(X25519_SPKI, publicKey),
      }));
    } catch (cause) {
      // OpenSSL refuses an all-zero result (small-order point), as RFC 7748 section 6.1 allows.
      throw new TinydidError('crypto.bad-key', 'X25519: invalid or small-order public key', { cause });
    }
    if (shared.every((b) => b === 0)) throw new TinydidError('crypto.bad-key', 'X25519: small-order public key');
    return shared;
  },
  p256PublicKey: (privateKey: Uint8Array) => portableSuite.p256PublicKey(privateKey),
  p256Ecdh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
    if (privateKey.length !== 32) throw new TinydidError('crypto.bad-key', 'P-256: private key must be 32 bytes');
    try {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(privateKey);
      return u8(ecdh.computeSecret(publicKey));
    } catch (cause) {
      throw new TinydidError('crypto.bad-key', 'P-256: invalid public key', { cause });
    }
  },

  ed25519Verify(signature: Uint8Array, message: Uint8Array, key: Uint8Array): boolean {
    if (key.length !== 32 || signature.length !== 64) return false;
    try {
      return verify(null, message, publicKeyObject(ED25519_SPKI, key), signature);
    } catch {
      return false;
    }
  },
  p256Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    if (signature.length !== 64) return false;
    try {
      return verify('sha256', message, { key: p256Public(publicKey), dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  },
});
}

/** The suite over node:crypto, for the simulator, the CLI and gateways. */
export const nodeSuite: CryptoSuite = createNodeSuite();
