// The device agent (firmware/apps/device, as the glucose meter image runs it)
// against the simulator's phone: the phone's own onboarding functions
// (simulator/agents/onboarding.ts) and reading inbox (simulator/agents/
// readings.ts), on the Node suite, with its key store on disk. What the
// simulator's devices do, the device image does byte-compatibly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootGlucoseMeter } from '../../firmware/apps/glucose-meter/boot';
import { bootInsole } from '../../firmware/apps/insole/boot';
import type { DeviceSeams } from '../../firmware/apps/device/seams';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { ConnectionStore } from '../../firmware/didcomm/protocols/connections';
import { TRUST_PING } from '../../firmware/didcomm/protocols/trust-ping';
import { MemoryKv } from '../../firmware/storage/memory-kv';
import { SimAgent } from '../../simulator/agents/agent';
import { messenger, verifySigned } from '../../simulator/agents/messaging';
import { phoneAcceptResponse, phoneRequest, readLabel } from '../../simulator/agents/onboarding';
import { ReadingInbox } from '../../simulator/agents/readings';
import { SEEDED_EPOCH_MS, VirtualClock } from '../../simulator/clock';
import { SeededRandom } from '../../simulator/random';
import { deepEqual, equal, ok, throws } from '../support/assert';

/** A fresh storage root for the simulator's agents, removed after `fn`. */
function inRoot(fn: (root: string) => void): () => void {
  return () => {
    const root = mkdtempSync(join(tmpdir(), 'tinydid-device-sim-'));
    try {
      fn(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

describe('device agent with the simulator phone (interoperability)', () => {
  function world(root: string, seed: number) {
    const clock = new VirtualClock(SEEDED_EPOCH_MS);
    const random = new SeededRandom(seed);
    const phone = new SimAgent({ name: `phone-${seed}`, root, clock: clock.deviceClock(), random: random.fork('phone') });
    const kv = new MemoryKv();
    const seams: DeviceSeams = { random: random.fork('meter'), clock: clock.deviceClock(), kv, rootKey: new Uint8Array(32).fill(seed), suite: portableSuite, log: () => undefined, endpoint: 'ble:tinydid-glucose' };
    return { clock, random, phone, kv, seams };
  }

  function onboard(w: ReturnType<typeof world>, app = bootGlucoseMeter(w.seams)) {
    const scanned = readLabel(utf8Encode(app.label as string));
    const { request, packed, device } = phoneRequest(w.phone, scanned, 'Jamie\'s phone');
    const response = app.receive(packed);
    ok(response !== undefined, 'the device answers the onboarding request');
    phoneAcceptResponse(w.phone, device, request, response as Uint8Array);
    return { app, device };
  }

  it('the phone onboards the meter and accepts its signed, authcrypted, chained readings', inRoot((root) => {
    const w = world(root, 1);
    const { app: meter, device } = onboard(w);
    equal(meter.controller, w.phone.did);
    deepEqual(new ConnectionStore(w.phone.kv, w.phone.suite).list().map((c) => [c.did, c.role]), [[meter.did, 'device']]);
    const inbox = new ReadingInbox(w.phone);
    const first = inbox.receive(meter.measure(104).packed, w.clock.now());
    equal(first.deviceDid, meter.did);
    equal(first.kind, 'glucose');
    equal(first.body.v, 104);
    equal(first.seq, 1);
    // Anyone the phone shows the reading to checks the device's own signature.
    const police = new SimAgent({ name: 'police-1', root, clock: w.clock.deviceClock(), random: w.random.fork('police') });
    const shown = verifySigned(police, first.signed, [meter.did]);
    equal(shown.signer, device.did + '#key-1');
    equal(shown.message.body.v, 104);
    w.clock.advance(60_000);
    const second = inbox.receive(meter.measure(98).packed, w.clock.now());
    equal(second.seq, 2);
    equal(second.body.v, 98);
    ok(typeof second.body.p === 'string' && second.body.p.length > 0, 'linked to the first');
  }));

  it('a replayed or tampered reading is refused by the phone', inRoot((root) => {
    const w = world(root, 2);
    const { app: meter } = onboard(w);
    const inbox = new ReadingInbox(w.phone);
    const packed = meter.measure(104).packed;
    inbox.receive(packed, 0);
    throws(() => inbox.receive(packed, 1), 'didcomm.replayed');
    const next = meter.measure(105).packed.slice();
    next[Math.floor(next.length / 2)] ^= 0x40;
    throws(() => inbox.receive(next, 2), 'cose.decrypt-failed');
  }));

  it('after a reboot the meter keeps DID and controller, answers the phone\'s ping and continues the chain', inRoot((root) => {
    const w = world(root, 3);
    const { app: meter, device } = onboard(w);
    const inbox = new ReadingInbox(w.phone);
    inbox.receive(meter.measure(120).packed, 0);
    const again = bootGlucoseMeter({ ...w.seams, random: w.random.fork('meter-reboot'), clock: w.clock.deviceClock() });
    equal(again.did, meter.did);
    equal(again.controller, w.phone.did);
    const answer = again.receive(messenger.packAuthcrypt(w.phone, device, { id: 'ping-1', type: TRUST_PING.ping, body: { response_requested: true } }));
    const pong = messenger.unpack(w.phone, answer as Uint8Array);
    equal(pong.message.type, TRUST_PING.response);
    equal(pong.message.thid, 'ping-1');
    equal(pong.sender?.did, meter.did);
    const next = inbox.receive(again.measure(121).packed, 1);
    equal(next.seq, 2);
    equal(next.body.v, 121);
  }));

  it('a second phone cannot onboard; a guessed code is refused with its code', inRoot((root) => {
    const w = world(root, 4);
    const label = bootGlucoseMeter(w.seams).label as string;
    const guessed = phoneRequest(w.phone, readLabel(utf8Encode(label)), 'guess', 'ZZZZ-ZZZZ-ZZZZ');
    throws(() => bootGlucoseMeter(w.seams).receive(guessed.packed), 'onboarding.bad-proof');
    onboard(w);
    const other = new SimAgent({ name: 'phone-4b', root, clock: w.clock.deviceClock(), random: w.random.fork('other') });
    throws(() => bootGlucoseMeter(w.seams).receive(phoneRequest(other, readLabel(utf8Encode(label)), 'other').packed), 'onboarding.already-paired');
  }));

  it('the insole\'s gait readings reach the phone\'s inbox', inRoot((root) => {
    const w = world(root, 5);
    const { app: insole } = onboard(w, bootInsole({ ...w.seams, endpoint: 'ble:tinydid-insole' }, 'left'));
    const stored = new ReadingInbox(w.phone).receive(insole.measure(42).packed, 0);
    equal(stored.kind, 'gait');
    deepEqual(stored.body, { s: 42, f: 'l' });
  }));
});
