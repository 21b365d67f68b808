// The device-flow test app's main (manifest.json, creation.main): the glucose
// meter's image as its product builds it (boot() from main-glucose-meter) and a
// phone made of firmware/ modules (phone.ts), in one XS machine. Steps: boot,
// the phone scans the label and sends its onboarding request, the device
// answers, the phone accepts, the device measures 104 mg/dL, the phone unpacks
// the reading and checks the device's signature and the value. One log line
// per step with the XS instrumentation counters after it, then
// `device-flow: ok` or `device-flow: FAILED <code>: <message>`.
import Instrumentation from 'instrumentation';
import { moddableClock } from '../../../hosts/moddable/clock';
import { moddableSuite } from '../../../hosts/moddable/device-crypto';
import { heapReport } from '../../../hosts/moddable/heap';
import { boot } from '../../../hosts/moddable/main-glucose-meter';
import { moddableRandom } from '../../../hosts/moddable/random';
import { Phone } from './phone';

/** The value the device measures, mg/dL. */
export const MGDL = 104;

function log(line: string): void {
  trace(`device-flow: ${line}\n`);
}

/** A counter heapReport leaves out, or '?'. */
function counter(name: string): string {
  const index = Instrumentation.map(name);
  const value = index === undefined ? undefined : Instrumentation.get(index);
  return `${name}=${value === undefined ? '?' : value}`;
}

function step(name: string, detail: string): void {
  const heap = heapReport();
  log(`${name}: ${detail} | ${heap === undefined ? 'no instrumentation (build with mcconfig -i or -d)' : `${heap} ${counter('XS Keys Used')} ${counter('XS Garbage Collection Count')}`}`);
}

function check(ok: boolean, why: string): void {
  if (!ok) throw new Error(why);
}

export default function main(): void {
  try {
    step('start', 'image loaded');
    const meter = boot();
    // A device onboarded by an earlier run in the same Preference file: forget its controller (keys and label stay).
    if (meter.label === undefined) meter.agent.factoryReset();
    const label = meter.label;
    check(label !== undefined, 'the device shows no label');
    step('boot', `device ${meter.did.slice(0, 40)}..., label ${String(label).length} chars`);
    const phone = new Phone({ random: moddableRandom, suite: moddableSuite(), clock: moddableClock });
    step('phone', `phone ${phone.did.slice(0, 40)}...`);
    const request = phone.scan(label as string);
    check(phone.device === meter.did, 'the label names another DID');
    step('request', `phone scanned the label, onboarding request ${request.length} bytes`);
    const response = meter.receive(request);
    check(response !== undefined, 'the device did not answer the onboarding request');
    check(meter.controller === phone.did, 'the device did not take the phone as its controller');
    step('response', `device onboarded, response ${(response as Uint8Array).length} bytes`);
    phone.accept(response as Uint8Array);
    step('accept', 'phone accepted the response');
    const { seq, packed } = meter.measure(MGDL);
    step('measure', `reading ${seq} packed, ${packed.length} bytes`);
    const reading = phone.readReading(packed);
    check(reading.seq === seq, `reading ${reading.seq}, expected ${seq}`);
    check(reading.kind === 'glucose' && reading.body.v === MGDL, `got ${reading.kind} ${JSON.stringify(reading.body)}, expected glucose {"v":${MGDL}}`);
    step('reading', `phone verified reading ${reading.seq}: ${reading.kind} ${JSON.stringify(reading.body)} signed by #${reading.signer.split('#')[1]}`);
    log('ok');
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : e instanceof Error ? e.name : 'error';
    log(`FAILED ${code}: ${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof Error && e.stack !== undefined) trace(`${e.stack}\n`);
  }
}
