// Issue item 5: cut the power at every step of an update (erase, each write,
// each KV put, mark pending, confirm, the sequence commit) and check that
// after every cut the device boots a verified image (the old or the new one,
// never anything else), that the sequence is never committed ahead of the
// image that runs, and that the update then either finished or restarts
// cleanly and completes.
import { toHex } from '../../firmware/bytes/hex';
import { SEQUENCE_NAME } from '../../firmware/update/agent';
import { runBootFlow } from '../../firmware/update/boot';
import { PowerCut } from '../../firmware/update/memory-slot';
import { equal, ok } from '../support/assert';
import { envelopeFor, runningDigest, suite, testDevice, testImage, testKeyStore, testSigner, type TestDevice } from './suit-fixtures';

const keyStore = testKeyStore(5);
const alice = testSigner(keyStore, 'alice');
const policy = { anchors: [alice.anchor] };
const oldImage = testImage(2048, 1);
const newImage = testImage(4000, 2);
const OLD = toHex(suite.sha256(oldImage));
const NEW = toHex(suite.sha256(newImage));
const envelope = envelopeFor(newImage, 2, [alice]);
const CHUNK = 512;

/** Download, finish, reboot into the test boot, confirm: the whole update. */
function update(device: TestDevice): void {
  const session = device.agent.begin(envelope);
  for (let offset = 0; offset < newImage.length; offset += CHUNK) session.write(newImage.subarray(offset, offset + CHUNK));
  session.finish();
  device.slots.boot();
  const outcome = runBootFlow(device.deps, () => true);
  equal(outcome.kind, 'confirmed');
}

/** Boots after a cut and checks the invariants; returns true when the new image runs confirmed. */
function bootAfterCut(device: TestDevice): boolean {
  for (let i = 0; i < 3; i++) {
    device.slots.boot();
    const outcome = runBootFlow(device.deps, () => true);
    const running = toHex(runningDigest(device, device.slots.bootState().running === 0 ? oldImage.length : newImage.length));
    ok(running === OLD || running === NEW, 'the device runs a verified image');
    const committed = device.sequence.read(SEQUENCE_NAME);
    // Never committed ahead of the image that runs.
    if (running === OLD) equal(committed, 1, 'old image runs with the old sequence');
    if (outcome.kind !== 'reverted') return running === NEW && committed === 2 && !device.slots.bootState().testing;
  }
  return false;
}

describe('update power cuts: every step of an update, cut once', () => {
  it('every cut point leaves a bootable verified image, then the update finishes or restarts and completes', () => {
    const dry = testDevice(policy, oldImage, 16 * 1024, 1);
    const before = dry.rail.steps;
    update(dry);
    const total = dry.rail.steps - before;
    const labels = dry.rail.labels.slice(before);
    // 1 erase, 8 writes, 4 update-record changes (downloading, pending,
    // confirming, delete), mark pending, confirm, 2 monotonic-value records
    // (the sequence commit), the installed-image record: 18 cut points.
    equal(total, Math.ceil(newImage.length / CHUNK) + 10, `cut points (${labels.join(', ')})`);
    ok(labels.some((l) => l.startsWith('erase')) && labels.some((l) => l.startsWith('mark pending')) && labels.includes('confirm'), 'erase, mark pending and confirm are steps');
    equal(labels.filter((l) => l.startsWith('write')).length, Math.ceil(newImage.length / CHUNK), 'each write is a step');

    let finished = 0;
    let restarted = 0;
    for (let cut = 1; cut <= total; cut++) {
      const device = testDevice(policy, oldImage, 16 * 1024, 1);
      device.rail.cutAt = device.rail.steps + cut;
      let threw: unknown;
      try {
        update(device);
      } catch (error) {
        threw = error;
      }
      ok(threw instanceof PowerCut, `cut ${cut} (${labels[cut - 1]}) happened`);
      if (bootAfterCut(device)) {
        finished++;
        continue;
      }
      restarted++;
      update(device);
      device.slots.boot();
      equal(runBootFlow(device.deps, () => true).kind, 'normal');
      equal(toHex(runningDigest(device, newImage.length)), NEW, `cut ${cut}: the restarted update completes`);
      equal(device.sequence.read(SEQUENCE_NAME), 2);
    }
    equal(finished + restarted, total);
    ok(finished > 0 && restarted > 0, `some cuts finish on reboot (${finished}), others restart (${restarted})`);
  });
});
