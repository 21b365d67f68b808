import { base58 } from '@scure/base';
import { concatBytes } from '../bytes/concat';
import { TinydidError } from '../errors/tinydid-error';
import { validatePublicKey, type Curve, type PublicKey } from '../jose/jwk';

// Multicodec table (github.com/multiformats/multicodec table.csv), as unsigned
// varints: ed25519-pub 0xed, x25519-pub 0xec, p256-pub 0x1200 (compressed SEC1),
// secp256k1-pub 0xe7 (compressed), json 0x0200.
const PREFIXES: ReadonlyArray<readonly [Curve, Uint8Array]> = Object.freeze([
  Object.freeze(['Ed25519', Uint8Array.of(0xed, 0x01)] as const),
  Object.freeze(['X25519', Uint8Array.of(0xec, 0x01)] as const),
  Object.freeze(['P-256', Uint8Array.of(0x80, 0x24)] as const),
  Object.freeze(['secp256k1', Uint8Array.of(0xe7, 0x01)] as const),
]);

/** Multicodec json (0x0200) as a varint. */
export const MULTICODEC_JSON = Uint8Array.of(0x80, 0x04);
/** Multihash sha2-256 (0x12) with a 32-byte digest. */
export const MULTIHASH_SHA256 = Uint8Array.of(0x12, 0x20);

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Multibase base58btc ('z' prefix, draft-multiformats-multibase section 2). */
export function toMultibase(bytes: Uint8Array): string {
  return `z${base58.encode(bytes)}`;
}

/** Bytes of a base58btc multibase string; throws `did.malformed`. */
export function fromMultibase(text: unknown, maxLength: number = 16384): Uint8Array {
  if (typeof text !== 'string' || text[0] !== 'z' || text.length > maxLength) {
    throw new TinydidError('did.malformed', 'expected base58btc multibase text (z...)');
  }
  return fromBase58(text.slice(1));
}

/** Bytes of base58btc text; throws `did.malformed`. */
export function fromBase58(text: string): Uint8Array {
  try {
    return base58.decode(text);
  } catch (cause) {
    throw new TinydidError('did.malformed', 'not base58btc', { cause });
  }
}

/** Multicodec-prefixed public key (P-256 and secp256k1 compressed, as did:key requires). */
export function encodeMulticodecKey(key: PublicKey): Uint8Array {
  const entry = PREFIXES.find(([crv]) => crv === key.crv);
  if (entry === undefined) throw new TinydidError('did.malformed', `no multicodec for ${key.crv}`);
  let raw = key.bytes;
  if (key.crv === 'P-256' || key.crv === 'secp256k1') {
    const x = key.bytes.subarray(1, 33);
    raw = concatBytes(Uint8Array.of(2 + (key.bytes[64] & 1)), x);
  }
  return concatBytes(entry[1], raw);
}

/** Public key of multicodec-prefixed bytes; throws `did.malformed`, `jose.unsupported-curve`, `jose.bad-key`. */
export function decodeMulticodecKey(bytes: Uint8Array): PublicKey {
  for (const [crv, prefix] of PREFIXES) {
    if (startsWith(bytes, prefix)) return validatePublicKey(crv, bytes.subarray(prefix.length));
  }
  // p384-pub 0x1201, p521-pub 0x1202 (multicodec table): named, refused.
  if (startsWith(bytes, Uint8Array.of(0x81, 0x24)) || startsWith(bytes, Uint8Array.of(0x82, 0x24))) {
    throw new TinydidError('jose.unsupported-curve', 'P-384 and P-521 keys are not supported');
  }
  throw new TinydidError('did.malformed', 'unknown multicodec key type');
}
