// Consent on Jamie's phone, with firmware/credentials: the phone holds the
// readings of Jamie's devices and is the subject of the grants; Anne, his
// guardian, is its controller (the only trusted root issuer). It keeps a
// trusted time (Anne's signed time statements against its own nonce), the
// grantors' status lists, and a hash-chained audit log of every decision.
import { deflateSync, inflateSync } from 'node:zlib';
import { fromBase64url, toBase64url } from '../../firmware/bytes/base64url';
import { AuditLog } from '../../firmware/credentials/audit-log';
import { DevicePolicy, type Decision } from '../../firmware/credentials/authorize';
import { issueGrant, type GrantClaims } from '../../firmware/credentials/grant';
import { didKeyResolver } from '../../firmware/credentials/keys';
import { permissionsOf, type ScopeEntry } from '../../firmware/credentials/scope';
import { packStatuses } from '../../firmware/credentials/status-list';
import { StatusListStore } from '../../firmware/credentials/status-store';
import { issueStatusListToken } from '../../firmware/credentials/status-token';
import { TrustedTime, issueTimeStatement } from '../../firmware/credentials/trusted-time';
import type { Zlib } from '../../firmware/credentials/zlib';
import type { SimAgent } from './agent';

/** The zlib seam over node:zlib (RFC 1950 streams), output bounded. */
export const nodeZlib: Zlib = Object.freeze({
  inflate: (data: Uint8Array, maxOutput: number) => new Uint8Array(inflateSync(data, { maxOutputLength: maxOutput })),
  deflate: (data: Uint8Array) => new Uint8Array(deflateSync(data, { level: 9 })),
});

export function scopeOf(...entries: ScopeEntry[]): number {
  return permissionsOf(entries);
}

/** The phone's consent enforcement point. */
export class ConsentHolder {
  readonly time: TrustedTime;
  readonly statuses: StatusListStore;
  readonly audit: AuditLog;
  readonly policy: DevicePolicy;
  readonly #holder: SimAgent;

  constructor(holder: SimAgent, controllerDid: string) {
    this.#holder = holder;
    const common = { suite: holder.suite, resolveKey: didKeyResolver(holder.resolver) };
    this.time = new TrustedTime({ ...common, kv: holder.kv, clock: holder.clock, random: holder.random, deviceDid: holder.did, controllerDid });
    this.statuses = new StatusListStore({ ...common, kv: holder.kv, zlib: nodeZlib });
    this.audit = new AuditLog({ kv: holder.kv, suite: holder.suite, capacity: 64 });
    this.policy = new DevicePolicy({ ...common, deviceDid: holder.did, controllerDid, time: this.time, statuses: this.statuses, audit: this.audit });
  }

  /** Decides a data request from `requester`, authenticated by the DIDComm layer with `requesterKid`. */
  authorize(requesterDid: string, requesterKid: string, dataClass: string, grantChain: Uint8Array): Decision {
    return this.policy.authorize({ requesterDid, requesterKid, dataClass, action: 'read', grantChain });
  }

  get holderDid(): string {
    return this.#holder.did;
  }
}

/** Anne's answer to the phone's time challenge. */
export function timeStatement(controller: SimAgent, holderDid: string, nonce: Uint8Array): Uint8Array {
  return issueTimeStatement(controller.signer(), { iss: controller.did, sub: holderDid, time: controller.nowSeconds() ?? 0, nonce });
}

/** A grant from `issuer` about the data held by `subjectDid`. */
export function grant(issuer: SimAgent, subjectDid: string, claims: Omit<GrantClaims, 'iss' | 'sub' | 'cti'>, parent?: Uint8Array): Uint8Array {
  return issueGrant(issuer.signer(), { iss: issuer.did, sub: subjectDid, cti: issuer.random.fill(new Uint8Array(8)), ...claims }, parent);
}

/** A status list token of `issuer` for `uri`, one bit per grant index. */
export function statusList(issuer: SimAgent, uri: string, revoked: number[], size = 16): Uint8Array {
  const statuses = new Array<number>(size).fill(0);
  for (const i of revoked) statuses[i] = 1;
  return issueStatusListToken(issuer.signer(), { iss: issuer.did, uri, iat: issuer.nowSeconds() ?? 0, ttl: 3600, list: { bits: 1, bytes: packStatuses(statuses, 1) } }, nodeZlib);
}

export const b64 = toBase64url;
export const unb64 = fromBase64url;
