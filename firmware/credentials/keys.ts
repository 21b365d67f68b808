// How firmware/credentials reaches keys: private keys only through the key
// store (a CoseSigner wraps one key-store key), public keys of issuers through
// a resolver from a DID URL (kid) to the key, checked against the issuer DID.
import { splitDidUrl } from '../did/did-url';
import { methodFor, publicKeyOfMethod, relationshipIds, type Relationship } from '../did/document';
import type { DidResolver } from '../did/resolver';
import { TinydidError } from '../errors/tinydid-error';
import type { KeyStore } from '../keys/key-store';

/** A public key that verifies signatures: Ed25519 (32 bytes) or P-256 (SEC1). */
export interface VerifyKey {
  crv: string;
  bytes: Uint8Array;
}

/**
 * Signs as `kid` (a DID URL) with the key-store key `keyId` (Ed25519: EdDSA
 * -8; P-256: ES256 -7). The private key never leaves the key store.
 */
export interface CoseSigner {
  readonly keyStore: KeyStore;
  readonly keyId: string;
  readonly kid: string;
}

/**
 * The public key of the verification method `kid`, which must be an
 * assertionMethod key of the DID `issuer`. Throws `grant.wrong-signer` (or
 * the code the caller maps it to) when it is not.
 */
export type KeyResolver = (kid: string, issuer: string) => VerifyKey;

/** A CoseSigner over the key-store key `keyId`. */
export function keyStoreSigner(keyStore: KeyStore, keyId: string, kid: string): CoseSigner {
  return Object.freeze({ keyStore, keyId, kid });
}

export interface DidKeyResolverOptions {
  /**
   * Relationships a signing key may be listed under (default: assertionMethod
   * only, W3C DID Core section 5.3.2). A named relaxation: gateways may add
   * 'authentication' for agents whose documents have no assertionMethod.
   */
  relationships?: readonly Relationship[];
}

/**
 * A KeyResolver over DID resolution (firmware/did): `kid` must be a DID URL of
 * `issuer`, listed under one of the allowed relationships.
 */
export function didKeyResolver(resolver: DidResolver, options: DidKeyResolverOptions = {}): KeyResolver {
  const relationships = options.relationships ?? ['assertionMethod'];
  return (kid, issuer) => {
    try {
      if (splitDidUrl(kid).did !== issuer) throw new TinydidError('grant.wrong-signer', `kid ${kid.slice(0, 120)} is not a key of ${issuer.slice(0, 120)}`);
      const doc = resolver.resolve(issuer);
      const relationship = relationships.find((r) => relationshipIds(doc, r).includes(kid)) ?? relationships[0];
      return publicKeyOfMethod(methodFor(doc, kid, relationship));
    } catch (cause) {
      if (cause instanceof TinydidError && cause.code === 'grant.wrong-signer') throw cause;
      throw new TinydidError('grant.wrong-signer', `cannot resolve ${kid.slice(0, 120)}: ${(cause as Error).message}`, { cause });
    }
  };
}
