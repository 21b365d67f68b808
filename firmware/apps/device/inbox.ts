// What the device does with an unpacked inbound message, before any answer
// is packed (agent.ts packs and unpacks). Only authcrypt is accepted (the
// envelope authenticates the sender, DIDComm v2 "Message Encryption"):
// - an onboarding request, from anyone (the one message a sender the device
//   does not know yet may send): onboarding.ts decides, and its verdicts
//   (onboarding.bad-proof, .already-paired, .locked, protocol.*) are thrown;
// - from the controller: a replay is thrown (didcomm.replayed); trust pings and
//   feature queries are answered (core.ts); problem reports and responses need
//   no answer; any other type, or a body the protocol refuses, is answered
//   with a problem report (DIDComm v2 "Problem Reports");
// - from anyone else: protocol.untrusted-sender.
import type { ErrorCode } from '../../errors/codes';
import { TinydidError, isTinydidError } from '../../errors/tinydid-error';
import type { Random } from '../../host/random';
import { sameDid } from '../../didcomm/checks';
import type { Message } from '../../didcomm/message';
import { answerCoreProtocol, CORE_TYPES } from '../../didcomm/protocols/core';
import { ONBOARDING, type DeviceOnboarding } from '../../didcomm/protocols/onboarding';
import { problemCodeFor, problemReport, PROBLEM_REPORT } from '../../didcomm/protocols/report-problem';
import type { ReplayCache } from '../../didcomm/replay-cache';
import type { UnpackMetadata } from '../../didcomm/types';

/** Problem code for a message type the device does not handle (DIDComm v2 "Problem Codes": e.p.msg...). */
export const UNSUPPORTED_PROBLEM = 'e.p.msg.unsupported';

export interface InboxState {
  did: string;
  /** The controller's DID, or undefined before onboarding. */
  controller: string | undefined;
  onboarding: DeviceOnboarding;
  replay: ReplayCache;
  random: Random;
  /** UTC epoch seconds, or undefined when the device does not know the time. */
  now: number | undefined;
}

export type InboxDecision =
  /** The sender became the controller; `reply` is the onboarding response. */
  | { kind: 'onboarded'; controller: string; reply: Message }
  /** Answer the controller with `reply`. */
  | { kind: 'reply'; reply: Message }
  /** Nothing to send; `problem` when the controller reported one. */
  | { kind: 'none'; problem?: string };

function problem(state: InboxState, to: string, about: Message, code: string, comment: string): InboxDecision {
  return { kind: 'reply', reply: problemReport(state.did, to, about.thid ?? about.id, { code, comment: comment.slice(0, 200) }, state.random) };
}

/** Decides on `message` as unpack established it (`metadata`); throws the verdicts listed above. */
export function decideInbound(message: Message, metadata: UnpackMetadata, state: InboxState): InboxDecision {
  if (!metadata.encrypted || !metadata.authenticated || message.from === undefined) {
    throw new TinydidError('protocol.unexpected', 'a device accepts authcrypted messages only');
  }
  const sender = message.from;
  if (message.type === ONBOARDING.request) {
    const reply = state.onboarding.handleRequest(message, metadata, state.now);
    return { kind: 'onboarded', controller: sender, reply };
  }
  if (state.controller === undefined || !sameDid(sender, state.controller)) {
    throw new TinydidError('protocol.untrusted-sender', state.controller === undefined ? 'not onboarded: only an onboarding request is accepted' : 'only the controller talks to this device');
  }
  state.replay.checkAndRecord(sender, message.id, message.created_time);
  if (message.type === PROBLEM_REPORT) {
    const code = message.body.code;
    return { kind: 'none', problem: typeof code === 'string' ? code.slice(0, 128) : '(no code)' };
  }
  if (!CORE_TYPES.includes(message.type)) return problem(state, sender, message, UNSUPPORTED_PROBLEM, `this device does not handle ${message.type}`);
  let reply: Message | undefined;
  try {
    reply = answerCoreProtocol(message, state.did, state.random);
  } catch (e) {
    if (!isTinydidError(e)) throw e;
    return problem(state, sender, message, problemCodeFor(e.code as ErrorCode), `${e.code}: ${e.message}`);
  }
  return reply === undefined ? { kind: 'none' } : { kind: 'reply', reply };
}
