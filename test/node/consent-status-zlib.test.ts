// Status lists with real zlib (node:zlib, the Node host's inflate): the
// draft-ietf-oauth-status-list examples, a bounded inflate, and a token
// issued and verified end to end.
import { deflateSync } from 'node:zlib';
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { CLAIM, ClaimReader, decodeClaims, registeredClaims } from '../../firmware/credentials/cwt';
import { parseSign1, HEADER } from '../../firmware/credentials/sign1';
import { decodeStatusList, statusAt, statusListBytes } from '../../firmware/credentials/status-list';
import { StatusListStore } from '../../firmware/credentials/status-store';
import { STATUS_LIST_TYP, issueStatusListToken } from '../../firmware/credentials/status-token';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { nodeZlib } from '../../tools/cli/commands/status';
import { deepEqual, equal, throws } from '../support/assert';
import { ANNE_LIST, HOUR, T0, World, suite } from '../portable/grant-support';

// draft-ietf-oauth-status-list, examples/status_list_encoding_cbor and _encoding2_cbor.
const ONE_BIT = 'a2646269747301636c73744a78dadbb918000217015d';
const TWO_BIT = 'a2646269747302636c73744b78da3be9f2130003df0207';
// examples/status_list_cwt (ES256; the draft's key is not part of the example).
const DRAFT_CWT =
  'd2845820a2012610781a6170706c69636174696f6e2f7374617475736c6973742b637774a1044231325850a502782168747470733a2f2f6578616d706c652e636f6d2f7374617475736c697374732f31061a648c5bea041a8898dfea19fffe19a8c019fffda2646269747301636c73744a78dadbb918000217015d584093fa4d01032b18c35e2fe1101b77fd6cc9440022caa4694450c4e4e9feab4e99d1fa6d9772ce2bf3a12e0323ded7c982c5e101a5e67f0cbc1e2b6f57ce99c279';

describe('status lists with node:zlib (draft-ietf-oauth-status-list)', () => {
  it('inflates the draft examples to their byte arrays', () => {
    deepEqual(decodeStatusList(decodeCbor(fromHex(ONE_BIT)), nodeZlib).bytes, fromHex('b9a3'));
    const two = decodeStatusList(decodeCbor(fromHex(TWO_BIT)), nodeZlib);
    deepEqual(two.bytes, fromHex('c944f9'));
    equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => statusAt(two, i)).join(''), '120301011233');
  });

  it('deflates the draft examples to the same lst (highest level); keys in deterministic order (RFC 8949 section 4.2.1)', () => {
    const lst = (hex: string) => toHex((decodeCbor(fromHex(hex)) as Map<unknown, unknown>).get('lst') as Uint8Array);
    equal(lst(toHex(statusListBytes({ bits: 1, bytes: fromHex('b9a3') }, nodeZlib))), lst(ONE_BIT));
    equal(lst(toHex(statusListBytes({ bits: 2, bytes: fromHex('c944f9') }, nodeZlib))), lst(TWO_BIT));
    equal(toHex(statusListBytes({ bits: 1, bytes: fromHex('b9a3') }, nodeZlib)), 'a2636c73744a78dadbb918000217015d646269747301');
  });

  it('reads the claims of the draft Status List Token in CWT form', () => {
    const msg = parseSign1(fromHex(DRAFT_CWT), 4096, 'status.malformed');
    equal(msg.protected.get(HEADER.typ), STATUS_LIST_TYP);
    const r = new ClaimReader(decodeClaims(msg.payload, 'status.malformed'), 'status.malformed');
    const reg = registeredClaims(r);
    equal(reg.sub, 'https://example.com/statuslists/1');
    equal(reg.iat, 1686920170);
    equal(r.uint(CLAIM.ttl, 'ttl'), 43200);
    deepEqual(decodeStatusList(r.claims.get(CLAIM.statusList)!, nodeZlib).bytes, fromHex('b9a3'));
  });

  it('a decompression bomb stops at the list limit (status.malformed)', () => {
    const bomb = new Map<string, unknown>([['bits', 1], ['lst', new Uint8Array(deflateSync(new Uint8Array(1 << 20), { level: 9 }))]]);
    throws(() => decodeStatusList(bomb as never, nodeZlib), 'status.malformed');
    throws(() => decodeStatusList(new Map<string, unknown>([['bits', 1], ['lst', fromHex('78da0000')]]) as never, nodeZlib), 'status.malformed');
  });

  it('a token issued with node:zlib is accepted by a device store and revokes', () => {
    const w = new World();
    const token = issueStatusListToken(w.anne.signer, { iss: w.anne.did, uri: ANNE_LIST, iat: T0, ttl: HOUR, list: { bits: 1, bytes: Uint8Array.from(Array.from({ length: 125 }, (_, i) => (i === 0 ? 8 : 0))) } }, nodeZlib);
    const store = new StatusListStore({ kv: new MemoryKv(), suite, resolveKey: w.resolveKey, zlib: nodeZlib });
    store.receive(token, T0);
    store.check({ uri: ANNE_LIST, idx: 2 }, w.anne.did, T0 + 1);
    throws(() => store.check({ uri: ANNE_LIST, idx: 3 }, w.anne.did, T0 + 1), 'status.revoked');
  });
});
