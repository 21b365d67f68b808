import { TinydidError } from '../errors/tinydid-error';

/** Builds a small length-prefixed binary record (stored key records, tables). */
export class RecordWriter {
  readonly #parts: number[] = [];

  u8(value: number): this {
    this.#parts.push(value & 0xff);
    return this;
  }

  u32(value: number): this {
    this.#parts.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
    return this;
  }

  /** An integer 0..2^53-1 as 8 bytes big-endian. */
  u53(value: number): this {
    return this.u32(Math.floor(value / 0x100000000)).u32(value % 0x100000000);
  }

  /** Bytes with a one-byte length (at most 255). */
  bytes8(bytes: Uint8Array): this {
    if (bytes.length > 255) throw new TinydidError('keys.bad-argument', 'field longer than 255 bytes');
    this.u8(bytes.length);
    for (const b of bytes) this.#parts.push(b);
    return this;
  }

  raw(bytes: Uint8Array): this {
    for (const b of bytes) this.#parts.push(b);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#parts);
  }
}

/**
 * Reads a record written by RecordWriter. Stored bytes are untrusted: every
 * read is bounds-checked and a short or malformed record is `failCode`.
 */
export class RecordReader {
  readonly #bytes: Uint8Array;
  readonly #failCode: 'keys.tampered' | 'keys.bad-attestation';
  #offset = 0;

  constructor(bytes: Uint8Array, failCode: 'keys.tampered' | 'keys.bad-attestation' = 'keys.tampered') {
    this.#bytes = bytes;
    this.#failCode = failCode;
  }

  #take(n: number): Uint8Array {
    if (this.#offset + n > this.#bytes.length) throw new TinydidError(this.#failCode, 'record is truncated');
    const out = this.#bytes.subarray(this.#offset, this.#offset + n);
    this.#offset += n;
    return out;
  }

  u8(): number {
    return this.#take(1)[0];
  }

  u32(): number {
    const b = this.#take(4);
    return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  }

  u53(): number {
    const high = this.u32();
    const low = this.u32();
    if (high > 0x1fffff) throw new TinydidError(this.#failCode, 'integer above 2^53-1');
    return high * 0x100000000 + low;
  }

  bytes8(): Uint8Array {
    return this.#take(this.u8()).slice();
  }

  raw(n: number): Uint8Array {
    return this.#take(n).slice();
  }

  get offset(): number {
    return this.#offset;
  }

  /** The whole input must be consumed (no trailing bytes). */
  end(): void {
    if (this.#offset !== this.#bytes.length) throw new TinydidError(this.#failCode, 'trailing bytes after the record');
  }
}
