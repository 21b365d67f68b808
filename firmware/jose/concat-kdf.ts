import { concatBytes } from '../bytes/concat';
import { utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';

function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  return concatBytes(u32(bytes.length), bytes);
}

/**
 * OtherInfo of the Concat KDF for JWE key agreement (RFC 7518 section 4.6.2):
 * AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo, each length-prefixed
 * except SuppPubInfo = keydatalen (bits, u32). For ECDH-1PU in key-wrapping
 * mode, SuppPubInfo also carries the length-prefixed JWE tag
 * (draft-madden-jose-ecdh-1pu-04 section 2.3).
 */
export function jweOtherInfo(alg: string, apu: Uint8Array, apv: Uint8Array, keyBits: number, ccTag?: Uint8Array): Uint8Array {
  const suppPub = ccTag === undefined ? u32(keyBits) : concatBytes(u32(keyBits), lengthPrefixed(ccTag));
  return concatBytes(lengthPrefixed(utf8Encode(alg)), lengthPrefixed(apu), lengthPrefixed(apv), suppPub);
}

/**
 * NIST SP 800-56A Concat KDF with SHA-256 (RFC 7518 section 4.6.2), for the
 * ephemeral side of an agreement (the key store runs the same KDF for
 * stored keys): SHA-256(counter || Z || OtherInfo) per 32-byte block.
 */
export function concatKdf(suite: CryptoSuite, z: Uint8Array, otherInfo: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i * 32 < length; i++) {
    const block = suite.sha256(concatBytes(u32(i + 1), z, otherInfo));
    out.set(block.subarray(0, Math.min(32, length - i * 32)), i * 32);
  }
  return out;
}
