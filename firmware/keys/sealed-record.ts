import { concatBytes } from '../bytes/concat';
import { utf8Encode } from '../bytes/utf8';
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { Random } from '../host/random';
import { RecordReader, RecordWriter } from './record-bytes';

// A sealed record keeps a secret encrypted at rest under a key derived from the
// device root key, with everything that describes it bound as AAD:
//   version 1 (u8) | header (u8 length + bytes) | nonce (12) | ChaCha20-Poly1305(secret) (RFC 8439)
//   AAD = "tinydid/keys/record/v1" || u8 length || storage name || version || header
// Binding the storage name (which holds the key id) means a record copied over
// another key's record does not open; binding the header means its attributes,
// public key or lock flag cannot be edited. Any failure is `keys.tampered`.
const VERSION = 1;
const NONCE = 12;
const AEAD = 'chacha20-poly1305';
const AAD_PREFIX = 'tinydid/keys/record/v1';

/** The HKDF info strings separating what the device root key is used for (RFC 5869 section 3.2). */
export const ROOT_KEY_PURPOSES = Object.freeze({
  records: 'tinydid/keys/record-key/v1',
  monotonic: 'tinydid/keys/monotonic-mac/v1',
});

/** Length of the device root key a host supplies. */
export const ROOT_KEY_LENGTH = 32;

/** Derives the key for `purpose` from the device root key. */
export function deriveFromRoot(suite: CryptoSuite, rootKey: Uint8Array, purpose: keyof typeof ROOT_KEY_PURPOSES): Uint8Array {
  if (!(rootKey instanceof Uint8Array) || rootKey.length !== ROOT_KEY_LENGTH) {
    throw new TinydidError('keys.bad-key', `the device root key is ${ROOT_KEY_LENGTH} bytes`);
  }
  return suite.hkdfSha256(rootKey, undefined, utf8Encode(ROOT_KEY_PURPOSES[purpose]), 32);
}

function aad(name: string, versionAndHeader: Uint8Array): Uint8Array {
  const nameBytes = utf8Encode(name);
  return concatBytes(utf8Encode(AAD_PREFIX), Uint8Array.of(nameBytes.length), nameBytes, versionAndHeader);
}

export interface SealContext {
  suite: CryptoSuite;
  random: Random;
  recordKey: Uint8Array;
}

/** Seals `secret` for storage under `name`, with `header` bound to it. */
export function sealRecord(ctx: SealContext, name: string, header: Uint8Array, secret: Uint8Array): Uint8Array {
  const versionAndHeader = new RecordWriter().u8(VERSION).bytes8(header).finish();
  const nonce = ctx.random.fill(new Uint8Array(NONCE));
  const sealed = ctx.suite.aeadSeal(AEAD, ctx.recordKey, nonce, secret, aad(name, versionAndHeader));
  return concatBytes(versionAndHeader, nonce, sealed);
}

/** Opens a record stored under `name`; `keys.tampered` when it is malformed, edited, or stored under another name. */
export function openRecord(ctx: SealContext, name: string, record: Uint8Array): { header: Uint8Array; secret: Uint8Array } {
  const reader = new RecordReader(record);
  if (reader.u8() !== VERSION) throw new TinydidError('keys.tampered', `record ${name}: unknown version`);
  const header = reader.bytes8();
  const versionAndHeader = record.subarray(0, reader.offset);
  const nonce = reader.raw(NONCE);
  const sealed = record.subarray(reader.offset);
  try {
    return { header, secret: ctx.suite.aeadOpen(AEAD, ctx.recordKey, nonce, sealed, aad(name, versionAndHeader)) };
  } catch (cause) {
    throw new TinydidError('keys.tampered', `record ${name} does not authenticate: it was edited, swapped, or sealed under another device root key`, { cause });
  }
}
