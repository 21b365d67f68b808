// The device-side DIDComm agent both products share (glucose meter, insole):
// boot = key store, identity keys, did:peer:2, the onboarding label; then
// `receive` for what arrives on the link and `packReading` for what the
// device measures. The protocol is the simulator devices' (simulator/agents):
// onboarding.ts over compact authcrypt, readings from firmware/apps/readings.
// State lives in the KV and in this instance only (nothing at module level),
// and what the instance holds is bounded: two DID documents, their short key
// ids, a replay cache of REPLAY_CAPACITY entries.
import { packCompact } from '../../didcomm/compact/pack';
import { unpackCompact } from '../../didcomm/compact/unpack';
import type { Message } from '../../didcomm/message';
import { DeviceOnboarding } from '../../didcomm/protocols/onboarding';
import { ReplayCache } from '../../didcomm/replay-cache';
import { TinydidError } from '../../errors/tinydid-error';
import type { JsonObject } from '../../jose/json';
import { openSoftwareKeyStore } from '../../keys/key-store-profile';
import type { SoftwareKeyStore } from '../../keys/software-key-store';
import { LAST_READING_RECORD, packSignedReading } from '../readings/signed-reading';
import { deviceDid, knownDids, type DeviceDid, type KnownDids } from './did';
import { loadOrCreateIdentity } from './identity';
import { decideInbound } from './inbox';
import { provisionLabelOnce } from './label';
import { signedLogReading } from './readings';
import type { DeviceSeams } from './seams';

/** Replay cache of the controller's message ids (KV record `app/replay`, 12 bytes an entry). */
export const REPLAY_CAPACITY = 32;
const REPLAY_RECORD = 'app/replay';

export interface PackedReading {
  /** Compact DIDComm: COSE_Encrypt (authcrypt to the controller) around the COSE_Sign1. */
  packed: Uint8Array;
  /** The reading's sequence number (its message id). */
  seq: number;
}

export class DeviceAgent {
  readonly did: string;
  readonly identity: DeviceDid;
  readonly keyStore: SoftwareKeyStore;
  /** The label's QR text (`TD1:...`), the same on every boot. */
  readonly labelQr: string;
  readonly #seams: DeviceSeams;
  readonly #onboarding: DeviceOnboarding;
  readonly #replay: ReplayCache;
  #known: KnownDids;

  /** Boots the agent (see the file header); logs what it created or found. */
  constructor(seams: DeviceSeams) {
    this.#seams = seams;
    const { kv, suite, random } = seams;
    // Software keys only: the image carries no secure-element backend (a store created with that profile is keys.profile-mismatch).
    this.keyStore = openSoftwareKeyStore({ kv, rootKey: seams.rootKey, random, suite });
    const keys = loadOrCreateIdentity(this.keyStore, kv);
    this.identity = deviceDid(this.keyStore, keys, seams.endpoint, suite);
    this.did = this.identity.did;
    this.#onboarding = new DeviceOnboarding({ did: this.did, kv, suite, random });
    this.#replay = new ReplayCache(kv, suite, { record: REPLAY_RECORD, capacity: REPLAY_CAPACITY });
    const label = provisionLabelOnce(this.#onboarding, kv, random);
    this.labelQr = label.qr;
    seams.log(`identity ${keys.created ? 'created' : 'loaded'} (${this.keyStore.info(keys.signKeyId).location}), label ${label.provisioned ? 'provisioned' : 'kept'}`);
    // After a reboot: the controller and its connection record (ConnectionStore) from the KV.
    const controller = this.#onboarding.controller();
    if (controller !== undefined) {
      // onboarding.ts writes the connection before the controller record, so both are there.
      const label = this.#onboarding.connections.get(controller)?.label;
      seams.log(`controller restored${label === undefined ? '' : ` (${label})`}`);
    }
    this.#known = knownDids(this.identity.document, controller, suite);
  }

  /** The controller's DID (the phone that onboarded the device), or undefined. */
  get controller(): string | undefined {
    return this.#onboarding.controller();
  }

  /** The label to show (QR text) while the device has no controller; undefined once onboarded. */
  get label(): string | undefined {
    return this.controller === undefined ? this.labelQr : undefined;
  }

  #nowSeconds(): number | undefined {
    const ms = this.#seams.clock.wallTimeMs();
    return ms === undefined ? undefined : Math.floor(ms / 1000);
  }

  #pack(reply: Message, to: string): Uint8Array {
    const { random, suite } = this.#seams;
    return packCompact(reply, { mode: 'authcrypt', to: [to], resolver: this.#known.resolver, keys: this.identity.keyRing, random, suite }).bytes;
  }

  /**
   * Handles one compact message from the link; returns the bytes to send
   * back, or undefined. Throws what unpack or inbox.ts refuse (TinydidError).
   */
  receive(bytes: Uint8Array): Uint8Array | undefined {
    const { suite, clock, random } = this.#seams;
    const { message, metadata } = unpackCompact(bytes, { resolver: this.#known.resolver, keys: this.identity.keyRing, kidIndex: this.#known.kidIndex, suite, clock });
    const decision = decideInbound(message, metadata, { did: this.did, controller: this.controller, onboarding: this.#onboarding, replay: this.#replay, random, now: this.#nowSeconds() });
    if (decision.kind === 'none') {
      if (decision.problem !== undefined) this.#seams.log(`controller reports a problem: ${decision.problem}`);
      return undefined;
    }
    if (decision.kind === 'onboarded') {
      // A new controller starts a new hash chain of readings.
      this.#seams.kv.delete(LAST_READING_RECORD);
      this.#known = knownDids(this.identity.document, decision.controller, suite);
      this.#seams.log(`onboarded: controller ${decision.controller}`);
      return this.#pack(decision.reply, decision.controller);
    }
    return this.#pack(decision.reply, this.controller as string);
  }

  /**
   * The next reading of `dataClass`, signed then authcrypted to the
   * controller. Throws `didcomm.no-key` before onboarding (no controller key
   * to encrypt to).
   */
  packReading(dataClass: string, values: JsonObject): PackedReading {
    const controller = this.controller;
    if (controller === undefined) throw new TinydidError('didcomm.no-key', 'not onboarded: there is no controller to send readings to');
    const { kv, suite, random, clock } = this.#seams;
    return packSignedReading({ did: this.did, signingKid: this.identity.authenticationKid, keys: this.identity.keyRing, resolver: this.#known.resolver, kv, monotonic: this.keyStore.monotonic(), suite, random, clock }, controller, dataClass, values);
  }

  /** The reading signed, not encrypted (for a log; not numbered, not chained). */
  signedReading(dataClass: string, values: JsonObject): Uint8Array {
    const { suite, random, clock } = this.#seams;
    return signedLogReading({ did: this.did, signingKid: this.identity.authenticationKid, keys: this.identity.keyRing, resolver: this.#known.resolver, suite, random, clock }, dataClass, values);
  }

  /** Factory reset (onboarding.ts): forgets the controller and its chain; keeps keys, DID and label. */
  factoryReset(): void {
    this.#onboarding.factoryReset();
    this.#seams.kv.delete(LAST_READING_RECORD);
    this.#known = knownDids(this.identity.document, undefined, this.#seams.suite);
  }
}
