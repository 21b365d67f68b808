// hosts/node: the key store factory, the device root key file, the file KV.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAttributes } from '../../firmware/keys/attributes';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { openNodeKeyStore } from '../../hosts/node/key-store';
import { NodeFileSystem, type FileStep } from '../../hosts/node/file-system';
import { FileKv } from '../../firmware/storage/file-kv';
import { deepEqual, equal, ok, throws } from '../support/assert';

const MSG = Uint8Array.of(1, 2, 3);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tinydid-node-store-'));
}

describe('hosts/node: key store factory', () => {
  it('creates root.key (0600, 32 bytes) on first run and reopens the same keys', () => {
    const dir = join(tempDir(), 'device-1');
    const first = openNodeKeyStore({ dir, profile: 'software' });
    const id = first.store.generate(defaultAttributes('ed25519', 'sign'));
    const rootKey = statSync(join(dir, 'root.key'));
    equal(rootKey.mode & 0o777, 0o600);
    equal(rootKey.size, 32);
    equal(statSync(dir).mode & 0o777, 0o700);
    const again = openNodeKeyStore({ dir });
    equal(again.store.profile, 'software');
    ok(nodeSuite.ed25519Verify(again.store.sign(id, MSG), MSG, first.store.exportPublic(id)));
    throws(() => openNodeKeyStore({ dir, profile: 'secure-element' }), 'keys.profile-mismatch');
  });
  it('a root key file of the wrong length is keys.bad-key; another root key makes every record keys.tampered', () => {
    const dir = tempDir();
    const { store } = openNodeKeyStore({ dir, profile: 'secure-element' });
    const id = store.generate(defaultAttributes('p256', 'sign'));
    writeFileSync(join(dir, 'root.key'), new Uint8Array(32).fill(7));
    throws(() => openNodeKeyStore({ dir }), 'keys.tampered');
    writeFileSync(join(dir, 'root.key'), new Uint8Array(31));
    throws(() => openNodeKeyStore({ dir }), 'keys.bad-key');
    equal(id, 'slot-1');
  });
  it('fsync: false works the same (for fleets that accept losing power-loss safety)', () => {
    const dir = tempDir();
    const steps: FileStep[] = [];
    const { store, rotation } = openNodeKeyStore({ dir, profile: 'software', fsync: false, onStep: (s) => steps.push(s) });
    const active = rotation('device').start(defaultAttributes('ed25519', 'sign'));
    equal(rotation('device').active(), active);
    ok(store.sign(active, MSG).length === 64);
    equal(steps.includes('fsync') || steps.includes('fsync-dir'), false);
    ok(steps.includes('rename'));
  });
  it('record files are hex-named .rec files; a write goes open, write, fsync, rename, fsync-dir', () => {
    const dir = tempDir();
    const steps: FileStep[] = [];
    const kv = new FileKv(new NodeFileSystem(dir, { onStep: (s) => steps.push(s) }));
    kv.put('a/b', Uint8Array.of(5));
    deepEqual(steps, ['open', 'write', 'fsync', 'rename', 'fsync-dir']);
    deepEqual(readdirSync(dir), ['612f62.rec']);
    deepEqual(kv.get('a/b'), Uint8Array.of(5));
    kv.delete('a/b');
    deepEqual(readdirSync(dir), []);
  });
});
