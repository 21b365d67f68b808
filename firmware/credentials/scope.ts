// Grant scope: which data classes a grantee may access with which actions.
// Encoded as AIF (RFC 9237 section 2, AIF-Generic = [* [Toid, Tperm]]) with
// Toid = data class number and Tperm = action bit mask, wrapped in the byte
// string of the CWT `scope` claim (RFC 9200 section 5.8.1: text or bytes).
import { decodeCbor } from '../cbor/decode';
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { CREDENTIAL_LIMITS } from './limits';

/** Data classes by number (the AIF Toid). Never renumber; append only. */
export const DATA_CLASSES = Object.freeze(['glucose', 'location', 'gait'] as const);
export type DataClass = (typeof DATA_CLASSES)[number];

/** Actions by bit (the AIF Tperm): read = 1, subscribe = 2. */
export const ACTIONS = Object.freeze(['read', 'subscribe'] as const);
export type Action = (typeof ACTIONS)[number];

export interface ScopeEntry {
  dataClass: DataClass;
  actions: Action[];
}

/**
 * A scope as a permission mask: bit (class * ACTIONS.length + action). Narrowing
 * is a subset test: `(child & ~parent) === 0`.
 */
export type Permissions = number;

const ALL_ACTIONS = (1 << ACTIONS.length) - 1;

function bad(why: string): never {
  throw new TinydidError('grant.malformed', why);
}

export function dataClassId(name: string): number {
  const id = (DATA_CLASSES as readonly string[]).indexOf(name);
  if (id < 0) bad(`unknown data class ${JSON.stringify(name.slice(0, 40))} (${DATA_CLASSES.join(', ')})`);
  return id;
}

export function actionBit(name: string): number {
  const i = (ACTIONS as readonly string[]).indexOf(name);
  if (i < 0) bad(`unknown action ${JSON.stringify(name.slice(0, 40))} (${ACTIONS.join(', ')})`);
  return 1 << i;
}

/** The permission mask of scope entries (names checked). */
export function permissionsOf(entries: readonly ScopeEntry[]): Permissions {
  let mask = 0;
  for (const e of entries) {
    const id = dataClassId(e.dataClass);
    for (const a of e.actions) mask |= actionBit(a) << (id * ACTIONS.length);
  }
  return mask;
}

/** The scope entries of a mask, in data-class order. */
export function entriesOf(mask: Permissions): ScopeEntry[] {
  const out: ScopeEntry[] = [];
  DATA_CLASSES.forEach((dataClass, id) => {
    const bits = (mask >> (id * ACTIONS.length)) & ALL_ACTIONS;
    if (bits !== 0) out.push({ dataClass, actions: ACTIONS.filter((_a, i) => (bits & (1 << i)) !== 0) });
  });
  return out;
}

/** True when `mask` allows `action` on `dataClass` (false for names it does not know). */
export function covers(mask: Permissions, dataClass: string, action: string): boolean {
  const id = (DATA_CLASSES as readonly string[]).indexOf(dataClass);
  const bit = (ACTIONS as readonly string[]).indexOf(action);
  return id >= 0 && bit >= 0 && (mask & (1 << (id * ACTIONS.length + bit))) !== 0;
}

/** True when `child` grants nothing `parent` does not. */
export function isNarrowing(child: Permissions, parent: Permissions): boolean {
  return (child & ~parent) === 0;
}

/** The AIF bytes of a mask: [* [class, actions]] in class order. */
export function encodeScope(mask: Permissions): Uint8Array {
  if (mask === 0) bad('a scope grants at least one action on one data class');
  return encodeCbor(entriesOf(mask).map((e) => [dataClassId(e.dataClass), e.actions.reduce((m, a) => m | actionBit(a), 0)]));
}

/**
 * Parses AIF scope bytes strictly: a non-empty array of [class, actions]
 * pairs, classes known, ascending and unique, actions a non-zero mask of
 * known bits. Throws `grant.malformed` or `grant.too-large`.
 */
export function decodeScope(bytes: Uint8Array): Permissions {
  let value: CborValue;
  try {
    value = decodeCbor(bytes, { maxDepth: 3, maxInput: 256 });
  } catch (cause) {
    throw new TinydidError('grant.malformed', `scope is not CBOR AIF: ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(value) || value.length === 0) return bad('scope is a non-empty AIF array (RFC 9237 section 2)');
  if (value.length > CREDENTIAL_LIMITS.maxScopeEntries) throw new TinydidError('grant.too-large', `scope has ${value.length} entries; the limit is ${CREDENTIAL_LIMITS.maxScopeEntries}`);
  let mask = 0;
  let last = -1;
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2) return bad('a scope entry is [data class, actions]');
    const [cls, perms] = entry;
    if (typeof cls !== 'number' || !Number.isInteger(cls) || cls < 0 || cls >= DATA_CLASSES.length) return bad(`unknown data class ${String(cls)}`);
    if (cls <= last) return bad('scope entries must be in ascending, unique data-class order');
    if (typeof perms !== 'number' || !Number.isInteger(perms) || perms <= 0 || perms > ALL_ACTIONS) return bad(`bad action mask ${String(perms)}`);
    mask |= perms << (cls * ACTIONS.length);
    last = cls;
  }
  return mask;
}
