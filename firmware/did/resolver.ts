import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { checkDid } from './did-url';
import { parseDidDocument, type DidDocument } from './document';
import { isPeer2, resolvePeer2 } from './peer2';

/**
 * DID resolution as tinydid needs it: synchronous (a device resolves from
 * what it holds) and strict. `resolve` returns the document or throws
 * `did.not-found`, `did.unsupported-method` (or the method's own codes for a
 * malformed DID).
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

/**
 * A DID method a LocalResolver resolves by itself (from the DID alone, no
 * registry). `resolve` throws the method's own codes for a malformed DID.
 */
export interface DidMethod {
  /** True when `did` is of this method. */
  matches(did: string): boolean;
  resolve(did: string, suite: CryptoSuite): DidDocument;
  /**
   * Other DIDs the same document answers for, with their documents (a
   * did:peer:4 long form's short form). A method that has aliases has the
   * documents it resolves kept, with their aliases, so an alias resolves
   * once its document was seen.
   */
  aliases?(document: DidDocument): readonly (readonly [string, DidDocument])[];
}

/** did:peer:2 (did:peer spec, "Method 2"): the one method a device resolves (its own DID and its controller's). */
export const PEER2_METHOD: DidMethod = Object.freeze({
  matches: isPeer2,
  resolve: (did: string): DidDocument => resolvePeer2(did),
});

export interface ResolverOptions {
  /** Documents known in advance (connections, files); validated on the way in. */
  documents?: readonly unknown[];
  /** Hash for did:peer:4 (required: the device images carry no default suite). */
  suite: CryptoSuite;
  /**
   * The DID methods resolved by themselves. Default: did:peer:2 alone (what a
   * device needs); firmware/did/all-methods.ts has the full set (did:peer:2,
   * did:key, did:peer:4) and createLocalResolver for hosts.
   */
  methods?: readonly DidMethod[];
}

/**
 * A resolver that answers from known documents first, then resolves a DID of
 * one of its methods by itself; a DID of any other method is
 * `did.unsupported-method`.
 */
export class LocalResolver implements DidResolver {
  readonly #documents = new Map<string, DidDocument>();
  readonly #suite: CryptoSuite;
  readonly #methods: readonly DidMethod[];
  /** Values derived from #documents (see DidResolver.memo); cleared whenever #documents changes. */
  readonly #memo = new Map<string, unknown>();

  constructor(options: ResolverOptions) {
    this.#suite = options.suite;
    this.#methods = options.methods ?? [PEER2_METHOD];
    for (const doc of options.documents ?? []) this.add(doc);
  }

  /** Adds (or replaces) a known document; returns it validated. */
  add(document: unknown): DidDocument {
    const doc = parseDidDocument(document);
    this.#keep(doc, this.#methods.find((m) => m.matches(doc.id)));
    return doc;
  }

  /** Keeps `doc`, and the documents of its aliases under its method. */
  #keep(doc: DidDocument, method: DidMethod | undefined): void {
    this.#memo.clear();
    this.#documents.set(doc.id, doc);
    if (method?.aliases !== undefined) for (const [alias, aliasDoc] of method.aliases(doc)) this.#documents.set(alias, aliasDoc);
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
    const method = this.#methods.find((m) => m.matches(did));
    if (method === undefined) throw new TinydidError('did.unsupported-method', `${did.slice(0, 80)}: this resolver has no document for it and does not resolve its method`);
    const doc = method.resolve(did, this.#suite);
    if (method.aliases !== undefined) this.#keep(doc, method);
    return doc;
  }
}
