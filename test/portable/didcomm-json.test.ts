// JSON DIDComm pack -> unpack round trips with the vectors' agents, and the
// checks unpack makes, each shown by changing one thing of a good message.
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { packJson } from '../../firmware/didcomm/json/pack';
import { unpackJson } from '../../firmware/didcomm/json/unpack';
import { signFromPrior } from '../../firmware/didcomm/from-prior';
import type { Message } from '../../firmware/didcomm/message';
import { MemoryReplayStore, ReplayCache } from '../../firmware/didcomm/replay-cache';
import type { AnonContentAlg } from '../../firmware/didcomm/types';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { xsTestRandom } from '../../hosts/xs/random';
import { toBase64url } from '../../firmware/bytes/base64url';
import { findMethod, publicKeyOfMethod } from '../../firmware/did/document';
import { encryptJwe } from '../../firmware/didcomm/json/jwe';
import { messageJsonBytes } from '../../firmware/didcomm/message-json';
import { signJws } from '../../firmware/jose/jws';
import { packReading, readingPair, unpackReading } from '../../firmware/didcomm/reading-pair';
import { FORWARD_TYPE, forwardOf, unwrapForward, wrapInForward } from '../../firmware/didcomm/json/forward';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { VECTOR_NOW, vectorAgent, vectorResolver } from '../support/didcomm-vectors';

const alice = vectorAgent('alice');
const bob = vectorAgent('bob');
const charlie = vectorAgent('charlie');
const resolver = vectorResolver();
const random = xsTestRandom(42);

const message: Message = {
  id: 'r-000123',
  type: 'https://example.org/glucose/1.0/reading',
  from: 'did:example:alice',
  to: ['did:example:bob'],
  created_time: VECTOR_NOW,
  expires_time: VECTOR_NOW + 60,
  body: { value: 104, unit: 'mg/dL', time: VECTOR_NOW, seq: 123 },
  extra: { custom_header: { kept: true } },
};

const toBob = (bytes: Uint8Array, extra: object = {}) => unpackJson(bytes, { resolver, keys: bob.ring, now: VECTOR_NOW, ...extra });

describe('JSON DIDComm: pack -> unpack', () => {
  for (const enc of ['XC20P', 'A256GCM', 'A256CBC-HS512'] as AnonContentAlg[]) {
    it(`anoncrypt ${enc} to bob's three X25519 keys`, () => {
      const packed = packJson(message, { mode: 'anoncrypt', resolver, random, encAlgAnon: enc });
      equal(packed.metadata.to_kids.length, 3);
      const { message: out, metadata } = toBob(packed.bytes);
      deepEqual(out, message);
      equal(metadata.enc_alg_anon, { XC20P: 'Xc20pEcdhEsA256kw', A256GCM: 'A256gcmEcdhEsA256kw', 'A256CBC-HS512': 'A256cbcHs512EcdhEsA256kw' }[enc]);
      equal(metadata.authenticated, false);
    });
  }
  it('anoncrypt to a P-256 key named by its key id', () => {
    const packed = packJson(message, { mode: 'anoncrypt', resolver, random, to: ['did:example:bob#key-p256-2'], encAlgAnon: 'A256GCM' });
    deepEqual(packed.metadata.to_kids, ['did:example:bob#key-p256-2']);
    deepEqual(toBob(packed.bytes).metadata.encrypted_to_kids, ['did:example:bob#key-p256-2']);
  });
  it('authcrypt X25519 and P-256: authenticated, sender key named', () => {
    for (const from of ['did:example:alice', 'did:example:alice#key-p256-1']) {
      const packed = packJson(message, { mode: 'authcrypt', resolver, random, keys: alice.ring, from });
      const { message: out, metadata } = toBob(packed.bytes);
      deepEqual(out, message);
      equal(metadata.authenticated, true);
      equal(metadata.anonymous_sender, false);
      equal(metadata.encrypted_from_kid, from === 'did:example:alice' ? 'did:example:alice#key-x25519-1' : from);
    }
  });
  it('signed EdDSA and ES256; signed inside authcrypt; protect_sender', () => {
    for (const signBy of ['did:example:alice#key-1', 'did:example:alice#key-2']) {
      const packed = packJson(message, { mode: 'signed', resolver, keys: alice.ring, signBy });
      const { metadata } = unpackJson(packed.bytes, { resolver, now: VECTOR_NOW });
      equal(metadata.sign_from, signBy);
      equal(metadata.sign_alg, signBy.endsWith('1') ? 'EdDSA' : 'ES256');
    }
    const both = toBob(packJson(message, { mode: 'authcrypt', resolver, random, keys: alice.ring, signBy: 'did:example:alice#key-1' }).bytes).metadata;
    ok(both.non_repudiation && both.authenticated && both.encrypted);
    const hidden = toBob(packJson(message, { mode: 'authcrypt', resolver, random, keys: alice.ring, protectSender: true }).bytes).metadata;
    ok(hidden.anonymous_sender && hidden.authenticated);
    equal(hidden.encrypted_from_kid, 'did:example:alice#key-x25519-1');
  });
});

describe('JSON DIDComm: unpack checks', () => {
  it('from must be the authenticated sender (authcrypt and JWS)', () => {
    // charlie authcrypts a message that claims to be from alice: pack refuses, a hand-made one is rejected.
    throws(() => packJson(message, { mode: 'authcrypt', resolver, random, keys: charlie.ring, from: 'did:example:charlie' }), 'didcomm.bad-option');
    const sender = { kid: 'did:example:charlie#key-x25519-1', keyId: charlie.ring.keyId('did:example:charlie#key-x25519-1', 'derive') as string, store: charlie.ring.store };
    const bobKey = { kid: 'did:example:bob#key-x25519-1', key: publicKeyOfMethod(findMethod(bob.document, 'did:example:bob#key-x25519-1')) };
    const forged = encryptJwe(messageJsonBytes(message), [bobKey], 'A256CBC-HS512', { random, suite: portableSuite, sender });
    throws(() => toBob(utf8Encode(JSON.stringify(forged))), 'didcomm.sender-mismatch');
    const honest = encryptJwe(messageJsonBytes({ ...message, from: 'did:example:charlie' }), [bobKey], 'A256CBC-HS512', { random, suite: portableSuite, sender });
    equal(toBob(utf8Encode(JSON.stringify(honest))).metadata.encrypted_from_kid, sender.kid);
    // a JWS by charlie over a message from alice
    const jws = signJws(messageJsonBytes(message), [{ kid: 'did:example:charlie#key-1', alg: 'EdDSA', keyId: charlie.ring.keyId('did:example:charlie#key-1', 'sign') as string }], charlie.ring.store, 'application/didcomm-signed+json');
    throws(() => unpackJson(JSON.stringify(jws), { resolver, now: VECTOR_NOW }), 'didcomm.sender-mismatch');
    // and alice's JWS with its payload changed
    const signed = JSON.parse(utf8Decode(packJson(message, { mode: 'signed', resolver, keys: alice.ring }).bytes));
    signed.payload = toBase64url(messageJsonBytes({ ...message, body: { value: 999 } }));
    throws(() => unpackJson(JSON.stringify(signed), { resolver, now: VECTOR_NOW }), 'jose.bad-signature');
  });
  it('a JWS signed with a keyAgreement-only key id is refused', () => {
    const signed = JSON.parse(utf8Decode(packJson(message, { mode: 'signed', resolver, keys: alice.ring, signBy: 'did:example:alice#key-1' }).bytes));
    signed.signatures[0].header.kid = 'did:example:alice#key-x25519-1';
    throws(() => unpackJson(JSON.stringify(signed), { resolver, now: VECTOR_NOW }), 'did.key-not-found');
  });
  it('the recipient must be in to', () => {
    const packed = packJson({ ...message, to: ['did:example:charlie'] }, { mode: 'anoncrypt', resolver, random, to: ['did:example:bob'] });
    throws(() => toBob(packed.bytes), 'didcomm.recipient-mismatch');
  });
  it('a tampered ciphertext, tag or wrapped key does not decrypt', () => {
    const jwe = JSON.parse(utf8Decode(packJson(message, { mode: 'authcrypt', resolver, random, keys: alice.ring }).bytes));
    const flip = (s: string): string => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const field of ['ciphertext', 'tag']) throws(() => toBob(utf8Encode(JSON.stringify({ ...jwe, [field]: flip(jwe[field]) }))), 'jose.decrypt-failed');
    jwe.recipients = jwe.recipients.map((r: { encrypted_key: string }) => ({ ...r, encrypted_key: flip(r.encrypted_key) }));
    throws(() => toBob(utf8Encode(JSON.stringify(jwe))), 'jose.decrypt-failed');
  });
  it('replay: the same message twice is refused; the cache persists through its store', () => {
    const store = new MemoryReplayStore();
    const packed = packJson(message, { mode: 'authcrypt', resolver, random, keys: alice.ring });
    toBob(packed.bytes, { replay: new ReplayCache(store, portableSuite) });
    throws(() => toBob(packed.bytes, { replay: new ReplayCache(store, portableSuite) }), 'didcomm.replayed');
    equal(toBob(packed.bytes).message.id, message.id);
  });
  it('size limit and nesting order', () => {
    const packed = packJson(message, { mode: 'anoncrypt', resolver, random });
    throws(() => toBob(packed.bytes, { maxMessageBytes: 100 }), 'didcomm.too-large');
    // DIDComm v2 allows anoncrypt > authcrypt > signed > plaintext only: a JWS around a JWE is refused.
    const jws = signJws(packed.bytes, [{ kid: 'did:example:alice#key-1', alg: 'EdDSA', keyId: alice.ring.keyId('did:example:alice#key-1', 'sign') as string }], alice.ring.store, 'application/didcomm-signed+json');
    throws(() => toBob(utf8Encode(JSON.stringify(jws))), 'didcomm.bad-envelope');
    const twice = packJson(message, { mode: 'anoncrypt', resolver, random });
    throws(() => toBob(utf8Encode(JSON.stringify(encryptJwe(twice.bytes, [{ kid: 'did:example:bob#key-x25519-1', key: publicKeyOfMethod(findMethod(bob.document, 'did:example:bob#key-x25519-1')) }], 'XC20P', { random, suite: portableSuite })))), 'didcomm.bad-envelope');
  });
  it('from_prior produced on rotation verifies; signed by the wrong DID it does not', () => {
    const jwt = signFromPrior({ iss: 'did:example:charlie', sub: 'did:example:alice', iat: VECTOR_NOW }, 'did:example:charlie#key-1', charlie.ring.keyId('did:example:charlie#key-1', 'sign') as string, charlie.ring.store);
    const { metadata } = unpackJson(packJson({ ...message, from_prior: jwt }, { mode: 'plain', resolver }).bytes, { resolver, now: VECTOR_NOW });
    equal(metadata.from_prior?.iss, 'did:example:charlie');
    throws(() => unpackJson(packJson({ ...message, from: 'did:example:bob', from_prior: jwt }, { mode: 'plain', resolver }).bytes, { resolver, now: VECTOR_NOW }), 'didcomm.bad-from-prior');
  });
});

describe('JSON DIDComm: forward (routing 2.0)', () => {
  it('the gateway wraps for a mediator; the mediator hands on; the recipient unpacks', () => {
    const packed = packJson(message, { mode: 'authcrypt', resolver, random, keys: alice.ring });
    const wrapped = wrapInForward(packed.bytes, 'did:example:bob', ['did:example:charlie#key-x25519-1'], { resolver, random });
    const atMediator = unpackJson(wrapped, { resolver, keys: charlie.ring, now: VECTOR_NOW });
    equal(atMediator.message.type, FORWARD_TYPE);
    const hop = forwardOf(atMediator.message);
    equal(hop?.next, 'did:example:bob');
    deepEqual(toBob(hop?.packed as Uint8Array).message, message);
  });
  it('a device unwraps a forward addressed to itself: re_wrapped_in_forward', () => {
    const packed = packJson(message, { mode: 'authcrypt', resolver, random, keys: alice.ring });
    const wrapped = wrapInForward(packed.bytes, 'did:example:bob', ['did:example:bob#key-x25519-2'], { resolver, random });
    const options = { resolver, keys: bob.ring, now: VECTOR_NOW };
    const result = unwrapForward(unpackJson(wrapped, options), options, (did) => did === 'did:example:bob');
    deepEqual(result.message, message);
    equal(result.metadata.re_wrapped_in_forward, true);
    equal(result.metadata.authenticated, true);
    throws(() => forwardOf({ id: 'f', type: FORWARD_TYPE, body: {} }), 'didcomm.malformed');
  });
});

describe('JSON DIDComm: the glucose reading (bench hooks)', () => {
  it('packs and unpacks in every mode through the codec registry; sizes grow plain < signed < anoncrypt', () => {
    const pair = readingPair({ suite: portableSuite, random: xsTestRandom(5) });
    const sizes: Record<string, number> = {};
    for (const mode of ['plain', 'signed', 'anoncrypt', 'authcrypt'] as const) {
      const packed = packReading(pair, mode);
      sizes[mode] = packed.bytes.length;
      const { message, metadata } = unpackReading(pair, packed.bytes);
      deepEqual(message, pair.message);
      equal(metadata.encrypted, mode === 'anoncrypt' || mode === 'authcrypt');
    }
    ok(sizes.plain < sizes.signed && sizes.signed < sizes.anoncrypt, JSON.stringify(sizes));
  });
});

describe('JSON DIDComm: did:peer:4 senders', () => {
  it('authcrypt from a long-form did:peer:4 names the sender by its short form; from keeps the long form', () => {
    const pair = readingPair({ suite: portableSuite, random: xsTestRandom(9), method: 'peer4' });
    ok(pair.meter.did.length > 400, `long form ${pair.meter.did.length}`);
    const { message, metadata } = unpackReading(pair, packReading(pair, 'authcrypt').bytes);
    equal(message.from, pair.meter.did);
    equal(metadata.encrypted_from_kid, `${pair.meter.did.slice(0, pair.meter.did.indexOf(':', 'did:peer:4'.length))}#key-2`);
  });
});

describe('JSON DIDComm: JWS serializations', () => {
  it('the flattened serialization verifies; two signers of one DID verify; signers of two DIDs are refused', () => {
    const general = JSON.parse(utf8Decode(packJson(message, { mode: 'signed', resolver, keys: alice.ring }).bytes));
    const flat = { payload: general.payload, ...general.signatures[0] };
    equal(unpackJson(JSON.stringify(flat), { resolver, now: VECTOR_NOW }).metadata.sign_from, 'did:example:alice#key-1');
    const k = (ring: typeof alice.ring, kid: string) => ring.keyId(kid, 'sign') as string;
    const payload = messageJsonBytes(message);
    const two = signJws(payload, [{ kid: 'did:example:alice#key-1', alg: 'EdDSA', keyId: k(alice.ring, 'did:example:alice#key-1') }], alice.ring.store, 'application/didcomm-signed+json');
    const es = signJws(payload, [{ kid: 'did:example:alice#key-2', alg: 'ES256', keyId: k(alice.ring, 'did:example:alice#key-2') }], alice.ring.store, 'application/didcomm-signed+json');
    const both = { payload: two.payload, signatures: [...(two.signatures as object[]), ...(es.signatures as object[])] };
    equal(unpackJson(JSON.stringify(both), { resolver, now: VECTOR_NOW }).metadata.non_repudiation, true);
    const byCharlie = signJws(payload, [{ kid: 'did:example:charlie#key-1', alg: 'EdDSA', keyId: k(charlie.ring, 'did:example:charlie#key-1') }], charlie.ring.store, 'application/didcomm-signed+json');
    const mixed = { payload: two.payload, signatures: [...(two.signatures as object[]), ...(byCharlie.signatures as object[])] };
    throws(() => unpackJson(JSON.stringify(mixed), { resolver, now: VECTOR_NOW }), 'didcomm.sender-mismatch');
  });
});
