// Live interop with the reference implementation (npm didcomm-node, the WASM
// build of didcomm-rust) in both directions: what it packs we unpack, what we
// pack it unpacks. Anoncrypt (XC20P, A256GCM, A256CBC-HS512), authcrypt
// (X25519, P-256), signed (EdDSA, ES256); the vectors' agents, and agents made
// by tinydid (did:peer:2 / did:peer:4 documents handed over as they are).
import didcomm from 'didcomm-node';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { nodeRandom } from '../../hosts/node/random';
import { createSoftwareAgent, type AgentFile } from '../../firmware/didcomm/agent-file';
import { forwardOf, wrapInForward } from '../../firmware/didcomm/json/forward';
import { packJson } from '../../firmware/didcomm/json/pack';
import { unpackJson } from '../../firmware/didcomm/json/unpack';
import type { KeyRing } from '../../firmware/didcomm/key-ring';
import { messageFromJson, messageToJson } from '../../firmware/didcomm/message-json';
import { importSecrets, memorySoftwareKeyStore } from '../../firmware/didcomm/software-agent';
import { createLocalResolver } from '../../firmware/did/all-methods';
import type { LocalResolver } from '../../firmware/did/resolver';
import type { AnonContentAlg, PackOptions } from '../../firmware/didcomm/types';
import { utf8Decode } from '../../firmware/bytes/utf8';
import { deepEqual, equal } from '../support/assert';
import { VECTOR_NAMES, vectorDocument } from '../support/didcomm-vectors';
import { vectorText } from '../support/vectors';

const { Message } = didcomm;

interface Party {
  did: string;
  document: unknown;
  secrets: Array<{ id: string; type: string; privateKeyJwk: unknown }>;
}

function vectorParty(name: (typeof VECTOR_NAMES)[number]): Party {
  return { did: `did:example:${name}`, document: vectorDocument(name), secrets: JSON.parse(vectorText(`didcomm/keys/${name}_secrets.json`)) };
}

function ourParty(agent: AgentFile): Party {
  return { did: agent.did, document: agent.didDocument, secrets: agent.secrets };
}

/** The reference implementation's DIDResolver and SecretsResolver over the same parties. */
function reference(parties: Party[]) {
  const docs = new Map(parties.map((p) => [p.did, p.document]));
  const secrets = parties.flatMap((p) => p.secrets);
  return {
    resolver: { resolve: async (did: string) => (docs.get(did) ?? null) as never },
    secrets: {
      get_secret: async (id: string) => (secrets.find((s) => s.id === id) ?? null) as never,
      find_secrets: async (ids: string[]) => ids.filter((id) => secrets.some((s) => s.id === id)),
    },
  };
}

function ours(parties: Party[], me: Party): { resolver: LocalResolver; ring: KeyRing } {
  const resolver = createLocalResolver({ documents: parties.map((p) => p.document), suite: nodeSuite });
  const doc = resolver.resolve(me.did);
  const usage = (kid: string) => (doc.authentication.includes(kid) && !doc.keyAgreement.includes(kid) ? 'sign' : doc.keyAgreement.includes(kid) && !doc.authentication.includes(kid) ? 'derive' : undefined);
  return { resolver, ring: importSecrets(me.secrets, memorySoftwareKeyStore(nodeRandom, nodeSuite), usage).ring };
}

const now = Math.floor(Date.now() / 1000);
function plaintext(from: string, to: string) {
  return { id: `m-${Math.random().toString(36).slice(2)}`, typ: 'application/didcomm-plain+json', type: 'https://example.org/glucose/1.0/reading', from, to: [to], created_time: now, expires_time: now + 300, body: { value: 104, unit: 'mg/dL', seq: 123 }, custom: 'kept' };
}

const ENC_NAMES: Record<AnonContentAlg, string> = { XC20P: 'Xc20pEcdhEsA256kw', A256GCM: 'A256gcmEcdhEsA256kw', 'A256CBC-HS512': 'A256cbcHs512EcdhEsA256kw' };

interface Case {
  title: string;
  sender: Party;
  recipient: Party;
  /** Our options (minus resolver/keys/random/suite) and the reference's pack call. */
  ours: Omit<PackOptions, 'resolver' | 'keys' | 'random' | 'suite'>;
  theirs: (m: InstanceType<typeof Message>, r: ReturnType<typeof reference>) => Promise<string>;
  check: (metadata: Record<string, unknown>) => void;
}

const alice = vectorParty('alice');
const bob = vectorParty('bob');
const meter = ourParty(createSoftwareAgent({ random: nodeRandom, suite: nodeSuite }));
const phone = ourParty(createSoftwareAgent({ method: 'peer4', random: nodeRandom, suite: nodeSuite }));
const meterP256 = ourParty(createSoftwareAgent({ curve: 'p256', random: nodeRandom, suite: nodeSuite }));
const phoneP256 = ourParty(createSoftwareAgent({ curve: 'p256', method: 'peer4', random: nodeRandom, suite: nodeSuite }));

const CASES: Case[] = [
  ...(['XC20P', 'A256GCM', 'A256CBC-HS512'] as AnonContentAlg[]).map((enc): Case => ({
    title: `anoncrypt ${enc} (alice -> bob)`,
    sender: alice,
    recipient: bob,
    ours: { mode: 'anoncrypt', encAlgAnon: enc },
    theirs: async (m, r) => (await m.pack_encrypted('did:example:bob', null, null, r.resolver, r.secrets, { forward: false, enc_alg_anon: ENC_NAMES[enc] as never }))[0],
    check: (md) => equal(md.enc_alg_anon, ENC_NAMES[enc]),
  })),
  {
    title: 'authcrypt X25519 (alice -> bob)',
    sender: alice,
    recipient: bob,
    ours: { mode: 'authcrypt' },
    theirs: async (m, r) => (await m.pack_encrypted('did:example:bob', 'did:example:alice', null, r.resolver, r.secrets, { forward: false }))[0],
    check: (md) => equal(md.encrypted_from_kid, 'did:example:alice#key-x25519-1'),
  },
  {
    title: 'authcrypt P-256 (alice#key-p256-1 -> bob)',
    sender: alice,
    recipient: bob,
    ours: { mode: 'authcrypt', from: 'did:example:alice#key-p256-1' },
    theirs: async (m, r) => (await m.pack_encrypted('did:example:bob', 'did:example:alice#key-p256-1', null, r.resolver, r.secrets, { forward: false }))[0],
    check: (md) => equal(md.encrypted_from_kid, 'did:example:alice#key-p256-1'),
  },
  {
    title: 'authcrypt inside anoncrypt (protect_sender)',
    sender: alice,
    recipient: bob,
    ours: { mode: 'authcrypt', protectSender: true },
    theirs: async (m, r) => (await m.pack_encrypted('did:example:bob', 'did:example:alice', null, r.resolver, r.secrets, { forward: false, protect_sender: true }))[0],
    check: (md) => {
      equal(md.anonymous_sender, true);
      equal(md.encrypted_from_kid, 'did:example:alice#key-x25519-1');
    },
  },
  {
    title: 'signed EdDSA (alice#key-1)',
    sender: alice,
    recipient: bob,
    ours: { mode: 'signed', signBy: 'did:example:alice#key-1' },
    theirs: async (m, r) => (await m.pack_signed('did:example:alice#key-1', r.resolver, r.secrets))[0],
    check: (md) => equal(md.sign_alg, 'EdDSA'),
  },
  {
    title: 'signed ES256 (alice#key-2)',
    sender: alice,
    recipient: bob,
    ours: { mode: 'signed', signBy: 'did:example:alice#key-2' },
    theirs: async (m, r) => (await m.pack_signed('did:example:alice#key-2', r.resolver, r.secrets))[0],
    check: (md) => equal(md.sign_alg, 'ES256'),
  },
  {
    title: 'authcrypt X25519 between tinydid agents (did:peer:2 -> did:peer:4)',
    sender: meter,
    recipient: phone,
    ours: { mode: 'authcrypt' },
    theirs: async (m, r) => (await m.pack_encrypted(phone.did, meter.did, null, r.resolver, r.secrets, { forward: false }))[0],
    check: (md) => equal(md.encrypted_from_kid, `${meter.did}#key-2`),
  },
  {
    title: 'authcrypt P-256 between tinydid agents, signed ES256 inside',
    sender: meterP256,
    recipient: phoneP256,
    ours: { mode: 'authcrypt', signBy: `${meterP256.did}#key-1` },
    theirs: async (m, r) => (await m.pack_encrypted(phoneP256.did, meterP256.did, `${meterP256.did}#key-1`, r.resolver, r.secrets, { forward: false }))[0],
    check: (md) => equal(md.sign_alg, 'ES256'),
  },
  {
    title: 'signed EdDSA by a tinydid did:peer:2 agent',
    sender: meter,
    recipient: phone,
    ours: { mode: 'signed' },
    theirs: async (m, r) => (await m.pack_signed(meter.did, r.resolver, r.secrets))[0],
    check: (md) => equal(md.sign_from, `${meter.did}#key-1`),
  },
];

describe('interop with didcomm-node (reference implementation)', () => {
  for (const c of CASES) {
    it(`${c.title}: didcomm-node packs, tinydid unpacks`, async () => {
      const parties = [c.sender, c.recipient];
      const plain = plaintext(c.sender.did, c.recipient.did);
      const packed = await c.theirs(new Message(plain as never), reference(parties));
      const me = ours(parties, c.recipient);
      const { message, metadata } = unpackJson(packed, { resolver: me.resolver, keys: me.ring, suite: nodeSuite, now });
      deepEqual(messageToJson(message), plain);
      c.check(metadata as unknown as Record<string, unknown>);
    });
    it(`${c.title}: tinydid packs, didcomm-node unpacks`, async () => {
      const parties = [c.sender, c.recipient];
      const plain = plaintext(c.sender.did, c.recipient.did);
      const me = ours(parties, c.sender);
      const packed = packJson(messageFromJson(plain), { ...c.ours, resolver: me.resolver, keys: me.ring, random: nodeRandom, suite: nodeSuite });
      const r = reference(parties);
      const [message, metadata] = await Message.unpack(utf8Decode(packed.bytes), r.resolver, r.secrets, {});
      deepEqual(message.as_value(), plain);
      equal(metadata.encrypted, c.ours.mode !== 'signed');
      equal(metadata.authenticated, c.ours.mode !== 'anoncrypt');
      equal(metadata.non_repudiation, c.ours.mode === 'signed' || c.ours.signBy !== undefined);
      c.check(metadata as unknown as Record<string, unknown>);
    });
  }
});

describe('interop with didcomm-node: forward (routing 2.0)', () => {
  const charlie = vectorParty('charlie');
  const parties = [alice, bob, charlie];
  it('didcomm-node wraps for a mediator (charlie); tinydid mediates and bob unpacks', async () => {
    const r = reference(parties);
    const plain = plaintext(alice.did, bob.did);
    const [packed] = await new Message(plain as never).pack_encrypted(bob.did, alice.did, null, r.resolver, r.secrets, { forward: false });
    const wrapped = await Message.wrap_in_forward(packed, {}, bob.did, ['did:example:charlie#key-x25519-1'], 'Xc20pEcdhEsA256kw', r.resolver);
    const mediator = ours(parties, charlie);
    const atMediator = unpackJson(wrapped, { resolver: mediator.resolver, keys: mediator.ring, suite: nodeSuite, now });
    const hop = forwardOf(atMediator.message);
    equal(hop?.next, bob.did);
    const me = ours(parties, bob);
    deepEqual(messageToJson(unpackJson(hop?.packed as Uint8Array, { resolver: me.resolver, keys: me.ring, suite: nodeSuite, now }).message), plain);
  });
  it('tinydid wraps for a mediator; didcomm-node (charlie) parses the forward', async () => {
    const plain = plaintext(alice.did, bob.did);
    const me = ours(parties, alice);
    const packed = packJson(messageFromJson(plain), { mode: 'authcrypt', resolver: me.resolver, keys: me.ring, random: nodeRandom, suite: nodeSuite });
    const wrapped = wrapInForward(packed.bytes, bob.did, ['did:example:charlie#key-x25519-1'], { resolver: me.resolver, random: nodeRandom, suite: nodeSuite });
    const r = reference(parties);
    const [message] = await Message.unpack(utf8Decode(wrapped), r.resolver, r.secrets, {});
    // didcomm-node 0.4.1 returns the plain object here (its .d.ts says a ParsedForward wrapper).
    const parsed = message.try_parse_forward() as unknown as { next: string; forwarded_msg: unknown };
    equal(parsed.next, bob.did);
    const [inner] = await Message.unpack(JSON.stringify(parsed.forwarded_msg), r.resolver, r.secrets, {});
    deepEqual(inner.as_value(), plain);
  });
});
