// Device substitute of firmware/crypto/ciphers.ts (same exports), over
// @stablelib/chacha20poly1305: no mutable module state, so the image can
// preload it. XChaCha20 is not on the device links (DESIGN section 4: X25519 +
// ChaCha20/Poly1305) and throws `crypto.unsupported`. Portable JS (no Moddable
// imports): the Node and XS test lanes run it.
import { ChaCha20Poly1305 } from '@stablelib/chacha20poly1305';
import { TinydidError } from '../../../firmware/errors/tinydid-error';

/** RFC 8439 section 2.8 AEAD_CHACHA20_POLY1305: ciphertext || 16-byte tag. */
export function chacha20Poly1305Seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  return new ChaCha20Poly1305(key).seal(nonce, plaintext, aad);
}

/** RFC 8439 section 2.8: the plaintext, or null when the tag does not authenticate. */
export function chacha20Poly1305Open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null {
  if (sealed.length < 16) return null;
  return new ChaCha20Poly1305(key).open(nonce, sealed, aad);
}

function unsupported(): never {
  throw new TinydidError('crypto.unsupported', 'XChaCha20-Poly1305 is not in the device images');
}

/** Not on the device: throws `crypto.unsupported`. */
export function xchacha20Poly1305Seal(_key: Uint8Array, _nonce: Uint8Array, _plaintext: Uint8Array, _aad: Uint8Array): Uint8Array {
  return unsupported();
}

/** Not on the device: throws `crypto.unsupported`. */
export function xchacha20Poly1305Open(_key: Uint8Array, _nonce: Uint8Array, _sealed: Uint8Array, _aad: Uint8Array): Uint8Array | null {
  return unsupported();
}
