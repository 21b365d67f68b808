import { toHex } from '../../bytes/hex';
import { portableSuite } from '../../crypto/portable-suite';
import type { CryptoSuite } from '../../crypto/suite';
import { didOf } from '../../did/did-url';
import type { DidResolver } from '../../did/resolver';
import { TinydidError } from '../../errors/tinydid-error';
import { randomBytes, type Random } from '../../host/random';
import { isJsonObject, jsonBytes, parseJson, type JsonValue } from '../../jose/json';
import { DIDCOMM_LIMITS } from '../limits';
import type { Message } from '../message';
import type { AnonContentAlg, UnpackOptions, UnpackResult } from '../types';
import { packJson } from './pack';
import { unpackJson } from './unpack';

/** DIDComm Routing Protocol 2.0 "Forward" message type. */
export const FORWARD_TYPE = 'https://didcomm.org/routing/2.0/forward';

export interface WrapOptions {
  resolver: DidResolver;
  random: Random;
  suite?: CryptoSuite;
  encAlgAnon?: AnonContentAlg;
}

/**
 * Gateway side (DIDComm v2 "Routing Protocol 2.0"): wraps a packed message
 * for `to` in one anoncrypted forward per routing key, innermost first, so
 * the first routing key's holder receives the outermost one. Each forward's
 * body.next names the next hop; the payload travels as the attachment's json.
 */
export function wrapInForward(packed: Uint8Array, to: string, routingKeys: string[], options: WrapOptions): Uint8Array {
  if (routingKeys.length === 0) throw new TinydidError('didcomm.bad-option', 'no routing keys to wrap for');
  let current = packed;
  let next = to;
  for (let i = routingKeys.length - 1; i >= 0; i--) {
    const hop = routingKeys[i];
    let inner: JsonValue;
    try {
      inner = parseJson(current, DIDCOMM_LIMITS.maxDepth);
    } catch (cause) {
      throw new TinydidError('didcomm.bad-option', 'the message to forward is not JSON', { cause });
    }
    const forward: Message = {
      id: toHex(randomBytes(options.random, 16)),
      type: FORWARD_TYPE,
      to: [didOf(hop)],
      body: { next },
      attachments: [{ data: { json: inner } }],
    };
    current = packJson(forward, { mode: 'anoncrypt', resolver: options.resolver, random: options.random, suite: options.suite ?? portableSuite, to: [hop], encAlgAnon: options.encAlgAnon }).bytes;
    next = didOf(hop);
  }
  return current;
}

/** The next hop and the message to hand on, when `message` is a forward; else undefined. Throws `didcomm.malformed`. */
export function forwardOf(message: Message): { next: string; packed: Uint8Array } | undefined {
  if (message.type !== FORWARD_TYPE) return undefined;
  const next = message.body.next;
  const attachment = message.attachments?.[0];
  if (typeof next !== 'string' || attachment === undefined || message.attachments?.length !== 1) {
    throw new TinydidError('didcomm.malformed', 'a forward needs body.next and exactly one attachment');
  }
  const data = attachment.data;
  if (data.json !== undefined && isJsonObject(data.json)) return { next, packed: jsonBytes(data.json) };
  throw new TinydidError('didcomm.malformed', 'a forward attachment must carry the message as json');
}

/**
 * Device side: when `result` is a forward whose next hop is one of our own
 * DIDs (`isOurs`), unpacks the message it carries (with the same options) and
 * marks re_wrapped_in_forward; otherwise returns `result` unchanged (a
 * mediator hands `forwardOf(result.message)` on instead).
 */
export function unwrapForward(result: UnpackResult, options: UnpackOptions, isOurs: (did: string) => boolean): UnpackResult {
  let current = result;
  for (let depth = 0; depth < DIDCOMM_LIMITS.maxLayers; depth++) {
    const fwd = forwardOf(current.message);
    if (fwd === undefined || !isOurs(fwd.next)) return current;
    current = unpackJson(fwd.packed, options);
    current.metadata.re_wrapped_in_forward = true;
  }
  if (forwardOf(current.message) !== undefined) throw new TinydidError('didcomm.bad-envelope', `more than ${DIDCOMM_LIMITS.maxLayers} nested forwards`);
  return current;
}
