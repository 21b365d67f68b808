import type { CryptoSuite } from '../crypto/suite';
import type { DidDocument } from '../did/document';
import type { DidResolver } from '../did/resolver';
import type { Clock } from '../host/clock';
import type { Random } from '../host/random';
import type { KeyRing } from './key-ring';
import type { Message } from './message';
import type { ReplayCache } from './replay-cache';

/** How a message is protected (DIDComm v2 "Message Formats"). */
export type PackMode = 'plain' | 'signed' | 'anoncrypt' | 'authcrypt';

/** The two encodings of the one message model (DESIGN section 4). */
export type Encoding = 'json' | 'cbor';

/** JSON content encryption for anoncrypt (RFC 7518 section 5, draft-irtf-cfrg-xchacha). */
export type AnonContentAlg = 'XC20P' | 'A256GCM' | 'A256CBC-HS512';

export interface PackOptions {
  mode: PackMode;
  /** Resolves the recipients' and our own DIDs. */
  resolver: DidResolver;
  /** Our private keys (required for signed and authcrypt). */
  keys?: KeyRing;
  /** Randomness for ephemeral keys, CEKs and nonces (required for anoncrypt and authcrypt). */
  random?: Random;
  /** Hashes, AEADs, ephemeral ECDH, verification. Default: the portable suite. */
  suite?: CryptoSuite;
  /** Recipient DIDs or key ids; default: the message's `to`. All must share one key type. */
  to?: string[];
  /** authcrypt: our keyAgreement key id (or DID); default: the first one we hold that matches the recipients' curve. */
  from?: string;
  /** signed, or authcrypt/anoncrypt with an inner signature: our authentication key id (or DID). */
  signBy?: string;
  /**
   * Compact encoding: how envelopes name keys, 'short' (default: 8-byte ids
   * the receiver matches against the documents it knows) or 'full' (the DID
   * URL, for a first contact). See compact/PROFILE.md section 3.1.
   */
  kidForm?: 'short' | 'full';
  /** anoncrypt content encryption; default XC20P (as the reference implementation). */
  encAlgAnon?: AnonContentAlg;
  /** authcrypt: wrap the authcrypted message in anoncrypt to hide the sender (DIDComm v2 "protect_sender"). */
  protectSender?: boolean;
}

/** What pack did, named as the reference implementation names it. */
export interface PackMetadata {
  from_kid?: string;
  sign_by_kid?: string;
  to_kids: string[];
}

export interface PackResult {
  /** The packed message: UTF-8 JSON text, or CBOR bytes. */
  bytes: Uint8Array;
  mediaType: string;
  metadata: PackMetadata;
}

export interface UnpackOptions {
  resolver: DidResolver;
  /** Our private keys (required for encrypted messages). */
  keys?: KeyRing;
  suite?: CryptoSuite;
  /** Time to check expires_time against, in UTC epoch seconds. Wins over `clock`. */
  now?: number;
  /** Wall clock to check expires_time against when `now` is not given. */
  clock?: Clock;
  /** Relaxation: accept a message with expires_time when the time is unknown (default: reject with didcomm.time-unknown). */
  allowUnknownTime?: boolean;
  /** Replay cache; when given, a message id seen before from the same sender is rejected. */
  replay?: ReplayCache;
  /** Largest packed message accepted (default DIDCOMM_LIMITS.maxMessageBytes). */
  maxMessageBytes?: number;
  /**
   * Compact encoding: documents (or DIDs, resolved through `resolver`) of the
   * peers this agent knows; short key ids are matched against their keys.
   * Default: the documents the resolver lists (DidResolver.known).
   */
  peers?: readonly (DidDocument | string)[];
}

/** The decoded from_prior claims (DIDComm v2 "DID Rotation"). */
export interface FromPriorClaims {
  /** The prior DID. */
  iss: string;
  /** The new DID. */
  sub: string;
  iat?: number;
  [claim: string]: unknown;
}

/**
 * What unpack established, named as the reference implementation (didcomm-rust
 * UnpackMetadata) names it, so a gateway can hand it on unchanged.
 */
export interface UnpackMetadata {
  encrypted: boolean;
  authenticated: boolean;
  non_repudiation: boolean;
  anonymous_sender: boolean;
  re_wrapped_in_forward: boolean;
  encrypted_from_kid?: string;
  encrypted_to_kids?: string[];
  sign_from?: string;
  from_prior_issuer_kid?: string;
  enc_alg_auth?: string;
  enc_alg_anon?: string;
  sign_alg?: string;
  /** The JWS (or COSE_Sign1) as received, for non-repudiation. */
  signed_message?: string;
  from_prior?: FromPriorClaims;
}

export interface UnpackResult {
  message: Message;
  metadata: UnpackMetadata;
}

/** A blank metadata record for unpack to fill in. */
export function emptyMetadata(): UnpackMetadata {
  return { encrypted: false, authenticated: false, non_repudiation: false, anonymous_sender: false, re_wrapped_in_forward: false };
}
