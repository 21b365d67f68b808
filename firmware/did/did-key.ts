import { ed25519ToX25519 } from '../crypto/curves';
import { TinydidError } from '../errors/tinydid-error';
import { publicKeyToJwk, type PublicKey } from '../jose/jwk';
import { checkDid } from './did-url';
import { VM_TYPES, type DidDocument, type VerificationMethod } from './document';
import { decodeMulticodecKey, encodeMulticodecKey, fromMultibase, toMultibase } from './multicodec';

const PREFIX = 'did:key:';

/** The did:key DID of a public key (did:key spec section 3.1: multibase(multicodec(key))). */
export function createDidKey(key: PublicKey): string {
  return checkDid(`${PREFIX}${toMultibase(encodeMulticodecKey(key))}`);
}

export function isDidKey(did: string): boolean {
  return did.startsWith(PREFIX);
}

function method(did: string, fragment: string, key: PublicKey): VerificationMethod {
  return { id: `${did}#${fragment}`, type: VM_TYPES.jwk, controller: did, publicKeyJwk: publicKeyToJwk(key) };
}

/**
 * Resolves did:key for Ed25519 (0xed), X25519 (0xec) and P-256 (0x1200)
 * (did:key spec section 3.1.2 "Document Creation Algorithm"). An Ed25519 key
 * also yields its X25519 key-agreement key (RFC 7748 section 4.1 birational
 * map), as the spec's enableEncryptionKeyDerivation option does. Throws
 * `did.malformed`, `did.unsupported-method`, `jose.unsupported-curve`.
 */
export function resolveDidKey(did: string): DidDocument {
  checkDid(did);
  if (!isDidKey(did)) throw new TinydidError('did.malformed', 'not a did:key DID');
  const multibase = did.slice(PREFIX.length);
  const key = decodeMulticodecKey(fromMultibase(multibase, 256));
  const doc: DidDocument = { id: did, verificationMethod: [], authentication: [], keyAgreement: [], assertionMethod: [], service: [] };
  const main = method(did, multibase, key);
  doc.verificationMethod.push(main);
  if (key.crv === 'X25519') {
    doc.keyAgreement.push(main.id);
  } else if (key.crv === 'Ed25519' || key.crv === 'P-256') {
    doc.authentication.push(main.id);
    doc.assertionMethod = [main.id];
    if (key.crv === 'P-256') doc.keyAgreement.push(main.id);
    else {
      const x: PublicKey = { crv: 'X25519', bytes: ed25519ToX25519(key.bytes) };
      const agreement = method(did, toMultibase(encodeMulticodecKey(x)), x);
      doc.verificationMethod.push(agreement);
      doc.keyAgreement.push(agreement.id);
    }
  } else {
    throw new TinydidError('did.unsupported-method', `did:key with a ${key.crv} key is not supported`);
  }
  return doc;
}
