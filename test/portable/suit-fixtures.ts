// Shared helpers for the SUIT suites (both lanes): the draft's example
// envelopes and key, test signers in a software key store, and a simulated
// device (A/B memory slots, KV, monotonic values).
import { fromBase64url } from '../../firmware/bytes/base64url';
import { fromHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import type { KeyType } from '../../firmware/keys/key-store';
import type { MonotonicValues } from '../../firmware/keys/monotonic';
import { SEQUENCE_NAME, UpdateAgent, type UpdateAgentDeps } from '../../firmware/update/agent';
import { MemorySlots, PowerRail, PoweredKv } from '../../firmware/update/memory-slot';
import { writeInstalledRecord } from '../../firmware/update/state';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { createEnvelope, type EnvelopeSigner, type ManifestSpec } from '../../firmware/update/build';
import type { TrustAnchor, TrustPolicy } from '../../firmware/update/trust-policy';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { vectorText } from '../support/vectors';

export const suite = portableSuite;

/** The signed envelope of example N: the LAST hex block of exampleN.txt (vectors README). */
export function exampleEnvelope(n: number): Uint8Array {
  const text = vectorText(`suit/example${n}.txt`);
  const blocks = [...text.matchAll(/~~~\n([0-9a-f\n]+)~~~/g)].map((m) => m[1].replace(/\n/g, ''));
  return fromHex(blocks[blocks.length - 1]);
}

/** The 65-byte point of a P-256 SubjectPublicKeyInfo PEM (the last 65 bytes of the DER). */
export function p256PemPoint(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const der = fromBase64url(b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  return der.subarray(der.length - 65);
}

export function exampleAnchor(kid = 'suit-example'): TrustAnchor {
  return { kid, type: 'p256', publicKey: p256PemPoint(vectorText('suit/public_key.pem')) };
}

/** Identity of the examples' device. */
export const VENDOR = fromHex('fa6b4a53d5ad5fdfbe9de663e4d41ffe');
export const CLASS = fromHex('1492af1425695e48bf429b2d51f2ab45');
export const OTHER = fromHex('00112233445566778899aabbccddeeff');

/** A key store with deterministic test keys (never for products: the random is a counter). */
export function testKeyStore(seed = 7): SoftwareKeyStore {
  return new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: new Uint8Array(32).fill(seed), random: xsTestRandom(seed), suite });
}

export interface TestSigner extends EnvelopeSigner {
  readonly anchor: TrustAnchor;
}

/** A signer whose key is derived from `name`; the anchor carries `name` as kid. */
export function testSigner(keyStore: SoftwareKeyStore, name: string, type: KeyType = 'p256', withKid = true): TestSigner {
  const privateKey = suite.sha256(utf8Encode(`tinydid test signer ${name}`));
  const keyId = keyStore.import({ type, usage: 'sign', algorithm: type === 'p256' ? 'es256' : 'eddsa', persistence: 'volatile', label: name }, privateKey);
  const anchor: TrustAnchor = { kid: name, type: type === 'p256' ? 'p256' : 'ed25519', publicKey: keyStore.exportPublic(keyId) };
  return { keyStore, keyId, ...(withKid ? { kid: utf8Encode(name) } : {}), anchor };
}

/** A deterministic image of `size` bytes. */
export function testImage(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export function specFor(image: Uint8Array, sequenceNumber: number, extra: Partial<ManifestSpec> = {}, uri = 'https://updates.example/fw.bin'): ManifestSpec {
  return { sequenceNumber, vendorId: VENDOR, classId: CLASS, image: { digest: suite.sha256(image), size: image.length, uri }, ...extra };
}

export function envelopeFor(image: Uint8Array, sequenceNumber: number, signers: readonly EnvelopeSigner[], extra: Partial<ManifestSpec> = {}): Uint8Array {
  return createEnvelope(specFor(image, sequenceNumber, extra), signers, suite);
}

/** A simulated device: A/B memory slots and KV on one power rail, monotonic values from a software key store. */
export interface TestDevice {
  readonly rail: PowerRail;
  readonly slots: MemorySlots;
  readonly kv: PoweredKv;
  readonly sequence: MonotonicValues;
  readonly agent: UpdateAgent;
  readonly deps: UpdateAgentDeps;
}

export function testDevice(policy: TrustPolicy, factoryImage: Uint8Array, capacity = 64 * 1024, installedSequence?: number): TestDevice {
  const rail = new PowerRail();
  const slots = new MemorySlots(capacity, rail);
  slots.provision(factoryImage);
  const kv = new PoweredKv(new MemoryKv(), rail);
  const sequence = new SoftwareKeyStore({ kv, rootKey: new Uint8Array(32).fill(9), random: xsTestRandom(9), suite }).monotonic();
  if (installedSequence !== undefined) {
    sequence.advanceTo(SEQUENCE_NAME, installedSequence);
    writeInstalledRecord(kv, { slot: 0, sequence: installedSequence, digest: suite.sha256(factoryImage), size: factoryImage.length });
  }
  slots.boot();
  const deps: UpdateAgentDeps = { suite, slots, kv, sequence, policy, device: { vendorId: VENDOR, classId: CLASS } };
  return { rail, slots, kv, sequence, agent: new UpdateAgent(deps), deps };
}

/** SHA-256 of what the running slot holds (first `size` bytes). */
export function runningDigest(device: TestDevice, size: number): Uint8Array {
  return suite.sha256(device.slots.read(device.slots.bootState().running, 0, size));
}
