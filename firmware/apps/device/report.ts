// What a device logs when it boots: its DID, its label (or its controller),
// and one reading signed for the log, checked with the firmware's own
// verifier (readings.ts verifySignedReading) before the line says so.
import { toHex } from '../../bytes/hex';
import type { CryptoSuite } from '../../crypto/suite';
import type { DeviceApp } from './app';
import { verifySignedReading } from './readings';

/** Logs the DID and the label to show (or the controller, once onboarded). */
export function logIdentity(app: DeviceApp, log: (line: string) => void): void {
  log(`did ${app.did}`);
  const label = app.label;
  log(label !== undefined ? `label ${label}` : `controller ${String(app.controller)}`);
}

/** Signs `value` for the log, verifies it against the device's own document, logs both; returns whether it verified. */
export function logSignedReading(app: DeviceApp, value: number, suite: CryptoSuite, log: (line: string) => void): boolean {
  const signed = app.signedReading(value);
  log(`signed reading ${value} (${signed.length} bytes, compact COSE_Sign1): ${toHex(signed)}`);
  let verifies = false;
  try {
    const { message, signer } = verifySignedReading(signed, app.agent.identity.document, suite);
    verifies = signer === app.agent.identity.authenticationKid;
    log(`signed reading ${message.type} ${JSON.stringify(message.body)} by ${signer.slice(signer.indexOf('#'))} verifies: ${verifies}`);
  } catch (e) {
    log(`signed reading verifies: false (${e instanceof Error ? e.message : String(e)})`);
  }
  return verifies;
}
