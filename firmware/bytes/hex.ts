import { TinydidError } from '../errors/tinydid-error';
import { assertBytes } from './check';

const DIGITS = '0123456789abcdef';

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  assertBytes(bytes, 'toHex');
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += DIGITS[bytes[i] >> 4] + DIGITS[bytes[i] & 15];
  return out;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Bytes of an even-length hex string (either case, nothing else allowed). */
export function fromHex(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TinydidError('bytes.bad-hex', 'fromHex: expected a string');
  if (text.length % 2 !== 0) throw new TinydidError('bytes.bad-hex', `fromHex: odd length ${text.length}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(text.charCodeAt(2 * i));
    const lo = nibble(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new TinydidError('bytes.bad-hex', `fromHex: not a hex digit at ${2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}
