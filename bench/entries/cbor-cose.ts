// CBOR encode/decode throughput of firmware/cbor against cbor-x on the same
// values in the same run (ratio), the minified size of each codec, and the wire
// size of COSE_Sign1 / COSE_Encrypt0 / COSE_Encrypt around a small payload.
import { Decoder, Encoder, Tag } from 'cbor-x';
import { build } from 'esbuild';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { ALG } from '../../firmware/cose/algorithms';
import { createEncrypt } from '../../firmware/cose/encrypt';
import { createEncrypt0 } from '../../firmware/cose/encrypt0';
import { coseKeyFromPublic } from '../../firmware/cose/key';
import { createSign1 } from '../../firmware/cose/sign1';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { nodeRandom } from '../../hosts/node/random';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { genCborValue } from '../../test/support/cbor-gen';
import { roundTripForm } from '../../test/support/cbor-normalize';
import { Prng } from '../../test/support/prng';
import { compare } from '../measure';
import type { BenchOptions, BenchRow } from '../types';

/** The same values as cbor-x takes them: maps pre-sorted, integers beyond 32 bits as bigint (see test/node/cbor-differential.test.ts). */
function forCborX(value: CborValue): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) >= 2 ** 32) return BigInt(value);
  if (Array.isArray(value)) return value.map(forCborX);
  if (value instanceof Map) return new Map([...(roundTripForm(value) as Map<CborValue, CborValue>)].map(([k, v]) => [forCborX(k), forCborX(v)]));
  if (value instanceof CborTag) return new Tag(forCborX(value.value), value.tag);
  return value;
}

/** A signed glucose reading as a device would send it. */
function reading(i: number): CborValue {
  return new Map<CborValue, CborValue>([
    [1, 'https://didcomm.org/tinydid/reading/1.0'],
    [2, new Uint8Array(16).fill(i & 0xff)],
    [3, 1763788800 + i],
    [4, new Map<CborValue, CborValue>([['mg/dL', 96 + (i % 40)], ['trend', -1], ['seq', i]])],
  ]);
}

async function minifiedSize(contents: string): Promise<number> {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'default'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].contents.length;
}

export async function run({ quick }: BenchOptions): Promise<BenchRow[]> {
  const budget = quick ? 60 : 1500;
  const rows: BenchRow[] = [];
  const cborx = new Encoder({ useRecords: false, mapsAsObjects: false, useTag259ForMaps: false, tagUint8Array: false, variableMapSize: true } as ConstructorParameters<typeof Encoder>[0]);
  const cborxDecoder = new Decoder({ useRecords: false, mapsAsObjects: false } as ConstructorParameters<typeof Decoder>[0]);

  const p = new Prng(2027);
  const sets: [string, CborValue[]][] = [
    ['generated values (200)', Array.from({ length: 200 }, () => genCborValue(p, { maxDepth: 4 }))],
    ['reading messages (200)', Array.from({ length: 200 }, (_, i) => reading(i))],
  ];
  for (const [label, values] of sets) {
    const theirs = values.map(forCborX);
    const encoded = values.map((v) => encodeCbor(v));
    const enc = await compare(() => values.forEach((v) => encodeCbor(v)), () => theirs.forEach((v) => cborx.encode(v)), budget);
    rows.push({ group: 'cbor (node)', name: `encode ${label}: tinydid`, value: enc.a.opsPerSecond * values.length, unit: 'items/s', baseline: 'cbor-x', baselineValue: enc.b.opsPerSecond * values.length, ratio: enc.ratio });
    const dec = await compare(() => encoded.forEach((b) => decodeCbor(b)), () => encoded.forEach((b) => cborxDecoder.decode(b)), budget);
    rows.push({ group: 'cbor (node)', name: `decode ${label}: tinydid`, value: dec.a.opsPerSecond * values.length, unit: 'items/s', baseline: 'cbor-x', baselineValue: dec.b.opsPerSecond * values.length, ratio: dec.ratio, note: 'tinydid decodes strictly (limits, duplicate keys, UTF-8, shortest forms)' });
  }

  const ours = await minifiedSize(`export { encodeCbor } from './firmware/cbor/encode';\nexport { decodeCbor } from './firmware/cbor/decode';`);
  const theirs = await minifiedSize(`export { encode, decode } from 'cbor-x';`);
  rows.push({ group: 'footprint', name: 'firmware/cbor encode+decode, minified', value: ours, unit: 'B', baseline: 'cbor-x encode+decode', baselineValue: theirs, ratio: ours / theirs });

  // Wire sizes around one 23-byte payload (a reading body).
  const store = new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: new Uint8Array(32).fill(3), random: nodeRandom, suite: nodeSuite });
  const vol = 'volatile' as const;
  const ed = store.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: vol });
  const es = store.generate({ type: 'p256', usage: 'sign', algorithm: 'es256', persistence: vol });
  const bobX = store.generate({ type: 'x25519', usage: 'derive', algorithm: 'ecdh', persistence: vol });
  const aliceX = store.generate({ type: 'x25519', usage: 'derive', algorithm: 'ecdh', persistence: vol });
  const bobP = store.generate({ type: 'p256', usage: 'derive', algorithm: 'ecdh', persistence: vol });
  const payload = encodeCbor(new Map<CborValue, CborValue>([['mg/dL', 96], ['seq', 1234], ['t', 1763788800]]));
  const kid = utf8Encode('#key-1');
  const x = coseKeyFromPublic('x25519', store.exportPublic(bobX));
  const pk = coseKeyFromPublic('p256', store.exportPublic(bobP));
  const suite = nodeSuite;
  const random = nodeRandom;
  const sizes: [string, Uint8Array][] = [
    ['COSE_Sign1 EdDSA (-8), kid', createSign1({ keyStore: store, keyId: ed, payload, kid })],
    ['COSE_Sign1 ES256 (-7), kid', createSign1({ keyStore: store, keyId: es, payload, kid })],
    ['COSE_Encrypt0 ChaCha20/Poly1305, kid', createEncrypt0({ suite, random, algorithm: ALG.ChaCha20Poly1305, key: new Uint8Array(32), plaintext: payload, kid })],
    ['COSE_Encrypt ECDH-ES+HKDF-256 X25519, ChaCha20/Poly1305', createEncrypt({ suite, random, algorithm: ALG.ChaCha20Poly1305, plaintext: payload, recipients: [{ kind: 'ecdh-es', algorithm: ALG.ECDH_ES_HKDF_256, recipientKey: x, kid }] })],
    ['COSE_Encrypt ECDH-SS+HKDF-256 X25519 (sender kid, 32-byte nonce)', createEncrypt({ suite, random, algorithm: ALG.ChaCha20Poly1305, plaintext: payload, recipients: [{ kind: 'ecdh-ss', algorithm: ALG.ECDH_SS_HKDF_256, recipientKey: x, kid, keyStore: store, senderKeyId: aliceX, senderKid: utf8Encode('#key-2') }] })],
    ['COSE_Encrypt ECDH-ES+A256KW P-256, A256GCM', createEncrypt({ suite, random, algorithm: ALG.A256GCM, plaintext: payload, recipients: [{ kind: 'ecdh-es', algorithm: ALG.ECDH_ES_A256KW, recipientKey: pk, kid }] })],
  ];
  for (const [name, bytes] of sizes) {
    rows.push({ group: 'cose wire size', name, value: bytes.length, unit: 'B', note: `payload ${payload.length} B, overhead ${bytes.length - payload.length} B` });
  }
  return rows;
}
