// The reference implementation's test agents (alice, bob, charlie) from the
// vectors' key files, imported into software key stores; used by the JSON
// DIDComm suites on both lanes.
import { portableSuite } from '../../firmware/crypto/portable-suite';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { createLocalResolver } from '../../firmware/did/all-methods';
import type { LocalResolver } from '../../firmware/did/resolver';
import type { KeyRing } from '../../firmware/didcomm/key-ring';
import { importSecrets, memorySoftwareKeyStore } from '../../firmware/didcomm/software-agent';
import type { DidDocument } from '../../firmware/did/document';
import type { KeyUsage } from '../../firmware/keys/key-store';
import { xsTestRandom } from '../../hosts/xs/random';
import { vectorText } from './vectors';

/** Inside the messages' validity (created 2018-01-18T09:30:22Z, expires 2018-01-19T18:18:51Z). */
export const VECTOR_NOW = 1516300000;

export const VECTOR_NAMES = ['alice', 'bob', 'charlie'] as const;
export type VectorName = (typeof VECTOR_NAMES)[number];

export function vectorDocument(name: VectorName): unknown {
  return JSON.parse(vectorText(`didcomm/keys/${name}_did_doc.json`));
}

export function vectorResolver(suite: CryptoSuite = portableSuite): LocalResolver {
  return createLocalResolver({ documents: VECTOR_NAMES.map(vectorDocument), suite });
}

/** The agent `name` with its secrets in a software key store; P-256 keys get the usage their document gives them. */
export function vectorAgent(name: VectorName, suite: CryptoSuite = portableSuite, seed = 7): { ring: KeyRing; skipped: Array<{ id: string; code: string }>; document: DidDocument } {
  const resolver = vectorResolver(suite);
  const document = resolver.resolve(`did:example:${name}`);
  const usageOf = (kid: string): KeyUsage | undefined => (document.authentication.includes(kid) ? 'sign' : document.keyAgreement.includes(kid) ? 'derive' : undefined);
  const store = memorySoftwareKeyStore(xsTestRandom(seed), suite);
  const { ring, skipped } = importSecrets(JSON.parse(vectorText(`didcomm/keys/${name}_secrets.json`)), store, usageOf);
  return { ring, skipped, document };
}
