/**
 * The key store seam (DESIGN section 3), modelled on the PSA Certified Crypto
 * API: keys are referenced by id; private keys are generated inside and never
 * leave; each key has a type, one usage and exactly one permitted algorithm,
 * all fixed at creation. Every caller (COSE, JOSE, DIDComm, updates, readings)
 * reaches private keys only through this interface. All operations are
 * synchronous (device storage and secure elements are).
 */

export type KeyType = 'ed25519' | 'x25519' | 'p256';

/** What a key may do. Exporting the public key is always allowed. */
export type KeyUsage = 'sign' | 'derive';

/**
 * The one algorithm a key is permitted: 'eddsa' (Ed25519, RFC 8032),
 * 'es256' (ECDSA P-256 with SHA-256, raw r||s), 'ecdh' (X25519 or P-256 ECDH
 * followed by a KDF; the raw shared secret never leaves the store).
 */
export type KeyAlgorithm = 'eddsa' | 'es256' | 'ecdh';

export type KeyPersistence = 'volatile' | 'persistent';

export interface KeyAttributes {
  type: KeyType;
  usage: KeyUsage;
  algorithm: KeyAlgorithm;
  persistence: KeyPersistence;
  /** Free text for people (e.g. 'device-signing'); not interpreted. */
  label?: string;
}

export interface KeyInfo extends KeyAttributes {
  id: string;
  /** 'generated' inside the store, or 'imported' (software backends only). */
  origin: 'generated' | 'imported';
  /** Where the private key is held. */
  location: 'hardware' | 'software';
}

/**
 * Key derivation applied to the shared secret inside the store. Z is
 * `prefix || ECDH(key, peers[0]) || ECDH(key, peers[1]) ...`:
 * - COSE ECDH-ES/SS (RFC 9053 section 6.3): one peer, 'hkdf-sha256' with the
 *   COSE_KDF_Context as info.
 * - JWE ECDH-ES (RFC 7518 section 4.6.2): one peer, 'concat-sha256'.
 * - JWE ECDH-1PU (draft-madden-jose-ecdh-1pu-04 section 2.2): Z = Ze || Zs.
 *   The sender computes Ze with its ephemeral key outside the store and passes
 *   it as `prefix` with the recipient as the one peer; the recipient passes
 *   [ephemeral, sender] as peers.
 */
export type KeyDerivation =
  | { kdf: 'hkdf-sha256'; salt?: Uint8Array; info: Uint8Array; length: number }
  | { kdf: 'concat-sha256'; otherInfo: Uint8Array; length: number };

export interface AgreementRequest {
  /** Peer public keys: 32 bytes for X25519, SEC1 (33 or 65 bytes) for P-256. */
  peers: Uint8Array[];
  prefix?: Uint8Array;
  derivation: KeyDerivation;
}

/** What a backend holds in hardware, and what it can hold at all. */
export interface KeyStoreCapabilities {
  backend: string;
  /** Key types this backend can create, with the location they would get. */
  types: Partial<Record<KeyType, 'hardware' | 'software'>>;
  /** Whether import(attributes, privateKey) is allowed. */
  privateKeyImport: boolean;
  /** Key slots, when the backend has a fixed number of them. */
  slots?: number;
}

export interface KeyStore {
  capabilities(): KeyStoreCapabilities;
  /** Creates a key inside the store and returns its id. */
  generate(attributes: KeyAttributes): string;
  /** Software backends only: keys for gateways, test agents, PEM signing keys. */
  import(attributes: KeyAttributes, privateKey: Uint8Array): string;
  /** EdDSA signature (64 bytes) or ES256 signature as raw r||s (64 bytes). */
  sign(id: string, message: Uint8Array): Uint8Array;
  /** Key agreement plus derivation; returns `derivation.length` bytes. */
  agree(id: string, request: AgreementRequest): Uint8Array;
  /** Public key: 32 bytes (Ed25519, X25519) or 65-byte uncompressed SEC1 (P-256). */
  exportPublic(id: string): Uint8Array;
  info(id: string): KeyInfo;
  list(): KeyInfo[];
  /** Best-effort erase of the key material; the id is unusable afterwards. */
  destroy(id: string): void;
}
