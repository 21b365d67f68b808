// Issue item 7: every rejection is a test with its own error code. Negative
// cases are built by changing one thing in a good envelope (the draft's
// examples or one made by firmware/update/build.ts).
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { createSign1 } from '../../firmware/cose/sign1';
import { assembleEnvelope, buildManifest, manifestDigest } from '../../firmware/update/build';
import { verifyEnvelope, type VerifyOptions } from '../../firmware/update/verify';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { deepEqual, equal, throws } from '../support/assert';
import { CLASS, OTHER, VENDOR, envelopeFor, exampleAnchor, exampleEnvelope, specFor, suite, testImage, testKeyStore, testSigner } from './suit-fixtures';

const keyStore = testKeyStore();
const alice = testSigner(keyStore, 'alice');
const bob = testSigner(keyStore, 'bob', 'ed25519');
const carol = testSigner(keyStore, 'carol');
const mallory = testSigner(keyStore, 'mallory');
const image = testImage(1000);
const device = { vendorId: VENDOR, classId: CLASS };

function options(extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return { suite, policy: { anchors: [alice.anchor, bob.anchor, carol.anchor] }, device, ...extra };
}

function exampleOptions(extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return { suite, policy: { anchors: [exampleAnchor()] }, ...extra };
}

/** Decodes an envelope, lets `edit` change its map, re-encodes it. */
function editEnvelope(envelope: Uint8Array, edit: (map: Map<CborValue, CborValue>) => void): Uint8Array {
  const tag = decodeCbor(envelope) as CborTag;
  const map = tag.value as Map<CborValue, CborValue>;
  edit(map);
  return encodeCbor(new CborTag(107, map));
}

/** Edits the first COSE_Sign1 body ([protected, unprotected, payload, signature]) of an envelope. */
function editSignature(envelope: Uint8Array, edit: (body: CborValue[]) => void): Uint8Array {
  return editEnvelope(envelope, (map) => {
    const auth = decodeCbor(map.get(2) as Uint8Array) as Uint8Array[];
    const sign1 = decodeCbor(auth[1]) as CborTag;
    const body = (sign1.value as CborValue[]).slice();
    edit(body);
    auth[1] = encodeCbor(new CborTag(18, body));
    map.set(2, encodeCbor(auth));
  });
}

describe('SUIT rejections (issue item 7), each with its own code', () => {
  it('a good envelope passes first (the baseline every case changes)', () => {
    const v = verifyEnvelope(envelopeFor(image, 3, [alice]), options());
    deepEqual(v.authentication.signers, ['alice']);
    equal(v.sequenceNumber, 3);
  });

  it('no signature: suit.unsigned', () => {
    const built = buildManifest(specFor(image, 3), suite);
    throws(() => verifyEnvelope(assembleEnvelope(built, [], suite), options()), 'suit.unsigned');
  });

  it('tampered signature: suit.bad-signature', () => {
    const bad = editSignature(exampleEnvelope(1), (body) => {
      const sig = (body[3] as Uint8Array).slice();
      sig[10] ^= 0x01;
      body[3] = sig;
    });
    throws(() => verifyEnvelope(bad, exampleOptions()), 'suit.bad-signature');
  });

  it('tampered manifest with the old signature: suit.digest-mismatch', () => {
    const bad = editEnvelope(exampleEnvelope(1), (map) => {
      const manifest = (map.get(3) as Uint8Array).slice();
      // a50101020103...: manifest-sequence-number 1 -> 9
      equal(manifest[4], 0x01, 'sequence byte');
      manifest[4] = 0x09;
      map.set(3, manifest);
    });
    throws(() => verifyEnvelope(bad, exampleOptions()), 'suit.digest-mismatch');
  });

  it('valid signature over a different digest: suit.signed-other-digest', () => {
    const good = envelopeFor(image, 3, [alice]);
    const other = buildManifest(specFor(testImage(1000, 2), 4), suite);
    // A COSE_Sign1 that verifies on its own, carrying another manifest's digest.
    const foreign = createSign1({ keyStore, keyId: alice.keyId, payload: manifestDigest(other.manifest, suite), kid: alice.kid });
    const bad = editEnvelope(good, (map) => {
      const auth = decodeCbor(map.get(2) as Uint8Array) as Uint8Array[];
      map.set(2, encodeCbor([auth[0], foreign]));
    });
    throws(() => verifyEnvelope(bad, options()), 'suit.signed-other-digest');
  });

  it('untrusted key: suit.untrusted-key', () => {
    throws(() => verifyEnvelope(envelopeFor(image, 3, [mallory]), options()), 'suit.untrusted-key');
  });

  it('algorithm changed in the protected header: suit.bad-algorithm (ES256 -> EdDSA, ES256 -> ES384)', () => {
    for (const alg of [-8, -35]) {
      const bad = editSignature(exampleEnvelope(1), (body) => {
        body[0] = encodeCbor(new Map([[1, alg]]));
      });
      throws(() => verifyEnvelope(bad, exampleOptions()), 'suit.bad-algorithm', `alg ${alg}`);
    }
    // ES256 -> ESP256 (the same algorithm family): the protected header is signed.
    const esp = editSignature(exampleEnvelope(1), (body) => {
      body[0] = encodeCbor(new Map([[1, -9]]));
    });
    throws(() => verifyEnvelope(esp, exampleOptions()), 'suit.bad-signature');
  });

  it('manifest-version other than 1: suit.bad-version', () => {
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice], { version: 2 }), options()), 'suit.bad-version');
  });

  it('trailing bytes after the envelope: cbor.trailing', () => {
    const good = exampleEnvelope(1);
    const bad = new Uint8Array(good.length + 1);
    bad.set(good);
    throws(() => verifyEnvelope(bad, exampleOptions()), 'cbor.trailing');
  });

  it('rollback: sequence not greater than the installed one: suit.rollback', () => {
    throws(() => verifyEnvelope(exampleEnvelope(1), exampleOptions({ installedSequence: 1 })), 'suit.rollback');
    throws(() => verifyEnvelope(exampleEnvelope(1), exampleOptions({ installedSequence: 4 })), 'suit.rollback');
    const v = verifyEnvelope(exampleEnvelope(1), exampleOptions({ installedSequence: 0 }));
    equal(v.checked.rollback, true);
  });

  it('wrong vendor-id: suit.wrong-vendor; wrong class-id: suit.wrong-class', () => {
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice], { vendorId: OTHER }), options()), 'suit.wrong-vendor');
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice], { classId: OTHER }), options()), 'suit.wrong-class');
  });

  it('tampered severed member: suit.severable-mismatch; missing one: suit.severable-missing', () => {
    const tampered = editEnvelope(exampleEnvelope(2), (map) => {
      const text = (map.get(23) as Uint8Array).slice();
      text[text.length - 2] ^= 0x20;
      map.set(23, text);
    });
    throws(() => verifyEnvelope(tampered, exampleOptions()), 'suit.severable-mismatch');
    const missing = editEnvelope(exampleEnvelope(2), (map) => map.delete(20));
    throws(() => verifyEnvelope(missing, exampleOptions()), 'suit.severable-missing');
    // Text is recipient-unnecessary: severed and absent is fine.
    const noText = editEnvelope(exampleEnvelope(2), (map) => map.delete(23));
    equal(verifyEnvelope(noText, exampleOptions()).manifest.text.value, undefined);
  });

  it('fewer than k signatures: suit.threshold (k-1 fail, k pass, k valid plus one invalid pass)', () => {
    const policy = { anchors: [alice.anchor, bob.anchor, carol.anchor], threshold: 2 };
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice]), options({ policy })), 'suit.threshold');
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice, mallory]), options({ policy })), 'suit.threshold');
    deepEqual(verifyEnvelope(envelopeFor(image, 3, [alice, bob]), options({ policy })).authentication.signers, ['alice', 'bob']);
    const v = verifyEnvelope(envelopeFor(image, 3, [mallory, alice, bob]), options({ policy }));
    deepEqual(v.authentication.signers, ['alice', 'bob']);
    equal(v.authentication.signatures[0].code, 'suit.untrusted-key');
  });

  it('the same key counted twice toward k: suit.duplicate-signer', () => {
    const policy = { anchors: [alice.anchor, bob.anchor], threshold: 2 };
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice, alice]), options({ policy })), 'suit.duplicate-signer');
    // Two anchor entries (two kids) for one key still count once.
    const alias = { ...alice.anchor, kid: 'alice-again' };
    const twice = { anchors: [alice.anchor, alias, bob.anchor], threshold: 2 };
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice, { keyStore, keyId: alice.keyId, kid: utf8Encode('alice-again') }]), options({ policy: twice })), 'suit.duplicate-signer');
  });

  it('blocks tinydid cannot use do not count: k good signatures plus a COSE_Sign or garbage block pass', () => {
    const good = envelopeFor(image, 3, [alice]);
    const withExtra = (extra: Uint8Array) =>
      editEnvelope(good, (map) => {
        const auth = decodeCbor(map.get(2) as Uint8Array) as Uint8Array[];
        map.set(2, encodeCbor([...auth, extra]));
      });
    const coseSign = encodeCbor(new CborTag(98, [new Uint8Array(0), new Map(), null, []]));
    const garbage = Uint8Array.of(0x01, 0x02);
    deepEqual(verifyEnvelope(withExtra(coseSign), options()).authentication.signers, ['alice']);
    equal(verifyEnvelope(withExtra(garbage), options()).authentication.signatures[1].code, 'suit.malformed');
    const only = (block: Uint8Array) =>
      editEnvelope(good, (map) => {
        const auth = decodeCbor(map.get(2) as Uint8Array) as Uint8Array[];
        map.set(2, encodeCbor([auth[0], block]));
      });
    throws(() => verifyEnvelope(only(coseSign), options()), 'suit.unsupported');
    throws(() => verifyEnvelope(only(garbage), options()), 'suit.malformed');
  });

  it('per-class threshold: the device class picks k and the signers that count', () => {
    const policy = { anchors: [alice.anchor, bob.anchor, carol.anchor], threshold: 1, classes: [{ classId: CLASS, threshold: 2, signers: ['alice', 'carol'] }] };
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice, bob]), options({ policy })), 'suit.threshold');
    deepEqual(verifyEnvelope(envelopeFor(image, 3, [alice, carol]), options({ policy })).authentication.signers, ['alice', 'carol']);
    throws(() => verifyEnvelope(envelopeFor(image, 3, [alice]), options({ policy: { anchors: [alice.anchor], threshold: 2 } })), 'suit.bad-trust');
  });

  it('the fully specified algorithms verify too: ESP256 (-9) and Ed25519 (-19)', () => {
    const v = verifyEnvelope(envelopeFor(image, 3, [{ ...alice, algorithm: -9 }, { ...bob, algorithm: -19 }]), options({ policy: { anchors: [alice.anchor, bob.anchor], threshold: 2 } }));
    deepEqual(v.authentication.signatures.map((s) => s.algorithm), [-9, -19]);
    deepEqual(v.authentication.signers, ['alice', 'bob']);
  });

  it('signatures with and without kid, ES256 and EdDSA, each verify', () => {
    // Without kid the verifier tries every anchor for the algorithm.
    const v = verifyEnvelope(envelopeFor(image, 3, [{ keyStore, keyId: bob.keyId }, { keyStore, keyId: alice.keyId }]), options({ policy: { anchors: [alice.anchor, bob.anchor], threshold: 2 } }));
    deepEqual(v.authentication.signers, ['bob', 'alice']);
    deepEqual(v.authentication.signatures.map((s) => s.algorithm), [-8, -7]);
  });
});
