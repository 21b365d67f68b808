// Choosing the key a message names: by kid when the message carries one, else
// every candidate that fits (RFC 9052 section 3.1: kid is a hint, not an identity).
import { constantTimeEqual } from '../bytes/equal';
import type { CoseKey } from './key';

/** Candidate keys, or a function that returns them for a kid (undefined: the message has none). */
export type KeyResolver = readonly CoseKey[] | ((kid: Uint8Array | undefined) => readonly CoseKey[]);

function sameKid(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && constantTimeEqual(a, b);
}

/** Keys from `resolver` that may be the one named by `kid` and that `fits`. */
export function candidateKeys(resolver: KeyResolver, kid: Uint8Array | undefined, fits: (key: CoseKey) => boolean): CoseKey[] {
  const all = typeof resolver === 'function' ? resolver(kid) : resolver;
  if (!Array.isArray(all)) return [];
  return all.filter((key) => {
    if (kid !== undefined && key.kid !== undefined && !sameKid(kid, key.kid)) return false;
    return fits(key);
  });
}
