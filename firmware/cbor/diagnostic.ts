// CBOR diagnostic notation (RFC 8949 section 8) with the extended forms of RFC
// 8610 appendix G where they help people read COSE: h'..' byte strings,
// <<...>> for byte strings that hold one encoded data item (G.3), and
// /.../ comments (G.6) naming well-known tags (COSE_Sign1, CWT, ...).
//
// The printer walks the encoded bytes, not decoded values, so what it prints is
// what was sent (1.0 stays a float, a bignum stays a tag). The input is first
// checked by the strict decoder (decodeCbor): the printer only ever walks
// well-formed, bounded bytes, and a refusal is the decoder's TinydidError.
import { decodeCbor, type CborDecodeOptions } from './decode';
import { utf8Decode } from '../bytes/utf8';
import { halfToNumber } from './float';

/** Names for well-known tags, printed as comments (RFC 9052 section 2; RFC 8392 section 6; SUIT). */
export const TAG_NAMES: ReadonlyMap<number, string> = new Map([
  [16, 'COSE_Encrypt0'],
  [96, 'COSE_Encrypt'],
  [18, 'COSE_Sign1'],
  [98, 'COSE_Sign'],
  [17, 'COSE_Mac0'],
  [97, 'COSE_Mac'],
  [61, 'CWT'],
  [107, 'SUIT_Envelope'],
  [1070, 'SUIT_Manifest'],
  [24, 'encoded CBOR data item'],
]);

export interface DiagnosticOptions extends CborDecodeOptions {
  /** Print byte strings that hold one CBOR array, map or tag as <<...>> (default true). */
  embedded?: boolean;
  /** Name well-known tags in comments (default true). */
  comments?: boolean;
  /** Line breaks and two-space indentation for nested containers (default false). */
  pretty?: boolean;
}

/** Embedded items are unwrapped at most this deep (each level costs a decode). */
const MAX_EMBEDDED = 8;
const LINE = 72;

class Walker {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly options: DiagnosticOptions,
    readonly embeddedDepth: number,
  ) {}

  argument(ai: number): number | bigint {
    if (ai < 24) return ai;
    const n = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : 8;
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(this.bytes[this.pos++]);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }

  item(indent: string): string {
    const initial = this.bytes[this.pos++];
    const major = initial >> 5;
    const ai = initial & 0x1f;
    switch (major) {
      case 0:
        return String(this.argument(ai));
      case 1: {
        const n = this.argument(ai);
        return String(-1n - BigInt(n));
      }
      case 2: {
        const len = Number(this.argument(ai));
        const data = this.bytes.subarray(this.pos, this.pos + len);
        this.pos += len;
        return this.byteString(data, indent);
      }
      case 3: {
        const len = Number(this.argument(ai));
        const data = this.bytes.subarray(this.pos, this.pos + len);
        this.pos += len;
        return quote(utf8Decode(data));
      }
      case 4:
      case 5: {
        const len = Number(this.argument(ai));
        const inner = indent + '  ';
        const parts: string[] = [];
        for (let i = 0; i < len; i++) parts.push(major === 4 ? this.item(inner) : `${this.item(inner)}: ${this.item(inner)}`);
        return container(major === 4 ? '[' : '{', major === 4 ? ']' : '}', parts, indent, this.options.pretty === true);
      }
      case 6: {
        const tag = this.argument(ai);
        const name = typeof tag === 'number' && this.options.comments !== false ? TAG_NAMES.get(tag) : undefined;
        return `${tag}(${name === undefined ? '' : `/ ${name} / `}${this.item(indent)})`;
      }
      default:
        return this.simple(ai);
    }
  }

  simple(ai: number): string {
    if (ai < 20) return `simple(${ai})`;
    if (ai === 20) return 'false';
    if (ai === 21) return 'true';
    if (ai === 22) return 'null';
    if (ai === 23) return 'undefined';
    if (ai === 24) return `simple(${this.bytes[this.pos++]})`;
    const size = ai === 25 ? 2 : ai === 26 ? 4 : 8;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, size);
    const value = size === 2 ? halfToNumber(view.getUint16(0)) : size === 4 ? view.getFloat32(0) : view.getFloat64(0);
    this.pos += size;
    return float(value);
  }

  byteString(data: Uint8Array, indent: string): string {
    if (this.options.embedded !== false && this.embeddedDepth < MAX_EMBEDDED && data.length > 0 && data[0] >= 0x80 && data[0] < 0xe0) {
      // Major types 4, 5, 6: an array, map or tag that decodes alone is shown as <<...>>.
      let ok = true;
      try {
        decodeCbor(data, this.options);
      } catch {
        ok = false;
      }
      if (ok) return `<<${new Walker(data, this.options, this.embeddedDepth + 1).item(indent)}>>`;
    }
    let hex = '';
    for (let i = 0; i < data.length; i++) hex += (data[i] < 16 ? '0' : '') + data[i].toString(16);
    return `h'${hex}'`;
  }
}

function float(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0.0';
  const s = String(value);
  // RFC 8949 section 8 and appendix A: a float always shows a decimal point
  // (1.0, 1.0e+300), which tells it apart from an integer.
  if (s.includes('.')) return s;
  const e = s.indexOf('e');
  return e < 0 ? `${s}.0` : `${s.slice(0, e)}.0${s.slice(e)}`;
}

/** A JSON-style string literal (RFC 8949 section 8: text strings as in JSON). */
function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function container(open: string, close: string, parts: string[], indent: string, pretty: boolean): string {
  const flat = `${open}${parts.join(', ')}${close}`;
  if (!pretty || parts.length === 0 || (flat.length + indent.length <= LINE && !flat.includes('\n'))) return flat;
  const inner = indent + '  ';
  return `${open}\n${parts.map((p) => inner + p).join(',\n')}\n${indent}${close}`;
}

/**
 * Diagnostic notation of one CBOR data item. Throws the decoder's TinydidError
 * (cbor.*) for input the strict decoder refuses.
 */
export function diagnose(bytes: Uint8Array, options: DiagnosticOptions = {}): string {
  decodeCbor(bytes, options);
  return new Walker(bytes, options, 0).item('');
}
