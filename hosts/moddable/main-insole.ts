// Device entry of the insole: builds the seams from the Moddable runtime
// and hands them to the portable app (firmware/apps/insole). The
// product's `main` module (manifests/insole/main.ts) calls `start`.
import config from 'mc/config';
import { bootInsole } from '../../firmware/apps/insole/boot';
import { toHex } from '../../firmware/bytes/hex';
import { BleGattPeripheral } from './ble-link';
import { moddableClock } from './clock';
import { moddableSuite } from './device-crypto';
import { openDeviceKv } from './device-kv';
import { heapReport } from './heap';
import { moddableRandom } from './random';
import { loadOrCreateRootKey } from './root-key';

const log = (line: string): void => trace(line + '\n');

/** Starts the meter; an error is logged with its code rather than aborting the VM. */
export function start(): void {
  try {
    run();
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? ` ${String((e as { code: unknown }).code)}` : '';
    log(`tinydid insole: failed${code}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    if (e instanceof Error && e.stack !== undefined) log(e.stack);
  }
}

function run(): void {
  const product = config.tinydid;
  // One Preference domain per product, so products sharing a simulator do not share records.
  const domain = product?.product ?? 'tinydid';
  const suite = moddableSuite();
  log(`tinydid ${product?.product ?? '?'}: starting (class ${product?.classId ?? '?'})`);
  const insole = bootInsole({
    random: moddableRandom,
    clock: moddableClock,
    kv: openDeviceKv(domain),
    rootKey: loadOrCreateRootKey(moddableRandom, domain),
    suite,
    log,
  }, 'left');
  const signed = insole.report(12);
  const valid = suite.ed25519Verify(signed.signature, signed.payload, insole.publicKey);
  log(`tinydid insole: ${signed.steps} steps (${signed.side}) at ${signed.monotonicMs} ms, payload ${toHex(signed.payload)}`);
  log(`tinydid insole: signature ${toHex(signed.signature)} verifies: ${valid}`);
  const heap = heapReport();
  if (heap !== undefined) log(`tinydid insole: ${heap}`);
  if (product !== undefined) {
    new BleGattPeripheral({
      deviceName: product.deviceName,
      service: product.bleService,
      clock: moddableClock,
      limits: { maxMessageBytes: 4096, maxBufferedBytes: 4096 },
      onLink: (link) => log(`tinydid insole: BLE link up, ${link.maxMessageBytes}-byte messages`),
    });
  }
}
