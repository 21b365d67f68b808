// How the simulated agents pack and unpack DIDComm: the compact profile of
// firmware/didcomm/compact (COSE_Encrypt authcrypt with ECDH-SS + HKDF-256
// and ChaCha20/Poly1305, COSE_Sign1 for non-repudiation, short key ids
// between known peers, full DID URLs on first contact), with each agent's
// own key store behind its KeyRing and its own resolver.
import { fromBase64url } from '../../firmware/bytes/base64url';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import { methodFor, publicKeyOfMethod, relationshipIds } from '../../firmware/did/document';
import type { DidResolver } from '../../firmware/did/resolver';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { unpackCompact } from '../../firmware/didcomm/compact/unpack';
import type { Message } from '../../firmware/didcomm/message';
import type { UnpackMetadata } from '../../firmware/didcomm/types';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import { shortKid, type Peer, type SimAgent } from './agent';

/** A message before the messenger fills in `from` and `to`. */
export type Outgoing = Omit<Message, 'from' | 'to'>;

export interface Unpacked {
  message: Message;
  metadata: UnpackMetadata;
  /** The sender the envelope authenticated (a connection, or one just introduced). */
  sender: Peer | undefined;
  /** The COSE_Sign1 as received, when the message was signed (non-repudiation). */
  signed?: Uint8Array;
}

/** Keys of a DID from its document: the first authentication and keyAgreement keys. */
export function peerFromDid(name: string, did: string, resolver: DidResolver, suite: CryptoSuite): Peer {
  const doc = resolver.resolve(did);
  const auth = relationshipIds(doc, 'authentication')[0];
  const agree = relationshipIds(doc, 'keyAgreement')[0];
  if (auth === undefined || agree === undefined) throw new TinydidError('didcomm.no-key', `${did.slice(0, 40)}... has no authentication or keyAgreement key`);
  const signPublic = publicKeyOfMethod(methodFor(doc, auth, 'authentication')).bytes;
  const agreePublic = publicKeyOfMethod(methodFor(doc, agree, 'keyAgreement')).bytes;
  return { name, did, signPublic, agreePublic, signKid: shortKid(suite, signPublic), agreeKid: shortKid(suite, agreePublic) };
}

function pack(agent: SimAgent, message: Message, mode: 'authcrypt' | 'signed', options: { signed?: boolean; full?: boolean; to?: string } = {}): Uint8Array {
  return packCompact(message, {
    mode,
    ...(options.to !== undefined ? { to: [options.to] } : {}),
    resolver: agent.resolver,
    keys: agent.keyRing,
    random: agent.random,
    suite: agent.suite,
    kidForm: options.full ? 'full' : 'short',
    ...(options.signed || mode === 'signed' ? { signBy: agent.authenticationKid } : {}),
  }).bytes;
}

export const messenger = Object.freeze({
  /** Encrypted to `peer`, sender authenticated (ECDH-SS). `introduce`: full key ids, for a first contact. */
  packAuthcrypt(agent: SimAgent, peer: Peer, message: Outgoing, introduce = false): Uint8Array {
    return pack(agent, { ...message, from: agent.did, to: [peer.did] }, 'authcrypt', { full: introduce });
  },

  /**
   * Signed by the agent's authentication key, then encrypted to `peer`. The
   * signed message leaves `to` out (DIDComm v2 makes it optional): a signed
   * message carries every header it has, and a did:peer:2 is over 200 bytes;
   * the envelope says who it is for.
   */
  packSignedAuthcrypt(agent: SimAgent, peer: Peer, message: Outgoing): Uint8Array {
    return pack(agent, { ...message, from: agent.did }, 'authcrypt', { signed: true, to: peer.did });
  },


  /**
   * Unpacks a message addressed to `agent`. A sender must be a connection
   * unless `allowIntroduction` (onboarding, a first request with a grant).
   */
  unpack(agent: SimAgent, bytes: Uint8Array, options: { allowIntroduction?: boolean } = {}): Unpacked {
    const { message, metadata } = unpackCompact(bytes, { resolver: agent.resolver, keys: agent.keyRing, kidIndex: agent.kidIndex, suite: agent.suite, clock: agent.clock, allowUnknownTime: true });
    let sender: Peer | undefined;
    if (metadata.authenticated && message.from !== undefined) {
      sender = agent.peersByDid.get(message.from);
      if (sender === undefined) {
        if (!options.allowIntroduction) throw new TinydidError('didcomm.no-key', `no connection with ${message.from.slice(0, 40)}...`);
        sender = peerFromDid('new peer', message.from, agent.resolver, agent.suite);
      }
    }
    const out: Unpacked = { message, metadata, sender };
    if (metadata.signed_message !== undefined) out.signed = fromBase64url(metadata.signed_message);
    return out;
  },
});

/** A verifier checks a message signed by one of `signers` (e.g. a reading shown to the police). */
export function verifySigned(verifier: SimAgent, signed: Uint8Array, signers: readonly string[]): { message: Message; signer: string } {
  const { message, metadata } = unpackCompact(signed, { resolver: verifier.resolver, peers: signers, suite: verifier.suite, allowUnknownTime: true });
  if (!metadata.non_repudiation || metadata.sign_from === undefined) throw new TinydidError('didcomm.malformed', 'not a signed message');
  return { message, signer: metadata.sign_from };
}

