// Trust policy for firmware updates (issue "Signed firmware updates", item 2):
// trust anchors (public keys with ids) and a k-of-n threshold per device
// class. Each key counts once toward k, however many anchors or signatures
// name it.
import { toHex } from '../bytes/hex';
import { TinydidError } from '../errors/tinydid-error';

export type AnchorKeyType = 'p256' | 'ed25519';

export interface TrustAnchor {
  /** Id matched against the COSE kid (as UTF-8 bytes) and shown in reports. */
  readonly kid: string;
  readonly type: AnchorKeyType;
  /** 65-byte uncompressed SEC1 point (P-256) or 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

export interface ClassPolicy {
  /** The device class (16-byte class-id UUID) this rule applies to. */
  readonly classId: Uint8Array;
  /** k: distinct trusted keys that must have signed. */
  readonly threshold: number;
  /** Kids of the anchors that count for this class; all anchors when absent. */
  readonly signers?: readonly string[];
}

export interface TrustPolicy {
  readonly anchors: readonly TrustAnchor[];
  /** k for device classes without a rule (default 1). */
  readonly threshold?: number;
  readonly classes?: readonly ClassPolicy[];
}

/** The anchors and k that apply to one device class. */
export interface EffectivePolicy {
  readonly anchors: readonly TrustAnchor[];
  readonly threshold: number;
}

function badTrust(message: string): TinydidError {
  return new TinydidError('suit.bad-trust', message);
}

function checkAnchor(anchor: TrustAnchor): void {
  if (typeof anchor.kid !== 'string' || anchor.kid.length === 0) throw badTrust('a trust anchor needs a non-empty kid');
  if (!(anchor.publicKey instanceof Uint8Array)) throw badTrust(`anchor ${anchor.kid}: public key must be bytes`);
  if (anchor.type === 'p256') {
    if (anchor.publicKey.length !== 65 || anchor.publicKey[0] !== 4) throw badTrust(`anchor ${anchor.kid}: a P-256 key is a 65-byte uncompressed point`);
  } else if (anchor.type === 'ed25519') {
    if (anchor.publicKey.length !== 32) throw badTrust(`anchor ${anchor.kid}: an Ed25519 key is 32 bytes`);
  } else {
    throw badTrust(`anchor ${String(anchor.kid)}: key type must be p256 or ed25519`);
  }
}

/** The identity a key is counted by: its type and public key bytes. */
export function keyIdentity(anchor: TrustAnchor): string {
  return `${anchor.type}:${toHex(anchor.publicKey)}`;
}

/**
 * The anchors and threshold for `classId` (undefined: the default rule).
 * Throws `suit.bad-trust` for an unusable policy: no anchors, a kid used
 * twice, a bad key, k < 1, or k above the number of distinct keys.
 */
export function effectivePolicy(policy: TrustPolicy, classId?: Uint8Array): EffectivePolicy {
  if (!Array.isArray(policy.anchors) || policy.anchors.length === 0) throw badTrust('a trust policy needs at least one anchor');
  const kids = new Set<string>();
  for (const anchor of policy.anchors) {
    checkAnchor(anchor);
    if (kids.has(anchor.kid)) throw badTrust(`kid ${anchor.kid} is used by two anchors`);
    kids.add(anchor.kid);
  }
  let anchors: readonly TrustAnchor[] = policy.anchors;
  let threshold = policy.threshold ?? 1;
  const rule = classId === undefined ? undefined : (policy.classes ?? []).find((c) => toHex(c.classId) === toHex(classId));
  if (rule !== undefined) {
    threshold = rule.threshold;
    if (rule.signers !== undefined) {
      for (const kid of rule.signers) if (!kids.has(kid)) throw badTrust(`class rule names unknown anchor ${kid}`);
      anchors = policy.anchors.filter((a) => rule.signers?.includes(a.kid));
    }
  }
  const distinct = new Set(anchors.map(keyIdentity)).size;
  if (!Number.isInteger(threshold) || threshold < 1) throw badTrust(`threshold must be an integer >= 1, got ${threshold}`);
  if (threshold > distinct) throw badTrust(`threshold ${threshold} is above the ${distinct} distinct trusted keys`);
  return Object.freeze({ anchors: Object.freeze(anchors.slice()), threshold });
}
