import { didOf } from '../did/did-url';
import { isPeer4, peer4ShortForm } from '../did/peer4';
import { TinydidError } from '../errors/tinydid-error';
import type { Message } from './message';
import type { UnpackOptions } from './types';

/** The same DID, counting a did:peer:4 long form and its short form as one (did:peer spec, method 4). */
export function sameDid(a: string, b: string): boolean {
  if (a === b) return true;
  return isPeer4(a) && isPeer4(b) && peer4ShortForm(a) === peer4ShortForm(b);
}

/**
 * DIDComm v2 "Message Layer Addressing Consistency": the `from` header must be
 * the DID whose key authenticated the message (authcrypt skid, JWS kid).
 * Throws `didcomm.sender-mismatch`.
 */
export function checkSender(message: Message, authenticatedKid: string, how: string): void {
  if (message.from === undefined || !sameDid(message.from, didOf(authenticatedKid))) {
    throw new TinydidError('didcomm.sender-mismatch', `${how} key ${authenticatedKid.slice(0, 80)} does not belong to from ${String(message.from).slice(0, 80)}`);
  }
}

/**
 * DIDComm v2 "Message Layer Addressing Consistency": the key a message was
 * encrypted to must belong to a DID in `to` (when `to` is present).
 * Throws `didcomm.recipient-mismatch`.
 */
export function checkRecipient(message: Message, recipientKid: string): void {
  if (message.to === undefined) return;
  const did = didOf(recipientKid);
  if (!message.to.some((t) => sameDid(t, did))) {
    throw new TinydidError('didcomm.recipient-mismatch', `encrypted to ${recipientKid.slice(0, 80)}, whose DID is not in to`);
  }
}

/** The time to check against, in UTC epoch seconds, or undefined when unknown. */
export function currentTime(options: UnpackOptions): number | undefined {
  if (options.now !== undefined) return options.now;
  const ms = options.clock?.wallTimeMs();
  return ms === undefined ? undefined : Math.floor(ms / 1000);
}

/**
 * DIDComm v2 "Message Headers" expires_time: rejects an expired message
 * (`didcomm.expired`). With the time unknown it rejects any message that has
 * expires_time (`didcomm.time-unknown`) unless `allowUnknownTime` is set.
 */
export function checkExpiry(message: Message, options: UnpackOptions): void {
  if (message.expires_time === undefined) return;
  const now = currentTime(options);
  if (now === undefined) {
    if (options.allowUnknownTime === true) return;
    throw new TinydidError('didcomm.time-unknown', 'message has expires_time and the current time is unknown');
  }
  if (now > message.expires_time) throw new TinydidError('didcomm.expired', `expired at ${message.expires_time}, now ${now}`);
}

/** Records the message in the replay cache, or throws `didcomm.replayed`. */
export function checkReplay(message: Message, sender: string | undefined, options: UnpackOptions): void {
  options.replay?.checkAndRecord(sender ?? '', message.id, message.created_time);
}
