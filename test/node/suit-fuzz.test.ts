// Hostile manifests that are validly signed: the parser, the interpreter and
// the install planner see every mutation (a signature over garbage is still a
// signature). Only TinydidError with a listed code may escape; nothing hangs.
// Seeded, so a failure reproduces.
import { decodeCbor } from '../../firmware/cbor/decode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { ERROR_CODES } from '../../firmware/errors/codes';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { assembleEnvelope, signManifest } from '../../firmware/update/build';
import { planInstall } from '../../firmware/update/plan';
import { verifyEnvelope } from '../../firmware/update/verify';
import { ok } from '../support/assert';
import { CLASS, VENDOR, exampleEnvelope, suite, testKeyStore, testSigner } from '../portable/suit-fixtures';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('SUIT fuzz: signed mutated manifests', () => {
  it('800 mutated manifests of the six examples, re-signed: only listed TinydidError codes', () => {
    const keyStore = testKeyStore(77);
    const signer = testSigner(keyStore, 'fuzz', 'ed25519');
    const policy = { anchors: [signer.anchor] };
    const manifests = [0, 1, 2, 3, 4, 5].map((n) => {
      const map = (decodeCbor(exampleEnvelope(n)) as CborTag).value as Map<CborValue, CborValue>;
      const severable = new Map<number, Uint8Array>();
      for (const key of [16, 20, 23]) if (map.has(key)) severable.set(key, map.get(key) as Uint8Array);
      return { manifest: map.get(3) as Uint8Array, severable };
    });
    const next = rng(4242);
    const codes = new Map<string, number>();
    let accepted = 0;
    let planned = 0;
    for (let i = 0; i < 800; i++) {
      const base = manifests[i % manifests.length];
      const manifest = base.manifest.slice();
      const flips = 1 + Math.floor(next() * 4);
      for (let f = 0; f < flips; f++) {
        const at = Math.floor(next() * manifest.length);
        manifest[at] = next() < 0.5 ? manifest[at] ^ (1 << Math.floor(next() * 8)) : Math.floor(next() * 256);
      }
      const built = { manifest, severable: base.severable };
      const envelope = assembleEnvelope(built, [signManifest(manifest, signer, suite)], suite);
      try {
        const verified = verifyEnvelope(envelope, { suite, policy, device: { vendorId: VENDOR, classId: CLASS } });
        accepted++;
        planInstall(verified, { vendorId: VENDOR, classId: CLASS, slot: 1 });
        planned++;
      } catch (error) {
        ok(error instanceof TinydidError, `mutation ${i}: ${error instanceof Error ? error.stack : String(error)}`);
        const code = (error as TinydidError).code;
        ok(code in ERROR_CODES, code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    ok(codes.size >= 6, `distinct codes: ${[...codes.keys()].join(', ')}`);
    ok(accepted > 0 && accepted < 800, `some mutations still form a valid manifest (${accepted}, ${planned} planned)`);
  });
});
