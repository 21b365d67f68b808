import { utf8Encode } from '../bytes/utf8';
import { TinydidError } from '../errors/tinydid-error';
import type { KeyAlgorithm, KeyAttributes, KeyType, KeyUsage } from './key-store';

/** Labels are for people; at most 64 UTF-8 bytes. */
export const MAX_LABEL_BYTES = 64;

/**
 * The one permitted algorithm for each type and usage (PSA Crypto API 1.1
 * section 9.7: a key has one permitted algorithm). Anything else is refused.
 */
const PERMITTED: Readonly<Record<KeyType, Readonly<Partial<Record<KeyUsage, KeyAlgorithm>>>>> = Object.freeze({
  ed25519: Object.freeze({ sign: 'eddsa' }),
  x25519: Object.freeze({ derive: 'ecdh' }),
  p256: Object.freeze({ sign: 'es256', derive: 'ecdh' }),
});

/** Stable one-byte codes for stored records (never renumber). */
export const TYPE_CODES: readonly KeyType[] = Object.freeze(['ed25519', 'x25519', 'p256']);
export const USAGE_CODES: readonly KeyUsage[] = Object.freeze(['sign', 'derive']);
export const ALGORITHM_CODES: readonly KeyAlgorithm[] = Object.freeze(['eddsa', 'es256', 'ecdh']);

/** The permitted algorithm for a type and usage, or undefined when the pair makes no sense. */
export function permittedAlgorithm(type: KeyType, usage: KeyUsage): KeyAlgorithm | undefined {
  return Object.prototype.hasOwnProperty.call(PERMITTED, type) ? PERMITTED[type][usage] : undefined;
}

/**
 * Checks attributes at the API boundary and returns a clean copy; throws
 * `keys.bad-attributes` (unknown type, usage, algorithm, persistence, a label
 * too long, or an algorithm the type and usage do not allow).
 */
export function checkAttributes(attributes: unknown): KeyAttributes {
  if (typeof attributes !== 'object' || attributes === null) throw new TinydidError('keys.bad-attributes', 'attributes must be an object');
  const a = attributes as Record<string, unknown>;
  if (!TYPE_CODES.includes(a.type as KeyType)) throw new TinydidError('keys.bad-attributes', `unknown key type ${String(a.type)} (ed25519, x25519, p256)`);
  if (!USAGE_CODES.includes(a.usage as KeyUsage)) throw new TinydidError('keys.bad-attributes', `unknown usage ${String(a.usage)} (sign, derive)`);
  if (a.persistence !== 'volatile' && a.persistence !== 'persistent') throw new TinydidError('keys.bad-attributes', 'persistence must be volatile or persistent');
  const type = a.type as KeyType;
  const usage = a.usage as KeyUsage;
  const permitted = permittedAlgorithm(type, usage);
  if (permitted === undefined) throw new TinydidError('keys.bad-attributes', `a ${type} key cannot be used to ${usage}`);
  if (a.algorithm !== permitted) throw new TinydidError('keys.bad-attributes', `a ${type} ${usage} key permits ${permitted}, not ${String(a.algorithm)}`);
  const out: KeyAttributes = { type, usage, algorithm: permitted, persistence: a.persistence };
  if (a.label !== undefined) {
    if (typeof a.label !== 'string' || utf8Encode(a.label).length > MAX_LABEL_BYTES) {
      throw new TinydidError('keys.bad-attributes', `label must be a string of at most ${MAX_LABEL_BYTES} UTF-8 bytes`);
    }
    out.label = a.label;
  }
  return out;
}

/** Attributes for the usual case: the permitted algorithm filled in, persistent. */
export function defaultAttributes(type: KeyType, usage: KeyUsage, label?: string): KeyAttributes {
  const algorithm = permittedAlgorithm(type, usage);
  if (algorithm === undefined) throw new TinydidError('keys.bad-attributes', `a ${type} key cannot be used to ${usage}`);
  return label === undefined ? { type, usage, algorithm, persistence: 'persistent' } : { type, usage, algorithm, persistence: 'persistent', label };
}
