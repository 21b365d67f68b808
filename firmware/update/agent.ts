// The device side of an update, independent of how the envelope and the
// image arrive (DIDComm, BLE, a file): check an envelope against the trust
// policy, this device and the installed sequence; then stream the image into
// the inactive slot (session.ts). A protocol (protocol.ts) drives it.
import type { CryptoSuite } from '../crypto/suite';
import type { MonotonicValues } from '../keys/monotonic';
import { TinydidError } from '../errors/tinydid-error';
import type { SuitLimits } from './limits';
import { planInstall, type InstallPlan } from './plan';
import { startSession, type InstallReport, type UpdateSession } from './session';
import type { FirmwareSlots } from './slot';
import { readInstalledRecord, readUpdateRecord, type UpdateKv } from './state';
import type { TrustPolicy } from './trust-policy';
import { verifyEnvelope, type VerifiedEnvelope } from './verify';

/** What the update needs of the key store's monotonic values (firmware/keys MonotonicValues). */
export type SequenceStore = Pick<MonotonicValues, 'read' | 'advanceTo'>;

/** Name of the anti-rollback value in the key store's monotonic values. */
export const SEQUENCE_NAME = 'firmware.sequence';

export interface DeviceIdentity {
  readonly vendorId: Uint8Array;
  readonly classId: Uint8Array;
  readonly deviceId?: Uint8Array;
  /** The firmware component's identifier in manifests (default [h'00']). */
  readonly componentId?: readonly Uint8Array[];
}

export interface UpdateAgentDeps {
  readonly suite: CryptoSuite;
  readonly slots: FirmwareSlots;
  readonly kv: UpdateKv;
  readonly sequence: SequenceStore;
  readonly policy: TrustPolicy;
  readonly device: DeviceIdentity;
  readonly limits?: Partial<SuitLimits>;
}

export interface CheckedUpdate {
  readonly verified: VerifiedEnvelope;
  readonly plan: InstallPlan;
}

/** The installed sequence number, or undefined when nothing was ever installed (issue item 3). */
export function installedSequence(deps: Pick<UpdateAgentDeps, 'sequence' | 'kv'>): number | undefined {
  const counter = deps.sequence.read(SEQUENCE_NAME);
  if (counter === 0 && readInstalledRecord(deps.kv) === undefined) return undefined;
  return counter;
}

export class UpdateAgent {
  readonly #deps: UpdateAgentDeps;

  constructor(deps: UpdateAgentDeps) {
    if (deps.slots.count !== 2) throw new TinydidError('suit.unsupported', 'the update agent needs an A/B pair of slots');
    this.#deps = deps;
  }

  installedSequence(): number | undefined {
    return installedSequence(this.#deps);
  }

  /** The slot a new image goes to: the one not running. */
  targetSlot(): number {
    return this.#deps.slots.bootState().running === 0 ? 1 : 0;
  }

  /**
   * Verifies `envelope` for this device without touching any slot. Throws
   * `suit.bad-state` while an installed image waits for its test boot, and
   * every code of verifyEnvelope and planInstall.
   */
  check(envelope: Uint8Array): CheckedUpdate {
    const record = readUpdateRecord(this.#deps.kv);
    if (record !== undefined && record.phase !== 'downloading') throw new TinydidError('suit.bad-state', `an update is ${record.phase}; reboot first`);
    const { device } = this.#deps;
    const verified = verifyEnvelope(envelope, {
      suite: this.#deps.suite,
      policy: this.#deps.policy,
      device: { vendorId: device.vendorId, classId: device.classId, ...(device.deviceId !== undefined ? { deviceId: device.deviceId } : {}) },
      installedSequence: this.installedSequence(),
      ...(this.#deps.limits !== undefined ? { limits: this.#deps.limits } : {}),
    });
    const plan = planInstall(verified, { vendorId: device.vendorId, classId: device.classId, slot: this.targetSlot(), ...(device.componentId !== undefined ? { componentId: device.componentId } : {}) });
    return Object.freeze({ verified, plan });
  }

  /** check(), then erase the target slot and open a session for the image. */
  begin(envelope: Uint8Array): UpdateSession {
    return startSession(this.check(envelope).plan, this.#deps);
  }

  /** Installs an envelope that carries its image (integrated payload), in `chunkSize` writes. */
  installIntegrated(envelope: Uint8Array, chunkSize = 4096): InstallReport {
    const session = this.begin(envelope);
    const image = session.plan.integrated;
    if (image === undefined) {
      session.abort();
      throw new TinydidError('suit.payload-missing', 'the envelope does not carry the image');
    }
    for (let offset = 0; offset < image.length; offset += chunkSize) session.write(image.subarray(offset, Math.min(offset + chunkSize, image.length)));
    return session.finish();
  }
}
