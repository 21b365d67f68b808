import { TinydidError } from '../errors/tinydid-error';

/** Named limits for DIDs and DID URLs (did:peer:4 long forms carry a whole document). */
export const DID_LIMITS = Object.freeze({
  maxDidLength: 8192,
  maxDocumentMethods: 32,
  maxServices: 8,
});

// W3C DID Core section 3.1: did = "did:" method-name ":" method-specific-id;
// method-name = 1*method-char (%x61-7A / DIGIT).
// A function, not a module-level RegExp: XS 17 crashes running a RegExp
// preloaded into flash (hosts/moddable/README.md, "Heap"); a literal in a
// function is made at run time.
const DID_PATTERN = (): RegExp => /^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/;

/** Checks DID syntax (no path, query or fragment); throws `did.malformed`. */
export function checkDid(did: unknown): string {
  if (typeof did !== 'string' || did.length > DID_LIMITS.maxDidLength || !DID_PATTERN().test(did)) {
    throw new TinydidError('did.malformed', `not a DID: ${typeof did === 'string' ? did.slice(0, 80) : typeof did}`);
  }
  return did;
}

/** The method name of a DID ("peer", "key", ...). */
export function didMethod(did: string): string {
  return checkDid(did).split(':')[1];
}

/** Splits a DID URL with a fragment (a key id, `did:...#key-1`) into its DID and fragment. */
export function splitDidUrl(url: unknown): { did: string; fragment: string | undefined } {
  if (typeof url !== 'string') throw new TinydidError('did.malformed', 'DID URL must be a string');
  const hash = url.indexOf('#');
  const did = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  checkDid(did);
  if (fragment !== undefined && (fragment.length === 0 || fragment.includes('#'))) {
    throw new TinydidError('did.malformed', `bad fragment in DID URL ${url.slice(0, 80)}`);
  }
  return { did, fragment };
}

/** The DID of a DID URL (`did:...#key-1` -> `did:...`). */
export function didOf(url: string): string {
  return splitDidUrl(url).did;
}
