// Device entry of the insole: builds the seams from the Moddable runtime and
// hands them to the portable app (firmware/apps/insole on
// firmware/apps/device). The product's `main` module
// (manifests/insole/main.ts) calls `start`; tools/firmware/footprint.ts calls
// `boot` and drives the app itself, so `boot` starts no BLE and no timer.
// The foot comes from the build config: `mcconfig ... side=right` (default left).
import config from 'mc/config';
import Timer from 'timer';
import { bootInsole, type Insole, type Side } from '../../firmware/apps/insole/boot';
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

/**
 * boot, one signed step report in the log (checked with the firmware's
 * verifier), then the BLE link: messages from the phone go to the insole and
 * its answers back; once onboarded, a step report every READING_SECONDS goes
 * to the controller. An error is logged with its code rather than aborting
 * the VM.
 */
export function start(): void {
  try {
    const insole = boot();
    logSignedReading(insole, 12, moddableSuite(), log);
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
        serveLink(insole, l, log);
      },
      onUnlink: () => {
        link = undefined;
        log('BLE link down');
      },
    });
    // mcconfig passes command-line config values as text.
    const configured = Number(config.readingSeconds);
    const seconds = Number.isFinite(configured) && configured > 0 ? configured : READING_SECONDS;
    // The simulator has no sensor: a stand-in count of 40 to 79 steps.
    let n = 0;
    Timer.repeat(() => {
      if (link !== undefined) sendReading(insole, link, 40 + ((n++ * 13) % 40), log);
    }, seconds * 1000);
  } catch (e) {
    log(`failed: ${describeError(e)}`);
    if (e instanceof Error && e.stack !== undefined) log(e.stack);
  }
}
