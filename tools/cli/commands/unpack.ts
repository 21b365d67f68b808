// `tinydid unpack`: a DIDComm message (compact CBOR/COSE or standard JSON)
// opened and checked; prints {"message": ..., "metadata": ...}.
import { mkdirSync } from 'node:fs';
import { detectCodec, codecFor } from '../../../firmware/didcomm/codecs';
import { parseDidDocument } from '../../../firmware/did/document';
import { messageToJson } from '../../../firmware/didcomm/message-json';
import { ReplayCache } from '../../../firmware/didcomm/replay-cache';
import type { Encoding, UnpackOptions } from '../../../firmware/didcomm/types';
import { FileKv } from '../../../firmware/storage/file-kv';
import { nodeClock } from '../../../hosts/node/clock';
import { nodeSuite } from '../../../hosts/node/crypto-suite';
import { NodeFileSystem } from '../../../hosts/node/file-system';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { agentDocument, keyRingFor, readAgent, readDocuments, readJsonFile, resolverFor } from '../didcomm-files';
import { EXIT, IoError, UsageError } from '../exit';
import { readBinaryInput, readInput } from '../input';

const USAGE = `usage: tinydid unpack (--as AGENT.json | --secrets SECRETS.json)
                      [--resolve DOCS.json ...] [--now UNIX_SECONDS] [--state DIR]
                      [--encoding cbor|json] [FILE]

Opens the DIDComm message in FILE (stdin when absent; CBOR also as hex text),
verifies it and prints {"message": ..., "metadata": ...} as JSON, the metadata
named as the reference implementation names it (encrypted, authenticated,
non_repudiation, anonymous_sender, encrypted_from_kid, encrypted_to_kids,
sign_from, enc_alg_auth, enc_alg_anon, sign_alg, from_prior...).
The encoding is detected unless --encoding is given. expires_time is checked
against --now, else the system clock. With --state DIR the replay cache is
kept in DIR (a message id seen before from the same sender is refused);
without it nothing persists. A rejected message exits 1 with its error code.`;

export const command: Command = {
  name: 'unpack',
  summary: 'unpack and verify a DIDComm message; prints message and metadata',
  usage: USAGE,
  run(args, io) {
    const { values, positionals } = parseFlags(args, {
      as: { type: 'string' },
      secrets: { type: 'string' },
      resolve: { type: 'string', multiple: true },
      now: { type: 'string' },
      state: { type: 'string' },
      encoding: { type: 'string' },
    });
    if ((values.as === undefined) === (values.secrets === undefined)) throw new UsageError('give exactly one of --as AGENT.json, --secrets SECRETS.json');
    if (positionals.length > 1) throw new UsageError('at most one FILE');
    let now: number | undefined;
    if (values.now !== undefined) {
      if (!/^\d{1,15}$/.test(values.now)) throw new UsageError('--now must be UNIX seconds');
      now = Number(values.now);
    }
    if (values.encoding !== undefined && values.encoding !== 'cbor' && values.encoding !== 'json') throw new UsageError('--encoding must be cbor or json');
    const documents = readDocuments(values.resolve ?? []);
    const agent = values.as === undefined ? undefined : readAgent(values.as);
    if (agent !== undefined) documents.push(agent.didDocument);
    const resolver = resolverFor(documents);
    const keys = keyRingFor(agent !== undefined ? agent.secrets : readJsonFile(values.secrets as string, 'secrets file'), resolver, agent === undefined ? undefined : agentDocument(agent));
    const raw = readInput(positionals[0]);
    const looksJson = raw.length > 0 && /^\s*\{/.test(new TextDecoder().decode(raw.subarray(0, 16)));
    const packed = looksJson ? raw : readBinaryInput(positionals[0] === undefined ? undefined : positionals[0]);
    let codec;
    try {
      codec = values.encoding === undefined ? detectCodec(packed) : codecFor(values.encoding as Encoding);
    } catch (error) {
      if (values.encoding !== undefined) throw new UsageError(`--encoding ${values.encoding} is not available in this build`);
      throw error;
    }
    const options: UnpackOptions = { resolver, keys, suite: nodeSuite, now, clock: nodeClock, peers: documents.map((d) => parseDidDocument(d)) };
    if (values.state !== undefined) {
      try {
        mkdirSync(values.state, { recursive: true });
      } catch (error) {
        throw new IoError(`cannot use state directory ${values.state}: ${(error as Error).message}`, { cause: error });
      }
      options.replay = new ReplayCache(new FileKv(new NodeFileSystem(values.state)), nodeSuite);
    }
    const { message, metadata } = codec.unpack(packed, options);
    io.stdout(`${JSON.stringify({ message: messageToJson(message), metadata }, null, 2)}\n`);
    return EXIT.ok;
  },
};
