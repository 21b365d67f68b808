import { toHex } from '../bytes/hex';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { Random } from '../host/random';
import type { KvStore } from '../storage/kv';
import { checkAttributes } from './attributes';
import { BoundMonotonicValues } from './bound-monotonic';
import { agreeWith, checkPrivateKey, generatePrivateKey, publicKeyOf, signWith } from './key-material';
import { decodeKeyRecord, encodeKeyRecord, type StoredKey } from './key-record';
import type { AgreementRequest, KeyAttributes, KeyInfo, KeyStore, KeyStoreCapabilities } from './key-store';
import { KvCounter } from './kv-counter';
import type { MonotonicValues } from './monotonic';
import { deriveFromRoot, type SealContext } from './sealed-record';

const PREFIX = 'key/';
// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const ID_PATTERN = (): RegExp => /^[0-9a-f]{16}$/;
/** The software counter has no hardware limit; u32 keeps the record small. */
const SOFTWARE_COUNTER_MAX = 0xffffffff;

export interface SoftwareKeyStoreOptions {
  kv: KvStore;
  /** 32-byte device root key from the host (a file on Node, eFuse-protected flash on ESP32). */
  rootKey: Uint8Array;
  random: Random;
  suite: CryptoSuite;
}

function cloneInfo(info: KeyInfo): KeyInfo {
  return { ...info };
}

/**
 * The software backend: private keys encrypted at rest (ChaCha20-Poly1305)
 * under a key derived from the device root key, with the key id and every
 * attribute bound as AAD, so an edited or swapped record is `keys.tampered`.
 * Volatile keys live in memory only. It holds every type, in software, and
 * says so in capabilities() and in every KeyInfo.
 */
export class SoftwareKeyStore implements KeyStore {
  readonly profile = 'software';
  readonly #kv: KvStore;
  readonly #ctx: SealContext;
  readonly #volatile = new Map<string, StoredKey>();
  readonly #monotonic: BoundMonotonicValues;

  constructor(options: SoftwareKeyStoreOptions) {
    this.#kv = options.kv;
    this.#ctx = { suite: options.suite, random: options.random, recordKey: deriveFromRoot(options.suite, options.rootKey, 'records') };
    const counter = new KvCounter(options.kv, 'mono/counter', SOFTWARE_COUNTER_MAX, this.#ctx);
    this.#monotonic = new BoundMonotonicValues(options.kv, counter, options.suite, deriveFromRoot(options.suite, options.rootKey, 'monotonic'));
  }

  capabilities(): KeyStoreCapabilities {
    return { backend: 'software', types: { ed25519: 'software', x25519: 'software', p256: 'software' }, privateKeyImport: true };
  }

  /** Monotonic values (software counter: see kv-counter.ts for what it cannot stop). */
  monotonic(): MonotonicValues {
    return this.#monotonic;
  }

  #newId(): string {
    for (;;) {
      const id = toHex(this.#ctx.random.fill(new Uint8Array(8)));
      if (!this.#volatile.has(id) && this.#kv.get(PREFIX + id) === undefined) return id;
    }
  }

  #create(attributes: KeyAttributes, privateKey: Uint8Array, origin: KeyInfo['origin']): string {
    const id = this.#newId();
    const info: KeyInfo = { ...attributes, id, origin, location: 'software' };
    const key: StoredKey = { info, locked: false, publicKey: publicKeyOf(attributes.type, privateKey, this.#ctx.suite), privateKey };
    if (attributes.persistence === 'volatile') {
      this.#volatile.set(id, key);
    } else {
      this.#kv.put(PREFIX + id, encodeKeyRecord(this.#ctx, PREFIX + id, key));
      privateKey.fill(0);
    }
    return id;
  }

  generate(attributes: KeyAttributes): string {
    const attrs = checkAttributes(attributes);
    return this.#create(attrs, generatePrivateKey(attrs.type, this.#ctx.random), 'generated');
  }

  import(attributes: KeyAttributes, privateKey: Uint8Array): string {
    const attrs = checkAttributes(attributes);
    return this.#create(attrs, checkPrivateKey(attrs.type, privateKey), 'imported');
  }

  /** Loads a key; the caller wipes `privateKey` of a persistent key after use. */
  #load(id: string): StoredKey {
    if (typeof id !== 'string' || !ID_PATTERN().test(id)) throw new TinydidError('keys.not-found', `no key ${String(id)}`);
    const volatile = this.#volatile.get(id);
    if (volatile !== undefined) return { ...volatile, privateKey: volatile.privateKey.slice() };
    const record = this.#kv.get(PREFIX + id);
    if (record === undefined) throw new TinydidError('keys.not-found', `no key ${id}`);
    return decodeKeyRecord(this.#ctx, PREFIX + id, id, record);
  }

  #use<T>(id: string, usage: KeyInfo['usage'], op: (key: StoredKey) => T): T {
    const key = this.#load(id);
    try {
      // PSA Crypto API 1.1 section 9.5: an operation the key's usage does not allow is refused.
      if (key.info.usage !== usage) throw new TinydidError('keys.not-permitted', `key ${id} is a ${key.info.usage} key; it cannot ${usage}`);
      return op(key);
    } finally {
      key.privateKey.fill(0);
    }
  }

  sign(id: string, message: Uint8Array): Uint8Array {
    if (!(message instanceof Uint8Array)) throw new TinydidError('keys.bad-argument', 'message must be a Uint8Array');
    return this.#use(id, 'sign', (key) => signWith(key.info.type, key.privateKey, key.publicKey, message));
  }

  agree(id: string, request: AgreementRequest): Uint8Array {
    return this.#use(id, 'derive', (key) => agreeWith(key.info.type, key.privateKey, request, this.#ctx.suite));
  }

  exportPublic(id: string): Uint8Array {
    const key = this.#load(id);
    key.privateKey.fill(0);
    return key.publicKey.slice();
  }

  info(id: string): KeyInfo {
    const key = this.#load(id);
    key.privateKey.fill(0);
    return cloneInfo(key.info);
  }

  list(): KeyInfo[] {
    const ids = [...this.#volatile.keys(), ...this.#kv.list(PREFIX).map((name) => name.slice(PREFIX.length))];
    return ids.filter((id) => ID_PATTERN().test(id)).sort().map((id) => this.info(id));
  }

  destroy(id: string): void {
    const key = this.#load(id);
    key.privateKey.fill(0);
    const volatile = this.#volatile.get(id);
    if (volatile !== undefined) {
      volatile.privateKey.fill(0);
      this.#volatile.delete(id);
      return;
    }
    // Best effort: the record (ciphertext only) is deleted; the medium may keep
    // old blocks until they are reused, which is why records are sealed.
    this.#kv.delete(PREFIX + id);
  }
}
