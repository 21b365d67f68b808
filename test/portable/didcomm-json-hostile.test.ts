// Hostile input: mutated, truncated and oversized versions of good messages
// are refused with a TinydidError (a stable code), never another exception.
import { utf8Encode } from '../../firmware/bytes/utf8';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { unpackJson } from '../../firmware/didcomm/json/unpack';
import { ok } from '../support/assert';
import { VECTOR_NOW, vectorAgent, vectorResolver } from '../support/didcomm-vectors';
import { vectorText } from '../support/vectors';

const FILES = ['ENCRYPTED_MSG_AUTH_X25519', 'ENCRYPTED_MSG_ANON_XC20P_1', 'SIGNED_MSG_ALICE_KEY_1', 'PLAINTEXT_FROM_PRIOR'];

/** A small deterministic generator (tests only; firmware takes randomness from the Random seam). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('JSON DIDComm: hostile input', () => {
  const bob = vectorAgent('bob');
  const resolver = vectorResolver();
  for (const name of FILES) {
    it(`${name}: 40 mutations are each refused with a TinydidError or unpack unchanged`, () => {
      const good = utf8Encode(vectorText(`didcomm/messages/${name}.json`));
      const next = lcg(name.length * 7919);
      let refused = 0;
      for (let i = 0; i < 40; i++) {
        const bytes = good.slice(0, i % 5 === 4 ? Math.floor(next() * good.length) : good.length);
        const flips = i % 5 === 4 ? 0 : 1 + (i % 3);
        for (let k = 0; k < flips; k++) bytes[Math.floor(next() * bytes.length)] ^= 1 << Math.floor(next() * 8);
        try {
          unpackJson(bytes, { resolver, keys: bob.ring, now: VECTOR_NOW });
        } catch (error) {
          ok(error instanceof TinydidError, `mutation ${i}: ${(error as Error).name}: ${(error as Error).message}`);
          refused++;
        }
      }
      ok(refused >= 30, `only ${refused} of 40 refused`);
    });
  }
  it('deep nesting and huge inputs are refused by limit, not by the engine', () => {
    const deep = `{"id":"a","type":"t","body":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    let e: unknown;
    try {
      unpackJson(deep, { resolver });
    } catch (error) {
      e = error;
    }
    ok(e instanceof TinydidError, String(e));
    try {
      unpackJson(new Uint8Array(70000).fill(0x20), { resolver });
    } catch (error) {
      e = error;
    }
    ok(e instanceof TinydidError && e.code === 'didcomm.too-large', String(e));
  });
});
