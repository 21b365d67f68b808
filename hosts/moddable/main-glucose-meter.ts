// Device entry of the glucose meter: builds the seams from the Moddable runtime
// and hands them to the portable app (firmware/apps/glucose-meter). The
// product's `main` module (manifests/glucose-meter/main.ts) calls `start`.
import config from 'mc/config';
import { bootGlucoseMeter } from '../../firmware/apps/glucose-meter/boot';
import { toHex } from '../../firmware/bytes/hex';
import { decodeReadingPayload } from '../../firmware/credentials/reading';
import { parseSign1, signatureVerifies } from '../../firmware/credentials/sign1';
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
    log(`tinydid glucose-meter: failed${code}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    if (e instanceof Error && e.stack !== undefined) log(e.stack);
  }
}

function run(): void {
  const product = config.tinydid;
  // One Preference domain per product, so products sharing a simulator do not share records.
  const domain = product?.product ?? 'tinydid';
  const suite = moddableSuite();
  log(`tinydid ${product?.product ?? '?'}: starting (class ${product?.classId ?? '?'})`);
  const meter = bootGlucoseMeter({
    random: moddableRandom,
    clock: moddableClock,
    kv: openDeviceKv(domain),
    rootKey: loadOrCreateRootKey(moddableRandom, domain),
    suite,
    log,
  });
  const signed = meter.measure(104);
  const sign1 = parseSign1(signed.sign1, 4096, 'reading.malformed');
  const reading = decodeReadingPayload(sign1.payload);
  const valid = signatureVerifies(sign1, { crv: 'Ed25519', bytes: meter.publicKey }, suite);
  log(`tinydid glucose-meter: reading #${reading.seq} ${String(reading.value)} mg/dL (${reading.dataClass}, time ${reading.time ?? 'unknown'}) as COSE_Sign1 alg ${sign1.alg}, ${signed.sign1.length} bytes: ${toHex(signed.sign1)}`);
  log(`tinydid glucose-meter: signature verifies with ${meter.kid}: ${valid}`);
  const heap = heapReport();
  if (heap !== undefined) log(`tinydid glucose-meter: ${heap}`);
  if (product !== undefined) {
    new BleGattPeripheral({
      deviceName: product.deviceName,
      service: product.bleService,
      clock: moddableClock,
      limits: { maxMessageBytes: 4096, maxBufferedBytes: 4096 },
      onLink: (link) => log(`tinydid glucose-meter: BLE link up, ${link.maxMessageBytes}-byte messages`),
    });
  }
}
