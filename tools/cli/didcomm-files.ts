// Files the DIDComm commands read and write, in the reference implementation's
// formats: an agent file {did, didDocument, secrets}; a secrets file (array of
// {id, type, privateKeyJwk}); a documents file (array of DID documents, or one).
import { readFileSync } from 'node:fs';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { nodeRandom } from '../../hosts/node/random';
import { parseDidDocument, type DidDocument } from '../../firmware/did/document';
import { createLocalResolver } from '../../firmware/did/all-methods';
import type { LocalResolver } from '../../firmware/did/resolver';
import type { KeyRing } from '../../firmware/didcomm/key-ring';
import { importSecrets, memorySoftwareKeyStore } from '../../firmware/didcomm/software-agent';
import type { KeyUsage } from '../../firmware/keys/key-store';
import { IoError, UsageError } from './exit';

export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new IoError(`cannot read ${what} ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not JSON: ${(error as Error).message}`);
  }
}

export interface AgentFile {
  did: string;
  didDocument: unknown;
  secrets: unknown[];
}

export function readAgent(path: string): AgentFile {
  const agent = readJsonFile(path, 'agent file') as Partial<AgentFile>;
  if (typeof agent !== 'object' || agent === null || typeof agent.did !== 'string' || !Array.isArray(agent.secrets) || agent.didDocument === undefined) {
    throw new UsageError(`agent file ${path} must hold {did, didDocument, secrets}`);
  }
  return agent as AgentFile;
}

/**
 * Documents from --resolve files: each an array of DID documents, or one
 * document, or an agent file (its didDocument is used; its secrets are not read).
 */
export function readDocuments(paths: string[]): unknown[] {
  const out: unknown[] = [];
  for (const path of paths) {
    const value = readJsonFile(path, 'documents file');
    const list = Array.isArray(value) ? value : [value];
    for (const doc of list) {
      const agent = doc as Partial<AgentFile> | null;
      out.push(typeof agent === 'object' && agent !== null && agent.didDocument !== undefined && typeof agent.did === 'string' ? agent.didDocument : doc);
    }
  }
  return out;
}

/** A resolver knowing the given documents; did:peer and did:key resolve by themselves. */
export function resolverFor(documents: unknown[]): LocalResolver {
  return createLocalResolver({ documents, suite: nodeSuite });
}

/** Imports secrets into an in-memory software key store; P-256 usage from the documents when known. */
export function keyRingFor(secrets: unknown, resolver: LocalResolver, ownDocument?: DidDocument): KeyRing {
  const usageOf = (kid: string): KeyUsage | undefined => {
    let doc = ownDocument;
    try {
      doc ??= resolver.resolve(kid.split('#')[0]);
    } catch {
      return undefined;
    }
    if (doc.authentication.includes(kid) && !doc.keyAgreement.includes(kid)) return 'sign';
    if (doc.keyAgreement.includes(kid) && !doc.authentication.includes(kid)) return 'derive';
    return undefined;
  };
  return importSecrets(secrets, memorySoftwareKeyStore(nodeRandom, nodeSuite), usageOf).ring;
}

/** The agent's own document, validated. */
export function agentDocument(agent: AgentFile): DidDocument {
  return parseDidDocument(agent.didDocument);
}
