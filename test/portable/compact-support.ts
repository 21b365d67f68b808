// Agents for the compact profile suites: did:peer:2 DIDs whose keys are
// generated inside software key stores (as on a device), and the glucose
// reading of the issue.
import { decodeCbor } from '../../firmware/cbor/decode';
import { CborTag } from '../../firmware/cbor/value';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { createPeer2, resolvePeer2 } from '../../firmware/did/peer2';
import type { DidDocument } from '../../firmware/did/document';
import { createLocalResolver } from '../../firmware/did/all-methods';
import type { LocalResolver } from '../../firmware/did/resolver';
import { MapKeyRing } from '../../firmware/didcomm/key-ring';
import type { Message } from '../../firmware/didcomm/message';
import { memorySoftwareKeyStore } from '../../firmware/didcomm/software-agent';
import type { Random } from '../../firmware/host/random';
import type { KeyStore } from '../../firmware/keys/key-store';
import { xsTestRandom } from '../../hosts/xs/random';

export interface TestAgent {
  did: string;
  doc: DidDocument;
  ring: MapKeyRing;
  store: KeyStore;
}

/** An agent with an authentication key (#key-1) and a key agreement key (#key-2). */
export function makeAgent(seed: number, curve: '25519' | 'p256' = '25519'): TestAgent {
  const store = memorySoftwareKeyStore(xsTestRandom(seed), portableSuite);
  const p = curve === 'p256';
  const auth = store.generate({ type: p ? 'p256' : 'ed25519', usage: 'sign', algorithm: p ? 'es256' : 'eddsa', persistence: 'volatile' });
  const agree = store.generate({ type: p ? 'p256' : 'x25519', usage: 'derive', algorithm: 'ecdh', persistence: 'volatile' });
  const did = createPeer2([
    { purpose: 'V', key: { crv: p ? 'P-256' : 'Ed25519', bytes: store.exportPublic(auth) } },
    { purpose: 'E', key: { crv: p ? 'P-256' : 'X25519', bytes: store.exportPublic(agree) } },
  ]);
  const ring = new MapKeyRing(store).add(`${did}#key-1`, 'sign', auth).add(`${did}#key-2`, 'derive', agree);
  return { did, doc: resolvePeer2(did), ring, store };
}

export function resolverOf(...agents: TestAgent[]): LocalResolver {
  return createLocalResolver({ suite: portableSuite, documents: agents.map((a) => a.doc) });
}

/** The glucose reading of issue 5, between `meter` and `phone`. */
export function reading(meter: string, phone: string): Message {
  return {
    id: 'r-000123',
    type: 'https://example.org/glucose/1.0/reading',
    from: meter,
    to: [phone],
    created_time: 1763779200,
    body: { value: 104, unit: 'mg/dL', time: 1763779200, seq: 123 },
  };
}

/** A bstr whose content is itself CBOR, printed as << ... >> (RFC 8610 appendix G.3). */
class Embedded {
  constructor(readonly value: unknown) {}
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/**
 * Extended diagnostic notation (RFC 8949 section 8, RFC 8610 appendix G) of a
 * decoded value, one map entry or array item per line past `width` columns.
 */
export function diag(value: unknown, indent = ''): string {
  const flat = flatDiag(value);
  if (flat.length + indent.length <= 72) return flat;
  const inner = `${indent}  `;
  if (value instanceof Embedded) return `<< ${diag(value.value, indent)} >>`;
  if (value instanceof CborTag) return `${value.tag}(${diag(value.value, indent)})`;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + diag(v, inner)).join(',\n')}\n${indent}]`;
  if (value instanceof Map) return `{\n${[...value].map(([k, v]) => `${inner}${flatDiag(k)}: ${diag(v, inner)}`).join(',\n')}\n${indent}}`;
  return flat;
}

function flatDiag(value: unknown): string {
  if (value instanceof Embedded) return `<< ${flatDiag(value.value)} >>`;
  if (value instanceof CborTag) return `${value.tag}(${flatDiag(value.value)})`;
  if (value instanceof Uint8Array) return `h'${hex(value)}'`;
  if (Array.isArray(value)) return `[${value.map(flatDiag).join(', ')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${flatDiag(k)}: ${flatDiag(v)}`).join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return String(value);
}

/** The diagnostic view of a COSE_Encrypt or COSE_Sign1: protected buckets shown as embedded CBOR. */
export function coseDiag(bytes: Uint8Array): string {
  const top = decodeCbor(bytes);
  if (!(top instanceof CborTag) || !Array.isArray(top.value)) return diag(top);
  const embed = (item: unknown[]): unknown[] => item.map((v, i) => (i === 0 && v instanceof Uint8Array && v.length > 0 ? new Embedded(decodeCbor(v)) : v));
  const parts = embed(top.value);
  if (top.tag === 96) parts[3] = (parts[3] as unknown[][]).map(embed);
  return diag(new CborTag(top.tag, parts as never));
}

/**
 * The keys of PROFILE.md's worked example, from published test vectors so
 * anyone can re-derive them: Ed25519 secret keys of RFC 8032 section 7.1
 * tests 1 and 2, X25519 private keys of RFC 7748 section 6.1 (Alice, Bob).
 */
export const EXAMPLE_KEYS = Object.freeze({
  meterEd25519: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  meterX25519: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  phoneEd25519: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  phoneX25519: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
});

/** An agent whose keys are imported (software store) rather than generated. */
export function importedAgent(ed25519Hex: string, x25519Hex: string): TestAgent {
  const store = memorySoftwareKeyStore(xsTestRandom(99), portableSuite);
  const auth = store.import({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'volatile' }, fromHexBytes(ed25519Hex));
  const agree = store.import({ type: 'x25519', usage: 'derive', algorithm: 'ecdh', persistence: 'volatile' }, fromHexBytes(x25519Hex));
  const did = createPeer2([
    { purpose: 'V', key: { crv: 'Ed25519', bytes: store.exportPublic(auth) } },
    { purpose: 'E', key: { crv: 'X25519', bytes: store.exportPublic(agree) } },
  ]);
  const ring = new MapKeyRing(store).add(`${did}#key-1`, 'sign', auth).add(`${did}#key-2`, 'derive', agree);
  return { did, doc: resolvePeer2(did), ring, store };
}

function fromHexBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * A Random that answers each request from a script by length (the worked
 * example's fixed PartyU nonce and IV); for reproducing the example only.
 */
export function scriptedRandom(byLength: Record<number, string>): Random {
  return {
    fill(bytes: Uint8Array): Uint8Array {
      const hexText = byLength[bytes.length];
      if (hexText === undefined) throw new Error(`the script has no ${bytes.length}-byte value`);
      bytes.set(fromHexBytes(hexText));
      return bytes;
    },
  };
}

/** The worked example's random values: PartyU nonce (16), IV (12); a 32-byte request is the unused CEK draw of direct key agreement. */
export const EXAMPLE_RANDOM = Object.freeze({
  16: '101112131415161718191a1b1c1d1e1f',
  12: '000102030405060708090a0b',
  32: '0000000000000000000000000000000000000000000000000000000000000000',
});
