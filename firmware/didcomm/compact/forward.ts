/**
 * Forward (DIDComm v2 "Routing Protocol 2.0") in the compact profile: a
 * gateway or mediator wraps a compact message for the device in anoncrypted
 * forwards, one per routing key; the payload travels as the attachment's
 * `base64` member, which the compact plaintext carries as raw bytes
 * (PROFILE.md section 2.1), so routing adds no base64 overhead on the wire.
 * The device unwraps forwards addressed to itself.
 */
import { fromBase64url, toBase64url } from '../../bytes/base64url';
import type { CryptoSuite } from '../../crypto/suite';
import { didOf } from '../../did/did-url';
import type { DidResolver } from '../../did/resolver';
import { TinydidError } from '../../errors/tinydid-error';
import type { Random } from '../../host/random';
import { DIDCOMM_LIMITS } from '../limits';
import type { Message } from '../message';
import type { UnpackResult } from '../types';
import { newMessageId } from '../protocols/ids';
import { isCompactMessage } from './codec';
import { packCompact } from './pack';
import { unpackCompact, type CompactUnpackOptions } from './unpack';

/** DIDComm Routing Protocol 2.0 "Forward" message type. */
export const COMPACT_FORWARD_TYPE = 'https://didcomm.org/routing/2.0/forward';

export interface CompactWrapOptions {
  resolver: DidResolver;
  random: Random;
  suite: CryptoSuite;
}

/**
 * Wraps `packed` (a compact message for `to`) in one anoncrypted forward per
 * routing key, innermost first: the first routing key's holder receives the
 * outermost one; each forward's body.next names the next hop.
 */
export function wrapInCompactForward(packed: Uint8Array, to: string, routingKeys: readonly string[], options: CompactWrapOptions): Uint8Array {
  if (routingKeys.length === 0) throw new TinydidError('didcomm.bad-option', 'no routing keys to wrap for');
  if (!isCompactMessage(packed)) throw new TinydidError('didcomm.bad-option', 'the message to forward is not a compact message');
  let current = packed;
  let next = to;
  for (let i = routingKeys.length - 1; i >= 0; i--) {
    const hop = routingKeys[i];
    const forward: Message = { id: newMessageId(options.random), type: COMPACT_FORWARD_TYPE, to: [didOf(hop)], body: { next }, attachments: [{ data: { base64: toBase64url(current) } }] };
    current = packCompact(forward, { mode: 'anoncrypt', resolver: options.resolver, random: options.random, suite: options.suite, to: [hop] }).bytes;
    next = didOf(hop);
  }
  return current;
}

/** The next hop and the compact message to hand on, when `message` is a forward; else undefined. Throws `didcomm.malformed`. */
export function compactForwardOf(message: Message): { next: string; packed: Uint8Array } | undefined {
  if (message.type !== COMPACT_FORWARD_TYPE) return undefined;
  const next = message.body.next;
  const data = message.attachments?.[0]?.data;
  if (typeof next !== 'string' || message.attachments?.length !== 1 || data === undefined || typeof data.base64 !== 'string') {
    throw new TinydidError('didcomm.malformed', 'a compact forward needs body.next and exactly one attachment with base64 data');
  }
  let packed: Uint8Array;
  try {
    packed = fromBase64url(data.base64);
  } catch (cause) {
    throw new TinydidError('didcomm.malformed', 'forward attachment is not base64url', { cause });
  }
  if (!isCompactMessage(packed)) throw new TinydidError('didcomm.malformed', 'a compact forward carries a compact message');
  return { next, packed };
}

/**
 * Device side: while `result` is a forward whose next hop is one of our DIDs
 * (`isOurs`), unpacks what it carries with the same options and marks
 * re_wrapped_in_forward; a mediator hands compactForwardOf(...) on instead.
 */
export function unwrapCompactForward(result: UnpackResult, options: CompactUnpackOptions, isOurs: (did: string) => boolean): UnpackResult {
  let current = result;
  for (let depth = 0; depth < DIDCOMM_LIMITS.maxLayers; depth++) {
    const fwd = compactForwardOf(current.message);
    if (fwd === undefined || !isOurs(fwd.next)) return current;
    current = unpackCompact(fwd.packed, options);
    current.metadata.re_wrapped_in_forward = true;
  }
  if (compactForwardOf(current.message) !== undefined) throw new TinydidError('didcomm.bad-envelope', `more than ${DIDCOMM_LIMITS.maxLayers} nested forwards`);
  return current;
}
