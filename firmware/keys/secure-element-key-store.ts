import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { Random } from '../host/random';
import type { KvStore } from '../storage/kv';
import { checkAttributes } from './attributes';
import { encodeStatement, type Attestation } from './attestation';
import { BoundMonotonicValues } from './bound-monotonic';
import { agreeWith, generatePrivateKey, publicKeyOf, signDigestP256 } from './key-material';
import { decodeKeyRecord, encodeKeyRecord, type StoredKey } from './key-record';
import type { AgreementRequest, KeyAttributes, KeyInfo, KeyStore, KeyStoreCapabilities } from './key-store';
import { KvCounter } from './kv-counter';
import type { MonotonicCounter, MonotonicValues } from './monotonic';
import { deriveFromRoot, type SealContext } from './sealed-record';

/**
 * ATECC608 facts this profile keeps (Microchip ATECC608A/B datasheet):
 * 16 data-zone slots; P-256 only (GenKey, Sign, ECDH); private keys are
 * generated inside and never read out; a slot can be locked for good; two
 * monotonic counters, 0..2,097,151.
 */
export const SECURE_ELEMENT_LIMITS = Object.freeze({
  slots: 16,
  /** Slot 0 holds the factory attestation key; key ids are slot-1 .. slot-15. */
  attestationSlot: 0,
  counters: 2,
  counterMax: 2097151,
});

const SLOT_PREFIX = 'se/slot/';
// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const ID_PATTERN = (): RegExp => /^slot-([1-9]|1[0-5])$/;

function slotName(slot: number): string {
  return `${SLOT_PREFIX}${slot < 10 ? '0' : ''}${slot}`;
}

export interface SecureElementKeyStoreOptions {
  /** Simulated chip memory: slots and counters, sealed under `rootKey`. */
  kv: KvStore;
  /** The simulated chip's internal secret (never leaves the simulated chip). */
  rootKey: Uint8Array;
  random: Random;
  suite: CryptoSuite;
}

/**
 * The secure-element profile, modelled on ATECC608: the simulator's stand-in
 * for real hardware, failing the way it does. P-256 sign (ES256) and ECDH
 * only, persistent slots only, no private-key import, never a fallback to
 * software. State survives restarts on top of the KV seam. Counter 0 binds the
 * monotonic values; counter 1 is free for the application.
 */
export class SecureElementKeyStore implements KeyStore {
  readonly profile = 'secure-element';
  readonly #kv: KvStore;
  readonly #ctx: SealContext;
  readonly #counters: KvCounter[];
  readonly #monotonic: BoundMonotonicValues;

  constructor(options: SecureElementKeyStoreOptions) {
    this.#kv = options.kv;
    this.#ctx = { suite: options.suite, random: options.random, recordKey: deriveFromRoot(options.suite, options.rootKey, 'records') };
    this.#counters = [0, 1].map((i) => new KvCounter(options.kv, `se/counter/${i}`, SECURE_ELEMENT_LIMITS.counterMax, this.#ctx));
    this.#monotonic = new BoundMonotonicValues(options.kv, this.#counters[0], options.suite, deriveFromRoot(options.suite, options.rootKey, 'monotonic'));
    this.#provisionAttestationKey();
  }

  /** The factory step: an attestation key in slot 0, generated once (again if a cut interrupted it). */
  #provisionAttestationKey(): void {
    const name = slotName(SECURE_ELEMENT_LIMITS.attestationSlot);
    if (this.#kv.get(name) !== undefined) return;
    const privateKey = generatePrivateKey('p256', this.#ctx.random);
    const info: KeyInfo = { id: 'attestation', type: 'p256', usage: 'sign', algorithm: 'es256', persistence: 'persistent', origin: 'generated', location: 'hardware', label: 'factory attestation key' };
    this.#kv.put(name, encodeKeyRecord(this.#ctx, name, { info, locked: true, publicKey: publicKeyOf('p256', privateKey, this.#ctx.suite), privateKey }));
    privateKey.fill(0);
  }

  capabilities(): KeyStoreCapabilities {
    return { backend: 'secure-element (ATECC608 profile)', types: { p256: 'hardware' }, privateKeyImport: false, slots: SECURE_ELEMENT_LIMITS.slots };
  }

  /** Monotonic values bound to hardware counter 0. */
  monotonic(): MonotonicValues {
    return this.#monotonic;
  }

  /** Hardware counter 1 (counter 0 binds the monotonic values and is not handed out). */
  counter(index: 1): MonotonicCounter {
    if (index !== 1) throw new TinydidError('keys.not-permitted', 'counter 0 binds the monotonic values; only counter 1 is available');
    return this.#counters[1];
  }

  generate(attributes: KeyAttributes): string {
    const attrs = checkAttributes(attributes);
    if (attrs.type !== 'p256') {
      throw new TinydidError('keys.unsupported-type', `the secure element (ATECC608 profile) holds P-256 keys only, not ${attrs.type}; it never falls back to software`);
    }
    if (attrs.persistence !== 'persistent') throw new TinydidError('keys.unsupported', 'the secure element has persistent slots only');
    let slot = 1;
    while (slot < SECURE_ELEMENT_LIMITS.slots && this.#kv.get(slotName(slot)) !== undefined) slot++;
    if (slot >= SECURE_ELEMENT_LIMITS.slots) throw new TinydidError('keys.no-free-slot', `all ${SECURE_ELEMENT_LIMITS.slots - 1} key slots are in use`);
    const id = `slot-${slot}`;
    const privateKey = generatePrivateKey('p256', this.#ctx.random);
    const key: StoredKey = { info: { ...attrs, id, origin: 'generated', location: 'hardware' }, locked: false, publicKey: publicKeyOf('p256', privateKey, this.#ctx.suite), privateKey };
    this.#kv.put(slotName(slot), encodeKeyRecord(this.#ctx, slotName(slot), key));
    privateKey.fill(0);
    return id;
  }

  import(_attributes: KeyAttributes, _privateKey: Uint8Array): string {
    throw new TinydidError('keys.unsupported', 'the secure element refuses private-key import: its keys are generated inside');
  }

  #slot(id: string): number {
    const m = typeof id === 'string' ? ID_PATTERN().exec(id) : null;
    if (m === null) throw new TinydidError('keys.not-found', `no key ${String(id)} (secure-element ids are slot-1 .. slot-15)`);
    return Number(m[1]);
  }

  #load(id: string): StoredKey {
    const slot = this.#slot(id);
    const record = this.#kv.get(slotName(slot));
    if (record === undefined) throw new TinydidError('keys.not-found', `slot ${slot} is empty`);
    const key = decodeKeyRecord(this.#ctx, slotName(slot), id, record);
    if (key.info.type !== 'p256' || key.info.location !== 'hardware' || key.info.origin !== 'generated') {
      key.privateKey.fill(0);
      throw new TinydidError('keys.tampered', `slot ${slot} holds a key this element cannot have made`);
    }
    return key;
  }

  #use<T>(id: string, usage: KeyInfo['usage'], op: (key: StoredKey) => T): T {
    const key = this.#load(id);
    try {
      if (key.info.usage !== usage) throw new TinydidError('keys.not-permitted', `key ${id} is a ${key.info.usage} key; it cannot ${usage}`);
      return op(key);
    } finally {
      key.privateKey.fill(0);
    }
  }

  /** ES256: the host hashes (SHA-256), the element signs the digest, as ATECC608's Sign command does. */
  sign(id: string, message: Uint8Array): Uint8Array {
    if (!(message instanceof Uint8Array)) throw new TinydidError('keys.bad-argument', 'message must be a Uint8Array');
    return this.#use(id, 'sign', (key) => signDigestP256(key.privateKey, this.#ctx.suite.sha256(message)));
  }

  agree(id: string, request: AgreementRequest): Uint8Array {
    return this.#use(id, 'derive', (key) => agreeWith('p256', key.privateKey, request, this.#ctx.suite));
  }

  exportPublic(id: string): Uint8Array {
    const key = this.#load(id);
    key.privateKey.fill(0);
    return key.publicKey.slice();
  }

  info(id: string): KeyInfo {
    const key = this.#load(id);
    key.privateKey.fill(0);
    return { ...key.info };
  }

  locked(id: string): boolean {
    const key = this.#load(id);
    key.privateKey.fill(0);
    return key.locked;
  }

  list(): KeyInfo[] {
    const out: KeyInfo[] = [];
    for (let slot = 1; slot < SECURE_ELEMENT_LIMITS.slots; slot++) {
      if (this.#kv.get(slotName(slot)) !== undefined) out.push(this.info(`slot-${slot}`));
    }
    return out;
  }

  /** Locks the slot for good (ATECC608 Lock command, slot mode): it can no longer be destroyed or regenerated. */
  lock(id: string): void {
    const key = this.#load(id);
    try {
      if (key.locked) return;
      key.locked = true;
      this.#kv.put(slotName(this.#slot(id)), encodeKeyRecord(this.#ctx, slotName(this.#slot(id)), key));
    } finally {
      key.privateKey.fill(0);
    }
  }

  destroy(id: string): void {
    const key = this.#load(id);
    key.privateKey.fill(0);
    if (key.locked) throw new TinydidError('keys.slot-locked', `slot ${this.#slot(id)} is locked; its key cannot be destroyed`);
    this.#kv.delete(slotName(this.#slot(id)));
  }

  /** The factory attestation key's public key (65-byte SEC1), which the manufacturer publishes. */
  attestationPublicKey(): Uint8Array {
    const name = slotName(SECURE_ELEMENT_LIMITS.attestationSlot);
    const record = this.#kv.get(name);
    if (record === undefined) throw new TinydidError('keys.not-found', 'no attestation key');
    const key = decodeKeyRecord(this.#ctx, name, 'attestation', record);
    key.privateKey.fill(0);
    return key.publicKey;
  }

  /**
   * Attests a key: the factory attestation key signs (ES256) the statement
   * `nonce || slot || flags || public key` in the format of attestation.ts.
   */
  attest(id: string, nonce: Uint8Array): Attestation {
    const key = this.#load(id);
    key.privateKey.fill(0);
    const statement = encodeStatement({ slot: this.#slot(id), generatedInside: true, locked: key.locked, usage: key.info.usage, publicKey: key.publicKey }, nonce);
    const name = slotName(SECURE_ELEMENT_LIMITS.attestationSlot);
    const record = this.#kv.get(name);
    if (record === undefined) throw new TinydidError('keys.not-found', 'no attestation key');
    const attestationKey = decodeKeyRecord(this.#ctx, name, 'attestation', record);
    try {
      return { statement, signature: signDigestP256(attestationKey.privateKey, this.#ctx.suite.sha256(statement)) };
    } finally {
      attestationKey.privateKey.fill(0);
    }
  }
}
