import { checkKvKey, checkKvValue, type KvStore } from './kv';

/**
 * In-memory KV for volatile stores (keys that never persist, gateway tables)
 * and for tests on both engines:
 * puts are trivially atomic; nothing survives a restart. Values are copied
 * in and out, so a caller cannot change a stored record by accident.
 */
export class MemoryKv implements KvStore {
  readonly #records = new Map<string, Uint8Array>();

  get(key: string): Uint8Array | undefined {
    const value = this.#records.get(checkKvKey(key));
    return value === undefined ? undefined : value.slice();
  }

  put(key: string, value: Uint8Array): void {
    this.#records.set(checkKvKey(key), checkKvValue(value).slice());
  }

  delete(key: string): void {
    this.#records.delete(checkKvKey(key));
  }

  list(prefix: string): string[] {
    return [...this.#records.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
