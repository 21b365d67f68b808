/**
 * Onboarding (README.md "Onboarding"), without a certificate authority:
 *
 * 1. At the factory the device provisions a one-time pairing code
 *    (pairing-code.ts); its label carries an out-of-band invitation in the
 *    compact QR form: the device DID and the code.
 * 2. The phone scans it and sends an onboarding request, authcrypted to the
 *    device and naming its keys by full DID URL (the device does not know the
 *    phone yet), with pthid = the invitation id and the pairing proof.
 * 3. The device checks the proof; the first phone that proves the code
 *    becomes its controller - the root of the consent grants - and both sides
 *    store the connection (ConnectionStore, KV seam). Later requests are
 *    refused (already paired); wrong proofs are counted and after
 *    MAX_FAILED_PROOFS the device stops listening to them.
 * 4. A factory reset clears the controller, the connections and the failure
 *    count; the device keeps its keys and DID (they are printed on its label),
 *    so the same code pairs it again.
 */
import { fromBase64url, toBase64url } from '../../bytes/base64url';
import { constantTimeEqual } from '../../bytes/equal';
import { utf8Decode, utf8Encode } from '../../bytes/utf8';
import type { CryptoSuite } from '../../crypto/suite';
import { TinydidError } from '../../errors/tinydid-error';
import type { Random } from '../../host/random';
import type { KvStore } from '../../storage/kv';
import { sameDid } from '../checks';
import type { Message } from '../message';
import type { UnpackMetadata } from '../types';
import { expectType, malformed, optionalString, requiredString } from './body';
import { ConnectionStore, type Connection } from './connections';
import { newMessageId } from './ids';
import { invitation, invitationQr, parseInvitationQr, parseInvitationUrl } from './out-of-band';
import { normalizePairingCode, pairingKey, pairingProof, pairingProofWithKey } from './pairing-code';

export const ONBOARDING = Object.freeze({
  request: 'https://tinydid.org/onboarding/1.0/request',
  response: 'https://tinydid.org/onboarding/1.0/response',
  goalCode: 'tinydid.onboard',
});

/** Wrong proofs a device accepts before it refuses every request until a factory reset. */
export const MAX_FAILED_PROOFS = 10;

const RECORD = Object.freeze({
  key: 'onboarding/pairing-key',
  invitation: 'onboarding/invitation-id',
  controller: 'onboarding/controller',
  failures: 'onboarding/failures',
});

function requireAuthcrypt(message: Message, metadata: UnpackMetadata, what: string): string {
  // The sender must be authenticated by the envelope, and from is that sender (unpack checked it).
  if (!metadata.authenticated || !metadata.encrypted || metadata.encrypted_from_kid === undefined || message.from === undefined) {
    throw new TinydidError('protocol.unexpected', `${what} must arrive authcrypted`);
  }
  return message.from;
}

/** The device's side. */
export class DeviceOnboarding {
  readonly did: string;
  readonly connections: ConnectionStore;
  readonly #kv: KvStore;
  readonly #suite: CryptoSuite;
  readonly #random: Random;

  constructor(options: { did: string; kv: KvStore; suite: CryptoSuite; random: Random }) {
    this.did = options.did;
    this.#kv = options.kv;
    this.#suite = options.suite;
    this.#random = options.random;
    this.connections = new ConnectionStore(options.kv, options.suite);
  }

  /**
   * Factory provisioning: stores the key derived from `code` and a fresh
   * invitation id; returns the label's QR text (compact invitation with the
   * code). Replaces an earlier code.
   */
  provision(code: string): string {
    const key = pairingKey(code, this.#suite);
    const id = newMessageId(this.#random);
    this.#kv.put(RECORD.key, key);
    this.#kv.put(RECORD.invitation, utf8Encode(id));
    return invitationQr(this.labelInvitation(normalizePairingCode(code), id));
  }

  /**
   * The label invitation: device DID, goal code, pairing code. No `accept`:
   * the compact QR form itself says the device speaks the compact profile,
   * and the label has room for about 400 QR characters.
   */
  labelInvitation(code: string, id: string): Message {
    return invitation(this.did, { goal_code: ONBOARDING.goalCode, extra: { pairing_code: code } }, this.#random, id);
  }

  /** The controller's DID (the root of consent grants), or undefined before onboarding. */
  controller(): string | undefined {
    const v = this.#kv.get(RECORD.controller);
    return v === undefined ? undefined : utf8Decode(v);
  }

  /** Wrong proofs counted since the last factory reset. */
  failedProofs(): number {
    const v = this.#kv.get(RECORD.failures);
    return v === undefined || v.length !== 1 ? 0 : v[0];
  }

  /**
   * Handles an unpacked onboarding request; returns the response to authcrypt
   * back. Throws `protocol.unexpected` (not authcrypted, not for our
   * invitation), `protocol.malformed`, `onboarding.no-code`,
   * `onboarding.already-paired`, `onboarding.locked`, `onboarding.bad-proof`.
   */
  handleRequest(message: Message, metadata: UnpackMetadata, now?: number): Message {
    expectType(message, ONBOARDING.request);
    const phone = requireAuthcrypt(message, metadata, 'an onboarding request');
    const key = this.#kv.get(RECORD.key);
    const invitationId = this.#kv.get(RECORD.invitation);
    if (key === undefined || invitationId === undefined) throw new TinydidError('onboarding.no-code', 'this device was not provisioned with a pairing code');
    if (message.pthid !== utf8Decode(invitationId)) throw new TinydidError('protocol.unexpected', 'the request does not answer this device\'s invitation (pthid)');
    const controller = this.controller();
    if (controller !== undefined) throw new TinydidError('onboarding.already-paired', controller === phone ? 'this phone is the controller already' : 'the device has a controller; a factory reset clears it');
    const failures = this.failedProofs();
    if (failures >= MAX_FAILED_PROOFS) throw new TinydidError('onboarding.locked', `${failures} wrong pairing proofs; a factory reset re-arms pairing`);
    let proof: Uint8Array;
    try {
      proof = fromBase64url(requiredString(message.body, 'proof', 64));
    } catch (cause) {
      if (cause instanceof TinydidError && cause.code === 'protocol.malformed') throw cause;
      return malformed('proof is not base64url');
    }
    if (!constantTimeEqual(proof, pairingProofWithKey(key, this.did, phone, this.#suite))) {
      this.#kv.put(RECORD.failures, Uint8Array.of(Math.min(failures + 1, 255)));
      throw new TinydidError('onboarding.bad-proof', 'the pairing proof does not match this device\'s code');
    }
    const label = optionalString(message.body, 'label', 64);
    const connection: Connection = { did: phone, role: 'controller' };
    if (label !== undefined) connection.label = label;
    if (now !== undefined) connection.since = now;
    this.connections.put(connection);
    this.#kv.put(RECORD.controller, utf8Encode(phone));
    this.#kv.delete(RECORD.failures);
    return { id: newMessageId(this.#random), type: ONBOARDING.response, thid: message.id, from: this.did, to: [phone], body: { role: 'controller' } };
  }

  /** Factory reset: forgets the controller, every connection and the failure count; keeps keys, DID and code. */
  factoryReset(): void {
    this.connections.clear();
    this.#kv.delete(RECORD.controller);
    this.#kv.delete(RECORD.failures);
  }
}

/** What a phone reads from a label: the invitation, the device DID and the pairing code. */
export interface ScannedInvitation {
  invitation: Message;
  deviceDid: string;
  code: string;
}

/** Reads a label (compact QR form `TD1:...`, or the URL form). Throws `protocol.malformed`, `didcomm.malformed`. */
export function scanInvitation(text: string): ScannedInvitation {
  const inv = text.startsWith('TD1:') ? parseInvitationQr(text) : parseInvitationUrl(text);
  if (inv.body.goal_code !== ONBOARDING.goalCode) malformed('not an onboarding invitation (goal_code)');
  const code = normalizePairingCode(requiredString(inv.body, 'pairing_code', 32));
  return { invitation: inv, deviceDid: inv.from as string, code };
}

/** The phone's onboarding request (to authcrypt with full key ids: the device does not know the phone yet). */
export function onboardingRequest(scanned: ScannedInvitation, phoneDid: string, suite: CryptoSuite, random: Random, label?: string): Message {
  const body: Record<string, string> = { proof: toBase64url(pairingProof(scanned.code, scanned.deviceDid, phoneDid, suite)) };
  if (label !== undefined) body.label = label;
  return { id: newMessageId(random), type: ONBOARDING.request, pthid: scanned.invitation.id, from: phoneDid, to: [scanned.deviceDid], body };
}

/**
 * The phone's side of the response: it must be authcrypted by the device and
 * answer `request`; stores the device as a connection. Throws
 * `protocol.unexpected`, `protocol.malformed`.
 */
export function acceptOnboardingResponse(response: Message, metadata: UnpackMetadata, request: Message, connections: ConnectionStore, label?: string, now?: number): Connection {
  expectType(response, ONBOARDING.response);
  const device = requireAuthcrypt(response, metadata, 'an onboarding response');
  if (response.thid !== request.id) throw new TinydidError('protocol.unexpected', 'the response is not on the request\'s thread');
  if (request.to === undefined || !sameDid(device, request.to[0])) throw new TinydidError('protocol.unexpected', 'the response comes from another DID than the one invited');
  if (response.body.role !== 'controller') malformed('the response must make us the controller');
  const connection: Connection = { did: device, role: 'device' };
  if (label !== undefined) connection.label = label;
  if (now !== undefined) connection.since = now;
  connections.put(connection);
  return connection;
}
