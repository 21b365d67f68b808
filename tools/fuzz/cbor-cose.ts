// Fuzzing the CBOR decoder, the diagnostic printer and the COSE parsers and
// verifiers with random and mutated inputs from a seeded generator. The rule:
// only TinydidError may escape, no input may take longer than HANG_MS, and
// memory stays bounded (the decoders check every length against the bytes
// left before allocating). Run: npm run fuzz -- --count N --seed S
import { parseArgs } from 'node:util';
import { fromHex } from '../../firmware/bytes/hex';
import { toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { diagnose } from '../../firmware/cbor/diagnostic';
import { encodeCbor } from '../../firmware/cbor/encode';
import type { CborValue } from '../../firmware/cbor/value';
import { createEncrypt, decryptEncrypt } from '../../firmware/cose/encrypt';
import { createEncrypt0, decryptEncrypt0 } from '../../firmware/cose/encrypt0';
import { coseKeyFromPublic, decodeCoseKey, type CoseKey } from '../../firmware/cose/key';
import { identifyCoseMessage } from '../../firmware/cose/message';
import { createSign, verifySign } from '../../firmware/cose/sign';
import { createSign1, verifySign1 } from '../../firmware/cose/sign1';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { KeyStore } from '../../firmware/keys/key-store';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { genCborValue } from '../../test/support/cbor-gen';
import { Prng } from '../../test/support/prng';
import { vectorFiles, vectorText } from '../../test/support/vectors';

/** An input that takes longer than this counts as a hang. */
export const HANG_MS = 1000;

export interface FuzzReport {
  seed: number;
  inputs: number;
  /** TinydidError codes seen, with how often. */
  codes: Record<string, number>;
  /** Inputs a COSE verifier (verifySign1, verifySign, decryptEncrypt0, decryptEncrypt) accepted. */
  accepted: number;
  /** Anything other than a TinydidError that escaped (input hex and error). */
  escapes: { input: string; target: string; error: string }[];
  hangs: { input: string; target: string; ms: number }[];
  maxMs: number;
  ms: number;
  peakHeapMb: number;
}

interface Context {
  suite: CryptoSuite;
  store: KeyStore;
  agreement: { keyId: string }[];
  signKeys: CoseKey[];
  symmetric: CoseKey[];
  corpus: Uint8Array[];
}

function context(): Context {
  const suite = nodeSuite;
  const random = xsTestRandom(99);
  const store = new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: new Uint8Array(32).fill(1), random, suite });
  const vol = 'volatile' as const;
  const ed = store.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: vol });
  const es = store.generate({ type: 'p256', usage: 'sign', algorithm: 'es256', persistence: vol });
  const x = store.generate({ type: 'x25519', usage: 'derive', algorithm: 'ecdh', persistence: vol });
  const p = store.generate({ type: 'p256', usage: 'derive', algorithm: 'ecdh', persistence: vol });
  const signKeys = [coseKeyFromPublic('ed25519', store.exportPublic(ed)), coseKeyFromPublic('p256', store.exportPublic(es))];
  const k16 = new Uint8Array(16).fill(7);
  const k32 = new Uint8Array(32).fill(9);
  const symmetric: CoseKey[] = [{ kty: 'Symmetric', k: k16 }, { kty: 'Symmetric', k: k32 }];
  const xKey = coseKeyFromPublic('x25519', store.exportPublic(x));
  const pKey = coseKeyFromPublic('p256', store.exportPublic(p));
  const payload = utf8Encode('fuzz seed payload');
  const corpus: Uint8Array[] = [
    createSign1({ keyStore: store, keyId: ed, payload, kid: utf8Encode('k') }),
    createSign1({ keyStore: store, keyId: es, payload, detached: false, protectedHeaders: new Map<CborValue, CborValue>([[2, [3]], [3, 0]]) }),
    createSign({ signers: [{ keyStore: store, keyId: ed, kid: utf8Encode('a') }, { keyStore: store, keyId: es }], payload }),
    createEncrypt0({ suite, random, algorithm: 1, key: k16, plaintext: payload }),
    createEncrypt0({ suite, random, algorithm: 24, key: k32, plaintext: payload, kid: utf8Encode('s') }),
    createEncrypt({ suite, random, algorithm: 24, plaintext: payload, recipients: [{ kind: 'ecdh-es', algorithm: -25, recipientKey: xKey }] }),
    createEncrypt({ suite, random, algorithm: 3, plaintext: payload, recipients: [{ kind: 'ecdh-ss', algorithm: -34, recipientKey: pKey, keyStore: store, senderKeyId: p }] }),
    createEncrypt({ suite, random, algorithm: 1, plaintext: payload, recipients: [{ kind: 'direct', key: k16, kid: utf8Encode('d') }] }),
  ];
  for (const f of vectorFiles('cose')) corpus.push(fromHex(JSON.parse(vectorText(f)).output.cbor));
  return { suite, store, agreement: [{ keyId: x }, { keyId: p }], signKeys, symmetric, corpus };
}

const INTERESTING = [0x00, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x40, 0x5f, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xd8, 0xf4, 0xf7, 0xf9, 0xfb, 0xff];

function mutate(p: Prng, input: Uint8Array): Uint8Array {
  let b = input.slice();
  const rounds = 1 + p.int(4);
  for (let r = 0; r < rounds; r++) {
    if (b.length === 0) return p.bytes(1 + p.int(8));
    const at = p.int(b.length);
    switch (p.int(7)) {
      case 0:
        b[at] ^= 1 << p.int(8);
        break;
      case 1:
        b[at] = p.pick(INTERESTING);
        break;
      case 2:
        b[at] = p.u32() & 0xff;
        break;
      case 3:
        b = b.slice(0, at);
        break;
      case 4: {
        const ins = p.chance(0.5) ? Uint8Array.of(p.pick(INTERESTING)) : p.bytes(1 + p.int(4));
        const out = new Uint8Array(b.length + ins.length);
        out.set(b.subarray(0, at));
        out.set(ins, at);
        out.set(b.subarray(at), at + ins.length);
        b = out;
        break;
      }
      case 5: {
        const n = Math.min(1 + p.int(8), b.length - at);
        b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + n)]);
        break;
      }
      default: {
        // Large lengths: a 4- or 8-byte argument that claims far more than is there.
        b[at] = (b[at] & 0xe0) | p.pick([0x1a, 0x1b]);
        break;
      }
    }
  }
  return b;
}

type Target = [string, (input: Uint8Array, c: Context) => unknown];

const TARGETS: Target[] = [
  ['decodeCbor', (b) => decodeCbor(b)],
  ['decodeCbor(sorted,small)', (b) => decodeCbor(b, { requireSortedKeys: true, maxDepth: 4, maxLength: 64 })],
  ['diagnose', (b) => diagnose(b)],
  ['identifyCoseMessage', (b) => identifyCoseMessage(b)],
  ['decodeCoseKey', (b) => decodeCoseKey(decodeCbor(b))],
  ['verifySign1', (b, c) => verifySign1(b, { suite: c.suite, keys: c.signKeys })],
  ['verifySign', (b, c) => verifySign(b, { suite: c.suite, keys: c.signKeys })],
  ['decryptEncrypt0', (b, c) => decryptEncrypt0(b, { suite: c.suite, keys: c.symmetric })],
  ['decryptEncrypt', (b, c) => decryptEncrypt(b, { suite: c.suite, keyStore: c.store, agreement: c.agreement, symmetric: c.symmetric, senderKeys: c.signKeys })],
];

const VERIFIERS = new Set(['verifySign1', 'verifySign', 'decryptEncrypt0', 'decryptEncrypt']);

function nextInput(p: Prng, c: Context): Uint8Array {
  const r = p.int(10);
  if (r === 0) return p.bytes(p.int(48));
  if (r <= 2) return encodeCbor(genCborValue(p, { exotic: true, maxDepth: 5 }));
  return mutate(p, p.pick(c.corpus));
}

/** Runs `count` inputs from `seed` through every target. */
export function fuzz(count: number, seed: number): FuzzReport {
  const c = context();
  const p = new Prng(seed);
  const report: FuzzReport = { seed, inputs: 0, codes: {}, accepted: 0, escapes: [], hangs: [], maxMs: 0, ms: 0, peakHeapMb: 0 };
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const input = nextInput(p, c);
    report.inputs++;
    let accepted = false;
    for (const [name, target] of TARGETS) {
      const t0 = performance.now();
      try {
        target(input, c);
        if (VERIFIERS.has(name)) accepted = true;
      } catch (error) {
        if (error instanceof TinydidError) report.codes[error.code] = (report.codes[error.code] ?? 0) + 1;
        else if (report.escapes.length < 20) report.escapes.push({ input: toHex(input), target: name, error: String((error as Error)?.stack ?? error) });
        else report.escapes.length++;
      }
      const ms = performance.now() - t0;
      if (ms > report.maxMs) report.maxMs = ms;
      if (ms > HANG_MS) report.hangs.push({ input: toHex(input), target: name, ms });
    }
    if (accepted) report.accepted++;
    if ((i & 0x3fff) === 0) report.peakHeapMb = Math.max(report.peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
  }
  report.ms = performance.now() - start;
  report.peakHeapMb = Math.round(Math.max(report.peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20));
  return report;
}

function main(): void {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } } });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
    process.stderr.write('usage: npm run fuzz -- --count N --seed S\n');
    process.exitCode = 2;
    return;
  }
  const r = fuzz(count, seed);
  const codes = Object.entries(r.codes).sort((a, b) => b[1] - a[1]);
  process.stdout.write(
    [
      `fuzz cbor+cose: seed ${r.seed}, ${r.inputs} inputs x ${TARGETS.length} targets in ${(r.ms / 1000).toFixed(1)} s`,
      `accepted by a COSE verifier: ${r.accepted}; slowest input ${r.maxMs.toFixed(1)} ms; peak heap ${r.peakHeapMb} MiB`,
      `distinct TinydidError codes: ${codes.length}`,
      ...codes.map(([code, n]) => `  ${code.padEnd(24)} ${n}`),
      `escapes (not TinydidError): ${r.escapes.length}; hangs (> ${HANG_MS} ms): ${r.hangs.length}`,
      ...r.escapes.slice(0, 5).map((e) => `  ESCAPE ${e.target} ${e.input}\n    ${e.error.split('\n').slice(0, 3).join('\n    ')}`),
      ...r.hangs.slice(0, 5).map((h) => `  HANG ${h.target} ${h.ms.toFixed(0)} ms ${h.input.slice(0, 200)}`),
      '',
    ].join('\n'),
  );
  if (r.escapes.length > 0 || r.hangs.length > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) main();
