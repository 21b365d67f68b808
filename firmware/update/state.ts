// The update state persisted through the KV seam (one record per put, so
// every change is atomic: DESIGN section 3). `update/state` is the redo log
// of an update in progress; `update/installed` describes the confirmed image.
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import { TinydidError } from '../errors/tinydid-error';
import type { KvStore } from '../storage/kv';

export type UpdatePhase =
  /** The inactive slot is being erased and written. */
  | 'downloading'
  /** The image was verified and read back; the boot loader was (or is being) asked to test it. */
  | 'pending'
  /** The test boot passed its self-test; confirm and the sequence commit are under way. */
  | 'confirming';

export interface UpdateRecord {
  readonly phase: UpdatePhase;
  readonly slot: number;
  readonly sequence: number;
  /** SHA-256 of the image. */
  readonly digest: Uint8Array;
  readonly size: number;
}

export interface InstalledRecord {
  readonly slot: number;
  readonly sequence: number;
  readonly digest: Uint8Array;
  readonly size: number;
}

/** The KV seam operations the update code uses (firmware/storage KvStore). */
export type UpdateKv = Pick<KvStore, 'get' | 'put' | 'delete'>;

export const STATE_KEY = 'update/state';
export const INSTALLED_KEY = 'update/installed';
const PHASES: readonly string[] = Object.freeze(['downloading', 'pending', 'confirming']);

function corrupt(what: string): TinydidError {
  return new TinydidError('suit.bad-state', `the persisted ${what} record is corrupt`);
}

function read(kv: UpdateKv, key: string): Map<unknown, unknown> | undefined {
  const bytes = kv.get(key);
  if (bytes === undefined) return undefined;
  let value;
  try {
    value = decodeCbor(bytes, { maxDepth: 2, maxInput: 256 });
  } catch (error) {
    throw new TinydidError('suit.bad-state', `the persisted ${key} record is not CBOR`, { cause: error });
  }
  if (!(value instanceof Map)) throw corrupt(key);
  return value;
}

function uint(map: Map<unknown, unknown>, key: number, what: string): number {
  const v = map.get(key);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw corrupt(what);
  return v;
}

function digestOf(map: Map<unknown, unknown>, what: string): Uint8Array {
  const v = map.get(4);
  if (!(v instanceof Uint8Array) || v.length !== 32) throw corrupt(what);
  return v;
}

export function readUpdateRecord(kv: UpdateKv): UpdateRecord | undefined {
  const map = read(kv, STATE_KEY);
  if (map === undefined) return undefined;
  const phase = map.get(1);
  if (typeof phase !== 'string' || !PHASES.includes(phase)) throw corrupt(STATE_KEY);
  return Object.freeze({ phase: phase as UpdatePhase, slot: uint(map, 2, STATE_KEY), sequence: uint(map, 3, STATE_KEY), digest: digestOf(map, STATE_KEY), size: uint(map, 5, STATE_KEY) });
}

export function writeUpdateRecord(kv: UpdateKv, record: UpdateRecord): void {
  kv.put(STATE_KEY, encodeCbor(new Map<number, string | number | Uint8Array>([[1, record.phase], [2, record.slot], [3, record.sequence], [4, record.digest], [5, record.size]])));
}

export function readInstalledRecord(kv: UpdateKv): InstalledRecord | undefined {
  const map = read(kv, INSTALLED_KEY);
  if (map === undefined) return undefined;
  return Object.freeze({ slot: uint(map, 2, INSTALLED_KEY), sequence: uint(map, 3, INSTALLED_KEY), digest: digestOf(map, INSTALLED_KEY), size: uint(map, 5, INSTALLED_KEY) });
}

export function writeInstalledRecord(kv: UpdateKv, record: InstalledRecord): void {
  kv.put(INSTALLED_KEY, encodeCbor(new Map<number, number | Uint8Array>([[2, record.slot], [3, record.sequence], [4, record.digest], [5, record.size]])));
}
