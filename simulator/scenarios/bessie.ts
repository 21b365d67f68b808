// Bessie's story (DESIGN section 1): a cattle tag with a DID; the owner
// registers Bessie and delegates keeping to a keeper while keeping
// ownership; a vet and a transporter issue credentials with the tag's own
// proof that Bessie was there; the owner transfers her to the abattoir,
// which verifies the whole custody chain. The tag runs firmware/apps/tag.
import { toHex } from '../../firmware/bytes/hex';
import { encodeCbor } from '../../firmware/cbor/encode';
import { decodeCbor } from '../../firmware/cbor/decode';
import { didKeyResolver } from '../../firmware/credentials/keys';
import { isTinydidError } from '../../firmware/errors/tinydid-error';
import { issueCustody, verifyCustodyChain, type CustodyClaims, type CustodyKind } from '../../firmware/apps/tag/custody';
import { bootTag } from '../../firmware/apps/tag/tag';
import { openNodeKeyStore } from '../../hosts/node/key-store';
import { nodeSuite } from '../../hosts/node/crypto-suite';
import { join } from 'node:path';
import { HOUR } from '../clock';
import { SimAgent } from '../agents/agent';
import type { Scenario, ScenarioContext } from '../scenario';

const DAY = 24 * HOUR;

export const scenario: Scenario = {
  name: 'bessie',
  summary: 'a cattle tag with a DID: owner, keeper, vet, transporter, abattoir; the custody chain verifies',
  async run(ctx: ScenarioContext) {
    const t = ctx.transcript;
    const agent = (name: string) => new SimAgent({ name, root: ctx.root, clock: ctx.clock.deviceClock(), random: ctx.keyRandom(name) });
    const ble = ctx.ble();
    const mqtt = await ctx.mqtt();

    t.scene('Bessie gets her ear tag');
    const opened = openNodeKeyStore({ dir: join(ctx.root, 'tag'), random: ctx.keyRandom('tag'), suite: nodeSuite });
    const tag = bootTag({ store: opened.store, kv: opened.kv });
    t.step(`the tag boots: Ed25519 key generated inside its key store, DID ${tag.did}`, { from: 'tag', did: tag.did });
    const owner = agent('owner');
    const keeper = agent('keeper');
    const vet = agent('vet');
    const transporter = agent('transporter');
    const abattoir = agent('abattoir');
    t.step('owner (Hill Farm), keeper (Dale Grazing), vet, transporter and abattoir each have a did:peer:2 and their own key store');
    const chain: Uint8Array[] = [];
    const seconds = (a: SimAgent): number => a.nowSeconds() ?? 0;

    /** The scanner sends a fresh nonce over BLE; the tag answers with its attestation. */
    const scan = async (scanner: SimAgent, event: CustodyKind): Promise<{ nonce: Uint8Array; evidence: Uint8Array } | undefined> => {
      const nonce = scanner.random.fill(new Uint8Array(16));
      const request = await ctx.send(ble, scanner.name, 'tag', encodeCbor([nonce, event]), `scan: nonce for "${event}"`);
      if (!request) return undefined;
      const [n, e] = decodeCbor(request) as [Uint8Array, string];
      const evidence = tag.attest(n, e, undefined);
      const back = await ctx.send(ble, 'tag', scanner.name, evidence, 'tag attestation (COSE_Sign1 by the tag key)');
      return back ? { nonce, evidence: back } : undefined;
    };
    const issue = (issuer: SimAgent, claims: Omit<CustodyClaims, 'iss' | 'sub' | 'iat' | 'prev'>): Uint8Array => {
      const prev = chain.length === 0 ? undefined : nodeSuite.sha256(chain[chain.length - 1]);
      return issueCustody(issuer.signer(), { iss: issuer.did, sub: tag.did, iat: seconds(issuer), ...(prev ? { prev } : {}), ...claims });
    };
    const verify = (verifier: SimAgent, credentials: readonly Uint8Array[]) => verifyCustodyChain(credentials, { tag: tag.did, resolveKey: didKeyResolver(verifier.resolver), suite: verifier.suite });

    const registered = await scan(owner, 'register');
    if (!registered) throw new Error('the tag did not answer');
    chain.push(issue(owner, { kind: 'register', holder: owner.did, detail: 'Bessie, Shorthorn heifer, born 2024-04-02', ...registered }));
    t.verdict(owner.name, 'accepted', `registered Bessie (tag ${tag.did.slice(0, 24)}...): credential ${chain[0].length} B`);

    t.scene('The owner delegates keeping; ownership stays with the owner');
    ctx.clock.advance(2 * DAY);
    chain.push(issue(owner, { kind: 'keeper', holder: keeper.did, detail: 'summer grazing at Dale Grazing' }));
    const got = await ctx.send(mqtt, owner.name, keeper.name, encodeCbor(chain), `custody chain with the keeper credential (${chain.length} credentials)`);
    const atKeeper = got ? verify(keeper, decodeCbor(got) as Uint8Array[]) : undefined;
    t.verdict(keeper.name, atKeeper ? 'verified' : 'lost', atKeeper ? `keeper of Bessie; owner is still ${atKeeper.owner === owner.did ? 'Hill Farm' : atKeeper.owner}` : 'chain lost');
    t.check('the keeper holds a delegated credential while the owner keeps ownership', 'yes', atKeeper && atKeeper.keeper === keeper.did && atKeeper.owner === owner.did ? 'yes' : 'no');

    t.scene('A vet and a transporter add credentials, each with the tag\'s proof that Bessie was there');
    ctx.clock.advance(30 * DAY);
    const visit = await scan(vet, 'health');
    if (visit) {
      chain.push(issue(vet, { kind: 'health', detail: 'bluetongue vaccination, batch BTV-3/118', ...visit }));
      await ctx.send(mqtt, vet.name, keeper.name, chain[chain.length - 1], 'health credential (vaccination)');
      t.verdict(keeper.name, 'accepted', 'vaccination recorded, linked to the keeper credential');
    }
    ctx.clock.advance(60 * DAY);
    const loading = await scan(transporter, 'transport');
    if (loading) {
      chain.push(issue(transporter, { kind: 'transport', holder: transporter.did, detail: 'Dale Grazing -> Vale Abattoir, 84 km, vehicle YK24 CTL', ...loading }));
      await ctx.send(mqtt, transporter.name, keeper.name, chain[chain.length - 1], 'transport credential (loading)');
      t.verdict(keeper.name, 'accepted', 'loading recorded');
    }

    t.scene('Transfer to the abattoir');
    ctx.clock.advance(3 * HOUR);
    t.step('the keeper tries to sell Bessie to the abattoir itself');
    const bySeller = [...chain, issue(keeper, { kind: 'transfer', holder: abattoir.did, detail: 'sold by the keeper' })];
    const tried = await ctx.send(mqtt, keeper.name, abattoir.name, encodeCbor(bySeller), `custody chain ending in a transfer signed by the keeper (${bySeller.length} credentials)`);
    let verdict = 'accepted';
    try {
      if (tried) verify(abattoir, decodeCbor(tried) as Uint8Array[]);
    } catch (error) {
      if (!isTinydidError(error)) throw error;
      verdict = 'rejected';
      t.verdict(abattoir.name, 'rejected', `${error.code}: ${error.message}`, { from: keeper.name, code: error.code });
    }
    t.check('the abattoir refuses a transfer signed by the keeper', 'rejected', verdict);

    chain.push(issue(owner, { kind: 'transfer', holder: abattoir.did, detail: 'sold to Vale Abattoir, lot 7731' }));
    const delivered = await ctx.send(mqtt, owner.name, abattoir.name, encodeCbor(chain), `custody chain ending in the owner's transfer (${chain.length} credentials)`);
    let report;
    try {
      if (delivered) report = verify(abattoir, decodeCbor(delivered) as Uint8Array[]);
    } catch (error) {
      if (!isTinydidError(error)) throw error;
      t.verdict(abattoir.name, 'rejected', `${error.code}: ${error.message}`, { code: error.code });
    }
    if (report) {
      const name = (did: string | undefined): string => [owner, keeper, vet, transporter, abattoir].find((a) => a.did === did)?.name ?? (did ?? '-');
      for (const e of report.events) t.step(`  ${e.kind.padEnd(9)} by ${name(e.iss).padEnd(11)} ${e.holder ? `-> ${name(e.holder).padEnd(11)} ` : ''}${e.present ? '[tag present] ' : ''}${e.detail ?? ''}`);
      t.verdict(abattoir.name, 'verified', `custody chain of ${report.events.length} credentials: every signature, link and tag attestation holds; owner is now ${name(report.owner)}`);
    }
    t.check('the custody chain verifies at the abattoir', 'verified', report ? 'verified' : 'rejected');
    t.check('ownership moved to the abattoir and the keeper delegation ended', 'abattoir, no keeper', report ? `${report.owner === abattoir.did ? 'abattoir' : 'other'}, ${report.keeper === undefined ? 'no keeper' : 'keeper'}` : 'none');

    t.scene('Tampering with the history');
    const noVet = chain.filter((_, i) => i !== 2);
    let gap = 'accepted';
    try {
      verify(abattoir, noVet);
    } catch (error) {
      if (!isTinydidError(error)) throw error;
      gap = 'rejected';
      t.verdict(abattoir.name, 'rejected', `a chain without the vet's credential: ${error.code}: ${error.message}`, { code: error.code });
    }
    t.check('a chain with a credential removed is rejected', 'rejected', gap);
    const forged = chain.slice();
    const last = forged[3].slice();
    last[last.length - 10] ^= 0x01;
    forged[3] = last;
    let sig = 'accepted';
    try {
      verify(abattoir, forged);
    } catch (error) {
      if (!isTinydidError(error)) throw error;
      sig = 'rejected';
      t.verdict(abattoir.name, 'rejected', `an edited transport credential: ${error.code}: ${error.message}`, { code: error.code });
    }
    t.check('an edited credential is rejected', 'rejected', sig);
    t.step(`chain head ${toHex(nodeSuite.sha256(chain[chain.length - 1])).slice(0, 16)}...`);
  },
};
