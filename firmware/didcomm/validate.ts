import { TinydidError } from '../errors/tinydid-error';
import { splitDidUrl } from '../did/did-url';
import { checkDepth, isJsonObject, type JsonObject, type JsonValue } from '../jose/json';
import { DIDCOMM_LIMITS, MAX_SAFE_UINT } from './limits';
import { MESSAGE_HEADERS, type Attachment, type Message } from './message';

function bad(message: string): never {
  throw new TinydidError('didcomm.malformed', message);
}

function text(value: unknown, what: string, max: number = DIDCOMM_LIMITS.maxStringLength): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) bad(`${what} must be a string of 1..${max} characters`);
  return value;
}

function uint(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SAFE_UINT) bad(`${what} must be a non-negative integer`);
  return value;
}

// DIDComm v2 "Plaintext Message Structure": from is a DID or DID URL without a fragment.
function did(value: unknown, what: string): string {
  const s = text(value, what, 8192);
  let fragment: string | undefined;
  try {
    fragment = splitDidUrl(s).fragment;
  } catch (cause) {
    throw new TinydidError('didcomm.malformed', `${what} is not a DID`, { cause });
  }
  if (fragment !== undefined) bad(`${what} must not have a fragment`);
  return s;
}

// DIDComm v2 "Attachments": data holds base64, json or links (links need a hash).
function attachment(value: unknown, index: number): Attachment {
  const where = `attachments[${index}]`;
  if (!isJsonObject(value)) bad(`${where} must be an object`);
  const data = value.data;
  if (!isJsonObject(data)) bad(`${where}.data must be an object`);
  const kinds = ['base64', 'json', 'links'].filter((k) => data[k] !== undefined);
  if (kinds.length !== 1) bad(`${where}.data must hold exactly one of base64, json, links`);
  if (data.base64 !== undefined && typeof data.base64 !== 'string') bad(`${where}.data.base64 must be a string`);
  if (data.links !== undefined) {
    const links = data.links;
    if (!Array.isArray(links) || links.length > DIDCOMM_LIMITS.maxLinks || !links.every((l) => typeof l === 'string')) {
      bad(`${where}.data.links must be an array of at most ${DIDCOMM_LIMITS.maxLinks} strings`);
    }
    if (typeof data.hash !== 'string') bad(`${where}.data.links needs a hash`);
  }
  if (data.hash !== undefined && typeof data.hash !== 'string') bad(`${where}.data.hash must be a string`);
  for (const k of ['id', 'description', 'filename', 'media_type', 'format']) {
    if (value[k] !== undefined) text(value[k], `${where}.${k}`);
  }
  for (const k of ['lastmod_time', 'byte_count']) if (value[k] !== undefined) uint(value[k], `${where}.${k}`);
  return value as Attachment;
}

/**
 * Validates a plaintext's headers (as parsed from either encoding, `typ`
 * already removed) and returns the model. Unknown headers go to `extra`.
 * Throws `didcomm.malformed`.
 */
export function checkMessage(value: unknown): Message {
  if (!isJsonObject(value)) bad('a plaintext message must be an object');
  try {
    checkDepth(value, DIDCOMM_LIMITS.maxDepth);
  } catch (cause) {
    throw new TinydidError('didcomm.malformed', 'message nests too deep', { cause });
  }
  const m: Message = { id: text(value.id, 'id', DIDCOMM_LIMITS.maxIdLength), type: text(value.type, 'type'), body: {} };
  if (!isJsonObject(value.body)) bad('body must be an object');
  m.body = value.body;
  if (value.from !== undefined) m.from = did(value.from, 'from');
  if (value.to !== undefined) {
    const to = value.to;
    if (!Array.isArray(to) || to.length > DIDCOMM_LIMITS.maxRecipients) bad(`to must be an array of at most ${DIDCOMM_LIMITS.maxRecipients} DIDs`);
    m.to = to.map((t, i) => did(t, `to[${i}]`));
  }
  if (value.thid !== undefined) m.thid = text(value.thid, 'thid', DIDCOMM_LIMITS.maxIdLength);
  if (value.pthid !== undefined) m.pthid = text(value.pthid, 'pthid', DIDCOMM_LIMITS.maxIdLength);
  if (value.created_time !== undefined) m.created_time = uint(value.created_time, 'created_time');
  if (value.expires_time !== undefined) m.expires_time = uint(value.expires_time, 'expires_time');
  if (value.from_prior !== undefined) m.from_prior = text(value.from_prior, 'from_prior', 8192);
  if (value.attachments !== undefined) {
    const list = value.attachments;
    if (!Array.isArray(list) || list.length > DIDCOMM_LIMITS.maxAttachments) bad(`attachments must be an array of at most ${DIDCOMM_LIMITS.maxAttachments}`);
    m.attachments = list.map(attachment);
  }
  const known: readonly string[] = MESSAGE_HEADERS;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    if (key === 'typ') bad('typ belongs to the encoding, not the message');
    // defineProperty: a header named __proto__ is kept as a member, never becomes the prototype.
    Object.defineProperty((m.extra ??= {}), key, { value: value[key], enumerable: true, writable: true, configurable: true });
  }
  return m;
}

/** The message as a plain object of its headers (no `typ`), named headers first, then `extra`. */
export function messageHeaders(message: Message): JsonObject {
  const out: JsonObject = {};
  for (const key of MESSAGE_HEADERS) {
    const v = (message as unknown as Record<string, JsonValue | undefined>)[key];
    if (v !== undefined) out[key] = v;
  }
  for (const [key, v] of Object.entries(message.extra ?? {})) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}
