// SUIT_Manifest (draft-ietf-suit-manifest section 8.4), decoded only after the
// authentication wrapper has been verified (authenticate.ts). Every member is
// checked against the CDDL; a member this decoder does not know is refused as
// `suit.malformed` (all manifest members are critical except suit-text, which
// is recipient-unnecessary and only checked to be a map, section 8.4.4).
import { encodeCbor } from '../cbor/encode';
import type { CborValue } from '../cbor/value';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { decodeWrapped, parseSequence, type SequenceBudget, type SuitCommand } from './commands';
import { digestMatches, parseSuitDigest, type SuitDigest } from './digest';
import type { SuitEnvelopeParts } from './envelope';
import { COMMON, MANIFEST } from './labels';
import type { SuitLimits } from './limits';

/** A severable member: present (inline in the manifest or carried in the envelope and matching its digest) or severed. */
export interface SeverableMember<T> {
  /** The member's digest when the manifest holds it severed (section 8.6). */
  readonly digest?: SuitDigest;
  /** The member, when it is available (inline, or severed and carried in the envelope). */
  readonly value?: T;
}

export interface SuitManifest {
  readonly version: 1;
  readonly sequenceNumber: number;
  readonly components: readonly (readonly Uint8Array[])[];
  readonly shared: readonly SuitCommand[];
  readonly referenceUri?: string;
  readonly validate?: readonly SuitCommand[];
  readonly load?: readonly SuitCommand[];
  readonly invoke?: readonly SuitCommand[];
  readonly payloadFetch: SeverableMember<readonly SuitCommand[]>;
  readonly install: SeverableMember<readonly SuitCommand[]>;
  readonly text: SeverableMember<CborValue>;
}

function malformed(message: string): TinydidError {
  return new TinydidError('suit.malformed', message);
}

function bstr(value: CborValue, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw malformed(`${what} must be a byte string`);
  return value;
}

/** SUIT_Components = [+ SUIT_Component_Identifier], SUIT_Component_Identifier = [* bstr] (section 8.4.5.1). */
function parseComponents(value: CborValue, limits: SuitLimits): readonly (readonly Uint8Array[])[] {
  if (!Array.isArray(value) || value.length === 0) throw malformed('suit-components must be a non-empty array');
  if (value.length > limits.maxComponents) throw new TinydidError('suit.too-large', `${value.length} components; the limit is ${limits.maxComponents}`);
  return Object.freeze(
    value.map((id, i) => {
      if (!Array.isArray(id)) throw malformed(`component ${i}: a SUIT_Component_Identifier is an array of byte strings`);
      return Object.freeze(id.map((part) => bstr(part, `component ${i} identifier part`)));
    }),
  );
}

/** suit-text: SUIT_Text_Map, only checked to be a map (section 8.4.4). */
function parseText(content: Uint8Array): CborValue {
  const value = decodeWrapped(content, 'suit-text');
  if (!(value instanceof Map)) throw malformed('suit-text must be a map');
  return value;
}

/**
 * Decodes the manifest bstr content and resolves its severable members
 * against the envelope (section 8.6). Throws `suit.bad-version` for a version
 * other than 1, `suit.severable-mismatch` for an envelope member that does not
 * match its digest, `suit.unsupported` for a sequence number beyond 2^53-1,
 * `suit.malformed` / `suit.too-large` otherwise. A severed member that the
 * envelope does not carry is left without `value` (the caller decides whether
 * it needs it: `suit.severable-missing`).
 */
export function parseManifest(parts: SuitEnvelopeParts, suite: CryptoSuite, limits: SuitLimits): SuitManifest {
  const map = decodeWrapped(parts.manifest, 'suit-manifest');
  if (!(map instanceof Map)) throw malformed('SUIT_Manifest must be a map');
  // section 8.4.1: the version is checked first, so that a future encoding is
  // refused as such rather than as malformed.
  const version = map.get(MANIFEST.version);
  if (version !== 1) throw new TinydidError('suit.bad-version', `manifest-version is ${String(version)}; only 1 is supported`);
  const seq = map.get(MANIFEST.sequenceNumber);
  if (typeof seq === 'bigint' && seq > 0n) throw new TinydidError('suit.unsupported', 'manifest-sequence-number beyond 2^53-1');
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) throw malformed('manifest-sequence-number must be an unsigned integer (section 8.4.2)');

  const commonBytes = map.get(MANIFEST.common);
  if (commonBytes === undefined) throw malformed('manifest has no suit-common (section 8.4.5)');
  const common = decodeWrapped(bstr(commonBytes, 'suit-common'), 'suit-common');
  if (!(common instanceof Map)) throw malformed('SUIT_Common must be a map');
  for (const key of common.keys()) {
    if (key !== COMMON.components && key !== COMMON.sharedSequence) throw malformed(`unknown suit-common member ${String(key)}`);
  }
  const componentsValue = common.get(COMMON.components);
  // The CDDL makes suit-components optional (a dependency manifest); a device
  // manifest without components has nothing this device can install.
  if (componentsValue === undefined) throw new TinydidError('suit.unsupported', 'manifest without suit-components (dependency manifests are not supported)');
  const components = parseComponents(componentsValue, limits);
  const budget: SequenceBudget = { limits, componentCount: components.length, commands: 0 };
  const sharedBytes = common.get(COMMON.sharedSequence);
  const shared = sharedBytes === undefined ? Object.freeze([]) : parseSequence(bstr(sharedBytes, 'suit-shared-sequence'), budget, true, 0, 'shared sequence');

  let referenceUri: string | undefined;
  let validate: readonly SuitCommand[] | undefined;
  let load: readonly SuitCommand[] | undefined;
  let invoke: readonly SuitCommand[] | undefined;
  const severable = new Map<number, { digest?: SuitDigest; content?: Uint8Array }>();
  for (const [key, value] of map) {
    switch (key) {
      case MANIFEST.version:
      case MANIFEST.sequenceNumber:
      case MANIFEST.common:
        break;
      case MANIFEST.referenceUri:
        if (typeof value !== 'string') throw malformed('suit-reference-uri must be a text string');
        referenceUri = value;
        break;
      case MANIFEST.validate:
        validate = parseSequence(bstr(value, 'suit-validate'), budget, false, 0, 'validate');
        break;
      case MANIFEST.load:
        load = parseSequence(bstr(value, 'suit-load'), budget, false, 0, 'load');
        break;
      case MANIFEST.invoke:
        invoke = parseSequence(bstr(value, 'suit-invoke'), budget, false, 0, 'invoke');
        break;
      case MANIFEST.payloadFetch:
      case MANIFEST.install:
      case MANIFEST.text:
        // SUIT_Severable_Members_Choice: SUIT_Digest (severed) or the bstr itself.
        if (value instanceof Uint8Array) severable.set(key, { content: value });
        else severable.set(key, { digest: parseSuitDigest(value, `severed member ${key}`) });
        break;
      default:
        throw malformed(`unknown manifest member ${String(key)}`);
    }
  }

  // section 8.6: an envelope member must correspond to a severed manifest
  // member and match its digest, computed over the whole bstr (header included).
  for (const [key, content] of parts.severable) {
    const entry = severable.get(key);
    if (entry === undefined || entry.digest === undefined) throw malformed(`envelope carries member ${key} that the manifest does not hold severed`);
    if (!digestMatches(suite, entry.digest, encodeCbor(content), `severed member ${key}`)) {
      throw new TinydidError('suit.severable-mismatch', `envelope member ${key} does not match its digest in the manifest`);
    }
    entry.content = content;
  }
  const member = <T>(key: number, parse: (content: Uint8Array) => T): SeverableMember<T> => {
    const entry = severable.get(key);
    if (entry === undefined) return Object.freeze({});
    const out: { digest?: SuitDigest; value?: T } = {};
    if (entry.digest !== undefined) out.digest = entry.digest;
    if (entry.content !== undefined) out.value = parse(entry.content);
    return Object.freeze(out);
  };
  const manifest: SuitManifest = {
    version: 1,
    sequenceNumber: seq,
    components,
    shared,
    ...(referenceUri !== undefined ? { referenceUri } : {}),
    ...(validate !== undefined ? { validate } : {}),
    ...(load !== undefined ? { load } : {}),
    ...(invoke !== undefined ? { invoke } : {}),
    payloadFetch: member(MANIFEST.payloadFetch, (c) => parseSequence(c, budget, false, 0, 'payload-fetch')),
    install: member(MANIFEST.install, (c) => parseSequence(c, budget, false, 0, 'install')),
    text: member(MANIFEST.text, parseText),
  };
  return Object.freeze(manifest);
}
