// Onboarding from a QR invitation, as the device and the phone run it:
// the device shows an out-of-band invitation (its DID and a one-time pairing
// code) as a QR code; the phone scans it and sends an onboarding request over
// BLE, encrypted to the device and introducing the phone's DID, with the
// code; the device checks the code, makes the phone its controller, and
// answers. No certificate authority is involved: each side learns the other's
// keys from its did:peer:2.
import { toHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { constantTimeEqual } from '../../firmware/bytes/equal';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { TinydidError, isTinydidError } from '../../firmware/errors/tinydid-error';
import type { ScenarioContext } from '../scenario';
import type { SimLink } from '../links/sim-link';
import { compactMessenger, peerFromDid, TYPE_CODES } from '../interim/compact';
import type { Peer, SimAgent } from './agent';

const CONTROLLER = 'app/controller';
const PAIRING = 'app/pairing';

/** The invitation a device shows as a QR code: CBOR [type 1, device DID, pairing code]. */
export function makeInvitation(device: SimAgent): { qr: Uint8Array; code: string } {
  const digits = device.random.fill(new Uint8Array(4));
  const code = String(((digits[0] << 16) | (digits[1] << 8) | digits[2]) % 1_000_000).padStart(6, '0');
  device.kv.put(PAIRING, utf8Encode(code));
  return { qr: encodeCbor([TYPE_CODES.get('https://didcomm.org/out-of-band/2.0/invitation') as number, device.did, code]), code };
}

export function readInvitation(qr: Uint8Array): { did: string; code: string } {
  const value = decodeCbor(qr);
  if (!Array.isArray(value) || value[0] !== 1 || typeof value[1] !== 'string' || typeof value[2] !== 'string') throw new TinydidError('didcomm.malformed', 'not a tinydid invitation');
  return { did: value[1], code: value[2] };
}

/** The device's decision on an onboarding request. Returns the response to send, or throws the verdict. */
export function deviceHandleOnboarding(device: SimAgent, bytes: Uint8Array): { response: Uint8Array; controller: Peer } {
  const { message, sender } = compactMessenger.unpack(device, bytes, { allowIntroduction: true });
  if (message.type !== 'https://tinydid.org/onboarding/1.0/request' || sender === undefined) throw new TinydidError('didcomm.malformed', 'expected an onboarding request');
  const expected = device.kv.get(PAIRING);
  const offered = utf8Encode(String(message.body.code ?? ''));
  if (expected === undefined || expected.length !== offered.length || !constantTimeEqual(expected, offered)) {
    throw new TinydidError('didcomm.sender-mismatch', 'wrong pairing code');
  }
  const controller = peerFromDid(String(message.body.name ?? 'controller'), sender.did, device.resolver, device.suite);
  device.connect(controller);
  device.kv.put(CONTROLLER, utf8Encode(controller.did));
  device.kv.delete(PAIRING); // one-time code
  const response = compactMessenger.packAuthcrypt(device, controller, { id: device.newId(), type: 'https://tinydid.org/onboarding/1.0/response', thid: message.id, body: { product: String(message.body.product ?? '') } });
  return { response, controller };
}

/** The whole onboarding exchange over `link`, written to the transcript. Returns true when both sides are connected. */
export async function onboard(ctx: ScenarioContext, link: SimLink, camera: SimLink, phone: SimAgent, device: SimAgent, product: string, options: { code?: string } = {}): Promise<boolean> {
  const t = ctx.transcript;
  const { qr } = makeInvitation(device);
  const scanned = await ctx.send(camera, device.name, phone.name, qr, `QR invitation (${product}: DID + pairing code)`);
  if (scanned === undefined) return false;
  const invitation = readInvitation(scanned);
  const devicePeer = peerFromDid(device.name, invitation.did, phone.resolver, phone.suite);
  const request = compactMessenger.packAuthcrypt(phone, devicePeer, { id: phone.newId(), type: 'https://tinydid.org/onboarding/1.0/request', body: { code: options.code ?? invitation.code, name: phone.name, product } }, true);
  const got = await ctx.send(link, phone.name, device.name, request, 'onboarding request (authcrypt, pairing code)');
  if (got === undefined) return false;
  let answer;
  try {
    answer = deviceHandleOnboarding(device, got);
  } catch (error) {
    if (!isTinydidError(error)) throw error;
    t.verdict(device.name, 'rejected', `${error.code}: ${error.message}`, { from: phone.name, code: error.code });
    return false;
  }
  t.verdict(device.name, 'accepted', `controller is now ${phone.name} (${answer.controller.did.slice(0, 24)}...)`, { from: phone.name });
  const back = await ctx.send(link, device.name, phone.name, answer.response, 'onboarding response (authcrypt)');
  if (back === undefined) return false;
  phone.connect(devicePeer);
  const { message } = compactMessenger.unpack(phone, back);
  t.verdict(phone.name, 'onboarded', `${device.name} connected (DID ${devicePeer.did.slice(0, 24)}..., key ${toHex(devicePeer.signPublic).slice(0, 8)}...)`, { from: device.name, type: message.type });
  return true;
}
