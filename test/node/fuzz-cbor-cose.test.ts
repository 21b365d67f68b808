// A short run of the fuzz program (tools/fuzz/cbor-cose.ts): random and mutated
// inputs through the CBOR decoder, the diagnostic printer and the COSE parsers.
import { fuzz, HANG_MS } from '../../tools/fuzz/cbor-cose';
import { equal, ok } from '../support/assert';

describe('fuzz: CBOR decoder and COSE parsers (20,000 seeded inputs)', () => {
  it('lets only TinydidError escape, never hangs, and reaches many refusals', () => {
    const r = fuzz(20000, 7);
    equal(r.inputs, 20000);
    equal(r.escapes.length, 0, JSON.stringify(r.escapes.slice(0, 2)));
    equal(r.hangs.length, 0, JSON.stringify(r.hangs.slice(0, 2)));
    ok(r.maxMs < HANG_MS);
    const codes = Object.keys(r.codes);
    ok(codes.length >= 12, `distinct codes: ${codes.join(', ')}`);
    for (const code of ['cbor.truncated', 'cbor.trailing', 'cbor.too-long', 'cbor.too-deep', 'cose.malformed', 'cose.decrypt-failed', 'cose.bad-signature']) {
      ok(codes.includes(code), `saw ${code}`);
    }
    ok(r.accepted > 0, 'some mutated messages still verify (mutations that miss the signed bytes)');
  });
});
