import { fromBase64url, toBase64url } from '../../firmware/bytes/base64url';
import { concatBytes } from '../../firmware/bytes/concat';
import { constantTimeEqual } from '../../firmware/bytes/equal';
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { utf8Decode, utf8Encode } from '../../firmware/bytes/utf8';
import { deepEqual, equal, throws } from '../support/assert';

describe('bytes: hex', () => {
  it('round-trips every byte value', () => {
    const all = new Uint8Array(256);
    for (let i = 0; i < 256; i++) all[i] = i;
    const hex = toHex(all);
    equal(hex.length, 512);
    equal(hex.slice(0, 8), '00010203');
    equal(hex.slice(-4), 'feff');
    deepEqual(fromHex(hex), all);
  });
  it('accepts upper case and rejects odd length and non-digits', () => {
    deepEqual(fromHex('DEADbeef'), Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
    throws(() => fromHex('abc'), 'bytes.bad-hex');
    throws(() => fromHex('zz'), 'bytes.bad-hex');
    throws(() => fromHex('0x12'), 'bytes.bad-hex');
    throws(() => fromHex('12 3'), 'bytes.bad-hex');
  });
});

describe('bytes: base64url (RFC 4648 section 10 vectors, unpadded)', () => {
  const cases: [string, string][] = [
    ['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy'],
  ];
  for (const [plain, encoded] of cases) {
    it(`"${plain}" <-> "${encoded}"`, () => {
      equal(toBase64url(utf8Encode(plain)), encoded);
      equal(utf8Decode(fromBase64url(encoded)), plain);
    });
  }
  it('uses the URL-safe alphabet', () => {
    equal(toBase64url(Uint8Array.of(0xfb, 0xff, 0xbf)), '-_-_');
    deepEqual(fromBase64url('-_-_'), Uint8Array.of(0xfb, 0xff, 0xbf));
  });
  it('rejects padding, standard-alphabet characters, impossible lengths and non-zero trailing bits', () => {
    throws(() => fromBase64url('Zg=='), 'bytes.bad-base64url');
    throws(() => fromBase64url('+/+/'), 'bytes.bad-base64url');
    throws(() => fromBase64url('Zm9vY'), 'bytes.bad-base64url');
    throws(() => fromBase64url('Zh'), 'bytes.bad-base64url');
  });
});

describe('bytes: UTF-8', () => {
  it('encodes 1-, 2-, 3- and 4-byte code points', () => {
    deepEqual(utf8Encode('A\u00e9\u20ac\u{1f600}'), fromHex('41c3a9e282acf09f9880'));
    equal(utf8Decode(fromHex('41c3a9e282acf09f9880')), 'A\u00e9\u20ac\u{1f600}');
  });
  it('refuses lone surrogates when encoding', () => {
    throws(() => utf8Encode('a\ud800b'), 'bytes.bad-string');
    throws(() => utf8Encode('\udc00'), 'bytes.bad-string');
  });
  it('refuses malformed UTF-8 (RFC 3629 section 4)', () => {
    for (const bad of ['c0af', 'e080af', 'eda080', 'f4908080', 'ff', '80', 'e282', 'c3', 'f09f98']) {
      throws(() => utf8Decode(fromHex(bad)), 'bytes.bad-utf8', bad);
    }
  });
});

describe('bytes: concat and constant-time equality', () => {
  it('concatenates in order', () => {
    deepEqual(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)), Uint8Array.of(1, 2, 3));
    equal(concatBytes().length, 0);
  });
  it('compares', () => {
    equal(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3)), true);
    equal(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4)), false);
    equal(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2)), false);
    equal(constantTimeEqual(new Uint8Array(0), new Uint8Array(0)), true);
  });
  it('refuses non-bytes arguments with a typed error', () => {
    throws(() => constantTimeEqual('ab' as unknown as Uint8Array, Uint8Array.of(1)), 'bytes.bad-argument');
    throws(() => concatBytes([1] as unknown as Uint8Array), 'bytes.bad-argument');
  });
});
