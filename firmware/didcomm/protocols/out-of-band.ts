/**
 * Out-of-Band 2.0 (DIDComm Messaging v2, "Out Of Band Messages"): an
 * invitation is a plaintext from the inviter, shown as a URL
 * (`https://host/path?_oob=<base64url JSON>`) or, on a device label, in the
 * compact QR form of this profile: `TD1:` + base45 (RFC 9285) of the compact
 * plaintext (PROFILE.md section 2), which a QR code stores in alphanumeric
 * mode. The first message of the invitee names the invitation in `pthid`.
 */
import { fromBase64url, toBase64url } from '../../bytes/base64url';
import { utf8Decode } from '../../bytes/utf8';
import type { Random } from '../../host/random';
import { jsonBytes, type JsonObject } from '../../jose/json';
import { decodeCompactPlaintext, encodeCompactPlaintext } from '../compact/plaintext';
import type { Message } from '../message';
import { messageToJson, parseMessageJson } from '../message-json';
import { expectType, malformed, optionalString } from './body';
import { fromBase45, toBase45 } from './base45';
import { newMessageId } from './ids';

export const OOB_INVITATION = 'https://didcomm.org/out-of-band/2.0/invitation';

/** Prefix of the compact QR form (version 1 of this profile). */
export const QR_PREFIX = 'TD1:';

export const OOB_LIMITS = Object.freeze({ maxUrl: 4096, maxQr: 4296 });

export interface InvitationOptions {
  goal_code?: string;
  goal?: string;
  /** Media types / profiles the inviter accepts (DIDComm v2 "accept"). */
  accept?: string[];
  /** More body members (e.g. a pairing code), kept as given. */
  extra?: JsonObject;
}

/** An invitation from `from` (DIDComm v2: from is required on invitations). */
export function invitation(from: string, options: InvitationOptions, random: Random, id: string = newMessageId(random)): Message {
  const body: JsonObject = { ...(options.extra ?? {}) };
  if (options.goal_code !== undefined) body.goal_code = options.goal_code;
  if (options.goal !== undefined) body.goal = options.goal;
  if (options.accept !== undefined) body.accept = options.accept;
  return { id, type: OOB_INVITATION, from, body };
}

/** Checks an invitation: its type, a from, and the optional body members' types. */
export function checkInvitation(message: Message): Message {
  expectType(message, OOB_INVITATION);
  if (message.from === undefined) malformed('an invitation names its inviter in from');
  optionalString(message.body, 'goal_code', 256);
  optionalString(message.body, 'goal', 1024);
  const accept = message.body.accept;
  if (accept !== undefined && (!Array.isArray(accept) || accept.length > 16 || !accept.every((a) => typeof a === 'string'))) malformed('accept must be an array of strings');
  return message;
}

/** The URL form: `base` with `_oob` set to the base64url JSON plaintext. */
export function invitationUrl(message: Message, base: string): string {
  checkInvitation(message);
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}_oob=${toBase64url(jsonBytes(messageToJson(message)))}`;
}

/** The invitation in a URL's `_oob` parameter. Throws `protocol.malformed`, `didcomm.malformed`. */
export function parseInvitationUrl(url: string): Message {
  if (typeof url !== 'string' || url.length > OOB_LIMITS.maxUrl) malformed('invitation URL missing or too long');
  const query = url.indexOf('?');
  const params = query < 0 ? [] : url.slice(query + 1).split('#')[0].split('&');
  const oob = params.filter((p) => p.startsWith('_oob='));
  if (oob.length !== 1) malformed('an invitation URL has exactly one _oob parameter');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(oob[0].slice(5).replace(/=+$/, ''));
  } catch (cause) {
    return malformed(`_oob is not base64url: ${(cause as Error).message}`);
  }
  return checkInvitation(parseMessageJson(utf8Decode(bytes)));
}

/** The compact QR form: `TD1:` + base45 of the compact plaintext (from explicit). */
export function invitationQr(message: Message): string {
  return QR_PREFIX + toBase45(encodeCompactPlaintext(checkInvitation(message)));
}

/** The invitation of a compact QR text. Throws `protocol.malformed`, `didcomm.malformed`. */
export function parseInvitationQr(text: string): Message {
  if (typeof text !== 'string' || text.length > OOB_LIMITS.maxQr || !text.startsWith(QR_PREFIX)) malformed(`not a ${QR_PREFIX} invitation`);
  return checkInvitation(decodeCompactPlaintext(fromBase45(text.slice(QR_PREFIX.length)), {}, OOB_LIMITS.maxQr));
}
