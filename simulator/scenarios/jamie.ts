// Jamie's story (DESIGN section 1): a glucose meter and smart insoles,
// onboarded from their QR invitations; signed readings to his phone over
// simulated BLE; Anne, his guardian, decides who may see them.
import { isTinydidError } from '../../firmware/errors/tinydid-error';
import { HOUR, MINUTE } from '../clock';
import { SimAgent } from '../agents/agent';
import { onboard } from '../agents/onboarding';
import { packReading, ReadingInbox } from '../agents/readings';
import type { Scenario, ScenarioContext } from '../scenario';

export const scenario: Scenario = {
  name: 'jamie',
  summary: 'glucose meter + insoles -> phone over BLE; guardian consent for the police; 2-of-3 signed insole update',
  async run(ctx: ScenarioContext) {
    const t = ctx.transcript;
    const agent = (name: string, profile: 'software' | 'secure-element' = 'software') =>
      new SimAgent({ name, root: ctx.root, clock: ctx.clock.deviceClock(), random: ctx.keyRandom(name), profile });

    t.scene('Jamie unboxes a glucose meter and a pair of smart insoles');
    const phone = agent('phone');
    const meter = agent('meter');
    const insoleL = agent('insole-left');
    const insoleR = agent('insole-right');
    for (const a of [meter, insoleL, insoleR, phone]) {
      const caps = a.store.capabilities();
      t.step(`${a.name} boots: key store ${caps.backend}, DID ${a.did.slice(0, 32)}... (${a.did.length} chars)`, { from: a.name, did: a.did });
    }
    const ble = ctx.ble();
    const camera = ctx.memory('qr');

    t.step('a neighbour\'s phone tries to pair with the meter, guessing the pairing code');
    const neighbour = agent('neighbour-phone');
    const stolen = await onboard(ctx, ble, camera, neighbour, meter, 'glucose meter', { code: '000000' });
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
      const packed = packReading(meter, controllerOfMeter, 'glucose', { mgdl: glucose[i] });
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
        t.verdict(phone.name, 'accepted', `reading #${r.seq} from ${r.device}: ${String(r.body.mgdl)} mg/dL, signature and hash chain verify`, { from: meter.name });
      } catch (error) {
        if (!isTinydidError(error)) throw error;
        t.verdict(phone.name, 'rejected', `${error.code}: ${error.message}`, { from: meter.name, code: error.code });
      }
      // The insoles report where Jamie walks (location) with every step burst.
      const packedL = packReading(insoleL, controllerOfL, 'location', { lat: 51507200 + i * 1000, lon: -127600 - i * 2000 });
      const gotL = await ctx.send(ble, insoleL.name, phone.name, packedL, 'location (signed, compact authcrypt)', { type: 'reading' });
      if (gotL !== undefined) {
        const r = inbox.receive(gotL, ctx.clock.now());
        t.verdict(phone.name, 'accepted', `reading #${r.seq} from ${r.device}: ${(Number(r.body.lat) / 1e6).toFixed(4)}, ${(Number(r.body.lon) / 1e6).toFixed(4)}`, { from: insoleL.name });
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
  },
};
