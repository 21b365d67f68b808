import { assertBytes } from './check';

/**
 * Constant-time equality for MACs, tags and digests: the time taken depends
 * only on the lengths, never on where the first difference is.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'constantTimeEqual a');
  assertBytes(b, 'constantTimeEqual b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
