// Writing SUIT envelopes (the author's side, draft-ietf-suit-manifest section
// 7 templates): the manifest a single-image or A/B update needs, signed by
// one or more keys through the key store (COSE_Sign1 with the encoded
// SUIT_Digest as detached payload, section 8.3). Used by `tinydid firmware
// sign`, the simulator's gateway and the tests.
import { encodeCbor } from '../cbor/encode';
import { CborTag, type CborValue } from '../cbor/value';
import { createSign1 } from '../cose/sign1';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { KeyStore } from '../keys/key-store';
import { COMMON, CONDITION, COSE_SHA256, DIRECTIVE, ENVELOPE, MANIFEST, PARAMETER, SUIT_ENVELOPE_TAG } from './labels';

/** Reporting policy used on every condition and directive: record on success and failure, sysinfo on both (0b1111). */
const POLICY = 15;

export interface ImageSpec {
  /** SHA-256 of the image. */
  readonly digest: Uint8Array;
  readonly size: number;
  readonly uri: string;
}

export interface ManifestSpec {
  readonly sequenceNumber: number;
  readonly vendorId: Uint8Array;
  readonly classId: Uint8Array;
  /** One image for any slot, or one per slot of an A/B pair (try-each over component-slot, section 7.7). */
  readonly image: ImageSpec | readonly [ImageSpec, ImageSpec];
  /** Manifest version to write (1; anything else only for tests of refusal). */
  readonly version?: number;
  /** Human-readable text (suit-text, section 8.4.4), severed into the envelope. */
  readonly text?: string;
  /** Sever the install sequence into the envelope (section 8.6). */
  readonly severInstall?: boolean;
}

export interface EnvelopeSigner {
  readonly keyStore: KeyStore;
  readonly keyId: string;
  /** kid for the COSE unprotected header. */
  readonly kid?: Uint8Array;
  /** Emit ESP256 (-9) instead of ES256 (-7), or Ed25519 (-19) instead of EdDSA (-8). */
  readonly algorithm?: number;
}

export interface EnvelopeExtras {
  /** Integrated payloads by key (the image's uri, e.g. "#firmware"). */
  readonly integrated?: ReadonlyMap<string, Uint8Array>;
}

function wrap(value: CborValue): Uint8Array {
  return encodeCbor(value);
}

function suitDigest(bytes: Uint8Array): CborValue {
  return [COSE_SHA256, bytes];
}

function imageParameters(image: ImageSpec): Map<number, CborValue> {
  return new Map<number, CborValue>([
    [PARAMETER.imageDigest, wrap(suitDigest(image.digest))],
    [PARAMETER.imageSize, image.size],
  ]);
}

function slotAlternative(slot: number, parameters: Map<number, CborValue>): Uint8Array {
  return wrap([DIRECTIVE.overrideParameters, new Map([[PARAMETER.componentSlot, slot]]), CONDITION.componentSlot, POLICY, DIRECTIVE.overrideParameters, parameters]);
}

function checkSpec(spec: ManifestSpec): readonly ImageSpec[] {
  const images: readonly ImageSpec[] = Array.isArray(spec.image) ? (spec.image as readonly ImageSpec[]) : [spec.image as ImageSpec];
  if (!Number.isInteger(spec.sequenceNumber) || spec.sequenceNumber < 0) throw new TinydidError('suit.malformed', 'sequence number must be an unsigned integer');
  if (spec.vendorId.length !== 16 || spec.classId.length !== 16) throw new TinydidError('suit.malformed', 'vendor-id and class-id are 16-byte UUIDs');
  for (const image of images) {
    if (image.digest.length !== 32 || !Number.isInteger(image.size) || image.size < 0 || image.uri.length === 0) throw new TinydidError('suit.malformed', 'an image needs a 32-byte SHA-256 digest, a size and a uri');
  }
  return images;
}

/** The manifest and the severed members it refers to. */
export interface BuiltManifest {
  readonly manifest: Uint8Array;
  readonly severable: ReadonlyMap<number, Uint8Array>;
}

/** Encodes the manifest (bstr content) for `spec`. */
export function buildManifest(spec: ManifestSpec, suite: CryptoSuite): BuiltManifest {
  const images = checkSpec(spec);
  const ids = new Map<number, CborValue>([
    [PARAMETER.vendorIdentifier, spec.vendorId],
    [PARAMETER.classIdentifier, spec.classId],
  ]);
  let shared: CborValue[];
  let install: CborValue[];
  if (images.length === 1) {
    const params = imageParameters(images[0]);
    for (const [k, v] of ids) params.set(k, v);
    shared = [DIRECTIVE.overrideParameters, params, CONDITION.vendorIdentifier, POLICY, CONDITION.classIdentifier, POLICY];
    install = [DIRECTIVE.overrideParameters, new Map([[PARAMETER.uri, images[0].uri]]), DIRECTIVE.fetch, POLICY, CONDITION.imageMatch, POLICY];
  } else {
    shared = [
      DIRECTIVE.overrideParameters, ids,
      DIRECTIVE.tryEach, images.map((image, slot) => slotAlternative(slot, imageParameters(image))),
      CONDITION.vendorIdentifier, POLICY, CONDITION.classIdentifier, POLICY,
    ];
    install = [
      DIRECTIVE.tryEach, images.map((image, slot) => slotAlternative(slot, new Map([[PARAMETER.uri, image.uri]]))),
      DIRECTIVE.fetch, POLICY, CONDITION.imageMatch, POLICY,
    ];
  }
  const common = new Map<number, CborValue>([
    [COMMON.components, [[Uint8Array.of(0)]]],
    [COMMON.sharedSequence, wrap(shared)],
  ]);
  const manifest = new Map<number, CborValue>([
    [MANIFEST.version, spec.version ?? 1],
    [MANIFEST.sequenceNumber, spec.sequenceNumber],
    [MANIFEST.common, wrap(common)],
    [MANIFEST.validate, wrap([CONDITION.imageMatch, POLICY])],
    [MANIFEST.invoke, wrap([DIRECTIVE.invoke, POLICY])],
  ]);
  const severable = new Map<number, Uint8Array>();
  const installBytes = wrap(install);
  if (spec.severInstall === true) {
    severable.set(MANIFEST.install, installBytes);
    manifest.set(MANIFEST.install, suitDigest(suite.sha256(encodeCbor(installBytes))));
  } else {
    manifest.set(MANIFEST.install, installBytes);
  }
  if (spec.text !== undefined) {
    const text = wrap(new Map([['en', new Map([[1, spec.text]])]]));
    severable.set(MANIFEST.text, text);
    manifest.set(MANIFEST.text, suitDigest(suite.sha256(encodeCbor(text))));
  }
  return Object.freeze({ manifest: wrap(manifest), severable });
}

/** The encoded SUIT_Digest of a manifest bstr content: what every signature signs (section 8.3). */
export function manifestDigest(manifest: Uint8Array, suite: CryptoSuite): Uint8Array {
  return wrap(suitDigest(suite.sha256(encodeCbor(manifest))));
}

/** One COSE_Sign1 over the manifest digest, detached payload (section 8.3). */
export function signManifest(manifest: Uint8Array, signer: EnvelopeSigner, suite: CryptoSuite): Uint8Array {
  return createSign1({
    keyStore: signer.keyStore,
    keyId: signer.keyId,
    payload: manifestDigest(manifest, suite),
    detached: true,
    ...(signer.kid !== undefined ? { kid: signer.kid } : {}),
    ...(signer.algorithm !== undefined ? { algorithm: signer.algorithm } : {}),
  });
}

/** Assembles a tagged SUIT_Envelope from a manifest, its COSE_Sign1 blocks and extras. */
export function assembleEnvelope(built: BuiltManifest, signatures: readonly Uint8Array[], suite: CryptoSuite, extras: EnvelopeExtras = {}): Uint8Array {
  const auth = wrap([manifestDigest(built.manifest, suite), ...signatures]);
  const envelope = new Map<CborValue, CborValue>([
    [ENVELOPE.authenticationWrapper, auth],
    [ENVELOPE.manifest, built.manifest],
  ]);
  for (const [key, member] of built.severable) envelope.set(key, member);
  for (const [key, payload] of extras.integrated ?? new Map<string, Uint8Array>()) envelope.set(key, payload);
  return encodeCbor(new CborTag(SUIT_ENVELOPE_TAG, envelope));
}

/** buildManifest + signManifest for every signer + assembleEnvelope. */
export function createEnvelope(spec: ManifestSpec, signers: readonly EnvelopeSigner[], suite: CryptoSuite, extras: EnvelopeExtras = {}): Uint8Array {
  if (signers.length === 0) throw new TinydidError('suit.unsigned', 'an envelope needs at least one signer');
  const built = buildManifest(spec, suite);
  return assembleEnvelope(built, signers.map((s) => signManifest(built.manifest, s, suite)), suite, extras);
}
