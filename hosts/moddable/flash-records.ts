import Flash from 'flash';
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { RecordFlash } from '../../firmware/storage/flash';

// One area per flash sector (an erase unit), so that erasing one area never
// touches another. Sector layout: magic 'T' 'A' | nameLength u8 | dataLength
// u16 (big-endian) | name | data. An erased sector reads as 0xFF.
const MAGIC0 = 0x54;
const MAGIC1 = 0x41;
const HEADER = 5;

/**
 * RecordFlash over a Moddable Flash partition (nRF52: the "storage" partition,
 * 64 KB by default = 16 sectors of 4 KB; the product manifests raise it to
 * 128 KB). Each area takes one sector; with the two-copy layer
 * (firmware/storage/two-copy-kv.ts) a record takes two, so 128 KB hold 16
 * records of up to 4096 - 5 - name bytes each. Neither write nor erase is
 * atomic; the two-copy layer above makes records atomic.
 */
export class FlashRecordAreas implements RecordFlash {
  readonly #flash: Flash;
  readonly #sectorSize: number;
  readonly #sectors: number;

  constructor(partition = 'storage') {
    this.#flash = new Flash(partition);
    this.#sectorSize = this.#flash.blockSize;
    this.#sectors = Math.floor(this.#flash.byteLength / this.#sectorSize);
  }

  #nameAt(sector: number): string | undefined {
    const head = new Uint8Array(this.#flash.read(sector * this.#sectorSize, HEADER));
    if (head[0] !== MAGIC0 || head[1] !== MAGIC1) return undefined;
    return utf8Decode(new Uint8Array(this.#flash.read(sector * this.#sectorSize + HEADER, head[2])));
  }

  #sectorOf(area: string): number {
    for (let s = 0; s < this.#sectors; s++) if (this.#nameAt(s) === area) return s;
    return -1;
  }

  read(area: string): Uint8Array | undefined {
    const s = this.#sectorOf(area);
    if (s < 0) return undefined;
    const base = s * this.#sectorSize;
    const head = new Uint8Array(this.#flash.read(base, HEADER));
    const length = (head[3] << 8) | head[4];
    if (HEADER + head[2] + length > this.#sectorSize) return undefined;
    return new Uint8Array(this.#flash.read(base + HEADER + head[2], length));
  }

  write(area: string, data: Uint8Array): void {
    const name = utf8Encode(area);
    if (name.length > 255 || HEADER + name.length + data.length > this.#sectorSize) {
      throw new TinydidError('storage.too-large', `flash area ${area}: ${data.length} bytes do not fit a ${this.#sectorSize}-byte sector`);
    }
    let s = this.#sectorOf(area);
    if (s < 0) {
      for (let t = 0; t < this.#sectors && s < 0; t++) if (this.#nameAt(t) === undefined) s = t;
      if (s < 0) throw new TinydidError('storage.too-large', `flash partition full (${this.#sectors} sectors)`);
    }
    const sector = new Uint8Array(HEADER + name.length + data.length);
    sector[0] = MAGIC0;
    sector[1] = MAGIC1;
    sector[2] = name.length;
    sector[3] = data.length >> 8;
    sector[4] = data.length & 0xff;
    sector.set(name, HEADER);
    sector.set(data, HEADER + name.length);
    this.#flash.erase(s);
    // Program the header last: a cut before it leaves an erased (free) sector.
    this.#flash.write(s * this.#sectorSize + HEADER, sector.length - HEADER, sector.subarray(HEADER));
    this.#flash.write(s * this.#sectorSize, HEADER, sector.subarray(0, HEADER));
  }

  erase(area: string): void {
    const s = this.#sectorOf(area);
    if (s >= 0) this.#flash.erase(s);
  }

  areas(prefix: string): string[] {
    const out: string[] = [];
    for (let s = 0; s < this.#sectors; s++) {
      const name = this.#nameAt(s);
      if (name !== undefined && name.startsWith(prefix)) out.push(name);
    }
    return out.sort();
  }
}
