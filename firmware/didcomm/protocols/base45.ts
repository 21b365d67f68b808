/**
 * Base45 (RFC 9285): bytes as text in the QR code alphanumeric alphabet, so a
 * QR code holds them in alphanumeric mode (5.5 bits a character, against 8
 * for byte mode). Strict decoding (section 4.2): characters outside the
 * alphabet, a dangling single character and triplets above 65535 are refused
 * with `protocol.malformed`.
 */
import { TinydidError } from '../../errors/tinydid-error';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Base45 text of `bytes` (RFC 9285 section 4). */
export function toBase45(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = bytes[i] * 256 + bytes[i + 1];
    out += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45) % 45] + ALPHABET[Math.floor(n / 2025)];
  }
  if (i < bytes.length) out += ALPHABET[bytes[i] % 45] + ALPHABET[Math.floor(bytes[i] / 45)];
  return out;
}

function digit(text: string, i: number): number {
  const v = ALPHABET.indexOf(text[i]);
  if (v < 0) throw new TinydidError('protocol.malformed', `not a base45 character at ${i}`);
  return v;
}

/** Bytes of base45 text (RFC 9285 section 4.2). */
export function fromBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new TinydidError('protocol.malformed', `base45 text of length ${text.length}`);
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = digit(text, i) + digit(text, i + 1) * 45 + digit(text, i + 2) * 2025;
      if (n > 0xffff) throw new TinydidError('protocol.malformed', `base45 triplet at ${i} exceeds 65535`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = digit(text, i) + digit(text, i + 1) * 45;
      if (n > 0xff) throw new TinydidError('protocol.malformed', `base45 pair at ${i} exceeds 255`);
      out[o++] = n;
    }
  }
  return out;
}
