// The core protocols (firmware/didcomm/protocols): trust ping 2.0, discover
// features 2.0, report-problem 2.0, out-of-band 2.0 invitations (URL and
// compact QR form), over compact envelopes between did:peer:2 agents.
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { packCompact } from '../../firmware/didcomm/compact/pack';
import { unpackCompact } from '../../firmware/didcomm/compact/unpack';
import { fromBase45, toBase45 } from '../../firmware/didcomm/protocols/base45';
import { answerCoreProtocol, CORE_FEATURES } from '../../firmware/didcomm/protocols/core';
import { featureQueries, globMatch, parseDisclosures, parseQueries } from '../../firmware/didcomm/protocols/discover-features';
import { invitation, invitationQr, invitationUrl, parseInvitationQr, parseInvitationUrl } from '../../firmware/didcomm/protocols/out-of-band';
import { parseProblem, problemCodeFor, problemReport, problemText } from '../../firmware/didcomm/protocols/report-problem';
import { responseRequested, TRUST_PING, trustPing } from '../../firmware/didcomm/protocols/trust-ping';
import type { Message } from '../../firmware/didcomm/message';
import { xsTestRandom } from '../../hosts/xs/random';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { makeAgent, resolverOf } from './compact-support';

const device = makeAgent(21);
const phone = makeAgent(22);
const resolver = resolverOf(device, phone);
const random = xsTestRandom(23);

/** Phone -> device and back over authcrypt: what the device receives. */
function deliver(m: Message, from = phone, to = device): Message {
  const packed = packCompact(m, { suite: portableSuite, mode: 'authcrypt', resolver, keys: from.ring, random });
  return unpackCompact(packed.bytes, { suite: portableSuite, resolver, keys: to.ring }).message;
}

describe('protocols: trust ping 2.0', () => {
  it('a ping gets a ping-response on its thread, through authcrypt both ways', () => {
    const ping = trustPing(phone.did, device.did, random);
    const got = deliver(ping);
    equal(responseRequested(got), true);
    const answer = answerCoreProtocol(got, device.did, random);
    ok(answer !== undefined);
    const back = deliver(answer as Message, device, phone);
    equal(back.type, TRUST_PING.response);
    equal(back.thid, ping.id);
    deepEqual(back.to, [phone.did]);
  });
  it('no response when none is requested; a non-boolean flag is malformed', () => {
    equal(answerCoreProtocol(trustPing(phone.did, device.did, random, false), device.did, random), undefined);
    throws(() => responseRequested({ ...trustPing(phone.did, device.did, random), body: { response_requested: 'yes' } }), 'protocol.malformed');
    throws(() => responseRequested({ id: '1', type: 'x', body: {} }), 'protocol.unexpected');
  });
  it('fits a BLE packet: the ping authcrypted is small', () => {
    const bytes = packCompact(trustPing(phone.did, device.did, random), { suite: portableSuite, mode: 'authcrypt', resolver, keys: phone.ring, random }).bytes;
    ok(bytes.length <= 243, `${bytes.length} bytes`);
  });
});

describe('protocols: discover features 2.0', () => {
  it('discloses the matching protocols, threaded to the query', () => {
    const q = featureQueries(phone.did, device.did, [{ 'feature-type': 'protocol', match: 'https://didcomm.org/trust-ping/2.*' }, { 'feature-type': 'goal-code', match: 'tinydid.*' }], random);
    const answer = answerCoreProtocol(deliver(q), device.did, random) as Message;
    equal(answer.thid, q.id);
    deepEqual(parseDisclosures(deliver(answer, device, phone)).map((f) => f.id), ['https://didcomm.org/trust-ping/2.0', 'tinydid.onboard']);
  });
  it('glob matching is linear and exact', () => {
    ok(globMatch('https://didcomm.org/*', 'https://didcomm.org/trust-ping/2.0'));
    ok(globMatch('*', ''));
    ok(globMatch('a*b*c', 'axxbyyc'));
    ok(!globMatch('a*b*c', 'axxbyy'));
    ok(!globMatch('trust-ping', 'trust-ping/2.0'));
    // A pattern that makes naive backtracking exponential.
    ok(!globMatch('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(200)));
  });
  it('bounds the queries', () => {
    const many = Array.from({ length: 17 }, () => ({ 'feature-type': 'protocol', match: '*' }));
    throws(() => parseQueries({ id: '1', type: 'https://didcomm.org/discover-features/2.0/queries', body: { queries: many } }), 'protocol.malformed');
    throws(() => parseQueries({ id: '1', type: 'https://didcomm.org/discover-features/2.0/queries', body: { queries: [{ 'feature-type': 'protocol' }] } }), 'protocol.malformed');
    equal(CORE_FEATURES.length, 6);
  });
});

describe('protocols: report-problem 2.0', () => {
  it('reports a TinydidError on the thread it concerns', () => {
    const r = problemReport(device.did, phone.did, 'thread-1', { code: problemCodeFor('didcomm.expired'), comment: 'expired at {1}', args: ['1763779200'] }, random);
    const got = parseProblem(deliver(r, device, phone));
    deepEqual([got.code, got.pthid], ['e.p.req.time', 'thread-1']);
    equal(problemText(got), 'expired at 1763779200');
    equal(problemCodeFor('cose.decrypt-failed'), 'e.p.trust.crypto');
    equal(problemCodeFor('onboarding.bad-proof'), 'e.p.trust.pairing-code');
  });
  it('refuses malformed codes and reports without pthid', () => {
    throws(() => problemReport(device.did, undefined, 't', { code: 'x.p.y' }, random), 'protocol.malformed');
    throws(() => problemReport(device.did, undefined, 't', { code: 'e.p' }, random), 'protocol.malformed');
    throws(() => parseProblem({ id: '1', type: 'https://didcomm.org/report-problem/2.0/problem-report', body: { code: 'e.p.msg' } }), 'protocol.malformed');
  });
});

describe('protocols: out-of-band 2.0 invitations', () => {
  const inv = invitation(device.did, { goal_code: 'tinydid.onboard', accept: ['application/didcomm-encrypted+cbor'] }, random);
  it('URL form round trip (_oob, base64url JSON)', () => {
    const url = invitationUrl(inv, 'https://example.org/join');
    ok(url.startsWith('https://example.org/join?_oob=ey'));
    deepEqual(parseInvitationUrl(url), inv);
    deepEqual(parseInvitationUrl(`${url}&x=1#frag`), inv);
  });
  it('compact QR form: TD1: + base45 of the compact plaintext, shorter than the URL form', () => {
    const qr = invitationQr(inv);
    ok(/^TD1:[0-9A-Z $%*+\-./:]+$/.test(qr), 'QR alphanumeric alphabet only');
    deepEqual(parseInvitationQr(qr), inv);
    ok(qr.length < invitationUrl(inv, 'https://x.example/').length);
  });
  it('refuses what is not an invitation', () => {
    throws(() => parseInvitationUrl('https://example.org/?x=1'), 'protocol.malformed');
    throws(() => parseInvitationUrl('https://example.org/?_oob=!!'), 'protocol.malformed');
    throws(() => parseInvitationQr('TD2:ABC'), 'protocol.malformed');
    throws(() => parseInvitationQr('TD1:A'), 'protocol.malformed');
    const noFrom = invitationQr({ ...inv }).slice(0, 4) + toBase45(utf8Encode('x'));
    throws(() => parseInvitationQr(noFrom), 'didcomm.malformed');
    throws(() => invitationQr({ ...inv, from: undefined }), 'protocol.malformed');
    throws(() => invitationQr({ ...inv, type: 'https://didcomm.org/trust-ping/2.0/ping' }), 'protocol.unexpected');
  });
});

describe('protocols: base45 (RFC 9285 section 4.4 examples)', () => {
  const cases: [string, string][] = [['AB', 'BB8'], ['Hello!!', '%69 VD92EX0'], ['base-45', 'UJCLQE7W581'], ['ietf!', 'QED8WEX0']];
  for (const [text, encoded] of cases) {
    it(`"${text}" <-> "${encoded}"`, () => {
      equal(toBase45(utf8Encode(text)), encoded);
      deepEqual(fromBase45(encoded), utf8Encode(text));
    });
  }
  it('strict decoding', () => {
    throws(() => fromBase45('GGW'), 'protocol.malformed', 'triplet above 65535');
    throws(() => fromBase45('ab'), 'protocol.malformed', 'lower case');
    throws(() => fromBase45('BB8B'), 'protocol.malformed', 'dangling character');
  });
});
