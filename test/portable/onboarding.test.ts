// Onboarding (firmware/didcomm/protocols/onboarding.ts): the phone scans the
// device's label (compact QR invitation with a one-time pairing code), both
// exchange did:peer DIDs over compact authcrypt, both store the connection in
// their KV, the first phone that proves the code becomes the controller, and a
// factory reset clears it.
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { unpackCompact } from '../../firmware/didcomm/compact/unpack';
import { ConnectionStore } from '../../firmware/didcomm/protocols/connections';
import { acceptOnboardingResponse, DeviceOnboarding, MAX_FAILED_PROOFS, onboardingRequest, scanInvitation } from '../../firmware/didcomm/protocols/onboarding';
import { newPairingCode, normalizePairingCode, pairingProof } from '../../firmware/didcomm/protocols/pairing-code';
import type { Message } from '../../firmware/didcomm/message';
import { ALL_DID_METHODS, createLocalResolver } from '../../firmware/did/all-methods';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { makeAgent, type TestAgent } from './compact-support';

const random = xsTestRandom(31);
const suite = portableSuite;

interface Side {
  agent: TestAgent;
  kv: MemoryKv;
}

function setup() {
  const device: Side = { agent: makeAgent(32), kv: new MemoryKv() };
  const onboarding = new DeviceOnboarding({ did: device.agent.did, kv: device.kv, suite, random });
  const code = newPairingCode(random);
  const label = onboarding.provision(code);
  return { device, onboarding, code, label };
}

/** The phone's first message: authcrypt with full key ids (the device does not know the phone). */
function phoneSends(phone: Side, label: string, code?: string): { request: Message; bytes: Uint8Array } {
  const scanned = scanInvitation(label);
  const request = onboardingRequest(code === undefined ? scanned : { ...scanned, code }, phone.agent.did, suite, random, 'Jamie\'s phone');
  // The phone resolves the device's did:peer:2 by itself.
  const bytes = packCompact(request, { suite: portableSuite, mode: 'authcrypt', resolver: createLocalResolver({ suite: portableSuite, documents: [phone.agent.doc] }), keys: phone.agent.ring, random, kidForm: 'full' }).bytes;
  return { request, bytes };
}

/** The device unpacks with what it knows: its connections (none yet) and its own keys. */
function deviceReceives(s: ReturnType<typeof setup>, bytes: Uint8Array) {
  const connections = new ConnectionStore(s.device.kv, suite);
  return unpackCompact(bytes, { suite: portableSuite, resolver: connections.resolver(suite, [s.device.agent.doc], ALL_DID_METHODS), keys: s.device.agent.ring });
}

function onboardPhone(s: ReturnType<typeof setup>, phone: Side) {
  const { request, bytes } = phoneSends(phone, s.label);
  const got = deviceReceives(s, bytes);
  const response = s.onboarding.handleRequest(got.message, got.metadata, 1763779200);
  const devicePeer = createLocalResolver({ suite: portableSuite, documents: [phone.agent.doc, s.device.agent.doc] });
  const back = packCompact(response, { suite: portableSuite, mode: 'authcrypt', resolver: devicePeer, keys: s.device.agent.ring, random });
  const phoneConnections = new ConnectionStore(phone.kv, suite);
  const opened = unpackCompact(back.bytes, { suite: portableSuite, resolver: devicePeer, keys: phone.agent.ring });
  return { request, response, back, connection: acceptOnboardingResponse(opened.message, opened.metadata, request, phoneConnections, 'glucose meter', 1763779201), phoneConnections };
}

describe('onboarding: pairing code', () => {
  it('12 Crockford base32 characters in groups of four, read forgivingly', () => {
    const code = newPairingCode(random);
    ok(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(code), code);
    equal(normalizePairingCode(code.toLowerCase().replace(/-/g, ' ')), code.replace(/-/g, ''));
    equal(normalizePairingCode('ilo0-0000-0000'), '1100' + '00000000');
    throws(() => normalizePairingCode('ABCD-EFGH-IJK'), 'protocol.malformed');
    throws(() => normalizePairingCode('ABCD-EFGH-IJKU'), 'protocol.malformed');
  });
  it('the proof binds both DIDs', () => {
    const a = pairingProof('AAAA-BBBB-CCCC', 'did:example:d', 'did:example:p', suite);
    ok(a.join() !== pairingProof('AAAA-BBBB-CCCC', 'did:example:d', 'did:example:q', suite).join());
    ok(a.join() !== pairingProof('AAAA-BBBB-CCCD', 'did:example:d', 'did:example:p', suite).join());
    equal(a.length, 32);
  });
});

describe('onboarding: phone and device', () => {
  it('the label QR carries the device DID and the code', () => {
    const s = setup();
    ok(s.label.startsWith('TD1:'));
    ok(s.label.length <= 395, `${s.label.length} characters: within a version 10-L QR code`);
    const scanned = scanInvitation(s.label);
    equal(scanned.deviceDid, s.device.agent.did);
    equal(scanned.code, normalizePairingCode(s.code));
  });
  it('the first phone that proves the code becomes the controller; both store the connection', () => {
    const s = setup();
    const phone: Side = { agent: makeAgent(33), kv: new MemoryKv() };
    equal(s.onboarding.controller(), undefined);
    const { response, connection, phoneConnections } = onboardPhone(s, phone);
    equal(response.body.role, 'controller');
    equal(s.onboarding.controller(), phone.agent.did);
    deepEqual(connection, { did: s.device.agent.did, role: 'device', label: 'glucose meter', since: 1763779201 });
    // After a reboot both sides still know each other (new stores over the same KV).
    deepEqual(new ConnectionStore(s.device.kv, suite).list(), [{ did: phone.agent.did, role: 'controller', label: 'Jamie\'s phone', since: 1763779200 }]);
    deepEqual(phoneConnections.list(), [connection]);
    equal(new DeviceOnboarding({ did: s.device.agent.did, kv: s.device.kv, suite, random }).controller(), phone.agent.did);
    // From now on the device opens short key ids from its controller: it knows the phone's document.
    const ping = packCompact({ id: 'p1', type: 'https://didcomm.org/trust-ping/2.0/ping', from: phone.agent.did, to: [s.device.agent.did], body: {} }, { suite: portableSuite, mode: 'authcrypt', resolver: createLocalResolver({ suite: portableSuite, documents: [phone.agent.doc, s.device.agent.doc] }), keys: phone.agent.ring, random });
    equal(deviceReceives(s, ping.bytes).message.id, 'p1');
  });
  it('a second phone, even with the right code, is refused: already paired', () => {
    const s = setup();
    onboardPhone(s, { agent: makeAgent(34), kv: new MemoryKv() });
    const other: Side = { agent: makeAgent(35), kv: new MemoryKv() };
    const got = deviceReceives(s, phoneSends(other, s.label).bytes);
    throws(() => s.onboarding.handleRequest(got.message, got.metadata), 'onboarding.already-paired');
  });
  it('a wrong code is refused and counted; after the limit the device locks until a factory reset', () => {
    const s = setup();
    const thief: Side = { agent: makeAgent(36), kv: new MemoryKv() };
    for (let i = 0; i < MAX_FAILED_PROOFS; i++) {
      const got = deviceReceives(s, phoneSends(thief, s.label, 'ZZZZZZZZZZZZ').bytes);
      throws(() => s.onboarding.handleRequest(got.message, got.metadata), 'onboarding.bad-proof');
    }
    equal(s.onboarding.failedProofs(), MAX_FAILED_PROOFS);
    const owner: Side = { agent: makeAgent(37), kv: new MemoryKv() };
    const got = deviceReceives(s, phoneSends(owner, s.label).bytes);
    throws(() => s.onboarding.handleRequest(got.message, got.metadata), 'onboarding.locked');
    s.onboarding.factoryReset();
    equal(s.onboarding.failedProofs(), 0);
    onboardPhone(s, owner);
    equal(s.onboarding.controller(), owner.agent.did);
  });
  it('a factory reset clears the controller and the connections; the same label pairs a new owner', () => {
    const s = setup();
    const first: Side = { agent: makeAgent(38), kv: new MemoryKv() };
    onboardPhone(s, first);
    s.onboarding.factoryReset();
    equal(s.onboarding.controller(), undefined);
    deepEqual(s.onboarding.connections.list(), []);
    const second: Side = { agent: makeAgent(39), kv: new MemoryKv() };
    onboardPhone(s, second);
    equal(s.onboarding.controller(), second.agent.did);
  });
  it('requests that are not authcrypted, not for this invitation, or to an unprovisioned device are refused', () => {
    const s = setup();
    const phone: Side = { agent: makeAgent(40), kv: new MemoryKv() };
    const { request } = phoneSends(phone, s.label);
    const anon = unpackCompact(packCompact(request, { suite: portableSuite, mode: 'anoncrypt', resolver: createLocalResolver({ suite: portableSuite, documents: [s.device.agent.doc] }), random }).bytes, { suite: portableSuite, resolver: createLocalResolver({ suite: portableSuite }), keys: s.device.agent.ring });
    throws(() => s.onboarding.handleRequest(anon.message, anon.metadata), 'protocol.unexpected');
    const got = deviceReceives(s, phoneSends(phone, s.label).bytes);
    throws(() => s.onboarding.handleRequest({ ...got.message, pthid: 'another-invitation' }, got.metadata), 'protocol.unexpected');
    throws(() => s.onboarding.handleRequest({ ...got.message, body: { proof: '***' } }, got.metadata), 'protocol.malformed');
    const bare = new DeviceOnboarding({ did: s.device.agent.did, kv: new MemoryKv(), suite, random });
    throws(() => bare.handleRequest(got.message, got.metadata), 'onboarding.no-code');
  });
  it('the phone refuses a response that is not on its request\'s thread', () => {
    const s = setup();
    const phone: Side = { agent: makeAgent(41), kv: new MemoryKv() };
    const { request, response, back } = onboardPhone(s, phone);
    ok(back.bytes.length > 0);
    const opened = { message: { ...response, thid: 'other' }, metadata: { encrypted: true, authenticated: true, non_repudiation: false, anonymous_sender: false, re_wrapped_in_forward: false, encrypted_from_kid: `${s.device.agent.did}#key-2` } };
    throws(() => acceptOnboardingResponse(opened.message, opened.metadata, request, new ConnectionStore(new MemoryKv(), suite)), 'protocol.unexpected');
  });
});

describe('onboarding: connection records', () => {
  it('a corrupt record is storage.corrupt, not a crash', () => {
    const kv = new MemoryKv();
    const store = new ConnectionStore(kv, suite);
    store.put({ did: 'did:example:a', role: 'peer' });
    const key = kv.list('conn/')[0];
    kv.put(key, Uint8Array.of(0xa1, 0x01, 0x02));
    throws(() => store.list(), 'storage.corrupt');
    kv.put(key, Uint8Array.of(0xff));
    throws(() => store.get('did:example:a'), 'storage.corrupt');
    throws(() => store.put({ did: 'not a did', role: 'peer' }), 'did.malformed');
  });
});
