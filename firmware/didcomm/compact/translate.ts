/**
 * Lossless translation of a plaintext between the two encodings of the one
 * message model (DESIGN section 4; PROFILE.md section 2.4): what a gateway
 * does between a device link (compact) and a cloud link (standard JSON).
 * Both directions go through the model, so each side's checks apply.
 * Implied from/to (null) need the envelope: translate the plaintext that
 * unpack returned, not an inner plaintext taken out of its envelope.
 */
import { jsonBytes } from '../../jose/json';
import { DIDCOMM_LIMITS } from '../limits';
import { messageToJson, parseMessageJson } from '../message-json';
import { decodeCompactPlaintext, encodeCompactPlaintext } from './plaintext';

/** application/didcomm-plain+json bytes of a compact (CBOR) plaintext. */
export function compactToJsonPlaintext(cbor: Uint8Array, maxBytes: number = DIDCOMM_LIMITS.maxMessageBytes): Uint8Array {
  return jsonBytes(messageToJson(decodeCompactPlaintext(cbor, {}, maxBytes)));
}

/** application/didcomm-plain+cbor bytes of a JSON plaintext. */
export function jsonToCompactPlaintext(json: Uint8Array | string, maxBytes: number = DIDCOMM_LIMITS.maxMessageBytes): Uint8Array {
  return encodeCompactPlaintext(parseMessageJson(json, maxBytes));
}
