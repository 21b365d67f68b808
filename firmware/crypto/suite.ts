/**
 * The crypto suite seam (DESIGN section 3): hashing, MACs, KDFs, AEADs, key
 * wrap, and the curve operations that never touch a stored private key
 * (signature verification and ephemeral key agreement). Private-key operations
 * go through the key store (firmware/keys). The portable suite (portable-suite.ts)
 * runs everywhere; a host may supply native implementations behind this same
 * interface, and differential tests keep every implementation byte-equal.
 * All operations are synchronous.
 */

/** AEAD algorithms, by the spec that names them. */
export type AeadAlgorithm =
  | 'chacha20-poly1305' // RFC 8439; COSE alg 24; key 32, nonce 12, tag 16
  | 'xchacha20-poly1305' // draft-irtf-cfrg-xchacha; JWE XC20P; key 32, nonce 24, tag 16
  | 'aes-128-gcm' // COSE A128GCM (1); key 16, nonce 12, tag 16
  | 'aes-256-gcm' // COSE A256GCM (3), JWE A256GCM; key 32, nonce 12, tag 16
  | 'aes-256-cbc-hmac-sha512'; // JWE A256CBC-HS512 (RFC 7518 section 5.2.5); key 64, iv 16, tag 32

export const AEAD_PARAMETERS: Readonly<Record<AeadAlgorithm, Readonly<{ keyLength: number; nonceLength: number; tagLength: number }>>> = Object.freeze({
  'chacha20-poly1305': Object.freeze({ keyLength: 32, nonceLength: 12, tagLength: 16 }),
  'xchacha20-poly1305': Object.freeze({ keyLength: 32, nonceLength: 24, tagLength: 16 }),
  'aes-128-gcm': Object.freeze({ keyLength: 16, nonceLength: 12, tagLength: 16 }),
  'aes-256-gcm': Object.freeze({ keyLength: 32, nonceLength: 12, tagLength: 16 }),
  'aes-256-cbc-hmac-sha512': Object.freeze({ keyLength: 64, nonceLength: 16, tagLength: 32 }),
});

/** An incremental SHA-256 (for streaming firmware images). */
export interface Sha256Stream {
  update(data: Uint8Array): Sha256Stream;
  digest(): Uint8Array;
}

export interface CryptoSuite {
  /** Name for reports, e.g. 'portable' or 'node'. */
  readonly name: string;

  sha256(data: Uint8Array): Uint8Array;
  sha256Stream(): Sha256Stream;
  sha512(data: Uint8Array): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** RFC 5869 HKDF with SHA-256. */
  hkdfSha256(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array;

  /** Returns ciphertext || tag. */
  aeadSeal(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Takes ciphertext || tag; throws TinydidError 'crypto.bad-tag' when it does not authenticate. */
  aeadOpen(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array;

  /** RFC 3394 AES key wrap (A128KW/A256KW by the KEK length). */
  aesKeyWrap(kek: Uint8Array, key: Uint8Array): Uint8Array;
  /** Throws TinydidError 'crypto.unwrap-failed' when the integrity check fails. */
  aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array;

  /** RFC 7748 X25519 public key of a 32-byte scalar. */
  x25519PublicKey(scalar: Uint8Array): Uint8Array;
  /** RFC 7748 X25519; throws 'crypto.bad-key' on an all-zero result (small-order point). */
  x25519(scalar: Uint8Array, publicKey: Uint8Array): Uint8Array;
  /** Uncompressed (65-byte) P-256 public key of a 32-byte private scalar. */
  p256PublicKey(privateKey: Uint8Array): Uint8Array;
  /** P-256 ECDH: the 32-byte x coordinate. `publicKey` is SEC1, compressed or not. */
  p256Ecdh(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array;

  /** RFC 8032 Ed25519 verification (strict: canonical encodings). */
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** ECDSA P-256 with SHA-256 over `message`; `signature` is raw r||s (64 bytes). */
  p256Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}
