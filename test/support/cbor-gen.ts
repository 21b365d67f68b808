// Test helper: random CBOR values from a seeded Prng, covering every major type
// and the boundaries of the deterministic rules (argument widths, float widths,
// bignums, astral text, nested containers, maps with mixed key types).
import type { CborValue } from '../../firmware/cbor/value';
import { CborSimple, CborTag } from '../../firmware/cbor/value';
import { Prng } from './prng';

export interface GenOptions {
  /** Nesting of arrays, maps and tags (default 4). */
  maxDepth?: number;
  /** Items in one array or map (default 6). */
  maxItems?: number;
  /** Include tags, simple values and undefined (cbor-x maps some of these differently). */
  exotic?: boolean;
}

const BOUNDARIES = [0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffff, 0x100000000, Number.MAX_SAFE_INTEGER];
const FLOATS = [0.5, 1.5, -0.0, 65504, 1e-7, 5.960464477539063e-8, 100000.5, 3.4028234663852886e38, 1.1, -4.1, 1e300, Infinity, -Infinity, NaN];

function integer(p: Prng): number | bigint {
  switch (p.int(5)) {
    case 0:
      return p.int(30) - 10;
    case 1: {
      const b = p.pick(BOUNDARIES);
      const v = b + p.int(3) - 1;
      return p.chance(0.5) ? Math.max(0, Math.min(v, Number.MAX_SAFE_INTEGER)) : -Math.max(1, Math.min(v, Number.MAX_SAFE_INTEGER));
    }
    case 2: {
      const v = p.int(0x100000000);
      return p.chance(0.5) || v === 0 ? v : -v;
    }
    case 3: {
      // 64-bit range beyond 2^53 (bigint), both signs.
      const v = (BigInt(p.u32()) << 32n) | BigInt(p.u32());
      return p.chance(0.5) ? v : -1n - v;
    }
    default: {
      // Beyond 64 bits: bignums (tags 2 and 3).
      let v = 1n;
      const words = 3 + p.int(3);
      for (let i = 0; i < words; i++) v = (v << 32n) | BigInt(p.u32());
      return p.chance(0.5) ? v : -1n - v;
    }
  }
}

function float(p: Prng): number {
  const r = p.int(4);
  if (r === 0) return p.pick(FLOATS);
  if (r === 1) return Math.fround(p.float64()) || 0.25;
  if (r === 2) return (p.int(4096) - 2048) / 64 + 1 / 128;
  const f = p.float64();
  return Number.isNaN(f) ? NaN : Number.isInteger(f) ? f + 0.5 : f;
}

function text(p: Prng): string {
  const n = p.int(12);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = p.int(6);
    if (r < 3) s += String.fromCharCode(0x20 + p.int(0x5f));
    else if (r === 3) s += String.fromCharCode(0xa0 + p.int(0x700));
    else if (r === 4) s += String.fromCharCode(0xe000 + p.int(0x1000));
    else s += String.fromCodePoint(0x10000 + p.int(0x1000));
  }
  return s;
}

/** One random value. Floats are never integral (those encode as integers). */
export function genCborValue(p: Prng, options: GenOptions = {}, depth = 0): CborValue {
  const maxDepth = options.maxDepth ?? 4;
  const maxItems = options.maxItems ?? 6;
  const leafOnly = depth >= maxDepth;
  const kinds = leafOnly ? 6 : options.exotic === true ? 10 : 8;
  switch (p.int(kinds)) {
    case 0:
      return integer(p);
    case 1:
      return float(p);
    case 2:
      return text(p);
    case 3:
      return p.bytes(p.int(20));
    case 4:
      return p.pick([true, false, null]);
    case 5:
      return integer(p);
    case 6: {
      const n = p.int(maxItems + 1);
      const out: CborValue[] = [];
      for (let i = 0; i < n; i++) out.push(genCborValue(p, options, depth + 1));
      return out;
    }
    case 7: {
      const n = p.int(maxItems + 1);
      const m = new Map<CborValue, CborValue>();
      for (let i = 0; i < n; i++) {
        const key = p.pick([0, 1, 2]) === 0 ? p.int(100) - 50 : p.chance(0.5) ? text(p) : p.int(1000);
        if (!m.has(key)) m.set(key, genCborValue(p, options, depth + 1));
      }
      return m;
    }
    case 8:
      return new CborTag(p.pick([0, 1, 18, 16, 96, 32, 1000, 100000]), genCborValue(p, options, depth + 1));
    default:
      return p.pick<CborValue>([undefined, new CborSimple(p.int(20)), new CborSimple(32 + p.int(224))]);
  }
}
