import { TinydidError } from '../errors/tinydid-error';
import { assertBytes } from './check';

/** UTF-8 bytes of `text` (RFC 3629). A lone surrogate has no UTF-8 form and is refused. */
export function utf8Encode(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TinydidError('bytes.bad-argument', 'utf8Encode: expected a string');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) {
        throw new TinydidError('bytes.bad-string', `lone surrogate at ${i}`);
      }
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * Text of well-formed UTF-8 `bytes`. Strict (RFC 3629 section 4): overlong
 * forms, surrogates, code points above U+10FFFF and truncated sequences are
 * refused, never replaced with U+FFFD.
 */
export function utf8Decode(bytes: Uint8Array): string {
  assertBytes(bytes, 'utf8Decode');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) { cp = b; need = 0; min = 0; }
    else if (b >= 0xc2 && b <= 0xdf) { cp = b & 0x1f; need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { cp = b & 0x0f; need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { cp = b & 0x07; need = 3; min = 0x10000; }
    else throw new TinydidError('bytes.bad-utf8', `invalid lead byte at ${i}`);
    if (i + need > bytes.length - 1) {
      throw new TinydidError('bytes.bad-utf8', `truncated sequence at ${i}`);
    }
    for (let k = 1; k <= need; k++) {
      const cont = bytes[i + k];
      if ((cont & 0xc0) !== 0x80) throw new TinydidError('bytes.bad-utf8', `bad continuation byte at ${i + k}`);
      cp = (cp << 6) | (cont & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new TinydidError('bytes.bad-utf8', `overlong, surrogate or out-of-range code point at ${i}`);
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}
