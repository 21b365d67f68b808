// `tinydid pack`: a message packed as DIDComm (compact CBOR/COSE or standard JSON).
import { codecFor } from '../../../firmware/didcomm/codecs';
import { signFromPrior } from '../../../firmware/didcomm/from-prior';
import { messageFromJson } from '../../../firmware/didcomm/message-json';
import type { AnonContentAlg, Encoding, PackMode } from '../../../firmware/didcomm/types';
import { nodeSuite } from '../../../hosts/node/crypto-suite';
import { nodeRandom } from '../../../hosts/node/random';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { agentDocument, keyRingFor, readAgent, readDocuments, resolverFor } from '../didcomm-files';
import { EXIT, UsageError } from '../exit';
import { readTextInput } from '../input';

const USAGE = `usage: tinydid pack --from AGENT.json --to DID [--to DID ...]
                    [--mode plain|signed|anoncrypt|authcrypt] [--encoding cbor|json]
                    [--enc XC20P|A256GCM|A256CBC-HS512] [--sign] [--protect-sender]
                    [--kids short|full] [--from-prior OLD_AGENT.json]
                    [--resolve DOCS.json ...] [MESSAGE.json]

Packs MESSAGE.json (a DIDComm plaintext; stdin when absent) from the agent in
AGENT.json to the DIDs given with --to, and writes the packed message to
stdout: raw CBOR bytes (--encoding cbor, the default) or JSON text
(--encoding json). Defaults: --mode authcrypt. A message without from/to gets
the agent's DID and the --to DIDs. The recipients' documents come from
--resolve files (an array of DID documents, or one); did:peer and did:key DIDs
resolve by themselves. --enc picks the anoncrypt content encryption (default
XC20P); --sign adds a signature inside the encryption; --protect-sender wraps
authcrypt in anoncrypt. With --encoding cbor, envelopes name keys by 8-byte
short ids the receiver matches against the documents it knows (--kids short,
the default); --kids full writes the DID URLs, for a receiver that does not
know the sender yet (firmware/didcomm/PROFILE.md). --from-prior OLD_AGENT.json
marks a DID rotation: the old agent signs a from_prior JWT (iss: its DID, sub:
the new one), which unpack verifies.`;

const MODES: readonly PackMode[] = ['plain', 'signed', 'anoncrypt', 'authcrypt'];
const ENCS: readonly AnonContentAlg[] = ['XC20P', 'A256GCM', 'A256CBC-HS512'];

export const command: Command = {
  name: 'pack',
  summary: 'pack a DIDComm message (plain, signed, anoncrypt, authcrypt; cbor or json)',
  usage: USAGE,
  run(args, io) {
    const { values, positionals } = parseFlags(args, {
      from: { type: 'string' },
      to: { type: 'string', multiple: true },
      mode: { type: 'string', default: 'authcrypt' },
      encoding: { type: 'string', default: 'cbor' },
      enc: { type: 'string' },
      sign: { type: 'boolean', default: false },
      'protect-sender': { type: 'boolean', default: false },
      resolve: { type: 'string', multiple: true },
      'from-prior': { type: 'string' },
      kids: { type: 'string', default: 'short' },
    });
    const mode = values.mode as PackMode;
    if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
    const encoding = values.encoding as Encoding;
    if (encoding !== 'cbor' && encoding !== 'json') throw new UsageError('--encoding must be cbor or json');
    if (values.enc !== undefined && !ENCS.includes(values.enc as AnonContentAlg)) throw new UsageError(`--enc must be one of ${ENCS.join(', ')}`);
    if (values.enc !== undefined && encoding === 'cbor') throw new UsageError('--enc is for --encoding json; the compact profile picks the content encryption by curve');
    if (values.kids !== 'short' && values.kids !== 'full') throw new UsageError('--kids must be short or full');
    if (positionals.length > 1) throw new UsageError('at most one MESSAGE file');
    if (values.from === undefined && mode !== 'plain' && mode !== 'anoncrypt') throw new UsageError(`--from AGENT.json is required for ${mode}`);
    const to = values.to ?? [];
    if (to.length === 0 && mode !== 'plain' && mode !== 'signed') throw new UsageError('--to DID is required');
    let codec;
    try {
      codec = codecFor(encoding);
    } catch {
      throw new UsageError(`--encoding ${encoding} is not available in this build`);
    }
    const agent = values.from === undefined ? undefined : readAgent(values.from);
    const documents = readDocuments(values.resolve ?? []);
    if (agent !== undefined) documents.push(agent.didDocument);
    const resolver = resolverFor(documents);
    const keys = agent === undefined ? undefined : keyRingFor(agent.secrets, resolver, agentDocument(agent));
    let text: string;
    text = readTextInput(positionals[0]);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`MESSAGE is not JSON: ${(error as Error).message}`);
    }
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      const m = json as Record<string, unknown>;
      if (m.from === undefined && agent !== undefined && mode !== 'anoncrypt') m.from = agent.did;
      if (m.to === undefined && to.length > 0) m.to = to;
    }
    const message = messageFromJson(json);
    if (values['from-prior'] !== undefined) {
      // DIDComm v2 "DID Rotation": the prior DID signs {iss: prior, sub: new, iat}.
      if (agent === undefined || message.from === undefined) throw new UsageError('--from-prior needs --from AGENT.json (the new DID)');
      const prior = readAgent(values['from-prior']);
      const priorDoc = agentDocument(prior);
      const priorKeys = keyRingFor(prior.secrets, resolver, priorDoc);
      const kid = priorDoc.authentication.find((k) => priorKeys.keyId(k, 'sign') !== undefined);
      if (kid === undefined) throw new UsageError(`${values['from-prior']} holds no authentication key`);
      message.from_prior = signFromPrior({ iss: prior.did, sub: message.from, iat: Math.floor(Date.now() / 1000) }, kid, priorKeys.keyId(kid, 'sign') as string, priorKeys.store);
    }
    const result = codec.pack(message, {
      mode,
      resolver,
      keys,
      random: nodeRandom,
      suite: nodeSuite,
      to: to.length > 0 ? to : undefined,
      signBy: values.sign ? agent?.did : undefined,
      encAlgAnon: values.enc as AnonContentAlg | undefined,
      protectSender: values['protect-sender'],
      kidForm: values.kids as 'short' | 'full',
    });
    io.stdout(result.bytes);
    return EXIT.ok;
  },
};
