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
});

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
