// Keys for `tinydid firmware`: a firmware author's PEM signing key, imported
// into a volatile software key store (every signature still goes through the
// key store interface), and trust anchors from PEM or JSON files.
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fromBase64url, toBase64url } from '../../../firmware/bytes/base64url';
import { concatBytes } from '../../../firmware/bytes/concat';
import { utf8Encode } from '../../../firmware/bytes/utf8';
import type { CryptoSuite } from '../../../firmware/crypto/suite';
import { SoftwareKeyStore } from '../../../firmware/keys/software-key-store';
import type { EnvelopeSigner } from '../../../firmware/update/build';
import type { TrustAnchor } from '../../../firmware/update/trust-policy';
import { MemoryKv } from '../../../hosts/xs/memory-kv';
import { nodeRandom } from '../../../hosts/node/random';
import { IoError, UsageError } from '../exit';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

interface KeyParts {
  type: 'p256' | 'ed25519';
  publicKey: Uint8Array;
  jwk: JsonWebKey;
}

function b64(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string') throw new UsageError(`${what} is missing`);
  return fromBase64url(value);
}

/** Public key bytes of a JWK: P-256 as uncompressed SEC1, Ed25519 raw. */
function partsFromJwk(jwk: JsonWebKey, where: string): KeyParts {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    return { type: 'p256', publicKey: concatBytes(Uint8Array.of(4), b64(jwk.x, `${where}: x`), b64(jwk.y, `${where}: y`)), jwk };
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return { type: 'ed25519', publicKey: b64(jwk.x, `${where}: x`), jwk };
  throw new UsageError(`${where}: only P-256 (ES256) and Ed25519 (EdDSA) keys are supported, not ${String(jwk.kty)} ${String(jwk.crv)}`);
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url): the kid `firmware sign` writes and PEM trust anchors get. */
export function thumbprint(jwk: JsonWebKey): string {
  const members = jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return toBase64url(new Uint8Array(createHash('sha256').update(JSON.stringify(members)).digest()));
}

function publicObject(pem: string, where: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch (error) {
    throw new UsageError(`${where}: not a PEM public or private key (${(error as Error).message})`);
  }
}

/** Imports the PEM private key at `path` into a fresh volatile software key store. */
export function pemSigner(path: string, suite: CryptoSuite): EnvelopeSigner & { type: 'p256' | 'ed25519' } {
  const pem = readText(path);
  let jwk: JsonWebKey;
  try {
    jwk = createPrivateKey(pem).export({ format: 'jwk' });
  } catch (error) {
    throw new UsageError(`${path}: not a PEM private key (${(error as Error).message})`);
  }
  const parts = partsFromJwk(jwk, path);
  const keyStore = new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: nodeRandom.fill(new Uint8Array(32)), random: nodeRandom, suite });
  const keyId = keyStore.import({ type: parts.type, usage: 'sign', algorithm: parts.type === 'p256' ? 'es256' : 'eddsa', persistence: 'volatile', label: 'firmware signing' }, b64(jwk.d, `${path}: d`));
  return { keyStore, keyId, kid: utf8Encode(thumbprint({ ...jwk, d: undefined })), type: parts.type };
}

/** Trust anchors from a PEM file (kid: the JWK thumbprint) or a JSON array of {kid, jwk} / {kid, pem}. */
export function readTrust(path: string): TrustAnchor[] {
  const text = readText(path);
  if (text.trimStart().startsWith('[')) {
    let entries: unknown;
    try {
      entries = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${path}: not JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(entries) || entries.length === 0) throw new UsageError(`${path}: expected a non-empty array of {"kid", "jwk"} or {"kid", "pem"}`);
    return entries.map((entry: unknown, i: number) => {
      const e = entry as { kid?: unknown; jwk?: unknown; pem?: unknown };
      const where = `${path}[${i}]`;
      if (typeof e !== 'object' || e === null || typeof e.kid !== 'string' || e.kid === '') throw new UsageError(`${where}: needs a kid`);
      let parts: KeyParts;
      if (typeof e.pem === 'string') parts = partsFromJwk(publicObject(e.pem, where).export({ format: 'jwk' }), where);
      else if (typeof e.jwk === 'object' && e.jwk !== null) parts = partsFromJwk(e.jwk as JsonWebKey, where);
      else throw new UsageError(`${where}: needs "jwk" or "pem"`);
      return { kid: e.kid, type: parts.type, publicKey: parts.publicKey };
    });
  }
  const jwk = publicObject(text, path).export({ format: 'jwk' });
  const parts = partsFromJwk(jwk, path);
  return [{ kid: thumbprint(jwk), type: parts.type, publicKey: parts.publicKey }];
}
