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
});

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
