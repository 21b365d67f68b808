// Onboarding from a QR invitation with firmware/didcomm/protocols: the
// device's label carries a compact out-of-band invitation (`TD1:` + base45:
// its DID and a one-time pairing code); the phone scans it and sends an
// onboarding request over BLE, authcrypted to the device with full key ids
// and an HMAC proof of the code bound to both DIDs; the device checks it, the
// phone becomes its controller, and both keep the connection in their KV.
// No certificate authority: each side learns the other's keys from its
// did:peer:2.
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { toHex } from '../../firmware/bytes/hex';
import { TinydidError, isTinydidError } from '../../firmware/errors/tinydid-error';
import { ConnectionStore } from '../../firmware/didcomm/protocols/connections';
import { DeviceOnboarding, acceptOnboardingResponse, onboardingRequest, scanInvitation, type ScannedInvitation } from '../../firmware/didcomm/protocols/onboarding';
import { newPairingCode } from '../../firmware/didcomm/protocols/pairing-code';
import { MemoryKv } from '../../firmware/storage/memory-kv';
import type { ScenarioContext } from '../scenario';
import type { SimLink } from '../links/sim-link';
import { messenger, peerFromDid } from './messaging';
import type { Peer, SimAgent } from './agent';

function deviceSide(device: SimAgent): DeviceOnboarding {
  return new DeviceOnboarding({ did: device.did, kv: device.kv, suite: device.suite, random: device.random });
}

/** Factory provisioning: a fresh pairing code; returns the label's QR text as bytes. */
export function provisionLabel(device: SimAgent): Uint8Array {
  return utf8Encode(deviceSide(device).provision(newPairingCode(device.random)));
}

/** The phone reads a label. */
export function readLabel(qr: Uint8Array): ScannedInvitation {
  return scanInvitation(utf8Decode(qr));
}

/** The phone's request for a scanned label (`code` replaces the label's code: a guess). */
export function phoneRequest(phone: SimAgent, scanned: ScannedInvitation, label: string, code?: string): { request: ReturnType<typeof onboardingRequest>; packed: Uint8Array; device: Peer } {
  const device = peerFromDid('device', scanned.deviceDid, phone.resolver, phone.suite);
  const request = onboardingRequest(code === undefined ? scanned : { ...scanned, code }, phone.did, phone.suite, phone.random, label);
  const { from: _from, to: _to, ...outgoing } = request;
  return { request, packed: messenger.packAuthcrypt(phone, device, outgoing, true), device };
}

/** The device's decision on an onboarding request: the response to send back, or the verdict thrown. */
export function deviceHandleOnboarding(device: SimAgent, bytes: Uint8Array): { response: Uint8Array; controller: Peer } {
  const { message, metadata, sender } = messenger.unpack(device, bytes, { allowIntroduction: true });
  if (sender === undefined) throw new TinydidError('didcomm.malformed', 'an onboarding request must be authcrypted');
  const reply = deviceSide(device).handleRequest(message, metadata, device.nowSeconds());
  const controller = { ...sender, name: String(message.body.label ?? 'controller') };
  device.connect(controller);
  const { from: _from, to: _to, ...outgoing } = reply;
  return { response: messenger.packAuthcrypt(device, controller, outgoing), controller };
}

/**
 * The phone (or a gateway) checks the device's response and keeps the
 * connection: a phone in its KV (ConnectionStore, as on a device); a gateway
 * with thousands of devices in its own table (`gateway: true`).
 */
export function phoneAcceptResponse(phone: SimAgent, device: Peer, request: ReturnType<typeof onboardingRequest>, bytes: Uint8Array, options: { gateway?: boolean } = {}): void {
  phone.connect(device);
  const { message, metadata } = messenger.unpack(phone, bytes);
  const store = new ConnectionStore(options.gateway ? new MemoryKv() : phone.kv, phone.suite);
  acceptOnboardingResponse(message, metadata, request, store, device.name, phone.nowSeconds());
}

/** The whole exchange over `link`, written to the transcript. True when both sides are connected. */
export async function onboard(ctx: ScenarioContext, link: SimLink, camera: SimLink, phone: SimAgent, device: SimAgent, product: string, options: { guess?: boolean } = {}): Promise<boolean> {
  const t = ctx.transcript;
  const qr = provisionLabel(device);
  const scanned = await ctx.send(camera, device.name, phone.name, qr, `label QR code (${product}: ${utf8Decode(qr).slice(0, 12)}..., DID + pairing code)`);
  if (scanned === undefined) return false;
  const invitation = readLabel(scanned);
  const { request, packed, device: devicePeer } = phoneRequest(phone, invitation, phone.name, options.guess ? newPairingCode(phone.random) : undefined);
  devicePeer.name = device.name;
  const got = await ctx.send(link, phone.name, device.name, packed, 'onboarding request (authcrypt, full key ids, pairing proof)');
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
  phoneAcceptResponse(phone, devicePeer, request, back);
  t.verdict(phone.name, 'onboarded', `${device.name} connected (DID ${devicePeer.did.slice(0, 24)}..., key ${toHex(devicePeer.signPublic).slice(0, 8)}...)`, { from: device.name });
  return true;
}
