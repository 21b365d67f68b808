// Monotonic values bound to a counter: never backwards, replay detected,
// completion of a change a power cut interrupted, the counter's maximum.
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { BoundMonotonicValues, MONOTONIC_LIMITS } from '../../firmware/keys/bound-monotonic';
import { KvCounter } from '../../firmware/keys/kv-counter';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, throws } from '../support/assert';

const MAC_KEY = new Uint8Array(32).fill(5);
const ctx = { suite, random: xsTestRandom(21), recordKey: new Uint8Array(32).fill(6) };

function values(kv: MemoryKv, max = 2097151): { mono: BoundMonotonicValues; counter: KvCounter } {
  const counter = new KvCounter(kv, 'hw/counter', max, ctx);
  return { mono: new BoundMonotonicValues(kv, counter, suite, MAC_KEY), counter };
}

describe('keys: monotonic values', () => {
  it('read, increment, advanceTo; equal is a no-op; below is keys.counter-backwards', () => {
    const kv = new MemoryKv();
    const { mono, counter } = values(kv);
    equal(mono.read('seq'), 0);
    equal(mono.increment('seq'), 1);
    equal(mono.advanceTo('seq', 1000), 1000);
    equal(mono.advanceTo('seq', 1000), 1000);
    equal(counter.read(), 2, 'the no-op did not spend a counter step');
    throws(() => mono.advanceTo('seq', 999), 'keys.counter-backwards');
    equal(mono.advanceTo('big', Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
    throws(() => mono.increment('big'), 'keys.counter-exhausted');
    throws(() => mono.advanceTo('seq', 1.5), 'keys.bad-argument');
    throws(() => mono.advanceTo('seq', -1), 'keys.bad-argument');
    throws(() => mono.read('Bad Name'), 'keys.bad-argument');
    deepEqual(values(kv).mono.names(), ['big', 'seq']);
    equal(values(kv).mono.read('seq'), 1000);
  });
  it('a replayed older table is keys.counter-replay; a deleted table too', () => {
    const kv = new MemoryKv();
    const { mono } = values(kv);
    mono.advanceTo('firmware', 5);
    const old = kv.get('mono/table') as Uint8Array;
    mono.advanceTo('firmware', 6);
    kv.put('mono/table', old);
    throws(() => mono.read('firmware'), 'keys.counter-replay');
    kv.delete('mono/table');
    throws(() => mono.read('firmware'), 'keys.counter-replay');
  });
  it('an edited table is keys.tampered', () => {
    const kv = new MemoryKv();
    values(kv).mono.advanceTo('firmware', 5);
    const table = kv.get('mono/table') as Uint8Array;
    table[8] ^= 1;
    kv.put('mono/table', table);
    throws(() => values(kv).mono.read('firmware'), 'keys.tampered');
  });
  it('a table written whose counter increment was cut is completed on the next read', () => {
    const kv = new MemoryKv();
    const { mono, counter } = values(kv);
    mono.advanceTo('firmware', 5);
    // Simulate the cut: the table for the next change is written, the counter is not incremented.
    const shadow = new MemoryKv();
    for (const k of kv.list('')) shadow.put(k, kv.get(k) as Uint8Array);
    values(shadow).mono.advanceTo('firmware', 9);
    kv.put('mono/table', shadow.get('mono/table') as Uint8Array);
    equal(counter.read(), 1);
    equal(values(kv).mono.read('firmware'), 9);
    equal(counter.read(), 2, 'rolled forward');
  });
  it('the counter maximum bounds the number of changes: keys.counter-exhausted', () => {
    const kv = new MemoryKv();
    const { mono } = values(kv, 3);
    mono.increment('n');
    mono.increment('n');
    mono.increment('n');
    throws(() => mono.increment('n'), 'keys.counter-exhausted');
    equal(mono.read('n'), 3);
  });
  it('a counter stops at its maximum and refuses an edited record', () => {
    const kv = new MemoryKv();
    const counter = new KvCounter(kv, 'hw/c', 2, ctx);
    equal(counter.increment(), 1);
    equal(counter.increment(), 2);
    throws(() => counter.increment(), 'keys.counter-exhausted');
    equal(counter.read(), 2);
    const record = kv.get('hw/c') as Uint8Array;
    record[4] ^= 1;
    kv.put('hw/c', record);
    throws(() => counter.read(), 'keys.tampered');
    kv.put('hw/c2', kv.get('hw/c') as Uint8Array);
    throws(() => new KvCounter(kv, 'hw/c2', 2, ctx).read(), 'keys.tampered');
  });
  it(`at most ${MONOTONIC_LIMITS.maxValues} names`, () => {
    const { mono } = values(new MemoryKv());
    for (let i = 0; i < MONOTONIC_LIMITS.maxValues; i++) mono.increment(`v${i}`);
    throws(() => mono.increment('one-more'), 'keys.bad-argument');
  });
  it('the software store offers monotonic values that survive a reopen', () => {
    const kv = new MemoryKv();
    const rootKey = new Uint8Array(32).fill(3);
    new SoftwareKeyStore({ kv, rootKey, random: xsTestRandom(1), suite }).monotonic().advanceTo('firmware', 42);
    equal(new SoftwareKeyStore({ kv, rootKey, random: xsTestRandom(2), suite }).monotonic().read('firmware'), 42);
  });
});
