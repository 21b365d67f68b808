// The firmware-update protocol (protocol.ts) carried by DIDComm messages: an
// UpdateMessage becomes a DIDComm Message with the same id, type, thid (and
// pthid), from/to = the two peers, created_time from the caller, and its body;
// an unpacked DIDComm message becomes an UpdateMessage again, but only when it
// arrived authcrypted from the one peer the update runs with.
//
// Byte members (offer.envelope, chunk.data) travel as unpadded base64url text:
// a DIDComm body is a JSON object, and the compact CBOR profile keeps its
// bodies one-to-one with JSON, so it refuses byte strings there
// (firmware/didcomm/PROFILE.md section 2.3).
import { fromBase64url, toBase64url } from '../bytes/base64url';
import { sameDid } from '../didcomm/checks';
import type { Message } from '../didcomm/message';
import type { UnpackMetadata } from '../didcomm/types';
import { TinydidError } from '../errors/tinydid-error';
import type { JsonObject, JsonValue } from '../jose/json';
import { FIRMWARE_UPDATE_TYPES, checkUpdateMessage, type UpdateMessage } from './protocol';

/** Who sends and who receives one DIDComm message of an update thread. */
export interface UpdateRoute {
  /** Our DID. */
  readonly from: string;
  /** The peer's DID: the gateway for a device, the device for a gateway. */
  readonly to: string;
  /** UTC epoch seconds (the caller's clock). */
  readonly createdTime?: number;
}

const TYPES: readonly string[] = Object.freeze(Object.values(FIRMWARE_UPDATE_TYPES));
/** The body members that hold bytes, per message type. */
const BYTE_MEMBERS: Readonly<Record<string, string>> = Object.freeze({
  [FIRMWARE_UPDATE_TYPES.offer]: 'envelope',
  [FIRMWARE_UPDATE_TYPES.chunk]: 'data',
});

/** True when `type` is one of the firmware-update protocol's message types (problem reports included). */
export function isUpdateType(type: string): boolean {
  return TYPES.includes(type);
}

/** The DIDComm message that carries `message` from `route.from` to `route.to`. */
export function updateToDidcomm(message: UpdateMessage, route: UpdateRoute): Message {
  const body: JsonObject = {};
  for (const [name, value] of Object.entries(message.body as unknown as Record<string, unknown>)) {
    body[name] = value instanceof Uint8Array ? toBase64url(value) : (value as JsonValue);
  }
  const out: Message = { id: message.id, type: message.type, from: route.from, to: [route.to], body };
  if (message.thid !== undefined) out.thid = message.thid;
  if (message.type === FIRMWARE_UPDATE_TYPES.problemReport && message.pthid !== undefined) out.pthid = message.pthid;
  if (route.createdTime !== undefined) out.created_time = route.createdTime;
  return out;
}

/**
 * The UpdateMessage an unpacked DIDComm message carries. Refuses, before
 * anything of the body is read:
 * - a message that was not authcrypted (unpack did not authenticate its
 *   sender through an encryption key): `protocol.unexpected`;
 * - a message whose authenticated sender is not `peer` (a device passes its
 *   controller or trusted gateway, a gateway the device it updates):
 *   `protocol.untrusted-sender`;
 * - a message of another protocol: `protocol.unexpected`.
 * A body that is not the protocol's is `suit.bad-message` (checkUpdateMessage).
 */
export function updateFromDidcomm(unpacked: { readonly message: Message; readonly metadata: UnpackMetadata }, peer: string): UpdateMessage {
  const { message, metadata } = unpacked;
  if (!metadata.authenticated || !metadata.encrypted || metadata.encrypted_from_kid === undefined || message.from === undefined) {
    throw new TinydidError('protocol.unexpected', `${message.type.slice(0, 120)} must arrive authcrypted`);
  }
  if (!sameDid(message.from, peer)) {
    throw new TinydidError('protocol.untrusted-sender', `firmware update from ${message.from.slice(0, 80)}, not from ${peer.slice(0, 80)}`);
  }
  if (!isUpdateType(message.type)) {
    throw new TinydidError('protocol.unexpected', `${message.type.slice(0, 120)} is not a firmware-update message`);
  }
  const body: Record<string, unknown> = { ...message.body };
  const bytes = BYTE_MEMBERS[message.type];
  if (bytes !== undefined) {
    const text = body[bytes];
    if (typeof text !== 'string') throw new TinydidError('suit.bad-message', `${message.type}: ${bytes} must be base64url text`);
    try {
      body[bytes] = fromBase64url(text);
    } catch {
      throw new TinydidError('suit.bad-message', `${message.type}: ${bytes} is not base64url`);
    }
  }
  const out: Record<string, unknown> = { id: message.id, type: message.type, body };
  if (message.thid !== undefined) out.thid = message.thid;
  if (message.pthid !== undefined) out.pthid = message.pthid;
  return checkUpdateMessage(out);
}
