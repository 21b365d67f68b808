// Generated values (seeded, the same sequence on Node and XS): every encoding
// decodes back to the value, re-encodes to the same bytes, and passes the
// strict decoder with sorted keys required. test/node/cbor-engines.test.ts
// checks that the XS engine produces the same bytes as Node for this corpus.
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { toHex } from '../../firmware/bytes/hex';
import { deepEqual, equal, ok } from '../support/assert';
import { genCborValue } from '../support/cbor-gen';
import { roundTripForm } from '../support/cbor-normalize';
import { Prng } from '../support/prng';

describe('cbor: generated values round-trip on this engine', () => {
  it('decode(encode(x)) equals x and encode(decode(b)) equals b for 400 values', () => {
    const p = new Prng(2026);
    let bytesTotal = 0;
    for (let i = 0; i < 400; i++) {
      const value = genCborValue(p, { exotic: true, maxDepth: 5 });
      const bytes = encodeCbor(value);
      bytesTotal += bytes.length;
      const decoded = decodeCbor(bytes, { requireSortedKeys: true });
      deepEqual(decoded, roundTripForm(value), `value ${i}`);
      equal(toHex(encodeCbor(decoded)), toHex(bytes), `value ${i} re-encodes`);
    }
    ok(bytesTotal > 4000, `encoded ${bytesTotal} bytes`);
  });
});
