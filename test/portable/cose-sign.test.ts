import { toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { coseKeyFromPublic } from '../../firmware/cose/key';
import { createSign, verifySign } from '../../firmware/cose/sign';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { deepEqual, equal, throws } from '../support/assert';
import { testKeyStore } from '../support/cose-keys';

const suite = portableSuite;
const text = (s: string): Uint8Array => utf8Encode(s);

function signers() {
  const store = testKeyStore(21);
  const ed = store.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'volatile' });
  const p = store.generate({ type: 'p256', usage: 'sign', algorithm: 'es256', persistence: 'volatile' });
  const edKey = coseKeyFromPublic('ed25519', store.exportPublic(ed), text('vendor'));
  const pKey = coseKeyFromPublic('p256', store.exportPublic(p), text('operator'));
  return { store, ed, p, edKey, pKey };
}

describe('cose: COSE_Sign with several signers (RFC 9052 section 4.1)', () => {
  it('verifies every signer the caller holds a key for, and reports who', () => {
    const { store, ed, p, edKey, pKey } = signers();
    const msg = createSign({ signers: [{ keyStore: store, keyId: ed, kid: edKey.kid }, { keyStore: store, keyId: p, kid: pKey.kid }], payload: text('image digest'), externalAad: text('suit') });
    const both = verifySign(msg, { suite, keys: [edKey, pKey], externalAad: text('suit') });
    deepEqual(both.verified.map((v) => [v.index, v.algorithm]), [[0, -8], [1, -7]]);
    equal(both.verified[1].key, pKey);
    deepEqual(both.unknown, []);
    const one = verifySign(msg, { suite, keys: [pKey], externalAad: text('suit') });
    deepEqual(one.verified.map((v) => v.index), [1]);
    deepEqual(one.unknown, [0]);
    throws(() => verifySign(msg, { suite, keys: [], externalAad: text('suit') }), 'cose.no-key');
    throws(() => verifySign(msg, { suite, keys: [edKey, pKey] }), 'cose.bad-signature');
  });

  it('one forged signer spoils the message (cose.bad-signature)', () => {
    const { store, ed, p, edKey, pKey } = signers();
    const msg = createSign({ signers: [{ keyStore: store, keyId: ed, kid: edKey.kid }, { keyStore: store, keyId: p, kid: pKey.kid }], payload: text('x') });
    const tag = decodeCbor(msg) as CborTag;
    const body = (tag.value as CborValue[]).slice();
    const sigs = (body[3] as CborValue[][]).map((s) => s.slice());
    const bad = (sigs[0][2] as Uint8Array).slice();
    bad[0] ^= 1;
    sigs[0][2] = bad;
    body[3] = sigs;
    throws(() => verifySign(encodeCbor(new CborTag(98, body)), { suite, keys: [edKey, pKey] }), 'cose.bad-signature');
    equal(verifySign(encodeCbor(new CborTag(98, body)), { suite, keys: [pKey] }).verified.length, 1);
  });

  it('handles detached payloads and refuses shape errors', () => {
    const { store, ed, edKey } = signers();
    const msg = createSign({ signers: [{ keyStore: store, keyId: ed }], payload: text('d'), detached: true });
    equal(toHex(verifySign(msg, { suite, keys: [edKey], detachedPayload: text('d') }).payload), toHex(text('d')));
    throws(() => verifySign(msg, { suite, keys: [edKey] }), 'cose.bad-argument');
    throws(() => verifySign(encodeCbor(new CborTag(98, [new Uint8Array(0), new Map(), null, []])), { suite, keys: [edKey] }), 'cose.malformed');
    throws(() => verifySign(encodeCbor(new CborTag(18, [])), { suite, keys: [edKey] }), 'cose.malformed');
    throws(() => createSign({ signers: [], payload: text('d') }), 'cose.bad-argument');
  });
});
