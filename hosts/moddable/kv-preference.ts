import Preference from 'preference';
import { concatBytes } from '../../firmware/bytes/concat';
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { crc32 } from '../../firmware/storage/crc32';
import { checkKvKey, checkKvValue, type KvStore } from '../../firmware/storage/kv';

/**
 * Preference limits this layer lives with (SDK 8.2 sources, see types/preference.d.ts):
 * ESP32 NVS takes domain and key names of at most 15 characters, and is atomic
 * per key (nvs_set_blob writes the new entry before it erases the old one).
 * Our record names are up to 64 characters (firmware/storage/kv.ts), so a
 * record is stored under a 15-character NVS key derived from its name, and the
 * value carries the full name so that `list` and hash collisions are exact.
 */
export const PREFERENCE_LIMITS = Object.freeze({
  maxDomainLength: 15,
  maxKeyLength: 15,
});

/** Default Preference domain (NVS namespace) of the tinydid records. */
export const DEFAULT_DOMAIN = 'tinydid';

// Stored value: nameLength u8 | name (UTF-8, ASCII by checkKvKey) | value.
function encodeEntry(name: string, value: Uint8Array): ArrayBuffer {
  const nameBytes = utf8Encode(name);
  const out = concatBytes(Uint8Array.of(nameBytes.length), nameBytes, value);
  return out.buffer as ArrayBuffer;
}

function decodeEntry(stored: unknown): { name: string; value: Uint8Array } | undefined {
  if (!(stored instanceof ArrayBuffer) || stored.byteLength < 1) return undefined;
  const bytes = new Uint8Array(stored);
  const n = bytes[0];
  if (bytes.length < 1 + n) return undefined;
  return { name: utf8Decode(bytes.subarray(1, 1 + n)), value: bytes.slice(1 + n) };
}

/** 'r' + 8 hex digits of CRC-32(name) + the 2-digit probe index: 11 characters. */
function slotKey(name: string, probe: number): string {
  const h = crc32(utf8Encode(name)).toString(16);
  return 'r' + '00000000'.slice(h.length) + h + (probe < 16 ? '0' : '') + probe.toString(16);
}

const MAX_PROBES = 8;
// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const SLOT_KEY = (): RegExp => /^r[0-9a-f]{10}$/;

/**
 * KvStore over the Moddable Preference module (ESP32 NVS; a JSON file in the
 * Linux simulator). Atomic put comes from NVS itself: one record is one NVS
 * entry. On nRF52 the Preference implementation holds values of at most 63
 * bytes, so nRF52 uses flash-records.ts with the two-copy layer instead.
 */
export class PreferenceKv implements KvStore {
  readonly #domain: string;

  constructor(domain = DEFAULT_DOMAIN) {
    if (domain.length === 0 || domain.length > PREFERENCE_LIMITS.maxDomainLength) {
      throw new TinydidError('storage.bad-key', `Preference domain must be 1..${PREFERENCE_LIMITS.maxDomainLength} characters`);
    }
    this.#domain = domain;
  }

  /** The slot holding `name`, or the first free slot (found: false). */
  #find(name: string): { key: string; found: boolean } {
    let free: string | undefined;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const key = slotKey(name, probe);
      const entry = decodeEntry(Preference.get(this.#domain, key));
      if (entry === undefined) {
        free ??= key;
        continue;
      }
      if (entry.name === name) return { key, found: true };
    }
    if (free === undefined) throw new TinydidError('storage.corrupt', `no free Preference slot for record ${name}`);
    return { key: free, found: false };
  }

  get(name: string): Uint8Array | undefined {
    checkKvKey(name);
    const slot = this.#find(name);
    if (!slot.found) return undefined;
    return decodeEntry(Preference.get(this.#domain, slot.key))?.value;
  }

  put(name: string, value: Uint8Array): void {
    checkKvKey(name);
    checkKvValue(value);
    Preference.set(this.#domain, this.#find(name).key, encodeEntry(name, value));
  }

  delete(name: string): void {
    checkKvKey(name);
    const slot = this.#find(name);
    if (slot.found) Preference.delete(this.#domain, slot.key);
  }

  list(prefix: string): string[] {
    const names: string[] = [];
    for (const key of Preference.keys(this.#domain)) {
      if (!SLOT_KEY().test(key)) continue; // another value in the same domain (the root key)
      const entry = decodeEntry(Preference.get(this.#domain, key));
      if (entry !== undefined && entry.name.startsWith(prefix)) names.push(entry.name);
    }
    return names.sort();
  }
}
