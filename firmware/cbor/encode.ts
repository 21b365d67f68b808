// Deterministic CBOR encoder (RFC 8949 section 4.2.1): preferred serialization
// (shortest integer, length and float forms), definite lengths only, map keys
// sorted by the bytewise order of their encodings.
import { TinydidError } from '../errors/tinydid-error';
import { fitsFloat32, numberToHalf } from './float';
import { CborRaw, CborSimple, CborTag, type CborValue } from './value';

const TWO_64 = 1n << 64n;

class Writer {
  private buf = new Uint8Array(64);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** Major type and argument, shortest form (RFC 8949 section 4.2.1). */
  head(major: number, arg: number | bigint): void {
    const m = major << 5;
    if (typeof arg === 'bigint') {
      if (arg <= 0xffffffffn) return this.head(major, Number(arg));
      this.reserve(9);
      this.buf[this.length++] = m | 27;
      for (let shift = 56n; shift >= 0n; shift -= 8n) this.buf[this.length++] = Number((arg >> shift) & 0xffn);
      return;
    }
    if (arg >= 0x100000000) return this.head(major, BigInt(arg));
    this.reserve(5);
    const b = this.buf;
    if (arg < 24) b[this.length++] = m | arg;
    else if (arg < 0x100) {
      b[this.length++] = m | 24;
      b[this.length++] = arg;
    } else if (arg < 0x10000) {
      b[this.length++] = m | 25;
      b[this.length++] = arg >> 8;
      b[this.length++] = arg & 0xff;
    } else {
      b[this.length++] = m | 26;
      b[this.length++] = arg >>> 24;
      b[this.length++] = (arg >> 16) & 0xff;
      b[this.length++] = (arg >> 8) & 0xff;
      b[this.length++] = arg & 0xff;
    }
  }

  /** A text string: head with the UTF-8 length, then the UTF-8 bytes written in place. */
  text(value: string): void {
    const n = utf8Length(value);
    this.head(3, n);
    this.reserve(n);
    const b = this.buf;
    let o = this.length;
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      if (c < 0x80) {
        b[o++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (value.charCodeAt(++i) - 0xdc00);
        b[o++] = 0xf0 | (c >> 18);
        b[o++] = 0x80 | ((c >> 12) & 63);
        b[o++] = 0x80 | ((c >> 6) & 63);
        b[o++] = 0x80 | (c & 63);
      } else if (c < 0x800) {
        b[o++] = 0xc0 | (c >> 6);
        b[o++] = 0x80 | (c & 63);
      } else {
        b[o++] = 0xe0 | (c >> 12);
        b[o++] = 0x80 | ((c >> 6) & 63);
        b[o++] = 0x80 | (c & 63);
      }
    }
    this.length = o;
  }

  float(value: number): void {
    const half = numberToHalf(value);
    if (half >= 0) {
      this.byte(0xf9);
      this.byte(half >> 8);
      this.byte(half & 0xff);
      return;
    }
    const wide = !fitsFloat32(value);
    const out = new Uint8Array(wide ? 9 : 5);
    const view = new DataView(out.buffer);
    out[0] = wide ? 0xfb : 0xfa;
    if (wide) view.setFloat64(1, value);
    else view.setFloat32(1, value);
    this.bytes(out);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** UTF-8 length of `text` (RFC 3629); a lone surrogate has no UTF-8 form. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) throw new TinydidError('cbor.unencodable', 'text with a lone surrogate');
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function bigintBytes(n: bigint): Uint8Array {
  const out: number[] = [];
  while (n > 0n) {
    out.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return Uint8Array.from(out);
}

const MAX_DEPTH = 64;

function write(w: Writer, value: CborValue, depth: number): void {
  if (depth > MAX_DEPTH) throw new TinydidError('cbor.unencodable', `nesting deeper than ${MAX_DEPTH}`);
  switch (typeof value) {
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
        if (value >= 0) w.head(0, value);
        else w.head(1, -1 - value);
      } else w.float(value);
      return;
    case 'bigint':
      if (value >= 0n) {
        if (value < TWO_64) w.head(0, value);
        else {
          // RFC 8949 section 3.4.3: bignums only for values beyond 64 bits.
          w.head(6, 2);
          const b = bigintBytes(value);
          w.head(2, b.length);
          w.bytes(b);
        }
      } else {
        const n = -1n - value;
        if (n < TWO_64) w.head(1, n);
        else {
          w.head(6, 3);
          const b = bigintBytes(n);
          w.head(2, b.length);
          w.bytes(b);
        }
      }
      return;
    case 'string':
      w.text(value);
      return;
    case 'boolean':
      w.byte(value ? 0xf5 : 0xf4);
      return;
    case 'undefined':
      w.byte(0xf7);
      return;
    case 'object':
      break;
    default:
      throw new TinydidError('cbor.unencodable', `cannot encode a ${typeof value}`);
  }
  if (value === null) {
    w.byte(0xf6);
  } else if (value instanceof Uint8Array) {
    w.head(2, value.length);
    w.bytes(value);
  } else if (Array.isArray(value)) {
    w.head(4, value.length);
    for (const item of value) write(w, item, depth + 1);
  } else if (value instanceof Map) {
    writeMap(w, [...value.entries()], depth);
  } else if (value instanceof CborTag) {
    if (!Number.isSafeInteger(value.tag) || value.tag < 0) throw new TinydidError('cbor.unencodable', `bad tag number ${value.tag}`);
    w.head(6, value.tag);
    write(w, value.value, depth + 1);
  } else if (value instanceof CborSimple) {
    const v = value.value;
    if (!Number.isInteger(v) || v < 0 || v > 255 || (v >= 20 && v <= 31)) throw new TinydidError('cbor.unencodable', `bad simple value ${v}`);
    w.head(7, v);
  } else if (value instanceof CborRaw) {
    w.bytes(value.bytes);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    // A plain object encodes as a map with text keys (JSON-shaped data).
    writeMap(w, Object.entries(value as Record<string, CborValue>), depth);
  } else {
    throw new TinydidError('cbor.unencodable', 'cannot encode this object');
  }
}

function writeMap(w: Writer, entries: [CborValue, CborValue][], depth: number): void {
  const encoded = entries.map(([k, v]) => ({ key: encodeItem(k, depth + 1), value: v }));
  encoded.sort((a, b) => compareBytes(a.key, b.key));
  for (let i = 1; i < encoded.length; i++) {
    if (compareBytes(encoded[i - 1].key, encoded[i].key) === 0) throw new TinydidError('cbor.duplicate-key', 'two map keys have the same encoding');
  }
  w.head(5, encoded.length);
  for (const e of encoded) {
    w.bytes(e.key);
    write(w, e.value, depth + 1);
  }
}

function encodeItem(value: CborValue, depth: number): Uint8Array {
  const w = new Writer();
  write(w, value, depth);
  return w.result();
}

/** Deterministic encoding of `value` (RFC 8949 section 4.2.1). */
export function encodeCbor(value: CborValue): Uint8Array {
  return encodeItem(value, 0);
}

/** A byte string holding the encoding of `value` (bstr .cbor, RFC 8610 section 3.8.4). */
export function encodeCborBstr(value: CborValue): Uint8Array {
  return encodeCbor(encodeCbor(value));
}
