// SUIT signatures are plain COSE_Sign1 (RFC 9052) with a detached payload:
// @auth0/cose verifies the draft's example signature and tinydid's own (ES256
// and EdDSA), and an envelope signed by @auth0/cose verifies in tinydid.
import { Headers, Sign1 } from '@auth0/cose';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { assembleEnvelope, buildManifest, manifestDigest } from '../../firmware/update/build';
import { verifyEnvelope } from '../../firmware/update/verify';
import { deepEqual, rejects } from '../support/assert';
import { vectorText } from '../support/vectors';
import { envelopeFor, exampleEnvelope, specFor, suite, testImage, testKeyStore, testSigner } from '../portable/suit-fixtures';

/** [digest bstr, sign1 bstr, ...] of an envelope's authentication wrapper. */
function wrapper(envelope: Uint8Array): Uint8Array[] {
  const map = (decodeCbor(envelope) as CborTag).value as Map<CborValue, CborValue>;
  return decodeCbor(map.get(2) as Uint8Array) as Uint8Array[];
}

describe('SUIT COSE_Sign1 interoperability with @auth0/cose', () => {
  it('@auth0/cose verifies the example signature and tinydid ES256 / EdDSA signatures (detached payload)', async () => {
    const [digest, sign1] = wrapper(exampleEnvelope(1));
    await Sign1.decode(sign1).verify(createPublicKey(vectorText('suit/public_key.pem')), { detachedPayload: digest });
    const keyStore = testKeyStore(41);
    for (const type of ['p256', 'ed25519'] as const) {
      const signer = testSigner(keyStore, `interop-${type}`, type);
      const [d, s] = wrapper(envelopeFor(testImage(200), 1, [signer]));
      const jwk = type === 'p256'
        ? { kty: 'EC', crv: 'P-256', x: Buffer.from(signer.anchor.publicKey.subarray(1, 33)).toString('base64url'), y: Buffer.from(signer.anchor.publicKey.subarray(33)).toString('base64url') }
        : { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(signer.anchor.publicKey).toString('base64url') };
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      await Sign1.decode(s).verify(key, { detachedPayload: d });
      const other = d.slice();
      other[other.length - 1] ^= 1;
      await rejects(() => Sign1.decode(s).verify(key, { detachedPayload: other }));
    }
  });

  it('an envelope signed by @auth0/cose (ES256, payload then detached) verifies in tinydid', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const built = buildManifest(specFor(testImage(300), 6), suite);
    const signed = await Sign1.sign(new Map([[Headers.Algorithm, -7]]) as never, new Map() as never, manifestDigest(built.manifest, suite), createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })));
    // Detach: the Sig_structure covers the payload however it travels (RFC 9052 section 4.1).
    const decoded = decodeCbor(signed.encode()) as CborTag;
    const body = (decoded.value as CborValue[]).slice();
    body[2] = null;
    const envelope = assembleEnvelope(built, [encodeCbor(new CborTag(18, body))], suite);
    const jwk = publicKey.export({ format: 'jwk' });
    const point = Buffer.concat([Buffer.of(4), Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]);
    const v = verifyEnvelope(envelope, { suite, policy: { anchors: [{ kid: 'auth0', type: 'p256', publicKey: new Uint8Array(point) }] } });
    deepEqual(v.authentication.signers, ['auth0']);
  });
});
