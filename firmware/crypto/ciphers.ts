// The stream AEADs firmware/ uses, over @noble/ciphers (one ChaCha20
// implementation for both). The device images replace this module with
// hosts/moddable/crypto/ciphers.ts (same exports, @stablelib, no XChaCha20);
// differential tests keep the two byte-equal. Callers check key and nonce sizes.
import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';

/** RFC 8439 section 2.8 AEAD_CHACHA20_POLY1305: ciphertext || 16-byte tag. */
export function chacha20Poly1305Seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  return chacha20poly1305(key, nonce, aad).encrypt(plaintext);
}

/** RFC 8439 section 2.8: the plaintext, or null when the tag does not authenticate. */
export function chacha20Poly1305Open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null {
  try {
    return chacha20poly1305(key, nonce, aad).decrypt(sealed);
  } catch {
    return null;
  }
}

/** draft-irtf-cfrg-xchacha section 2: XChaCha20-Poly1305 seal, 24-byte nonce. */
export function xchacha20Poly1305Seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  return xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
}

/** XChaCha20-Poly1305 open: the plaintext, or null when the tag does not authenticate. */
export function xchacha20Poly1305Open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null {
  try {
    return xchacha20poly1305(key, nonce, aad).decrypt(sealed);
  } catch {
    return null;
  }
}
