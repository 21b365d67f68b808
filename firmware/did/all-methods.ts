// Every DID method tinydid resolves by itself, for hosts (simulator, gateway,
// CLI): did:peer:2, did:key and did:peer:4. A device image imports
// resolver.ts with PEER2_METHOD alone and carries none of the others.
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { isDidKey, resolveDidKey } from './did-key';
import type { DidDocument } from './document';
import { isPeer4, peer4ShortForm, resolvePeer4, shortFormDocument } from './peer4';
import { LocalResolver, PEER2_METHOD, type DidMethod, type ResolverOptions } from './resolver';

/** did:key (W3C CCG did:key): Ed25519 and X25519 keys, the document derived from the key. */
export const DID_KEY_METHOD: DidMethod = Object.freeze({
  matches: isDidKey,
  resolve: (did: string): DidDocument => resolveDidKey(did),
});

/**
 * did:peer:4 (did:peer spec, "Method 4"): a long form resolves by itself (its
 * hash checked), and its short form then resolves from the kept document; a
 * short form alone is `did.not-found`.
 */
export const PEER4_METHOD: DidMethod = Object.freeze({
  matches: isPeer4,
  resolve(did: string, suite: CryptoSuite): DidDocument {
    if (peer4ShortForm(did) === did) throw new TinydidError('did.not-found', `${did}: short form of a did:peer:4 whose long form is unknown`);
    return resolvePeer4(did, suite);
  },
  aliases(document: DidDocument): readonly (readonly [string, DidDocument])[] {
    const short = peer4ShortForm(document.id);
    return short === document.id ? [] : [[short, shortFormDocument(document)]];
  },
});

/** did:peer:2, did:key and did:peer:4. */
export const ALL_DID_METHODS: readonly DidMethod[] = Object.freeze([PEER2_METHOD, DID_KEY_METHOD, PEER4_METHOD]);

/** A LocalResolver with every method (ALL_DID_METHODS). */
export function createLocalResolver(options: Omit<ResolverOptions, 'methods'>): LocalResolver {
  return new LocalResolver({ ...options, methods: ALL_DID_METHODS });
}
