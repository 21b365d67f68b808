// How firmware/credentials reaches keys: private keys only through the key
// store (a CoseSigner wraps one key-store key), public keys of issuers through
// a resolver from a DID URL (kid) to the key, checked against the issuer DID.
import { splitDidUrl } from '../did/did-url';
import { methodFor, publicKeyOfMethod } from '../did/document';
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

/**
 * A KeyResolver over DID resolution (firmware/did): `kid` must be a DID URL of
 * `issuer`, listed under assertionMethod (W3C DID Core section 5.3.2).
 */
export function didKeyResolver(resolver: DidResolver): KeyResolver {
  return (kid, issuer) => {
    try {
      if (splitDidUrl(kid).did !== issuer) throw new TinydidError('grant.wrong-signer', `kid ${kid.slice(0, 120)} is not a key of ${issuer.slice(0, 120)}`);
      return publicKeyOfMethod(methodFor(resolver.resolve(issuer), kid, 'assertionMethod'));
    } catch (cause) {
      if (cause instanceof TinydidError && cause.code === 'grant.wrong-signer') throw cause;
      throw new TinydidError('grant.wrong-signer', `cannot resolve ${kid.slice(0, 120)}: ${(cause as Error).message}`, { cause });
    }
  };
}
