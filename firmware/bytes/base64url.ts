import { TinydidError } from '../errors/tinydid-error';
import { assertBytes } from './check';

// RFC 4648 section 5: the URL- and filename-safe alphabet; JOSE uses it unpadded
// (RFC 7515 section 2).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function valueOf(code: number): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 71;
  if (code >= 48 && code <= 57) return code + 4;
  if (code === 45) return 62;
  if (code === 95) return 63;
  return -1;
}

/** Unpadded base64url of `bytes`. */
export function toBase64url(bytes: Uint8Array): string {
  assertBytes(bytes, 'toBase64url');
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/**
 * Bytes of unpadded base64url text. Strict: no padding, no whitespace, no
 * characters outside the alphabet, and the unused trailing bits must be zero
 * (RFC 4648 section 3.5) so every byte string has exactly one encoding.
 */
export function fromBase64url(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TinydidError('bytes.bad-base64url', 'expected a string');
  if (text.length % 4 === 1) throw new TinydidError('bytes.bad-base64url', `impossible length ${text.length}`);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const v = valueOf(text.charCodeAt(i));
    if (v < 0) throw new TinydidError('bytes.bad-base64url', `not a base64url character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new TinydidError('bytes.bad-base64url', 'non-zero trailing bits');
  return out;
}
