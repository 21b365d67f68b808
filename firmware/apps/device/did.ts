// The device's did:peer:2 (did:peer spec, "Method 2") and what it knows of
// DIDs: V (authentication) = the Ed25519 key, E (keyAgreement) = the X25519
// key, S = its DIDComm endpoint (no A: the device signs readings with its
// authentication key, and each key costs the label QR code 75 characters; see
// firmware/apps/README.md, "The label"); a key ring that
// maps the document's key ids to key store ids; and a resolver + short key id
// index (firmware/didcomm/compact/key-id.ts) over its own document and its
// controller's, nothing more, so they stay the same small size for life.
import type { CryptoSuite } from '../../crypto/suite';
import type { DidDocument } from '../../did/document';
import { createPeer2 } from '../../did/peer2';
import { LocalResolver, PEER2_METHOD, type DidMethod } from '../../did/resolver';
import { KidIndex, shortKidCache } from '../../didcomm/compact/key-id';
import { MapKeyRing } from '../../didcomm/key-ring';
import type { KeyStore } from '../../keys/key-store';
import type { IdentityKeys } from './identity';

/** The DID methods a device resolves: did:peer:2 alone (its own DID and its controller's). */
export const DEVICE_DID_METHODS: readonly DidMethod[] = Object.freeze([PEER2_METHOD]);

export interface DeviceDid {
  did: string;
  document: DidDocument;
  /** DID URLs: #key-1 authenticates (signs readings), #key-2 agrees. */
  authenticationKid: string;
  agreementKid: string;
  signPublic: Uint8Array;
  keyRing: MapKeyRing;
}

/** The DID of the identity keys with `endpoint` as its DIDCommMessaging service (DIDComm v2 "Service Endpoint"). */
export function deviceDid(store: KeyStore, keys: IdentityKeys, endpoint: string, suite: CryptoSuite): DeviceDid {
  const signPublic = store.exportPublic(keys.signKeyId);
  const agreePublic = store.exportPublic(keys.agreeKeyId);
  const did = createPeer2([
    { purpose: 'V', key: { crv: 'Ed25519', bytes: signPublic } },
    { purpose: 'E', key: { crv: 'X25519', bytes: agreePublic } },
  ], [{ uri: endpoint, accept: ['didcomm/v2'] }]);
  const document = new LocalResolver({ suite, methods: DEVICE_DID_METHODS }).resolve(did);
  const authenticationKid = document.authentication?.[0] ?? `${did}#key-1`;
  const agreementKid = document.keyAgreement?.[0] ?? `${did}#key-2`;
  const keyRing = new MapKeyRing(store).add(authenticationKid, 'sign', keys.signKeyId).add(agreementKid, 'derive', keys.agreeKeyId);
  return { did, document, authenticationKid, agreementKid, signPublic, keyRing };
}

/** The documents a device knows: its own and, once onboarded, its controller's. */
export interface KnownDids {
  resolver: LocalResolver;
  kidIndex: KidIndex;
}

/** A resolver and short key id index over `own` and the `controller` DID (when there is one). */
export function knownDids(own: DidDocument, controller: string | undefined, suite: CryptoSuite): KnownDids {
  const resolver = new LocalResolver({ suite, documents: [own], methods: DEVICE_DID_METHODS });
  if (controller !== undefined) resolver.add(resolver.resolve(controller));
  const kidIndex = new KidIndex(suite, shortKidCache(resolver, suite));
  for (const doc of resolver.known()) kidIndex.addDocument(doc);
  return { resolver, kidIndex };
}
