// The boot flow (issue item 5): pending -> test boot -> confirm (sequence
// committed) or revert. Runs early at every boot, before the application.
// The redo log in `update/state` makes every step safe to interrupt:
//   downloading / pending, not in a test boot -> the update was interrupted or
//     the boot loader reverted it: clear, the update restarts from the offer;
//   pending, in the test boot of that slot -> re-hash the slot (it must still
//     be the verified image), run the self-test, write `confirming`, confirm
//     the slot, commit the sequence (advanceTo), record the installed image;
//   confirming, running that slot -> a cut after confirm: finish the commit.
import { TinydidError } from '../errors/tinydid-error';
import type { ErrorCode } from '../errors/codes';
import type { CryptoSuite } from '../crypto/suite';
import { SEQUENCE_NAME, type SequenceStore } from './agent';
import { slotMatches } from './session';
import type { FirmwareSlots } from './slot';
import { STATE_KEY, readUpdateRecord, writeInstalledRecord, writeUpdateRecord, type UpdateKv, type UpdateRecord } from './state';

export interface BootDeps {
  readonly suite: CryptoSuite;
  readonly slots: FirmwareSlots;
  readonly kv: UpdateKv;
  readonly sequence: SequenceStore;
}

export type BootOutcome =
  /** No update in flight. */
  | { readonly kind: 'normal'; readonly slot: number }
  /** The new image passed its test boot; its sequence is committed. */
  | { readonly kind: 'confirmed'; readonly slot: number; readonly sequence: number }
  /** The test image was refused; the host must reboot into the confirmed slot. */
  | { readonly kind: 'reverted'; readonly slot: number; readonly reason: ErrorCode | 'self-test-failed' | 'unexpected-test-boot' }
  /** An interrupted or reverted update was cleared; it must be offered again. */
  | { readonly kind: 'restarted'; readonly slot: number; readonly phase: UpdateRecord['phase'] };

function commit(deps: BootDeps, record: UpdateRecord): BootOutcome {
  // Anti-rollback (issue item 3): committed when the image is confirmed, not
  // when it is downloaded. advanceTo is idempotent, so a redo is safe.
  deps.sequence.advanceTo(SEQUENCE_NAME, record.sequence);
  writeInstalledRecord(deps.kv, { slot: record.slot, sequence: record.sequence, digest: record.digest, size: record.size });
  deps.kv.delete(STATE_KEY);
  return Object.freeze({ kind: 'confirmed', slot: record.slot, sequence: record.sequence });
}

/**
 * Decides what this boot does about an update. `selfTest` is the
 * application's health check for a new image (true: keep it). Throws
 * `suit.bad-state` for a corrupt state record (after clearing it).
 */
export function runBootFlow(deps: BootDeps, selfTest: () => boolean): BootOutcome {
  const { running, testing } = deps.slots.bootState();
  let record: UpdateRecord | undefined;
  try {
    record = readUpdateRecord(deps.kv);
  } catch (error) {
    deps.kv.delete(STATE_KEY);
    if (testing) deps.slots.revert();
    throw error;
  }
  if (testing) {
    if (record === undefined || record.phase === 'downloading' || record.slot !== running) {
      deps.slots.revert();
      if (record !== undefined) deps.kv.delete(STATE_KEY);
      return Object.freeze({ kind: 'reverted', slot: running, reason: 'unexpected-test-boot' });
    }
    // Activation check: the slot must still hold the image verified before it was marked pending.
    if (!slotMatches(deps, running, record.size, record.digest)) {
      deps.slots.revert();
      deps.kv.delete(STATE_KEY);
      return Object.freeze({ kind: 'reverted', slot: running, reason: 'suit.slot-changed' });
    }
    if (!selfTest()) {
      deps.slots.revert();
      deps.kv.delete(STATE_KEY);
      return Object.freeze({ kind: 'reverted', slot: running, reason: 'self-test-failed' });
    }
    writeUpdateRecord(deps.kv, { ...record, phase: 'confirming' });
    deps.slots.confirm();
    return commit(deps, record);
  }
  if (record === undefined) return Object.freeze({ kind: 'normal', slot: running });
  if (record.phase === 'confirming' && record.slot === running) return commit(deps, record);
  deps.kv.delete(STATE_KEY);
  return Object.freeze({ kind: 'restarted', slot: running, phase: record.phase });
}

/** Throws `suit.slot-changed` unless `slot` holds `size` bytes hashing to `digest` (for hosts that check before jumping). */
export function checkSlot(deps: Pick<BootDeps, 'suite' | 'slots'>, slot: number, size: number, digest: Uint8Array): void {
  if (!slotMatches(deps, slot, size, digest)) throw new TinydidError('suit.slot-changed', `slot ${slot} does not hold the expected image`);
}
