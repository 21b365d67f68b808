// "Registered COSE algorithms only, so any COSE library can check our bytes"
// (PROFILE.md section 3): compact envelopes opened with an independent COSE
// implementation (@auth0/cose) and key derivation done with node:crypto and
// cbor-x instead of tinydid's own code.
import { Encrypt, Sign1 } from '@auth0/cose';
import { encode as cborxEncode } from 'cbor-x';
import { createDecipheriv, createECDH, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type JsonWebKey } from 'node:crypto';
import { decodeCbor } from '../../firmware/cbor/decode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { createPeer2, resolvePeer2 } from '../../firmware/did/peer2';
import { findMethod } from '../../firmware/did/document';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { decodeCompactPlaintext } from '../../firmware/didcomm/compact/plaintext';
import { MapKeyRing } from '../../firmware/didcomm/key-ring';
import { memorySoftwareKeyStore } from '../../firmware/didcomm/software-agent';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, rejects } from '../support/assert';
import { EXAMPLE_KEYS, importedAgent, makeAgent, reading, resolverOf, type TestAgent } from '../portable/compact-support';

/** A P-256 agent whose key agreement private key the test knows (to derive the CEK independently). */
function p256AgentWithKnownKey(seed: number): TestAgent & { agreePrivate: Buffer } {
  const store = memorySoftwareKeyStore(xsTestRandom(seed), portableSuite);
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const agreePrivate = ecdh.getPrivateKey();
  const auth = store.generate({ type: 'p256', usage: 'sign', algorithm: 'es256', persistence: 'volatile' });
  const agree = store.import({ type: 'p256', usage: 'derive', algorithm: 'ecdh', persistence: 'volatile' }, new Uint8Array(agreePrivate));
  const did = createPeer2([
    { purpose: 'V', key: { crv: 'P-256', bytes: store.exportPublic(auth) } },
    { purpose: 'E', key: { crv: 'P-256', bytes: store.exportPublic(agree) } },
  ]);
  const ring = new MapKeyRing(store).add(`${did}#key-1`, 'sign', auth).add(`${did}#key-2`, 'derive', agree);
  return { did, doc: resolvePeer2(did), ring, store, agreePrivate };
}

describe('compact interop: an independent COSE library reads our envelopes', () => {
  for (const curve of ['25519', 'p256'] as const) {
    it(`signed (${curve === 'p256' ? 'ES256' : 'EdDSA'}) verifies with @auth0/cose; a changed byte does not`, async () => {
      const meter = makeAgent(51, curve);
      const phone = makeAgent(52, curve);
      const packed = packCompact(reading(meter.did, phone.did), { suite: portableSuite, mode: 'signed', resolver: resolverOf(meter, phone), keys: meter.ring });
      const jwk = findMethod(meter.doc, `${meter.did}#key-1`).publicKeyJwk as JsonWebKey;
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      const decoded = Sign1.decode(packed.bytes);
      await decoded.verify(key, { algorithms: [curve === 'p256' ? -7 : -8] });
      deepEqual(decodeCompactPlaintext(new Uint8Array(decoded.payload), { from: meter.did }), reading(meter.did, phone.did));
      const changed = packed.bytes.slice();
      changed[changed.length - 1] ^= 1;
      await rejects(Sign1.decode(changed).verify(key));
    });
  }
  it('authcrypt P-256 / A256GCM: parsed by @auth0/cose, CEK and content opened with node:crypto and cbor-x', async () => {
    const meter = makeAgent(53, 'p256');
    const phone = p256AgentWithKnownKey(54);
    const packed = packCompact(reading(meter.did, phone.did), { suite: portableSuite, mode: 'authcrypt', resolver: resolverOf(meter, phone), keys: meter.ring, random: xsTestRandom(55) });
    const [, , , recipients] = (decodeCbor(packed.bytes) as CborTag).value as CborValue[];
    const [rprot, runprot] = (recipients as CborValue[][])[0] as [Uint8Array, Map<number, CborValue>];
    const nonce = runprot.get(-22) as Uint8Array;
    // RFC 9053 section 5.2: COSE_KDF_Context = [AlgorithmID, PartyUInfo, PartyVInfo, SuppPubInfo].
    const info = cborxEncode([3, [null, Buffer.from(nonce), null], [null, null, null], [256, Buffer.from(rprot)]]);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(phone.agreePrivate);
    const meterJwk = findMethod(meter.doc, `${meter.did}#key-2`).publicKeyJwk as { x: string; y: string };
    const meterPoint = Buffer.concat([Buffer.of(4), Buffer.from(meterJwk.x, 'base64url'), Buffer.from(meterJwk.y, 'base64url')]);
    const z = ecdh.computeSecret(meterPoint);
    const cek = new Uint8Array(hkdfSync('sha256', z, Buffer.alloc(0), info, 32));
    // @auth0/cose parses the structure but opens only direct recipients, so the content
    // layer is opened with node:crypto: AES-256-GCM, AAD = Enc_structure (RFC 9052 section 5.3).
    const parsed = Encrypt.decode(packed.bytes);
    equal(parsed.alg, 3);
    equal(parsed.recipients.length, 1);
    const [protectedBytes, unprotected, ciphertext] = (decodeCbor(packed.bytes) as CborTag).value as [Uint8Array, Map<number, CborValue>, Uint8Array];
    const decipher = createDecipheriv('aes-256-gcm', cek, unprotected.get(5) as Uint8Array);
    decipher.setAAD(cborxEncode(['Encrypt', Buffer.from(protectedBytes), Buffer.alloc(0)]));
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const plaintext = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    deepEqual(decodeCompactPlaintext(new Uint8Array(plaintext), { from: meter.did, to: phone.did }), reading(meter.did, phone.did));
    equal((decodeCbor(rprot) as Map<number, unknown>).get(1), -27);
    ok(packed.bytes.length <= 244);
  });
  it('authcrypt X25519 / ChaCha20-Poly1305 (the worked example): CEK and content opened with node:crypto and cbor-x', () => {
    const meter = importedAgent(EXAMPLE_KEYS.meterEd25519, EXAMPLE_KEYS.meterX25519);
    const phone = importedAgent(EXAMPLE_KEYS.phoneEd25519, EXAMPLE_KEYS.phoneX25519);
    const packed = packCompact(reading(meter.did, phone.did), { suite: portableSuite, mode: 'authcrypt', resolver: resolverOf(meter, phone), keys: meter.ring, random: xsTestRandom(56) });
    const [protectedBytes, unprotected, ciphertext, recipients] = (decodeCbor(packed.bytes) as CborTag).value as [Uint8Array, Map<number, CborValue>, Uint8Array, CborValue[][]];
    const [rprot, runprot] = recipients[0] as [Uint8Array, Map<number, CborValue>];
    const info = cborxEncode([24, [null, Buffer.from(runprot.get(-22) as Uint8Array), null], [null, null, null], [256, Buffer.from(rprot)]]);
    const x = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
    const phonePublic = findMethod(phone.doc, `${phone.did}#key-2`).publicKeyJwk as { x: string };
    const meterPublic = findMethod(meter.doc, `${meter.did}#key-2`).publicKeyJwk as { x: string };
    const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: x(EXAMPLE_KEYS.phoneX25519), x: phonePublic.x }, format: 'jwk' });
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: meterPublic.x }, format: 'jwk' });
    const cek = Buffer.from(hkdfSync('sha256', diffieHellman({ privateKey, publicKey }), Buffer.alloc(0), info, 32));
    const decipher = createDecipheriv('chacha20-poly1305', cek, unprotected.get(5) as Uint8Array, { authTagLength: 16 });
    decipher.setAAD(cborxEncode(['Encrypt', Buffer.from(protectedBytes), Buffer.alloc(0)]), { plaintextLength: ciphertext.length - 16 });
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const plaintext = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    deepEqual(decodeCompactPlaintext(new Uint8Array(plaintext), { from: meter.did, to: phone.did }), reading(meter.did, phone.did));
  });
});
