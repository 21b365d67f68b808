// The secure-element profile (ATECC608 model): P-256 only, never a software
// fallback, fixed slots, locking, attestation, counters, state across restarts.
import { toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { parseStatement, verifyAttestation } from '../../firmware/keys/attestation';
import { defaultAttributes } from '../../firmware/keys/attributes';
import { SECURE_ELEMENT_LIMITS, SecureElementKeyStore } from '../../firmware/keys/secure-element-key-store';
import { deriveFromRoot, openRecord } from '../../firmware/keys/sealed-record';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => 0x10 + i);
const MSG = utf8Encode('firmware 1.2.3');

function element(kv = new MemoryKv(), seed = 11): SecureElementKeyStore {
  return new SecureElementKeyStore({ kv, rootKey: ROOT, random: xsTestRandom(seed), suite });
}

describe('keys (secure element): what the hardware can and cannot do', () => {
  it('capabilities: P-256 in hardware, nothing else, no import, 16 slots', () => {
    deepEqual(element().capabilities(), { backend: 'secure-element (ATECC608 profile)', types: { p256: 'hardware' }, privateKeyImport: false, slots: 16 });
  });
  it('Ed25519 and X25519 fail with keys.unsupported-type and nothing is created', () => {
    const se = element();
    const e = throws(() => se.generate(defaultAttributes('ed25519', 'sign')), 'keys.unsupported-type');
    ok(e.message.includes('P-256 keys only') && e.message.includes('never falls back'), e.message);
    throws(() => se.generate(defaultAttributes('x25519', 'derive')), 'keys.unsupported-type');
    equal(se.list().length, 0);
  });
  it('private-key import and volatile keys are refused', () => {
    const se = element();
    throws(() => se.import(defaultAttributes('p256', 'sign'), new Uint8Array(32).fill(1)), 'keys.unsupported');
    throws(() => se.generate({ ...defaultAttributes('p256', 'sign'), persistence: 'volatile' }), 'keys.unsupported');
  });
  it('P-256 ES256 and ECDH work; keys are hardware-held and generated', () => {
    const se = element();
    const signer = se.generate(defaultAttributes('p256', 'sign'));
    equal(signer, 'slot-1');
    ok(suite.p256Verify(se.sign(signer, MSG), MSG, se.exportPublic(signer)));
    const a = se.generate(defaultAttributes('p256', 'derive'));
    const b = se.generate(defaultAttributes('p256', 'derive'));
    const derivation = { kdf: 'hkdf-sha256' as const, info: new Uint8Array(0), length: 16 };
    deepEqual(se.agree(a, { peers: [se.exportPublic(b)], derivation }), se.agree(b, { peers: [se.exportPublic(a)], derivation }));
    equal(se.info(signer).location, 'hardware');
    equal(se.info(signer).origin, 'generated');
    throws(() => se.sign(a, MSG), 'keys.not-permitted');
    throws(() => se.sign('slot-0', MSG), 'keys.not-found');
    throws(() => se.sign('slot-16', MSG), 'keys.not-found');
  });
  it('15 key slots, then keys.no-free-slot; destroy frees a slot', () => {
    const kv = new MemoryKv();
    const se = element(kv);
    for (let i = 1; i < SECURE_ELEMENT_LIMITS.slots; i++) equal(se.generate(defaultAttributes('p256', 'sign')), `slot-${i}`);
    throws(() => se.generate(defaultAttributes('p256', 'sign')), 'keys.no-free-slot');
    se.destroy('slot-4');
    equal(se.generate(defaultAttributes('p256', 'sign')), 'slot-4');
  });
  it('a locked slot cannot be destroyed; the lock survives a restart', () => {
    const kv = new MemoryKv();
    const se = element(kv);
    const id = se.generate(defaultAttributes('p256', 'sign'));
    equal(se.locked(id), false);
    se.lock(id);
    const again = element(kv, 12);
    equal(again.locked(id), true);
    throws(() => again.destroy(id), 'keys.slot-locked');
    ok(suite.p256Verify(again.sign(id, MSG), MSG, se.exportPublic(id)));
  });
  it('slots, attestation key and counters survive a restart; an edited slot is keys.tampered', () => {
    const kv = new MemoryKv();
    const se = element(kv);
    const id = se.generate(defaultAttributes('p256', 'sign'));
    se.counter(1).increment();
    const again = element(kv, 13);
    deepEqual(again.exportPublic(id), se.exportPublic(id));
    deepEqual(again.attestationPublicKey(), se.attestationPublicKey());
    equal(again.counter(1).read(), 1);
    const record = kv.get('se/slot/01') as Uint8Array;
    record[record.length - 1] ^= 0x80;
    kv.put('se/slot/01', record);
    throws(() => again.sign(id, MSG), 'keys.tampered');
  });
  it('counters: counter 1 for the application (max 2,097,151); counter 0 is not handed out', () => {
    const se = element();
    equal(se.counter(1).max, 2097151);
    equal(se.counter(1).increment(), 1);
    equal(se.counter(1).increment(), 2);
    throws(() => se.counter(0 as 1), 'keys.not-permitted');
  });
});

describe('keys (secure element): attestation', () => {
  it('the factory key signs nonce and public key; a verifier checks both', () => {
    const se = element();
    const id = se.generate(defaultAttributes('p256', 'sign'));
    se.lock(id);
    const nonce = utf8Encode('verifier-nonce-1');
    const att = se.attest(id, nonce);
    const attested = verifyAttestation(suite, att, se.attestationPublicKey(), nonce);
    deepEqual(attested, { slot: 1, generatedInside: true, locked: true, usage: 'sign', nonce, publicKey: se.exportPublic(id) });
    equal(att.statement.length, 4 + 4 + 1 + nonce.length + 1 + 65);
  });
  it('another nonce, an edited statement, another attestation key, or garbage are keys.bad-attestation', () => {
    const se = element();
    const id = se.generate(defaultAttributes('p256', 'derive'));
    const nonce = Uint8Array.of(1, 2, 3, 4);
    const att = se.attest(id, nonce);
    throws(() => verifyAttestation(suite, att, se.attestationPublicKey(), Uint8Array.of(1, 2, 3, 5)), 'keys.bad-attestation');
    const edited = att.statement.slice();
    edited[edited.length - 1] ^= 1;
    throws(() => verifyAttestation(suite, { statement: edited, signature: att.signature }, se.attestationPublicKey(), nonce), 'keys.bad-attestation');
    throws(() => verifyAttestation(suite, att, element(new MemoryKv(), 99).attestationPublicKey(), nonce), 'keys.bad-attestation');
    throws(() => parseStatement(att.statement.subarray(0, 20)), 'keys.bad-attestation');
    throws(() => parseStatement(new Uint8Array(0)), 'keys.bad-attestation');
    throws(() => parseStatement(Uint8Array.of(...att.statement, 0)), 'keys.bad-attestation');
    throws(() => se.attest(id, new Uint8Array(0)), 'keys.bad-argument');
    throws(() => se.attest(id, new Uint8Array(65)), 'keys.bad-argument');
  });
});

describe('keys (secure element): no path reveals a private key', () => {
  it('every method, called on every slot, returns nothing that contains a private key', () => {
    const kv = new MemoryKv();
    const se = element(kv);
    const ids = [se.generate(defaultAttributes('p256', 'sign')), se.generate(defaultAttributes('p256', 'derive'))];
    se.lock(ids[0]);
    // The test knows the root key, so it can read the sealed slots the way no caller can.
    const ctx = { suite, random: xsTestRandom(1), recordKey: deriveFromRoot(suite, ROOT, 'records') };
    const secrets = ['se/slot/00', 'se/slot/01', 'se/slot/02'].map((name) => toHex(openRecord(ctx, name, kv.get(name) as Uint8Array).secret));
    const seen: string[] = [];
    const collect = (value: unknown): void => {
      if (value instanceof Uint8Array) seen.push(toHex(value));
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
      else seen.push(String(value));
    };
    const methods = Object.getOwnPropertyNames(SecureElementKeyStore.prototype).filter((m) => m !== 'constructor' && m !== 'destroy');
    const peer = suite.p256PublicKey(new Uint8Array(32).fill(9));
    for (const id of [...ids, 'slot-0', 'attestation']) {
      for (const method of methods) {
        const fn = (se as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
        const args = method === 'agree' ? [id, { peers: [peer], derivation: { kdf: 'hkdf-sha256', info: new Uint8Array(0), length: 64 } }] : method === 'attest' ? [id, Uint8Array.of(1, 2)] : method === 'counter' ? [1] : [id, MSG];
        try {
          collect(fn.apply(se, args));
        } catch (e) {
          collect((e as Error).message);
        }
      }
    }
    collect(JSON.stringify(se));
    for (const key of kv.list('')) collect(kv.get(key));
    ok(methods.length >= 12, `methods tried: ${methods.join(', ')}`);
    for (const secret of secrets) equal(seen.some((s) => s.includes(secret)), false, `private key ${secret.slice(0, 8)}... leaked`);
  });
});
