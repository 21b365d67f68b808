// Diagnostic notation (RFC 8949 section 8): the appendix A examples valid in
// deterministic encoding, with the notation the RFC gives for each.
import { fromHex } from '../../firmware/bytes/hex';
import { diagnose } from '../../firmware/cbor/diagnostic';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag } from '../../firmware/cbor/value';
import { equal, throws } from '../support/assert';

const APPENDIX_A: [string, string][] = [
  ['00', '0'], ['17', '23'], ['1818', '24'], ['1903e8', '1000'], ['1b000000e8d4a51000', '1000000000000'],
  ['1bffffffffffffffff', '18446744073709551615'], ['c249010000000000000000', "2(h'010000000000000000')"],
  ['3bffffffffffffffff', '-18446744073709551616'], ['c349010000000000000000', "3(h'010000000000000000')"],
  ['20', '-1'], ['3903e7', '-1000'], ['f98000', '-0.0'], ['f93c00', '1.0'], ['fb3ff199999999999a', '1.1'], ['f93e00', '1.5'],
  ['f97bff', '65504.0'], ['fa47c35000', '100000.0'], ['fa7f7fffff', '3.4028234663852886e+38'], ['fb7e37e43c8800759c', '1.0e+300'],
  ['f90001', '5.960464477539063e-8'], ['f90400', '0.00006103515625'], ['f9c400', '-4.0'], ['fbc010666666666666', '-4.1'],
  ['f97c00', 'Infinity'], ['f97e00', 'NaN'], ['f9fc00', '-Infinity'], ['f4', 'false'], ['f5', 'true'], ['f6', 'null'],
  ['f7', 'undefined'], ['f0', 'simple(16)'], ['f8ff', 'simple(255)'],
  ['c074323031332d30332d32315432303a30343a30305a', '0("2013-03-21T20:04:00Z")'], ['c11a514b67b0', '1(1363896240)'],
  ['d74401020304', "23(h'01020304')"], ['40', "h''"], ['4401020304', "h'01020304'"], ['60', '""'], ['6449455446', '"IETF"'],
  ['62225c', '"\\"\\\\"'], ['62c3bc', '"\u00fc"'], ['63e6b0b4', '"\u6c34"'], ['64f0908591', '"\u{10151}"'],
  ['80', '[]'], ['83010203', '[1, 2, 3]'], ['8301820203820405', '[1, [2, 3], [4, 5]]'], ['a0', '{}'],
  ['a201020304', '{1: 2, 3: 4}'], ['a26161016162820203', '{"a": 1, "b": [2, 3]}'], ['826161a161626163', '["a", {"b": "c"}]'],
];

describe('cbor: diagnostic notation (RFC 8949 section 8)', () => {
  for (const [hex, diag] of APPENDIX_A) {
    it(`${hex} -> ${diag}`, () => equal(diagnose(fromHex(hex)), diag));
  }

  it('shows embedded CBOR as <<>> (RFC 8610 G.3) and names COSE tags in comments (G.6)', () => {
    const msg = encodeCbor(new CborTag(18, [encodeCbor(new Map([[1, -8]])), new Map(), encodeCbor([1, 2]), new Uint8Array([0x80, 1])]));
    equal(diagnose(msg), "18(/ COSE_Sign1 / [<<{1: -8}>>, {}, <<[1, 2]>>, h'8001'])");
    equal(diagnose(msg, { embedded: false, comments: false }), "18([h'a10127', {}, h'820102', h'8001'])");
    equal(diagnose(encodeCbor(new CborTag(61, new CborTag(16, [])))), '61(/ CWT / 16(/ COSE_Encrypt0 / []))');
  });

  it('indents nested containers when asked, and escapes control characters', () => {
    equal(diagnose(encodeCbor([[1, 'x'.repeat(80)]]), { pretty: true }), `[\n  [\n    1,\n    "${'x'.repeat(80)}"\n  ]\n]`);
    equal(diagnose(encodeCbor('a\nb\u0001')), '"a\\nb\\u0001"');
  });

  it('refuses what the strict decoder refuses, with its code', () => {
    throws(() => diagnose(fromHex('1801')), 'cbor.non-shortest');
    throws(() => diagnose(fromHex('9f01ff')), 'cbor.indefinite');
    throws(() => diagnose(fromHex('8301')), 'cbor.truncated');
  });
});
