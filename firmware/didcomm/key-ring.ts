import type { KeyStore, KeyUsage } from '../keys/key-store';

/**
 * Which verification methods (DID URLs) an agent holds private keys for, and
 * where: the key store id of each. Every private-key operation goes through
 * `store` (DESIGN section 3); the ring only maps names.
 */
export interface KeyRing {
  readonly store: KeyStore;
  /** Key store id of the private key for verification method `kid` with `usage`, when this agent holds it. */
  keyId(kid: string, usage: KeyUsage): string | undefined;
  /** Every kid held, in the order they were added. */
  kids(): string[];
}

/** A KeyRing over a table (kid, usage) -> key store id. */
export class MapKeyRing implements KeyRing {
  readonly store: KeyStore;
  readonly #ids = new Map<string, string>();

  readonly #kids: string[] = [];

  constructor(store: KeyStore) {
    this.store = store;
  }

  add(kid: string, usage: KeyUsage, keyStoreId: string): this {
    if (!this.#kids.includes(kid)) this.#kids.push(kid);
    this.#ids.set(`${usage} ${kid}`, keyStoreId);
    return this;
  }

  keyId(kid: string, usage: KeyUsage): string | undefined {
    return this.#ids.get(`${usage} ${kid}`);
  }

  kids(): string[] {
    return this.#kids.slice();
  }
}
