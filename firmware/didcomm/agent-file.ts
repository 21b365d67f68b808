import { ed25519PublicKey, p256IsValidPrivateKey } from '../crypto/curves';
import type { CryptoSuite } from '../crypto/suite';
import { createPeer2, resolvePeer2 } from '../did/peer2';
import { createPeer4, resolvePeer4 } from '../did/peer4';
import { DIDCOMM_SERVICE_TYPE, endpointToJson, type DidCommEndpoint } from '../did/service';
import type { DidDocument } from '../did/document';
import { TinydidError } from '../errors/tinydid-error';
import { randomBytes, type Random } from '../host/random';
import { privateKeyToJwk, publicKeyToJwk, type PublicKey } from '../jose/jwk';
import type { JsonObject } from '../jose/json';

/**
 * A software agent as one file (the reference implementation's formats):
 * its DID, its DID document and its secrets `[{id, type, privateKeyJwk}]`.
 * For gateways, phones and tests only: a device generates its keys inside
 * its key store and never has a secrets list.
 */
export interface AgentFile {
  did: string;
  didDocument: DidDocument;
  secrets: Array<{ id: string; type: string; privateKeyJwk: JsonObject }>;
}

export interface CreateAgentOptions {
  method?: 'peer2' | 'peer4';
  curve?: '25519' | 'p256';
  services?: DidCommEndpoint[];
  random: Random;
  suite: CryptoSuite;
}

function keyPair(crv: 'Ed25519' | 'X25519' | 'P-256', random: Random, suite: CryptoSuite): { publicKey: PublicKey; d: Uint8Array } {
  for (let i = 0; i < 16; i++) {
    const d = randomBytes(random, 32);
    // RFC 8032 section 5.1.5 (Ed25519 seed), RFC 7748 section 5 (X25519 scalar).
    if (crv === 'Ed25519') return { d, publicKey: { crv, bytes: ed25519PublicKey(d) } };
    if (crv === 'X25519') return { d, publicKey: { crv, bytes: suite.x25519PublicKey(d) } };
    if (p256IsValidPrivateKey(d)) return { d, publicKey: { crv, bytes: suite.p256PublicKey(d) } };
  }
  throw new TinydidError('jose.bad-key', 'the random source gave no valid P-256 scalar in 16 tries');
}

/**
 * Creates a software agent: an authentication key (#key-1: Ed25519 or P-256)
 * and a key-agreement key (#key-2: X25519 or P-256), a did:peer:2 (default)
 * or the long form of a did:peer:4, and its document with JsonWebKey2020
 * verification methods (accepted by the reference implementation as is).
 */
export function createSoftwareAgent(options: CreateAgentOptions): AgentFile {
  const { random, suite } = options;
  const curve = options.curve ?? '25519';
  const auth = keyPair(curve === '25519' ? 'Ed25519' : 'P-256', random, suite);
  const agree = keyPair(curve === '25519' ? 'X25519' : 'P-256', random, suite);
  const services = options.services ?? [];
  let did: string;
  let didDocument: DidDocument;
  if ((options.method ?? 'peer2') === 'peer2') {
    did = createPeer2([{ purpose: 'V', key: auth.publicKey }, { purpose: 'E', key: agree.publicKey }], services);
    didDocument = resolvePeer2(did);
  } else {
    const input = {
      verificationMethod: [
        { id: '#key-1', type: 'JsonWebKey2020', publicKeyJwk: publicKeyToJwk(auth.publicKey) },
        { id: '#key-2', type: 'JsonWebKey2020', publicKeyJwk: publicKeyToJwk(agree.publicKey) },
      ],
      authentication: ['#key-1'],
      keyAgreement: ['#key-2'],
      service: services.map((s, i) => ({ id: i === 0 ? '#service' : `#service-${i}`, type: DIDCOMM_SERVICE_TYPE, serviceEndpoint: endpointToJson(s) })),
    };
    did = createPeer4(input, suite).long;
    didDocument = resolvePeer4(did, suite);
  }
  const secrets = [
    { id: `${did}#key-1`, type: 'JsonWebKey2020', privateKeyJwk: privateKeyToJwk(auth.publicKey, auth.d) },
    { id: `${did}#key-2`, type: 'JsonWebKey2020', privateKeyJwk: privateKeyToJwk(agree.publicKey, agree.d) },
  ];
  auth.d.fill(0);
  agree.d.fill(0);
  return { did, didDocument, secrets };
}
