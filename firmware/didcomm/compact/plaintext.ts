/**
 * The compact plaintext (PROFILE.md section 2): the one message model
 * (../message.ts) as a deterministic CBOR map (RFC 8949 section 4.2.1) with
 * integer labels for the DIDComm v2 headers ("Plaintext Message Structure")
 * and text keys for unknown headers, which are kept.
 *
 * `from` and `to` may be implied by the envelope that carries the plaintext:
 * the label is present with the value null, and unpack restores the DID the
 * envelope authenticated (from) or was encrypted to (to). Null is never a DID,
 * so the marker cannot be confused with a value; outside an envelope that
 * establishes it, a null from/to is refused.
 */
import { fromBase64url, toBase64url } from '../../bytes/base64url';
import { decodeCbor } from '../../cbor/decode';
import { encodeCbor } from '../../cbor/encode';
import type { CborMap, CborValue } from '../../cbor/value';
import { TinydidError } from '../../errors/tinydid-error';
import { isJsonObject, type JsonObject, type JsonValue } from '../../jose/json';
import { DIDCOMM_LIMITS } from '../limits';
import type { Message } from '../message';
import { checkMessage, messageHeaders } from '../validate';
import { cborMapToJson, cborToJson, jsonObjectToCbor, jsonToCbor, setMember } from './json-cbor';
import { ATTACHMENT_LABEL, DATA_LABEL, HEADER_LABEL, invertLabels } from './labels';

const HEADER_NAME = invertLabels(HEADER_LABEL);
const ATTACHMENT_NAME = invertLabels(ATTACHMENT_LABEL);
const DATA_NAME = invertLabels(DATA_LABEL);

/** What the envelope around a plaintext establishes, for implied from/to. */
export interface ImpliedParties {
  /** The DID the envelope authenticated as sender (authcrypt, or the signer). */
  from?: string;
  /** The one DID the envelope was encrypted to (all its recipients are keys of it). */
  to?: string;
}

function bad(message: string): never {
  throw new TinydidError('didcomm.malformed', message);
}

// --- encoding -------------------------------------------------------------

function isCanonicalBase64url(text: string): boolean {
  try {
    return toBase64url(fromBase64url(text)) === text;
  } catch {
    return false;
  }
}

function labelled(value: JsonObject, labels: Readonly<Record<string, number>>, convert: (name: string, v: JsonValue) => CborValue): CborMap {
  const map: CborMap = new Map();
  for (const name of Object.keys(value)) {
    const label = Object.prototype.hasOwnProperty.call(labels, name) ? labels[name] : undefined;
    map.set(label ?? name, convert(name, value[name]));
  }
  return map;
}

function dataToCbor(data: JsonObject): CborMap {
  return labelled(data, DATA_LABEL, (name, v) => (name === 'base64' && typeof v === 'string' && isCanonicalBase64url(v) ? fromBase64url(v) : jsonToCbor(v)));
}

function attachmentToCbor(attachment: JsonObject): CborMap {
  return labelled(attachment, ATTACHMENT_LABEL, (name, v) => (name === 'data' && isJsonObject(v) ? dataToCbor(v) : jsonToCbor(v)));
}

/**
 * The compact CBOR map of `message`. With `implied`, a `from` equal to
 * implied.from and a `to` equal to [implied.to] are written as null.
 */
export function compactPlaintextMap(message: Message, implied: ImpliedParties = {}): CborMap {
  const headers = messageHeaders(checkMessage(messageHeaders(message)));
  return labelled(headers, HEADER_LABEL, (name, v) => {
    if (name === 'from' && implied.from !== undefined && v === implied.from) return null;
    if (name === 'to' && implied.to !== undefined && Array.isArray(v) && v.length === 1 && v[0] === implied.to) return null;
    if (name === 'body' && isJsonObject(v)) return jsonObjectToCbor(v);
    if (name === 'attachments' && Array.isArray(v)) return v.map((a, i) => (isJsonObject(a) ? attachmentToCbor(a) : bad(`attachments[${i}] must be an object`)));
    return jsonToCbor(v);
  });
}

/** Deterministic CBOR bytes of the compact plaintext of `message`. */
export function encodeCompactPlaintext(message: Message, implied: ImpliedParties = {}): Uint8Array {
  return encodeCbor(compactPlaintextMap(message, implied));
}

// --- decoding -------------------------------------------------------------

function unlabelled(map: CborValue, names: ReadonlyMap<number, string>, where: string, convert: (name: string, v: CborValue) => JsonValue): JsonObject {
  if (!(map instanceof Map)) bad(`${where} must be a map`);
  const out: JsonObject = {};
  for (const [key, v] of map) {
    let name: string;
    if (typeof key === 'number') {
      const known = names.get(key);
      if (known === undefined) bad(`${where}: unknown label ${key}`);
      name = known;
    } else if (typeof key === 'string') {
      // A labelled name must travel as its label: one encoding per message.
      if ([...names.values()].includes(key)) bad(`${where}: "${key}" must use its label`);
      name = key;
    } else bad(`${where}: map key is neither a label nor text`);
    setMember(out, name, convert(name, v));
  }
  return out;
}

function dataFromCbor(value: CborValue, where: string): JsonObject {
  return unlabelled(value, DATA_NAME, where, (name, v) => {
    if (name === 'base64' && v instanceof Uint8Array) return toBase64url(v);
    if (name === 'base64' && typeof v === 'string' && isCanonicalBase64url(v)) bad(`${where}.base64: canonical base64url must travel as bytes`);
    return cborToJson(v, `${where}.${name}`);
  });
}

function attachmentFromCbor(value: CborValue, where: string): JsonObject {
  return unlabelled(value, ATTACHMENT_NAME, where, (name, v) => (name === 'data' ? dataFromCbor(v, `${where}.data`) : cborToJson(v, `${where}.${name}`)));
}

/**
 * The message of a decoded compact plaintext map. A null from/to is replaced
 * by what `implied` says the envelope established, and refused when it says
 * nothing. Throws `didcomm.malformed`.
 */
export function messageFromCompactMap(map: CborValue, implied: ImpliedParties = {}): Message {
  const headers = unlabelled(map, HEADER_NAME, 'plaintext', (name, v) => {
    if (name === 'from' && v === null) return implied.from ?? bad('from is implied (null) but no envelope authenticated a sender');
    if (name === 'to' && v === null) return implied.to !== undefined ? [implied.to] : bad('to is implied (null) but no envelope names a recipient');
    if (name === 'attachments') {
      if (!Array.isArray(v)) bad('attachments must be an array');
      if (v.length > DIDCOMM_LIMITS.maxAttachments) bad(`more than ${DIDCOMM_LIMITS.maxAttachments} attachments`);
      return v.map((a, i) => attachmentFromCbor(a, `attachments[${i}]`));
    }
    if (name === 'body') return cborMapToJson(v, 'body');
    return cborToJson(v, name);
  });
  return checkMessage(headers);
}

/**
 * Decodes compact plaintext bytes (untrusted): size-limited, deterministic
 * CBOR with sorted keys, depth-limited. Throws `didcomm.too-large`,
 * `didcomm.malformed` (with the CBOR error as cause).
 */
export function decodeCompactPlaintext(bytes: Uint8Array, implied: ImpliedParties = {}, maxBytes: number = DIDCOMM_LIMITS.maxMessageBytes): Message {
  if (bytes.length > maxBytes) throw new TinydidError('didcomm.too-large', `plaintext of ${bytes.length} bytes exceeds ${maxBytes}`);
  let value: CborValue;
  try {
    value = decodeCbor(bytes, { maxInput: maxBytes, maxDepth: DIDCOMM_LIMITS.maxDepth + 3, requireSortedKeys: true });
  } catch (cause) {
    throw new TinydidError('didcomm.malformed', `compact plaintext is not deterministic CBOR: ${(cause as Error).message}`, { cause });
  }
  return messageFromCompactMap(value, implied);
}
