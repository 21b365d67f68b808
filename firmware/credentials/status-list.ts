// The Status List (draft-ietf-oauth-status-list sections "Status List",
// "Compressed Byte Array", "Status List in CBOR Format"): `bits` bits per
// referenced token, packed from the least significant bit of byte 0, then
// zlib-compressed into `lst`.
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { CREDENTIAL_LIMITS } from './limits';
import type { Zlib } from './zlib';

export type StatusBits = 1 | 2 | 4 | 8;

/** Status Type values (draft section "Status Types Values"). */
export const STATUS = Object.freeze({ VALID: 0, INVALID: 1, SUSPENDED: 2 });

export interface StatusList {
  bits: StatusBits;
  /** The decompressed byte array. */
  bytes: Uint8Array;
}

export function isStatusBits(value: unknown): value is StatusBits {
  return value === 1 || value === 2 || value === 4 || value === 8;
}

/** The status of entry `idx`; `status.out-of-range` beyond the list (draft "Validation Rules"). */
export function statusAt(list: StatusList, idx: number): number {
  const bit = idx * list.bits;
  if (!Number.isSafeInteger(idx) || idx < 0 || bit + list.bits > list.bytes.length * 8) {
    throw new TinydidError('status.out-of-range', `index ${idx} is outside a list of ${(list.bytes.length * 8) / list.bits} entries`);
  }
  return (list.bytes[bit >> 3] >> (bit & 7)) & ((1 << list.bits) - 1);
}

/** Packs status values (issuer side). */
export function packStatuses(statuses: readonly number[], bits: StatusBits): Uint8Array {
  const out = new Uint8Array(Math.ceil((statuses.length * bits) / 8));
  statuses.forEach((value, idx) => {
    if (!Number.isInteger(value) || value < 0 || value >= 1 << bits) throw new TinydidError('status.malformed', `status ${value} does not fit in ${bits} bits`);
    const bit = idx * bits;
    out[bit >> 3] |= value << (bit & 7);
  });
  return out;
}

/** The StatusList CBOR map {bits, lst} with `lst` compressed (issuer side). */
export function encodeStatusList(list: StatusList, zlib: Zlib): CborValue {
  if (zlib.deflate === undefined) throw new TinydidError('status.no-inflate', 'this host cannot compress a status list');
  return new Map<CborValue, CborValue>([['bits', list.bits], ['lst', zlib.deflate(list.bytes)]]);
}

/** Encoded StatusList bytes (CBOR), e.g. to compare with the draft's examples. */
export function statusListBytes(list: StatusList, zlib: Zlib): Uint8Array {
  return encodeCbor(encodeStatusList(list, zlib));
}

/** Reads a StatusList map strictly and decompresses `lst`, bounded. */
export function decodeStatusList(value: CborValue, zlib: Zlib | undefined): StatusList {
  if (!(value instanceof Map)) throw new TinydidError('status.malformed', 'the status list is a CBOR map {bits, lst}');
  const bits = value.get('bits');
  const lst = value.get('lst');
  if (!isStatusBits(bits)) throw new TinydidError('status.malformed', 'bits must be 1, 2, 4 or 8');
  if (!(lst instanceof Uint8Array) || lst.length === 0) throw new TinydidError('status.malformed', 'lst must be a non-empty byte string');
  if (zlib === undefined) throw new TinydidError('status.no-inflate', 'this device has no zlib inflate for the status list');
  let bytes: Uint8Array;
  try {
    bytes = zlib.inflate(lst, CREDENTIAL_LIMITS.maxStatusListBytes);
  } catch (cause) {
    throw new TinydidError('status.malformed', `lst does not inflate within ${CREDENTIAL_LIMITS.maxStatusListBytes} bytes: ${(cause as Error).message}`, { cause });
  }
  if (bytes.length > CREDENTIAL_LIMITS.maxStatusListBytes) throw new TinydidError('status.too-large', `the status list is ${bytes.length} bytes`);
  return { bits, bytes };
}
