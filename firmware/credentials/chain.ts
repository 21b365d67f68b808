// Delegation chains: a grant may carry its parent, which may carry its own,
// up to a fixed length. The chain is valid when every token is signed by its
// issuer, the root issuer is the device controller (fixed at onboarding), all
// tokens are about this device, and each hop is issued by the audience of its
// parent, was allowed to delegate, and only narrows scope and time.
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { decodeGrant, type GrantToken } from './grant';
import type { KeyResolver } from './keys';
import { CREDENTIAL_LIMITS } from './limits';
import { isNarrowing } from './scope';
import { signatureVerifies } from './sign1';

export interface ChainPolicy {
  deviceDid: string;
  /** The controller recorded at onboarding: the only trusted root issuer. */
  controllerDid: string;
  resolveKey: KeyResolver;
  suite: CryptoSuite;
  /** Tokens in a chain, root included (default CREDENTIAL_LIMITS.maxChainLength). */
  maxChainLength?: number;
}

/** Unpacks the leaf and its embedded parents, iteratively and bounded; root first. */
export function unpackChain(leaf: Uint8Array, maxChainLength: number = CREDENTIAL_LIMITS.maxChainLength): GrantToken[] {
  const tokens: GrantToken[] = [];
  let next: Uint8Array | undefined = leaf;
  while (next !== undefined) {
    if (tokens.length >= maxChainLength) {
      throw new TinydidError('grant.chain-too-long', `the delegation chain is longer than ${maxChainLength} tokens`);
    }
    const token = decodeGrant(next);
    tokens.push(token);
    next = token.parent;
  }
  return tokens.reverse();
}

function checkSignature(token: GrantToken, policy: ChainPolicy): void {
  const kid = token.sign1.kid as string;
  let key;
  try {
    key = policy.resolveKey(kid, token.claims.iss);
  } catch (cause) {
    if (cause instanceof TinydidError && cause.code === 'grant.wrong-signer') throw cause;
    throw new TinydidError('grant.wrong-signer', `no key ${kid.slice(0, 120)} for ${token.claims.iss.slice(0, 120)}`, { cause });
  }
  if (!signatureVerifies(token.sign1, key, policy.suite)) throw new TinydidError('grant.bad-signature', `token from ${token.claims.iss.slice(0, 120)}: the signature does not verify (RFC 9052 section 4.4)`);
}

/** The earliest start of a window (undefined = unbounded). */
function startsBefore(child: number | undefined, parent: number | undefined): boolean {
  return parent !== undefined && (child === undefined || child < parent);
}

function endsAfter(child: number | undefined, parent: number | undefined): boolean {
  return parent !== undefined && (child === undefined || child > parent);
}

/**
 * Verifies structure, signatures and delegation rules of a chain (not time,
 * status, audience or cnf: see authorize.ts). Returns the tokens, root first.
 */
export function verifyGrantChain(leaf: Uint8Array, policy: ChainPolicy): GrantToken[] {
  const tokens = unpackChain(leaf, policy.maxChainLength ?? CREDENTIAL_LIMITS.maxChainLength);
  if (tokens[0].claims.iss !== policy.controllerDid) {
    throw new TinydidError('grant.untrusted-root', `the root grant is issued by ${tokens[0].claims.iss.slice(0, 120)}, not the device controller`);
  }
  for (let i = 0; i < tokens.length; i++) {
    const c = tokens[i].claims;
    if (c.sub !== policy.deviceDid) throw new TinydidError('grant.wrong-subject', `token ${i} is about ${c.sub.slice(0, 120)}, not this device`);
    checkSignature(tokens[i], policy);
    if (i === 0) continue;
    const p = tokens[i - 1].claims;
    if (c.iss !== p.aud) throw new TinydidError('grant.broken-chain', `token ${i} is issued by ${c.iss.slice(0, 120)}, not by the audience of its parent`);
    if (p.delegation < 1 || c.delegation >= p.delegation) {
      throw new TinydidError('grant.delegation-denied', `token ${i - 1} allows ${p.delegation} further delegation hop(s); token ${i} asks for ${c.delegation}`);
    }
    if (!isNarrowing(c.scope, p.scope)) throw new TinydidError('grant.scope-widened', `token ${i} grants more than its parent`);
    if (startsBefore(c.nbf, p.nbf) || endsAfter(c.exp, p.exp)) throw new TinydidError('grant.time-widened', `token ${i} is valid outside its parent's nbf..exp`);
  }
  return tokens;
}
