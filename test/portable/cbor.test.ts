// RFC 8949 appendix A examples (the ones valid in deterministic encoding) and
// the strict decoder's refusals.
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborSimple, CborTag, type CborValue } from '../../firmware/cbor/value';
import { deepEqual, equal, ok, throws } from '../support/assert';

const APPENDIX_A: [CborValue, string][] = [
  [0, '00'], [1, '01'], [10, '0a'], [23, '17'], [24, '1818'], [25, '1819'], [100, '1864'], [1000, '1903e8'],
  [1000000, '1a000f4240'], [1000000000000, '1b000000e8d4a51000'], [18446744073709551615n, '1bffffffffffffffff'],
  [18446744073709551616n, 'c249010000000000000000'], [-18446744073709551616n, '3bffffffffffffffff'],
  [-18446744073709551617n, 'c349010000000000000000'], [-1, '20'], [-10, '29'], [-100, '3863'], [-1000, '3903e7'],
  [-0, 'f98000'], [1.1, 'fb3ff199999999999a'], [1.5, 'f93e00'], [65504.0 + 0.5, 'fa477fe080'],
  [100000.5, 'fa47c35040'], [3.4028234663852886e38, 'fa7f7fffff'], [1.0e300, 'fb7e37e43c8800759c'],
  [5.960464477539063e-8, 'f90001'], [0.00006103515625, 'f90400'], [-4.1, 'fbc010666666666666'],
  [Infinity, 'f97c00'], [NaN, 'f97e00'], [-Infinity, 'f9fc00'], [false, 'f4'], [true, 'f5'], [null, 'f6'],
  [undefined, 'f7'], [new CborSimple(16), 'f0'], [new CborSimple(255), 'f8ff'],
  [new CborTag(0, '2013-03-21T20:04:00Z'), 'c074323031332d30332d32315432303a30343a30305a'],
  [new CborTag(1, 1363896240), 'c11a514b67b0'], [new CborTag(23, fromHex('01020304')), 'd74401020304'],
  [new CborTag(32, 'http://www.example.com'), 'd82076687474703a2f2f7777772e6578616d706c652e636f6d'],
  [new Uint8Array(0), '40'], [fromHex('01020304'), '4401020304'], ['', '60'], ['a', '6161'], ['IETF', '6449455446'],
  ['"\\', '62225c'], ['\u00fc', '62c3bc'], ['\u6c34', '63e6b0b4'], ['\u{10151}', '64f0908591'],
  [[], '80'], [[1, 2, 3], '83010203'], [[1, [2, 3], [4, 5]], '8301820203820405'],
  [new Map(), 'a0'], [new Map([[1, 2], [3, 4]]), 'a201020304'],
  [new Map<CborValue, CborValue>([['a', 1], ['b', [2, 3]]]), 'a26161016162820203'],
  [['a', new Map([['b', 'c']])], '826161a161626163'],
];

describe('cbor: RFC 8949 appendix A', () => {
  for (const [value, hex] of APPENDIX_A) {
    it(`${hex}`, () => {
      equal(toHex(encodeCbor(value)), hex);
      const decoded = decodeCbor(fromHex(hex));
      if (typeof value === 'number' && Number.isNaN(value)) ok(Number.isNaN(decoded as number));
      else deepEqual(decoded, value);
    });
  }
  it('sorts map keys bytewise (section 4.2.1) and encodes plain objects as text-keyed maps', () => {
    const m = new Map<CborValue, CborValue>([['b', 1], [10, 2], ['a', 3], [-1, 4], [100, 5], [[1], 6]]);
    equal(toHex(encodeCbor(m)), 'a60a02186405200461610361620181010' + '6');
    equal(toHex(encodeCbor({ b: 1, a: 2 })), toHex(encodeCbor(new Map<CborValue, CborValue>([['a', 2], ['b', 1]]))));
  });
  it('refuses to encode what has no encoding', () => {
    throws(() => encodeCbor((() => 1) as unknown as CborValue), 'cbor.unencodable');
    throws(() => encodeCbor('\ud800'), 'cbor.unencodable');
    throws(() => encodeCbor(new Map<CborValue, CborValue>([[1, 1], [1n, 2]])), 'cbor.duplicate-key');
  });
});

describe('cbor: the strict decoder refuses, each with its own code', () => {
  const cases: [string, string, string][] = [
    ['', 'cbor.truncated', 'empty'],
    ['19 01', 'cbor.truncated', 'truncated argument'],
    ['44 0102', 'cbor.truncated', 'truncated byte string'],
    ['83 0102', 'cbor.truncated', 'truncated array'],
    ['01 02', 'cbor.trailing', 'trailing byte'],
    ['5f 41 01 ff', 'cbor.indefinite', 'indefinite byte string'],
    ['9f ff', 'cbor.indefinite', 'indefinite array'],
    ['bf ff', 'cbor.indefinite', 'indefinite map'],
    ['ff', 'cbor.indefinite', 'lone break'],
    ['18 17', 'cbor.non-shortest', 'non-shortest integer'],
    ['39 0001', 'cbor.non-shortest', 'non-shortest negative'],
    ['59 0001 00', 'cbor.non-shortest', 'non-shortest length'],
    ['fa 3fc00000', 'cbor.non-shortest', 'float32 that fits float16'],
    ['fb 3ff8000000000000', 'cbor.non-shortest', 'float64 that fits float16'],
    ['c2 41 01', 'cbor.non-shortest', 'bignum that fits 64 bits'],
    ['a2 01 02 01 03', 'cbor.duplicate-key', 'duplicate key'],
    ['1c', 'cbor.malformed', 'reserved additional information'],
    ['f8 10', 'cbor.malformed', 'simple value in two-byte form'],
    ['62 c3 28', 'cbor.bad-utf8', 'invalid UTF-8'],
    ['c2 01', 'cbor.malformed', 'bignum tag without bytes'],
    ['9b 00000001 00000000', 'cbor.too-long', 'array longer than the limit'],
    ['9a 00010000', 'cbor.truncated', 'array count the input cannot hold'],
  ];
  for (const [hex, code, title] of cases) {
    it(title, () => {
      throws(() => decodeCbor(fromHex(hex.replace(/ /g, ''))), code, title);
    });
  }
  it('bounds nesting (cbor.too-deep) without recursing past the limit', () => {
    throws(() => decodeCbor(fromHex('81'.repeat(17) + '00')), 'cbor.too-deep');
    deepEqual(decodeCbor(fromHex('81'.repeat(3) + '00'), { maxDepth: 3 }), [[[0]]]);
    throws(() => decodeCbor(fromHex('d818'.repeat(100) + '00')), 'cbor.too-deep');
    throws(() => decodeCbor(fromHex('81'.repeat(100000) + '00')), 'cbor.too-deep');
  });
  it('bounds lengths and input size (cbor.too-long)', () => {
    throws(() => decodeCbor(fromHex('4401020304'), { maxLength: 3 }), 'cbor.too-long');
    throws(() => decodeCbor(fromHex('4401020304'), { maxInput: 4 }), 'cbor.too-long');
  });
  it('unsorted keys are accepted by default and refused on request', () => {
    deepEqual(decodeCbor(fromHex('a203040102')), new Map([[3, 4], [1, 2]]));
    throws(() => decodeCbor(fromHex('a203040102'), { requireSortedKeys: true }), 'cbor.unsorted-keys');
  });
  it('non-shortest floats pass only under the named relaxation', () => {
    equal(decodeCbor(fromHex('fa3fc00000'), { allowNonShortestFloats: true }), 1.5);
  });
});
