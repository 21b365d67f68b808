// The replay cache: bounded, persisted through its store, eviction floor, corrupt records.
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { MemoryReplayStore, REPLAY_LIMITS, ReplayCache } from '../../firmware/didcomm/replay-cache';
import { equal, ok, throws } from '../support/assert';

describe('DIDComm replay cache', () => {
  it('refuses a repeated (sender, id); the same id from another sender is another message', () => {
    const cache = new ReplayCache(new MemoryReplayStore(), portableSuite);
    cache.checkAndRecord('did:example:a', 'm1', 100);
    throws(() => cache.checkAndRecord('did:example:a', 'm1', 100), 'didcomm.replayed');
    cache.checkAndRecord('did:example:b', 'm1', 100);
    cache.checkAndRecord('', 'm1');
    equal(cache.size(), 3);
  });
  it('persists: a new cache over the same store remembers; the record stays under 4 KiB when full', () => {
    const store = new MemoryReplayStore();
    const first = new ReplayCache(store, portableSuite);
    for (let i = 0; i < REPLAY_LIMITS.capacity + 10; i++) first.checkAndRecord('did:example:a', `m${i}`, 1000 + i);
    const record = store.get('didcomm/replay');
    ok(record !== undefined && record.length <= 4096, `record ${record?.length}`);
    const second = new ReplayCache(store, portableSuite);
    equal(second.size(), REPLAY_LIMITS.capacity);
    throws(() => second.checkAndRecord('did:example:a', `m${REPLAY_LIMITS.capacity + 9}`, 1000 + REPLAY_LIMITS.capacity + 9), 'didcomm.replayed');
  });
  it('an evicted entry still cannot be replayed: created_time below the floor is refused', () => {
    const cache = new ReplayCache(new MemoryReplayStore(), portableSuite, { capacity: 2 });
    cache.checkAndRecord('a', 'm1', 10);
    cache.checkAndRecord('a', 'm2', 20);
    cache.checkAndRecord('a', 'm3', 30); // evicts m1, floor 10
    throws(() => cache.checkAndRecord('a', 'm1', 9), 'didcomm.replayed');
    cache.checkAndRecord('a', 'm4', 40); // evicts m2, floor 20
    throws(() => cache.checkAndRecord('a', 'm0', 19), 'didcomm.replayed');
    cache.checkAndRecord('a', 'm5', 20);
    equal(cache.seen('a', 'm5', 20), true);
  });
  it('a corrupt record and a bad capacity are typed errors', () => {
    const store = new MemoryReplayStore();
    store.put('didcomm/replay', Uint8Array.of(1, 0, 5, 0, 0, 0, 0));
    throws(() => new ReplayCache(store, portableSuite).size(), 'didcomm.replay-store');
    throws(() => new ReplayCache(store, portableSuite, { capacity: 0 }), 'didcomm.bad-option');
    throws(() => new ReplayCache(store, portableSuite, { capacity: 10000 }), 'didcomm.bad-option');
  });
});
