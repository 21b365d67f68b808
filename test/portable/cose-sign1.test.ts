import { fromHex, toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { ALG } from '../../firmware/cose/algorithms';
import { coseKeyFromPublic, decodeCoseKey, encodeCoseKey, coseKeyFromJwk, coseKeyToJwk } from '../../firmware/cose/key';
import { createSign1, verifySign1, parseSign1 } from '../../firmware/cose/sign1';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { importVectorKey, publicCoseKey, testKeyStore, type VectorJwk } from '../support/cose-keys';
import { vectorText } from '../support/vectors';

const suite = portableSuite;
const text = (s: string): Uint8Array => utf8Encode(s);

function ed25519Signer() {
  const store = testKeyStore();
  const id = store.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'volatile' });
  const key = coseKeyFromPublic('ed25519', store.exportPublic(id), text('dev-1'));
  return { store, id, key };
}

/** Re-encodes a Sign1 with one part replaced (negative tests: one field changed). */
function withPart(message: Uint8Array, index: number, value: CborValue): Uint8Array {
  const tag = decodeCbor(message) as CborTag;
  const parts = (tag.value as CborValue[]).slice();
  parts[index] = value;
  return encodeCbor(new CborTag(tag.tag, parts));
}

describe('cose: COSE_Sign1 (RFC 9052 section 4.2)', () => {
  it('reproduces eddsa-sig-01 byte for byte through the key store', () => {
    const v = JSON.parse(vectorText('cose/eddsa-examples/eddsa-sig-01.json'));
    const store = testKeyStore();
    const id = importVectorKey(store, v.input.sign0.key as VectorJwk, 'sign');
    const out = createSign1({
      keyStore: store,
      keyId: id,
      payload: text(v.input.plaintext),
      kid: text('11'),
      protectedHeaders: new Map([[3, 0]]),
    });
    equal(toHex(out), v.output.cbor.toLowerCase());
  });

  it('round-trips EdDSA and says what verified', () => {
    const { store, id, key } = ed25519Signer();
    const msg = createSign1({ keyStore: store, keyId: id, payload: text('reading 5.4'), kid: key.kid });
    const r = verifySign1(msg, { suite, keys: [key] });
    equal(r.algorithm, ALG.EdDSA);
    equal(r.kind, 'eddsa');
    equal(toHex(r.kid!), toHex(text('dev-1')));
    equal(r.key, key);
    equal(r.detached, false);
    equal(r.tagged, true);
    equal(toHex(r.payload), toHex(text('reading 5.4')));
  });

  it('accepts Ed25519 (-19) and refuses a permitted-list miss with cose.unsupported', () => {
    const { store, id, key } = ed25519Signer();
    const msg = createSign1({ keyStore: store, keyId: id, payload: text('x'), algorithm: ALG.Ed25519 });
    equal(verifySign1(msg, { suite, keys: [key] }).algorithm, -19);
    throws(() => verifySign1(msg, { suite, keys: [key], algorithms: [ALG.EdDSA] }), 'cose.unsupported');
  });

  it('round-trips ES256 (raw r||s) and accepts ESP256 (-9)', () => {
    const store = testKeyStore();
    const id = store.generate({ type: 'p256', usage: 'sign', algorithm: 'es256', persistence: 'volatile' });
    const key = coseKeyFromPublic('p256', store.exportPublic(id));
    const msg = createSign1({ keyStore: store, keyId: id, payload: text('p') });
    const r = verifySign1(msg, { suite, keys: [key] });
    equal(r.algorithm, ALG.ES256);
    equal((parseSign1(msg).signature).length, 64);
    const esp = createSign1({ keyStore: store, keyId: id, payload: text('p'), algorithm: ALG.ESP256 });
    equal(verifySign1(esp, { suite, keys: [key] }).algorithm, -9);
  });

  it('verifies the ES256 vector ecdsa-sig-01 and CWT A.3', () => {
    for (const path of ['cose/ecdsa-examples/ecdsa-sig-01.json', 'cose/CWT/A_3.json']) {
      const v = JSON.parse(vectorText(path));
      const r = verifySign1(fromHex(v.output.cbor), { suite, keys: [publicCoseKey(v.input.sign0.key)] });
      equal(r.algorithm, -7, path);
    }
  });

  it('handles detached payloads and external AAD (RFC 9052 section 4.4)', () => {
    const { store, id, key } = ed25519Signer();
    const aad = text('suit');
    const msg = createSign1({ keyStore: store, keyId: id, payload: text('digest'), detached: true, externalAad: aad });
    equal((decodeCbor(msg) as CborTag).value instanceof Array && ((decodeCbor(msg) as CborTag).value as CborValue[])[2], null);
    const r = verifySign1(msg, { suite, keys: [key], detachedPayload: text('digest'), externalAad: aad });
    equal(r.detached, true);
    throws(() => verifySign1(msg, { suite, keys: [key], detachedPayload: text('digesT'), externalAad: aad }), 'cose.bad-signature');
    throws(() => verifySign1(msg, { suite, keys: [key], detachedPayload: text('digest') }), 'cose.bad-signature');
    throws(() => verifySign1(msg, { suite, keys: [key] }), 'cose.bad-argument');
  });

  it('reports a changed signature, payload or protected header as cose.bad-signature, never malformed', () => {
    const { store, id, key } = ed25519Signer();
    const msg = createSign1({ keyStore: store, keyId: id, payload: text('abc') });
    const sig = parseSign1(msg).signature.slice();
    sig[5] ^= 1;
    throws(() => verifySign1(withPart(msg, 3, sig), { suite, keys: [key] }), 'cose.bad-signature');
    throws(() => verifySign1(withPart(msg, 3, sig.subarray(0, 63)), { suite, keys: [key] }), 'cose.bad-signature');
    throws(() => verifySign1(withPart(msg, 2, text('abd')), { suite, keys: [key] }), 'cose.bad-signature');
    throws(() => verifySign1(withPart(msg, 0, encodeCbor(new Map([[1, -8], [3, 0]]))), { suite, keys: [key] }), 'cose.bad-signature');
  });

  it('refuses shape errors, wrong tags, duplicate buckets and unknown algorithms with their codes', () => {
    const { store, id, key } = ed25519Signer();
    const msg = createSign1({ keyStore: store, keyId: id, payload: text('abc'), kid: key.kid });
    const body = (decodeCbor(msg) as CborTag).value as CborValue[];
    throws(() => verifySign1(encodeCbor(new CborTag(17, body)), { suite, keys: [key] }), 'cose.malformed');
    throws(() => verifySign1(encodeCbor(body.slice(0, 3)), { suite, keys: [key] }), 'cose.malformed');
    throws(() => verifySign1(encodeCbor(body), { suite, keys: [key], requireTag: true }), 'cose.malformed');
    equal(verifySign1(encodeCbor(body), { suite, keys: [key] }).tagged, false);
    throws(() => verifySign1(withPart(msg, 1, new Map([[1, -8]])), { suite, keys: [key] }), 'cose.bad-header');
    throws(() => verifySign1(withPart(msg, 1, new Map([[4, 'text kid']])), { suite, keys: [key] }), 'cose.bad-header');
    throws(() => verifySign1(withPart(msg, 0, encodeCbor(new Map([[1, -999]]))), { suite, keys: [key] }), 'cose.unsupported');
    throws(() => verifySign1(withPart(msg, 0, encodeCbor(new Map([[1, 'unknown']]))), { suite, keys: [key] }), 'cose.unsupported');
    throws(() => verifySign1(withPart(msg, 0, encodeCbor([1, -8])), { suite, keys: [key] }), 'cose.bad-header');
    throws(() => verifySign1(msg.subarray(0, msg.length - 1), { suite, keys: [key] }), 'cbor.truncated');
  });

  it('handles crit (RFC 9052 section 3.1): understood labels pass, others and misplaced crit fail', () => {
    const { store, id, key } = ed25519Signer();
    const critKnown = createSign1({ keyStore: store, keyId: id, payload: text('a'), protectedHeaders: new Map<CborValue, CborValue>([[2, [3]], [3, 0]]) });
    ok(verifySign1(critKnown, { suite, keys: [key] }));
    const critPrivate = createSign1({ keyStore: store, keyId: id, payload: text('a'), protectedHeaders: new Map<CborValue, CborValue>([[2, [-70000]], [-70000, 1]]) });
    throws(() => verifySign1(critPrivate, { suite, keys: [key] }), 'cose.critical');
    ok(verifySign1(critPrivate, { suite, keys: [key], understoodCritical: [-70000] }));
    const critAbsent = createSign1({ keyStore: store, keyId: id, payload: text('a'), protectedHeaders: new Map<CborValue, CborValue>([[2, [3]]]) });
    throws(() => verifySign1(critAbsent, { suite, keys: [key] }), 'cose.critical');
    const critEmpty = createSign1({ keyStore: store, keyId: id, payload: text('a'), protectedHeaders: new Map<CborValue, CborValue>([[2, []]]) });
    throws(() => verifySign1(critEmpty, { suite, keys: [key] }), 'cose.bad-header');
    const critUnprotected = createSign1({ keyStore: store, keyId: id, payload: text('a'), unprotectedHeaders: new Map<CborValue, CborValue>([[2, [4]]]) });
    throws(() => verifySign1(critUnprotected, { suite, keys: [key] }), 'cose.bad-header');
  });

  it('selects keys by kid: another kid is cose.no-key, a wrong key is cose.bad-signature', () => {
    const a = ed25519Signer();
    const b = ed25519Signer();
    const other = testKeyStore(9);
    const oid = other.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'volatile' });
    const okey = coseKeyFromPublic('ed25519', other.exportPublic(oid), text('dev-2'));
    const msg = createSign1({ keyStore: other, keyId: oid, payload: text('x'), kid: text('dev-2') });
    equal(verifySign1(msg, { suite, keys: [a.key, okey] }).key, okey);
    throws(() => verifySign1(msg, { suite, keys: [a.key] }), 'cose.no-key');
    throws(() => verifySign1(msg, { suite, keys: [{ ...b.key, kid: text('dev-2') }] }), 'cose.bad-signature');
    const resolver = (kid: Uint8Array | undefined) => (kid !== undefined && toHex(kid) === toHex(text('dev-2')) ? [okey] : []);
    equal(verifySign1(msg, { suite, keys: resolver }).key, okey);
    const noKid = createSign1({ keyStore: other, keyId: oid, payload: text('x') });
    throws(() => verifySign1(noKid, { suite, keys: resolver }), 'cose.no-key');
    equal(verifySign1(noKid, { suite, keys: [a.key, b.key, okey] }).key, okey);
  });
});

describe('cose: COSE_Key (RFC 9052 section 7, RFC 9053 section 7)', () => {
  it('round-trips OKP and EC2 keys, compressed and not, and JWK', () => {
    const store = testKeyStore();
    const p = coseKeyFromPublic('p256', store.exportPublic(store.generate({ type: 'p256', usage: 'derive', algorithm: 'ecdh', persistence: 'volatile' })), text('k'));
    deepEqual(decodeCoseKey(encodeCoseKey(p)), p);
    deepEqual(coseKeyFromJwk(coseKeyToJwk(p), p.kid), p);
    const x = coseKeyFromPublic('x25519', new Uint8Array(32).fill(9));
    deepEqual(decodeCoseKey(encodeCoseKey(x)), x);
    const compressed = decodeCoseKey(new Map<CborValue, CborValue>([[1, 2], [-1, 1], [-2, p.publicKey!.slice(1, 33)], [-3, (p.publicKey![64] & 1) === 1]]));
    equal(compressed.publicKey!.length, 33);
    deepEqual(encodeCoseKey(compressed).get(-3), (p.publicKey![64] & 1) === 1);
  });

  it('refuses private parts, unknown types and wrong sizes', () => {
    throws(() => decodeCoseKey(new Map<CborValue, CborValue>([[1, 1], [-1, 6], [-2, new Uint8Array(32)], [-4, new Uint8Array(32)]])), 'cose.bad-key');
    throws(() => decodeCoseKey(new Map<CborValue, CborValue>([[1, 3]])), 'cose.unsupported');
    throws(() => decodeCoseKey(new Map<CborValue, CborValue>([[1, 1], [-1, 7], [-2, new Uint8Array(57)]])), 'cose.unsupported');
    throws(() => decodeCoseKey(new Map<CborValue, CborValue>([[1, 1], [-1, 6], [-2, new Uint8Array(31)]])), 'cose.bad-key');
    throws(() => decodeCoseKey(new Map<CborValue, CborValue>([[1, 2], [-1, 6], [-2, new Uint8Array(32)]])), 'cose.bad-key');
    throws(() => decodeCoseKey([]), 'cose.bad-key');
  });
});
