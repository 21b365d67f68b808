// Staged key rotation, and a sample of the power-loss sweep so it also runs on
// XS (the full sweep over every cut point is test/node/power-loss-kv.test.ts).
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { defaultAttributes } from '../../firmware/keys/attributes';
import { KeyRotation } from '../../firmware/keys/rotation';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { equal, notEqual, ok, throws } from '../support/assert';
import { allCuts, checkCut, referenceRun } from './storage-power-loss-sequence';

describe('keys: staged rotation', () => {
  it('start, rotate twice: one active key each time, the old one destroyed', () => {
    const kv = new MemoryKv();
    const store = new SoftwareKeyStore({ kv, rootKey: new Uint8Array(32).fill(9), random: xsTestRandom(31), suite });
    const rotation = new KeyRotation(store, kv, 'device');
    equal(rotation.active(), undefined);
    throws(() => rotation.rotate(), 'keys.not-found');
    const first = rotation.start(defaultAttributes('ed25519', 'sign'));
    equal(rotation.start(defaultAttributes('ed25519', 'sign')), first, 'start is idempotent');
    const second = rotation.rotate();
    notEqual(second, first);
    throws(() => store.info(first), 'keys.not-found');
    const third = rotation.rotate();
    equal(new KeyRotation(store, kv, 'device').active(), third);
    equal(store.list().filter((k) => k.label === 'rotation:device').length, 1);
    equal(store.info(third).type, 'ed25519');
    throws(() => new KeyRotation(store, kv, 'Bad Name'), 'keys.bad-argument');
  });
  it('a rotation record edited to name a key of another set is keys.tampered', () => {
    const kv = new MemoryKv();
    const store = new SoftwareKeyStore({ kv, rootKey: new Uint8Array(32).fill(9), random: xsTestRandom(33), suite });
    const rotation = new KeyRotation(store, kv, 'device');
    const active = rotation.start(defaultAttributes('ed25519', 'sign'));
    const stranger = store.import(defaultAttributes('ed25519', 'sign', 'not-rotated'), new Uint8Array(32).fill(4));
    const record = kv.get('rot/device') as Uint8Array;
    const text = Array.from(record, (b) => String.fromCharCode(b)).join('').replace(active, stranger);
    kv.put('rot/device', Uint8Array.from(text, (c) => c.charCodeAt(0)));
    throws(() => rotation.active(), 'keys.tampered');
    throws(() => rotation.rotate(), 'keys.tampered');
  });
  it('an orphan left by a cut between generate and record is destroyed', () => {
    const kv = new MemoryKv();
    const store = new SoftwareKeyStore({ kv, rootKey: new Uint8Array(32).fill(9), random: xsTestRandom(32), suite });
    const rotation = new KeyRotation(store, kv, 'device');
    const active = rotation.start(defaultAttributes('ed25519', 'sign'));
    store.generate(defaultAttributes('ed25519', 'sign', rotation.label)); // what a cut rotate leaves
    equal(rotation.active(), active);
    equal(store.list().length, 1);
  });
});

describe('keys: power loss (sample of cut points, both lanes)', () => {
  it('raw flash, software profile: every 8th cut point reboots into a consistent store', () => {
    const cuts = allCuts(referenceRun('flash', 'software'));
    let checked = 0;
    for (let i = 0; i < cuts.length; i += 8) {
      checkCut('flash', 'software', cuts[i]);
      checked++;
    }
    ok(checked >= 10, `checked ${checked}`);
  });
});
