// Two power cuts: the first at every step of an update, the second at every
// step of what the device does next (the boot that follows, the boot flow,
// the restarted update). After each cut the device boots the old or the new
// image, the sequence never runs ahead of the image, and in the end the new
// image runs confirmed. Node only: several hundred runs.
import { toHex } from '../../firmware/bytes/hex';
import { SEQUENCE_NAME } from '../../firmware/update/agent';
import { runBootFlow } from '../../firmware/update/boot';
import { PowerCut } from '../../firmware/update/memory-slot';
import { equal, ok } from '../support/assert';
import { envelopeFor, runningDigest, suite, testDevice, testImage, testKeyStore, testSigner, type TestDevice } from '../portable/suit-fixtures';

const keyStore = testKeyStore(6);
const alice = testSigner(keyStore, 'alice');
const policy = { anchors: [alice.anchor] };
const oldImage = testImage(1024, 1);
const newImage = testImage(2048, 2);
const OLD = toHex(suite.sha256(oldImage));
const NEW = toHex(suite.sha256(newImage));
const envelope = envelopeFor(newImage, 2, [alice]);
const CHUNK = 512;

function update(device: TestDevice): void {
  const session = device.agent.begin(envelope);
  for (let offset = 0; offset < newImage.length; offset += CHUNK) session.write(newImage.subarray(offset, offset + CHUNK));
  session.finish();
  device.slots.boot();
  equal(runBootFlow(device.deps, () => true).kind, 'confirmed');
}

/** One boot with the invariants checked; true when the new image runs confirmed with its sequence. */
function boot(device: TestDevice): boolean {
  device.slots.boot();
  const outcome = runBootFlow(device.deps, () => true);
  const running = device.slots.bootState().running;
  const digest = toHex(runningDigest(device, running === 0 ? oldImage.length : newImage.length));
  ok(digest === OLD || digest === NEW, 'a verified image runs');
  if (digest === OLD) equal(device.sequence.read(SEQUENCE_NAME), 1, 'the sequence is not ahead of the old image');
  return outcome.kind !== 'reverted' && digest === NEW && device.sequence.read(SEQUENCE_NAME) === 2;
}

/** What the device does after a cut: boot until stable, then update again if needed. */
function recover(device: TestDevice): void {
  for (let i = 0; i < 3; i++) {
    if (boot(device)) return;
    if (!device.slots.bootState().testing && device.slots.bootState().running === 0) break;
  }
  update(device);
}

function cutOnce(device: TestDevice, at: number, run: () => void): boolean {
  device.rail.cutAt = device.rail.steps + at;
  try {
    run();
  } catch (error) {
    if (error instanceof PowerCut) return true;
    throw error;
  }
  device.rail.cutAt = undefined;
  return false;
}

describe('update power cuts, twice', () => {
  it('a second cut at every step of the recovery from every first cut', () => {
    const dry = testDevice(policy, oldImage, 8192, 1);
    const start = dry.rail.steps;
    update(dry);
    const first = dry.rail.steps - start;
    let pairs = 0;
    for (let c1 = 1; c1 <= first; c1++) {
      // How many steps the recovery from this first cut takes.
      const probe = testDevice(policy, oldImage, 8192, 1);
      ok(cutOnce(probe, c1, () => update(probe)), `first cut ${c1}`);
      const before = probe.rail.steps;
      recover(probe);
      const second = probe.rail.steps - before;
      for (let c2 = 1; c2 <= second; c2++) {
        const device = testDevice(policy, oldImage, 8192, 1);
        cutOnce(device, c1, () => update(device));
        ok(cutOnce(device, c2, () => recover(device)), `second cut ${c2} after first cut ${c1}`);
        recover(device);
        ok(boot(device), `cuts ${c1}+${c2}: the new image runs confirmed in the end`);
        pairs++;
      }
    }
    ok(pairs > first * 4, `${pairs} pairs of cuts`);
  });
});
