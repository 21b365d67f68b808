import type { KeyStore } from '../keys/key-store';

/**
 * Which verification methods (DID URLs) an agent holds private keys for, and
 * where: the key store id of each. Every private-key operation goes through
 * `store` (DESIGN section 3); the ring only maps names.
 */
export interface KeyRing {
  readonly store: KeyStore;
  /** Key store id for the verification method `kid`, when this agent holds it. */
  keyId(kid: string): string | undefined;
  /** Every kid held, in the order they were added. */
  kids(): string[];
}

/** A KeyRing over a fixed table kid -> key store id. */
export class MapKeyRing implements KeyRing {
  readonly store: KeyStore;
  readonly #ids = new Map<string, string>();

  constructor(store: KeyStore, entries: Iterable<readonly [string, string]> = []) {
    this.store = store;
    for (const [kid, id] of entries) this.#ids.set(kid, id);
  }

  add(kid: string, keyStoreId: string): this {
    this.#ids.set(kid, keyStoreId);
    return this;
  }

  keyId(kid: string): string | undefined {
    return this.#ids.get(kid);
  }

  kids(): string[] {
    return [...this.#ids.keys()];
  }
}
