/**
 * The fixed list of TinydidError codes. A code is `<area>.<reason>`; it never
 * changes meaning once released. Each area owns one block; the test
 * test/node/error-codes.test.ts checks that every code thrown in firmware/ is
 * listed here and that every listed code is thrown somewhere.
 */
export const ERROR_CODES = Object.freeze({
  // firmware/bytes
  'bytes.bad-hex': 'text is not an even-length string of hex digits',
  'bytes.bad-base64url': 'text is not unpadded base64url (RFC 4648 section 5)',
  'bytes.bad-utf8': 'bytes are not well-formed UTF-8 (RFC 3629 section 4)',
  'bytes.bad-string': 'string holds a lone surrogate and has no UTF-8 form',
  'bytes.bad-argument': 'an argument has the wrong type or length',

  // firmware/crypto
  'crypto.bad-tag': 'an AEAD tag or MAC does not authenticate the data',
  'crypto.unwrap-failed': 'an AES key wrap integrity check failed (RFC 3394 section 2.2.3)',
  'crypto.bad-key': 'a key, nonce or public point has the wrong size or is not on the curve',
  'crypto.unsupported': 'an algorithm this crypto suite does not implement',

  // firmware/storage
  'storage.bad-key': 'a record name is empty, too long, or has characters outside [a-z0-9._/-]',
  'storage.bad-value': 'a record value is not a Uint8Array',
  'storage.too-large': 'a record value is over the KV size limit',
  'storage.corrupt': 'a stored record is over the size limit or otherwise unreadable',
  'storage.worn-out': 'a raw-flash record exhausted its sequence numbers',

  // firmware/keys
  'keys.bad-attributes': 'key attributes are unknown or inconsistent (type, usage, algorithm, persistence, label)',
  'keys.bad-argument': 'an argument to a key operation has the wrong type, length or range',
  'keys.bad-key': 'an imported private key or a device root key has the wrong length or is out of range',
  'keys.not-found': 'no key with this id (or a slot that is empty)',
  'keys.not-permitted': 'the key\'s usage or permitted algorithm does not allow this operation',
  'keys.unsupported-type': 'this backend cannot hold a key of this type (it never falls back to software)',
  'keys.unsupported': 'this backend does not offer the operation (private-key import on a secure element, volatile slots)',
  'keys.tampered': 'a stored key, counter or table does not authenticate: edited, swapped, or sealed under another root key',
  'keys.profile-mismatch': 'the store was created with another profile (fixed at creation)',
  'keys.no-free-slot': 'every key slot of the secure element is in use',
  'keys.slot-locked': 'the slot is locked; its key cannot be destroyed or replaced',
  'keys.counter-backwards': 'advanceTo asked for a value below the current one',
  'keys.counter-exhausted': 'a monotonic counter reached its maximum',
  'keys.counter-replay': 'the stored monotonic values are older than the hardware counter they are bound to',
  'keys.bad-attestation': 'an attestation statement is malformed, its signature does not verify, or its nonce differs',

  // firmware/cbor (RFC 8949)
  'cbor.truncated': 'the input ends inside a data item',
  'cbor.trailing': 'bytes follow the single data item',
  'cbor.indefinite': 'an indefinite length (not allowed in deterministic encoding, section 4.2.1)',
  'cbor.non-shortest': 'an integer, length, float or bignum not in its shortest form (section 4.2.1)',
  'cbor.duplicate-key': 'a map holds the same key twice (section 5.6)',
  'cbor.unsorted-keys': 'map keys are not in bytewise order, when sorted keys are required',
  'cbor.too-deep': 'nesting exceeds the decoder limit maxDepth',
  'cbor.too-long': 'a length or the input exceeds the decoder limit maxLength or maxInput',
  'cbor.bad-utf8': 'a text string is not valid UTF-8 (section 3.1)',
  'cbor.malformed': 'a reserved or ill-formed encoding (section 3)',
  'cbor.unencodable': 'a value that has no CBOR encoding here (function, symbol, lone surrogate, bad tag)',

  // firmware/did
  'did.malformed': 'a DID, DID URL or did:peer/did:key encoding is malformed',
  'did.bad-document': 'a DID document is not a valid DID Core document',
  'did.bad-hash': 'a did:peer:4 hash does not match its encoded document',
  'did.not-found': 'the resolver has no document for this DID',
  'did.key-not-found': 'a DID URL names no verification method (of the required relationship) in the document',
  'did.unsupported-method': 'a DID method or key type this resolver does not support',

  // firmware/jose
  'jose.bad-json': 'text is not JSON, or not the JSON object a JOSE structure requires (RFC 8259)',
  'jose.too-deep': 'JSON nesting exceeds the limit',
  'jose.malformed': 'a JWK, JWS or JWE is not well formed (RFC 7515, 7516, 7517)',
  'jose.bad-key': 'a public key is not a valid point of its curve',
  'jose.unsupported-curve': 'a key on a curve tinydid does not support (P-384, P-521, ...)',

  // firmware/didcomm
  'didcomm.malformed': 'a DIDComm plaintext or envelope does not have the structure DIDComm Messaging v2 requires',
  'didcomm.unsupported-media-type': 'a typ/cty this implementation does not accept',
  'didcomm.too-large': 'a packed message exceeds the maximum message size',
  'didcomm.bad-option': 'pack/unpack options that do not make sense together',
  'didcomm.replayed': 'this message id was already received from this sender',
  'didcomm.replay-store': 'the persisted replay cache record is corrupt',
});

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
