/**
 * Report Problem 2.0 (DIDComm Messaging v2, "Problem Reports"): a
 * problem-report names the thread it is about in `pthid` and carries a code
 * `sorter.scope.descriptors` (e: error, w: warning; p: the protocol, m: the
 * message, or a state name; descriptors such as trust.crypto, xfer, req.time).
 */
import type { ErrorCode } from '../../errors/codes';
import type { Random } from '../../host/random';
import type { JsonObject, JsonValue } from '../../jose/json';
import type { Message } from '../message';
import { expectType, malformed, optionalString, requiredString } from './body';
import { newMessageId } from './ids';

export const PROBLEM_REPORT = 'https://didcomm.org/report-problem/2.0/problem-report';

// DIDComm v2 "Problem Codes": sorter, scope, then one or more descriptor tokens (kebab-case).
// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const CODE = (): RegExp => /^[ew]\.(p|m|[a-z0-9-]+)(\.[a-z0-9-]+)+$/;

export interface Problem {
  code: string;
  comment?: string;
  args?: string[];
  escalate_to?: string;
}

/** A problem-report about the thread `pthid`. */
export function problemReport(from: string, to: string | undefined, pthid: string, problem: Problem, random: Random): Message {
  if (!CODE().test(problem.code) || problem.code.length > 128) malformed(`problem code ${problem.code.slice(0, 64)} is not sorter.scope.descriptors`);
  const body: JsonObject = { code: problem.code };
  if (problem.comment !== undefined) body.comment = problem.comment;
  if (problem.args !== undefined) body.args = problem.args;
  if (problem.escalate_to !== undefined) body.escalate_to = problem.escalate_to;
  const out: Message = { id: newMessageId(random), type: PROBLEM_REPORT, pthid, from, body };
  if (to !== undefined) out.to = [to];
  return out;
}

/** The problem a problem-report carries, checked. */
export function parseProblem(message: Message): Problem & { pthid: string } {
  expectType(message, PROBLEM_REPORT);
  if (message.pthid === undefined) malformed('a problem-report names its thread in pthid');
  const code = requiredString(message.body, 'code', 128);
  if (!CODE().test(code)) malformed('problem code is not sorter.scope.descriptors');
  const out: Problem & { pthid: string } = { code, pthid: message.pthid };
  const comment = optionalString(message.body, 'comment', 1024);
  if (comment !== undefined) out.comment = comment;
  const args: JsonValue | undefined = message.body.args;
  if (args !== undefined) {
    if (!Array.isArray(args) || args.length > 16 || !args.every((a) => typeof a === 'string')) malformed('args must be an array of strings');
    out.args = args as string[];
  }
  const escalate = optionalString(message.body, 'escalate_to', 256);
  if (escalate !== undefined) out.escalate_to = escalate;
  return out;
}

/** `{1}`-style placeholders in a comment filled from args (DIDComm v2 "Problem Reports"). */
export function problemText(problem: Problem): string {
  const args = problem.args ?? [];
  return (problem.comment ?? problem.code).replace(/\{(\d{1,2})\}/g, (whole, n: string) => args[Number(n) - 1] ?? whole);
}

/** The problem code tinydid reports for a TinydidError code met while handling a message. */
export function problemCodeFor(code: ErrorCode): string {
  if (code === 'cose.decrypt-failed' || code === 'cose.bad-signature' || code === 'jose.decrypt-failed' || code === 'jose.bad-signature') return 'e.p.trust.crypto';
  if (code === 'didcomm.expired' || code === 'didcomm.time-unknown') return 'e.p.req.time';
  if (code === 'didcomm.replayed') return 'e.p.msg.replay';
  if (code === 'didcomm.unknown-kid' || code.startsWith('did.')) return 'e.p.did';
  if (code === 'didcomm.sender-mismatch' || code === 'didcomm.recipient-mismatch') return 'e.p.trust';
  if (code === 'onboarding.bad-proof') return 'e.p.trust.pairing-code';
  if (code === 'onboarding.already-paired') return 'e.p.req.already-paired';
  if (code === 'onboarding.locked') return 'e.p.req.locked';
  if (code === 'protocol.unexpected') return 'e.p.msg.unexpected';
  return 'e.p.msg';
}
