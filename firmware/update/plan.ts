// From a verified manifest to the one install this device performs: a single
// firmware image written to the inactive slot of an A/B pair (issue item 1:
// "the subset a single-image or A/B (try-each over slots) update needs").
// Anything else the manifest asks for is `suit.unsupported`.
import { constantTimeEqual } from '../bytes/equal';
import { TinydidError } from '../errors/tinydid-error';
import { sameDigest, requireSha256, type SuitDigest } from './digest';
import { newMachine, runSequence, type DeviceFacts, type ImageRequirement } from './interpret';
import type { VerifiedEnvelope } from './verify';

export interface InstallTarget extends DeviceFacts {
  /** Identifier of the firmware component on this device (default [h'00']). */
  readonly componentId?: readonly Uint8Array[];
  /** The slot the new image goes to (A/B: the inactive one); component-slot conditions compare against it. */
  readonly slot: number;
}

export interface InstallPlan {
  readonly sequenceNumber: number;
  /** Index of the firmware component in the manifest. */
  readonly component: number;
  readonly slot: number;
  readonly digest: SuitDigest;
  readonly size: number;
  /** Where the image comes from (suit-parameter-uri). */
  readonly uri: string;
  /** The image, when the envelope carries it (integrated payload, section 7.5). */
  readonly integrated?: Uint8Array;
}

export const DEFAULT_COMPONENT_ID: readonly Uint8Array[] = Object.freeze([Uint8Array.of(0)]);

function unsupported(message: string): TinydidError {
  return new TinydidError('suit.unsupported', message);
}

function sameId(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((part, i) => part.length === b[i].length && constantTimeEqual(part, b[i]));
}

function merge(requirements: readonly ImageRequirement[], what: string): { digest: SuitDigest; size?: number } | undefined {
  let digest: SuitDigest | undefined;
  let size: number | undefined;
  for (const r of requirements) {
    if (digest !== undefined && !sameDigest(digest, r.digest)) throw unsupported(`${what}: image-match conditions with two different digests`);
    digest = r.digest;
    if (r.size !== undefined) {
      if (size !== undefined && size !== r.size) throw unsupported(`${what}: image-match conditions with two different sizes`);
      size = r.size;
    }
  }
  return digest === undefined ? undefined : size === undefined ? { digest } : { digest, size };
}

/**
 * Runs the shared, payload-fetch and install sequences for `target`
 * (section 6.3) and returns the image to stream. Throws `suit.unsupported`
 * when the manifest installs nothing, more than one image, a component this
 * device does not have, or an image without digest and size;
 * `suit.payload-missing` for a fragment URI the envelope does not carry;
 * the condition codes of the sequences (`suit.condition-failed`, ...).
 */
export function planInstall(verified: VerifiedEnvelope, target: InstallTarget): InstallPlan {
  const { manifest } = verified;
  const facts: DeviceFacts = { ...target, slotFor: () => target.slot };
  const componentId = target.componentId ?? DEFAULT_COMPONENT_ID;
  const index = manifest.components.findIndex((id) => sameId(id, componentId));
  if (index < 0) throw unsupported('the manifest does not name this device\'s firmware component');
  // A single-image or A/B device has one component: its firmware.
  if (manifest.components.length !== 1) throw unsupported(`the manifest names ${manifest.components.length} components; this device has one`);
  if (manifest.install.value === undefined && manifest.payloadFetch.value === undefined) {
    if (manifest.install.digest !== undefined || manifest.payloadFetch.digest !== undefined) {
      throw new TinydidError('suit.severable-missing', 'the install sequence is severed and the envelope does not carry it');
    }
    throw unsupported('the manifest has no install sequence (nothing to install)');
  }
  const state = newMachine(manifest.components.length);
  runSequence(state, manifest.shared, facts);
  if (manifest.payloadFetch.value !== undefined) runSequence(state, manifest.payloadFetch.value, facts);
  if (manifest.install.value !== undefined) runSequence(state, manifest.install.value, facts);

  const firmware = state.components[index];
  if (firmware.source === undefined) throw unsupported('the install sequence does not write this device\'s firmware component');
  // A copy from another component (section 8.4.10.5) needs storage this device
  // does not have; the manifest names only this component (checked above).
  if (firmware.source.kind !== 'fetch') throw unsupported('the firmware component is not fetched');
  const uri = firmware.source.uri;
  const requirements = firmware.requirements;
  // section 8.4.9.2: the image must be checked after it is written.
  const image = merge(requirements, 'install');
  if (image === undefined) throw unsupported('the install sequence does not check image-match on the new image');
  requireSha256(image.digest, 'image-digest');
  const size = image.size ?? firmware.parameters.imageSize;
  if (size === undefined) throw unsupported('no image-size: the device needs it to bound the download');

  // section 8.4.9.2 in suit-validate: the image a boot checks must be the one installed.
  if (manifest.validate !== undefined) {
    const boot = newMachine(manifest.components.length);
    runSequence(boot, manifest.shared, facts);
    runSequence(boot, manifest.validate, facts);
    const check = merge(boot.components[index].requirements, 'validate');
    if (check !== undefined && (!sameDigest(check.digest, image.digest) || (check.size !== undefined && check.size !== size))) {
      throw unsupported('suit-validate checks a different image than the install sequence writes');
    }
  }
  let integrated: Uint8Array | undefined;
  const payload = verified.parts.integrated.get(uri);
  if (payload !== undefined) integrated = payload;
  else if (uri.startsWith('#')) throw new TinydidError('suit.payload-missing', `integrated payload ${uri} is not in the envelope`);
  return Object.freeze({
    sequenceNumber: manifest.sequenceNumber,
    component: index,
    slot: target.slot,
    digest: image.digest,
    size,
    uri,
    ...(integrated !== undefined ? { integrated } : {}),
  });
}
