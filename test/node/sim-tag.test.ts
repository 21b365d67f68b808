// The cattle tag's custody chain (firmware/apps/tag), checked directly: the
// presence rules the bessie scenario relies on, each broken on its own.
import { bootTag, type CattleTag } from '../../firmware/apps/tag/tag';
import { issueCustody, verifyCustodyChain, type CustodyClaims } from '../../firmware/apps/tag/custody';
import { didKeyResolver, keyStoreSigner, type CoseSigner } from '../../firmware/credentials/keys';
import { createDidKey } from '../../firmware/did/did-key';
import { createLocalResolver } from '../../firmware/did/all-methods';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { nodeRandom } from '../../hosts/node/random';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { equal, ok, throws } from '../support/assert';

interface Party {
  did: string;
  signer: CoseSigner;
}

function world() {
  const store = new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: nodeRandom.fill(new Uint8Array(32)), random: nodeRandom, suite: nodeSuite });
  const party = (label: string): Party => {
    const id = store.generate({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'volatile', label });
    const did = createDidKey({ crv: 'Ed25519', bytes: store.exportPublic(id) });
    return { did, signer: keyStoreSigner(store, id, `${did}#${did.slice('did:key:'.length)}`) };
  };
  const tag: CattleTag = bootTag({ store, kv: new MemoryKv() });
  const other: CattleTag = bootTag({ store, kv: new MemoryKv() });
  const owner = party('owner');
  const vet = party('vet');
  const chain: Uint8Array[] = [];
  const add = (issuer: Party, claims: Omit<CustodyClaims, 'iss' | 'sub' | 'iat' | 'prev'>): Uint8Array[] => {
    const prev = chain.length === 0 ? undefined : nodeSuite.sha256(chain[chain.length - 1]);
    return [...chain, issueCustody(issuer.signer, { iss: issuer.did, sub: tag.did, iat: 1000 + chain.length, ...(prev ? { prev } : {}), ...claims })];
  };
  const verify = (c: Uint8Array[]) => verifyCustodyChain(c, { tag: tag.did, resolveKey: didKeyResolver(createLocalResolver({ suite: nodeSuite })), suite: nodeSuite });
  const nonce = nodeRandom.fill(new Uint8Array(16));
  chain.push(...add(owner, { kind: 'register', holder: owner.did, nonce, evidence: tag.attest(nonce, 'register', undefined) }));
  return { tag, other, owner, vet, chain, add, verify };
}

describe('sim: cattle tag custody chain', () => {
  it('a registration with the tag present verifies; the owner owns the animal', () => {
    const w = world();
    const report = w.verify(w.chain);
    equal(report.owner, w.owner.did);
    ok(report.events[0].present);
  });
  it('a vet visit without the tag, with another tag, or with another nonce is custody.not-present', () => {
    const w = world();
    const nonce = nodeRandom.fill(new Uint8Array(16));
    throws(() => w.verify(w.add(w.vet, { kind: 'health', detail: 'no scan' })), 'custody.not-present');
    throws(() => w.verify(w.add(w.vet, { kind: 'health', nonce, evidence: w.other.attest(nonce, 'health', undefined) })), 'custody.not-present');
    throws(() => w.verify(w.add(w.vet, { kind: 'health', nonce, evidence: w.tag.attest(nodeRandom.fill(new Uint8Array(16)), 'health', undefined) })), 'custody.not-present');
    throws(() => w.verify(w.add(w.vet, { kind: 'health', nonce, evidence: w.tag.attest(nonce, 'transport', undefined) })), 'custody.not-present');
    equal(w.verify(w.add(w.vet, { kind: 'health', nonce, evidence: w.tag.attest(nonce, 'health', undefined) })).events.length, 2);
  });
  it('a credential about another animal, or bytes that are not a credential, are refused', () => {
    const w = world();
    const foreign = issueCustody(w.owner.signer, { iss: w.owner.did, sub: w.other.did, iat: 5, kind: 'keeper', holder: w.vet.did, prev: nodeSuite.sha256(w.chain[0]) });
    throws(() => w.verify([...w.chain, foreign]), 'custody.broken-chain');
    throws(() => w.verify([Uint8Array.of(0xa0)]), 'custody.malformed');
    throws(() => w.tag.attest(new Uint8Array(4), 'health', undefined), 'custody.malformed');
  });
});
