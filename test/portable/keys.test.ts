// firmware/keys, software backend: PSA-style attributes, operations, usage
// enforcement, encryption at rest with tamper and swap detection, and no path
// that reveals a private key.
import { fromBase64url, toBase64url } from '../../firmware/bytes/base64url';
import { concatBytes } from '../../firmware/bytes/concat';
import { toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { parseStatement } from '../../firmware/keys/attestation';
import { defaultAttributes } from '../../firmware/keys/attributes';
import type { KeyAttributes } from '../../firmware/keys/key-store';
import { openKeyStore } from '../../firmware/keys/open-key-store';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, notEqual, ok, throws } from '../support/assert';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + i);
const MSG = utf8Encode('reading 5.4 mmol/L');

function fresh(kv = new MemoryKv(), root = ROOT, seed = 7): SoftwareKeyStore {
  return new SoftwareKeyStore({ kv, rootKey: root, random: xsTestRandom(seed), suite });
}

describe('keys (software): attributes', () => {
  it('fixes one permitted algorithm per type and usage; anything else is keys.bad-attributes', () => {
    const store = fresh();
    const bad: unknown[] = [
      { type: 'ed25519', usage: 'derive', algorithm: 'ecdh', persistence: 'persistent' },
      { type: 'ed25519', usage: 'sign', algorithm: 'es256', persistence: 'persistent' },
      { type: 'x25519', usage: 'sign', algorithm: 'eddsa', persistence: 'persistent' },
      { type: 'p256', usage: 'sign', algorithm: 'ecdh', persistence: 'persistent' },
      { type: 'rsa', usage: 'sign', algorithm: 'eddsa', persistence: 'persistent' },
      { type: 'p256', usage: 'sign', algorithm: 'es256', persistence: 'forever' },
      { type: 'p256', usage: 'sign', algorithm: 'es256', persistence: 'persistent', label: 'x'.repeat(65) },
      null,
    ];
    for (const attributes of bad) throws(() => store.generate(attributes as KeyAttributes), 'keys.bad-attributes', JSON.stringify(attributes));
    equal(store.list().length, 0);
  });
  it('capabilities: every type, in software, import allowed', () => {
    deepEqual(fresh().capabilities(), { backend: 'software', types: { ed25519: 'software', x25519: 'software', p256: 'software' }, privateKeyImport: true });
  });
});

describe('keys (software): operations', () => {
  it('Ed25519 and P-256 keys sign; signatures verify with the exported public key', () => {
    const store = fresh();
    const ed = store.generate(defaultAttributes('ed25519', 'sign', 'device'));
    const es = store.generate(defaultAttributes('p256', 'sign'));
    equal(store.exportPublic(ed).length, 32);
    equal(store.exportPublic(es).length, 65);
    ok(suite.ed25519Verify(store.sign(ed, MSG), MSG, store.exportPublic(ed)));
    const sig = store.sign(es, MSG);
    equal(sig.length, 64);
    ok(suite.p256Verify(sig, MSG, store.exportPublic(es)));
    deepEqual(store.info(ed), { type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'persistent', label: 'device', id: ed, origin: 'generated', location: 'software' });
  });
  it('X25519 and P-256 agreement: both sides derive the same key (HKDF and Concat KDF)', () => {
    const store = fresh();
    for (const type of ['x25519', 'p256'] as const) {
      const a = store.generate(defaultAttributes(type, 'derive'));
      const b = store.generate(defaultAttributes(type, 'derive'));
      const hkdf = { kdf: 'hkdf-sha256' as const, info: utf8Encode('ctx'), length: 32 };
      const ab = store.agree(a, { peers: [store.exportPublic(b)], derivation: hkdf });
      const ba = store.agree(b, { peers: [store.exportPublic(a)], derivation: hkdf });
      equal(toHex(ab), toHex(ba), type);
      const concat = { kdf: 'concat-sha256' as const, otherInfo: utf8Encode('other'), length: 40 };
      const c1 = store.agree(a, { peers: [store.exportPublic(b)], derivation: concat });
      equal(c1.length, 40);
      equal(toHex(c1), toHex(store.agree(b, { peers: [store.exportPublic(a)], derivation: concat })));
      notEqual(toHex(c1.subarray(0, 32)), toHex(ab));
    }
  });
  it('Concat KDF matches RFC 7518 appendix C (ECDH-ES, A128GCM) with the imported key', () => {
    // Bob's key and Alice's ephemeral public key (JWKs) from RFC 7518 appendix C.
    const bob = fromBase64url('VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw');
    const ephemeral = concatBytes(Uint8Array.of(4), fromBase64url('gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0'), fromBase64url('SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps'));
    const store = fresh();
    const id = store.import(defaultAttributes('p256', 'derive'), bob);
    // OtherInfo: AlgorithmID "A128GCM", PartyUInfo "Alice", PartyVInfo "Bob", SuppPubInfo 128 (RFC 7518 appendix C).
    const otherInfo = new Uint8Array([0, 0, 0, 7, 65, 49, 50, 56, 71, 67, 77, 0, 0, 0, 5, 65, 108, 105, 99, 101, 0, 0, 0, 3, 66, 111, 98, 0, 0, 0, 128]);
    const cek = store.agree(id, { peers: [ephemeral], derivation: { kdf: 'concat-sha256', otherInfo, length: 16 } });
    equal(toBase64url(cek), 'VqqN6vgjbSBcIijNcacQGg');
  });
  it('usage is enforced: keys.not-permitted both ways', () => {
    const store = fresh();
    const signer = store.generate(defaultAttributes('p256', 'sign'));
    const deriver = store.generate(defaultAttributes('p256', 'derive'));
    throws(() => store.agree(signer, { peers: [store.exportPublic(deriver)], derivation: { kdf: 'hkdf-sha256', info: new Uint8Array(0), length: 32 } }), 'keys.not-permitted');
    throws(() => store.sign(deriver, MSG), 'keys.not-permitted');
  });
  it('bad arguments are typed errors: unknown id, bad peers, bad derivation', () => {
    const store = fresh();
    const x = store.generate(defaultAttributes('x25519', 'derive'));
    throws(() => store.sign('0123456789abcdef', MSG), 'keys.not-found');
    throws(() => store.sign('../../etc', MSG), 'keys.not-found');
    const hkdf = { kdf: 'hkdf-sha256' as const, info: new Uint8Array(0), length: 32 };
    throws(() => store.agree(x, { peers: [], derivation: hkdf }), 'keys.bad-argument');
    throws(() => store.agree(x, { peers: [new Uint8Array(31)], derivation: hkdf }), 'keys.bad-argument');
    throws(() => store.agree(x, { peers: [new Uint8Array(32)], derivation: hkdf }), 'crypto.bad-key');
    throws(() => store.agree(x, { peers: [store.exportPublic(x)], derivation: { ...hkdf, length: 0 } }), 'keys.bad-argument');
    throws(() => store.agree(x, { peers: [store.exportPublic(x)], derivation: { kdf: 'md5' } as never }), 'keys.bad-argument');
    throws(() => store.import(defaultAttributes('p256', 'sign'), new Uint8Array(32)), 'keys.bad-key');
    throws(() => store.import(defaultAttributes('ed25519', 'sign'), new Uint8Array(31)), 'keys.bad-key');
  });
  it('import marks keys imported and software-held; list and destroy', () => {
    const store = fresh();
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
    const id = store.import(defaultAttributes('ed25519', 'sign'), seed);
    equal(store.info(id).origin, 'imported');
    equal(store.info(id).location, 'software');
    // RFC 8032 section 7.1 style check: the public key is the one noble derives for this seed.
    ok(suite.ed25519Verify(store.sign(id, MSG), MSG, store.exportPublic(id)));
    const other = store.generate({ ...defaultAttributes('x25519', 'derive'), persistence: 'volatile' });
    deepEqual(store.list().map((k) => k.id).sort(), [id, other].sort());
    store.destroy(id);
    store.destroy(other);
    throws(() => store.sign(id, MSG), 'keys.not-found');
    throws(() => store.info(other), 'keys.not-found');
    equal(store.list().length, 0);
  });
  it('persistent keys survive a reopen; volatile keys do not', () => {
    const kv = new MemoryKv();
    const store = fresh(kv);
    const kept = store.generate(defaultAttributes('ed25519', 'sign'));
    const gone = store.generate({ ...defaultAttributes('ed25519', 'sign'), persistence: 'volatile' });
    const reopened = fresh(kv, ROOT, 8);
    deepEqual(reopened.exportPublic(kept), store.exportPublic(kept));
    throws(() => reopened.info(gone), 'keys.not-found');
  });
});

describe('keys (software): encryption at rest', () => {
  it('the stored record does not contain the private key', () => {
    const kv = new MemoryKv();
    const seed = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
    const id = fresh(kv).import(defaultAttributes('ed25519', 'sign'), seed);
    const record = toHex(kv.get(`key/${id}`) as Uint8Array);
    equal(record.includes(toHex(seed).slice(0, 16)), false);
  });
  it('a record edited at any byte is keys.tampered on next use', () => {
    const kv = new MemoryKv();
    const id = fresh(kv).generate(defaultAttributes('ed25519', 'sign', 'x'));
    const good = kv.get(`key/${id}`) as Uint8Array;
    for (let i = 0; i < good.length; i++) {
      const bad = good.slice();
      bad[i] ^= 0x01;
      kv.put(`key/${id}`, bad);
      throws(() => fresh(kv).sign(id, MSG), 'keys.tampered', `byte ${i}`);
    }
    kv.put(`key/${id}`, good.subarray(0, 10));
    throws(() => fresh(kv).info(id), 'keys.tampered', 'truncated');
    kv.put(`key/${id}`, good);
    equal(fresh(kv).sign(id, MSG).length, 64);
  });
  it('a record copied over another key (swap) is keys.tampered', () => {
    const kv = new MemoryKv();
    const store = fresh(kv);
    const a = store.generate(defaultAttributes('ed25519', 'sign'));
    const b = store.generate(defaultAttributes('ed25519', 'sign'));
    kv.put(`key/${b}`, kv.get(`key/${a}`) as Uint8Array);
    throws(() => store.sign(b, MSG), 'keys.tampered');
    throws(() => store.list(), 'keys.tampered');
  });
  it('another device root key cannot open the store', () => {
    const kv = new MemoryKv();
    const id = fresh(kv).generate(defaultAttributes('p256', 'sign'));
    throws(() => fresh(kv, new Uint8Array(32).fill(1)).sign(id, MSG), 'keys.tampered');
    throws(() => fresh(kv, new Uint8Array(16)), 'keys.bad-key');
  });
});

describe('keys (software): no path reveals a private key', () => {
  it('every method, called on every key, returns nothing that contains the private key', () => {
    const kv = new MemoryKv();
    const store = fresh(kv);
    const secrets: Uint8Array[] = [];
    const ids: string[] = [];
    for (const [type, usage] of [['ed25519', 'sign'], ['x25519', 'derive'], ['p256', 'sign'], ['p256', 'derive']] as const) {
      const secret = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + type.length + usage.length) & 0x7f);
      secret[0] = 1;
      secrets.push(secret);
      ids.push(store.import(defaultAttributes(type, usage), secret));
    }
    const seen: string[] = [];
    const collect = (value: unknown): void => {
      if (value instanceof Uint8Array) seen.push(toHex(value));
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
      else seen.push(String(value));
    };
    const methods = Object.getOwnPropertyNames(SoftwareKeyStore.prototype).filter((m) => m !== 'constructor');
    const peer = { x25519: suite.x25519PublicKey(Uint8Array.of(...new Array(32).fill(9))), p256: suite.p256PublicKey(Uint8Array.of(...new Array(32).fill(9))) };
    for (const id of ids) {
      for (const method of methods) {
        const fn = (store as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
        const type = store.info(id).type;
        const args: unknown[] = method === 'agree' ? [id, { peers: [type === 'p256' ? peer.p256 : peer.x25519], derivation: { kdf: 'hkdf-sha256', info: new Uint8Array(0), length: 64 } }] : [id, MSG];
        if (method === 'destroy') continue;
        try {
          collect(fn.apply(store, args));
        } catch (e) {
          collect((e as Error).message);
        }
      }
    }
    collect(Object.keys(store));
    collect(JSON.stringify(store));
    for (const key of kv.list('')) collect(kv.get(key));
    ok(methods.length >= 10, `methods tried: ${methods.join(', ')}`);
    for (const secret of secrets) {
      const hex = toHex(secret);
      equal(seen.some((s) => s.includes(hex)), false, `private key ${hex.slice(0, 8)}... leaked`);
    }
  });
});

describe('keys: openKeyStore fixes the profile at creation', () => {
  it('a store created software refuses to open as secure-element, and the reverse', () => {
    const kv = new MemoryKv();
    const random = xsTestRandom(3);
    equal(openKeyStore({ kv, rootKey: ROOT, random, suite }).profile, 'software');
    equal(openKeyStore({ kv, rootKey: ROOT, random, suite, profile: 'software' }).profile, 'software');
    throws(() => openKeyStore({ kv, rootKey: ROOT, random, suite, profile: 'secure-element' }), 'keys.profile-mismatch');
    const se = new MemoryKv();
    equal(openKeyStore({ kv: se, rootKey: ROOT, random, suite, profile: 'secure-element' }).profile, 'secure-element');
    equal(openKeyStore({ kv: se, rootKey: ROOT, random, suite }).profile, 'secure-element');
    throws(() => openKeyStore({ kv: se, rootKey: ROOT, random, suite, profile: 'software' }), 'keys.profile-mismatch');
    throws(() => openKeyStore({ kv: new MemoryKv(), rootKey: ROOT, random, suite, profile: 'tpm' as never }), 'keys.bad-argument');
  });
});

describe('keys: hostile stored bytes', () => {
  it('random records, truncations and garbage only ever raise typed errors', () => {
    const random = xsTestRandom(77);
    const kv = new MemoryKv();
    const store = fresh(kv);
    const id = store.generate(defaultAttributes('ed25519', 'sign'));
    const good = kv.get(`key/${id}`) as Uint8Array;
    const candidates: Uint8Array[] = [new Uint8Array(0), Uint8Array.of(1), Uint8Array.of(1, 255), Uint8Array.of(1, 0)];
    for (let i = 0; i < 40; i++) candidates.push(random.fill(new Uint8Array(1 + (i * 7) % 120)));
    for (let n = 0; n < good.length; n += 5) candidates.push(good.subarray(0, n));
    let refused = 0;
    for (const bytes of candidates) {
      kv.put(`key/${id}`, bytes);
      throws(() => store.sign(id, MSG), 'keys.tampered');
      refused++;
    }
    equal(refused, candidates.length);
  });
  it('random attestation statements are keys.bad-attestation, never a crash', () => {
    const random = xsTestRandom(78);
    for (let i = 0; i < 40; i++) {
      const bytes = random.fill(new Uint8Array((i * 13) % 100));
      if (i % 2 === 0 && bytes.length >= 4) bytes.set([0x54, 0x44, 0x41, 0x31]);
      throws(() => parseStatement(bytes), 'keys.bad-attestation');
    }
  });
});
