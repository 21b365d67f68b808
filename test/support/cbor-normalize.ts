// Test helpers for round trips and differential tests of firmware/cbor.
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The value decodeCbor(encodeCbor(x)) must equal: map entries in the bytewise
 * order of their encoded keys (RFC 8949 section 4.2.1), and bigints that fit a
 * safe integer as numbers (the decoder returns number whenever it can).
 */
export function roundTripForm(value: CborValue): CborValue {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(roundTripForm);
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => [roundTripForm(k), roundTripForm(v), encodeCbor(k)] as const);
    entries.sort((a, b) => compareBytes(a[2], b[2]));
    return new Map(entries.map(([k, v]) => [k, v]));
  }
  if (value instanceof CborTag) return new CborTag(value.tag, roundTripForm(value.value));
  return value;
}
