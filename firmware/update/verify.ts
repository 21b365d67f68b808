// Verifying a SUIT envelope end to end, in the order the draft requires
// (draft-ietf-suit-manifest section 6.2 and 8.3): authenticity first, then
// the manifest, anti-rollback (section 8.4.2), severable members (section
// 8.6), and device binding through the shared sequence (section 8.4.9.1).
import type { CryptoSuite } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import { authenticate, type Authentication } from './authenticate';
import { splitEnvelope, type SuitEnvelopeParts } from './envelope';
import { newMachine, runSequence, type DeviceFacts, type MachineState } from './interpret';
import { DEFAULT_SUIT_LIMITS, type SuitLimits } from './limits';
import { parseManifest, type SuitManifest } from './manifest';
import { effectivePolicy, type TrustPolicy } from './trust-policy';

export interface VerifyOptions {
  suite: CryptoSuite;
  policy: TrustPolicy;
  /** This device's vendor-id and class-id (binding; class also picks the threshold). Unchecked when absent. */
  device?: DeviceFacts;
  /** The installed sequence number; undefined when nothing is installed (any sequence is accepted). */
  installedSequence?: number;
  /** Refuse a severed install / payload-fetch the envelope does not carry (default true). */
  requireInstall?: boolean;
  limits?: Partial<SuitLimits>;
}

/** A verified envelope and what was checked (DESIGN section 7 point 6). */
export interface VerifiedEnvelope {
  readonly parts: SuitEnvelopeParts;
  readonly manifest: SuitManifest;
  readonly authentication: Authentication;
  readonly sequenceNumber: number;
  readonly checked: Readonly<{ vendor: boolean; class: boolean; rollback: boolean }>;
  /** The machine state after the shared sequence (parameters per component). */
  readonly common: MachineState;
  readonly limits: SuitLimits;
}

/**
 * Verifies `bytes` as a SUIT envelope. Throws the codes of splitEnvelope,
 * authenticate and parseManifest, then `suit.rollback`,
 * `suit.severable-missing`, `suit.wrong-vendor`, `suit.wrong-class`.
 */
export function verifyEnvelope(bytes: Uint8Array, options: VerifyOptions): VerifiedEnvelope {
  const limits: SuitLimits = { ...DEFAULT_SUIT_LIMITS, ...options.limits };
  const parts = splitEnvelope(bytes, limits);
  const policy = effectivePolicy(options.policy, options.device?.classId);
  const authentication = authenticate(parts, policy, options.suite, limits);
  const manifest = parseManifest(parts, options.suite, limits);

  // section 8.4.2 and issue item 3: strictly greater than the installed one.
  const installed = options.installedSequence;
  if (installed !== undefined && manifest.sequenceNumber <= installed) {
    throw new TinydidError('suit.rollback', `sequence ${manifest.sequenceNumber} is not greater than the installed ${installed}`);
  }
  if (options.requireInstall !== false) {
    for (const [name, member] of [['install', manifest.install], ['payload-fetch', manifest.payloadFetch]] as const) {
      if (member.digest !== undefined && member.value === undefined) {
        throw new TinydidError('suit.severable-missing', `the ${name} sequence is severed and the envelope does not carry it`);
      }
    }
  }
  const device = options.device ?? {};
  const common = newMachine(manifest.components.length);
  runSequence(common, manifest.shared, device);
  // Issue item 4: a device only takes a manifest that names its vendor and
  // class; one that never checks them could be meant for any device.
  if (device.vendorId !== undefined && !common.checked.vendor) throw new TinydidError('suit.wrong-vendor', 'the manifest does not check vendor-identifier against this device');
  if (device.classId !== undefined && !common.checked.class) throw new TinydidError('suit.wrong-class', 'the manifest does not check class-identifier against this device');
  return Object.freeze({
    parts,
    manifest,
    authentication,
    sequenceNumber: manifest.sequenceNumber,
    checked: Object.freeze({ vendor: common.checked.vendor, class: common.checked.class, rollback: installed !== undefined }),
    common,
    limits,
  });
}
