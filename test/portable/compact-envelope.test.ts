// Compact envelopes (firmware/didcomm/PROFILE.md section 3): pack -> unpack for
// every mode with real did:peer:2 agents, the sizes the profile promises, and
// the checks unpack makes, each shown by changing one thing of a good message.
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { unpackCompact, type CompactUnpackOptions } from '../../firmware/didcomm/compact/unpack';
import { compactForwardOf, unwrapCompactForward, wrapInCompactForward } from '../../firmware/didcomm/compact/forward';
import { shortKid } from '../../firmware/didcomm/compact/key-id';
import type { Message } from '../../firmware/didcomm/message';
import { MemoryReplayStore, ReplayCache } from '../../firmware/didcomm/replay-cache';
import { createEncrypt } from '../../firmware/cose/encrypt';
import type { RecipientSpec } from '../../firmware/cose/recipient';
import { createSign1 } from '../../firmware/cose/sign1';
import { findMethod, publicKeyOfMethod } from '../../firmware/did/document';
import { toCoseKey } from '../../firmware/didcomm/compact/parties';
import { encodeCompactPlaintext } from '../../firmware/didcomm/compact/plaintext';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { toHex } from '../../firmware/bytes/hex';
import { peer4ShortForm } from '../../firmware/did/peer4';
import { readingPair } from '../../firmware/didcomm/reading-pair';
import { EXAMPLE_KEYS, EXAMPLE_RANDOM, importedAgent, makeAgent, reading, resolverOf, scriptedRandom } from './compact-support';

const meter = makeAgent(1);
const phone = makeAgent(2);
const other = makeAgent(3);
const resolver = resolverOf(meter, phone, other);
const random = xsTestRandom(5);
const msg = reading(meter.did, phone.did);
const NOW = 1763779300;

const asPhone = (extra: Partial<CompactUnpackOptions> = {}): CompactUnpackOptions => ({ suite: portableSuite, resolver, keys: phone.ring, peers: [meter.doc], now: NOW, ...extra });

function tagged(bytes: Uint8Array): CborTag {
  const v = decodeCbor(bytes);
  ok(v instanceof CborTag);
  return v as CborTag;
}

describe('compact envelopes: pack -> unpack', () => {
  it('authcrypt of the glucose reading between did:peer:2 agents fits one BLE 5 packet', () => {
    const packed = packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random });
    ok(packed.bytes.length <= 243, `authcrypt is ${packed.bytes.length} bytes`);
    equal(packed.mediaType, 'application/didcomm-encrypted+cbor');
    equal(packed.metadata.from_kid, `${meter.did}#key-2`);
    deepEqual(packed.metadata.to_kids, [`${phone.did}#key-2`]);
    const { message, metadata } = unpackCompact(packed.bytes, asPhone());
    deepEqual(message, msg);
    deepEqual(metadata, {
      encrypted: true,
      authenticated: true,
      non_repudiation: false,
      anonymous_sender: false,
      re_wrapped_in_forward: false,
      encrypted_from_kid: `${meter.did}#key-2`,
      encrypted_to_kids: [`${phone.did}#key-2`],
      enc_alg_auth: 'C20pEcdhSsHkdf256',
    });
  });
  it('authcrypt is COSE_Encrypt with ECDH-SS + HKDF-256, a protected sender kid and a fresh PartyU nonce', () => {
    const a = packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random }).bytes;
    const b = packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random }).bytes;
    const [prot, , , recipients] = tagged(a).value as CborValue[];
    equal(tagged(a).tag, 96);
    deepEqual(decodeCbor(prot as Uint8Array), new Map([[1, 24]]));
    const [rprot, runprot, rct] = (recipients as CborValue[][])[0];
    const rp = decodeCbor(rprot as Uint8Array) as Map<number, unknown>;
    equal(rp.get(1), -27);
    deepEqual(rp.get(-3), shortKid(`${meter.did}#key-2`, portableSuite));
    const ru = runprot as Map<number, unknown>;
    deepEqual(ru.get(4), shortKid(`${phone.did}#key-2`, portableSuite));
    equal((ru.get(-22) as Uint8Array).length, 16);
    equal((rct as Uint8Array).length, 0);
    const nonceB = ((tagged(b).value as CborValue[])[3] as CborValue[][])[0][1] as Map<number, unknown>;
    ok(encodeCbor(nonceB.get(-22) as Uint8Array).join() !== encodeCbor(ru.get(-22) as Uint8Array).join(), 'a fresh nonce each time');
  });
  it('anoncrypt: ECDH-ES + HKDF-256, sender anonymous, from stays explicit', () => {
    const packed = packCompact(msg, { suite: portableSuite, mode: 'anoncrypt', resolver, random });
    const recipient = ((tagged(packed.bytes).value as CborValue[])[3] as CborValue[][])[0];
    equal((decodeCbor(recipient[0] as Uint8Array) as Map<number, unknown>).get(1), -25);
    const { message, metadata } = unpackCompact(packed.bytes, asPhone());
    deepEqual(message, msg);
    ok(metadata.anonymous_sender && !metadata.authenticated);
    equal(metadata.enc_alg_anon, 'C20pEcdhEsHkdf256');
  });
  it('several recipients: A256KW (-34 authcrypt, -31 anoncrypt), each can open it', () => {
    const two: Message = { ...msg, to: [phone.did, other.did] };
    for (const mode of ['authcrypt', 'anoncrypt'] as const) {
      const packed = packCompact(two, { suite: portableSuite, mode, resolver, keys: meter.ring, random });
      const recipients = (tagged(packed.bytes).value as CborValue[])[3] as CborValue[][];
      equal(recipients.length, 2);
      for (const r of recipients) {
        equal((decodeCbor(r[0] as Uint8Array) as Map<number, unknown>).get(1), mode === 'authcrypt' ? -34 : -31);
        equal((r[2] as Uint8Array).length, 40);
      }
      deepEqual(unpackCompact(packed.bytes, asPhone()).message, two);
      deepEqual(unpackCompact(packed.bytes, { suite: portableSuite, resolver, keys: other.ring, peers: [meter.doc, phone.doc], now: NOW }).message, two);
    }
  });
  it('signed: COSE_Sign1 EdDSA with a protected kid; from implied by the signer', () => {
    const packed = packCompact(msg, { suite: portableSuite, mode: 'signed', resolver, keys: meter.ring });
    equal(tagged(packed.bytes).tag, 18);
    const { message, metadata } = unpackCompact(packed.bytes, { suite: portableSuite, resolver, peers: [meter.doc], now: NOW });
    deepEqual(message, msg);
    ok(metadata.non_repudiation && metadata.authenticated && !metadata.encrypted);
    equal(metadata.sign_from, `${meter.did}#key-1`);
    equal(metadata.sign_alg, 'EdDSA');
  });
  it('signed inside authcrypt, and protect_sender (anoncrypt around authcrypt)', () => {
    const signed = unpackCompact(packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random, signBy: meter.did }).bytes, asPhone());
    deepEqual(signed.message, msg);
    ok(signed.metadata.non_repudiation && signed.metadata.authenticated && signed.metadata.encrypted);
    const hidden = packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random, protectSender: true });
    const opened = unpackCompact(hidden.bytes, asPhone());
    deepEqual(opened.message, msg);
    ok(opened.metadata.anonymous_sender && opened.metadata.authenticated);
    equal(opened.metadata.encrypted_from_kid, `${meter.did}#key-2`);
    equal(opened.metadata.enc_alg_anon, 'C20pEcdhEsHkdf256');
  });
  it('P-256 agents: ES256 and A256GCM', () => {
    const a = makeAgent(11, 'p256');
    const b = makeAgent(12, 'p256');
    const r = resolverOf(a, b);
    const m = reading(a.did, b.did);
    const auth = unpackCompact(packCompact(m, { suite: portableSuite, mode: 'authcrypt', resolver: r, keys: a.ring, random, signBy: a.did }).bytes, { suite: portableSuite, resolver: r, keys: b.ring, peers: [a.doc], now: NOW });
    deepEqual(auth.message, m);
    equal(auth.metadata.enc_alg_auth, 'A256gcmEcdhSsHkdf256');
    equal(auth.metadata.sign_alg, 'ES256');
  });
  it('full key ids let a receiver that does not know the sender yet open it', () => {
    const packed = packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random, kidForm: 'full' });
    throws(() => unpackCompact(packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random }).bytes, asPhone({ peers: [] })), 'didcomm.unknown-kid');
    deepEqual(unpackCompact(packed.bytes, asPhone({ peers: [] })).message, msg);
  });
  it('the peers default to the documents the resolver knows', () => {
    const packed = packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random });
    deepEqual(unpackCompact(packed.bytes, { suite: portableSuite, resolver, keys: phone.ring, now: NOW }).message, msg);
    throws(() => unpackCompact(packed.bytes, { suite: portableSuite, resolver: resolverOf(phone), keys: phone.ring, now: NOW }), 'didcomm.unknown-kid');
  });
  it('a message without from/to keeps them absent; a different from stays explicit', () => {
    const bare: Message = { id: 'x', type: 't', body: {} };
    deepEqual(unpackCompact(packCompact(bare, { suite: portableSuite, mode: 'anoncrypt', resolver, random, to: [phone.did] }).bytes, asPhone()).message, bare);
    deepEqual(unpackCompact(packCompact(bare, { suite: portableSuite, mode: 'plain', resolver }).bytes, asPhone()).message, bare);
  });
});

function phoneKey() {
  return toCoseKey(publicKeyOfMethod(findMethod(phone.doc, `${phone.did}#key-2`)));
}

/** The meter's authcrypt recipient for the phone, as pack builds it. */
function meterSpec(): RecipientSpec {
  return {
    kind: 'ecdh-ss',
    algorithm: -27,
    recipientKey: phoneKey(),
    kid: shortKid(`${phone.did}#key-2`, portableSuite),
    keyStore: meter.store,
    senderKeyId: meter.ring.keyId(`${meter.did}#key-2`, 'derive') as string,
    senderKid: shortKid(`${meter.did}#key-2`, portableSuite),
    protectSender: true,
    partyU: { nonce: random.fill(new Uint8Array(16)) },
  };
}

/** An authcrypt from the meter to the phone around arbitrary bytes. */
function authcryptRaw(payload: Uint8Array): Uint8Array {
  return createEncrypt({ suite: portableSuite, random, algorithm: 24, plaintext: payload, recipients: [meterSpec()] });
}

/** A COSE_Sign1 by the meter's authentication key around arbitrary bytes. */
function signRaw(payload: Uint8Array): Uint8Array {
  return createSign1({ keyStore: meter.store, keyId: meter.ring.keyId(`${meter.did}#key-1`, 'sign') as string, payload, protectedHeaders: new Map([[4, shortKid(`${meter.did}#key-1`, portableSuite)]]) });
}

describe('compact envelopes: unpack checks', () => {
  const good = () => packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random }).bytes;
  it('a changed ciphertext byte does not decrypt', () => {
    const bytes = good();
    bytes[bytes.length - 60] ^= 1;
    throws(() => unpackCompact(bytes, asPhone()), 'cose.decrypt-failed');
  });
  it('a message for someone else: didcomm.no-key', () => {
    throws(() => unpackCompact(good(), { suite: portableSuite, resolver, keys: other.ring, peers: [meter.doc], now: NOW }), 'didcomm.no-key');
  });
  it('from that is not the authenticated sender: didcomm.sender-mismatch', () => {
    // The meter's own pack refuses it; a forger writes the COSE by hand.
    throws(() => packCompact({ ...msg, from: other.did }, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random, from: meter.did }), 'didcomm.bad-option');
    const forged = authcryptRaw(encodeCompactPlaintext({ ...msg, from: other.did }));
    throws(() => unpackCompact(forged, asPhone({ peers: [meter.doc, other.doc] })), 'didcomm.sender-mismatch');
    const signed = signRaw(encodeCompactPlaintext({ ...msg, from: other.did }));
    throws(() => unpackCompact(signed, asPhone({ peers: [meter.doc, other.doc] })), 'didcomm.sender-mismatch');
  });
  it('encrypted to a DID that to does not list: didcomm.recipient-mismatch', () => {
    const wrongTo = authcryptRaw(encodeCompactPlaintext({ ...msg, to: [other.did] }, { from: meter.did }));
    throws(() => unpackCompact(wrongTo, asPhone()), 'didcomm.recipient-mismatch');
  });
  it('implied from inside anoncrypt has no sender to restore: didcomm.malformed', () => {
    const r = packCompact(msg, { suite: portableSuite, mode: 'anoncrypt', resolver, random });
    ok(r.bytes.length > 0);
    const anon = createEncrypt({
      suite: portableSuite,
      random,
      algorithm: 24,
      plaintext: encodeCompactPlaintext(msg, { from: meter.did }),
      recipients: [{ kind: 'ecdh-es', algorithm: -25, recipientKey: phoneKey(), kid: shortKid(`${phone.did}#key-2`, portableSuite) }],
    });
    throws(() => unpackCompact(anon, asPhone()), 'didcomm.malformed');
  });
  it('a signer key that is not an authentication key: did.key-not-found', () => {
    const bySigner = createSign1({
      keyStore: meter.store,
      keyId: meter.ring.keyId(`${meter.did}#key-1`, 'sign') as string,
      payload: encodeCompactPlaintext(msg, { from: meter.did }),
      protectedHeaders: new Map([[4, shortKid(`${meter.did}#key-2`, portableSuite)]]),
    });
    throws(() => unpackCompact(bySigner, asPhone()), 'did.key-not-found');
  });
  it('expired, time unknown, replayed, too large', () => {
    const expiring = packCompact({ ...msg, expires_time: NOW - 1 }, { suite: portableSuite, mode: 'authcrypt', resolver, keys: meter.ring, random }).bytes;
    throws(() => unpackCompact(expiring, asPhone()), 'didcomm.expired');
    throws(() => unpackCompact(expiring, asPhone({ now: undefined })), 'didcomm.time-unknown');
    const replay = new ReplayCache(new MemoryReplayStore(), portableSuite);
    const bytes = good();
    unpackCompact(bytes, asPhone({ replay }));
    throws(() => unpackCompact(good(), asPhone({ replay })), 'didcomm.replayed');
    throws(() => unpackCompact(bytes, asPhone({ maxMessageBytes: bytes.length - 1 })), 'didcomm.too-large');
  });
  it('envelopes in an order DIDComm does not allow: didcomm.bad-envelope', () => {
    const signed = packCompact(msg, { suite: portableSuite, mode: 'signed', resolver, keys: meter.ring }).bytes;
    throws(() => unpackCompact(signRaw(signed), asPhone()), 'didcomm.bad-envelope', 'signed inside signed');
    const anon = packCompact(msg, { suite: portableSuite, mode: 'anoncrypt', resolver, random }).bytes;
    throws(() => unpackCompact(authcryptRaw(anon), asPhone()), 'didcomm.bad-envelope', 'anoncrypt inside authcrypt');
    throws(() => unpackCompact(signRaw(anon), asPhone()), 'didcomm.bad-envelope', 'encryption inside signed');
  });
  it('an authcrypt whose sender kid travels unprotected is refused', () => {
    const bytes = createEncrypt({
      suite: portableSuite,
      random,
      algorithm: 24,
      plaintext: encodeCompactPlaintext(msg, { from: meter.did, to: phone.did }),
      recipients: [{ ...(meterSpec() as Extract<RecipientSpec, { kind: 'ecdh-ss' }>), protectSender: false }],
    });
    throws(() => unpackCompact(bytes, asPhone()), 'didcomm.malformed');
    deepEqual(unpackCompact(createEncrypt({ suite: portableSuite, random, algorithm: 24, plaintext: encodeCompactPlaintext(msg, { from: meter.did, to: phone.did }), recipients: [meterSpec()] }), asPhone()).message, msg);
  });
  it('a content algorithm that does not fit the curve: didcomm.unsupported-algorithm', () => {
    const gcm = createEncrypt({ suite: portableSuite, random, algorithm: 3, plaintext: encodeCompactPlaintext(msg, { from: meter.did, to: phone.did }), recipients: [meterSpec()] });
    throws(() => unpackCompact(gcm, asPhone()), 'didcomm.unsupported-algorithm');
  });
  it('not a compact message', () => {
    throws(() => unpackCompact(Uint8Array.of(0x7b, 0x7d), asPhone()), 'didcomm.unsupported-media-type');
    throws(() => unpackCompact(new Uint8Array(0), asPhone()), 'didcomm.unsupported-media-type');
    throws(() => unpackCompact(encodeCbor(new CborTag(16, [])), asPhone()), 'didcomm.unsupported-media-type');
  });
});

describe('compact envelopes: forward (routing 2.0)', () => {
  const mediator = makeAgent(71);
  const r = resolverOf(meter, phone, mediator);
  it('a gateway wraps for a mediator; the mediator hands on; the device unwraps its own', () => {
    const inner = packCompact(msg, { suite: portableSuite, mode: 'authcrypt', resolver: r, keys: meter.ring, random }).bytes;
    const wrapped = wrapInCompactForward(inner, phone.did, [`${mediator.did}#key-2`], { suite: portableSuite, resolver: r, random });
    ok(wrapped.length > inner.length && wrapped.length < inner.length + 320, `forward adds ${wrapped.length - inner.length} bytes`);
    const atMediator = unpackCompact(wrapped, { suite: portableSuite, resolver: r, keys: mediator.ring });
    const hop = compactForwardOf(atMediator.message);
    ok(hop !== undefined);
    equal(hop?.next, phone.did);
    deepEqual(hop?.packed, inner);
    // A device that is its own mediator unwraps in one go.
    const twice = wrapInCompactForward(inner, phone.did, [`${phone.did}#key-2`], { suite: portableSuite, resolver: r, random });
    const opened = unwrapCompactForward(unpackCompact(twice, { suite: portableSuite, resolver: r, keys: phone.ring, now: NOW }), { suite: portableSuite, resolver: r, keys: phone.ring, now: NOW }, (d) => d === phone.did);
    deepEqual(opened.message, msg);
    ok(opened.metadata.re_wrapped_in_forward && opened.metadata.authenticated);
    throws(() => compactForwardOf({ id: 'f', type: 'https://didcomm.org/routing/2.0/forward', body: { next: phone.did }, attachments: [{ data: { base64: 'e30' } }] }), 'didcomm.malformed');
    throws(() => wrapInCompactForward(Uint8Array.of(0x7b), phone.did, [mediator.did], { suite: portableSuite, resolver: r, random }), 'didcomm.bad-option');
  });
});

describe('compact envelopes: the same bytes on every engine', () => {
  it('the worked example of PROFILE.md section 6 (fixed keys, nonce and IV) packs to the same 188 bytes', () => {
    const m = importedAgent(EXAMPLE_KEYS.meterEd25519, EXAMPLE_KEYS.meterX25519);
    const p = importedAgent(EXAMPLE_KEYS.phoneEd25519, EXAMPLE_KEYS.phoneX25519);
    const packed = packCompact(reading(m.did, p.did), { suite: portableSuite, mode: 'authcrypt', resolver: resolverOf(m, p), keys: m.ring, random: scriptedRandom(EXAMPLE_RANDOM) });
    // Known answer, also in PROFILE.md (checked against it by test/node/profile.test.ts).
    equal(toHex(packed.bytes), 'd8608444a1011818a1054c000102030405060708090a0b5874f62b89af895c1b51bbbd4f555f477065da57787c0b82dbd59534172f0f099ec0092fecd5feb3719385f45375b41a373a5f887d632e9a11902edd55d9bf752c38998bd94748ec4d5b1657489777c21249aa459bfdc91e3573de663bc22392c85a98a00b01a44dd4c6b7e41e1a8e737ced6e29d67381834ea201381a224843c7250f6704e13ca20448abdef850c47b47dd3550101112131415161718191a1b1c1d1e1f40');
  });
});

describe('compact envelopes: did:peer:4', () => {
  it('a recipient named by the short form of its did:peer:4 opens with keys held under the long form', () => {
    const a = readingPairAgents();
    const packed = packCompact({ ...reading(a.meter.did, a.phoneShort), to: [a.phoneShort] }, { suite: portableSuite, mode: 'authcrypt', resolver: a.resolver, keys: a.meterRing, random });
    const out = unpackCompact(packed.bytes, { suite: portableSuite, resolver: a.resolver, keys: a.phoneRing, now: NOW });
    deepEqual(out.message.to, [a.phoneShort]);
    equal(out.message.from, a.meter.did);
  });
});

function readingPairAgents() {
  const pair = readingPair({ suite: portableSuite, random: xsTestRandom(81), method: 'peer4' });
  return { meter: pair.meter, meterRing: pair.meterKeys, phoneRing: pair.phoneKeys, resolver: pair.resolver, phoneShort: peer4ShortForm(pair.phone.did) };
}

describe('compact envelopes: unsupported curves', () => {
  it('an ephemeral P-384 key is refused cleanly with its own code', () => {
    const good = (decodeCbor(packCompact(msg, { suite: portableSuite, mode: 'anoncrypt', resolver, random }).bytes) as CborTag).value as CborValue[];
    const recipient = (good[3] as CborValue[][])[0];
    const unprot = new Map(recipient[1] as Map<number, CborValue>);
    // RFC 9053 section 7.1: EC2 (kty 2) on P-384 (crv 2).
    unprot.set(-1, new Map<number, CborValue>([[1, 2], [-1, 2], [-2, new Uint8Array(48).fill(1)], [-3, new Uint8Array(48).fill(2)]]));
    const bad = encodeCbor(new CborTag(96, [good[0], good[1], good[2], [[recipient[0], unprot, recipient[2]]]]));
    throws(() => unpackCompact(bad, asPhone()), 'cose.unsupported');
  });
});
