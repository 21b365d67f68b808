// Signed readings: COSE_Sign1 by the device key with sequence numbers from the
// key store's monotonic values, hash-chained; the receiver detects forgery,
// gaps and reordering.
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { ReadingSigner } from '../../firmware/credentials/reading';
import { ReadingChainVerifier } from '../../firmware/credentials/reading-verifier';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { equal, ok, throws } from '../support/assert';
import { T0, World, party, suite } from './grant-support';

function device(name = 'glucose-meter') {
  const w = new World();
  w.setTime(T0);
  const kv = new MemoryKv();
  const store = new SoftwareKeyStore({ kv, rootKey: new Uint8Array(32).fill(5), random: xsTestRandom(5), suite });
  const meter = party(store, name);
  const signer = new ReadingSigner({ signer: meter.signer, monotonic: store.monotonic(), kv, suite, time: w.time });
  const verifier = () => new ReadingChainVerifier({ key: { crv: 'Ed25519', bytes: meter.publicKey }, kid: meter.kid, suite });
  return { w, meter, signer, verifier };
}

function withPayload(reading: Uint8Array, change: (m: Map<CborValue, CborValue>) => void): Uint8Array {
  const tag = decodeCbor(reading) as CborTag;
  const parts = (tag.value as CborValue[]).slice();
  const payload = decodeCbor(parts[2] as Uint8Array) as Map<CborValue, CborValue>;
  change(payload);
  parts[2] = encodeCbor(payload);
  return encodeCbor(new CborTag(18, parts));
}

describe('reading: signed and chained', () => {
  it('signs readings 1, 2, 3 with time and verifies them in order', () => {
    const { signer, verifier, w } = device();
    const v = verifier();
    const readings = [5.4, 5.6, 6.1].map((value) => signer.sign('glucose', value));
    readings.forEach((r, i) => {
      const got = v.accept(r);
      equal(got.reading.seq, i + 1);
      equal(got.reading.value, [5.4, 5.6, 6.1][i]);
      equal(got.reading.time, T0);
      equal(got.missing, 0);
    });
    w.clock.advance(30);
    equal(v.accept(signer.sign('glucose', 7)).reading.time, T0 + 30);
  });

  it('a modified value is reading.bad-signature, and the chain goes on with the real one', () => {
    const { signer, verifier } = device();
    const v = verifier();
    v.accept(signer.sign('glucose', 5.4));
    const real = signer.sign('glucose', 12.9);
    throws(() => v.accept(withPayload(real, (m) => m.set(4, 5.5))), 'reading.bad-signature');
    equal(v.accept(real).reading.value, 12.9);
  });

  it('a skipped sequence number is reading.gap (or noted with acceptGap)', () => {
    const { signer, verifier } = device();
    const [a, , c] = [1, 2, 3].map((x) => signer.sign('glucose', x));
    const v = verifier();
    v.accept(a);
    throws(() => v.accept(c), 'reading.gap');
    equal(v.accept(c, { acceptGap: true }).missing, 1);
  });

  it('a reordered pair is reading.reordered; a replay too', () => {
    const { signer, verifier } = device();
    const [a, b, c] = [1, 2, 3].map((x) => signer.sign('glucose', x));
    const v = verifier();
    v.accept(a);
    v.accept(c, { acceptGap: true });
    throws(() => v.accept(b), 'reading.reordered');
    throws(() => v.accept(c), 'reading.reordered');
  });

  it('a reading that does not hold the previous hash is reading.broken-chain; another key is refused', () => {
    const one = device();
    const two = device('insole');
    const v = one.verifier();
    v.accept(one.signer.sign('glucose', 1));
    // Same key, a second chain (e.g. a cloned device): seq 2 with another prev.
    const clone = new ReadingSigner({ signer: one.meter.signer, monotonic: new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: new Uint8Array(32), random: xsTestRandom(1), suite }).monotonic(), kv: new MemoryKv(), suite, time: one.w.time });
    clone.sign('glucose', 9);
    throws(() => v.accept(clone.sign('glucose', 9)), 'reading.broken-chain');
    throws(() => v.accept(two.signer.sign('glucose', 1)), 'reading.bad-signature');
    const otherKey = new ReadingChainVerifier({ key: { crv: 'Ed25519', bytes: two.meter.publicKey }, suite });
    throws(() => otherKey.accept(one.signer.sign('glucose', 2)), 'reading.bad-signature');
  });

  it('hostile bytes are reading.malformed; the verifier state resumes from state()', () => {
    const { signer, verifier } = device();
    const v = verifier();
    throws(() => v.accept(new Uint8Array(2000)), 'reading.malformed');
    const good = signer.sign('glucose', 1);
    for (let cut = 0; cut < good.length; cut += 5) throws(() => v.accept(good.subarray(0, cut)), 'reading.malformed', `cut ${cut}`);
    throws(() => v.accept(withPayload(signer.sign('glucose', 1), (m) => m.set(9, 1))), 'reading.bad-signature');
    const third = signer.sign('glucose', 2);
    equal(v.state(), undefined);
    v.accept(third);
    equal(v.state()?.lastSeq, 3);
    const resumed = new ReadingChainVerifier({ key: { crv: 'Ed25519', bytes: device().meter.publicKey }, suite }, v.state());
    equal(resumed.accept(signer.sign('glucose', 3)).reading.seq, 4);
  });

  it('names the device key by its short id (default) or its DID URL; another kid is refused', () => {
    const { meter, w } = device();
    const kv = new MemoryKv();
    const store = new SoftwareKeyStore({ kv, rootKey: new Uint8Array(32).fill(5), random: xsTestRandom(5), suite });
    const full = new ReadingSigner({ signer: party(store, 'glucose-meter').signer, monotonic: store.monotonic(), kv, suite, time: w.time, kid: 'full' });
    const r = full.sign('glucose', 5);
    const got = new ReadingChainVerifier({ key: { crv: 'Ed25519', bytes: meter.publicKey }, kid: meter.kid, suite }).accept(r);
    equal(got.kid, meter.kid);
    throws(() => new ReadingChainVerifier({ key: { crv: 'Ed25519', bytes: meter.publicKey }, kid: `${meter.kid}x`, suite }).accept(r), 'reading.bad-signature');
    const short = device().signer.sign('glucose', 5);
    throws(() => new ReadingChainVerifier({ key: { crv: 'Ed25519', bytes: meter.publicKey }, kid: `${meter.kid}x`, suite }).accept(short), 'reading.bad-signature');
    ok(r.length - short.length > 80, `full ${r.length} vs short ${short.length} bytes`);
  });

  it('is small: a glucose reading with time fits one BLE 4.2 packet payload (244 bytes)', () => {
    const { signer } = device();
    signer.sign('glucose', 5.4);
    const r = signer.sign('glucose', 5.4);
    ok(r.length <= 244, `${r.length} bytes`);
  });
});
