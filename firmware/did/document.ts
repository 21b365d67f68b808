import { TinydidError } from '../errors/tinydid-error';
import { isJsonObject, type JsonObject, type JsonValue } from '../jose/json';
import { publicKeyFromJwk, type PublicKey } from '../jose/jwk';
import { DID_LIMITS, checkDid, splitDidUrl } from './did-url';
import { decodeMulticodecKey, fromBase58, fromMultibase } from './multicodec';
import { validatePublicKey } from '../jose/jwk';

/** W3C DID Core section 5.2: a verification method. */
export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyJwk?: JsonObject;
  publicKeyMultibase?: string;
  publicKeyBase58?: string;
}

/** W3C DID Core section 5.4; DIDComm v2 "DID Document Service Endpoint" for type DIDCommMessaging. */
export interface Service {
  id: string;
  type: string;
  serviceEndpoint: JsonValue;
}

/** A DID document with the members DIDComm uses (DID Core section 5). */
export interface DidDocument {
  id: string;
  alsoKnownAs?: string[];
  verificationMethod: VerificationMethod[];
  authentication: string[];
  keyAgreement: string[];
  assertionMethod?: string[];
  capabilityInvocation?: string[];
  capabilityDelegation?: string[];
  service: Service[];
}

export type Relationship = 'authentication' | 'keyAgreement' | 'assertionMethod' | 'capabilityInvocation' | 'capabilityDelegation';
const RELATIONSHIPS: readonly Relationship[] = Object.freeze(['authentication', 'keyAgreement', 'assertionMethod', 'capabilityInvocation', 'capabilityDelegation']);

export const VM_TYPES = Object.freeze({
  jwk: 'JsonWebKey2020',
  multikey: 'Multikey',
});

function bad(message: string): never {
  throw new TinydidError('did.bad-document', message);
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > DID_LIMITS.maxDidLength) bad(`${what} must be a non-empty string`);
  return value;
}

/** Makes a relative DID URL (`#key-1`) absolute against `did`. */
export function absoluteId(did: string, id: string): string {
  return id.startsWith('#') ? `${did}${id}` : id;
}

function parseMethod(value: unknown, did: string): VerificationMethod {
  if (!isJsonObject(value)) bad('verification method must be an object');
  const vm: VerificationMethod = {
    id: absoluteId(did, str(value.id, 'verificationMethod id')),
    type: str(value.type, 'verificationMethod type'),
    controller: typeof value.controller === 'string' ? value.controller : did,
  };
  if (value.publicKeyJwk !== undefined) {
    if (!isJsonObject(value.publicKeyJwk)) bad('publicKeyJwk must be an object');
    vm.publicKeyJwk = value.publicKeyJwk;
  }
  if (value.publicKeyMultibase !== undefined) vm.publicKeyMultibase = str(value.publicKeyMultibase, 'publicKeyMultibase');
  if (value.publicKeyBase58 !== undefined) vm.publicKeyBase58 = str(value.publicKeyBase58, 'publicKeyBase58');
  return vm;
}

/**
 * Validates an untrusted DID document (from a file, a resolver or a peer) and
 * returns it with absolute ids. Embedded verification methods in a
 * relationship are moved into verificationMethod. Throws `did.bad-document`.
 */
export function parseDidDocument(value: unknown): DidDocument {
  if (!isJsonObject(value)) bad('DID document must be a JSON object');
  let id: string;
  try {
    id = checkDid(value.id);
  } catch (cause) {
    throw new TinydidError('did.bad-document', 'DID document id is not a DID', { cause });
  }
  const methods: VerificationMethod[] = [];
  const vmList = value.verificationMethod ?? [];
  if (!Array.isArray(vmList)) bad('verificationMethod must be an array');
  for (const v of vmList) methods.push(parseMethod(v, id));
  const doc: DidDocument = { id, verificationMethod: methods, authentication: [], keyAgreement: [], service: [] };
  for (const rel of RELATIONSHIPS) {
    const list = value[rel];
    if (list === undefined) continue;
    if (!Array.isArray(list)) bad(`${rel} must be an array`);
    const ids: string[] = [];
    for (const entry of list) {
      if (typeof entry === 'string') ids.push(absoluteId(id, str(entry, rel)));
      else {
        const vm = parseMethod(entry, id);
        methods.push(vm);
        ids.push(vm.id);
      }
    }
    doc[rel] = ids;
  }
  if (methods.length > DID_LIMITS.maxDocumentMethods) bad(`more than ${DID_LIMITS.maxDocumentMethods} verification methods`);
  if (value.alsoKnownAs !== undefined) {
    if (!Array.isArray(value.alsoKnownAs)) bad('alsoKnownAs must be an array');
    doc.alsoKnownAs = value.alsoKnownAs.map((a) => str(a, 'alsoKnownAs'));
  }
  const services = value.service ?? [];
  if (!Array.isArray(services) || services.length > DID_LIMITS.maxServices) bad(`service must be an array of at most ${DID_LIMITS.maxServices}`);
  for (const s of services) {
    if (!isJsonObject(s)) bad('service must be an object');
    if (s.serviceEndpoint === undefined) bad('service has no serviceEndpoint');
    doc.service.push({ id: absoluteId(id, str(s.id, 'service id')), type: str(s.type, 'service type'), serviceEndpoint: s.serviceEndpoint });
  }
  return doc;
}

/**
 * The public key a verification method carries: publicKeyJwk (JsonWebKey2020),
 * publicKeyMultibase (Multikey and the *2020 types, multicodec-prefixed; the
 * X25519KeyAgreementKey2019 / Ed25519VerificationKey2018 types raw), or
 * publicKeyBase58 (raw key, *2018/*2019 types).
 */
export function publicKeyOfMethod(vm: VerificationMethod): PublicKey {
  if (vm.publicKeyJwk !== undefined) return publicKeyFromJwk(vm.publicKeyJwk);
  const rawCurve = vm.type === 'X25519KeyAgreementKey2019' ? 'X25519' : vm.type === 'Ed25519VerificationKey2018' ? 'Ed25519' : undefined;
  if (vm.publicKeyBase58 !== undefined) {
    if (rawCurve === undefined) throw new TinydidError('did.bad-document', `publicKeyBase58 with type ${vm.type}`);
    return validatePublicKey(rawCurve, fromBase58(vm.publicKeyBase58));
  }
  if (vm.publicKeyMultibase !== undefined) {
    const bytes = fromMultibase(vm.publicKeyMultibase);
    return rawCurve !== undefined && bytes.length === 32 ? validatePublicKey(rawCurve, bytes) : decodeMulticodecKey(bytes);
  }
  throw new TinydidError('did.bad-document', `verification method ${vm.id} has no public key`);
}

/** The verification method `kid` of `doc`; throws `did.key-not-found`. */
export function findMethod(doc: DidDocument, kid: string): VerificationMethod {
  const vm = doc.verificationMethod.find((m) => m.id === kid);
  if (vm === undefined) throw new TinydidError('did.key-not-found', `${kid} is not in the document of ${doc.id}`);
  return vm;
}

/** The ids listed under `relationship` (in document order). */
export function relationshipIds(doc: DidDocument, relationship: Relationship): string[] {
  return doc[relationship] ?? [];
}

/** The method `kid` if `doc` lists it under `relationship`; throws `did.key-not-found`. */
export function methodFor(doc: DidDocument, kid: string, relationship: Relationship): VerificationMethod {
  if (!relationshipIds(doc, relationship).includes(kid)) {
    throw new TinydidError('did.key-not-found', `${kid} is not a ${relationship} key of ${doc.id}`);
  }
  splitDidUrl(kid);
  return findMethod(doc, kid);
}
