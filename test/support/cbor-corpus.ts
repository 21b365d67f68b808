// Test helper: one fixed corpus of generated CBOR values and a digest of their
// encodings, computed the same way on Node and on XS (test/node/cbor-engines.test.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../../firmware/bytes/hex';
import { encodeCbor } from '../../firmware/cbor/encode';
import { genCborValue } from './cbor-gen';
import { Prng } from './prng';

export interface CorpusDigest {
  values: number;
  bytes: number;
  sha256: string;
}

/** SHA-256 over the concatenated deterministic encodings of `count` values from `seed`. */
export function cborCorpusDigest(seed: number, count: number): CorpusDigest {
  const p = new Prng(seed);
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const encoded = encodeCbor(genCborValue(p, { exotic: true, maxDepth: 5 }));
    parts.push(encoded);
    bytes += encoded.length;
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return { values: count, bytes, sha256: toHex(sha256(all)) };
}
