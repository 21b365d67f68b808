// The device app on a link (firmware/transport/link.ts): every whole message
// that arrives goes to `receive`, and its answer, if any, goes back on the
// same link. A refused message is logged with its TinydidError code and
// dropped (the sender learns nothing it could not learn from silence); a
// message the link lost is logged. The host owns the link (BLE GATT on a
// device, a simulated link in tests).
import type { Link } from '../../transport/link';
import type { DeviceApp } from './app';

/** `code: message` of an error, for a log line. */
export function describeError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? `${String((e as { code: unknown }).code)}: ` : '';
  return `${code}${e instanceof Error ? e.message : String(e)}`;
}

/** Hands what arrives on `link` to `app` and sends its answers back. */
export function serveLink(app: DeviceApp, link: Link, log: (line: string) => void): void {
  link.receive({
    message(bytes: Uint8Array): void {
      let answer: Uint8Array | undefined;
      try {
        answer = app.receive(bytes);
      } catch (e) {
        log(`refused a ${bytes.length}-byte message: ${describeError(e)}`);
        return;
      }
      if (answer === undefined) return;
      const size = answer.length;
      link.send(answer).then(() => log(`answered with ${size} bytes`), (e: unknown) => log(`answer not sent: ${describeError(e)}`));
    },
    error(e): void {
      log(`link lost a message: ${describeError(e)}`);
    },
  });
}

/** Measures `value` and sends the reading to the controller on `link`; false (and nothing sent) before onboarding. */
export function sendReading(app: DeviceApp, link: Link, value: number, log: (line: string) => void): boolean {
  if (app.controller === undefined) return false;
  let reading;
  try {
    reading = app.measure(value);
  } catch (e) {
    log(`no reading: ${describeError(e)}`);
    return false;
  }
  const { seq, packed } = reading;
  link.send(packed).then(() => log(`reading #${seq} (${value}) sent, ${packed.length} bytes`), (e: unknown) => log(`reading #${seq} not sent: ${describeError(e)}`));
  return true;
}
