// `tinydid did create`: a software DIDComm agent (gateway, phone, test) as one
// file {did, didDocument, secrets}. A device's keys are generated in its key
// store instead and never written out.
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { writeFileSync } from 'node:fs';
import { randomBytes } from '../../../firmware/host/random';
import { privateKeyToJwk, publicKeyToJwk, type PublicKey } from '../../../firmware/jose/jwk';
import { createPeer2, resolvePeer2 } from '../../../firmware/did/peer2';
import { createPeer4, resolvePeer4 } from '../../../firmware/did/peer4';
import type { DidCommEndpoint } from '../../../firmware/did/service';
import { endpointToJson, DIDCOMM_SERVICE_TYPE } from '../../../firmware/did/service';
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

interface KeyPair {
  publicKey: PublicKey;
  d: Uint8Array;
}

function generate(crv: 'Ed25519' | 'X25519' | 'P-256'): KeyPair {
  for (;;) {
    const d = randomBytes(nodeRandom, 32);
    if (crv === 'Ed25519') return { d, publicKey: { crv, bytes: ed25519.getPublicKey(d) } };
    if (crv === 'X25519') return { d, publicKey: { crv, bytes: nodeSuite.x25519PublicKey(d) } };
    if (p256.utils.isValidSecretKey(d)) return { d, publicKey: { crv, bytes: nodeSuite.p256PublicKey(d) } };
  }
}

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
    const auth = generate(values.curve === '25519' ? 'Ed25519' : 'P-256');
    const agree = generate(values.curve === '25519' ? 'X25519' : 'P-256');
    const services: DidCommEndpoint[] = values.service === undefined ? [] : [{ uri: values.service, accept: ['didcomm/v2'], routingKeys: [] }];
    let did: string;
    let didDocument;
    if (values.method === 'peer2') {
      did = createPeer2([{ purpose: 'V', key: auth.publicKey }, { purpose: 'E', key: agree.publicKey }], services);
      didDocument = resolvePeer2(did);
    } else {
      const input = {
        verificationMethod: [
          { id: '#key-1', type: 'JsonWebKey2020', publicKeyJwk: publicKeyToJwk(auth.publicKey) },
          { id: '#key-2', type: 'JsonWebKey2020', publicKeyJwk: publicKeyToJwk(agree.publicKey) },
        ],
        authentication: ['#key-1'],
        keyAgreement: ['#key-2'],
        service: services.map((s, i) => ({ id: i === 0 ? '#service' : `#service-${i}`, type: DIDCOMM_SERVICE_TYPE, serviceEndpoint: endpointToJson(s) })),
      };
      did = createPeer4(input, nodeSuite).long;
      didDocument = resolvePeer4(did, nodeSuite);
    }
    const secrets = [
      { id: `${did}#key-1`, type: 'JsonWebKey2020', privateKeyJwk: privateKeyToJwk(auth.publicKey, auth.d) },
      { id: `${did}#key-2`, type: 'JsonWebKey2020', privateKeyJwk: privateKeyToJwk(agree.publicKey, agree.d) },
    ];
    try {
      writeFileSync(values.out, `${JSON.stringify({ did, didDocument, secrets }, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      throw new IoError(`cannot write ${values.out}: ${(error as Error).message}`, { cause: error });
    }
    io.stdout(`${did}\n`);
    return EXIT.ok;
  },
};
