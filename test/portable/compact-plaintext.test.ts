// The compact plaintext (firmware/didcomm/PROFILE.md section 2): integer labels,
// unknown headers kept, implied from/to, lossless translation to and from JSON.
import { toHex } from '../../firmware/bytes/hex';
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag } from '../../firmware/cbor/value';
import { decodeCompactPlaintext, encodeCompactPlaintext } from '../../firmware/didcomm/compact/plaintext';
import { compactToJsonPlaintext, jsonToCompactPlaintext } from '../../firmware/didcomm/compact/translate';
import type { Message } from '../../firmware/didcomm/message';
import { messageToJson, parseMessageJson } from '../../firmware/didcomm/message-json';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { vectorFiles, vectorText } from '../support/vectors';

const METER = 'did:example:meter';
const PHONE = 'did:example:phone';
const READING: Message = {
  id: 'r-000123',
  type: 'https://example.org/glucose/1.0/reading',
  from: METER,
  to: [PHONE],
  created_time: 1763779200,
  body: { value: 104, unit: 'mg/dL', time: 1763779200, seq: 123 },
};

describe('compact plaintext: mapping', () => {
  it('writes the standard headers under integer labels, in deterministic order', () => {
    const bytes = encodeCompactPlaintext(READING);
    const map = decodeCbor(bytes) as Map<unknown, unknown>;
    deepEqual([...map.keys()], [1, 2, 3, 4, 7, 9]);
    equal(map.get(1), 'r-000123');
    equal(map.get(7), 1763779200);
    deepEqual([...(map.get(9) as Map<string, unknown>).keys()], ['seq', 'time', 'unit', 'value']);
    // a6 01 68 "r-000123" ...: six labels, one-byte keys.
    equal(toHex(bytes.subarray(0, 4)), 'a6016872');
  });
  it('implied from/to become null and come back from the envelope', () => {
    const bytes = encodeCompactPlaintext(READING, { from: METER, to: PHONE });
    const map = decodeCbor(bytes) as Map<unknown, unknown>;
    equal(map.get(3), null);
    equal(map.get(4), null);
    ok(bytes.length < encodeCompactPlaintext(READING).length - 2 * METER.length + 4);
    deepEqual(decodeCompactPlaintext(bytes, { from: METER, to: PHONE }), READING);
    throws(() => decodeCompactPlaintext(bytes), 'didcomm.malformed', 'no envelope to imply from/to');
    throws(() => decodeCompactPlaintext(bytes, { from: METER }), 'didcomm.malformed', 'to not implied');
  });
  it('does not imply what differs from the envelope', () => {
    const two: Message = { ...READING, to: [PHONE, 'did:example:other'] };
    const map = decodeCbor(encodeCompactPlaintext(two, { from: 'did:example:else', to: PHONE })) as Map<unknown, unknown>;
    equal(map.get(3), METER);
    deepEqual(map.get(4), [PHONE, 'did:example:other']);
  });
  it('keeps unknown headers under their JSON names, and attachments', () => {
    const m: Message = {
      id: '1',
      type: 'https://didcomm.org/x/1.0/y',
      body: {},
      thid: 't',
      pthid: 'p',
      expires_time: 5,
      attachments: [
        { id: 'a', media_type: 'image/png', data: { base64: 'AAEC' } },
        { id: 'b', data: { base64: 'AAE=' } },
        { data: { json: { k: [1, 2.5, null, true] } }, lastmod_time: 3, zz: 'kept' },
        { data: { links: ['https://x.example/a'], hash: 'abc' } },
      ],
      extra: { custom: { nested: [1, 'two'] }, __proto__x: 1, 'ünï': 'ok' },
    };
    const bytes = encodeCompactPlaintext(m);
    const map = decodeCbor(bytes) as Map<unknown, unknown>;
    ok(map.has('custom') && map.has('ünï'), 'unknown headers under their names');
    const attachments = map.get(10) as Map<unknown, unknown>[];
    deepEqual((attachments[0].get(8) as Map<unknown, unknown>).get(1), Uint8Array.of(0, 1, 2), 'canonical base64url travels as bytes');
    equal((attachments[1].get(8) as Map<unknown, unknown>).get(1), 'AAE=', 'padded base64 stays text');
    deepEqual(decodeCompactPlaintext(bytes), m);
  });
  it('a __proto__ header is a member, never the prototype', () => {
    const json = '{"id":"1","type":"t","body":{"__proto__":{"polluted":1}},"__proto__":{"x":2}}';
    const m = parseMessageJson(json);
    const back = decodeCompactPlaintext(encodeCompactPlaintext(m));
    equal(Object.getPrototypeOf(back.body), Object.prototype);
    deepEqual(Object.keys(back.body), ['__proto__']);
    equal(({} as Record<string, unknown>).polluted, undefined);
    ok(back.extra !== undefined && Object.prototype.hasOwnProperty.call(back.extra, '__proto__'));
  });
});

describe('compact plaintext: lossless translation with JSON', () => {
  const GOOD = vectorFiles('didcomm/messages').filter((f) => /\/PLAINTEXT_MSG_/.test(f));
  it('every JSON plaintext vector survives JSON -> compact -> JSON', () => {
    ok(GOOD.length >= 8);
    for (const file of GOOD) {
      const original = parseMessageJson(vectorText(file));
      const compact = jsonToCompactPlaintext(vectorText(file));
      const json = compactToJsonPlaintext(compact);
      deepEqual(parseMessageJson(json), original, file);
      deepEqual(JSON.parse(utf8Decode(json)), messageToJson(original), file);
      ok(compact.length < utf8Encode(vectorText(file)).length, `${file}: compact is smaller`);
    }
  });
  it('compact -> JSON -> compact gives the same bytes', () => {
    const compact = encodeCompactPlaintext({ ...READING, extra: { lang: 'en' } });
    deepEqual(jsonToCompactPlaintext(compactToJsonPlaintext(compact)), compact);
  });
  it('numbers: integers stay integers, fractions keep their value', () => {
    const m: Message = { id: '1', type: 't', body: { a: 0, b: -1, c: 1.5, d: 0.1, e: 1e300, f: -9007199254740991, g: 65504, h: 1e-7 } };
    deepEqual(decodeCompactPlaintext(encodeCompactPlaintext(m)).body, m.body);
  });
});

describe('compact plaintext: hostile input', () => {
  const enc = (m: Map<unknown, unknown>) => encodeCbor(m as never);
  const base = (): Map<unknown, unknown> => new Map<unknown, unknown>([[1, 'x'], [2, 't'], [9, new Map()]]);
  it('refuses what has no JSON form', () => {
    for (const bad of [Uint8Array.of(1), new CborTag(1, 0), undefined, 2n ** 64n, NaN, Infinity]) {
      const m = base();
      m.set(9, new Map([['v', bad]]));
      throws(() => decodeCompactPlaintext(enc(m)), 'didcomm.malformed', String(bad));
    }
    const m = base();
    m.set(9, new Map([[1, 'int key in body']]));
    throws(() => decodeCompactPlaintext(enc(m)), 'didcomm.malformed');
  });
  it('refuses unknown labels, a labelled header under its name, typ, and missing id/type/body', () => {
    const unknown = base();
    unknown.set(99, 1);
    throws(() => decodeCompactPlaintext(enc(unknown)), 'didcomm.malformed');
    const named = base();
    named.set('thid', 'x');
    throws(() => decodeCompactPlaintext(enc(named)), 'didcomm.malformed');
    const typ = base();
    typ.set('typ', 'application/didcomm-plain+json');
    throws(() => decodeCompactPlaintext(enc(typ)), 'didcomm.malformed');
    for (const label of [1, 2, 9]) {
      const m = base();
      m.delete(label);
      throws(() => decodeCompactPlaintext(enc(m)), 'didcomm.malformed', `without ${label}`);
    }
  });
  it('refuses non-deterministic CBOR, trailing bytes, deep nesting and oversize input', () => {
    const good = enc(base());
    const unsorted = Uint8Array.of(0xa3, 0x02, 0x61, 0x74, 0x01, 0x61, 0x78, 0x09, 0xa0);
    throws(() => decodeCompactPlaintext(unsorted), 'didcomm.malformed', 'unsorted keys');
    throws(() => decodeCompactPlaintext(Uint8Array.of(...good, 0)), 'didcomm.malformed', 'trailing');
    throws(() => decodeCompactPlaintext(good.subarray(0, good.length - 1)), 'didcomm.malformed', 'truncated');
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    const m = base();
    m.set(9, new Map([['d', deep]]));
    throws(() => decodeCompactPlaintext(enc(m)), 'didcomm.malformed', 'deep');
    throws(() => decodeCompactPlaintext(good, {}, good.length - 1), 'didcomm.too-large');
    throws(() => decodeCompactPlaintext(Uint8Array.of(0x80)), 'didcomm.malformed', 'an array');
  });
  it('checks the headers like the JSON side (from is a DID, times are integers)', () => {
    const from = base();
    from.set(3, 'not a did');
    throws(() => decodeCompactPlaintext(enc(from)), 'didcomm.malformed');
    const time = base();
    time.set(7, 1.5);
    throws(() => decodeCompactPlaintext(enc(time)), 'didcomm.malformed');
  });
});
