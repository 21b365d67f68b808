// The Node host's key store factory: one directory per device, holding the
// device root key (root.key, 0600) and the KV records (records/*.rec), for the
// CLI and for the simulator's virtual devices.
import { join } from 'node:path';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import type { Random } from '../../firmware/host/random';
import { openKeyStore, type DeviceKeyStore, type KeyStoreProfile } from '../../firmware/keys/open-key-store';
import { KeyRotation } from '../../firmware/keys/rotation';
import { FileKv } from '../../firmware/storage/file-kv';
import type { KvStore } from '../../firmware/storage/kv';
import { loadOrCreateRootKey } from './device-root-key';
import { NodeFileSystem, type FileStep } from './file-system';
import { nodeRandom } from './random';
import { nodeSuite } from './crypto-suite';

export const RECORDS_DIR = 'records';

export interface NodeKeyStoreOptions {
  /** The device's store directory (created if missing). */
  dir: string;
  /** Fixed when the store is created; later opens may omit it (see firmware/keys/open-key-store.ts). */
  profile?: KeyStoreProfile;
  random?: Random;
  suite?: CryptoSuite;
  /** fsync files and directories (default true); off trades power-loss safety for speed. */
  fsync?: boolean;
  /** Test hook: called after each file-system step of a KV write or of the root key's creation. */
  onStep?: (step: FileStep, name: string) => void;
}

export interface NodeKeyStore {
  store: DeviceKeyStore;
  /** The device's KV storage (also for rotation records and other device state). */
  kv: KvStore;
  /** Staged rotation of the key set `name` (see firmware/keys/rotation.ts). */
  rotation(name: string): KeyRotation;
}

export function openNodeKeyStore(options: NodeKeyStoreOptions): NodeKeyStore {
  const random = options.random ?? nodeRandom;
  const suite = options.suite ?? nodeSuite;
  const rootKey = loadOrCreateRootKey(options.dir, random, { fsync: options.fsync, onStep: options.onStep });
  const kv = new FileKv(new NodeFileSystem(join(options.dir, RECORDS_DIR), { fsync: options.fsync, onStep: options.onStep }));
  const store = openKeyStore({ kv, rootKey, random, suite, profile: options.profile });
  rootKey.fill(0);
  return { store, kv, rotation: (name) => new KeyRotation(store, kv, name) };
}
