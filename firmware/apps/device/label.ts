// The onboarding label (firmware/didcomm/protocols/onboarding.ts, step 1):
// provisioned once, on the first boot, with a pairing code from the Random
// seam. The QR text is kept in the KV record `app/label`, so every later boot
// shows the same label; the record is written after provision() stored the
// code's key and invitation id, so a power cut in between only means a fresh
// code on the next boot (no label was shown yet). The label is shown while
// the device has no controller; a factory reset keeps keys, DID and code
// (they are on the printed label), so the same label pairs the next owner.
// The record holds the code itself: it lives in the same storage as the
// device root key and is no more secret than that.
import { utf8Decode, utf8Encode } from '../../bytes/utf8';
import type { DeviceOnboarding } from '../../didcomm/protocols/onboarding';
import { newPairingCode } from '../../didcomm/protocols/pairing-code';
import type { Random } from '../../host/random';
import type { KvStore } from '../../storage/kv';

export const LABEL_RECORD = 'app/label';

/** The label's QR text (`TD1:` + base45), provisioning it on the first boot. */
export function provisionLabelOnce(onboarding: DeviceOnboarding, kv: KvStore, random: Random): { qr: string; provisioned: boolean } {
  const saved = kv.get(LABEL_RECORD);
  if (saved !== undefined) return { qr: utf8Decode(saved), provisioned: false };
  const qr = onboarding.provision(newPairingCode(random));
  kv.put(LABEL_RECORD, utf8Encode(qr));
  return { qr, provisioned: true };
}
