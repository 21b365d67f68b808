// Strict CBOR decoder for untrusted bytes. Accepts exactly one data item in
// preferred serialization (RFC 8949 section 4.2.1) and refuses, each with its
// own code: truncated input (cbor.truncated), trailing bytes (cbor.trailing),
// indefinite lengths (cbor.indefinite), non-shortest integers, lengths and
// floats (cbor.non-shortest), duplicate map keys (cbor.duplicate-key), nesting
// beyond the limit (cbor.too-deep), lengths beyond the limit (cbor.too-long),
// invalid UTF-8 in text (cbor.bad-utf8) and reserved encodings (cbor.malformed).
// Map keys in non-sorted order are accepted unless `requireSortedKeys` is set
// (COSE and SUIT examples carry unsorted maps). No recursion limit is left to
// the JS engine: depth is counted and bounded.
import { utf8Decode } from '../bytes/utf8';
import { TinydidError } from '../errors/tinydid-error';
import { halfToNumber, numberToHalf } from './float';
import { DEFAULT_CBOR_LIMITS, type CborLimits } from './limits';
import { CborSimple, CborTag, type CborMap, type CborValue } from './value';

export interface CborDecodeOptions extends Partial<CborLimits> {
  /** Refuse maps whose keys are not in bytewise order (RFC 8949 section 4.2.1). */
  requireSortedKeys?: boolean;
  /** Accept floats that a shorter float could hold exactly (a named relaxation). */
  allowNonShortestFloats?: boolean;
}

const TWO_53 = 2 ** 53;

class Reader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly limits: CborLimits,
    readonly options: CborDecodeOptions,
  ) {}

  need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new TinydidError('cbor.truncated', `need ${n} more bytes at offset ${this.pos}`);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }

  uint(n: number): number {
    this.need(n);
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.bytes[this.pos++];
    return v;
  }

  /** Argument of a head with additional info `ai`; numbers above 2^53 come back as bigint. */
  argument(ai: number, start: number): number | bigint {
    if (ai < 24) return ai;
    let value: number | bigint;
    let min: number | bigint;
    if (ai === 24) {
      value = this.uint(1);
      min = 24;
    } else if (ai === 25) {
      value = this.uint(2);
      min = 0x100;
    } else if (ai === 26) {
      value = this.uint(4);
      min = 0x10000;
    } else if (ai === 27) {
      const hi = this.uint(4);
      const lo = this.uint(4);
      value = hi * 0x100000000 + lo;
      if (value >= TWO_53) value = (BigInt(hi) << 32n) | BigInt(lo);
      min = 0x100000000;
    } else if (ai === 31) {
      throw new TinydidError('cbor.indefinite', `indefinite length at offset ${start}`);
    } else {
      throw new TinydidError('cbor.malformed', `reserved additional information ${ai} at offset ${start}`);
    }
    if (value < min) throw new TinydidError('cbor.non-shortest', `argument ${value} not in shortest form at offset ${start}`);
    return value;
  }

  length(ai: number, start: number): number {
    const n = this.argument(ai, start);
    if (typeof n === 'bigint' || n > this.limits.maxLength) {
      throw new TinydidError('cbor.too-long', `length ${n} exceeds limit ${this.limits.maxLength} at offset ${start}`);
    }
    return n;
  }
}

/** Text of a text string's bytes; malformed UTF-8 is cbor.bad-utf8 (RFC 8949 section 3.1). */
function textOf(bytes: Uint8Array, offset: number): string {
  try {
    return utf8Decode(bytes);
  } catch (cause) {
    throw new TinydidError('cbor.bad-utf8', `invalid UTF-8 in text at offset ${offset}`, { cause });
  }
}

function compareRange(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number): number {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let i = 0; i < n; i++) if (bytes[a0 + i] !== bytes[b0 + i]) return bytes[a0 + i] - bytes[b0 + i];
  return a1 - a0 - (b1 - b0);
}

/** RFC 8949 section 5.6: no two keys of one map may be equal (same encoding). */
function checkNoDuplicateKeys(bytes: Uint8Array, ranges: number[]): void {
  const order: number[] = [];
  for (let i = 0; i < ranges.length; i += 2) order.push(i);
  order.sort((a, b) => compareRange(bytes, ranges[a], ranges[a + 1], ranges[b], ranges[b + 1]));
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1];
    const b = order[i];
    if (compareRange(bytes, ranges[a], ranges[a + 1], ranges[b], ranges[b + 1]) === 0) {
      throw new TinydidError('cbor.duplicate-key', `duplicate map key at offset ${ranges[b]}`);
    }
  }
}

function bignum(bytes: Uint8Array, start: number): bigint {
  // RFC 8949 section 3.4.3 with preferred serialization: no leading zero bytes,
  // and only for values that do not fit in 64 bits.
  if (bytes.length <= 8 || bytes[0] === 0) throw new TinydidError('cbor.non-shortest', `bignum not in preferred form at offset ${start}`);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function readItem(r: Reader, depth: number): CborValue {
  if (depth > r.limits.maxDepth) throw new TinydidError('cbor.too-deep', `nesting deeper than ${r.limits.maxDepth} at offset ${r.pos}`);
  const start = r.pos;
  const initial = r.u8();
  const major = initial >> 5;
  const ai = initial & 0x1f;
  switch (major) {
    case 0: {
      return r.argument(ai, start);
    }
    case 1: {
      const n = r.argument(ai, start);
      return typeof n === 'bigint' ? -1n - n : n + 1 > TWO_53 - 1 ? -1n - BigInt(n) : -1 - n;
    }
    case 2: {
      const len = r.length(ai, start);
      r.need(len);
      // A copy in a plain Uint8Array: never a view of the input, and never a
      // subclass of it (a Node input's slice would be a view).
      const out = new Uint8Array(len);
      out.set(r.bytes.subarray(r.pos, r.pos + len));
      r.pos += len;
      return out;
    }
    case 3: {
      const len = r.length(ai, start);
      r.need(len);
      const text = textOf(r.bytes.subarray(r.pos, r.pos + len), start);
      r.pos += len;
      return text;
    }
    case 4: {
      const len = r.length(ai, start);
      // Each item takes at least one byte: refuse counts the input cannot hold
      // before allocating anything.
      r.need(len);
      const out: CborValue[] = [];
      for (let i = 0; i < len; i++) out.push(readItem(r, depth + 1));
      return out;
    }
    case 5: {
      const len = r.length(ai, start);
      r.need(2 * len);
      const map: CborMap = new Map();
      // Key ranges [start, end) in input order. Duplicates are found by
      // comparing each key with the one before it while the keys arrive in
      // bytewise order, and by one sort of the ranges otherwise: O(n log n),
      // never O(n^2) (a 4 MiB map must not take minutes).
      const ranges: number[] = [];
      let sorted = true;
      for (let i = 0; i < len; i++) {
        const keyStart = r.pos;
        const key = readItem(r, depth + 1);
        const keyEnd = r.pos;
        if (i > 0) {
          const c = compareRange(r.bytes, ranges[ranges.length - 2], ranges[ranges.length - 1], keyStart, keyEnd);
          if (c === 0) throw new TinydidError('cbor.duplicate-key', `duplicate map key at offset ${keyStart}`);
          if (c > 0) {
            if (r.options.requireSortedKeys) throw new TinydidError('cbor.unsorted-keys', `map keys out of order at offset ${keyStart}`);
            sorted = false;
          }
        }
        ranges.push(keyStart, keyEnd);
        // Distinct encodings that are one JavaScript value (0 and -0.0, 1 and
        // 1.0) cannot both live in a Map: refuse rather than drop one.
        if (map.has(key)) throw new TinydidError('cbor.duplicate-key', `map key at offset ${keyStart} equals an earlier key as a JavaScript value`);
        map.set(key, readItem(r, depth + 1));
      }
      if (!sorted) checkNoDuplicateKeys(r.bytes, ranges);
      return map;
    }
    case 6: {
      const tag = r.argument(ai, start);
      if (typeof tag === 'bigint') throw new TinydidError('cbor.too-long', `tag number ${tag} beyond 2^53 at offset ${start}`);
      const content = readItem(r, depth + 1);
      if (tag === 2 || tag === 3) {
        if (!(content instanceof Uint8Array)) throw new TinydidError('cbor.malformed', `bignum tag ${tag} without a byte string at offset ${start}`);
        const n = bignum(content, start);
        return tag === 2 ? n : -1n - n;
      }
      return new CborTag(tag, content);
    }
    default: {
      // Major type 7: simple values and floats (RFC 8949 section 3.3).
      if (ai < 20) return new CborSimple(ai);
      if (ai === 20) return false;
      if (ai === 21) return true;
      if (ai === 22) return null;
      if (ai === 23) return undefined;
      if (ai === 24) {
        const v = r.u8();
        if (v < 32) throw new TinydidError('cbor.malformed', `simple value ${v} in two-byte form at offset ${start}`);
        return new CborSimple(v);
      }
      if (ai === 25) {
        const bits = r.uint(2);
        // RFC 8949 section 4.2.2: the one deterministic NaN is 0xf97e00; other
        // NaN payloads and signs are refused unless floats are relaxed.
        if ((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0 && bits !== 0x7e00 && !r.options.allowNonShortestFloats) {
          throw new TinydidError('cbor.non-shortest', `NaN 0x${bits.toString(16)} is not the canonical 0x7e00 at offset ${start}`);
        }
        return halfToNumber(bits);
      }
      if (ai === 26 || ai === 27) {
        const size = ai === 26 ? 4 : 8;
        r.need(size);
        const view = new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos, size);
        const value = size === 4 ? view.getFloat32(0) : view.getFloat64(0);
        r.pos += size;
        if (!r.options.allowNonShortestFloats) checkShortestFloat(value, size, start);
        return value;
      }
      if (ai === 31) throw new TinydidError('cbor.indefinite', `break outside an indefinite-length item at offset ${start}`);
      throw new TinydidError('cbor.malformed', `reserved additional information ${ai} at offset ${start}`);
    }
  }
}

function checkShortestFloat(value: number, size: number, start: number): void {
  // Preferred serialization: the shortest float that holds the value exactly.
  // NaN must be the canonical half-precision 0x7e00.
  const fitsHalf = numberToHalf(value) >= 0; // -1: binary16 cannot hold it
  const fitsSingle = Number.isNaN(value) || Math.fround(value) === value;
  if (fitsHalf || (size === 8 && fitsSingle)) {
    throw new TinydidError('cbor.non-shortest', `float ${value} not in its shortest form at offset ${start}`);
  }
}


/** Decodes exactly one data item from untrusted `bytes` (RFC 8949 sections 3, 4.2.1, 5.3.1). */
export function decodeCbor(bytes: Uint8Array, options: CborDecodeOptions = {}): CborValue {
  if (!(bytes instanceof Uint8Array)) throw new TinydidError('cbor.malformed', 'input is not a Uint8Array');
  const limits: CborLimits = {
    maxDepth: options.maxDepth ?? DEFAULT_CBOR_LIMITS.maxDepth,
    maxLength: options.maxLength ?? DEFAULT_CBOR_LIMITS.maxLength,
    maxInput: options.maxInput ?? DEFAULT_CBOR_LIMITS.maxInput,
  };
  if (bytes.length > limits.maxInput) throw new TinydidError('cbor.too-long', `input of ${bytes.length} bytes exceeds limit ${limits.maxInput}`);
  if (bytes.length === 0) throw new TinydidError('cbor.truncated', 'empty input');
  const r = new Reader(bytes, limits, options);
  const value = readItem(r, 0);
  if (r.pos !== bytes.length) throw new TinydidError('cbor.trailing', `${bytes.length - r.pos} bytes after the data item at offset ${r.pos}`);
  return value;
}
