// The outer layer of a SUIT envelope (draft-ietf-suit-manifest section 8.2):
// tag 107 around a map of bstr members. This step only splits the envelope
// into its byte strings; nothing inside the manifest is interpreted before the
// authentication wrapper has been checked (section 8.3, "the signature is
// checked before anything else in the manifest is interpreted").
import { decodeCbor } from '../cbor/decode';
import { CborTag, type CborValue } from '../cbor/value';
import { TinydidError } from '../errors/tinydid-error';
import { ENVELOPE, SEVERABLE_MEMBERS, SUIT_ENVELOPE_TAG } from './labels';
import { DEFAULT_SUIT_LIMITS, SUIT_CBOR_DEPTH, type SuitLimits } from './limits';

export interface SuitEnvelopeParts {
  /** Content of the suit-authentication-wrapper bstr. */
  readonly authenticationWrapper: Uint8Array;
  /** Content of the suit-manifest bstr. */
  readonly manifest: Uint8Array;
  /** Severable members carried in the envelope (section 8.6), by manifest key: bstr contents. */
  readonly severable: ReadonlyMap<number, Uint8Array>;
  /** Integrated payloads (section 7.5), by their text key. */
  readonly integrated: ReadonlyMap<string, Uint8Array>;
}

/**
 * Splits a tagged SUIT_Envelope. Throws `suit.too-large` above
 * `limits.maxEnvelope`, cbor.* for bytes that are not one strict CBOR item
 * (cbor.trailing for bytes after the envelope), `suit.malformed` for a
 * structure that is not a SUIT_Envelope or holds an unknown integer member.
 */
export function splitEnvelope(bytes: Uint8Array, limits: Partial<SuitLimits> = {}): SuitEnvelopeParts {
  const maxEnvelope = limits.maxEnvelope ?? DEFAULT_SUIT_LIMITS.maxEnvelope;
  if (!(bytes instanceof Uint8Array)) throw new TinydidError('suit.malformed', 'a SUIT envelope is a byte string');
  if (bytes.length > maxEnvelope) throw new TinydidError('suit.too-large', `envelope is ${bytes.length} bytes; the limit is ${maxEnvelope}`);
  const value: CborValue = decodeCbor(bytes, { maxDepth: SUIT_CBOR_DEPTH, maxInput: maxEnvelope, maxLength: maxEnvelope });
  if (!(value instanceof CborTag) || value.tag !== SUIT_ENVELOPE_TAG) {
    throw new TinydidError('suit.malformed', `a SUIT envelope is tag ${SUIT_ENVELOPE_TAG} (SUIT_Envelope_Tagged, section 8.2)`);
  }
  const map = value.value;
  if (!(map instanceof Map)) throw new TinydidError('suit.malformed', 'SUIT_Envelope must be a map');
  let authenticationWrapper: Uint8Array | undefined;
  let manifest: Uint8Array | undefined;
  const severable = new Map<number, Uint8Array>();
  const integrated = new Map<string, Uint8Array>();
  for (const [key, member] of map) {
    if (!(member instanceof Uint8Array)) throw new TinydidError('suit.malformed', `envelope member ${String(key)} must be a byte string`);
    if (key === ENVELOPE.authenticationWrapper) authenticationWrapper = member;
    else if (key === ENVELOPE.manifest) manifest = member;
    else if (typeof key === 'number' && SEVERABLE_MEMBERS.includes(key)) severable.set(key, member);
    else if (typeof key === 'string') integrated.set(key, member);
    // Envelope extensions are not defined by the draft; an unknown one may
    // change what the envelope means, so it is refused (critical by default).
    else throw new TinydidError('suit.malformed', `unknown envelope member ${String(key)}`);
  }
  if (authenticationWrapper === undefined) throw new TinydidError('suit.malformed', 'envelope has no suit-authentication-wrapper (key 2)');
  if (manifest === undefined) throw new TinydidError('suit.malformed', 'envelope has no suit-manifest (key 3)');
  return Object.freeze({ authenticationWrapper, manifest, severable, integrated });
}
