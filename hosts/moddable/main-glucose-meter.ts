// Device entry of the glucose meter: builds the seams from the Moddable runtime
// and hands them to the portable app (firmware/apps/glucose-meter). The
// product's `main` module (manifests/glucose-meter/main.ts) calls `start`.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bootGlucoseMeter } from '../../firmware/apps/glucose-meter/boot';
import { toHex } from '../../firmware/bytes/hex';
import { moddableClock } from './clock';
import { heapReport } from './heap';
import { moddableRandom } from './random';

const log = (line: string): void => trace(line + '\n');

/** Starts the meter; an error is logged with its code rather than aborting the VM. */
export function start(): void {
  try {
    run();
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? ` ${String((e as { code: unknown }).code)}` : '';
    log(`tinydid glucose-meter: failed${code}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    if (e instanceof Error && e.stack !== undefined) log(e.stack);
  }
}

function run(): void {
  log('tinydid glucose-meter: starting');
  const meter = bootGlucoseMeter({ random: moddableRandom, clock: moddableClock, log });
  const signed = meter.measure(104);
  const valid = ed25519.verify(signed.signature, signed.payload, meter.publicKey);
  log(`tinydid glucose-meter: payload ${toHex(signed.payload)}`);
  log(`tinydid glucose-meter: signature verifies: ${valid}`);
  log(`tinydid glucose-meter: ${heapReport()}`);
}
