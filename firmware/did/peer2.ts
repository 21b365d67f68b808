import { fromBase64url, toBase64url } from '../bytes/base64url';
import { utf8Decode } from '../bytes/utf8';
import { TinydidError } from '../errors/tinydid-error';
import { jsonBytes, parseJson } from '../jose/json';
import { publicKeyToJwk, type PublicKey } from '../jose/jwk';
import { DID_LIMITS, checkDid } from './did-url';
import { VM_TYPES, type DidDocument, type Relationship } from './document';
import { decodeMulticodecKey, encodeMulticodecKey, fromMultibase, toMultibase } from './multicodec';
import { abbreviateService, expandService, type DidCommEndpoint } from './service';

/**
 * did:peer:2 purpose codes (did:peer spec "Method 2", 2023): A assertion,
 * E encryption (keyAgreement), V verification (authentication),
 * I capability invocation, D capability delegation; S is a service.
 */
export type Peer2Purpose = 'A' | 'E' | 'V' | 'I' | 'D';
const PURPOSES: Readonly<Record<Peer2Purpose, Relationship>> = Object.freeze({
  A: 'assertionMethod',
  E: 'keyAgreement',
  V: 'authentication',
  I: 'capabilityInvocation',
  D: 'capabilityDelegation',
});

export interface Peer2Key {
  purpose: Peer2Purpose;
  key: PublicKey;
}

const PREFIX = 'did:peer:2';

/** The did:peer:2 DID of `keys` (in order) and `services`. */
export function createPeer2(keys: Peer2Key[], services: DidCommEndpoint[] = []): string {
  if (keys.length === 0) throw new TinydidError('did.malformed', 'did:peer:2 needs at least one key');
  let did = PREFIX;
  for (const { purpose, key } of keys) {
    if (!(purpose in PURPOSES)) throw new TinydidError('did.malformed', `unknown did:peer:2 purpose ${String(purpose)}`);
    did += `.${purpose}${toMultibase(encodeMulticodecKey(key))}`;
  }
  for (const service of services) did += `.S${toBase64url(jsonBytes(abbreviateService(service)))}`;
  return checkDid(did);
}

/** True for a DID of method did:peer:2. */
export function isPeer2(did: string): boolean {
  return did.startsWith(`${PREFIX}.`);
}

/**
 * Resolves a did:peer:2 DID to its document: keys `#key-1`, `#key-2`... in
 * order of appearance, services `#service`, `#service-1`... (2023 rules),
 * JsonWebKey2020 verification methods. Throws `did.malformed`,
 * `jose.unsupported-curve`, `jose.bad-key`.
 */
export function resolvePeer2(did: string): DidDocument {
  checkDid(did);
  if (!isPeer2(did)) throw new TinydidError('did.malformed', 'not a did:peer:2 DID');
  const doc: DidDocument = { id: did, verificationMethod: [], authentication: [], keyAgreement: [], service: [] };
  const elements = did.slice(PREFIX.length + 1).split('.');
  let keyIndex = 0;
  for (const element of elements) {
    const code = element[0];
    const value = element.slice(1);
    if (code === 'S') {
      if (doc.service.length >= DID_LIMITS.maxServices) throw new TinydidError('did.malformed', 'too many services');
      let text: string;
      try {
        text = utf8Decode(fromBase64url(value.replace(/=+$/, '')));
      } catch (cause) {
        throw new TinydidError('did.malformed', 'did:peer:2 service is not base64url JSON', { cause });
      }
      let json;
      try {
        json = parseJson(text, 8);
      } catch (cause) {
        throw new TinydidError('did.malformed', 'did:peer:2 service is not JSON', { cause });
      }
      const service = expandService(json);
      const n = doc.service.length;
      doc.service.push({ id: `${did}${service.id ?? (n === 0 ? '#service' : `#service-${n}`)}`, type: service.type, serviceEndpoint: service.serviceEndpoint });
      continue;
    }
    const relationship = PURPOSES[code as Peer2Purpose];
    if (relationship === undefined || !Object.prototype.hasOwnProperty.call(PURPOSES, code)) {
      throw new TinydidError('did.malformed', `unknown did:peer:2 purpose code ${JSON.stringify(code ?? '')}`);
    }
    if (++keyIndex > DID_LIMITS.maxDocumentMethods) throw new TinydidError('did.malformed', 'too many keys');
    const key = decodeMulticodecKey(fromMultibase(value));
    const id = `${did}#key-${keyIndex}`;
    doc.verificationMethod.push({ id, type: VM_TYPES.jwk, controller: did, publicKeyJwk: publicKeyToJwk(key) });
    (doc[relationship] ??= []).push(id);
  }
  return doc;
}
