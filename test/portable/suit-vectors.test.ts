// The draft's six example envelopes (../shared/vectors/suit, signed ES256 with
// public_key.pem) verify, and decode to what their diagnostic notation says.
import { toHex } from '../../firmware/bytes/hex';
import { verifyEnvelope } from '../../firmware/update/verify';
import { planInstall } from '../../firmware/update/plan';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { CLASS, OTHER, VENDOR, exampleAnchor, exampleEnvelope, suite } from './suit-fixtures';

const SEQUENCES = [0, 1, 2, 3, 4, 5];

describe('SUIT: the draft examples verify with public_key.pem', () => {
  for (const n of SEQUENCES) {
    it(`example ${n}: signature, digest, manifest, sequence ${SEQUENCES[n]}`, () => {
      const v = verifyEnvelope(exampleEnvelope(n), { suite, policy: { anchors: [exampleAnchor()] }, device: { vendorId: VENDOR, classId: CLASS } });
      equal(v.sequenceNumber, SEQUENCES[n]);
      deepEqual(v.authentication.signers, ['suit-example']);
      equal(v.authentication.threshold, 1);
      equal(v.authentication.signatures.length, 1);
      equal(v.authentication.signatures[0].algorithm, -7);
      ok(v.checked.vendor && v.checked.class, 'vendor and class checked');
      equal(v.checked.rollback, false);
    });
  }

  it('example 0: the parsed manifest is the one in the diagnostic notation', () => {
    const v = verifyEnvelope(exampleEnvelope(0), { suite, policy: { anchors: [exampleAnchor()] } });
    equal(toHex(v.authentication.digest.bytes), '6658ea560262696dd1f13b782239a064da7c6c5cbaf52fded428a6fc83c7e5af');
    equal(v.manifest.components.length, 1);
    equal(toHex(v.manifest.components[0][0]), '00');
    const params = v.common.components[0].parameters;
    equal(toHex(params.vendorId ?? new Uint8Array(0)), toHex(VENDOR));
    equal(params.imageSize, 34768);
    equal(toHex(params.imageDigest?.bytes ?? new Uint8Array(0)), '00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210');
    equal(v.manifest.validate?.length, 1);
    equal(v.manifest.invoke?.[0].kind, 'directive');
  });

  it('example 2: severed install and text are carried and match their digests', () => {
    const v = verifyEnvelope(exampleEnvelope(2), { suite, policy: { anchors: [exampleAnchor()] } });
    equal(v.manifest.referenceUri, 'https://git.io/JJYoj');
    ok(v.manifest.install.digest !== undefined && v.manifest.install.value !== undefined, 'install severed and present');
    ok(v.manifest.text.value instanceof Map, 'text decoded');
  });

  it('example 3: A/B try-each picks the image for the target slot', () => {
    const v = verifyEnvelope(exampleEnvelope(3), { suite, policy: { anchors: [exampleAnchor()] }, device: { vendorId: VENDOR, classId: CLASS } });
    const slot0 = planInstall(v, { vendorId: VENDOR, classId: CLASS, slot: 0 });
    const slot1 = planInstall(v, { vendorId: VENDOR, classId: CLASS, slot: 1 });
    equal(slot0.size, 34768);
    equal(slot0.uri, 'http://example.com/file1.bin');
    equal(slot1.size, 76834);
    equal(slot1.uri, 'http://example.com/file2.bin');
    equal(toHex(slot1.digest.bytes).slice(0, 8), '01234567');
  });

  it('example 1: a single-image plan; example 0 installs nothing (unsupported, not invalid)', () => {
    const v1 = verifyEnvelope(exampleEnvelope(1), { suite, policy: { anchors: [exampleAnchor()] } });
    const plan = planInstall(v1, { slot: 1 });
    equal(plan.size, 34768);
    equal(plan.sequenceNumber, 1);
    const v0 = verifyEnvelope(exampleEnvelope(0), { suite, policy: { anchors: [exampleAnchor()] } });
    throws(() => planInstall(v0, { slot: 1 }), 'suit.unsupported');
  });

  it('examples 4 and 5 parse and verify but need more than one image: suit.unsupported on this device', () => {
    for (const n of [4, 5]) {
      const v = verifyEnvelope(exampleEnvelope(n), { suite, policy: { anchors: [exampleAnchor()] } });
      throws(() => planInstall(v, { vendorId: VENDOR, classId: CLASS, slot: 1 }), 'suit.unsupported', `example ${n}`);
    }
  });

  it('a device of another vendor or class refuses the examples', () => {
    throws(() => verifyEnvelope(exampleEnvelope(1), { suite, policy: { anchors: [exampleAnchor()] }, device: { vendorId: OTHER, classId: CLASS } }), 'suit.wrong-vendor');
    throws(() => verifyEnvelope(exampleEnvelope(1), { suite, policy: { anchors: [exampleAnchor()] }, device: { vendorId: VENDOR, classId: OTHER } }), 'suit.wrong-class');
  });
});
