// Device entry of the glucose meter: builds the seams from the Moddable
// runtime and hands them to the portable app (firmware/apps/glucose-meter on
// firmware/apps/device). The product's `main` module
// (manifests/glucose-meter/main.ts) calls `start`; tools/firmware/footprint.ts
// calls `boot` and drives the app itself, so `boot` starts no BLE and no timer.
import config from 'mc/config';
import { bootGlucoseMeter, type GlucoseMeter } from '../../firmware/apps/glucose-meter/boot';
import { logIdentity } from '../../firmware/apps/device/report';
import { moddableClock } from './clock';
import { moddableSuite } from './device-crypto';
import { openDeviceKv } from './device-kv';
import { moddableRandom } from './random';
import { loadOrCreateRootKey } from './root-key';
import { logFailure, runDevice } from './run-device';

const NAME = 'tinydid glucose-meter';
const log = (line: string): void => trace(`${NAME}: ${line}\n`);

/** Seconds between readings once onboarded (mcconfig ... readingSeconds=N overrides). */
export const READING_SECONDS = 60;

/** Boots the meter from the Moddable runtime's seams; logs its DID and label. */
export function boot(): GlucoseMeter {
  const product = config.tinydid;
  // One Preference domain per product, so products sharing a simulator do not share records.
  const domain = product?.product ?? 'tinydid';
  log(`starting (class ${product?.classId ?? '?'})`);
  const meter = bootGlucoseMeter({
    random: moddableRandom,
    clock: moddableClock,
    kv: openDeviceKv(domain),
    rootKey: loadOrCreateRootKey(moddableRandom, domain),
    suite: moddableSuite(),
    log,
    endpoint: `ble:${product?.deviceName ?? domain}`,
  });
  logIdentity(meter, log);
  return meter;
}

/** boot, then runDevice (run-device.ts): the signed reading in the log, the BLE link, a reading every READING_SECONDS. */
export function start(): void {
  try {
    // The simulator has no sensor: a stand-in value between 90 and 130 mg/dL.
    runDevice({ app: boot(), logValue: 104, readingSeconds: READING_SECONDS, value: (n) => 90 + ((n * 7) % 41), log });
  } catch (e) {
    logFailure(e, log);
  }
}
