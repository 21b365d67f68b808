import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { checkDid } from './did-url';
import { isDidKey, resolveDidKey } from './did-key';
import { parseDidDocument, type DidDocument } from './document';
import { isPeer2, resolvePeer2 } from './peer2';
import { isPeer4, peer4ShortForm, resolvePeer4, shortFormDocument } from './peer4';

/**
 * DID resolution as tinydid needs it: synchronous (a device resolves from
 * what it holds) and strict. `resolve` returns the document or throws
 * `did.not-found` (or the method's own codes for a malformed DID).
 */
export interface DidResolver {
  resolve(did: string): DidDocument;
  /**
   * The documents this resolver holds (connections, files), when it can list
   * them: the compact DIDComm profile matches short key ids against them.
   */
  known?(): DidDocument[];
  /**
   * A value derived from the documents this resolver holds (e.g. the short key
   * ids the compact profile matches), computed by `build` once and kept in this
   * instance until the documents change. Optional: without it callers build
   * the value every time.
   */
  memo?<T>(key: string, build: () => T): T;
}

export interface ResolverOptions {
  /** Documents known in advance (connections, files); validated on the way in. */
  documents?: readonly unknown[];
  /** Hash for did:peer:4 (required: the device images carry no default suite). */
  suite: CryptoSuite;
}

/**
 * A resolver that answers from known documents first, then resolves
 * did:peer:2, did:peer:4 (long form; a short form once its long form was seen
 * or given) and did:key by themselves.
 */
export class LocalResolver implements DidResolver {
  readonly #documents = new Map<string, DidDocument>();
  readonly #suite: CryptoSuite;
  /** Values derived from #documents (see DidResolver.memo); cleared whenever #documents changes. */
  readonly #memo = new Map<string, unknown>();

  constructor(options: ResolverOptions) {
    this.#suite = options.suite;
    for (const doc of options.documents ?? []) this.add(doc);
  }

  /** Adds (or replaces) a known document; returns it validated. */
  add(document: unknown): DidDocument {
    const doc = parseDidDocument(document);
    this.#memo.clear();
    this.#documents.set(doc.id, doc);
    if (isPeer4(doc.id) && peer4ShortForm(doc.id) !== doc.id) this.#documents.set(peer4ShortForm(doc.id), shortFormDocument(doc));
    return doc;
  }

  known(): DidDocument[] {
    return [...new Set(this.#documents.values())];
  }

  memo<T>(key: string, build: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = build();
    this.#memo.set(key, value);
    return value;
  }

  resolve(did: string): DidDocument {
    checkDid(did);
    const known = this.#documents.get(did);
    if (known !== undefined) return known;
    if (isPeer2(did)) return resolvePeer2(did);
    if (isDidKey(did)) return resolveDidKey(did);
    if (isPeer4(did)) {
      if (peer4ShortForm(did) === did) throw new TinydidError('did.not-found', `${did}: short form of a did:peer:4 whose long form is unknown`);
      const doc = resolvePeer4(did, this.#suite);
      this.#memo.clear();
      this.#documents.set(did, doc);
      this.#documents.set(peer4ShortForm(did), shortFormDocument(doc));
      return doc;
    }
    throw new TinydidError('did.not-found', `cannot resolve ${did.slice(0, 80)}`);
  }
}
