// Token status lists (draft-ietf-oauth-status-list): bit packing against the
// draft's examples, the status list token, and the device store's rules.
import { fromHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { decodeStatusList, packStatuses, statusAt } from '../../firmware/credentials/status-list';
import { StatusListStore } from '../../firmware/credentials/status-store';
import { verifyStatusListToken } from '../../firmware/credentials/status-token';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { deepEqual, equal, throws } from '../support/assert';
import { ANNE_LIST, DAY, HOUR, T0, World, fakeZlib, suite } from './grant-support';

// draft section "Compressed Byte Array": 16 one-bit and 12 two-bit statuses.
const ONE_BIT = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
const TWO_BIT = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3];

describe('status: list bits (draft-ietf-oauth-status-list)', () => {
  it('packs from the least significant bit, as the draft examples do', () => {
    deepEqual(packStatuses(ONE_BIT, 1), fromHex('b9a3'));
    deepEqual(packStatuses(TWO_BIT, 2), fromHex('c944f9'));
    const list = { bits: 2 as const, bytes: fromHex('c944f9') };
    deepEqual(TWO_BIT.map((_, i) => statusAt(list, i)), TWO_BIT);
    throws(() => statusAt(list, 12), 'status.out-of-range');
    throws(() => statusAt(list, -1), 'status.out-of-range');
    deepEqual(packStatuses([0xab, 7], 8), fromHex('ab07'));
    throws(() => packStatuses([4], 2), 'status.malformed');
  });

  it('reads the draft CBOR StatusList {bits, lst} through the zlib seam, bounded', () => {
    // status_list_encoding_cbor: lst is zlib(b9a3); inflate is the host's (here a table of the draft example).
    const example = decodeCbor(fromHex('a2646269747301636c73744a78dadbb918000217015d'));
    const table = { inflate: (d: Uint8Array) => (d.length === 10 && d[0] === 0x78 && d[1] === 0xda ? fromHex('b9a3') : new Uint8Array(0)) };
    const list = decodeStatusList(example, table);
    deepEqual(ONE_BIT.map((_, i) => statusAt(list, i)), ONE_BIT);
    throws(() => decodeStatusList(example, undefined), 'status.no-inflate');
    throws(() => decodeStatusList(new Map<CborValue, CborValue>([['bits', 3], ['lst', fromHex('00')]]), table), 'status.malformed');
    throws(() => decodeStatusList(new Map<CborValue, CborValue>([['bits', 1]]), table), 'status.malformed');
    throws(() => decodeStatusList(new Map<CborValue, CborValue>([['bits', 1], ['lst', fakeZlib.deflate!(new Uint8Array(4096))]]), fakeZlib), 'status.malformed');
  });
});

describe('status: list tokens and the device store', () => {
  it('verifies a token from its issuer and refuses a changed or foreign one', () => {
    const w = new World();
    const token = w.statusList(w.anne, ANNE_LIST, [0, 1, 2], T0, { bits: 2, ttl: HOUR, exp: T0 + DAY });
    const v = verifyStatusListToken(token, { resolveKey: w.resolveKey, suite, zlib: fakeZlib });
    equal(v.iss, w.anne.did);
    equal(v.uri, ANNE_LIST);
    equal(v.ttl, HOUR);
    equal(statusAt(v.list, 2), 2);
    const tag = decodeCbor(token) as CborTag;
    const parts = (tag.value as CborValue[]).slice();
    const claims = decodeCbor(parts[2] as Uint8Array) as Map<CborValue, CborValue>;
    claims.set(6, T0 + 1);
    parts[2] = encodeCbor(claims);
    throws(() => verifyStatusListToken(encodeCbor(new CborTag(18, parts)), { resolveKey: w.resolveKey, suite, zlib: fakeZlib }), 'status.bad-signature');
    const impostor = w.statusList(w.stranger, ANNE_LIST, [0], T0);
    const store = new StatusListStore({ kv: new MemoryKv(), suite, resolveKey: w.resolveKey, zlib: fakeZlib });
    store.receive(impostor, T0);
    // The stranger's list does not count for a grant Anne issued.
    throws(() => store.check({ uri: ANNE_LIST, idx: 0 }, w.anne.did, T0), 'status.unknown');
    throws(() => verifyStatusListToken(w.grant(w.anne, { aud: w.pom.did, scope: 1 }), { resolveKey: w.resolveKey, suite, zlib: fakeZlib }), 'status.malformed');
    throws(() => verifyStatusListToken(new Uint8Array(4000), { resolveKey: w.resolveKey, suite, zlib: fakeZlib }), 'status.too-large');
  });

  it('keeps the newest list per issuer and uri: an older one is status.rollback', () => {
    const w = new World();
    const store = new StatusListStore({ kv: new MemoryKv(), suite, resolveKey: w.resolveKey, zlib: fakeZlib });
    store.receive(w.statusList(w.anne, ANNE_LIST, [0, 1], T0 + 100, { ttl: HOUR }), T0 + 100);
    throws(() => store.receive(w.statusList(w.anne, ANNE_LIST, [0, 0], T0, { ttl: HOUR }), T0 + 100), 'status.rollback');
    throws(() => store.check({ uri: ANNE_LIST, idx: 1 }, w.anne.did, T0 + 200), 'status.revoked');
  });

  it('freshness: exp, ttl and the device limit, whichever comes first', () => {
    const w = new World();
    const store = new StatusListStore({ kv: new MemoryKv(), suite, resolveKey: w.resolveKey, zlib: fakeZlib, maxAgeSeconds: 2 * HOUR });
    store.receive(w.statusList(w.anne, ANNE_LIST, [0], T0, { ttl: HOUR }), undefined);
    store.check({ uri: ANNE_LIST, idx: 0 }, w.anne.did, T0 + HOUR - 1);
    throws(() => store.check({ uri: ANNE_LIST, idx: 0 }, w.anne.did, T0 + HOUR), 'status.stale');
    store.receive(w.statusList(w.anne, ANNE_LIST, [0], T0 + 10, { ttl: 10 * HOUR }), undefined);
    store.check({ uri: ANNE_LIST, idx: 0 }, w.anne.did, T0 + 2 * HOUR);
    throws(() => store.check({ uri: ANNE_LIST, idx: 0 }, w.anne.did, T0 + 10 + 2 * HOUR), 'status.stale');
    store.receive(w.statusList(w.anne, ANNE_LIST, [0], T0 + 20, { exp: T0 + 30 }), undefined);
    throws(() => store.check({ uri: ANNE_LIST, idx: 0 }, w.anne.did, T0 + 30), 'status.stale');
    throws(() => store.receive(w.statusList(w.anne, ANNE_LIST, [0], T0 + 40, { exp: T0 + 50 }), T0 + 50), 'status.stale');
    throws(() => store.receive(w.statusList(w.anne, ANNE_LIST, [0], T0 + 4000, {}), T0 + 40), 'status.malformed');
    throws(() => store.check({ uri: ANNE_LIST, idx: 8 }, w.anne.did, T0 + 21), 'status.out-of-range');
  });

  it('hostile bytes: every truncation of a good token is status.malformed, never a crash', () => {
    const w = new World();
    const token = w.statusList(w.anne, ANNE_LIST, [0, 1], T0);
    for (let cut = 0; cut < token.length; cut += 7) {
      throws(() => verifyStatusListToken(token.subarray(0, cut), { resolveKey: w.resolveKey, suite, zlib: fakeZlib }), 'status.malformed', `cut ${cut}`);
    }
  });

  it('a host without inflate refuses status lists (status.no-inflate)', () => {
    const w = new World();
    const store = new StatusListStore({ kv: new MemoryKv(), suite, resolveKey: w.resolveKey, zlib: undefined });
    throws(() => store.receive(w.statusList(w.anne, ANNE_LIST, [0], T0), T0), 'status.no-inflate');
  });
});

describe('status: the store is bounded', () => {
  it('keeps at most maxLists lists; lists past the device limit are pruned to make room', () => {
    const w = new World();
    const store = new StatusListStore({ kv: new MemoryKv(), suite, resolveKey: w.resolveKey, zlib: fakeZlib, maxLists: 2, maxAgeSeconds: HOUR });
    store.receive(w.statusList(w.anne, `${ANNE_LIST}/a`, [0], T0), T0);
    store.receive(w.statusList(w.anne, `${ANNE_LIST}/b`, [0], T0 + 10), T0 + 10);
    throws(() => store.receive(w.statusList(w.anne, `${ANNE_LIST}/c`, [0], T0 + 20), T0 + 20), 'status.too-large');
    // A newer list for a uri already held still replaces it.
    store.receive(w.statusList(w.anne, `${ANNE_LIST}/b`, [1], T0 + 30), T0 + 30);
    // An hour on, /a is past the device limit and makes room; /b (iat T0 + 30) is kept.
    store.receive(w.statusList(w.anne, `${ANNE_LIST}/c`, [0], T0 + HOUR), T0 + HOUR);
    throws(() => store.check({ uri: `${ANNE_LIST}/a`, idx: 0 }, w.anne.did, T0 + HOUR), 'status.unknown');
    throws(() => store.check({ uri: `${ANNE_LIST}/b`, idx: 0 }, w.anne.did, T0 + HOUR), 'status.revoked');
    equal(store.prune(T0 + 3 * HOUR), 2);
  });
});
