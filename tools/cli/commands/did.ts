// `tinydid did create`: a software DIDComm agent (gateway, phone, test) as one
// file {did, didDocument, secrets}. A device's keys are generated in its key
// store instead and never written out.
import { writeFileSync } from 'node:fs';
import { createSoftwareAgent } from '../../../firmware/didcomm/agent-file';
import type { DidCommEndpoint } from '../../../firmware/did/service';
import { nodeSuite } from '../../../hosts/node/crypto-suite';
import { nodeRandom } from '../../../hosts/node/random';
import { parseFlags } from '../args';
import type { Command } from '../command';
import { EXIT, IoError, UsageError } from '../exit';

const USAGE = `usage: tinydid did create [--method peer2|peer4] [--curve 25519|p256]
                          [--service URI] --out AGENT.json

Creates a software agent: an authentication key and a key-agreement key
(Ed25519 + X25519, or two P-256 keys), its DID (did:peer:2 by default, or the
long form of did:peer:4), and writes AGENT.json:
  {"did": ..., "didDocument": ..., "secrets": [{id, type, privateKeyJwk}]}
The document uses JsonWebKey2020 verification methods, so it can be handed to
the reference implementation (didcomm-node) as it is. --service adds a
DIDCommMessaging service endpoint. Prints the DID.`;

export const command: Command = {
  name: 'did',
  summary: 'create a software DIDComm agent (did:peer:2 or did:peer:4)',
  usage: USAGE,
  run(args, io) {
    const { values, positionals } = parseFlags(args, {
      method: { type: 'string', default: 'peer2' },
      curve: { type: 'string', default: '25519' },
      service: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError('expected: tinydid did create ...');
    if (values.out === undefined) throw new UsageError('--out AGENT.json is required');
    if (values.method !== 'peer2' && values.method !== 'peer4') throw new UsageError('--method must be peer2 or peer4');
    if (values.curve !== '25519' && values.curve !== 'p256') throw new UsageError('--curve must be 25519 or p256');
    const services: DidCommEndpoint[] = values.service === undefined ? [] : [{ uri: values.service, accept: ['didcomm/v2'], routingKeys: [] }];
    const { did, didDocument, secrets } = createSoftwareAgent({ method: values.method, curve: values.curve, services, random: nodeRandom, suite: nodeSuite });
    try {
      writeFileSync(values.out, `${JSON.stringify({ did, didDocument, secrets }, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      throw new IoError(`cannot write ${values.out}: ${(error as Error).message}`, { cause: error });
    }
    io.stdout(`${did}\n`);
    return EXIT.ok;
  },
};
