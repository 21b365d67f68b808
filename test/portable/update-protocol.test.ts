// The firmware-update protocol (issue item 6) over an in-memory exchange:
// offer -> check -> request chunks -> stream -> report, or a problem report
// carrying the error code. The DIDComm wiring carries these same objects.
import { runBootFlow } from '../../firmware/update/boot';
import { FIRMWARE_UPDATE_TYPES, FirmwareUpdateResponder, FirmwareUpdateSender, checkUpdateMessage, type UpdateMessage } from '../../firmware/update/protocol';
import { createEnvelope } from '../../firmware/update/build';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { envelopeFor, specFor, suite, testDevice, testImage, testKeyStore, testSigner } from './suit-fixtures';

const keyStore = testKeyStore(11);
const alice = testSigner(keyStore, 'alice');
const mallory = testSigner(keyStore, 'mallory');
const policy = { anchors: [alice.anchor] };
const oldImage = testImage(1500, 1);
const newImage = testImage(10000, 2);

function ids(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** Runs the exchange to its end; returns every message in order. */
function exchange(sender: FirmwareUpdateSender, responder: FirmwareUpdateResponder, tap?: (m: UpdateMessage) => UpdateMessage | undefined): UpdateMessage[] {
  const log: UpdateMessage[] = [];
  let toDevice: UpdateMessage[] = [sender.offer()];
  for (let round = 0; round < 1000 && toDevice.length > 0; round++) {
    const toGateway: UpdateMessage[] = [];
    for (const m of toDevice) {
      const sent = tap?.(m) ?? m;
      log.push(sent);
      toGateway.push(...responder.handle(sent));
    }
    toDevice = [];
    for (const m of toGateway) {
      log.push(m);
      toDevice.push(...sender.handle(m));
    }
  }
  return log;
}

describe('firmware-update protocol: offer, chunks, report', () => {
  it('a gateway updates a device in 4 KiB chunks; the device reports pending-reboot and confirms at the test boot', () => {
    const device = testDevice(policy, oldImage, 32 * 1024, 1);
    const sender = new FirmwareUpdateSender(envelopeFor(newImage, 2, [alice]), newImage, ids('gw'));
    const responder = new FirmwareUpdateResponder(device.agent, ids('dev'));
    const log = exchange(sender, responder);
    deepEqual(log.map((m) => m.type.replace(/^.*\//, '')), ['offer', 'request-chunk', 'chunk', 'request-chunk', 'chunk', 'request-chunk', 'chunk', 'report']);
    ok(log.every((m, i) => i === 0 || m.thid === log[0].id), 'one thread');
    equal(sender.sent, newImage.length);
    equal(sender.outcome.kind, 'installed');
    equal(sender.outcome.kind === 'installed' ? sender.outcome.report.sequence : -1, 2);
    device.slots.boot();
    equal(runBootFlow(device.deps, () => true).kind, 'confirmed');
  });

  it('a refused offer ends in a problem report with the error code (untrusted signer, rollback)', () => {
    const device = testDevice(policy, oldImage, 32 * 1024, 1);
    const bad = new FirmwareUpdateSender(envelopeFor(newImage, 2, [mallory]), newImage, ids('gw'));
    const log = exchange(bad, new FirmwareUpdateResponder(device.agent, ids('dev')));
    equal(log[1].type, FIRMWARE_UPDATE_TYPES.problemReport);
    equal(bad.outcome.kind === 'refused' ? bad.outcome.code : '', 'suit.untrusted-key');
    const old = new FirmwareUpdateSender(envelopeFor(newImage, 1, [alice]), newImage, ids('gw'));
    exchange(old, new FirmwareUpdateResponder(device.agent, ids('dev')));
    equal(old.outcome.kind === 'refused' ? old.outcome.code : '', 'suit.rollback');
  });

  it('a gateway that sends the wrong bytes gets suit.image-digest; one that sends too many gets suit.image-too-long', () => {
    const device = testDevice(policy, oldImage, 32 * 1024, 1);
    const wrong = newImage.slice();
    wrong[9000] ^= 1;
    const sender = new FirmwareUpdateSender(envelopeFor(newImage, 2, [alice]), wrong, ids('gw'));
    exchange(sender, new FirmwareUpdateResponder(device.agent, ids('dev')));
    equal(sender.outcome.kind === 'refused' ? sender.outcome.code : '', 'suit.image-digest');

    const longer = new FirmwareUpdateSender(envelopeFor(newImage, 2, [alice]), newImage, ids('gw'));
    exchange(longer, new FirmwareUpdateResponder(device.agent, ids('dev')), (m) => {
      if (m.type !== FIRMWARE_UPDATE_TYPES.chunk || m.body.offset !== 8192) return undefined;
      const data = new Uint8Array(m.body.data.length + 10);
      data.set(m.body.data);
      return { ...m, body: { offset: m.body.offset, data } };
    });
    equal(longer.outcome.kind === 'refused' ? longer.outcome.code : '', 'suit.image-too-long');
  });

  it('an integrated payload needs no chunks; malformed and out-of-order messages are suit.bad-message', () => {
    const device = testDevice(policy, oldImage, 32 * 1024, 1);
    const envelope = createEnvelope(specFor(newImage, 2, {}, '#fw'), [alice], suite, { integrated: new Map([['#fw', newImage]]) });
    const sender = new FirmwareUpdateSender(envelope, undefined, ids('gw'));
    const log = exchange(sender, new FirmwareUpdateResponder(device.agent, ids('dev')));
    deepEqual(log.map((m) => m.type.replace(/^.*\//, '')), ['offer', 'report']);

    throws(() => checkUpdateMessage({ id: 'x', type: FIRMWARE_UPDATE_TYPES.chunk, thid: 't', body: { offset: -1, data: new Uint8Array(1) } }), 'suit.bad-message');
    throws(() => checkUpdateMessage({ id: 'x', type: 'https://didcomm.org/firmware/1.0/offer', body: {} }), 'suit.bad-message');
    const responder = new FirmwareUpdateResponder(testDevice(policy, oldImage, 32 * 1024, 1).agent, ids('dev'));
    const reply = responder.handle({ id: 'c1', type: FIRMWARE_UPDATE_TYPES.chunk, thid: 'nothing', body: { offset: 0, data: new Uint8Array(4) } });
    equal(reply[0].type, FIRMWARE_UPDATE_TYPES.problemReport);
    equal(reply[0].type === FIRMWARE_UPDATE_TYPES.problemReport ? reply[0].body.code : '', 'e.p.suit.bad-message');
  });
});
