// Issue "Consent and provenance", done-when: a grant's vc+cose export verifies
// as COSE_Sign1 with an independent COSE library (@auth0/cose), and a vc+cose
// that library signs verifies with tinydid.
import { Sign1 } from '@auth0/cose';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { fromBase64url, toBase64url } from '../../firmware/bytes/base64url';
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import type { CborTag } from '../../firmware/cbor/value';
import { grantToVc, exportGrantVc, verifyVcCose, VC_COSE_TYP, VC_CTY } from '../../firmware/credentials/vc';
import { createDidKey } from '../../firmware/did/did-key';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { equal, ok, rejects, throws } from '../support/assert';
import { DAY, T0, World } from '../portable/grant-support';

function publicKeyObject(raw: Uint8Array) {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: toBase64url(raw) }, format: 'jwk' });
}

describe('vc+cose: export of a grant (W3C VC-JOSE-COSE)', () => {
  const w = new World();
  const { leaf } = w.scenarioChain();
  const vcCose = exportGrantVc(leaf, w.pom.signer);

  it('verifies with @auth0/cose as a COSE_Sign1 with typ application/vc+cose and cty application/vc', async () => {
    const msg = Sign1.decode(vcCose);
    await msg.verify(publicKeyObject(w.pom.publicKey));
    equal(msg.alg, -8);
    const prot = msg.protectedHeaders as unknown as Map<number, unknown>;
    equal(prot.get(16), VC_COSE_TYP);
    equal(prot.get(3), VC_CTY);
    equal(utf8Decode(msg.kid as Uint8Array), w.pom.kid);
    const vc = JSON.parse(utf8Decode(msg.payload));
    equal(vc['@context'][0], 'https://www.w3.org/ns/credentials/v2');
    equal(vc.issuer, w.pom.did);
    equal(vc.credentialSubject.id, w.police.did);
    equal(vc.validUntil, new Date((T0 + DAY) * 1000).toISOString().replace('.000Z', 'Z'));
    equal(JSON.stringify(vc), JSON.stringify(grantToVc(leaf)));
  });

  it('@auth0/cose refuses the export with a changed payload or another key', async () => {
    const msg = Sign1.decode(vcCose);
    const [protectedBytes] = (decodeCbor(vcCose) as CborTag).value as Uint8Array[];
    const changed = new Sign1(protectedBytes, new Map(), utf8Encode(utf8Decode(msg.payload).replace('location', 'gait')), msg.signature);
    await rejects(() => changed.verify(publicKeyObject(w.pom.publicKey)));
    await rejects(() => msg.verify(publicKeyObject(w.anne.publicKey)));
  });

  it('verifies with tinydid, with validity at a given time', () => {
    const v = verifyVcCose(vcCose, { resolveKey: w.resolveKey, suite: nodeSuite, now: T0 + 60 });
    equal(v.issuer, w.pom.did);
    equal(v.kid, w.pom.kid);
    throws(() => verifyVcCose(vcCose, { resolveKey: w.resolveKey, suite: nodeSuite, now: T0 + DAY }), 'grant.expired');
    throws(() => verifyVcCose(vcCose, { resolveKey: w.resolveKey, suite: nodeSuite, now: T0 - 1 }), 'grant.not-yet-valid');
    throws(() => exportGrantVc(leaf, w.anne.signer), 'grant.wrong-signer');
    throws(() => verifyVcCose(leaf, { resolveKey: w.resolveKey, suite: nodeSuite }), 'grant.bad-vc');
  });

  it('verifies a vc+cose signed by @auth0/cose (the other direction)', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const x = fromBase64url(publicKey.export({ format: 'jwk' }).x as string);
    const did = createDidKey({ crv: 'Ed25519', bytes: x });
    const kid = `${did}#${did.slice('did:key:'.length)}`;
    const vc = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: did, credentialSubject: { id: 'did:example:bessie', keeper: 'did:example:farm' } };
    const headers = new Map<number, unknown>([[1, -8], [4, utf8Encode(kid)], [16, VC_COSE_TYP], [3, VC_CTY]]);
    const signed = await Sign1.sign(headers as never, new Map() as never, utf8Encode(JSON.stringify(vc)), createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })));
    const bytes = signed.encode();
    const v = verifyVcCose(new Uint8Array(bytes), { resolveKey: w.resolveKey, suite: nodeSuite });
    equal(v.issuer, did);
    ok((v.vc.credentialSubject as Record<string, unknown>).keeper === 'did:example:farm');
  });
});
