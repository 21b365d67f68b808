import { TinydidError } from '../errors/tinydid-error';
import { isJsonObject, jsonBytes, parseJson, type JsonObject } from '../jose/json';
import { DIDCOMM_LIMITS } from './limits';
import { MEDIA_TYPES, type Message } from './message';
import { checkMessage, messageHeaders } from './validate';

/**
 * The JSON encoding of a plaintext (DIDComm v2 "DIDComm Plaintext Messages"):
 * the model's headers plus `typ`, which when present must be
 * application/didcomm-plain+json. Throws `didcomm.malformed`,
 * `didcomm.unsupported-media-type`.
 */
export function messageFromJson(value: unknown): Message {
  if (!isJsonObject(value)) throw new TinydidError('didcomm.malformed', 'a JSON plaintext must be an object');
  const { typ, ...rest } = value;
  if (typ !== undefined && typ !== MEDIA_TYPES.plainJson) {
    throw new TinydidError('didcomm.unsupported-media-type', `plaintext typ ${JSON.stringify(typ).slice(0, 80)} is not ${MEDIA_TYPES.plainJson}`);
  }
  return checkMessage(rest);
}

/** The JSON object of a message, with `typ` written as the reference implementation writes it. */
export function messageToJson(message: Message): JsonObject {
  const headers = messageHeaders(message);
  const { id, ...rest } = headers;
  return { id, typ: MEDIA_TYPES.plainJson, ...rest };
}

/** Parses JSON plaintext bytes (size- and depth-limited) into the model. */
export function parseMessageJson(bytes: Uint8Array | string, maxBytes: number = DIDCOMM_LIMITS.maxMessageBytes): Message {
  if (bytes.length > maxBytes) throw new TinydidError('didcomm.too-large', `plaintext of ${bytes.length} exceeds ${maxBytes}`);
  let value;
  try {
    value = parseJson(bytes, DIDCOMM_LIMITS.maxDepth);
  } catch (cause) {
    throw new TinydidError('didcomm.malformed', 'plaintext is not JSON', { cause });
  }
  return messageFromJson(value);
}

/** UTF-8 JSON bytes of a message. */
export function messageJsonBytes(message: Message): Uint8Array {
  return jsonBytes(messageToJson(message));
}
