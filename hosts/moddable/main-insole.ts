// Device entry of the insole: builds the seams from the Moddable runtime and
// hands them to the portable app (firmware/apps/insole on
// firmware/apps/device). The product's `main` module
// (manifests/insole/main.ts) calls `start`; tools/firmware/footprint.ts calls
// `boot` and drives the app itself, so `boot` starts no BLE and no timer.
// The foot comes from the build config: `mcconfig ... side=right` (default left).
import config from 'mc/config';
import { bootInsole, type Insole, type Side } from '../../firmware/apps/insole/boot';
import { logIdentity } from '../../firmware/apps/device/report';
import { moddableClock } from './clock';
import { moddableSuite } from './device-crypto';
import { openDeviceKv } from './device-kv';
import { moddableRandom } from './random';
import { loadOrCreateRootKey } from './root-key';
import { logFailure, runDevice } from './run-device';

const NAME = 'tinydid insole';
const log = (line: string): void => trace(`${NAME}: ${line}\n`);

/** Seconds between step reports once onboarded (mcconfig ... readingSeconds=N overrides). */
export const READING_SECONDS = 30;

function side(): Side {
  return config.side === 'right' ? 'right' : 'left';
}

/** Boots the insole from the Moddable runtime's seams; logs its DID and label. */
export function boot(): Insole {
  const product = config.tinydid;
  // One Preference domain per product, so products sharing a simulator do not share records.
  const domain = product?.product ?? 'tinydid';
  log(`starting (class ${product?.classId ?? '?'}, ${side()} foot)`);
  const insole = bootInsole({
    random: moddableRandom,
    clock: moddableClock,
    kv: openDeviceKv(domain),
    rootKey: loadOrCreateRootKey(moddableRandom, domain),
    suite: moddableSuite(),
    log,
    endpoint: `ble:${product?.deviceName ?? domain}`,
  }, side());
  logIdentity(insole, log);
  return insole;
}

/** boot, then runDevice (run-device.ts): the signed reading in the log, the BLE link, a reading every READING_SECONDS. */
export function start(): void {
  try {
    // The simulator has no sensor: a stand-in count of 40 to 79 steps.
    runDevice({ app: boot(), logValue: 12, readingSeconds: READING_SECONDS, value: (n) => 40 + ((n * 13) % 40), log });
  } catch (e) {
    logFailure(e, log);
  }
}
