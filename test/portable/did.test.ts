// did:peer:2, did:peer:4 and did:key: the specs' own examples, round trips, and hostile input.
import { fromBase64url } from '../../firmware/bytes/base64url';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { createDidKey, resolveDidKey } from '../../firmware/did/did-key';
import { parseDidDocument, publicKeyOfMethod, methodFor } from '../../firmware/did/document';
import { decodeMulticodecKey, fromMultibase, toMultibase } from '../../firmware/did/multicodec';
import { createPeer2, resolvePeer2 } from '../../firmware/did/peer2';
import { createPeer4, resolvePeer4 } from '../../firmware/did/peer4';
import { createLocalResolver } from '../../firmware/did/all-methods';
import { publicKeyToJwk } from '../../firmware/jose/jwk';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { vectorText } from '../support/vectors';

// did:peer spec, "Method 2" worked example (2023 form of the services).
const SPEC_PEER2 =
  'did:peer:2.Vz6Mkj3PUd1WjvaDhNZhhhXQdz5UnZXmS7ehtx8bsPpD47kKc.Ez6LSg8zQom395jKLrGiBNruB9MM6V8PWuf2FpEy4uRFiqQBR' +
  '.SeyJ0IjoiZG0iLCJzIjp7InVyaSI6Imh0dHA6Ly9leGFtcGxlLmNvbS9kaWRjb21tIiwiYSI6WyJkaWRjb21tL3YyIl0sInIiOlsiZGlkOmV4YW1wbGU6MTIzNDU2Nzg5YWJjZGVmZ2hpI2tleS0xIl19fQ' +
  '.SeyJ0IjoiZG0iLCJzIjp7InVyaSI6Imh0dHA6Ly9leGFtcGxlLmNvbS9hbm90aGVyIiwiYSI6WyJkaWRjb21tL3YyIl0sInIiOlsiZGlkOmV4YW1wbGU6MTIzNDU2Nzg5YWJjZGVmZ2hpI2tleS0yIl19fQ';

describe('did:peer:2', () => {
  it('creates the spec example from its keys and services, byte for byte', () => {
    const v = decodeMulticodecKey(fromMultibase('z6Mkj3PUd1WjvaDhNZhhhXQdz5UnZXmS7ehtx8bsPpD47kKc'));
    const e = decodeMulticodecKey(fromMultibase('z6LSg8zQom395jKLrGiBNruB9MM6V8PWuf2FpEy4uRFiqQBR'));
    equal(v.crv, 'Ed25519');
    equal(e.crv, 'X25519');
    const did = createPeer2(
      [{ purpose: 'V', key: v }, { purpose: 'E', key: e }],
      [
        { uri: 'http://example.com/didcomm', accept: ['didcomm/v2'], routingKeys: ['did:example:123456789abcdefghi#key-1'] },
        { uri: 'http://example.com/another', accept: ['didcomm/v2'], routingKeys: ['did:example:123456789abcdefghi#key-2'] },
      ],
    );
    equal(did, SPEC_PEER2);
  });
  it('resolves the spec example: key-1 authentication, key-2 keyAgreement, #service and #service-1', () => {
    const doc = resolvePeer2(SPEC_PEER2);
    deepEqual(doc.authentication, [`${SPEC_PEER2}#key-1`]);
    deepEqual(doc.keyAgreement, [`${SPEC_PEER2}#key-2`]);
    equal(doc.verificationMethod[0].type, 'JsonWebKey2020');
    equal(publicKeyOfMethod(methodFor(doc, `${SPEC_PEER2}#key-2`, 'keyAgreement')).crv, 'X25519');
    deepEqual(doc.service.map((s) => s.id), [`${SPEC_PEER2}#service`, `${SPEC_PEER2}#service-1`]);
    deepEqual(doc.service[0].serviceEndpoint, { uri: 'http://example.com/didcomm', accept: ['didcomm/v2'], routingKeys: ['did:example:123456789abcdefghi#key-1'] });
    equal(doc.service[1].type, 'DIDCommMessaging');
  });
  it('accepts the pre-2023 service form {"t":"dm","s":"uri","r":[..],"a":[..]}', () => {
    const did = 'did:peer:2.Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc.SeyJ0IjoiZG0iLCJzIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS9lbmRwb2ludCIsInIiOlsiZGlkOmV4YW1wbGU6c29tZW1lZGlhdG9yI3NvbWVrZXkiXX0';
    const doc = resolvePeer2(did);
    deepEqual(doc.service[0].serviceEndpoint, { uri: 'https://example.com/endpoint', routingKeys: ['did:example:somemediator#somekey'] });
  });
  it('rejects unknown purpose codes, bad base58, bad services, P-384 keys', () => {
    throws(() => resolvePeer2('did:peer:2.Xz6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc'), 'did.malformed');
    throws(() => resolvePeer2('did:peer:2.Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KC0'), 'did.malformed');
    throws(() => resolvePeer2('did:peer:2.Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc.SeyJ0'), 'did.malformed');
    // multicodec p384-pub (0x1201) and a 49-byte compressed point.
    const p384 = toMultibase(Uint8Array.from([0x81, 0x24, 0x02, ...new Uint8Array(48).fill(7)]));
    throws(() => resolvePeer2(`did:peer:2.V${p384}`), 'jose.unsupported-curve');
  });
});

describe('did:key', () => {
  it('Ed25519 (did:key spec example): authentication key and its derived X25519 key agreement key', () => {
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const doc = resolveDidKey(did);
    deepEqual(doc.authentication, [`${did}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`]);
    deepEqual(doc.keyAgreement, [`${did}#z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p`]);
    equal(createDidKey(publicKeyOfMethod(doc.verificationMethod[0])), did);
  });
  it('X25519 is key agreement only; P-256 (0x1200, compressed) is both, and round-trips', () => {
    const x = resolveDidKey('did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc');
    equal(x.authentication.length, 0);
    equal(x.keyAgreement.length, 1);
    const p = 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';
    const doc = resolveDidKey(p);
    const key = publicKeyOfMethod(doc.verificationMethod[0]);
    equal(key.crv, 'P-256');
    equal(key.bytes.length, 65);
    deepEqual(doc.authentication, doc.keyAgreement);
    equal(createDidKey(key), p);
  });
  it('rejects an off-curve P-256 key and an unknown multicodec', () => {
    // SEC1 prefix 0x05 is no point encoding at all.
    const bad = toMultibase(Uint8Array.from([0x80, 0x24, 0x05, ...new Uint8Array(32).fill(1)]));
    throws(() => resolveDidKey(`did:key:${bad}`), 'jose.bad-key');
    throws(() => resolveDidKey(`did:key:${toMultibase(Uint8Array.from([0x33, 0x01, ...new Uint8Array(32)]))}`), 'did.malformed');
  });
});

describe('did:peer:4', () => {
  it('creates long and short forms; resolution checks the hash and contextualises the document', () => {
    const x = resolveDidKey('did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc').verificationMethod[0];
    const input = { verificationMethod: [{ id: '#key-1', type: 'JsonWebKey2020', publicKeyJwk: publicKeyToJwk(publicKeyOfMethod(x)) }], keyAgreement: ['#key-1'], service: [] };
    const { long, short } = createPeer4(input, portableSuite);
    ok(long.startsWith(`${short}:z`));
    const doc = resolvePeer4(long, portableSuite);
    equal(doc.id, long);
    deepEqual(doc.alsoKnownAs, [short]);
    deepEqual(doc.keyAgreement, [`${long}#key-1`]);
    const resolver = createLocalResolver({ suite: portableSuite });
    equal(resolver.resolve(long).id, long);
    equal(resolver.resolve(short).id, short);
    deepEqual(resolver.resolve(short).keyAgreement, [`${short}#key-1`]);
    throws(() => createLocalResolver({ suite: portableSuite }).resolve(short), 'did.not-found');
    const tampered = `${short.slice(0, -1)}${short.endsWith('a') ? 'b' : 'a'}${long.slice(short.length)}`;
    throws(() => resolvePeer4(tampered, portableSuite), 'did.bad-hash');
  });
});

describe('DID documents from files', () => {
  it('parses the vectors\' documents; P-521 and secp256k1 keys are named, P-521 refused', () => {
    const alice = parseDidDocument(JSON.parse(vectorText('didcomm/keys/alice_did_doc.json')));
    equal(alice.id, 'did:example:alice');
    equal(publicKeyOfMethod(methodFor(alice, 'did:example:alice#key-3', 'authentication')).crv, 'secp256k1');
    throws(() => publicKeyOfMethod(methodFor(alice, 'did:example:alice#key-p521-1', 'keyAgreement')), 'jose.unsupported-curve');
    throws(() => methodFor(alice, 'did:example:alice#key-x25519-1', 'authentication'), 'did.key-not-found');
  });
  it('accepts Ed25519VerificationKey2018 / X25519KeyAgreementKey2019 (base58) and Multikey (multibase)', () => {
    const raw = fromBase64url('G-boxFB6vOZBu-wXkm-9Lh79I8nf9Z50cILaOgKKGww');
    const doc = parseDidDocument({
      id: 'did:example:z',
      verificationMethod: [
        { id: '#a', type: 'Ed25519VerificationKey2018', controller: 'did:example:z', publicKeyBase58: 'H3C2AVvLMv6gmMNam3uVAjZpfkcJCwDwnZn6z3wXmqPV' },
        { id: '#b', type: 'Multikey', controller: 'did:example:z', publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
      ],
      authentication: ['#a', '#b'],
    });
    equal(publicKeyOfMethod(doc.verificationMethod[0]).crv, 'Ed25519');
    equal(publicKeyOfMethod(doc.verificationMethod[1]).crv, 'Ed25519');
    equal(doc.authentication[0], 'did:example:z#a');
    equal(raw.length, 32);
  });
  it('rejects documents that are not DID documents', () => {
    throws(() => parseDidDocument([]), 'did.bad-document');
    throws(() => parseDidDocument({ id: 'not-a-did' }), 'did.bad-document');
    throws(() => parseDidDocument({ id: 'did:example:a', verificationMethod: {} }), 'did.bad-document');
    throws(() => parseDidDocument({ id: 'did:example:a', service: [{ id: 's', type: 'x' }] }), 'did.bad-document');
  });
});
