/**
 * The core protocols every tinydid agent answers by itself: a trust ping
 * that asks for a response, and a discover-features query. Everything else
 * is the application's (readings, consent, updates).
 */
import type { Random } from '../../host/random';
import type { Message } from '../message';
import { DISCOVER_FEATURES, discloseFeatures, type Feature } from './discover-features';
import { ONBOARDING } from './onboarding';
import { PROBLEM_REPORT } from './report-problem';
import { OOB_INVITATION } from './out-of-band';
import { TRUST_PING, responseRequested, trustPingResponse } from './trust-ping';

/** The protocols of this folder, as discover-features discloses them (DIDComm v2 protocol ids: the type URI up to the version). */
export const CORE_FEATURES: readonly Feature[] = Object.freeze([
  { 'feature-type': 'protocol', id: 'https://didcomm.org/trust-ping/2.0', roles: ['sender', 'receiver'] },
  { 'feature-type': 'protocol', id: 'https://didcomm.org/discover-features/2.0', roles: ['requester', 'responder'] },
  { 'feature-type': 'protocol', id: 'https://didcomm.org/report-problem/2.0' },
  { 'feature-type': 'protocol', id: 'https://didcomm.org/out-of-band/2.0' },
  { 'feature-type': 'protocol', id: 'https://tinydid.org/onboarding/1.0', roles: ['device', 'controller'] },
  { 'feature-type': 'goal-code', id: ONBOARDING.goalCode },
]);

/** Types this module answers or that belong to the core protocols. */
export const CORE_TYPES: readonly string[] = Object.freeze([TRUST_PING.ping, TRUST_PING.response, DISCOVER_FEATURES.queries, DISCOVER_FEATURES.disclose, PROBLEM_REPORT, OOB_INVITATION]);

/**
 * The answer to a core protocol message, or undefined when it needs none (a
 * ping without response_requested, a response, another protocol). `features`
 * are what the agent discloses (default CORE_FEATURES).
 */
export function answerCoreProtocol(message: Message, me: string, random: Random, features: readonly Feature[] = CORE_FEATURES): Message | undefined {
  if (message.type === TRUST_PING.ping) return responseRequested(message) ? trustPingResponse(message, me, random) : undefined;
  if (message.type === DISCOVER_FEATURES.queries) return discloseFeatures(message, features, me, random);
  return undefined;
}
