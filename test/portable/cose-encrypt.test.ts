import { toHex, fromHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { ALG } from '../../firmware/cose/algorithms';
import { createEncrypt, decryptEncrypt, parseEncrypt } from '../../firmware/cose/encrypt';
import { createEncrypt0, decryptEncrypt0 } from '../../firmware/cose/encrypt0';
import { HEADER } from '../../firmware/cose/header';
import { encodeKdfContext } from '../../firmware/cose/kdf-context';
import { coseKeyFromPublic, type CoseKey } from '../../firmware/cose/key';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { xsTestRandom } from '../../hosts/xs/random';
import { equal, ok, throws } from '../support/assert';
import { testKeyStore } from '../support/cose-keys';

const suite = portableSuite;
const random = xsTestRandom(3);
const text = (s: string): Uint8Array => utf8Encode(s);

function agreementKey(type: 'x25519' | 'p256', kid: string) {
  const store = testKeyStore(kid.length * 31 + kid.charCodeAt(0));
  const keyId = store.generate({ type, usage: 'derive', algorithm: 'ecdh', persistence: 'volatile' });
  const key: CoseKey = coseKeyFromPublic(type, store.exportPublic(keyId), text(kid));
  return { store, keyId, key, kid: text(kid) };
}

function replaceRecipientHeader(message: Uint8Array, label: number, value: CborValue): Uint8Array {
  const tag = decodeCbor(message) as CborTag;
  const body = (tag.value as CborValue[]).slice();
  const recipients = (body[3] as CborValue[][]).map((r) => r.slice());
  const unprot = new Map(recipients[0][1] as Map<CborValue, CborValue>);
  unprot.set(label, value);
  recipients[0][1] = unprot;
  body[3] = recipients;
  return encodeCbor(new CborTag(tag.tag, body));
}

describe('cose: COSE_KDF_Context (RFC 9053 section 5.2)', () => {
  it('encodes the vector context of x25519-ss-hkdf-256-direct from its parts', () => {
    const nonce = fromHex('607A92A41974DF0CB967E1C395B21F557469379E011781B6BE9189F40ADFECE4715AB87A79B36FB20913240FBB833FAB14B6A72A232A3CB18D1996A16256E445');
    const ctx = encodeKdfContext({ algorithmId: 1, partyU: { nonce }, keyLength: 16, protected: fromHex('A101381A') });
    equal(toHex(ctx).toUpperCase(), '840183F65840' + toHex(nonce).toUpperCase() + 'F683F6F6F682188044A101381A');
    equal(toHex(encodeKdfContext({ algorithmId: -5, partyU: { identity: text('u') }, partyV: { other: text('v') }, keyLength: 32, protected: new Uint8Array(0) })), toHex(encodeCbor([-5, [text('u'), null, null], [null, null, text('v')], [256, new Uint8Array(0)]])));
  });
});

describe('cose: COSE_Encrypt0 (RFC 9052 section 5.2)', () => {
  it('round-trips each content algorithm and reports key, kid and algorithm', () => {
    for (const [alg, len] of [[ALG.A128GCM, 16], [ALG.A256GCM, 32], [ALG.ChaCha20Poly1305, 24 + 8]] as const) {
      const k = random.fill(new Uint8Array(len));
      const key: CoseKey = { kty: 'Symmetric', k, kid: text('s') };
      const msg = createEncrypt0({ suite, random, algorithm: alg, key: k, kid: text('s'), plaintext: text('hi'), externalAad: text('ctx') });
      const r = decryptEncrypt0(msg, { suite, keys: [key], externalAad: text('ctx') });
      equal(toHex(r.plaintext), toHex(text('hi')));
      equal(r.algorithm, alg);
      equal(r.key, key);
      throws(() => decryptEncrypt0(msg, { suite, keys: [key] }), 'cose.decrypt-failed');
      throws(() => decryptEncrypt0(msg, { suite, keys: [{ ...key, kid: text('t') }], externalAad: text('ctx') }), 'cose.no-key');
    }
  });

  it('refuses unknown algorithms, bad IVs and Partial IVs with their codes', () => {
    const k = new Uint8Array(16).fill(1);
    const key: CoseKey = { kty: 'Symmetric', k };
    throws(() => createEncrypt0({ suite, random, algorithm: 2, key: k, plaintext: text('x') }), 'cose.unsupported');
    const msg = createEncrypt0({ suite, random, algorithm: 1, key: k, plaintext: text('x') });
    const body = (decodeCbor(msg) as CborTag).value as CborValue[];
    const withUnprot = (m: Map<CborValue, CborValue>) => encodeCbor(new CborTag(16, [body[0], m, body[2]]));
    throws(() => decryptEncrypt0(withUnprot(new Map([[HEADER.iv, new Uint8Array(11)]])), { suite, keys: [key] }), 'cose.bad-header');
    throws(() => decryptEncrypt0(withUnprot(new Map()), { suite, keys: [key] }), 'cose.bad-header');
    throws(() => decryptEncrypt0(withUnprot(new Map([[HEADER.partialIv, new Uint8Array(2)]])), { suite, keys: [key] }), 'cose.unsupported');
    throws(() => decryptEncrypt0(withUnprot(new Map([[HEADER.iv, new Uint8Array(12)], [HEADER.partialIv, new Uint8Array(2)]])), { suite, keys: [key] }), 'cose.bad-header');
    const based = decryptEncrypt0(withUnprot(new Map([[HEADER.partialIv, (body[1] as Map<CborValue, CborValue>).get(HEADER.iv) as Uint8Array]])), { suite, keys: [{ ...key, baseIv: new Uint8Array(12) }] });
    equal(toHex(based.plaintext), toHex(text('x')), 'Partial IV XOR a zero Base IV is the IV');
    throws(() => decryptEncrypt0(encodeCbor(new CborTag(16, [body[0], body[1], null])), { suite, keys: [key] }), 'cose.unsupported');
  });
});

describe('cose: COSE_Encrypt with ECDH (RFC 9053 section 6.3)', () => {
  const cases: [string, 'x25519' | 'p256', number, number][] = [
    ['ECDH-ES + HKDF-256, X25519, ChaCha20/Poly1305', 'x25519', ALG.ECDH_ES_HKDF_256, ALG.ChaCha20Poly1305],
    ['ECDH-SS + HKDF-256, X25519, ChaCha20/Poly1305', 'x25519', ALG.ECDH_SS_HKDF_256, ALG.ChaCha20Poly1305],
    ['ECDH-ES + A256KW, P-256, A256GCM', 'p256', ALG.ECDH_ES_A256KW, ALG.A256GCM],
    ['ECDH-SS + A256KW, P-256, A256GCM', 'p256', ALG.ECDH_SS_A256KW, ALG.A256GCM],
    ['ECDH-ES + A128KW, X25519, A128GCM', 'x25519', ALG.ECDH_ES_A128KW, ALG.A128GCM],
    ['ECDH-SS + A128KW, P-256, A128GCM', 'p256', ALG.ECDH_SS_A128KW, ALG.A128GCM],
  ];
  for (const [title, type, recipientAlg, contentAlg] of cases) {
    it(`round-trips ${title} and says what was established`, () => {
      const bob = agreementKey(type, 'bob');
      const ss = recipientAlg === ALG.ECDH_SS_HKDF_256 || recipientAlg === ALG.ECDH_SS_A256KW || recipientAlg === ALG.ECDH_SS_A128KW;
      const alice = agreementKey(type, 'alice');
      const spec = ss
        ? { kind: 'ecdh-ss' as const, algorithm: recipientAlg, recipientKey: bob.key, kid: bob.kid, keyStore: alice.store, senderKeyId: alice.keyId, partyU: { identity: text('alice') } }
        : { kind: 'ecdh-es' as const, algorithm: recipientAlg, recipientKey: bob.key, kid: bob.kid, partyV: { identity: text('bob') } };
      const msg = createEncrypt({ suite, random, algorithm: contentAlg, plaintext: text('glucose 5.4'), recipients: [spec], externalAad: text('x') });
      const r = decryptEncrypt(msg, { suite, keyStore: bob.store, agreement: [{ keyId: bob.keyId, kid: bob.kid }], externalAad: text('x') });
      equal(toHex(r.plaintext), toHex(text('glucose 5.4')));
      equal(r.algorithm, contentAlg);
      equal(r.recipient.algorithm, recipientAlg);
      equal(r.recipient.keyId, bob.keyId);
      equal(r.senderAuthenticated, ss);
      if (ss) {
        equal(toHex(r.recipient.senderKey!.publicKey!), toHex(alice.key.publicKey!));
        ok(parseEncrypt(msg).recipients[0].headers.unprotected.get(HEADER.partyUNonce) instanceof Uint8Array, 'ECDH-SS carries a fresh PartyU nonce');
      }
      // Changing a KDF input (PartyU identity) changes the key: cose.decrypt-failed.
      throws(() => decryptEncrypt(replaceRecipientHeader(msg, HEADER.partyUIdentity, text('mallory')), { suite, keyStore: bob.store, agreement: [{ keyId: bob.keyId }], externalAad: text('x') }), 'cose.decrypt-failed');
      // Someone else's key: no recipient for it.
      const eve = agreementKey(type, 'eve');
      throws(() => decryptEncrypt(msg, { suite, keyStore: eve.store, agreement: [{ keyId: eve.keyId, kid: eve.kid }], externalAad: text('x') }), 'cose.no-key');
      throws(() => decryptEncrypt(msg, { suite, keyStore: eve.store, agreement: [{ keyId: eve.keyId }], externalAad: text('x') }), 'cose.decrypt-failed');
    });
  }

  it('names the sender by static key id (-3) and resolves it from senderKeys', () => {
    const bob = agreementKey('x25519', 'bob');
    const alice = agreementKey('x25519', 'alice');
    const msg = createEncrypt({ suite, random, algorithm: ALG.ChaCha20Poly1305, plaintext: text('p'), recipients: [{ kind: 'ecdh-ss', algorithm: ALG.ECDH_SS_HKDF_256, recipientKey: bob.key, keyStore: alice.store, senderKeyId: alice.keyId, senderKid: alice.kid }] });
    throws(() => decryptEncrypt(msg, { suite, keyStore: bob.store, agreement: [{ keyId: bob.keyId }] }), 'cose.no-key');
    const r = decryptEncrypt(msg, { suite, keyStore: bob.store, agreement: [{ keyId: bob.keyId }], senderKeys: [alice.key] });
    equal(r.recipient.senderKey, alice.key);
  });

  it('refuses a direct recipient next to another one, and wrong key types', () => {
    const bob = agreementKey('x25519', 'bob');
    throws(() => createEncrypt({ suite, random, algorithm: 24, plaintext: text('p'), recipients: [{ kind: 'ecdh-es', algorithm: -25, recipientKey: bob.key }, { kind: 'ecdh-es', algorithm: -25, recipientKey: bob.key }] }), 'cose.bad-argument');
    throws(() => createEncrypt({ suite, random, algorithm: 24, plaintext: text('p'), recipients: [{ kind: 'ecdh-es', algorithm: -27, recipientKey: bob.key }] }), 'cose.unsupported');
    throws(() => createEncrypt({ suite, random, algorithm: 24, plaintext: text('p'), recipients: [{ kind: 'ecdh-es', algorithm: -25, recipientKey: { kty: 'Symmetric', k: new Uint8Array(32) } }] }), 'cose.bad-key');
  });

  it('sends to several key-wrap recipients; each opens the same content', () => {
    const bob = agreementKey('p256', 'bob');
    const carol = agreementKey('x25519', 'carol');
    const msg = createEncrypt({
      suite, random, algorithm: ALG.A256GCM, plaintext: text('both'),
      recipients: [
        { kind: 'ecdh-es', algorithm: ALG.ECDH_ES_A256KW, recipientKey: bob.key, kid: bob.kid },
        { kind: 'ecdh-es', algorithm: ALG.ECDH_ES_A256KW, recipientKey: carol.key, kid: carol.kid },
      ],
    });
    equal(decryptEncrypt(msg, { suite, keyStore: bob.store, agreement: [{ keyId: bob.keyId, kid: bob.kid }] }).recipient.index, 0);
    equal(decryptEncrypt(msg, { suite, keyStore: carol.store, agreement: [{ keyId: carol.keyId, kid: carol.kid }] }).recipient.index, 1);
  });
});
