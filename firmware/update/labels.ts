// Integer labels of draft-ietf-suit-manifest (section 8 and the CDDL in its
// appendix A), as frozen tables. Names follow the CDDL without the `suit-`
// prefix.

/** SUIT_Envelope tag (section 8.2) and the map keys of SUIT_Envelope. */
export const SUIT_ENVELOPE_TAG = 107;
export const ENVELOPE = Object.freeze({
  authenticationWrapper: 2,
  manifest: 3,
});

/** SUIT_Manifest keys (section 8.4). */
export const MANIFEST = Object.freeze({
  version: 1,
  sequenceNumber: 2,
  common: 3,
  referenceUri: 4,
  validate: 7,
  load: 8,
  invoke: 9,
  payloadFetch: 16,
  install: 20,
  text: 23,
});

/** Members that may be severed (section 8.6): the manifest holds their SUIT_Digest. */
export const SEVERABLE_MEMBERS: readonly number[] = Object.freeze([MANIFEST.payloadFetch, MANIFEST.install, MANIFEST.text]);

/** SUIT_Common keys (section 8.4.5). */
export const COMMON = Object.freeze({
  components: 2,
  sharedSequence: 4,
});

/** Conditions (section 8.4.9). */
export const CONDITION = Object.freeze({
  vendorIdentifier: 1,
  classIdentifier: 2,
  imageMatch: 3,
  componentSlot: 5,
  checkContent: 6,
  abort: 14,
  deviceIdentifier: 24,
});

/** Directives (section 8.4.10). */
export const DIRECTIVE = Object.freeze({
  setComponentIndex: 12,
  tryEach: 15,
  write: 18,
  overrideParameters: 20,
  fetch: 21,
  copy: 22,
  invoke: 23,
  swap: 31,
  runSequence: 32,
});

/** Parameters (section 8.4.8). */
export const PARAMETER = Object.freeze({
  vendorIdentifier: 1,
  classIdentifier: 2,
  imageDigest: 3,
  componentSlot: 5,
  strictOrder: 12,
  softFailure: 13,
  imageSize: 14,
  content: 18,
  uri: 21,
  sourceComponent: 22,
  invokeArgs: 23,
  deviceIdentifier: 24,
  fetchArguments: 25,
});

/** COSE hash algorithm ids for SUIT_Digest (section 12, RFC 9054). Only SHA-256 is required. */
export const COSE_SHA256 = -16;
export const SUIT_DIGEST_ALGORITHMS: readonly number[] = Object.freeze([-16, -18, -43, -44, -45]);

/** CBOR tag for an IANA Private Enterprise Number vendor id (section 8.4.8.3). */
export const CBOR_PEN_TAG = 112;
