/**
 * Trust Ping 2.0 (DIDComm Messaging v2, "Trust Ping Protocol 2.0"): a ping
 * asks for a ping-response on the same thread; it proves the connection works
 * end to end (keys, routing, encryption).
 */
import type { Random } from '../../host/random';
import type { Message } from '../message';
import { expectType, malformed } from './body';
import { newMessageId } from './ids';

export const TRUST_PING = Object.freeze({
  ping: 'https://didcomm.org/trust-ping/2.0/ping',
  response: 'https://didcomm.org/trust-ping/2.0/ping-response',
});

/** A ping from `from` to `to`; response_requested defaults to true (the spec's default). */
export function trustPing(from: string, to: string, random: Random, responseRequested = true): Message {
  return { id: newMessageId(random), type: TRUST_PING.ping, from, to: [to], body: { response_requested: responseRequested } };
}

/** Whether a ping asks for an answer (DIDComm v2: response_requested defaults to true). */
export function responseRequested(ping: Message): boolean {
  expectType(ping, TRUST_PING.ping);
  const v = ping.body.response_requested;
  if (v === undefined) return true;
  if (typeof v !== 'boolean') malformed('response_requested must be a boolean');
  return v;
}

/** The ping-response to `ping`, threaded to it (thid = the ping's id). */
export function trustPingResponse(ping: Message, me: string, random: Random): Message {
  expectType(ping, TRUST_PING.ping);
  const out: Message = { id: newMessageId(random), type: TRUST_PING.response, thid: ping.thid ?? ping.id, from: me, body: {} };
  if (ping.from !== undefined) out.to = [ping.from];
  return out;
}
