// The SUIT verifier and the streaming install give the same answers with the
// node:crypto suite as with the portable one (DESIGN section 3: suites are
// interchangeable behind one interface).
import { toHex } from '../../firmware/bytes/hex';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { benchStreaming } from '../../firmware/update/bench-streaming';
import { verifyEnvelope } from '../../firmware/update/verify';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { CLASS, VENDOR, envelopeFor, exampleAnchor, exampleEnvelope, testImage, testKeyStore, testSigner } from '../portable/suit-fixtures';

describe('SUIT with the node:crypto suite', () => {
  it('the six examples verify identically with both suites; a tampered one fails identically', () => {
    for (let n = 0; n <= 5; n++) {
      const options = { policy: { anchors: [exampleAnchor()] }, device: { vendorId: VENDOR, classId: CLASS } };
      const a = verifyEnvelope(exampleEnvelope(n), { ...options, suite: nodeSuite });
      const b = verifyEnvelope(exampleEnvelope(n), { ...options, suite: portableSuite });
      equal(a.sequenceNumber, b.sequenceNumber);
      equal(toHex(a.authentication.digest.bytes), toHex(b.authentication.digest.bytes));
      deepEqual(a.authentication.signers, b.authentication.signers);
    }
    const bad = exampleEnvelope(0).slice();
    bad[bad.length - 40] ^= 1;
    throws(() => verifyEnvelope(bad, { suite: nodeSuite, policy: { anchors: [exampleAnchor()] } }), 'suit.digest-mismatch');
    throws(() => verifyEnvelope(bad, { suite: portableSuite, policy: { anchors: [exampleAnchor()] } }), 'suit.digest-mismatch');
  });

  it('Ed25519 and P-256 signers made with the portable key store verify with node:crypto', () => {
    const keyStore = testKeyStore(31);
    const a = testSigner(keyStore, 'a');
    const b = testSigner(keyStore, 'b', 'ed25519');
    const v = verifyEnvelope(envelopeFor(testImage(300), 4, [a, b]), { suite: nodeSuite, policy: { anchors: [a.anchor, b.anchor], threshold: 2 } });
    deepEqual(v.authentication.signers, ['a', 'b']);
  });

  it('the benchmark kernel runs on the node suite (1 MiB in 4 KiB chunks)', () => {
    const r = benchStreaming({ suite: nodeSuite, now: () => performance.now(), rounds: 3 });
    equal(r.size, 1024 * 1024);
    ok(r.plainMs > 0 && r.streamMs > 0 && r.readBackMs > 0, JSON.stringify(r));
  });
});
