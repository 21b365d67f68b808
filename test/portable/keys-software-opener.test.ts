// firmware/keys/key-store-profile.ts: the software-only opener the device
// images use (no secure-element backend in them) keeps the profile rules of
// openKeyStore: the profile is written sealed at creation and fixed, a store
// created for the secure element never opens in software, a tampered profile
// record is refused, and both openers see the same store.
import { utf8Encode } from '../../firmware/bytes/utf8';
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { defaultAttributes } from '../../firmware/keys/attributes';
import { keyStoreProfile, openSoftwareKeyStore } from '../../firmware/keys/key-store-profile';
import { openKeyStore } from '../../firmware/keys/open-key-store';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
const OTHER_ROOT = Uint8Array.from({ length: 32 }, (_, i) => 0x90 + i);

describe('keys: openSoftwareKeyStore (the device images\' opener)', () => {
  it('creates a software-profile store that openKeyStore reopens as software, keys intact', () => {
    const kv = new MemoryKv();
    const random = xsTestRandom(11);
    const store = openSoftwareKeyStore({ kv, rootKey: ROOT, random, suite });
    ok(store instanceof SoftwareKeyStore);
    equal(store.profile, 'software');
    const id = store.generate(defaultAttributes('ed25519', 'sign'));
    const publicKey = store.exportPublic(id);
    const signature = store.sign(id, utf8Encode('reading'));
    equal(keyStoreProfile({ kv, rootKey: ROOT, random, suite }), 'software');
    const again = openKeyStore({ kv, rootKey: ROOT, random, suite });
    equal(again.profile, 'software');
    deepEqual([...again.exportPublic(id)], [...publicKey]);
    const reopened = openSoftwareKeyStore({ kv, rootKey: ROOT, random, suite });
    deepEqual([...reopened.exportPublic(id)], [...publicKey]);
    equal(suite.ed25519Verify(signature, utf8Encode('reading'), publicKey), true);
    throws(() => openKeyStore({ kv, rootKey: ROOT, random, suite, profile: 'secure-element' }), 'keys.profile-mismatch');
  });

  it('refuses a store created with the secure-element profile (no silent fall back to software)', () => {
    const kv = new MemoryKv();
    const random = xsTestRandom(12);
    equal(openKeyStore({ kv, rootKey: ROOT, random, suite, profile: 'secure-element' }).profile, 'secure-element');
    throws(() => openSoftwareKeyStore({ kv, rootKey: ROOT, random, suite }), 'keys.profile-mismatch');
    equal(openKeyStore({ kv, rootKey: ROOT, random, suite }).profile, 'secure-element');
  });

  it('refuses a profile record sealed under another root key, or edited', () => {
    const random = xsTestRandom(13);
    const kv = new MemoryKv();
    openSoftwareKeyStore({ kv, rootKey: OTHER_ROOT, random, suite });
    throws(() => openSoftwareKeyStore({ kv, rootKey: ROOT, random, suite }), 'keys.tampered');
    const edited = new MemoryKv();
    openSoftwareKeyStore({ kv: edited, rootKey: ROOT, random, suite });
    const record = edited.get('meta/profile') as Uint8Array;
    const flipped = record.slice();
    flipped[flipped.length - 1] ^= 1;
    edited.put('meta/profile', flipped);
    throws(() => openSoftwareKeyStore({ kv: edited, rootKey: ROOT, random, suite }), 'keys.tampered');
    throws(() => openKeyStore({ kv: edited, rootKey: ROOT, random, suite }), 'keys.tampered');
  });
});
