// Interop (issue item 6): every message of the reference implementation's test
// vectors unpacks to the expected plaintext with the vectors' keys, and every
// invalid one is rejected with a typed error. Runs on Node and on XS.
import { unpackJson } from '../../firmware/didcomm/json/unpack';
import { packJson } from '../../firmware/didcomm/json/pack';
import { fromBase64url, toBase64url } from '../../firmware/bytes/base64url';
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { xsTestRandom } from '../../hosts/xs/random';
import { messageToJson, parseMessageJson } from '../../firmware/didcomm/message-json';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { VECTOR_NOW, vectorAgent, vectorResolver } from '../support/didcomm-vectors';
import { vectorFiles, vectorText } from '../support/vectors';

const FILES = vectorFiles('didcomm/messages');
const name = (file: string): string => file.slice(file.lastIndexOf('/') + 1, -'.json'.length);
const SIMPLE = messageToJson(parseMessageJson(vectorText('didcomm/messages/PLAINTEXT_MSG_SIMPLE.json')));

function unpackVector(file: string) {
  const bob = vectorAgent('bob');
  return unpackJson(vectorText(file), { resolver: vectorResolver(), keys: bob.ring, now: VECTOR_NOW });
}

describe('JSON DIDComm: reference vectors unpack', () => {
  it('bob\'s P-384 and P-521 secrets are skipped with their own code; alice\'s secp256k1 too', () => {
    deepEqual(vectorAgent('bob').skipped.map((s) => s.code), ['jose.unsupported-curve', 'jose.unsupported-curve', 'jose.unsupported-curve', 'jose.unsupported-curve']);
    deepEqual(vectorAgent('alice').skipped.map((s) => s.id), ['did:example:alice#key-3', 'did:example:alice#key-p521-1']);
  });
  for (const file of FILES.filter((f) => /\/(ENCRYPTED|SIGNED)_/.test(f))) {
    it(`${name(file)} yields PLAINTEXT_MSG_SIMPLE`, () => {
      const { message, metadata } = unpackVector(file);
      deepEqual(messageToJson(message), SIMPLE);
      const n = name(file);
      equal(metadata.encrypted, n.startsWith('ENCRYPTED') && !n.endsWith('SIGNED'), 'encrypted');
      if (n.startsWith('SIGNED') || n.endsWith('SIGNED')) {
        equal(metadata.non_repudiation, true);
        equal(metadata.sign_from?.startsWith('did:example:alice#key-'), true);
        ok(metadata.signed_message !== undefined);
      }
      if (n.includes('_AUTH_') && !n.endsWith('SIGNED')) {
        equal(metadata.authenticated, true);
        equal(metadata.enc_alg_auth, 'A256cbcHs512Ecdh1puA256kw');
        equal(metadata.encrypted_from_kid, n.includes('P256') ? 'did:example:alice#key-p256-1' : 'did:example:alice#key-x25519-1');
      }
      if (n.includes('_ANON_')) {
        equal(metadata.anonymous_sender, true);
        equal(metadata.enc_alg_anon, 'Xc20pEcdhEsA256kw');
        equal(metadata.authenticated, false);
      }
    });
  }
  it('SIGNED_MSG_ALICE_KEY_1/2/3 verify with EdDSA, ES256 and ES256K', () => {
    deepEqual(['1', '2', '3'].map((k) => unpackVector(`didcomm/messages/SIGNED_MSG_ALICE_KEY_${k}.json`).metadata.sign_alg), ['EdDSA', 'ES256', 'ES256K']);
  });
  for (const file of FILES.filter((f) => /\/PLAINTEXT_(MSG_|FROM_PRIOR\.json)/.test(f))) {
    it(`${name(file)} yields itself`, () => {
      const { message, metadata } = unpackVector(file);
      deepEqual(message, parseMessageJson(vectorText(file)));
      equal(metadata.encrypted || metadata.authenticated, false);
    });
  }
  it('PLAINTEXT_FROM_PRIOR: from_prior verified, charlie rotated to alice', () => {
    const { metadata } = unpackVector('didcomm/messages/PLAINTEXT_FROM_PRIOR.json');
    equal(metadata.from_prior?.iss, 'did:example:charlie');
    equal(metadata.from_prior?.sub, 'did:example:alice');
    equal(metadata.from_prior_issuer_kid, 'did:example:charlie#key-1');
  });
});

describe('JSON DIDComm: reference vectors that must be rejected', () => {
  const expected: Record<string, string> = {
    // Its last signature character leaves non-zero trailing bits: not canonical
    // base64url (RFC 4648 section 3.5), refused before any verification.
    PLAINTEXT_FROM_PRIOR_INVALID_SIGNATURE: 'didcomm.bad-from-prior',
    PLAINTEXT_INVALID_FROM_PRIOR: 'didcomm.bad-from-prior',
    INVALID_PLAINTEXT_MSG_WRONG_TYP: 'didcomm.unsupported-media-type',
    INVALID_PLAINTEXT_MSG_STRING: 'didcomm.malformed',
    INVALID_ENCRYPTED_MSG_ANON_P256_EPK_WRONG_POINT: 'jose.malformed',
  };
  for (const file of FILES.filter((f) => /\/(INVALID_|PLAINTEXT_FROM_PRIOR_INVALID|PLAINTEXT_INVALID)/.test(f))) {
    it(`${name(file)} is rejected with ${expected[name(file)] ?? 'didcomm.malformed'}`, () => {
      throws(() => unpackVector(file), expected[name(file)] ?? 'didcomm.malformed');
    });
  }
  it('a from_prior with a canonical but wrong signature is jose.bad-signature', () => {
    const m = JSON.parse(vectorText('didcomm/messages/PLAINTEXT_FROM_PRIOR.json'));
    const [h, p, sig] = m.from_prior.split('.');
    m.from_prior = `${h}.${p}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    throws(() => unpackJson(JSON.stringify(m), { resolver: vectorResolver(), now: VECTOR_NOW }), 'jose.bad-signature');
  });
  it('the EPK of INVALID_ENCRYPTED_MSG_ANON_P256_EPK_WRONG_POINT is off the curve: jose.bad-key once the padding is gone', () => {
    const jwe = JSON.parse(vectorText('didcomm/messages/INVALID_ENCRYPTED_MSG_ANON_P256_EPK_WRONG_POINT.json'));
    jwe.protected = jwe.protected.replace(/=+$/, '');
    throws(() => unpackJson(JSON.stringify(jwe), { resolver: vectorResolver(), keys: vectorAgent('bob').ring, now: VECTOR_NOW }), 'jose.bad-key');
  });
  it('the same vectors are expired after 2018-01-19T18:18:51Z and undecidable without a clock', () => {
    const file = vectorText('didcomm/messages/ENCRYPTED_MSG_AUTH_X25519.json');
    const opts = { resolver: vectorResolver(), keys: vectorAgent('bob').ring };
    throws(() => unpackJson(file, { ...opts, now: 1516385932 }), 'didcomm.expired');
    throws(() => unpackJson(file, opts), 'didcomm.time-unknown');
    equal(unpackJson(file, { ...opts, allowUnknownTime: true }).message.id, '1234567890');
  });
  it('P-384 and P-521: an epk on them, or a recipient key named on them, is jose.unsupported-curve', () => {
    const jwe = JSON.parse(vectorText('didcomm/messages/ENCRYPTED_MSG_ANON_XC20P_2.json'));
    const header = JSON.parse(utf8Decode(fromBase64url(jwe.protected)));
    header.epk = { kty: 'EC', crv: 'P-384', x: 'MvnE_OwKoTcJVfHyTX-DLSRhhNwlu5LNoQ5UWD9Jmgtdxp_kpjsMuTTBnxg5RF_Y', y: 'X_3HJBcKFQEG35PZbEOBn8u9_z8V1F9V1Kv-Vh0aSzmH-y9aOuDJUE3D4Hvmi5l7' };
    jwe.protected = toBase64url(utf8Encode(JSON.stringify(header)));
    throws(() => unpackJson(JSON.stringify(jwe), { resolver: vectorResolver(), keys: vectorAgent('bob').ring, now: VECTOR_NOW }), 'jose.unsupported-curve');
    const message = parseMessageJson(vectorText('didcomm/messages/PLAINTEXT_MSG_SIMPLE.json'));
    throws(() => packJson(message, { mode: 'anoncrypt', resolver: vectorResolver(), random: xsTestRandom(3), to: ['did:example:bob#key-p521-1'] }), 'jose.unsupported-curve');
    // addressed to the DID, bob's P-384/P-521 keys are skipped and his X25519 keys used
    equal(packJson(message, { mode: 'anoncrypt', resolver: vectorResolver(), random: xsTestRandom(3) }).metadata.to_kids.length, 3);
  });
  it('a small-order X25519 epk (all zeros) is jose.bad-key, not a crash and not a decryption', () => {
    const jwe = JSON.parse(vectorText('didcomm/messages/ENCRYPTED_MSG_ANON_XC20P_1.json'));
    const header = JSON.parse(utf8Decode(fromBase64url(jwe.protected)));
    header.epk.x = toBase64url(new Uint8Array(32));
    jwe.protected = toBase64url(utf8Encode(JSON.stringify(header)));
    throws(() => unpackJson(JSON.stringify(jwe), { resolver: vectorResolver(), keys: vectorAgent('bob').ring, now: VECTOR_NOW }), 'jose.bad-key');
  });
  it('charlie holds none of the recipient keys: didcomm.no-key', () => {
    throws(() => unpackJson(vectorText('didcomm/messages/ENCRYPTED_MSG_ANON_XC20P_1.json'), { resolver: vectorResolver(), keys: vectorAgent('charlie').ring, now: VECTOR_NOW }), 'didcomm.no-key');
  });
});
