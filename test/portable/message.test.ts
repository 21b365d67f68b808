// The message model and its JSON form, against the reference implementation's plaintext vectors.
import { utf8Encode } from '../../firmware/bytes/utf8';
import { messageFromJson, messageToJson, parseMessageJson } from '../../firmware/didcomm/message-json';
import { checkMessage } from '../../firmware/didcomm/validate';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { vectorFiles, vectorText } from '../support/vectors';

const GOOD = vectorFiles('didcomm/messages').filter((f) => /\/PLAINTEXT_MSG_/.test(f));
const BAD = vectorFiles('didcomm/messages').filter((f) => /\/INVALID_PLAINTEXT_/.test(f));

describe('message model: JSON plaintext vectors', () => {
  it('finds the vector files', () => {
    ok(GOOD.length >= 8, `good plaintexts: ${GOOD.length}`);
    ok(BAD.length >= 14, `invalid plaintexts: ${BAD.length}`);
  });
  it('every PLAINTEXT_MSG_* parses and writes back the same JSON (typ added)', () => {
    for (const file of GOOD) {
      const json = JSON.parse(vectorText(file));
      const message = parseMessageJson(vectorText(file));
      equal(message.id, '1234567890', file);
      deepEqual(messageToJson(message), { typ: 'application/didcomm-plain+json', ...json, id: json.id }, file);
    }
  });
  it('every INVALID_PLAINTEXT_* is rejected with a typed code', () => {
    for (const file of BAD) {
      const err = throws(() => parseMessageJson(utf8Encode(vectorText(file))), undefined, file) as { code?: string };
      ok(err.code === 'didcomm.malformed' || err.code === 'didcomm.unsupported-media-type', `${file}: ${String(err.code)}`);
    }
  });
  it('wrong typ is its own code; not JSON is malformed', () => {
    throws(() => parseMessageJson(vectorText('didcomm/messages/INVALID_PLAINTEXT_MSG_WRONG_TYP.json')), 'didcomm.unsupported-media-type');
    throws(() => parseMessageJson(vectorText('didcomm/messages/INVALID_PLAINTEXT_MSG_STRING.json')), 'didcomm.malformed');
  });
});

describe('message model: rules', () => {
  const base = { id: 'r-1', type: 'https://example.org/glucose/1.0/reading', body: { value: 104 } };
  it('keeps unknown headers, in order, and writes them after the named ones', () => {
    const m = messageFromJson({ ...base, zz: 1, custom: { a: [1, 2] }, from: 'did:example:a' });
    deepEqual(m.extra, { zz: 1, custom: { a: [1, 2] } });
    deepEqual(Object.keys(messageToJson(m)), ['id', 'typ', 'type', 'from', 'body', 'zz', 'custom']);
  });
  it('checks types, DIDs and sizes', () => {
    throws(() => checkMessage({ ...base, created_time: -1 }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, created_time: 1.5 }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, to: 'did:example:b' }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, to: ['did:example:b#key-1'] }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, from: 'alice' }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, id: 'x'.repeat(257) }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, to: new Array(33).fill('did:example:b') }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, body: [] }), 'didcomm.malformed');
    throws(() => checkMessage({ ...base, typ: 'application/didcomm-plain+json' }), 'didcomm.malformed');
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    throws(() => checkMessage({ ...base, body: { deep } }), 'didcomm.malformed');
    throws(() => parseMessageJson(`{"id":"a","type":"t","body":{},"x":"${'a'.repeat(70000)}"}`), 'didcomm.too-large');
  });
  it('accepts every attachment data form the spec defines', () => {
    const m = checkMessage({ ...base, attachments: [{ id: 'a', data: { base64: 'qwerty' } }, { data: { json: { x: 1 } }, media_type: 'application/json' }, { data: { links: ['https://x'], hash: 'h' }, byte_count: 5 }] });
    equal(m.attachments?.length, 3);
  });
});
