// The power-loss sweep shared by both lanes: a sequence of key-store operations
// (generation, signing, agreement, rotation, counter increments and advances,
// destruction) run over a fault-injecting medium that cuts the power at step N,
// for every N and every torn variant; then the next boot reopens the store and
// checks the invariants of issue 4 point 7.
import { toHex } from '../../firmware/bytes/hex';
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { defaultAttributes } from '../../firmware/keys/attributes';
import { openKeyStore, type DeviceKeyStore, type KeyStoreProfile } from '../../firmware/keys/open-key-store';
import { KeyRotation } from '../../firmware/keys/rotation';
import { FileKv } from '../../firmware/storage/file-kv';
import type { KvStore } from '../../firmware/storage/kv';
import { TwoCopyKv } from '../../firmware/storage/two-copy-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { fail } from '../support/assert';
import { FaultPlan, FaultyFileSystem, FaultyFlash, PowerCut, TORN_VARIANTS, type Cut } from './storage-fault-media';

export type MediumKind = 'file' | 'flash';
export const ROOT_KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const MESSAGE = Uint8Array.of(1, 2, 3);
const ROTATION = 'device';

/** What the store holds after an operation completed. */
export interface Snapshot {
  keys: Map<string, string>; // id -> public key hex (keys outside the rotation)
  active: string | undefined; // the rotation's active key
  values: Map<string, number>; // monotonic values
}

/** How an operation may change the snapshot (used to decide what a cut may leave). */
export interface Op {
  name: string;
  run(s: Session): void;
  creates?: boolean; // may add one key outside the rotation
  destroys?: string; // the key (by role) it removes
  rotates?: boolean;
  value?: { name: string; next: (v: number) => number };
}

export interface Session {
  kv: KvStore;
  store: DeviceKeyStore;
  rotation: KeyRotation;
  roles: Map<string, string>; // role -> key id
}

function signType(profile: KeyStoreProfile) {
  return profile === 'secure-element' ? defaultAttributes('p256', 'sign') : defaultAttributes('ed25519', 'sign');
}

function deriveType(profile: KeyStoreProfile) {
  return profile === 'secure-element' ? defaultAttributes('p256', 'derive') : defaultAttributes('x25519', 'derive');
}

function peerKey(profile: KeyStoreProfile): Uint8Array {
  const scalar = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
  return profile === 'secure-element' ? suite.p256PublicKey(scalar) : suite.x25519PublicKey(scalar);
}

/** The sequence: every kind of write the key store makes. */
export function operations(profile: KeyStoreProfile): Op[] {
  const hkdf = { peers: [peerKey(profile)], derivation: { kdf: 'hkdf-sha256' as const, info: Uint8Array.of(1), length: 32 } };
  return [
    { name: 'rotation start', run: (s) => void s.rotation.start(signType(profile)), rotates: true },
    { name: 'sign', run: (s) => void s.store.sign(s.rotation.active() as string, MESSAGE) },
    { name: 'increment readings', run: (s) => void s.store.monotonic().increment('readings'), value: { name: 'readings', next: (v) => v + 1 } },
    { name: 'increment readings', run: (s) => void s.store.monotonic().increment('readings'), value: { name: 'readings', next: (v) => v + 1 } },
    { name: 'advance firmware to 7', run: (s) => void s.store.monotonic().advanceTo('firmware', 7), value: { name: 'firmware', next: () => 7 } },
    { name: 'generate derive key', run: (s) => void s.roles.set('derive', s.store.generate(deriveType(profile))), creates: true },
    { name: 'agree', run: (s) => void s.store.agree(s.roles.get('derive') as string, hkdf) },
    { name: 'rotate', run: (s) => void s.rotation.rotate(), rotates: true },
    { name: 'increment readings', run: (s) => void s.store.monotonic().increment('readings'), value: { name: 'readings', next: (v) => v + 1 } },
    { name: 'advance firmware to 1000', run: (s) => void s.store.monotonic().advanceTo('firmware', 1000), value: { name: 'firmware', next: () => 1000 } },
    { name: 'rotate', run: (s) => void s.rotation.rotate(), rotates: true },
    { name: 'destroy derive key', run: (s) => s.store.destroy(s.roles.get('derive') as string), destroys: 'derive' },
  ];
}

interface Medium {
  plan: FaultPlan;
  open(): KvStore;
}

function medium(kind: MediumKind, plan: FaultPlan): Medium {
  if (kind === 'file') {
    const fs = new FaultyFileSystem(plan);
    return { plan, open: () => new FileKv(fs) };
  }
  const flash = new FaultyFlash(plan);
  return { plan, open: () => new TwoCopyKv(flash) };
}

export function boot(kv: KvStore, profile: KeyStoreProfile, seed: number): Session {
  const store = openKeyStore({ kv, rootKey: ROOT_KEY, random: xsTestRandom(seed), suite, profile });
  return { kv, store, rotation: new KeyRotation(store, kv, ROTATION), roles: new Map() };
}

export function snapshot(s: Session): Snapshot {
  const keys = new Map<string, string>();
  for (const info of s.store.list()) if (info.label !== s.rotation.label) keys.set(info.id, toHex(s.store.exportPublic(info.id)));
  const values = new Map<string, number>();
  const mono = s.store.monotonic();
  for (const name of mono.names()) values.set(name, mono.read(name));
  return { keys, active: s.rotation.active(), values };
}

function verifies(s: Session, id: string): boolean {
  const info = s.store.info(id);
  const signature = s.store.sign(id, MESSAGE);
  const pub = s.store.exportPublic(id);
  return info.type === 'p256' ? suite.p256Verify(signature, MESSAGE, pub) : suite.ed25519Verify(signature, MESSAGE, pub);
}

/** Runs the sequence; returns the snapshots before each op and the op a cut interrupted (index), if any. */
function runSequence(m: Medium, profile: KeyStoreProfile): { snapshots: Snapshot[]; cutDuring: number } {
  const snapshots: Snapshot[] = [];
  const ops = operations(profile);
  let s: Session;
  try {
    s = boot(m.open(), profile, 1);
  } catch (error) {
    if (error instanceof PowerCut) return { snapshots, cutDuring: -1 };
    throw error;
  }
  snapshots.push(snapshot(s));
  for (let i = 0; i < ops.length; i++) {
    try {
      ops[i].run(s);
    } catch (error) {
      if (error instanceof PowerCut) return { snapshots, cutDuring: i };
      throw error;
    }
    snapshots.push(snapshot(s));
  }
  return { snapshots, cutDuring: ops.length };
}

/** Counts the steps of an uninterrupted run, and which of them can tear. */
export function referenceRun(kind: MediumKind, profile: KeyStoreProfile): { steps: number; tearable: boolean[] } {
  const plan = new FaultPlan();
  runSequence(medium(kind, plan), profile);
  return { steps: plan.steps, tearable: plan.tearable };
}

/** Every cut of the reference run: before each step, and each torn variant of each tearable step. */
export function allCuts(reference: { steps: number; tearable: boolean[] }): Cut[] {
  const cuts: Cut[] = [];
  for (let at = 1; at <= reference.steps; at++) {
    cuts.push({ at });
    if (reference.tearable[at - 1]) for (let torn = 0; torn < TORN_VARIANTS; torn++) cuts.push({ at, torn });
  }
  return cuts;
}

function describeCut(kind: MediumKind, profile: KeyStoreProfile, cut: Cut, op: string): string {
  return `${kind}/${profile}, cut before step ${cut.at}${cut.torn !== undefined ? ` (torn variant ${cut.torn})` : ''} during "${op}"`;
}

/**
 * Cuts the power at `cut`, boots again on the same medium, and checks: the store
 * opens; every key outside the rotation is in its old or new state (none lost,
 * none changed); the rotation has exactly one usable active key (the old or a
 * new one); every monotonic value is its old or new value, never lower.
 * Returns the operation the cut interrupted.
 */
export function checkCut(kind: MediumKind, profile: KeyStoreProfile, cut: Cut): string {
  const m = medium(kind, new FaultPlan(cut));
  const { snapshots, cutDuring } = runSequence(m, profile);
  const ops = operations(profile);
  const op = cutDuring < 0 ? 'first open' : cutDuring < ops.length ? ops[cutDuring].name : 'none';
  const where = describeCut(kind, profile, cut, op);
  m.plan.revive();
  let s: Session;
  let after: Snapshot;
  try {
    s = boot(m.open(), profile, 2);
    after = snapshot(s);
  } catch (error) {
    return fail(`${where}: the store does not open: ${(error as Error).message}`);
  }
  checkInvariants(where, snapshots[snapshots.length - 1], cutDuring >= 0 && cutDuring < ops.length ? ops[cutDuring] : undefined, s, after);
  // And the store keeps working after the cut.
  s.store.monotonic().increment('readings');
  return op;
}

/**
 * The invariants after a reboot: `before` is the snapshot after the last
 * completed operation (undefined when the cut hit the first open), `current`
 * the operation the cut interrupted, `s`/`after` the rebooted store.
 */
export function checkInvariants(where: string, before: Snapshot | undefined, current: Op | undefined, s: Session, after: Snapshot): void {
  if (before === undefined) {
    // Cut during the very first open: nothing was promised yet; the store must open empty.
    if (after.keys.size !== 0 || after.active !== undefined) fail(`${where}: a fresh store has keys`);
    return;
  }
  // Keys outside the rotation: old state or new state.
  for (const [id, pub] of before.keys) {
    const now = after.keys.get(id);
    if (now === undefined && current?.destroys === undefined) fail(`${where}: key ${id} was lost`);
    if (now !== undefined && now !== pub) fail(`${where}: key ${id} changed its public key`);
  }
  const added = [...after.keys.keys()].filter((id) => !before.keys.has(id));
  if (added.length > (current?.creates ? 1 : 0)) fail(`${where}: ${added.length} unexpected keys appeared`);
  // Rotation: exactly one usable active key (once one was provisioned).
  const labelled = s.store.list().filter((k) => k.label === s.rotation.label);
  if (before.active !== undefined) {
    if (after.active === undefined) fail(`${where}: the active key was lost`);
    if (after.active !== before.active && !current?.rotates) fail(`${where}: the active key changed outside a rotation`);
  }
  if (labelled.length !== (after.active === undefined ? 0 : 1)) fail(`${where}: ${labelled.length} rotation keys for ${after.active === undefined ? 'no' : 'one'} active key`);
  if (after.active !== undefined && !verifies(s, after.active)) fail(`${where}: the active key does not sign`);
  // Monotonic values: old or new, never lower.
  for (const [name, value] of after.values) {
    const old = before.values.get(name) ?? 0;
    const allowed = current?.value?.name === name ? [old, current.value.next(old)] : [old];
    if (!allowed.includes(value)) fail(`${where}: ${name} is ${value}; expected ${allowed.join(' or ')}`);
  }
  for (const [name, value] of before.values) {
    if ((after.values.get(name) ?? 0) < value) fail(`${where}: ${name} went backwards`);
  }
}
