// Device entry of the glucose meter: builds the seams from the Moddable
// runtime and hands them to the portable app (firmware/apps/glucose-meter on
// firmware/apps/device). The product's `main` module
// (manifests/glucose-meter/main.ts) calls `start`; tools/firmware/footprint.ts
// calls `boot` and drives the app itself, so `boot` starts no BLE and no timer.
import config from 'mc/config';
import Timer from 'timer';
import { bootGlucoseMeter, type GlucoseMeter } from '../../firmware/apps/glucose-meter/boot';
import { logIdentity, logSignedReading } from '../../firmware/apps/device/report';
import { describeError, sendReading, serveLink } from '../../firmware/apps/device/serve';
import type { Link } from '../../firmware/transport/link';
import { BleGattPeripheral } from './ble-link';
import { moddableClock } from './clock';
import { moddableSuite } from './device-crypto';
import { openDeviceKv } from './device-kv';
import { heapReport } from './heap';
import { moddableRandom } from './random';
import { loadOrCreateRootKey } from './root-key';

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

/**
 * boot, one signed reading in the log (checked with the firmware's verifier),
 * then the BLE link: messages from the phone go to the meter and its answers
 * back; once onboarded, a reading every READING_SECONDS goes to the
 * controller. An error is logged with its code rather than aborting the VM.
 */
export function start(): void {
  try {
    const meter = boot();
    logSignedReading(meter, 104, moddableSuite(), log);
    const heap = heapReport();
    if (heap !== undefined) log(heap);
    const product = config.tinydid;
    if (product === undefined) return;
    let link: Link | undefined;
    new BleGattPeripheral({
      deviceName: product.deviceName,
      service: product.bleService,
      clock: moddableClock,
      limits: { maxMessageBytes: 4096, maxBufferedBytes: 4096 },
      onLink: (l) => {
        link = l;
        log(`BLE link up, ${l.maxMessageBytes}-byte messages`);
        serveLink(meter, l, log);
      },
      onUnlink: () => {
        link = undefined;
        log('BLE link down');
      },
    });
    // mcconfig passes command-line config values as text.
    const configured = Number(config.readingSeconds);
    const seconds = Number.isFinite(configured) && configured > 0 ? configured : READING_SECONDS;
    // The simulator has no sensor: a stand-in value between 90 and 130 mg/dL.
    let n = 0;
    Timer.repeat(() => {
      if (link !== undefined) sendReading(meter, link, 90 + ((n++ * 7) % 41), log);
    }, seconds * 1000);
  } catch (e) {
    log(`failed: ${describeError(e)}`);
    if (e instanceof Error && e.stack !== undefined) log(e.stack);
  }
}
