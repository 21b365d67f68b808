// The device agent of the glucose meter and the insole (firmware/apps/device)
// against a phone built from firmware pieces: the label, onboarding over
// compact authcrypt, signed-then-authcrypted readings the phone opens and
// checks, a reboot that keeps DID and controller, the refusals (second phone,
// wrong code, reading before onboarding, tampered reading, strangers,
// replays), and a power cut at every write of the first boot.
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { bootGlucoseMeter } from '../../firmware/apps/glucose-meter/boot';
import { bootInsole } from '../../firmware/apps/insole/boot';
import type { DeviceSeams } from '../../firmware/apps/device/seams';
import { verifySignedReading } from '../../firmware/apps/device/readings';
import { UNSUPPORTED_PROBLEM } from '../../firmware/apps/device/inbox';
import { READING_TYPE_PREFIX, readingChainLink, signedReadingContent } from '../../firmware/apps/readings/signed-reading';
import { fromBase64url } from '../../firmware/bytes/base64url';
import { createLocalResolver } from '../../firmware/did/all-methods';
import type { LocalResolver } from '../../firmware/did/resolver';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { unpackCompact } from '../../firmware/didcomm/compact/unpack';
import type { Message } from '../../firmware/didcomm/message';
import { ConnectionStore } from '../../firmware/didcomm/protocols/connections';
import { acceptOnboardingResponse, onboardingRequest, scanInvitation, type ScannedInvitation } from '../../firmware/didcomm/protocols/onboarding';
import { PROBLEM_REPORT } from '../../firmware/didcomm/protocols/report-problem';
import { TRUST_PING, trustPing } from '../../firmware/didcomm/protocols/trust-ping';
import type { Clock } from '../../firmware/host/clock';
import type { KvStore } from '../../firmware/storage/kv';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { makeAgent, type TestAgent } from './compact-support';

const suite = portableSuite;
const T0 = 1773475200000; // 2026-03-14T08:00:00Z
const clock: Clock = { monotonicMs: () => 1000, wallTimeMs: () => T0 };

interface Device {
  kv: KvStore;
  rootKey: Uint8Array;
  lines: string[];
  seams: DeviceSeams;
}

function device(seed: number, kv: KvStore = new MemoryKv(), lines: string[] = []): Device {
  const rootKey = new Uint8Array(32).fill(seed);
  return { kv, rootKey, lines, seams: { random: xsTestRandom(seed), clock, kv, rootKey, suite, log: (l) => lines.push(l), endpoint: 'ble:tinydid-glucose' } };
}

/** The same device after a reboot: same KV and root key, fresh everything else. */
function rebooted(d: Device, seed: number): DeviceSeams {
  return { ...d.seams, random: xsTestRandom(seed) };
}

/** A phone from firmware pieces: did:peer:2 keys in a software key store, a KV for its connections. */
class Phone {
  readonly agent: TestAgent;
  readonly kv = new MemoryKv();
  readonly random;
  deviceDid: string | undefined;
  #last: Uint8Array | undefined;

  constructor(seed: number) {
    this.agent = makeAgent(seed);
    this.random = xsTestRandom(seed + 1000);
  }

  resolver(): LocalResolver {
    const docs = [this.agent.doc];
    const r = createLocalResolver({ suite, documents: docs });
    if (this.deviceDid !== undefined) r.add(r.resolve(this.deviceDid));
    return r;
  }

  /** The onboarding request for a scanned label (`code`: a guess instead of the label's code). */
  request(label: string, code?: string): { request: Message; bytes: Uint8Array; scanned: ScannedInvitation } {
    const scanned = scanInvitation(label);
    const request = onboardingRequest(code === undefined ? scanned : { ...scanned, code }, this.agent.did, suite, this.random, 'Jamie\'s phone');
    const bytes = packCompact(request, { mode: 'authcrypt', resolver: this.resolver(), keys: this.agent.ring, random: this.random, suite, kidForm: 'full' }).bytes;
    return { request, bytes, scanned };
  }

  accept(request: Message, scanned: ScannedInvitation, response: Uint8Array): void {
    this.deviceDid = scanned.deviceDid;
    const { message, metadata } = unpackCompact(response, { resolver: this.resolver(), keys: this.agent.ring, suite });
    acceptOnboardingResponse(message, metadata, request, new ConnectionStore(this.kv, suite), 'meter');
  }

  /** A message to the device, authcrypted with short key ids (the device knows us once onboarded). */
  send(message: Omit<Message, 'from' | 'to'>, kidForm: 'short' | 'full' = 'short'): Uint8Array {
    return packCompact({ ...message, from: this.agent.did, to: [this.deviceDid as string] }, { mode: 'authcrypt', resolver: this.resolver(), keys: this.agent.ring, random: this.random, suite, kidForm }).bytes;
  }

  open(bytes: Uint8Array) {
    return unpackCompact(bytes, { resolver: this.resolver(), keys: this.agent.ring, suite });
  }

  /** What the phone's reading inbox checks: authcrypt by the device, its signature, the type, the hash chain. */
  reading(bytes: Uint8Array): Message {
    const { message, metadata } = this.open(bytes);
    ok(metadata.authenticated && metadata.encrypted, 'authcrypt');
    ok(metadata.non_repudiation, 'signed by the device');
    equal(metadata.sign_from, `${this.deviceDid}#key-1`);
    equal(message.from, this.deviceDid);
    ok(message.type.startsWith(READING_TYPE_PREFIX), message.type);
    equal(message.body.p ?? '', readingChainLink(suite, this.#last));
    this.#last = signedReadingContent(fromBase64url(metadata.signed_message as string));
    return message;
  }
}

function onboard(d: Device, phone: Phone, meter = bootGlucoseMeter(d.seams)) {
  const label = meter.label as string;
  const { request, bytes, scanned } = phone.request(label);
  const response = meter.receive(bytes);
  ok(response !== undefined, 'the device answers');
  phone.accept(request, scanned, response as Uint8Array);
  return meter;
}

describe('device agent: boot and label', () => {
  it('boots with a did:peer:2 (Ed25519 + X25519, ble: endpoint) and a label that carries it and a pairing code', () => {
    const d = device(1);
    const meter = bootGlucoseMeter(d.seams);
    ok(meter.did.startsWith('did:peer:2.Vz6Mk'), meter.did);
    const doc = createLocalResolver({ suite }).resolve(meter.did);
    equal(doc.service?.[0]?.serviceEndpoint && JSON.stringify(doc.service[0].serviceEndpoint).includes('ble:tinydid-glucose'), true);
    const label = meter.label as string;
    ok(label.startsWith('TD1:'), label);
    ok(label.length <= 535, `${label.length} characters: within a version 12-L QR code (65 x 65 modules)`);
    const scanned = scanInvitation(label);
    equal(scanned.deviceDid, meter.did);
    equal(scanned.code.length, 12);
    deepEqual(meter.agent.keyStore.list().map((k) => `${k.type}/${k.usage}`).sort(), ['ed25519/sign', 'x25519/derive']);
    ok(d.lines.some((l) => l.includes('identity created')), d.lines.join('\n'));
  });
  it('a reboot keeps the DID and shows the same label until onboarded', () => {
    const d = device(2);
    const first = bootGlucoseMeter(d.seams);
    const again = bootGlucoseMeter(rebooted(d, 99));
    equal(again.did, first.did);
    equal(again.label, first.label);
    ok(d.lines.some((l) => l.includes('identity loaded') && l.includes('label kept')), d.lines.join('\n'));
  });
  it('a reading before onboarding is refused: didcomm.no-key; a value out of range: reading.malformed', () => {
    const meter = bootGlucoseMeter(device(3).seams);
    throws(() => meter.measure(104), 'didcomm.no-key');
    throws(() => meter.signedReading(5), 'reading.malformed');
    throws(() => meter.signedReading(104.5), 'reading.malformed');
  });
  it('the signed reading for the log verifies with the device document, and only with it', () => {
    const meter = bootGlucoseMeter(device(4).seams);
    const signed = meter.signedReading(104);
    const doc = createLocalResolver({ suite }).resolve(meter.did);
    const { message, signer } = verifySignedReading(signed, doc, suite);
    equal(message.body.v, 104);
    equal(message.type, `${READING_TYPE_PREFIX}glucose`);
    equal(signer, `${meter.did}#key-1`);
    const other = bootGlucoseMeter(device(5).seams);
    throws(() => verifySignedReading(signed, createLocalResolver({ suite }).resolve(other.did), suite), 'didcomm.unknown-kid');
    const tampered = signed.slice();
    tampered[tampered.length - 70] ^= 1;
    throws(() => verifySignedReading(tampered, doc, suite));
  });
});

describe('device agent: onboarding and readings with a phone', () => {
  it('the phone onboards the meter; readings arrive signed, authcrypted, chained, with the right value', () => {
    const d = device(10);
    const phone = new Phone(11);
    const meter = onboard(d, phone);
    equal(meter.controller, phone.agent.did);
    equal(meter.label, undefined);
    deepEqual(new ConnectionStore(phone.kv, suite).list().map((c) => [c.did, c.role]), [[meter.did, 'device']]);
    const first = meter.measure(104);
    equal(first.seq, 1);
    ok(first.packed.length <= 244, `${first.packed.length} bytes: one BLE notification`);
    const m1 = phone.reading(first.packed);
    equal(m1.body.v, 104);
    equal(m1.id, '1');
    equal(m1.type, `${READING_TYPE_PREFIX}glucose`);
    const m2 = phone.reading(meter.measure(97).packed);
    equal(m2.body.v, 97);
    equal(m2.id, '2');
  });
  it('after a reboot the meter keeps its DID and controller, answers a ping and continues the chain', () => {
    const d = device(12);
    const phone = new Phone(13);
    const meter = onboard(d, phone);
    phone.reading(meter.measure(110).packed);
    d.lines.length = 0;
    const again = bootGlucoseMeter(rebooted(d, 77));
    ok(d.lines.includes('controller restored (Jamie\'s phone)'), d.lines.join('\n'));
    equal(again.did, meter.did);
    equal(again.controller, phone.agent.did);
    equal(again.label, undefined);
    const pong = again.receive(phone.send({ id: 'ping-1', type: TRUST_PING.ping, body: { response_requested: true } }));
    ok(pong !== undefined);
    const answer = phone.open(pong as Uint8Array);
    equal(answer.message.type, TRUST_PING.response);
    equal(answer.message.thid, 'ping-1');
    ok(answer.metadata.authenticated);
    const next = phone.reading(again.measure(111).packed);
    equal(next.id, '2');
    equal(next.body.v, 111);
  });
  it('a second phone cannot onboard, even with the right code: onboarding.already-paired', () => {
    const d = device(14);
    const label = bootGlucoseMeter(d.seams).label as string;
    const meter = onboard(d, new Phone(15));
    const second = new Phone(16);
    throws(() => meter.receive(second.request(label).bytes), 'onboarding.already-paired');
  });
  it('a wrong pairing code is refused: onboarding.bad-proof, and the device stays unpaired', () => {
    const meter = bootGlucoseMeter(device(17).seams);
    const thief = new Phone(18);
    throws(() => meter.receive(thief.request(meter.label as string, 'ZZZZ-ZZZZ-ZZZZ').bytes), 'onboarding.bad-proof');
    equal(meter.controller, undefined);
    ok(meter.label !== undefined);
  });
  it('a tampered reading is refused by the phone', () => {
    const d = device(19);
    const phone = new Phone(20);
    const meter = onboard(d, phone);
    const packed = meter.measure(104).packed;
    // The ciphertext (the signed reading inside) sits in the middle of the COSE_Encrypt: its tag fails.
    for (const at of [Math.floor(packed.length / 3), Math.floor(packed.length / 2)]) {
      const tampered = packed.slice();
      tampered[at] ^= 0x01;
      throws(() => phone.reading(tampered), 'cose.decrypt-failed', `byte ${at} of ${packed.length}`);
    }
    // The recipient's key id comes last: a changed one names no key of the phone.
    const kid = packed.slice();
    kid[packed.length - 20] ^= 0x01;
    throws(() => phone.reading(kid), 'didcomm.no-key');
    throws(() => phone.reading(packed.slice(0, packed.length - 1)), 'cbor.truncated');
    equal(phone.reading(packed).body.v, 104);
  });
  it('strangers, plaintext, replays and unknown types: refused or answered with a problem report', () => {
    const d = device(21);
    const phone = new Phone(22);
    const meter = onboard(d, phone);
    // Someone else, authcrypted with full key ids: not the controller.
    const stranger = new Phone(23);
    stranger.deviceDid = meter.did;
    throws(() => meter.receive(stranger.send({ id: 's-1', type: TRUST_PING.ping, body: {} }, 'full')), 'protocol.untrusted-sender');
    // Plaintext claiming to come from the controller.
    const plain = packCompact({ id: 'pl-1', type: TRUST_PING.ping, from: phone.agent.did, body: {} }, { mode: 'plain', resolver: phone.resolver(), suite }).bytes;
    throws(() => meter.receive(plain), 'protocol.unexpected');
    // A replayed ping.
    const ping = phone.send({ id: 'ping-r', type: TRUST_PING.ping, body: {} });
    ok(meter.receive(ping) !== undefined);
    throws(() => meter.receive(ping), 'didcomm.replayed');
    // A type the device does not handle: a problem report on the message's thread.
    const report = meter.receive(phone.send({ id: 'x-1', type: 'https://example.org/thermostat/1.0/set', body: { c: 21 } }));
    const problem = phone.open(report as Uint8Array).message;
    equal(problem.type, PROBLEM_REPORT);
    equal(problem.pthid, 'x-1');
    equal(problem.body.code, UNSUPPORTED_PROBLEM);
    // A ping without response_requested: nothing to send.
    equal(meter.receive(phone.send({ id: 'ping-q', type: TRUST_PING.ping, body: { response_requested: false } })), undefined);
    ok(trustPing(phone.agent.did, meter.did, phone.random).type === TRUST_PING.ping);
  });
  it('before onboarding, a message other than the onboarding request is refused: protocol.untrusted-sender', () => {
    const meter = bootGlucoseMeter(device(24).seams);
    const phone = new Phone(25);
    phone.deviceDid = meter.did;
    throws(() => meter.receive(phone.send({ id: 'early', type: TRUST_PING.ping, body: {} }, 'full')), 'protocol.untrusted-sender');
  });
  it('a factory reset clears the controller; the same label pairs a new phone, whose chain starts afresh', () => {
    const d = device(26);
    const meter = onboard(d, new Phone(27));
    meter.measure(120);
    const label = meter.agent.labelQr;
    meter.agent.factoryReset();
    equal(meter.controller, undefined);
    equal(meter.label, label);
    const next = new Phone(28);
    onboard(d, next, meter);
    const m = next.reading(meter.measure(121).packed);
    equal(m.body.p, undefined);
    equal(m.id, '2');
  });
  it('the insole sends gait readings for its foot', () => {
    const d = device(30);
    d.seams.endpoint = 'ble:tinydid-insole';
    const phone = new Phone(31);
    const insole = bootInsole(d.seams, 'right');
    onboard(d, phone, insole);
    const m = phone.reading(insole.measure(1234).packed);
    equal(m.type, `${READING_TYPE_PREFIX}gait`);
    deepEqual(m.body, { s: 1234, f: 'r' });
    throws(() => insole.measure(-1), 'reading.malformed');
    throws(() => bootInsole(device(32).seams, 'middle' as 'left'), 'reading.malformed');
  });
});

/** A KV whose `failAt`-th put (1-based) loses power: it throws and writes nothing. */
class PowerCutKv implements KvStore {
  puts = 0;
  constructor(readonly inner: KvStore, readonly failAt: number) {}
  get(key: string) {
    return this.inner.get(key);
  }
  put(key: string, value: Uint8Array) {
    if (++this.puts === this.failAt) throw new Error(`power cut at put ${this.puts} (${key})`);
    this.inner.put(key, value);
  }
  delete(key: string) {
    this.inner.delete(key);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
}

describe('device agent: power cuts during the first boot', () => {
  it('a cut at any write of the first boot, then a reboot: one key of each kind, one DID, one label for good', () => {
    const counting = new PowerCutKv(new MemoryKv(), 0);
    bootGlucoseMeter(device(40, counting).seams);
    const writes = counting.puts;
    ok(writes >= 4, `${writes} writes on the first boot`);
    for (let n = 1; n <= writes; n++) {
      const kv = new MemoryKv();
      const d = device(41, kv);
      throws(() => bootGlucoseMeter({ ...d.seams, kv: new PowerCutKv(kv, n) }));
      const after = bootGlucoseMeter(rebooted(d, 42 + n));
      const again = bootGlucoseMeter(rebooted(d, 500 + n));
      equal(again.did, after.did, `cut at write ${n}`);
      equal(again.label, after.label, `cut at write ${n}`);
      deepEqual(after.agent.keyStore.list().map((k) => `${k.type}/${k.usage}`).sort(), ['ed25519/sign', 'x25519/derive'], `cut at write ${n}`);
      equal(scanInvitation(after.label as string).deviceDid, after.did);
    }
  });
});
