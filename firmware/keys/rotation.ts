import { utf8Decode, utf8Encode } from '../bytes/utf8';
import { TinydidError, isTinydidError } from '../errors/tinydid-error';
import type { KvStore } from '../storage/kv';
import type { KeyAttributes, KeyStore } from './key-store';
import { RecordReader, RecordWriter } from './record-bytes';

// Rotation record `rot/<name>`: version u8 | state u8 | active id (u8 length +
// bytes) | other id (u8 length + bytes). States:
//   STABLE   { active }                     one key
//   STAGED   { active: old, other: new }    new generated, not yet active
//   RETIRING { active: new, other: old }    new active, old to destroy
const VERSION = 1;
const STABLE = 0;
const STAGED = 1;
const RETIRING = 2;
// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const NAME_PATTERN = (): RegExp => /^[a-z0-9-]{1,32}$/;

interface State {
  state: number;
  active: string;
  other: string;
}

/**
 * Staged key rotation (issue "Key store", point 5): generate new, record it,
 * activate it, destroy the old one, one atomic KV put between each step. After
 * a power cut at any step, `recover()` (run by every call) finishes or undoes
 * the step so that exactly one key labelled `rotation:<name>` remains, and it
 * is the active one:
 * - a key generated but never recorded is an orphan: destroyed;
 * - STAGED: the new key exists, so the rotation rolls forward;
 * - RETIRING: the old key is destroyed (if the cut had not already done it).
 */
export class KeyRotation {
  readonly #store: KeyStore;
  readonly #kv: KvStore;
  readonly #record: string;
  readonly label: string;

  constructor(store: KeyStore, kv: KvStore, name: string) {
    if (typeof name !== 'string' || !NAME_PATTERN().test(name)) throw new TinydidError('keys.bad-argument', 'a rotation name is 1..32 characters of [a-z0-9-]');
    this.#store = store;
    this.#kv = kv;
    this.#record = `rot/${name}`;
    this.label = `rotation:${name}`;
  }

  #read(): State | undefined {
    const bytes = this.#kv.get(this.#record);
    if (bytes === undefined) return undefined;
    const r = new RecordReader(bytes);
    if (r.u8() !== VERSION) throw new TinydidError('keys.tampered', `${this.#record}: unknown version`);
    const state = { state: r.u8(), active: utf8Decode(r.bytes8()), other: utf8Decode(r.bytes8()) };
    r.end();
    if (state.state > RETIRING || state.active === '') throw new TinydidError('keys.tampered', `${this.#record}: invalid state`);
    return state;
  }

  #write(state: number, active: string, other = ''): void {
    this.#kv.put(this.#record, new RecordWriter().u8(VERSION).u8(state).bytes8(utf8Encode(active)).bytes8(utf8Encode(other)).finish());
  }

  #exists(id: string): boolean {
    try {
      this.#store.info(id);
      return true;
    } catch (error) {
      if (isTinydidError(error, 'keys.not-found')) return false;
      throw error;
    }
  }

  #destroyQuietly(id: string): void {
    if (this.#exists(id)) this.#store.destroy(id);
  }

  /** Finishes whatever a power cut interrupted; returns the active key id, if any. */
  recover(): string | undefined {
    let state = this.#read();
    if (state !== undefined && state.state === STAGED) {
      if (this.#exists(state.other)) {
        this.#write(RETIRING, state.other, state.active);
        state = { state: RETIRING, active: state.other, other: state.active };
      } else {
        this.#write(STABLE, state.active);
        state = { state: STABLE, active: state.active, other: '' };
      }
    }
    if (state !== undefined && state.state === RETIRING) {
      this.#destroyQuietly(state.other);
      this.#write(STABLE, state.active);
    }
    const active = state?.active;
    // The record is not sealed; the key it names must be one of this rotation's.
    if (active !== undefined && this.#store.info(active).label !== this.label) {
      throw new TinydidError('keys.tampered', `${this.#record} names ${active}, which is not a ${this.label} key`);
    }
    for (const key of this.#store.list()) {
      if (key.label === this.label && key.id !== active) this.#store.destroy(key.id); // orphan of a cut generate
    }
    return active;
  }

  /** The active key id, or undefined before the first key is provisioned. */
  active(): string | undefined {
    return this.recover();
  }

  /** Provisions the first key (or returns the active one when there is one already). */
  start(attributes: Omit<KeyAttributes, 'label'>): string {
    const current = this.recover();
    if (current !== undefined) return current;
    const id = this.#store.generate({ ...attributes, label: this.label });
    this.#write(STABLE, id);
    return id;
  }

  /** Replaces the active key by a new one with the same attributes; returns the new id. */
  rotate(): string {
    const old = this.recover();
    if (old === undefined) throw new TinydidError('keys.not-found', `${this.label}: no active key to rotate`);
    const info = this.#store.info(old);
    const next = this.#store.generate({ type: info.type, usage: info.usage, algorithm: info.algorithm, persistence: info.persistence, label: this.label });
    this.#write(STAGED, old, next); // 1: the new key is known
    this.#write(RETIRING, next, old); // 2: the new key is active
    this.#store.destroy(old); // 3: the old key is gone
    this.#write(STABLE, next); // 4: done
    return next;
  }
}
