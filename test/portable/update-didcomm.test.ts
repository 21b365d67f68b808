// The firmware-update protocol over DIDComm (issue item 6): a gateway agent
// and a device agent (Curve25519 did:peer:2) run the whole update as compact
// authcrypt bytes, through firmware/update/didcomm-carrier.ts. Modest sizes
// for the XS lane: an 8 KiB image in 2 KiB chunks.
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { codecFor } from '../../firmware/didcomm/codecs';
import { readingPair } from '../../firmware/didcomm/reading-pair';
import type { KeyRing } from '../../firmware/didcomm/key-ring';
import { runBootFlow } from '../../firmware/update/boot';
import { isUpdateType, updateFromDidcomm, updateToDidcomm } from '../../firmware/update/didcomm-carrier';
import { FIRMWARE_UPDATE_TYPES, FirmwareUpdateResponder, FirmwareUpdateSender, type UpdateMessage } from '../../firmware/update/protocol';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { envelopeFor, testDevice, testImage, testKeyStore, testSigner } from './suit-fixtures';

const keyStore = testKeyStore(12);
const alice = testSigner(keyStore, 'alice');
const policy = { anchors: [alice.anchor] };
const oldImage = testImage(1000, 1);
const newImage = testImage(8 * 1024, 2);
const CHUNK = 2048;
const NOW = 1763779200;
const cbor = codecFor('cbor');

function ids(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** A gateway (the reading pair's phone) and a device (its meter) that know each other, and a stranger both know. */
function agents(seed: number) {
  const random = xsTestRandom(seed);
  const pair = readingPair({ suite, random });
  const other = readingPair({ suite, random });
  pair.resolver.add(other.meter.didDocument);
  return {
    random,
    resolver: pair.resolver,
    gateway: { did: pair.phone.did, keys: pair.phoneKeys },
    device: { did: pair.meter.did, keys: pair.meterKeys },
    stranger: { did: other.meter.did, keys: other.meterKeys },
  };
}
type Agents = ReturnType<typeof agents>;
interface Party {
  did: string;
  keys: KeyRing;
}

function pack(a: Agents, from: Party, to: Party, message: UpdateMessage, mode: 'authcrypt' | 'plain' = 'authcrypt'): Uint8Array {
  const didcomm = updateToDidcomm(message, { from: from.did, to: to.did, createdTime: NOW });
  return cbor.pack(didcomm, { mode, resolver: a.resolver, keys: from.keys, random: a.random, suite }).bytes;
}

function unpack(a: Agents, self: Party, peer: string, bytes: Uint8Array): UpdateMessage {
  return updateFromDidcomm(cbor.unpack(bytes, { resolver: a.resolver, keys: self.keys, suite, now: NOW + 60 }), peer);
}

/** Runs the update over packed bytes both ways; returns the types in order and the largest packed message. */
function run(a: Agents, sender: FirmwareUpdateSender, responder: FirmwareUpdateResponder): { types: string[]; largest: number } {
  const types: string[] = [];
  let largest = 0;
  let toDevice: Uint8Array[] = [pack(a, a.gateway, a.device, sender.offer())];
  for (let round = 0; round < 100 && toDevice.length > 0; round++) {
    const toGateway: Uint8Array[] = [];
    for (const bytes of toDevice) {
      largest = Math.max(largest, bytes.length);
      const m = unpack(a, a.device, a.gateway.did, bytes);
      types.push(m.type.replace(/^.*\//, ''));
      for (const reply of responder.handle(m)) toGateway.push(pack(a, a.device, a.gateway, reply));
    }
    toDevice = [];
    for (const bytes of toGateway) {
      largest = Math.max(largest, bytes.length);
      const m = unpack(a, a.gateway, a.device.did, bytes);
      types.push(m.type.replace(/^.*\//, ''));
      for (const reply of sender.handle(m)) toDevice.push(pack(a, a.gateway, a.device, reply));
    }
  }
  return { types, largest };
}

describe('firmware-update protocol over DIDComm (compact authcrypt)', () => {
  it('a gateway updates a device over authcrypt bytes: offer, 4 chunks of 2 KiB, report; the device boots pending and confirms', () => {
    const a = agents(61);
    const device = testDevice(policy, oldImage, 16 * 1024, 1);
    const sender = new FirmwareUpdateSender(envelopeFor(newImage, 2, [alice]), newImage, ids('gw'));
    const responder = new FirmwareUpdateResponder(device.agent, ids('dev'), CHUNK);
    const { types, largest } = run(a, sender, responder);
    deepEqual(types, ['offer', 'request-chunk', 'chunk', 'request-chunk', 'chunk', 'request-chunk', 'chunk', 'request-chunk', 'chunk', 'report']);
    equal(sender.sent, newImage.length);
    equal(sender.outcome.kind, 'installed');
    equal(sender.outcome.kind === 'installed' ? sender.outcome.report.sequence : -1, 2);
    ok(largest < CHUNK * 2, `largest packed message ${largest} B`);
    device.slots.boot();
    equal(runBootFlow(device.deps, () => true).kind, 'confirmed');
  });

  it('the carrier keeps id, type, thid, from/to, created_time and the bytes of offer and chunk', () => {
    const a = agents(62);
    const data = new Uint8Array([0, 1, 2, 250, 251, 255]);
    const chunk: UpdateMessage = { id: 'c-1', type: FIRMWARE_UPDATE_TYPES.chunk, thid: 'o-1', body: { offset: 2048, data } };
    const didcomm = updateToDidcomm(chunk, { from: a.gateway.did, to: a.device.did, createdTime: NOW });
    equal(didcomm.type, FIRMWARE_UPDATE_TYPES.chunk);
    equal(didcomm.thid, 'o-1');
    equal(didcomm.from, a.gateway.did);
    deepEqual(didcomm.to, [a.device.did]);
    equal(didcomm.created_time, NOW);
    equal(typeof didcomm.body.data, 'string');
    const back = unpack(a, a.device, a.gateway.did, pack(a, a.gateway, a.device, chunk));
    deepEqual(back, chunk);
    ok(isUpdateType(FIRMWARE_UPDATE_TYPES.problemReport) && !isUpdateType('https://didcomm.org/trust-ping/2.0/ping'));
  });

  it('a device refuses an offer from a DID that is not its gateway, a plaintext offer, and a message of another protocol', () => {
    const a = agents(63);
    const offer = new FirmwareUpdateSender(envelopeFor(newImage, 2, [alice]), newImage, ids('x')).offer();
    // Authcrypted to the device, but by a stranger the device can resolve.
    throws(() => unpack(a, a.device, a.gateway.did, pack(a, a.stranger, a.device, offer)), 'protocol.untrusted-sender');
    // A plaintext offer naming the gateway as its sender: nothing authenticated it.
    throws(() => unpack(a, a.device, a.gateway.did, pack(a, a.gateway, a.device, offer, 'plain')), 'protocol.unexpected');
    // Authcrypted by the gateway, but not a firmware-update message.
    const ping = cbor.pack(
      { id: 'p-1', type: 'https://didcomm.org/trust-ping/2.0/ping', from: a.gateway.did, to: [a.device.did], created_time: NOW, body: {} },
      { mode: 'authcrypt', resolver: a.resolver, keys: a.gateway.keys, random: a.random, suite },
    ).bytes;
    throws(() => updateFromDidcomm(cbor.unpack(ping, { resolver: a.resolver, keys: a.device.keys, suite, now: NOW }), a.gateway.did), 'protocol.unexpected');
    // A chunk whose data is not base64url text is suit.bad-message.
    const bad = cbor.pack(
      { id: 'c-9', type: FIRMWARE_UPDATE_TYPES.chunk, thid: 'o-1', from: a.gateway.did, to: [a.device.did], body: { offset: 0, data: 'not base64url!' } },
      { mode: 'authcrypt', resolver: a.resolver, keys: a.gateway.keys, random: a.random, suite },
    ).bytes;
    throws(() => updateFromDidcomm(cbor.unpack(bad, { resolver: a.resolver, keys: a.device.keys, suite, now: NOW }), a.gateway.did), 'suit.bad-message');
  });

  it('a tampered image ends in an authcrypted problem report; the gateway reports suit.image-digest and the device keeps its image', () => {
    const a = agents(64);
    const device = testDevice(policy, oldImage, 16 * 1024, 1);
    const wrong = newImage.slice();
    wrong[5000] ^= 0x01;
    const sender = new FirmwareUpdateSender(envelopeFor(newImage, 2, [alice]), wrong, ids('gw'));
    const { types } = run(a, sender, new FirmwareUpdateResponder(device.agent, ids('dev'), CHUNK));
    equal(types[types.length - 1], 'problem-report');
    equal(sender.outcome.kind === 'refused' ? sender.outcome.code : '', 'suit.image-digest');
    device.slots.boot();
    equal(runBootFlow(device.deps, () => true).kind === 'confirmed', false);
  });
});
