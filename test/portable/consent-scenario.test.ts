// Issue "Consent and provenance", item 7: Anne (controller) delegates to
// PeaceOfMind, which grants the police 24 hours of location and glucose.
import { toHex } from '../../firmware/bytes/hex';
import { verifyAuditExport } from '../../firmware/credentials/audit-verify';
import type { Decision } from '../../firmware/credentials/authorize';
import { equal, ok } from '../support/assert';
import { DAY, HOUR, T0, World, scope, suite } from './grant-support';

function denied(d: Decision, reason: string): void {
  equal(d.allowed, false, 'allowed');
  if (!d.allowed) equal(d.reason, reason, 'reason');
}

function allowed(d: Decision): void {
  ok(d.allowed, d.allowed ? '' : `denied: ${d.reason}: ${d.message}`);
}

describe('consent scenario: Anne, PeaceOfMind and the police', () => {
  it('the police read location: allowed (a chain of two, within 24 h)', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { leaf } = w.scenarioChain();
    const d = w.ask(w.police, 'location', leaf);
    allowed(d);
    if (d.allowed) {
      equal(d.chainLength, 2);
      equal(d.exp, T0 + DAY);
    }
    allowed(w.ask(w.police, 'glucose', leaf));
  });

  it('the police read gait: denied (grant.not-in-scope); subscribe to location: denied', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { leaf } = w.scenarioChain();
    denied(w.ask(w.police, 'gait', leaf), 'grant.not-in-scope');
    denied(w.ask(w.police, 'location', leaf, 'subscribe'), 'grant.not-in-scope');
  });

  it('after expiry: denied (grant.expired)', () => {
    const w = new World();
    w.setTime(T0 + 60);
    const { leaf } = w.scenarioChain();
    w.clock.advance(DAY - 61);
    w.pushLists(T0 + DAY - 10);
    allowed(w.ask(w.police, 'location', leaf));
    w.clock.advance(1);
    equal(w.time.now(), T0 + DAY);
    denied(w.ask(w.police, 'location', leaf), 'grant.expired');
  });

  it('after revocation by Anne of the PeaceOfMind grant: denied (status.revoked), for the whole chain', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { leaf } = w.scenarioChain();
    allowed(w.ask(w.police, 'location', leaf));
    w.clock.advance(600);
    w.pushLists(T0 + 600, [0, 0, 0, 1, 0, 0, 0, 0]);
    denied(w.ask(w.police, 'location', leaf), 'status.revoked');
  });

  it('after revocation by PeaceOfMind of the police grant: denied; suspension: denied (status.suspended)', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { leaf } = w.scenarioChain();
    w.statuses.receive(w.statusList(w.pom, 'https://peaceofmind.example/status/7', [0, 0, 0, 0, 0, 1, 0, 0], T0 + 30, { ttl: HOUR }), w.time.now());
    denied(w.ask(w.police, 'glucose', leaf), 'status.revoked');
    w.statuses.receive(w.statusList(w.pom, 'https://peaceofmind.example/status/7', [0, 0, 0, 0, 0, 2, 0, 0], T0 + 40, { bits: 2, ttl: HOUR }), w.time.now());
    denied(w.ask(w.police, 'glucose', leaf), 'status.suspended');
  });

  it('PeaceOfMind widens the scope in a sub-delegation: denied (grant.scope-widened)', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { root } = w.scenarioChain();
    const wider = w.grant(
      w.pom,
      { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read', 'subscribe'] }, { dataClass: 'gait', actions: ['read', 'subscribe'] }), nbf: T0, exp: T0 + DAY },
      root,
    );
    denied(w.ask(w.police, 'location', wider), 'grant.scope-widened');
    const longer = w.grant(w.pom, { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read'] }), nbf: T0, exp: T0 + 60 * DAY }, root);
    denied(w.ask(w.police, 'location', longer), 'grant.time-widened');
  });

  it('the grant presented by a DID other than its audience: denied (grant.wrong-audience)', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { leaf } = w.scenarioChain();
    denied(w.ask(w.stranger, 'location', leaf), 'grant.wrong-audience');
    // The police DID with a key other than the confirmed one (RFC 8747 cnf).
    const d = w.policy.authorize({ requesterDid: w.police.did, requesterKid: `${w.police.did}#other`, dataClass: 'location', action: 'read', grantChain: leaf });
    denied(d, 'grant.key-mismatch');
  });

  it('every decision is in the audit log, hash-chained, and the signed export verifies', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { leaf } = w.scenarioChain();
    w.ask(w.police, 'location', leaf);
    w.ask(w.police, 'gait', leaf);
    w.ask(w.stranger, 'location', leaf);
    const entries = w.audit.entries();
    equal(entries.length, 3);
    equal(entries[0].allowed, true);
    equal(entries[1].reason, 'grant.not-in-scope');
    equal(entries[2].requester, w.stranger.did);
    equal(entries[2].time, T0 + 60);
    const exported = w.audit.export(w.device.signer, w.device.did, w.time.now());
    const verified = verifyAuditExport(exported, { crv: 'Ed25519', bytes: w.device.publicKey }, suite);
    equal(verified.entries.length, 3);
    equal(toHex(verified.entries[2].prev), toHex(suite.sha256(w.audit.records()[1])));
  });
});
