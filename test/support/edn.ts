// Test helper: a parser for the diagnostic notation firmware/cbor/diagnostic.ts
// prints (RFC 8949 section 8 and RFC 8610 appendix G: h'', <<>>, /comments/),
// so tests can check that printed notation reads back as the decoded item.
import { fromHex } from '../../firmware/bytes/hex';
import { CborSimple, CborTag, type CborValue } from '../../firmware/cbor/value';

/** <<item>>: a byte string holding the encoding of `value`. */
export class Embedded {
  constructor(readonly value: ParsedValue) {}
}
/** A float as printed (its encoding width is not in the notation). */
export class Float {
  constructor(readonly value: number) {}
}
export type ParsedValue = CborValue | Embedded | Float;

export function parseDiagnostic(text: string): ParsedValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`diagnostic notation: ${what} at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  };
  const skip = (): void => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text[i] === '/') {
        const end = text.indexOf('/', i + 1);
        if (end < 0) fail('unclosed comment');
        i = end + 1;
      } else return;
    }
  };
  const expect = (s: string): void => {
    skip();
    if (!text.startsWith(s, i)) fail(`expected ${s}`);
    i += s.length;
  };
  const value = (): ParsedValue => {
    skip();
    const c = text[i];
    if (c === '[') {
      i++;
      const out: ParsedValue[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return out as CborValue[];
      }
      for (;;) {
        out.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return out as CborValue[];
        } else fail('expected , or ]');
      }
    }
    if (c === '{') {
      i++;
      const out = new Map<ParsedValue, ParsedValue>();
      skip();
      if (text[i] === '}') {
        i++;
        return out as Map<CborValue, CborValue>;
      }
      for (;;) {
        const k = value();
        expect(':');
        out.set(k, value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return out as Map<CborValue, CborValue>;
        } else fail('expected , or }');
      }
    }
    if (text.startsWith('<<', i)) {
      i += 2;
      const inner = value();
      expect('>>');
      return new Embedded(inner);
    }
    if (text.startsWith("h'", i)) {
      const end = text.indexOf("'", i + 2);
      if (end < 0) fail('unclosed byte string');
      const hex = text.slice(i + 2, end);
      i = end + 1;
      return fromHex(hex);
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const literal = text.slice(i, j + 1);
      i = j + 1;
      return JSON.parse(literal) as string;
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null], ['undefined', undefined]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    if (text.startsWith('simple(', i)) {
      i += 7;
      const m = /^\d+/.exec(text.slice(i)) ?? fail('simple value');
      i += m[0].length;
      expect(')');
      return new CborSimple(Number(m[0]));
    }
    for (const [word, v] of [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return new Float(v);
      }
    }
    const m = /^-?\d+(\.\d+)?(e[+-]?\d+)?/.exec(text.slice(i)) ?? fail('unexpected character');
    i += m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) return new Float(Number(m[0]));
    skip();
    if (text[i] === '(') {
      i++;
      const content = value();
      expect(')');
      return new CborTag(Number(m[0]), content as CborValue);
    }
    const n = BigInt(m[0]);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  };
  const out = value();
  skip();
  if (i !== text.length) fail('trailing text');
  return out;
}
