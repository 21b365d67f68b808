// What both products do once booted (hosts/moddable/main-*.ts `start`): one
// signed reading in the log, checked with the firmware's verifier; then the
// BLE GATT link: messages from the phone go to the app and its answers back;
// once onboarded, a reading every `readingSeconds` goes to the controller.
import config from 'mc/config';
import Timer from 'timer';
import type { DeviceApp } from '../../firmware/apps/device/app';
import { logSignedReading } from '../../firmware/apps/device/report';
import { describeError, sendReading, serveLink } from '../../firmware/apps/device/serve';
import type { Link } from '../../firmware/transport/link';
import { BleGattPeripheral } from './ble-link';
import { moddableClock } from './clock';
import { moddableSuite } from './device-crypto';
import { heapReport } from './heap';

export interface RunDeviceOptions {
  app: DeviceApp;
  /** The value of the signed reading logged at start. */
  logValue: number;
  /** Seconds between readings (mcconfig ... readingSeconds=N overrides). */
  readingSeconds: number;
  /** The simulator has no sensor: the n-th stand-in value. */
  value(n: number): number;
  log(line: string): void;
}

export function runDevice(options: RunDeviceOptions): void {
  const { app, log } = options;
  logSignedReading(app, options.logValue, moddableSuite(), log);
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
      serveLink(app, l, log);
    },
    onUnlink: () => {
      link = undefined;
      log('BLE link down');
    },
  });
  // mcconfig passes command-line config values as text.
  const configured = Number(config.readingSeconds);
  const seconds = Number.isFinite(configured) && configured > 0 ? configured : options.readingSeconds;
  let n = 0;
  Timer.repeat(() => {
    if (link !== undefined) sendReading(app, link, options.value(n++), log);
  }, seconds * 1000);
}

/** An error of `start`, logged with its code rather than aborting the VM. */
export function logFailure(e: unknown, log: (line: string) => void): void {
  log(`failed: ${describeError(e)}`);
  if (e instanceof Error && e.stack !== undefined) log(e.stack);
}
