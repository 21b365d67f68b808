/**
 * Discover Features 2.0 (DIDComm Messaging v2, "Discover Features Protocol
 * 2.0"): `queries` asks which protocols, goal codes or headers an agent
 * supports, with `*` wildcards in `match`; `disclose` answers on the same
 * thread. Queries come from peers, so they are bounded: at most
 * MAX_QUERIES queries, MAX_MATCH characters each, linear-time matching.
 */
import type { JsonObject } from '../../jose/json';
import type { Random } from '../../host/random';
import type { Message } from '../message';
import { expectType, malformed, objectArray, requiredString } from './body';
import { newMessageId } from './ids';

export const DISCOVER_FEATURES = Object.freeze({
  queries: 'https://didcomm.org/discover-features/2.0/queries',
  disclose: 'https://didcomm.org/discover-features/2.0/disclose',
});

export const DISCOVER_LIMITS = Object.freeze({ maxQueries: 16, maxMatch: 256, maxDisclosures: 64 });

export type FeatureType = 'protocol' | 'goal-code' | 'header' | string;

export interface Feature {
  'feature-type': FeatureType;
  id: string;
  roles?: string[];
}

export interface FeatureQuery {
  'feature-type': FeatureType;
  match: string;
}

/** A queries message. */
export function featureQueries(from: string, to: string, queries: FeatureQuery[], random: Random): Message {
  return { id: newMessageId(random), type: DISCOVER_FEATURES.queries, from, to: [to], body: { queries: queries.map((q) => ({ 'feature-type': q['feature-type'], match: q.match })) } };
}

/**
 * `*` matches any run of characters, everything else itself. Iterative with
 * one backtrack point (the classic two-pointer glob), so time is
 * O(pattern x text) at worst, never exponential.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The queries of a queries message, checked. */
export function parseQueries(message: Message): FeatureQuery[] {
  expectType(message, DISCOVER_FEATURES.queries);
  return objectArray(message.body.queries, 'queries', DISCOVER_LIMITS.maxQueries).map((q) => ({
    'feature-type': requiredString(q, 'feature-type', 64),
    match: requiredString(q, 'match', DISCOVER_LIMITS.maxMatch),
  }));
}

/** The disclose answering `queries` with the `supported` features that match. */
export function discloseFeatures(queries: Message, supported: readonly Feature[], me: string, random: Random): Message {
  const asked = parseQueries(queries);
  const disclosures: JsonObject[] = [];
  for (const f of supported) {
    if (!asked.some((q) => q['feature-type'] === f['feature-type'] && globMatch(q.match, f.id))) continue;
    const d: JsonObject = { 'feature-type': f['feature-type'], id: f.id };
    if (f.roles !== undefined) d.roles = f.roles;
    disclosures.push(d);
  }
  const out: Message = { id: newMessageId(random), type: DISCOVER_FEATURES.disclose, thid: queries.thid ?? queries.id, from: me, body: { disclosures } };
  if (queries.from !== undefined) out.to = [queries.from];
  return out;
}

/** The disclosures of a disclose message, checked. */
export function parseDisclosures(message: Message): Feature[] {
  expectType(message, DISCOVER_FEATURES.disclose);
  return objectArray(message.body.disclosures, 'disclosures', DISCOVER_LIMITS.maxDisclosures).map((d) => {
    const f: Feature = { 'feature-type': requiredString(d, 'feature-type', 64), id: requiredString(d, 'id', DISCOVER_LIMITS.maxMatch) };
    if (d.roles !== undefined) {
      if (!Array.isArray(d.roles) || d.roles.length > 16 || !d.roles.every((r) => typeof r === 'string')) malformed('roles must be an array of strings');
      f.roles = d.roles as string[];
    }
    return f;
  });
}
