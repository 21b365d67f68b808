/**
 * Key ids on compact envelopes (PROFILE.md section 3.1). A DIDComm key id is
 * a DID URL (`did:peer:2...#key-2`), often hundreds of bytes; on a device link
 * the envelope carries instead its *short id*: the first 8 bytes of
 * SHA-256(UTF-8(DID URL)). The receiver matches a short id against the keys of
 * the documents it knows (its connections, its own keys). A kid of any other
 * length is the UTF-8 DID URL itself (first contact, unknown peers).
 *
 * 8 bytes keep accidental collisions away even at a gateway that knows
 * millions of keys (birthday bound 2^32); a collision could only make the
 * receiver try more than one key, never accept a wrong one, since the
 * signature or the key agreement must still verify.
 */
import { utf8Decode, utf8Encode } from '../../bytes/utf8';
import type { CryptoSuite } from '../../crypto/suite';
import { splitDidUrl } from '../../did/did-url';
import type { DidDocument } from '../../did/document';
import type { DidResolver } from '../../did/resolver';
import { isPeer4, peer4ShortForm } from '../../did/peer4';
import { TinydidError } from '../../errors/tinydid-error';

export const SHORT_KID_LENGTH = 8;

/** Most DID URLs one short id may stand for before the receiver gives up (hostile input bound). */
export const MAX_KID_CANDIDATES = 4;

/** How a packer writes key ids: short (default, known peers) or the full DID URL. */
export type KidForm = 'short' | 'full';

/** The short id of a DID URL. */
export function shortKid(didUrl: string, suite: CryptoSuite): Uint8Array {
  return suite.sha256(utf8Encode(didUrl)).slice(0, SHORT_KID_LENGTH);
}

/** The kid bytes of `didUrl` in `form`. */
export function kidBytes(didUrl: string, form: KidForm, suite: CryptoSuite): Uint8Array {
  if (form === 'full') return utf8Encode(didUrl);
  return shortKid(didUrl, suite);
}

/**
 * Short ids already computed, per DID URL: the hash is a pure function of the
 * URL, so a cached id is never stale. Kept in an instance (a resolver's memo,
 * see DidResolver.memo), never at module level; at most `max` entries.
 */
export class ShortKidCache {
  readonly #suite: CryptoSuite;
  readonly #ids = new Map<string, Uint8Array>();
  readonly #max: number;

  constructor(suite: CryptoSuite, max = 256) {
    this.#suite = suite;
    this.#max = max;
  }

  /** The short id of `didUrl` (a fresh copy). */
  shortKid(didUrl: string): Uint8Array {
    let id = this.#ids.get(didUrl);
    if (id === undefined) {
      id = shortKid(didUrl, this.#suite);
      if (this.#ids.size >= this.#max) this.#ids.clear();
      this.#ids.set(didUrl, id);
    }
    return id.slice();
  }

  /** The kid bytes of `didUrl` in `form`. */
  kidBytes(didUrl: string, form: KidForm): Uint8Array {
    return form === 'full' ? utf8Encode(didUrl) : this.shortKid(didUrl);
  }
}

/** The short id cache a resolver keeps for `suite`, or a throwaway one when it keeps none. */
export function shortKidCache(resolver: DidResolver, suite: CryptoSuite): ShortKidCache {
  const build = () => new ShortKidCache(suite);
  return resolver.memo === undefined ? build() : resolver.memo(`compact/short-kids/${suite.name}`, build);
}

function hexKey(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/** Where a receiver looks up short ids: the DID URLs of the keys it knows. */
export class KidIndex {
  readonly #ids: ShortKidCache;
  readonly #byShort = new Map<string, string[]>();

  /** `cache`: short ids computed before (by default, a cache of this index's own). */
  constructor(suite: CryptoSuite, cache?: ShortKidCache) {
    this.#ids = cache ?? new ShortKidCache(suite);
  }

  /** Indexes one DID URL. */
  addKid(didUrl: string): this {
    const key = hexKey(this.#ids.shortKid(didUrl));
    const list = this.#byShort.get(key) ?? [];
    if (!list.includes(didUrl)) list.push(didUrl);
    this.#byShort.set(key, list);
    return this;
  }

  /** Indexes every verification method of `doc` (a did:peer:4 under its long and short form). */
  addDocument(doc: DidDocument): this {
    for (const vm of doc.verificationMethod) {
      this.addKid(vm.id);
      if (isPeer4(doc.id)) {
        const short = peer4ShortForm(doc.id);
        if (short !== doc.id && vm.id.startsWith(`${doc.id}#`)) this.addKid(`${short}${vm.id.slice(doc.id.length)}`);
      }
    }
    return this;
  }

  /**
   * The DID URLs a kid may stand for: the index's entries for a short id, or
   * the DID URL a full kid spells. Throws `didcomm.malformed` for a kid that
   * is neither, or a short id with too many candidates.
   */
  resolve(kid: Uint8Array): string[] {
    if (kid.length === SHORT_KID_LENGTH) {
      const found = this.#byShort.get(hexKey(kid)) ?? [];
      if (found.length > MAX_KID_CANDIDATES) throw new TinydidError('didcomm.malformed', `short kid ${hexKey(kid)} matches ${found.length} keys`);
      return found.slice();
    }
    return [fullKid(kid)];
  }
}

/** The DID URL of a full kid; throws `didcomm.malformed`. */
export function fullKid(kid: Uint8Array): string {
  let url: string;
  try {
    url = utf8Decode(kid);
    if (splitDidUrl(url).fragment === undefined) throw new TinydidError('didcomm.malformed', 'a key id needs a fragment');
  } catch (cause) {
    throw new TinydidError('didcomm.malformed', 'kid is neither a short id nor a DID URL', { cause });
  }
  return url;
}
