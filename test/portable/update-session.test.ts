// Streaming install and boot flow (issue item 5) on a simulated A/B device:
// the image is hashed while it is written, checked for size and digest, read
// back and hashed again before it is marked pending; the test boot confirms
// (and only then commits the sequence) or reverts.
import { toHex } from '../../firmware/bytes/hex';
import { SEQUENCE_NAME } from '../../firmware/update/agent';
import { runBootFlow } from '../../firmware/update/boot';
import { readInstalledRecord, readUpdateRecord } from '../../firmware/update/state';
import { createEnvelope } from '../../firmware/update/build';
import { equal, ok, throws } from '../support/assert';
import { envelopeFor, runningDigest, specFor, suite, testDevice, testImage, testKeyStore, testSigner, type TestDevice } from './suit-fixtures';

const keyStore = testKeyStore(3);
const alice = testSigner(keyStore, 'alice');
const policy = { anchors: [alice.anchor] };
const oldImage = testImage(3000, 1);
const newImage = testImage(5000, 2);

function stream(device: TestDevice, envelope: Uint8Array, image: Uint8Array, chunk = 700) {
  const session = device.agent.begin(envelope);
  for (let offset = 0; offset < image.length; offset += chunk) session.write(image.subarray(offset, Math.min(offset + chunk, image.length)));
  return session;
}

describe('update session: streaming install through the firmware-slot seam', () => {
  it('installs, test-boots, confirms; the sequence is committed at confirm, not at download', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    const session = stream(device, envelopeFor(newImage, 2, [alice]), newImage);
    equal(session.received, newImage.length);
    const report = session.finish();
    equal(report.slot, 1);
    equal(report.readBack, true);
    equal(device.sequence.read(SEQUENCE_NAME), 1, 'not committed after download');
    equal(readUpdateRecord(device.kv)?.phase, 'pending');
    device.slots.boot();
    const outcome = runBootFlow(device.deps, () => true);
    equal(outcome.kind, 'confirmed');
    equal(device.sequence.read(SEQUENCE_NAME), 2, 'committed at confirm');
    equal(readInstalledRecord(device.kv)?.sequence, 2);
    equal(readUpdateRecord(device.kv), undefined);
    equal(toHex(runningDigest(device, newImage.length)), toHex(suite.sha256(newImage)));
    // Reboot again: the new image stays.
    device.slots.boot();
    equal(runBootFlow(device.deps, () => true).kind, 'normal');
    equal(device.slots.bootState().running, 1);
    // The old envelope is now a rollback.
    throws(() => device.agent.check(envelopeFor(newImage, 2, [alice])), 'suit.rollback');
  });

  it('a failed self-test reverts to the old image and commits nothing', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    stream(device, envelopeFor(newImage, 2, [alice]), newImage).finish();
    device.slots.boot();
    const outcome = runBootFlow(device.deps, () => false);
    equal(outcome.kind, 'reverted');
    device.slots.boot();
    equal(runBootFlow(device.deps, () => true).kind, 'normal');
    equal(device.slots.bootState().running, 0);
    equal(toHex(runningDigest(device, oldImage.length)), toHex(suite.sha256(oldImage)));
    equal(device.sequence.read(SEQUENCE_NAME), 1);
  });

  it('a pending image that is never confirmed is reverted by the boot loader', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    stream(device, envelopeFor(newImage, 2, [alice]), newImage).finish();
    device.slots.boot(); // test boot, and the power fails before the boot flow runs
    device.slots.boot();
    equal(runBootFlow(device.deps, () => true).kind, 'restarted');
    equal(device.slots.bootState().running, 0);
    equal(device.sequence.read(SEQUENCE_NAME), 1);
  });

  it('image digest mismatch: suit.image-digest (and the session is aborted)', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    const wrong = newImage.slice();
    wrong[100] ^= 1;
    const session = stream(device, envelopeFor(newImage, 2, [alice]), wrong);
    throws(() => session.finish(), 'suit.image-digest');
    equal(session.status, 'aborted');
    equal(readUpdateRecord(device.kv), undefined);
    throws(() => session.write(Uint8Array.of(1)), 'suit.bad-state');
  });

  it('stream longer than image-size: suit.image-too-long as soon as the extra byte arrives', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    const session = device.agent.begin(envelopeFor(newImage, 2, [alice]));
    session.write(newImage.subarray(0, 4999));
    throws(() => session.write(Uint8Array.of(1, 2)), 'suit.image-too-long');
    equal(session.received, 4999, 'the chunk that overflows is not written');
    equal(session.status, 'aborted');
  });

  it('stream shorter than image-size: suit.image-size', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    const session = device.agent.begin(envelopeFor(newImage, 2, [alice]));
    session.write(newImage.subarray(0, 4000));
    throws(() => session.finish(), 'suit.image-size');
  });

  it('slot changed between verification and activation: suit.slot-changed (read-back, and again at the test boot)', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    const session = stream(device, envelopeFor(newImage, 2, [alice]), newImage);
    session.complete();
    device.slots.tamper(1, 1234);
    throws(() => session.readBack(), 'suit.slot-changed');
    equal(readUpdateRecord(device.kv), undefined);

    const again = testDevice(policy, oldImage, 64 * 1024, 1);
    stream(again, envelopeFor(newImage, 2, [alice]), newImage).finish();
    again.slots.tamper(1, 10);
    again.slots.boot();
    const outcome = runBootFlow(again.deps, () => true);
    equal(outcome.kind, 'reverted');
    equal(outcome.kind === 'reverted' ? outcome.reason : '', 'suit.slot-changed');
    again.slots.boot();
    equal(again.slots.bootState().running, 0);
    equal(again.sequence.read(SEQUENCE_NAME), 1);
  });

  it('chunks of any size give the same result; an integrated payload installs from the envelope', () => {
    for (const chunk of [1, 333, 4096, 5000]) {
      const device = testDevice(policy, oldImage, 64 * 1024, 1);
      equal(stream(device, envelopeFor(newImage, 2, [alice]), newImage, chunk).finish().size, 5000);
    }
    const device = testDevice(policy, oldImage);
    equal(device.agent.installedSequence(), undefined, 'nothing installed');
    const spec = specFor(newImage, 0, {}, '#firmware');
    const envelope = createEnvelope(spec, [alice], suite, { integrated: new Map([['#firmware', newImage]]) });
    const report = device.agent.installIntegrated(envelope, 1024);
    equal(report.sequence, 0);
    device.slots.boot();
    equal(runBootFlow(device.deps, () => true).kind, 'confirmed');
    equal(device.agent.installedSequence(), 0);
  });

  it('an integrated payload the envelope lacks: suit.payload-missing; a second offer while pending: suit.bad-state', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    throws(() => device.agent.check(createEnvelope(specFor(newImage, 2, {}, '#firmware'), [alice], suite)), 'suit.payload-missing');
    stream(device, envelopeFor(newImage, 2, [alice]), newImage).finish();
    throws(() => device.agent.check(envelopeFor(newImage, 3, [alice])), 'suit.bad-state');
  });

  it('A/B manifests: the image for the inactive slot is chosen by try-each', () => {
    const device = testDevice(policy, oldImage, 64 * 1024, 1);
    const forSlot0 = testImage(4000, 5);
    const spec = { ...specFor(newImage, 2), image: [{ digest: suite.sha256(forSlot0), size: 4000, uri: 'https://u.example/a.bin' }, { digest: suite.sha256(newImage), size: 5000, uri: 'https://u.example/b.bin' }] as const };
    const checked = device.agent.check(createEnvelope(spec, [alice], suite));
    equal(checked.plan.slot, 1);
    equal(checked.plan.uri, 'https://u.example/b.bin');
    equal(checked.plan.size, 5000);
    ok(checked.verified.checked.vendor && checked.verified.checked.class);
  });

  it('an image larger than the slot: suit.slot-failed before anything is erased', () => {
    const device = testDevice(policy, oldImage, 4096, 1);
    throws(() => device.agent.begin(envelopeFor(newImage, 2, [alice])), 'suit.slot-failed');
    equal(readUpdateRecord(device.kv), undefined);
  });
});
