// Test world for the consent suites: did:key parties with keys in an
// in-memory key store, a device (trusted time, status lists, audit log,
// policy) with a settable monotonic clock, and a zlib test double.
import { concatBytes } from '../../firmware/bytes/concat';
import { utf8Encode } from '../../firmware/bytes/utf8';
import { AuditLog } from '../../firmware/credentials/audit-log';
import { DevicePolicy } from '../../firmware/credentials/authorize';
import { issueGrant, type GrantClaims } from '../../firmware/credentials/grant';
import { didKeyResolver, keyStoreSigner, type CoseSigner, type KeyResolver } from '../../firmware/credentials/keys';
import { permissionsOf, type ScopeEntry } from '../../firmware/credentials/scope';
import { packStatuses, type StatusBits } from '../../firmware/credentials/status-list';
import { StatusListStore } from '../../firmware/credentials/status-store';
import { issueStatusListToken } from '../../firmware/credentials/status-token';
import { TrustedTime, issueTimeStatement } from '../../firmware/credentials/trusted-time';
import type { Zlib } from '../../firmware/credentials/zlib';
import { portableSuite } from '../../firmware/crypto/portable-suite';
import { createDidKey } from '../../firmware/did/did-key';
import { createLocalResolver } from '../../firmware/did/all-methods';
import type { KeyStore } from '../../firmware/keys/key-store';
import { SoftwareKeyStore } from '../../firmware/keys/software-key-store';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { xsTestRandom } from '../../hosts/xs/random';

export const suite = portableSuite;
/** 2026-09-15T12:00:00Z: the moment Jamie goes missing. */
export const T0 = 1789473600;
export const HOUR = 3600;
export const DAY = 24 * HOUR;

/**
 * A zlib stand-in for the XS lane, which has no inflate: "deflate" prefixes
 * a marker, "inflate" checks and strips it and honours maxOutput. Real zlib
 * (node:zlib) and the draft's compressed examples are checked in
 * test/node/consent-status-zlib.test.ts.
 */
export const fakeZlib: Zlib = {
  deflate: (data) => concatBytes(Uint8Array.of(0x78, 0x00), data),
  inflate(data, maxOutput) {
    if (data.length < 2 || data[0] !== 0x78 || data[1] !== 0x00) throw new Error('not a test stream');
    if (data.length - 2 > maxOutput) throw new Error('output limit');
    return data.slice(2);
  },
};

export interface Party {
  did: string;
  kid: string;
  signer: CoseSigner;
  publicKey: Uint8Array;
}

export function party(store: KeyStore, name: string): Party {
  const seed = suite.sha256(utf8Encode(`tinydid test party ${name}`));
  const id = store.import({ type: 'ed25519', usage: 'sign', algorithm: 'eddsa', persistence: 'volatile', label: name }, seed);
  const publicKey = store.exportPublic(id);
  const did = createDidKey({ crv: 'Ed25519', bytes: publicKey });
  const kid = `${did}#${did.slice('did:key:'.length)}`;
  return { did, kid, signer: keyStoreSigner(store, id, kid), publicKey };
}

export class Clock {
  ms = 0;
  monotonicMs(): number {
    return this.ms;
  }
  wallTimeMs(): number | undefined {
    return undefined;
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

let counter = 0;
export function cti(): Uint8Array {
  counter++;
  return Uint8Array.of(0x67, counter >> 8, counter & 0xff);
}

export function scope(...entries: ScopeEntry[]): number {
  return permissionsOf(entries);
}

export const ANNE_LIST = 'https://anne.example/status/1';
export const POM_LIST = 'https://peaceofmind.example/status/7';

export class World {
  readonly store: KeyStore = new SoftwareKeyStore({ kv: new MemoryKv(), rootKey: new Uint8Array(32).fill(9), random: xsTestRandom(9), suite });
  readonly anne = party(this.store, 'anne');
  readonly pom = party(this.store, 'peaceofmind');
  readonly police = party(this.store, 'police');
  readonly stranger = party(this.store, 'stranger');
  readonly device = party(this.store, 'glucose-meter');
  readonly resolveKey: KeyResolver = didKeyResolver(createLocalResolver({ suite: portableSuite }));
  readonly kv = new MemoryKv();
  readonly clock = new Clock();
  readonly random = xsTestRandom(11);
  readonly time: TrustedTime;
  readonly statuses: StatusListStore;
  readonly audit: AuditLog;
  readonly policy: DevicePolicy;

  constructor(options: { maxAgeSeconds?: number; capacity?: number } = {}) {
    const common = { suite, resolveKey: this.resolveKey };
    this.time = new TrustedTime({ ...common, kv: this.kv, clock: this.clock, random: this.random, deviceDid: this.device.did, controllerDid: this.anne.did });
    this.statuses = new StatusListStore({ ...common, kv: this.kv, zlib: fakeZlib, maxAgeSeconds: options.maxAgeSeconds });
    this.audit = new AuditLog({ kv: this.kv, suite, capacity: options.capacity ?? 16 });
    this.policy = new DevicePolicy({ ...common, deviceDid: this.device.did, controllerDid: this.anne.did, time: this.time, statuses: this.statuses, audit: this.audit });
  }

  /** Anne answers the device's nonce with a time statement for `time`. */
  setTime(time: number): number {
    const nonce = this.time.challenge();
    return this.time.accept(issueTimeStatement(this.anne.signer, { iss: this.anne.did, sub: this.device.did, time, nonce }));
  }

  grant(issuer: Party, claims: Partial<GrantClaims> & { aud: string; scope: number }, parent?: Uint8Array): Uint8Array {
    return issueGrant(issuer.signer, { iss: issuer.did, sub: this.device.did, cti: cti(), delegation: 0, ...claims }, parent);
  }

  statusList(issuer: Party, uri: string, statuses: number[], iat: number, options: { bits?: StatusBits; ttl?: number; exp?: number } = {}): Uint8Array {
    const bits = options.bits ?? 1;
    return issueStatusListToken(issuer.signer, { iss: issuer.did, uri, iat, ttl: options.ttl, exp: options.exp, list: { bits, bytes: packStatuses(statuses, bits) } }, fakeZlib);
  }

  /** The scenario's chain: Anne -> PeaceOfMind (30 days, may delegate once) -> police (24 h, location + glucose read). */
  scenarioChain(): { root: Uint8Array; leaf: Uint8Array } {
    const root = this.grant(this.anne, {
      aud: this.pom.did,
      scope: scope({ dataClass: 'glucose', actions: ['read', 'subscribe'] }, { dataClass: 'location', actions: ['read', 'subscribe'] }, { dataClass: 'gait', actions: ['read'] }),
      iat: T0 - HOUR,
      nbf: T0 - HOUR,
      exp: T0 + 30 * DAY,
      delegation: 1,
      status: { uri: ANNE_LIST, idx: 3 },
    });
    const leaf = this.grant(
      this.pom,
      {
        aud: this.police.did,
        scope: scope({ dataClass: 'glucose', actions: ['read'] }, { dataClass: 'location', actions: ['read'] }),
        iat: T0,
        nbf: T0,
        exp: T0 + DAY,
        cnf: { kid: this.police.kid },
        status: { uri: POM_LIST, idx: 5 },
      },
      root,
    );
    return { root, leaf };
  }

  /** Pushes current, all-valid status lists from both grantors. */
  pushLists(iat: number, anne: number[] = [0, 0, 0, 0, 0, 0, 0, 0], pom: number[] = [0, 0, 0, 0, 0, 0, 0, 0]): void {
    const now = this.time.now();
    this.statuses.receive(this.statusList(this.anne, ANNE_LIST, anne, iat, { ttl: HOUR }), now);
    this.statuses.receive(this.statusList(this.pom, POM_LIST, pom, iat, { ttl: HOUR }), now);
  }

  ask(requester: Party, dataClass: string, leaf: Uint8Array, action = 'read') {
    return this.policy.authorize({ requesterDid: requester.did, requesterKid: requester.kid, dataClass, action, grantChain: leaf });
  }
}
