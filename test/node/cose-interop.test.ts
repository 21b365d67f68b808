// Interop: COSE_Sign1 made by tinydid verifies with @auth0/cose, and one made by
// @auth0/cose verifies in tinydid (EdDSA, and ES256 with raw r||s).
import { Headers, Sign1 } from '@auth0/cose';
import { createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { coseKeyFromJwk, coseKeyFromPublic, coseKeyToJwk } from '../../firmware/cose/key';
import { createSign1, verifySign1 } from '../../firmware/cose/sign1';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { equal, ok, rejects, throws } from '../support/assert';
import { testKeyStore } from '../support/cose-keys';

type AnyMap = ConstructorParameters<typeof Map<number, unknown>>[0];
const payload = utf8Encode('{"glucose":5.4}');

describe('cose interop with @auth0/cose', () => {
  for (const [type, alg] of [['ed25519', -8], ['p256', -7]] as const) {
    it(`tinydid ${type} COSE_Sign1 verifies with @auth0/cose, and a changed one does not`, async () => {
      const store = testKeyStore();
      const id = store.generate({ type, usage: 'sign', algorithm: type === 'p256' ? 'es256' : 'eddsa', persistence: 'volatile' });
      const message = createSign1({ keyStore: store, keyId: id, payload, kid: utf8Encode('dev-1') });
      const jwk = coseKeyToJwk(coseKeyFromPublic(type, store.exportPublic(id)));
      const publicKey = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      const decoded = Sign1.decode(message);
      await decoded.verify(publicKey, { algorithms: [alg] });
      equal(Buffer.from(decoded.payload).toString(), '{"glucose":5.4}');
      const changed = message.slice();
      changed[changed.length - 1] ^= 1;
      await rejects(Sign1.decode(changed).verify(publicKey));
    });

    it(`@auth0/cose ${type} COSE_Sign1 verifies in tinydid, and a changed one is cose.bad-signature`, async () => {
      const pair = type === 'p256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
      const signed = await Sign1.sign(new Map([[Headers.Algorithm, alg]]) as unknown as AnyMap as never, new Map([[Headers.KeyID, utf8Encode('auth0')]]) as unknown as never, payload, pair.privateKey);
      const message = signed.encode();
      const key = coseKeyFromJwk(pair.publicKey.export({ format: 'jwk' }) as { kty: string }, utf8Encode('auth0'));
      for (const suite of [portableSuite, nodeSuite]) {
        const r = verifySign1(message, { suite, keys: [key] });
        equal(r.algorithm, alg);
        equal(r.key, key);
        equal(Buffer.from(r.payload).toString(), '{"glucose":5.4}');
        ok(r.kid !== undefined);
      }
      const changed = message.slice();
      changed[changed.length - 2] ^= 1;
      throws(() => verifySign1(changed, { suite: portableSuite, keys: [key] }), 'cose.bad-signature');
    });
  }
});
