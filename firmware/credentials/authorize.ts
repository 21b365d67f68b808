// Enforcement on the device (README "Enforcement"): a data class is released
// only to an authenticated requester holding a valid grant chain that covers
// the class and action now. Every decision goes to the audit log.
import { splitDidUrl } from '../did/did-url';
import type { ErrorCode } from '../errors/codes';
import { TinydidError } from '../errors/tinydid-error';
import type { AuditLog } from './audit-log';
import { verifyGrantChain, type ChainPolicy } from './chain';
import { confirms } from './cnf';
import type { GrantToken } from './grant';
import type { VerifyKey } from './keys';
import { covers } from './scope';
import type { StatusListStore } from './status-store';
import type { TimeSource } from './trusted-time';

export interface AuthorizeRequest {
  /** The authenticated DIDComm sender. */
  requesterDid: string;
  /** The sender key the DIDComm layer authenticated (a DID URL of requesterDid). */
  requesterKid: string;
  /** That key's public key, when the DIDComm layer has it (needed for a COSE_Key cnf). */
  requesterKey?: VerifyKey;
  dataClass: string;
  action: string;
  /** The leaf grant token (its parents embedded). */
  grantChain: Uint8Array;
}

export type Decision =
  | { allowed: true; grant: Uint8Array; chainLength: number; exp: number | undefined }
  | { allowed: false; reason: ErrorCode; message: string };

export interface DevicePolicyOptions extends ChainPolicy {
  time: TimeSource;
  statuses: StatusListStore;
  audit: AuditLog;
}

function timeBound(tokens: GrantToken[]): boolean {
  return tokens.some((t) => t.claims.nbf !== undefined || t.claims.exp !== undefined || t.claims.status !== undefined);
}

export class DevicePolicy {
  readonly #o: DevicePolicyOptions;

  constructor(options: DevicePolicyOptions) {
    this.#o = options;
  }

  #check(req: AuthorizeRequest, grant: { cti?: Uint8Array }): { tokens: GrantToken[]; exp: number | undefined } {
    if (splitDidUrl(req.requesterKid).did !== req.requesterDid) {
      throw new TinydidError('grant.key-mismatch', 'the authenticated key is not a key of the requester');
    }
    const tokens = verifyGrantChain(req.grantChain, this.#o);
    const leaf = tokens[tokens.length - 1].claims;
    grant.cti = leaf.cti;
    if (leaf.aud !== req.requesterDid) throw new TinydidError('grant.wrong-audience', `the grant is for ${leaf.aud.slice(0, 120)}, not the requester`);
    if (leaf.cnf !== undefined && !confirms(leaf.cnf, req.requesterKid, req.requesterKey)) {
      throw new TinydidError('grant.key-mismatch', 'the requester did not authenticate with the confirmed key (RFC 8747)');
    }
    if (!covers(leaf.scope, req.dataClass, req.action)) throw new TinydidError('grant.not-in-scope', `the grant does not cover ${req.action} on ${req.dataClass}`);
    let exp: number | undefined;
    if (timeBound(tokens)) {
      const now = this.#o.time.now();
      if (now === undefined) throw new TinydidError('time.unknown', 'the grant is time-bound and the device has no trusted time');
      for (const { claims } of tokens) {
        // RFC 8392 sections 3.1.4 and 3.1.5: valid from nbf, not on or after exp.
        if (claims.nbf !== undefined && now < claims.nbf) throw new TinydidError('grant.not-yet-valid', `valid from ${claims.nbf}; now is ${now}`);
        if (claims.exp !== undefined && now >= claims.exp) throw new TinydidError('grant.expired', `expired at ${claims.exp}; now is ${now}`);
        if (claims.exp !== undefined) exp = exp === undefined ? claims.exp : Math.min(exp, claims.exp);
      }
      // draft-ietf-oauth-status-list "Validation Rules": status after the token's own rules.
      for (const { claims } of tokens) if (claims.status !== undefined) this.#o.statuses.check(claims.status, claims.iss, now);
    }
    return { tokens, exp };
  }

  /** Decides and logs; never throws for a bad request (the reason is the error code). */
  authorize(req: AuthorizeRequest): Decision {
    const grant: { cti?: Uint8Array } = {};
    let decision: Decision;
    try {
      const { tokens, exp } = this.#check(req, grant);
      decision = { allowed: true, grant: tokens[tokens.length - 1].claims.cti, chainLength: tokens.length, exp };
    } catch (error) {
      if (!(error instanceof TinydidError)) throw error;
      decision = { allowed: false, reason: error.code, message: error.message };
    }
    this.#o.audit.append({
      time: this.#o.time.now(),
      requester: typeof req.requesterDid === 'string' ? req.requesterDid : '',
      dataClass: String(req.dataClass),
      action: String(req.action),
      allowed: decision.allowed,
      reason: decision.allowed ? undefined : decision.reason,
      grant: grant.cti,
    });
    return decision;
  }
}
