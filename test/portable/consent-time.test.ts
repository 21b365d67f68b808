// Trusted time: signed by the controller, answering the device's nonce,
// never backwards (persisted high-water mark), unknown after a reboot.
import { DevicePolicy } from '../../firmware/credentials/authorize';
import { StatusListStore } from '../../firmware/credentials/status-store';
import { TrustedTime, issueTimeStatement } from '../../firmware/credentials/trusted-time';
import { equal, throws } from '../support/assert';
import { Clock, T0, World, suite } from './grant-support';

describe('consent: trusted time', () => {
  it('is unknown until the controller answers a nonce; then it runs on the monotonic clock', () => {
    const w = new World();
    equal(w.time.now(), undefined);
    equal(w.setTime(T0), T0);
    w.clock.advance(90.5);
    equal(w.time.now(), T0 + 90);
  });

  it('refuses a replayed statement, an answer to another nonce, and an expired nonce (time.bad-nonce)', () => {
    const w = new World();
    const nonce = w.time.challenge();
    const statement = issueTimeStatement(w.anne.signer, { iss: w.anne.did, sub: w.device.did, time: T0, nonce });
    w.time.accept(statement);
    throws(() => w.time.accept(statement), 'time.bad-nonce');
    w.time.challenge();
    throws(() => w.time.accept(issueTimeStatement(w.anne.signer, { iss: w.anne.did, sub: w.device.did, time: T0 + 5, nonce })), 'time.bad-nonce');
    const late = w.time.challenge();
    w.clock.advance(301);
    throws(() => w.time.accept(issueTimeStatement(w.anne.signer, { iss: w.anne.did, sub: w.device.did, time: T0 + 400, nonce: late })), 'time.bad-nonce');
  });

  it('only the controller sets the time (time.bad-signature); a statement for another device is time.malformed', () => {
    const w = new World();
    const nonce = w.time.challenge();
    throws(() => w.time.accept(issueTimeStatement(w.pom.signer, { iss: w.pom.did, sub: w.device.did, time: T0, nonce })), 'time.bad-signature');
    throws(() => w.time.accept(issueTimeStatement(w.pom.signer, { iss: w.anne.did, sub: w.device.did, time: T0, nonce })), 'time.bad-signature');
    throws(() => w.time.accept(issueTimeStatement(w.anne.signer, { iss: w.anne.did, sub: w.pom.did, time: T0, nonce })), 'time.malformed');
    throws(() => w.time.accept(w.grant(w.anne, { aud: w.pom.did, scope: 1 })), 'time.malformed');
    const good = issueTimeStatement(w.anne.signer, { iss: w.anne.did, sub: w.device.did, time: T0, nonce });
    for (let cut = 0; cut < good.length; cut += 9) throws(() => w.time.accept(good.subarray(0, cut)), 'time.malformed', `cut ${cut}`);
    equal(w.time.now(), undefined);
  });

  it('never goes backwards, also across a reboot (persisted high-water mark, time.backwards)', () => {
    const w = new World();
    w.setTime(T0);
    w.clock.advance(3600);
    equal(w.time.now(), T0 + 3600);
    // Reboot: same KV, new monotonic clock, time unknown again.
    const clock = new Clock();
    const rebooted = new TrustedTime({ kv: w.kv, clock, random: w.random, suite, resolveKey: w.resolveKey, deviceDid: w.device.did, controllerDid: w.anne.did });
    equal(rebooted.now(), undefined);
    equal(rebooted.highWaterMark(), T0 + 3600);
    const nonce = rebooted.challenge();
    throws(() => rebooted.accept(issueTimeStatement(w.anne.signer, { iss: w.anne.did, sub: w.device.did, time: T0 + 60, nonce })), 'time.backwards');
    equal(rebooted.accept(issueTimeStatement(w.anne.signer, { iss: w.anne.did, sub: w.device.did, time: T0 + 7200, nonce })), T0 + 7200);
  });

  it('after a reboot a time-bound grant is refused until time is trusted again', () => {
    const w = new World();
    w.setTime(T0 + 60);
    w.pushLists(T0);
    const { leaf } = w.scenarioChain();
    equal(w.ask(w.police, 'location', leaf).allowed, true);
    const time = new TrustedTime({ kv: w.kv, clock: new Clock(), random: w.random, suite, resolveKey: w.resolveKey, deviceDid: w.device.did, controllerDid: w.anne.did });
    const statuses = new StatusListStore({ kv: w.kv, suite, resolveKey: w.resolveKey, zlib: undefined });
    const policy = new DevicePolicy({ deviceDid: w.device.did, controllerDid: w.anne.did, resolveKey: w.resolveKey, suite, time, statuses, audit: w.audit });
    const d = policy.authorize({ requesterDid: w.police.did, requesterKid: w.police.kid, dataClass: 'location', action: 'read', grantChain: leaf });
    equal(d.allowed ? 'allowed' : d.reason, 'time.unknown');
    equal(w.audit.entries()[1].time, undefined);
  });
});
