import { concatBytes } from '../bytes/concat';
import { constantTimeEqual } from '../bytes/equal';
import { utf8Decode, utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { isJsonObject, jsonBytes, parseJson, type JsonObject } from '../jose/json';
import { checkDid } from './did-url';
import { parseDidDocument, type DidDocument } from './document';
import { MULTICODEC_JSON, MULTIHASH_SHA256, fromMultibase, toMultibase } from './multicodec';

const PREFIX = 'did:peer:4';

/** True for a did:peer:4 DID, long or short form. */
export function isPeer4(did: string): boolean {
  return did.startsWith(PREFIX) && did.length > PREFIX.length;
}

function hashOf(encoded: string, suite: CryptoSuite): string {
  // did:peer spec "Method 4": the hash is a base58btc multibase sha2-256
  // multihash of the encoded document string.
  return toMultibase(concatBytes(MULTIHASH_SHA256, suite.sha256(utf8Encode(encoded))));
}

/**
 * Creates a did:peer:4 DID from an input document (no `id`; relative ids such
 * as `#key-1`). Returns the long form (`did:peer:4<hash>:<encoded doc>`) and
 * the short form (`did:peer:4<hash>`).
 */
export function createPeer4(inputDocument: JsonObject, suite: CryptoSuite): { long: string; short: string } {
  if ('id' in inputDocument) throw new TinydidError('did.malformed', 'a did:peer:4 input document has no id');
  const encoded = toMultibase(concatBytes(MULTICODEC_JSON, jsonBytes(inputDocument)));
  const short = `${PREFIX}${hashOf(encoded, suite)}`;
  return { long: checkDid(`${short}:${encoded}`), short: checkDid(short) };
}

/** The short form of a did:peer:4 DID (long or short). */
export function peer4ShortForm(did: string): string {
  if (!isPeer4(did)) throw new TinydidError('did.malformed', 'not a did:peer:4 DID');
  const colon = did.indexOf(':', PREFIX.length);
  return colon < 0 ? did : did.slice(0, colon);
}

/**
 * Resolves a long-form did:peer:4 DID: checks the hash, decodes the document
 * and contextualises it (id = the DID, alsoKnownAs = the short form). A short
 * form cannot be resolved from itself (throws `did.not-found`); a resolver
 * that has seen the long form answers it. Throws `did.malformed`, `did.bad-hash`.
 */
export function resolvePeer4(did: string, suite: CryptoSuite): DidDocument {
  checkDid(did);
  if (!isPeer4(did)) throw new TinydidError('did.malformed', 'not a did:peer:4 DID');
  const colon = did.indexOf(':', PREFIX.length);
  if (colon < 0) throw new TinydidError('did.not-found', 'a did:peer:4 short form resolves only from a known long form');
  const hash = did.slice(PREFIX.length, colon);
  const encoded = did.slice(colon + 1);
  if (!constantTimeEqual(utf8Encode(hash), utf8Encode(hashOf(encoded, suite)))) {
    throw new TinydidError('did.bad-hash', 'did:peer:4 hash does not match the encoded document');
  }
  const bytes = fromMultibase(encoded, did.length);
  if (bytes.length < 2 || bytes[0] !== MULTICODEC_JSON[0] || bytes[1] !== MULTICODEC_JSON[1]) {
    throw new TinydidError('did.malformed', 'did:peer:4 document is not multicodec json');
  }
  let input;
  try {
    input = parseJson(utf8Decode(bytes.subarray(2)), 16);
  } catch (cause) {
    throw new TinydidError('did.malformed', 'did:peer:4 document is not JSON', { cause });
  }
  if (!isJsonObject(input) || 'id' in input) throw new TinydidError('did.malformed', 'did:peer:4 document must be an object without id');
  const doc = parseDidDocument({ ...input, id: did });
  doc.alsoKnownAs = [...(doc.alsoKnownAs ?? []), `${PREFIX}${hash}`];
  return doc;
}

/** The document of the short form, given the document resolved from the long form. */
export function shortFormDocument(longDocument: DidDocument): DidDocument {
  const long = longDocument.id;
  const short = peer4ShortForm(long);
  const swap = (id: string): string => (id.startsWith(`${long}#`) ? `${short}${id.slice(long.length)}` : id);
  return {
    ...longDocument,
    id: short,
    alsoKnownAs: [long],
    verificationMethod: longDocument.verificationMethod.map((vm) => ({ ...vm, id: swap(vm.id), controller: vm.controller === long ? short : vm.controller })),
    authentication: longDocument.authentication.map(swap),
    keyAgreement: longDocument.keyAgreement.map(swap),
    service: longDocument.service.map((s) => ({ ...s, id: swap(s.id) })),
  };
}
