// The short key id cache (firmware/didcomm/compact/key-id.ts) and the
// resolver's memo it lives in (DidResolver.memo): values derived from the
// known documents are computed once per resolver, and forgotten as soon as the
// documents change, so a cached index never answers for a document that is no
// longer the one the resolver holds.
import { portableSuite as suite } from '../../firmware/crypto/portable-suite';
import { createLocalResolver } from '../../firmware/did/all-methods';
import { ShortKidCache, shortKid, shortKidCache } from '../../firmware/didcomm/compact/key-id';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { unpackCompact } from '../../firmware/didcomm/compact/unpack';
import { readingPair } from '../../firmware/didcomm/reading-pair';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';

describe('compact: short key id cache and resolver memo', () => {
  it('LocalResolver.memo builds once and forgets after add()', () => {
    const a = readingPair({ suite, random: xsTestRandom(41) });
    const resolver = createLocalResolver({ documents: [a.meter.didDocument], suite });
    let builds = 0;
    const build = () => ++builds;
    equal(resolver.memo('k', build), 1);
    equal(resolver.memo('k', build), 1);
    resolver.add(a.phone.didDocument);
    equal(resolver.memo('k', build), 2);
  });

  it('ShortKidCache gives the short ids shortKid gives, as fresh copies', () => {
    const cache = new ShortKidCache(suite, 2);
    const urls = ['did:example:a#k1', 'did:example:b#k1', 'did:example:c#k1'];
    for (const url of [...urls, ...urls]) deepEqual(cache.shortKid(url), shortKid(url, suite));
    const first = cache.shortKid(urls[0]);
    first.fill(0);
    deepEqual(cache.shortKid(urls[0]), shortKid(urls[0], suite));
    deepEqual(cache.kidBytes(urls[1], 'full'), new TextEncoder().encode(urls[1]));
  });

  it('a resolver keeps one cache per suite; one without memo gets a fresh one each time', () => {
    const resolver = createLocalResolver({ suite });
    ok(shortKidCache(resolver, suite) === shortKidCache(resolver, suite));
    const plain = { resolve: resolver.resolve.bind(resolver) };
    ok(shortKidCache(plain, suite) !== shortKidCache(plain, suite));
  });

  it('unpack sees a peer added after the cache was built, and refuses one whose document was replaced', () => {
    const random = xsTestRandom(42);
    const pair = readingPair({ suite, random });
    const stranger = readingPair({ suite, random });
    // The phone knows only itself and the meter; unpacking fills its memo.
    const phoneResolver = createLocalResolver({ documents: [pair.meter.didDocument, pair.phone.didDocument], suite });
    const packed = packCompact(pair.message, { mode: 'authcrypt', resolver: pair.resolver, keys: pair.meterKeys, random, suite });
    equal(unpackCompact(packed.bytes, { resolver: phoneResolver, keys: pair.phoneKeys, suite, now: 1763779260 }).message.from, pair.meter.did);
    // A message from a peer the phone does not know yet: its short kid is unknown.
    const fromStranger = packCompact({ ...stranger.message, to: [pair.phone.did] }, {
      mode: 'authcrypt',
      resolver: createLocalResolver({ documents: [stranger.meter.didDocument, pair.phone.didDocument], suite }),
      keys: stranger.meterKeys,
      random,
      suite,
    });
    throws(() => unpackCompact(fromStranger.bytes, { resolver: phoneResolver, keys: pair.phoneKeys, suite, now: 1763779260 }), 'didcomm.unknown-kid');
    // Once the phone learns the stranger's document, the same bytes unpack.
    phoneResolver.add(stranger.meter.didDocument);
    equal(unpackCompact(fromStranger.bytes, { resolver: phoneResolver, keys: pair.phoneKeys, suite, now: 1763779260 }).message.from, stranger.meter.did);
    // The meter's document replaced by one naming other keys under the same
    // ids: the cached short ids still name the URLs, but the key is read from
    // the document held now, so the meter's next message does not open.
    const forged = JSON.parse(JSON.stringify(stranger.meter.didDocument).split(stranger.meter.did).join(pair.meter.did)) as unknown;
    phoneResolver.add(forged);
    const again = packCompact({ ...pair.message, id: 'r-000124' }, { mode: 'authcrypt', resolver: pair.resolver, keys: pair.meterKeys, random, suite });
    throws(() => unpackCompact(again.bytes, { resolver: phoneResolver, keys: pair.phoneKeys, suite, now: 1763779260 }));
  });
});
