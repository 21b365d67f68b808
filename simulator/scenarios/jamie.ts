// Jamie's story (DESIGN section 1): a glucose meter and smart insoles,
// onboarded from their QR invitations; signed readings to his phone over
// simulated BLE; Anne, his guardian, decides who may see them.
import { isTinydidError } from '../../firmware/errors/tinydid-error';
import { HOUR, MINUTE } from '../clock';
import { SimAgent } from '../agents/agent';
import { onboard } from '../agents/onboarding';
import { packReading, ReadingInbox } from '../agents/readings';
import type { Scenario, ScenarioContext } from '../scenario';
import type { BleLink } from '../links/ble';
import type { Peer } from '../agents/agent';
import { b64, ConsentHolder, grant, scopeOf, statusList, timeStatement, unb64 } from '../agents/consent';
import { messenger, peerFromDid, verifySigned } from '../agents/messaging';
import { verifyAuditExport } from '../../firmware/credentials/audit-verify';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { DeviceFirmware, PowerCut, firmwareImage, signedEnvelope, updateSigner } from '../agents/firmware';
import type { DeviceIdentity } from '../../firmware/update/agent';
import type { TrustPolicy } from '../../firmware/update/trust-policy';

export const scenario: Scenario = {
  name: 'jamie',
  summary: 'glucose meter + insoles -> phone over BLE; guardian consent for the police; 2-of-3 signed insole update',
  async run(ctx: ScenarioContext) {
    const t = ctx.transcript;
    const agent = (name: string, options: { profile?: 'software' | 'secure-element'; curve?: '25519' | 'p256'; extraP256?: boolean } = {}) =>
      new SimAgent({ name, root: ctx.root, clock: ctx.clock.deviceClock(), random: ctx.keyRandom(name), ...options });

    t.scene('Jamie unboxes a glucose meter and a pair of smart insoles');
    // The meter keeps its keys in a secure element (ATECC608 profile: P-256 only); the phone also has a P-256 key-agreement key for it.
    const phone = agent('phone', { extraP256: true });
    const meter = agent('meter', { profile: 'secure-element', curve: 'p256' });
    const insoleL = agent('insole-left');
    const insoleR = agent('insole-right');
    for (const a of [meter, insoleL, insoleR, phone]) {
      const caps = a.store.capabilities();
      const where = a.store.info(a.signKeyId);
      t.step(`${a.name} boots: key store ${caps.backend} (${where.type} keys in ${where.location}), DID ${a.did.slice(0, 32)}... (${a.did.length} chars)`, { from: a.name, did: a.did });
    }
    const ble = ctx.ble();
    const camera = ctx.memory('qr');

    t.step('a neighbour\'s phone tries to pair with the meter, guessing the pairing code');
    const neighbour = agent('neighbour-phone', { extraP256: true });
    const stolen = await onboard(ctx, ble, camera, neighbour, meter, 'glucose meter', { guess: true });
    t.check('the meter refuses a pairing request with the wrong code', 'rejected', stolen ? 'accepted' : 'rejected');

    for (const [device, product] of [[meter, 'glucose meter'], [insoleL, 'insole (left)'], [insoleR, 'insole (right)']] as const) {
      const ok = await onboard(ctx, ble, camera, phone, device, product);
      t.check(`${device.name} is onboarded from its QR invitation`, 'onboarded', ok ? 'onboarded' : 'failed');
    }

    t.scene('Readings flow to the phone over BLE, each signed by the device that took it');
    const inbox = new ReadingInbox(phone);
    const meterPeer = phone.peersByDid.get(meter.did);
    const controllerOfMeter = meter.peersByDid.get(phone.did);
    const controllerOfL = insoleL.peersByDid.get(phone.did);
    if (!meterPeer || !controllerOfMeter || !controllerOfL) throw new Error('onboarding did not connect the devices');
    const glucose = [104, 118, 97, 131, 88];
    let readingPackets = 0;
    let readingCount = 0;
    let accepted = 0;
    let firstReading: Uint8Array | undefined;
    for (let i = 0; i < glucose.length; i++) {
      ctx.clock.advance(i === 0 ? 5 * MINUTE : 2 * HOUR);
      const packed = packReading(meter, controllerOfMeter, 'glucose', { v: glucose[i] });
      firstReading ??= packed;
      const before = t.events.length;
      const got = await ctx.send(ble, meter.name, phone.name, packed, `glucose reading ${glucose[i]} mg/dL (signed, compact authcrypt)`, { showHex: i === 0, type: 'reading' });
      const sent = t.events[before];
      readingPackets += Number(sent?.packets ?? 0);
      readingCount++;
      if (got === undefined) continue;
      try {
        const r = inbox.receive(got, ctx.clock.now());
        accepted++;
        t.verdict(phone.name, 'accepted', `reading #${r.seq} from ${r.device}: ${String(r.body.v)} mg/dL, signature and hash chain verify`, { from: meter.name });
      } catch (error) {
        if (!isTinydidError(error)) throw error;
        t.verdict(phone.name, 'rejected', `${error.code}: ${error.message}`, { from: meter.name, code: error.code });
      }
      // The insoles report where Jamie walks (location) with every step burst.
      const packedL = packReading(insoleL, controllerOfL, 'location', { a: 51507200 + i * 1000, o: -127600 - i * 2000 });
      const gotL = await ctx.send(ble, insoleL.name, phone.name, packedL, 'location (signed, compact authcrypt)', { type: 'reading' });
      if (gotL !== undefined) {
        const r = inbox.receive(gotL, ctx.clock.now());
        t.verdict(phone.name, 'accepted', `reading #${r.seq} from ${r.device}: ${(Number(r.body.a) / 1e6).toFixed(4)}, ${(Number(r.body.o) / 1e6).toFixed(4)}`, { from: insoleL.name });
      }
    }
    t.check('every glucose reading reaches the phone and verifies', String(glucose.length), String(accepted));
    if (ctx.options.loss === 0) t.check('a signed glucose reading takes one BLE packet', '1', String(readingPackets / readingCount));
    else t.figure(`BLE packets per signed reading with ${ctx.options.loss * 100}% loss: ${(readingPackets / readingCount).toFixed(2)}`);

    t.step('someone nearby recorded the first reading off the air and plays it back');
    if (firstReading) {
      const replayed = await ctx.send(ble, 'eavesdropper', phone.name, firstReading, 'replayed glucose reading');
      let verdict = 'accepted';
      if (replayed !== undefined) {
        try {
          inbox.receive(replayed, ctx.clock.now());
          t.verdict(phone.name, 'accepted', 'replayed reading accepted');
        } catch (error) {
          if (!isTinydidError(error)) throw error;
          verdict = 'rejected';
          t.verdict(phone.name, 'rejected', `${error.code}: ${error.message}`, { from: 'eavesdropper', code: error.code });
        }
      }
      t.check('the phone rejects a replayed reading', 'rejected', verdict);
    }

    await consentStory(ctx, { agent, phone, inbox, meter, insoleL, ble, controllerOfL });
    await updateStory(ctx, { agent, phone, insoles: [insoleL, insoleR], ble });
  },
};

const ANNE_LIST = 'https://anne.example/status/1';
const POM_LIST = 'https://peaceofmind.example/status/7';
const REQUEST = 'https://tinydid.org/consent/1.0/request-data';
const DATA = 'https://tinydid.org/consent/1.0/data';

interface Cast {
  agent: (name: string) => SimAgent;
  phone: SimAgent;
  inbox: ReadingInbox;
  meter: SimAgent;
  insoleL: SimAgent;
  ble: BleLink;
  controllerOfL: Peer;
}

/** Anne grants PeaceOfMind; Jamie goes missing; the police read; Jamie is found; Anne revokes. */
async function consentStory(ctx: ScenarioContext, cast: Cast): Promise<void> {
  const t = ctx.transcript;
  const { phone, inbox } = cast;
  const mqtt = await ctx.mqtt();
  t.scene('Anne, Jamie\'s guardian, controls who may see his data');
  t.step(`the phone, Anne, PeaceOfMind and the police talk over MQTT (${mqtt.broker.description})`);
  const anne = cast.agent('anne');
  const pom = cast.agent('peaceofmind');
  const police = cast.agent('police');
  phone.connect(anne.asPeer());
  anne.connect(phone.asPeer());
  const holder = new ConsentHolder(phone, anne.did);

  const nonce = holder.time.challenge();
  const challenge = await ctx.send(mqtt, phone.name, anne.name, messenger.packAuthcrypt(phone, anne.asPeer(), { id: phone.newId(), type: 'https://didcomm.org/trust-ping/2.0/ping', body: { nonce: b64(nonce) } }), 'time challenge (nonce)');
  if (challenge) {
    const statement = await ctx.send(mqtt, anne.name, phone.name, timeStatement(anne, phone.did, nonce), 'signed time statement');
    if (statement) {
      const now = holder.time.accept(statement);
      t.verdict(phone.name, 'accepted', `trusted time is ${new Date(now * 1000).toISOString()} (Anne's statement, our nonce)`, { from: anne.name });
    }
  }

  const start = anne.nowSeconds() ?? 0;
  const root = grant(anne, phone.did, {
    aud: pom.did,
    scope: scopeOf({ dataClass: 'glucose', actions: ['read', 'subscribe'] }, { dataClass: 'location', actions: ['read', 'subscribe'] }),
    iat: start,
    nbf: start,
    exp: start + 365 * 86400,
    delegation: 1,
    status: { uri: ANNE_LIST, idx: 3 },
  });
  await ctx.send(mqtt, anne.name, pom.name, root, 'PeaceOfMind grant (CWT: glucose + location, may delegate once, 1 year)');
  t.verdict(pom.name, 'granted', 'PeaceOfMind may look after Jamie and delegate once', { from: anne.name });

  t.scene('Jamie goes missing');
  ctx.clock.advance(3 * HOUR);
  for (let i = 0; i < 3; i++) {
    ctx.clock.advance(20 * MINUTE);
    const packed = packReading(cast.insoleL, cast.controllerOfL, 'location', { a: 51512000 + i * 3000, o: -141000 - i * 2500 });
    const got = await ctx.send(cast.ble, cast.insoleL.name, phone.name, packed, 'location (signed, compact authcrypt)', { type: 'reading' });
    if (got) {
      const r = inbox.receive(got, ctx.clock.now());
      t.verdict(phone.name, 'accepted', `reading #${r.seq} from ${r.device}: ${(Number(r.body.a) / 1e6).toFixed(4)}, ${(Number(r.body.o) / 1e6).toFixed(4)}`, { from: cast.insoleL.name });
    }
  }
  const missing = pom.nowSeconds() ?? 0;
  const leaf = grant(pom, phone.did, {
    aud: police.did,
    scope: scopeOf({ dataClass: 'glucose', actions: ['read'] }, { dataClass: 'location', actions: ['read'] }),
    iat: missing,
    nbf: missing,
    exp: missing + 24 * 3600,
    cnf: { kid: police.agreementKid },
    delegation: 0,
    status: { uri: POM_LIST, idx: 5 },
  }, root);
  await ctx.send(mqtt, pom.name, police.name, leaf, 'police grant (CWT chain Anne -> PeaceOfMind -> police: 24 h, location + glucose, read)');
  t.verdict(police.name, 'granted', '24 hours of location and glucose, bound to the police key', { from: pom.name });

  const pushLists = async (anneRevoked: number[]): Promise<void> => {
    for (const [issuer, uri, revoked] of [[anne, ANNE_LIST, anneRevoked], [pom, POM_LIST, []]] as const) {
      const list = await ctx.send(mqtt, issuer.name, phone.name, statusList(issuer, uri, [...revoked]), `status list ${uri.replace('https://', '')}`);
      if (list) holder.statuses.receive(list, holder.time.now());
    }
  };

  const phonePeer = peerFromDid(phone.name, phone.did, police.resolver, police.suite);
  police.connect(phonePeer);
  const ask = async (dataClass: string, expected: string): Promise<void> => {
    const request = messenger.packAuthcrypt(police, phonePeer, { id: police.newId(), type: REQUEST, body: { class: dataClass, grant: b64(leaf) } }, true);
    const got = await ctx.send(mqtt, police.name, phone.name, request, `request: ${dataClass} readings, with the grant chain`);
    if (!got) return;
    const { message, sender } = messenger.unpack(phone, got, { allowIntroduction: true });
    if (!sender) return;
    phone.connect(sender);
    const decision = holder.authorize(sender.did, police.agreementKid, String(message.body.class), unb64(String(message.body.grant)));
    let outcome = 'denied';
    if (decision.allowed) {
      outcome = 'allowed';
      const readings = inbox.readings.filter((r) => r.kind === dataClass);
      t.verdict(phone.name, 'allowed', `${dataClass} for the police (chain of ${decision.chainLength}, until ${new Date(Number(decision.exp) * 1000).toISOString()}): ${readings.length} signed readings`, { from: police.name });
      const devices = [...new Set(readings.map((r) => r.deviceDid))];
      const response = messenger.packAuthcrypt(phone, sender, { id: phone.newId(), type: DATA, thid: message.id, body: { devices, readings: readings.map((r) => b64(r.signed)) } });
      const back = await ctx.send(mqtt, phone.name, police.name, response, `${dataClass} readings, each as its device signed it`);
      if (back) {
        const data = messenger.unpack(police, back).message.body;
        let verified = 0;
        for (const r of data.readings as string[]) {
          const { signer } = verifySigned(police, unb64(r), data.devices as string[]);
          if ((data.devices as string[]).some((d) => signer.startsWith(`${d}#`))) verified++;
        }
        t.verdict(police.name, 'verified', `${verified} ${dataClass} readings, each signature by the device that took it`, { from: phone.name });
      }
    } else {
      t.verdict(phone.name, 'denied', `${decision.reason}: ${decision.message}`, { from: police.name, code: decision.reason });
      const problem = messenger.packAuthcrypt(phone, sender, { id: phone.newId(), type: 'https://didcomm.org/report-problem/2.0/problem-report', thid: message.id, body: { code: `e.p.req.${decision.reason}` } });
      await ctx.send(mqtt, phone.name, police.name, problem, `problem report (${decision.reason})`);
    }
    t.check(`the police ask for ${dataClass}: ${expected}`, expected, outcome);
  };

  ctx.clock.advance(10 * MINUTE);
  await pushLists([]);
  await ask('location', 'allowed');
  await ask('glucose', 'allowed');
  await ask('gait', 'denied');

  t.scene('Jamie is found; Anne revokes');
  ctx.clock.advance(5 * HOUR);
  t.step('Jamie is home. Anne revokes the PeaceOfMind grant, and with it everything delegated from it');
  await pushLists([3]);
  await ask('location', 'denied');

  const exported = holder.audit.export(phone.signer(), phone.did, holder.time.now());
  const got = await ctx.send(mqtt, phone.name, anne.name, exported, 'audit log export (signed, hash-chained)');
  if (got) {
    const audit = verifyAuditExport(got, { crv: 'Ed25519', bytes: phone.signPublic }, anne.suite);
    const summary = audit.entries.map((e) => (e.allowed ? 'allowed' : String(e.reason))).join(', ');
    t.verdict(anne.name, 'verified', `audit log: ${audit.entries.length} decisions (${summary})`, { from: phone.name });
    t.check('the audit log Anne receives records every decision', '4', String(audit.entries.length));
  }
}

/** The maker's identifiers for the insole (SUIT vendor-id and class-id are 16-byte UUIDs). */
function identityFor(agent: SimAgent, product: string): DeviceIdentity {
  return { vendorId: agent.suite.sha256(utf8Encode('tinydid example maker')).slice(0, 16), classId: agent.suite.sha256(utf8Encode(`tinydid ${product}`)).slice(0, 16) };
}

/** A 2-of-3 signed insole update is installed; a tampered one and an under-signed one are rejected. */
async function updateStory(ctx: ScenarioContext, cast: { agent: (name: string) => SimAgent; phone: SimAgent; insoles: SimAgent[]; ble: BleLink }): Promise<void> {
  const t = ctx.transcript;
  const { phone, ble } = cast;
  const mqtt = await ctx.mqtt();
  t.scene('A new insole firmware, signed by 2 of the 3 parties the insoles trust');
  const signers = ['maker-release', 'maker-security', 'clinical-safety'].map((n) => updateSigner(cast.agent(n)));
  const identity = identityFor(phone, 'insole');
  const policy: TrustPolicy = { anchors: signers.map((s) => s.anchor), classes: [{ classId: identity.classId, threshold: 2 }] };
  t.step(`the insoles trust ${signers.map((s) => s.name).join(', ')}; an update needs 2 of them`);
  const factory = firmwareImage(phone, 'insole 1.0', 64 * 1024);
  const devices = cast.insoles.map((insole) => ({ insole, fw: new DeviceFirmware(insole, identity, policy, factory) }));
  const image = firmwareImage(phone, 'insole 1.1', 64 * 1024);
  const uri = 'https://updates.maker.example/insole/1.1.bin';
  const envelope = signedEnvelope(phone, identity, 2, image, uri, [signers[0], signers[1]], 'insole 1.1: better step detection');
  await ctx.send(mqtt, 'maker', phone.name, envelope, `SUIT envelope, sequence 2, signed by ${signers[0].name} and ${signers[1].name}`);
  await ctx.send(mqtt, 'maker', phone.name, image, `firmware image (${uri})`);

  const chunks = (bytes: Uint8Array): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let o = 0; o < bytes.length; o += 4096) out.push(bytes.subarray(o, Math.min(o + 4096, bytes.length)));
    return out;
  };
  const offer = async (d: { insole: SimAgent; fw: DeviceFirmware }, env: Uint8Array, img: Uint8Array, what: string): Promise<string> => {
    const got = await ctx.send(ble, phone.name, d.insole.name, env, `${what}: SUIT envelope`);
    if (!got) return 'lost';
    try {
      const checked = d.fw.agent.check(got);
      const a = checked.verified.authentication;
      t.verdict(d.insole.name, 'accepted', `envelope: signed by ${a.signers.join(' + ')} (${a.signers.length} of ${a.trusted}, needs ${a.threshold}); sequence ${checked.verified.sequenceNumber} > ${d.fw.sequence()}`, { from: phone.name });
    } catch (error) {
      if (!isTinydidError(error)) throw error;
      t.verdict(d.insole.name, 'rejected', `${error.code}: ${error.message}`, { from: phone.name, code: error.code });
      return 'rejected';
    }
    const parts = await ctx.sendAll(ble, phone.name, d.insole.name, chunks(img), `${what}: image ${img.length} B in 4 KiB chunks`);
    if (!parts) return 'lost';
    try {
      const session = d.fw.agent.begin(got);
      for (const part of parts) session.write(part);
      session.finish();
    } catch (error) {
      if (error instanceof PowerCut) {
        t.fault(`${d.insole.name} loses power during the install (${error.label})`, { to: d.insole.name });
        const back = d.fw.reboot();
        const verified = d.fw.runsVerifiedImage();
        t.verdict(d.insole.name, verified ? 'recovered' : 'bricked', `back on slot ${back.slot} (${back.kind}), image verified: ${verified}`);
        return verified ? 'power-cut' : 'bricked';
      }
      if (!isTinydidError(error)) throw error;
      t.verdict(d.insole.name, 'rejected', `${error.code}: ${error.message}; still running sequence ${d.fw.sequence()}`, { from: phone.name, code: error.code });
      return 'rejected';
    }
    const outcome = d.fw.reboot();
    const verdict = outcome.kind === 'confirmed' ? 'installed' : outcome.kind;
    t.verdict(d.insole.name, verdict, `rebooted into slot ${outcome.slot}: ${outcome.kind}${outcome.kind === 'confirmed' ? `, now sequence ${outcome.sequence}` : ''}`);
    const status = messenger.packAuthcrypt(d.insole, d.insole.peersByDid.get(phone.did) as Peer, { id: d.insole.newId(), type: 'https://tinydid.org/firmware-update/1.0/status', body: { seq: d.fw.sequence(), state: outcome.kind } });
    await ctx.send(ble, d.insole.name, phone.name, status, `update status: sequence ${d.fw.sequence()} ${outcome.kind}`);
    return verdict;
  };

  // --power-cut P: each insole loses power at a random write of its install with probability P.
  const cuts = ctx.choices.fork('power-cuts');
  for (const d of devices) {
    if (cuts.chance(ctx.options.powerCut ?? 0)) d.fw.armPowerCut(2 + cuts.int(image.length / 4096 + 2));
    let result = await offer(d, envelope, image, 'insole 1.1');
    if (result === 'power-cut' || result === 'bricked') {
      t.check(`${d.insole.name} comes back on a verified image after the power cut`, 'recovered', result === 'power-cut' ? 'recovered' : 'bricked');
      if (result === 'power-cut') result = await offer(d, envelope, image, 'insole 1.1 (again)');
    }
    t.check(`${d.insole.name} installs the 2-of-3 signed update`, 'installed', result);
    t.expect(`${d.insole.name} runs a verified image`, d.fw.runsVerifiedImage());
  }

  t.scene('Someone tampers with an update');
  const next = firmwareImage(phone, 'insole 1.2', 64 * 1024);
  const envelope3 = signedEnvelope(phone, identity, 3, next, uri.replace('1.1', '1.2'), [signers[0], signers[2]]);
  t.step('an attacker swaps one bit of the 1.2 image on its way to the left insole; the envelope is genuine');
  const tampered = next.slice();
  tampered[40000] ^= 0x01;
  t.check('the left insole rejects the tampered image', 'rejected', await offer(devices[0], envelope3, tampered, 'insole 1.2 (tampered)'));
  t.step('an update signed by the maker\'s release key alone reaches the right insole');
  const lone = signedEnvelope(phone, identity, 3, next, uri.replace('1.1', '1.2'), [signers[0]]);
  t.check('the right insole rejects an update with 1 of the 2 signatures it needs', 'rejected', await offer(devices[1], lone, next, 'insole 1.2 (one signature)'));
  for (const d of devices) t.check(`${d.insole.name} still runs sequence 2 on a verified image`, '2 verified', `${d.fw.sequence()} ${d.fw.runsVerifiedImage() ? 'verified' : 'unverified'}`);
}
