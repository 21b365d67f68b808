/**
 * The values firmware/cbor encodes and decodes (RFC 8949 section 3).
 *
 * - integers: `number` when safe (|n| <= 2^53 - 1), else `bigint`; bigints
 *   beyond 64 bits are bignums (tags 2/3, section 3.4.3)
 * - floats: `number` values that are not integers (and -0, NaN, Infinity)
 * - byte strings: Uint8Array; text strings: string
 * - arrays: CborValue[]; maps: Map (keys in any order; encoding sorts them)
 * - tags: CborTag; simple values other than false/true/null/undefined: CborSimple
 * - CborRaw: an already-encoded data item inserted verbatim (encoder only)
 * - plain objects: encoded as maps with text keys (encoder only; the decoder
 *   always returns Map)
 */
export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Uint8Array
  | CborValue[]
  | CborMap
  | CborTag
  | CborSimple
  | CborRaw
  | CborObject;

export interface CborObject {
  readonly [key: string]: CborValue;
}

export type CborMap = Map<CborValue, CborValue>;

/** A tagged data item (RFC 8949 section 3.4). */
export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

/** A simple value (major type 7) other than false, true, null and undefined. */
export class CborSimple {
  constructor(readonly value: number) {}
}

/** Bytes of one well-formed, deterministically encoded data item, embedded as is. */
export class CborRaw {
  constructor(readonly bytes: Uint8Array) {}
}

/** Builds a CborMap from [key, value] pairs (shorthand for COSE headers and the like). */
export function cborMap(entries: [CborValue, CborValue][]): CborMap {
  return new Map(entries);
}
