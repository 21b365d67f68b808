// Stand-in for the compact DIDComm profile (firmware/didcomm/compact) until
// it lands: the DIDComm v2 message model as CBOR, signed as a COSE_Sign1
// (RFC 9052 section 4.2, EdDSA), and sender-authenticated encryption with
// static-static X25519 (the ECDH-SS idea of RFC 9053 section 6.3.1, with a
// fresh PartyU nonce) and ChaCha20/Poly1305. Keys are referenced by short
// key ids (8 bytes of SHA-256 of the public key); a first contact also
// carries the sender's DID so the receiver can resolve its keys.
import { concatBytes } from '../../firmware/bytes/concat';
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { methodFor, publicKeyOfMethod, relationshipIds } from '../../firmware/did/document';
import type { DidResolver } from '../../firmware/did/resolver';
import type { Message } from '../../firmware/didcomm/message';
import type { UnpackMetadata } from '../../firmware/didcomm/types';
import { emptyMetadata } from '../../firmware/didcomm/types';
import { TinydidError } from '../../firmware/errors/tinydid-error';
import type { CryptoSuite } from '../../firmware/crypto/suite';
import type { JsonObject } from '../../firmware/jose/json';
import { shortKid, type Peer, type SimAgent } from '../agents/agent';

const SIGN1_TAG = 18;
const ENCRYPT_TAG = 96;
const ALG_EDDSA = -8;
const ALG_ECDH_SS_HKDF_256 = -27;
const ALG_CHACHA20_POLY1305 = 24;

/** Message types travel as small integers on compact links (table shared by both ends). */
export const TYPE_CODES: ReadonlyMap<string, number> = new Map([
  ['https://didcomm.org/out-of-band/2.0/invitation', 1],
  ['https://tinydid.org/onboarding/1.0/request', 2],
  ['https://tinydid.org/onboarding/1.0/response', 3],
  ['https://tinydid.org/reading/1.0/reading', 4],
  ['https://didcomm.org/trust-ping/2.0/ping', 5],
  ['https://didcomm.org/report-problem/2.0/problem-report', 6],
  ['https://tinydid.org/firmware-update/1.0/offer', 7],
  ['https://tinydid.org/firmware-update/1.0/status', 8],
  ['https://tinydid.org/consent/1.0/request-data', 9],
  ['https://tinydid.org/consent/1.0/data', 10],
  ['https://tinydid.org/consent/1.0/grant', 11],
  ['https://tinydid.org/consent/1.0/revoke', 12],
]);
const TYPE_NAMES = new Map([...TYPE_CODES].map(([k, v]) => [v, k]));

function toPlain(value: CborValue): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toPlain(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
}

/** The message as CBOR: integer keys for the named headers (1 id, 2 type, 3 from, 4 to, 5 thid, 6 created, 7 expires, 8 body). */
export function encodeMessage(m: Message): Uint8Array {
  const map = new Map<CborValue, CborValue>();
  map.set(1, m.id);
  map.set(2, TYPE_CODES.get(m.type) ?? m.type);
  if (m.from !== undefined) map.set(3, m.from);
  if (m.to !== undefined) map.set(4, m.to);
  if (m.thid !== undefined) map.set(5, m.thid);
  if (m.created_time !== undefined) map.set(6, m.created_time);
  if (m.expires_time !== undefined) map.set(7, m.expires_time);
  map.set(8, m.body as unknown as CborValue);
  return encodeCbor(map);
}

export function decodeMessage(bytes: Uint8Array): Message {
  const map = decodeCbor(bytes);
  if (!(map instanceof Map)) throw new TinydidError('didcomm.malformed', 'a compact message is a CBOR map');
  const type = map.get(2);
  const m: Message = { id: String(map.get(1)), type: typeof type === 'number' ? TYPE_NAMES.get(type) ?? `unknown:${type}` : String(type), body: toPlain(map.get(8) ?? new Map()) as JsonObject };
  if (map.has(3)) m.from = String(map.get(3));
  if (map.has(4)) m.to = map.get(4) as string[];
  if (map.has(5)) m.thid = String(map.get(5));
  if (map.has(6)) m.created_time = Number(map.get(6));
  if (map.has(7)) m.expires_time = Number(map.get(7));
  return m;
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

function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  // RFC 9052 section 4.4
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/** COSE_Sign1 over `payload`, signed with the agent's authentication key. */
export function sign1(agent: SimAgent, payload: Uint8Array): Uint8Array {
  const prot = encodeCbor(new Map<CborValue, CborValue>([[1, ALG_EDDSA], [4, fromHex(agent.signKid)]]));
  const signature = agent.store.sign(agent.signKeyId, sigStructure(prot, payload));
  return encodeCbor(new CborTag(SIGN1_TAG, [prot, new Map(), payload, signature]));
}

/** Checks a COSE_Sign1 against known signers; returns the payload and who signed. */
export function verifySign1(bytes: Uint8Array, signers: (kid: string) => Peer | undefined, suite: CryptoSuite): { payload: Uint8Array; signer: Peer } {
  const value = decodeCbor(bytes);
  if (!(value instanceof CborTag) || value.tag !== SIGN1_TAG || !Array.isArray(value.value) || value.value.length !== 4) throw new TinydidError('didcomm.malformed', 'not a COSE_Sign1');
  const [prot, , payload, signature] = value.value as [Uint8Array, unknown, Uint8Array, Uint8Array];
  const headers = decodeCbor(prot) as Map<number, CborValue>;
  if (headers.get(1) !== ALG_EDDSA) throw new TinydidError('didcomm.malformed', 'COSE_Sign1: unsupported alg');
  const kid = toHex(headers.get(4) as Uint8Array);
  const signer = signers(kid);
  if (signer === undefined) throw new TinydidError('didcomm.no-key', `COSE_Sign1: unknown signer ${kid}`);
  if (!suite.ed25519Verify(signature, sigStructure(prot, payload), signer.signPublic)) throw new TinydidError('jose.bad-signature', 'COSE_Sign1: the signature does not verify');
  return { payload, signer };
}

function kdfInfo(skid: string, rkid: string): Uint8Array {
  return encodeCbor([ALG_CHACHA20_POLY1305, utf8Encode('tinydid-compact'), fromHex(skid), fromHex(rkid)]);
}

/**
 * Sender-authenticated encryption of `plaintext` to `peer`. `introduce`
 * adds the sender's DID (first contact).
 */
export function authcrypt(agent: SimAgent, peer: Peer, plaintext: Uint8Array, introduce = false): Uint8Array {
  const partyU = agent.random.fill(new Uint8Array(8));
  const nonce = agent.random.fill(new Uint8Array(12));
  const headers = new Map<CborValue, CborValue>([[1, ALG_CHACHA20_POLY1305], [-27, ALG_ECDH_SS_HKDF_256], [-22, partyU], [-2, fromHex(agent.agreeKid)], [4, fromHex(peer.agreeKid)]]);
  if (introduce) headers.set(-3, agent.did);
  const prot = encodeCbor(headers);
  const key = agent.store.agree(agent.agreeKeyId, { peers: [peer.agreePublic], derivation: { kdf: 'hkdf-sha256', salt: partyU, info: kdfInfo(agent.agreeKid, peer.agreeKid), length: 32 } });
  const aad = encodeCbor(['Encrypt0', prot, new Uint8Array(0)]);
  const ciphertext = agent.suite.aeadSeal('chacha20-poly1305', key, nonce, plaintext, aad);
  return encodeCbor(new CborTag(ENCRYPT_TAG, [prot, new Map([[5, nonce]]), ciphertext]));
}

export interface Unpacked {
  message: Message;
  metadata: UnpackMetadata;
  /** The sender the envelope authenticated (a known peer or one just introduced). */
  sender: Peer | undefined;
  /** The inner COSE_Sign1 as received, when the message was signed (for non-repudiation). */
  signed?: Uint8Array;
}

/** Opens an authcrypted message addressed to `agent`; `introduce` lets an unknown sender present its DID. */
export function open(agent: SimAgent, bytes: Uint8Array, options: { allowIntroduction?: boolean } = {}): { plaintext: Uint8Array; sender: Peer } {
  const value = decodeCbor(bytes);
  if (!(value instanceof CborTag) || value.tag !== ENCRYPT_TAG || !Array.isArray(value.value) || value.value.length !== 3) throw new TinydidError('didcomm.malformed', 'not an encrypted compact message');
  const [prot, unprot, ciphertext] = value.value as [Uint8Array, Map<number, CborValue>, Uint8Array];
  const headers = decodeCbor(prot) as Map<number, CborValue>;
  const skid = toHex(headers.get(-2) as Uint8Array);
  const rkid = toHex(headers.get(4) as Uint8Array);
  if (rkid !== agent.agreeKid) throw new TinydidError('didcomm.no-key', 'encrypted to a key this agent does not hold');
  let sender = agent.peersByKid.get(skid);
  const did = headers.get(-3);
  if (sender === undefined && typeof did === 'string' && options.allowIntroduction) {
    sender = peerFromDid('new peer', did, agent.resolver, agent.suite);
    if (sender.agreeKid !== skid) throw new TinydidError('didcomm.sender-mismatch', 'the introduced DID does not hold the sender key');
  }
  if (sender === undefined) throw new TinydidError('didcomm.no-key', `no connection with sender key ${skid}`);
  const key = agent.store.agree(agent.agreeKeyId, { peers: [sender.agreePublic], derivation: { kdf: 'hkdf-sha256', salt: headers.get(-22) as Uint8Array, info: kdfInfo(skid, rkid), length: 32 } });
  const aad = encodeCbor(['Encrypt0', prot, new Uint8Array(0)]);
  const plaintext = agent.suite.aeadOpen('chacha20-poly1305', key, unprot.get(5) as Uint8Array, ciphertext, aad);
  return { plaintext, sender };
}

/** The Messenger the scenarios use: pack and unpack DIDComm messages on compact links. */
export const compactMessenger = Object.freeze({
  name: 'compact (stand-in: CBOR + COSE_Sign1 + ECDH-SS/ChaCha20-Poly1305)',

  /** Signed then encrypted to `peer` (non-repudiable and private). */
  packSignedAuthcrypt(agent: SimAgent, peer: Peer, message: Message): Uint8Array {
    return authcrypt(agent, peer, sign1(agent, encodeMessage(message)));
  },

  /** Encrypted to `peer`, sender authenticated. */
  packAuthcrypt(agent: SimAgent, peer: Peer, message: Message, introduce = false): Uint8Array {
    return authcrypt(agent, peer, encodeMessage(message), introduce);
  },

  unpack(agent: SimAgent, bytes: Uint8Array, options: { allowIntroduction?: boolean } = {}): Unpacked {
    const { plaintext, sender } = open(agent, bytes, options);
    const metadata = emptyMetadata();
    metadata.encrypted = true;
    metadata.authenticated = true;
    metadata.encrypted_from_kid = sender.agreeKid;
    metadata.encrypted_to_kids = [agent.agreeKid];
    metadata.enc_alg_auth = 'ECDH-SS+HKDF-256/ChaCha20-Poly1305';
    const first = decodeCbor(plaintext);
    if (first instanceof CborTag && first.tag === SIGN1_TAG) {
      const { payload, signer } = verifySign1(plaintext, (kid) => (kid === sender.signKid ? sender : undefined), agent.suite);
      metadata.non_repudiation = true;
      metadata.sign_from = signer.signKid;
      metadata.sign_alg = 'EdDSA';
      return { message: decodeMessage(payload), metadata, sender, signed: plaintext };
    }
    return { message: decodeMessage(plaintext), metadata, sender };
  },
});

/** Hash-chain link of a signed reading: the first 8 bytes of SHA-256 of the previous one. */
export function chainLink(suite: CryptoSuite, previous: Uint8Array | undefined): string {
  return previous === undefined ? '' : toHex(suite.sha256(previous).subarray(0, 8));
}

export function concatForHash(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(...parts);
}
