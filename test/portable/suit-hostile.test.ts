// Hostile input: mutated and truncated envelopes, deep nesting and oversized
// structures only ever end in a TinydidError with a listed code; limits are
// named and raise suit.too-large.
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { ERROR_CODES } from '../../firmware/errors/codes';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { benchStreaming } from '../../firmware/update/bench-streaming';
import { verifyEnvelope } from '../../firmware/update/verify';
import { equal, ok, throws } from '../support/assert';
import { envelopeFor, exampleAnchor, exampleEnvelope, suite, testImage, testKeyStore, testSigner } from './suit-fixtures';

const policy = { anchors: [exampleAnchor()] };

/** xorshift32: a seeded generator for reproducible mutations. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('SUIT hostile input', () => {
  it('150 mutated or truncated example envelopes: only TinydidError, every code listed', () => {
    const next = rng(2026);
    const seen = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const base = exampleEnvelope(i % 6);
      let input: Uint8Array;
      if (i % 5 === 0) input = base.subarray(0, Math.floor(next() * base.length));
      else {
        input = base.slice();
        const flips = 1 + Math.floor(next() * 3);
        for (let f = 0; f < flips; f++) input[Math.floor(next() * input.length)] ^= 1 << Math.floor(next() * 8);
      }
      try {
        verifyEnvelope(input, { suite, policy });
        seen.add('accepted');
      } catch (error) {
        ok(error instanceof TinydidError, `mutation ${i}: ${String(error)}`);
        ok((error as TinydidError).code in ERROR_CODES, (error as TinydidError).code);
        seen.add((error as TinydidError).code);
      }
    }
    ok(seen.size >= 4, `several distinct outcomes: ${[...seen].join(', ')}`);
    // Every byte of these envelopes is covered by the signature or its structure.
    ok(!seen.has('accepted'), 'no mutation is accepted');
  });

  it('named limits: too many signatures, too deep nesting, an envelope above maxEnvelope', () => {
    const keyStore = testKeyStore(21);
    const alice = testSigner(keyStore, 'alice');
    const image = testImage(100);
    const many = envelopeFor(image, 1, [alice, alice, alice]);
    throws(() => verifyEnvelope(many, { suite, policy: { anchors: [alice.anchor] }, limits: { maxSignatures: 2 } }), 'suit.too-large');
    throws(() => verifyEnvelope(envelopeFor(image, 1, [alice]), { suite, policy: { anchors: [alice.anchor] }, limits: { maxEnvelope: 100 } }), 'suit.too-large');
    // An envelope nested 40 levels deep is refused by the CBOR depth limit before anything is interpreted.
    let deep: CborValue[] = [];
    for (let i = 0; i < 40; i++) deep = [deep];
    throws(() => verifyEnvelope(encodeCbor(new CborTag(107, deep)), { suite, policy }), 'cbor.too-deep');
    throws(() => verifyEnvelope(encodeCbor(new CborTag(108, new Map())), { suite, policy }), 'suit.malformed');
  });

  it('the benchmark kernel streams and re-hashes a verified image (small size here)', () => {
    let clock = 0;
    const r = benchStreaming({ suite, now: () => (clock += 1), size: 20000, chunk: 4096, rounds: 1, warmup: 0 });
    equal(r.size, 20000);
    equal(r.rounds, 1);
    // The fake clock ticks once per call: each figure is one tick, so the ratio is exactly 1.
    equal(r.streamMs, 1);
    equal(r.ratio, 1);
  });
});
