// Runs on xsnap (bundled by bench/xs-runner.ts). Measures one protocol
// operation against the primitive it cannot avoid, for issue "npm run bench"
// item 3. KIND picks the pair; MODE picks what runs after the common setup:
//   'setup'     only the setup (the same in every mode),
//   'primitive' N times the unavoidable primitive,
//   'protocol'  N times the protocol operation.
// The caller subtracts the setup run from the others (instruction counts under
// callgrind, or times) so that setup cost cancels out.
import { codecFor } from '../../firmware/didcomm/codecs';
import type { Message } from '../../firmware/didcomm/message';
import { readingPair } from '../../firmware/didcomm/reading-pair';
import { MemoryReplayStore, ReplayCache } from '../../firmware/didcomm/replay-cache';
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { createEnvelope } from '../../firmware/update/build';
import { verifyEnvelope } from '../../firmware/update/verify';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';

declare const KIND: 'authcrypt' | 'signed' | 'suit';
declare const MODE: 'setup' | 'primitive' | 'protocol';
declare const COUNT: number;
declare function print(text: string): void;

const random = xsTestRandom(11);
const ops: (() => void)[] = [];
const primitives: (() => void)[] = [];

if (KIND === 'authcrypt' || KIND === 'signed') {
  const pair = readingPair({ suite, random });
  const codec = codecFor('cbor');
  const replay = new ReplayCache(new MemoryReplayStore(), suite);
  const scalar = random.fill(new Uint8Array(32));
  const peer = suite.x25519PublicKey(random.fill(new Uint8Array(32)));
  const message = new Uint8Array(120).fill(1);
  const signature = new Uint8Array(64);
  let edPub: Uint8Array = new Uint8Array(32);
  for (let i = 0; i < COUNT; i++) {
    const m: Message = { ...pair.message, id: `r-${i}`, created_time: 1763779200 + i };
    const packed = codec.pack(m, { mode: KIND, resolver: pair.resolver, keys: pair.meterKeys, random, suite });
    ops.push(() => {
      codec.unpack(packed.bytes, { resolver: pair.resolver, keys: pair.phoneKeys, suite, now: 1763779200 + i + 1, replay });
    });
  }
  if (KIND === 'signed') {
    const kid = pair.meter.didDocument.authentication[0];
    const keyId = pair.meterKeys.keyId(kid, 'sign')!;
    signature.set(pair.meterKeys.store.sign(keyId, message));
    edPub = pair.meterKeys.store.exportPublic(keyId);
  }
  for (let i = 0; i < COUNT; i++) {
    primitives.push(KIND === 'authcrypt' ? () => void suite.x25519(scalar, peer) : () => void suite.ed25519Verify(signature, message, edPub));
  }
} else {
  const keyStore = new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: new Uint8Array(32).fill(3), random, suite });
  const keyId = keyStore.generate({ type: 'p256', usage: 'sign', algorithm: 'es256', persistence: 'volatile' });
  const publicKey = keyStore.exportPublic(keyId);
  const vendorId = new Uint8Array(16).fill(0xfa);
  const classId = new Uint8Array(16).fill(0x14);
  const image = new Uint8Array(1024).fill(7);
  const envelope = createEnvelope(
    { sequenceNumber: 2, vendorId, classId, image: { digest: suite.sha256(image), size: image.length, uri: 'https://example.org/fw.bin' } },
    [{ keyStore, keyId }],
    suite,
  );
  const policy = { anchors: [{ kid: 'author', type: 'p256' as const, publicKey }] };
  const signed = new Uint8Array(120).fill(2);
  const signature = keyStore.sign(keyId, signed);
  for (let i = 0; i < COUNT; i++) {
    ops.push(() => void verifyEnvelope(envelope, { suite, policy, device: { vendorId, classId }, installedSequence: 1 }));
    primitives.push(() => void suite.p256Verify(signature, signed, publicKey));
  }
}

const run = MODE === 'protocol' ? ops : MODE === 'primitive' ? primitives : [];
const start = performance.now();
for (const op of run) op();
print(`RESULT ${JSON.stringify({ kind: KIND, mode: MODE, count: run.length, ms: performance.now() - start })}`);
