// LocalResolver resolves the DID methods it is given (firmware/did/resolver.ts):
// a device's resolver has did:peer:2 alone and refuses did:key and did:peer:4
// with did.unsupported-method; createLocalResolver (firmware/did/all-methods.ts)
// resolves all three as before. Known documents answer first, whatever the method.
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { DEVICE_DID_METHODS } from '../../firmware/apps/device/did';
import { ALL_DID_METHODS, createLocalResolver, DID_KEY_METHOD, PEER4_METHOD } from '../../firmware/did/all-methods';
import { createDidKey, resolveDidKey } from '../../firmware/did/did-key';
import { publicKeyOfMethod } from '../../firmware/did/document';
import { createPeer2, resolvePeer2 } from '../../firmware/did/peer2';
import { createPeer4, resolvePeer4 } from '../../firmware/did/peer4';
import { LocalResolver, PEER2_METHOD } from '../../firmware/did/resolver';
import { publicKeyToJwk } from '../../firmware/jose/jwk';
import { deepEqual, equal, throws } from '../support/assert';

const ED = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const X = 'did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc';

function dids(): { peer2: string; key: string; long: string; short: string } {
  const ed = publicKeyOfMethod(resolveDidKey(ED).verificationMethod[0]);
  const x = publicKeyOfMethod(resolveDidKey(X).verificationMethod[0]);
  const peer2 = createPeer2([{ purpose: 'V', key: ed }, { purpose: 'E', key: x }], [{ uri: 'ble:tinydid-glucose', accept: ['didcomm/v2'] }]);
  const input = { verificationMethod: [{ id: '#key-1', type: 'JsonWebKey2020', publicKeyJwk: publicKeyToJwk(x) }], keyAgreement: ['#key-1'], service: [] };
  const { long, short } = createPeer4(input, suite);
  return { peer2, key: createDidKey(ed), long, short };
}

describe('DID methods of a LocalResolver', () => {
  it('the device resolver (did:peer:2 only) refuses did:key and did:peer:4 with did.unsupported-method', () => {
    const { peer2, key, long, short } = dids();
    for (const resolver of [new LocalResolver({ suite, methods: DEVICE_DID_METHODS }), new LocalResolver({ suite, methods: [PEER2_METHOD] }), new LocalResolver({ suite })]) {
      deepEqual(resolver.resolve(peer2), resolvePeer2(peer2));
      throws(() => resolver.resolve(key), 'did.unsupported-method');
      throws(() => resolver.resolve(long), 'did.unsupported-method');
      throws(() => resolver.resolve(short), 'did.unsupported-method');
      throws(() => resolver.resolve('did:web:example.com'), 'did.unsupported-method');
      // A malformed did:peer:2 is the method's own did.malformed.
      throws(() => resolver.resolve('did:peer:2.Vz6Mk0OIl'), 'did.malformed');
      equal(resolver.known().length, 0);
    }
    deepEqual(DEVICE_DID_METHODS, [PEER2_METHOD]);
  });

  it('a resolver with no methods answers from its known documents only', () => {
    const { peer2, key } = dids();
    const resolver = new LocalResolver({ suite, methods: [], documents: [resolveDidKey(key)] });
    equal(resolver.resolve(key).id, key);
    throws(() => resolver.resolve(peer2), 'did.unsupported-method');
  });

  it('known documents answer first: a device resolver given a did:key document resolves it', () => {
    const { key } = dids();
    const resolver = new LocalResolver({ suite, methods: DEVICE_DID_METHODS, documents: [resolveDidKey(key)] });
    deepEqual(resolver.resolve(key), resolveDidKey(key));
  });

  it('createLocalResolver resolves did:peer:2, did:key and did:peer:4 (short form once the long form was seen)', () => {
    const { peer2, key, long, short } = dids();
    deepEqual(ALL_DID_METHODS, [PEER2_METHOD, DID_KEY_METHOD, PEER4_METHOD]);
    const resolver = createLocalResolver({ suite });
    deepEqual(resolver.resolve(peer2), resolvePeer2(peer2));
    deepEqual(resolver.resolve(key), resolveDidKey(key));
    throws(() => resolver.resolve(short), 'did.not-found');
    deepEqual(resolver.resolve(long), resolvePeer4(long, suite));
    equal(resolver.resolve(short).id, short);
    // A long form added as a document brings its short form too.
    const added = createLocalResolver({ suite, documents: [resolvePeer4(long, suite)] });
    equal(added.resolve(short).id, short);
    // A tampered long form is still refused by the method itself.
    const tampered = `${short.slice(0, -1)}${short.endsWith('a') ? 'b' : 'a'}${long.slice(short.length)}`;
    throws(() => createLocalResolver({ suite }).resolve(tampered), 'did.bad-hash');
    throws(() => resolver.resolve('did:web:example.com'), 'did.unsupported-method');
  });
});
