// Grants (firmware/credentials): RFC 8392 CWT claim handling against the RFC's
// own examples, the AIF scope encoding, and every delegation rule, each shown
// by changing one thing in a good chain.
import { concatBytes } from '../../firmware/bytes/concat';
import { fromHex, toHex } from '../../firmware/bytes/hex';
import { decodeCbor } from '../../firmware/cbor/decode';
import { encodeCbor } from '../../firmware/cbor/encode';
import { CborTag, type CborValue } from '../../firmware/cbor/value';
import { verifyGrantChain, unpackChain } from '../../firmware/credentials/chain';
import { ClaimReader, decodeClaims, registeredClaims } from '../../firmware/credentials/cwt';
import { decodeGrant } from '../../firmware/credentials/grant';
import { covers, decodeScope, encodeScope, entriesOf, isNarrowing } from '../../firmware/credentials/scope';
import { parseSign1, signatureVerifies } from '../../firmware/credentials/sign1';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { vectorText } from '../support/vectors';
import { DAY, HOUR, T0, World, scope, suite } from './grant-support';

describe('grant: CWT claims (RFC 8392 appendix A)', () => {
  it('A.3: verifies the signed CWT (ES256) and reads its registered claims', () => {
    const v = JSON.parse(vectorText('cose/CWT/A_3.json'));
    const msg = parseSign1(fromHex(v.output.cbor), 4096, 'grant.malformed');
    const key = v.input.sign0.key;
    ok(signatureVerifies(msg, { crv: 'P-256', bytes: concatBytes(Uint8Array.of(4), fromHex(key.x_hex), fromHex(key.y_hex)) }, suite), 'A.3 verifies');
    const claims = registeredClaims(new ClaimReader(decodeClaims(msg.payload, 'grant.malformed'), 'grant.malformed'));
    deepEqual(claims, { iss: 'coap://as.example.com', sub: 'erikw', aud: 'coap://light.example.com', exp: 1444064944, nbf: 1443944944, iat: 1443944944, cti: fromHex('0b71') });
    const tampered = fromHex(v.output.cbor);
    tampered[tampered.length - 1] ^= 1;
    equal(signatureVerifies(parseSign1(tampered, 4096, 'grant.malformed'), { crv: 'P-256', bytes: concatBytes(Uint8Array.of(4), fromHex(key.x_hex), fromHex(key.y_hex)) }, suite), false);
  });

  it('A.7: a floating-point NumericDate is a valid iat (RFC 8392 section 2)', () => {
    const v = JSON.parse(vectorText('cose/CWT/A_7.json'));
    const claims = registeredClaims(new ClaimReader(decodeClaims(fromHex(v.input.plaintext_hex), 'grant.malformed'), 'grant.malformed'));
    equal(claims.iat, 1443944944.5);
  });

  it('refuses a negative or non-numeric NumericDate and a claims set that is not a map', () => {
    throws(() => registeredClaims(new ClaimReader(decodeClaims(encodeCbor(new Map([[4, -1]])), 'grant.malformed'), 'grant.malformed')), 'grant.malformed');
    throws(() => registeredClaims(new ClaimReader(decodeClaims(encodeCbor(new Map([[6, '2026']])), 'grant.malformed'), 'grant.malformed')), 'grant.malformed');
    throws(() => decodeClaims(encodeCbor([1, 2]), 'grant.malformed'), 'grant.malformed');
  });
});

describe('grant: scope as AIF (RFC 9237)', () => {
  it('encodes [class, actions] pairs compactly and round-trips', () => {
    const mask = scope({ dataClass: 'glucose', actions: ['read'] }, { dataClass: 'location', actions: ['read', 'subscribe'] });
    equal(toHex(encodeScope(mask)), '82820001820103');
    equal(decodeScope(encodeScope(mask)), mask);
    deepEqual(entriesOf(mask), [{ dataClass: 'glucose', actions: ['read'] }, { dataClass: 'location', actions: ['read', 'subscribe'] }]);
    ok(covers(mask, 'location', 'subscribe'));
    ok(!covers(mask, 'glucose', 'subscribe'));
    ok(!covers(mask, 'gait', 'read'));
    ok(!covers(mask, 'heart-rate', 'read'));
  });
  it('narrowing is a subset of (class, action) pairs', () => {
    const parent = scope({ dataClass: 'glucose', actions: ['read', 'subscribe'] }, { dataClass: 'location', actions: ['read'] });
    ok(isNarrowing(scope({ dataClass: 'glucose', actions: ['read'] }), parent));
    ok(!isNarrowing(scope({ dataClass: 'location', actions: ['subscribe'] }), parent));
  });
  it('refuses unknown classes, unknown action bits, unsorted or duplicate entries, empty scopes', () => {
    for (const bad of [[], [[3, 1]], [[0, 4]], [[0, 0]], [[1, 1], [0, 1]], [[0, 1], [0, 2]], [[0]], 'read']) {
      throws(() => decodeScope(encodeCbor(bad as CborValue)), 'grant.malformed', JSON.stringify(bad));
    }
    throws(() => decodeScope(encodeCbor(Array.from({ length: 9 }, (_, i) => [i, 1]))), 'grant.too-large');
  });
});

describe('grant: chain verification (delegation rules)', () => {
  const w = new World();
  const policy = { deviceDid: w.device.did, controllerDid: w.anne.did, resolveKey: w.resolveKey, suite };
  const { root, leaf } = w.scenarioChain();

  it('unpacks root first and verifies a good chain', () => {
    const tokens = verifyGrantChain(leaf, policy);
    equal(tokens.length, 2);
    equal(tokens[0].claims.iss, w.anne.did);
    equal(tokens[1].claims.aud, w.police.did);
    deepEqual(decodeGrant(leaf).claims.cnf, { kid: w.police.kid });
    equal(decodeGrant(leaf).claims.status?.idx, 5);
  });

  it('the root must be the controller fixed at onboarding (grant.untrusted-root)', () => {
    const selfMade = w.grant(w.pom, { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read'] }) });
    throws(() => verifyGrantChain(selfMade, policy), 'grant.untrusted-root');
  });

  it('a hop not issued by its parent audience is grant.broken-chain', () => {
    const hijack = w.grant(w.stranger, { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read'] }), nbf: T0, exp: T0 + DAY }, root);
    throws(() => verifyGrantChain(hijack, policy), 'grant.broken-chain');
  });

  it('a parent without delegation rights, or a child keeping them, is grant.delegation-denied', () => {
    const leafOnly = w.grant(w.anne, { aud: w.pom.did, scope: scope({ dataClass: 'location', actions: ['read'] }) });
    throws(() => verifyGrantChain(w.grant(w.pom, { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read'] }) }, leafOnly), policy), 'grant.delegation-denied');
    const keeps = w.grant(w.pom, { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read'] }), nbf: T0, exp: T0 + DAY, delegation: 1 }, root);
    throws(() => verifyGrantChain(keeps, policy), 'grant.delegation-denied');
  });

  it('a child without exp under a parent with exp widens time (grant.time-widened)', () => {
    const open = w.grant(w.pom, { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read'] }), nbf: T0 }, root);
    throws(() => verifyGrantChain(open, policy), 'grant.time-widened');
    const early = w.grant(w.pom, { aud: w.police.did, scope: scope({ dataClass: 'location', actions: ['read'] }), nbf: T0 - 2 * HOUR, exp: T0 + DAY }, root);
    throws(() => verifyGrantChain(early, policy), 'grant.time-widened');
  });

  it('a token about another device is grant.wrong-subject', () => {
    const other = w.grant(w.anne, { aud: w.pom.did, sub: w.stranger.did, scope: scope({ dataClass: 'gait', actions: ['read'] }) });
    throws(() => verifyGrantChain(other, policy), 'grant.wrong-subject');
  });

  it('the chain length is capped (grant.chain-too-long) without decoding beyond the cap', () => {
    let token = w.grant(w.anne, { aud: w.pom.did, scope: scope({ dataClass: 'gait', actions: ['read'] }), delegation: 5 });
    for (let i = 4; i >= 1; i--) token = w.grant(w.pom, { aud: w.pom.did, scope: scope({ dataClass: 'gait', actions: ['read'] }), delegation: i }, token);
    throws(() => unpackChain(token), 'grant.chain-too-long');
    equal(unpackChain(token, 5).length, 5);
  });

  it('a changed claim breaks the signature (grant.bad-signature); a foreign kid is grant.wrong-signer', () => {
    const tag = decodeCbor(root) as CborTag;
    const parts = (tag.value as CborValue[]).slice();
    const claims = decodeCbor(parts[2] as Uint8Array) as Map<CborValue, CborValue>;
    claims.set(3, w.stranger.did);
    parts[2] = encodeCbor(claims);
    throws(() => verifyGrantChain(encodeCbor(new CborTag(18, parts)), policy), 'grant.bad-signature');
    const forged = w.grant(w.stranger, { iss: w.anne.did, aud: w.stranger.did, scope: scope({ dataClass: 'gait', actions: ['read'] }) });
    throws(() => verifyGrantChain(forged, policy), 'grant.wrong-signer');
  });

  it('hostile bytes are grant.malformed or grant.too-large, never a crash', () => {
    throws(() => decodeGrant(new Uint8Array(0)), 'grant.malformed');
    throws(() => decodeGrant(fromHex('d2')), 'grant.malformed');
    throws(() => decodeGrant(new Uint8Array(5000)), 'grant.too-large');
    throws(() => decodeGrant(encodeCbor(new CborTag(18, [new Uint8Array(0), new Map(), new Uint8Array(0), new Uint8Array(64)]))), 'grant.malformed');
    const noTyp = decodeCbor(root) as CborTag;
    const p = (noTyp.value as CborValue[]).slice();
    p[0] = encodeCbor(new Map([[1, -8]]));
    throws(() => decodeGrant(encodeCbor(new CborTag(18, p))), 'grant.malformed');
    for (let cut = 1; cut < root.length; cut += 37) throws(() => decodeGrant(root.subarray(0, cut)), 'grant.malformed');
  });
});

describe('grant: enforcement details', () => {
  it('a time-bound grant without trusted time is time.unknown; before nbf is grant.not-yet-valid', () => {
    const w = new World();
    const { leaf } = w.scenarioChain();
    const d = w.ask(w.police, 'location', leaf);
    equal(d.allowed ? 'allowed' : d.reason, 'time.unknown');
    w.setTime(T0 - 600);
    w.pushLists(T0 - 700);
    const e = w.ask(w.police, 'location', leaf);
    equal(e.allowed ? 'allowed' : e.reason, 'grant.not-yet-valid');
  });

  it('a grant without time bounds or status needs no clock; a COSE_Key cnf is checked against the authenticated key', () => {
    const w = new World();
    const key = { crv: 'Ed25519', bytes: w.police.publicKey };
    const g = w.grant(w.anne, { aud: w.police.did, scope: scope({ dataClass: 'glucose', actions: ['read'] }), cnf: { key } });
    const base = { requesterDid: w.police.did, requesterKid: w.police.kid, dataClass: 'glucose', action: 'read', grantChain: g };
    ok(w.policy.authorize({ ...base, requesterKey: key }).allowed);
    const other = w.policy.authorize({ ...base, requesterKey: { crv: 'Ed25519', bytes: w.stranger.publicKey } });
    equal(other.allowed ? 'allowed' : other.reason, 'grant.key-mismatch');
    const none = w.policy.authorize(base);
    equal(none.allowed ? 'allowed' : none.reason, 'grant.key-mismatch');
  });

  it('a missing or stale status list denies (status.unknown, status.stale)', () => {
    const w = new World();
    w.setTime(T0 + 60);
    const { leaf } = w.scenarioChain();
    const d = w.ask(w.police, 'location', leaf);
    equal(d.allowed ? 'allowed' : d.reason, 'status.unknown');
    w.pushLists(T0);
    ok(w.ask(w.police, 'location', leaf).allowed);
    w.clock.advance(HOUR);
    const s = w.ask(w.police, 'location', leaf);
    equal(s.allowed ? 'allowed' : s.reason, 'status.stale');
  });
});
