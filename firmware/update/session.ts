// The streaming install (issue item 5): chunks of any size go to the inactive
// slot through the firmware-slot seam and into a running SHA-256 at the same
// time. More bytes than image-size abort at once; on finish the size and the
// digest are checked, the slot is read back and hashed again, and only then
// is the image marked pending for a test boot. Every state change is one
// atomic KV put (state.ts).
import { constantTimeEqual } from '../bytes/equal';
import type { CryptoSuite, Sha256Stream } from '../crypto/suite';
import { TinydidError } from '../errors/tinydid-error';
import type { InstallPlan } from './plan';
import type { FirmwareSlots } from './slot';
import { STATE_KEY, writeUpdateRecord, type UpdateKv } from './state';

/** Read-back chunk size: one flash sector. */
export const READ_BACK_CHUNK = 4096;

export interface SessionDeps {
  readonly suite: CryptoSuite;
  readonly slots: FirmwareSlots;
  readonly kv: UpdateKv;
}

export type SessionStatus = 'receiving' | 'complete' | 'pending' | 'aborted';

/** What finish() established. */
export interface InstallReport {
  readonly sequence: number;
  readonly slot: number;
  readonly size: number;
  readonly digest: Uint8Array;
  /** True: the slot was read back and hashed again before it was marked pending. */
  readonly readBack: boolean;
}

export class UpdateSession {
  readonly plan: InstallPlan;
  readonly #deps: SessionDeps;
  #hash: Sha256Stream;
  #received = 0;
  #status: SessionStatus = 'receiving';

  /** Use startSession(): it persists the state and erases the slot first. */
  constructor(plan: InstallPlan, deps: SessionDeps) {
    this.plan = plan;
    this.#deps = deps;
    this.#hash = deps.suite.sha256Stream();
  }

  get received(): number {
    return this.#received;
  }

  get status(): SessionStatus {
    return this.#status;
  }

  /** Bytes still expected. */
  get remaining(): number {
    return this.plan.size - this.#received;
  }

  #fail(error: TinydidError): never {
    this.abort();
    throw error;
  }

  #expect(status: SessionStatus, what: string): void {
    if (this.#status !== status) throw new TinydidError('suit.bad-state', `${what} while the session is ${this.#status}`);
  }

  /** Writes the next chunk (any size, in order). Throws `suit.image-too-long` (and aborts) past image-size. */
  write(chunk: Uint8Array): void {
    this.#expect('receiving', 'write');
    if (!(chunk instanceof Uint8Array)) throw new TinydidError('suit.bad-state', 'a chunk is a Uint8Array');
    if (chunk.length > this.plan.size - this.#received) {
      this.#fail(new TinydidError('suit.image-too-long', `${this.#received + chunk.length} bytes arrived; image-size is ${this.plan.size}`));
    }
    if (chunk.length === 0) return;
    this.#deps.slots.write(this.plan.slot, this.#received, chunk);
    this.#hash.update(chunk);
    this.#received += chunk.length;
  }

  /** Checks size and digest of what was streamed (section 8.4.9.2). Throws `suit.image-size` / `suit.image-digest` and aborts. */
  complete(): void {
    this.#expect('receiving', 'complete');
    if (this.#received !== this.plan.size) this.#fail(new TinydidError('suit.image-size', `${this.#received} bytes arrived; image-size is ${this.plan.size}`));
    if (!constantTimeEqual(this.#hash.digest(), this.plan.digest.bytes)) this.#fail(new TinydidError('suit.image-digest', 'the image does not match image-digest'));
    this.#status = 'complete';
  }

  /** Reads the slot back and hashes it again (a second pass by design). Throws `suit.slot-changed` and aborts. */
  readBack(): void {
    this.#expect('complete', 'readBack');
    if (!slotMatches(this.#deps, this.plan.slot, this.plan.size, this.plan.digest.bytes)) {
      this.#fail(new TinydidError('suit.slot-changed', 'the slot does not hold the image that was verified while streaming'));
    }
  }

  /** Persists `pending` and asks the boot loader for a test boot of the new slot. */
  activate(): InstallReport {
    this.#expect('complete', 'activate');
    const { plan } = this;
    writeUpdateRecord(this.#deps.kv, { phase: 'pending', slot: plan.slot, sequence: plan.sequenceNumber, digest: plan.digest.bytes, size: plan.size });
    this.#deps.slots.markPending(plan.slot);
    this.#status = 'pending';
    return Object.freeze({ sequence: plan.sequenceNumber, slot: plan.slot, size: plan.size, digest: plan.digest.bytes, readBack: true });
  }

  /** complete + readBack + activate. */
  finish(): InstallReport {
    this.complete();
    this.readBack();
    return this.activate();
  }

  /** Abandons the update: the slot is never booted, the state record goes. Idempotent. */
  abort(): void {
    if (this.#status === 'aborted' || this.#status === 'pending') return;
    this.#status = 'aborted';
    this.#deps.kv.delete(STATE_KEY);
  }
}

/** Reads `size` bytes of `slot` in sector-sized chunks and compares their SHA-256 with `digest`. */
export function slotMatches(deps: Pick<SessionDeps, 'suite' | 'slots'>, slot: number, size: number, digest: Uint8Array): boolean {
  const hash = deps.suite.sha256Stream();
  for (let offset = 0; offset < size; offset += READ_BACK_CHUNK) {
    hash.update(deps.slots.read(slot, offset, Math.min(READ_BACK_CHUNK, size - offset)));
  }
  return constantTimeEqual(hash.digest(), digest);
}

/**
 * Starts streaming `plan` into its slot: persists `downloading`, then erases
 * the slot. Throws `suit.slot-failed` when the image does not fit.
 */
export function startSession(plan: InstallPlan, deps: SessionDeps): UpdateSession {
  if (plan.size > deps.slots.capacity) throw new TinydidError('suit.slot-failed', `image of ${plan.size} bytes does not fit the ${deps.slots.capacity}-byte slot`);
  writeUpdateRecord(deps.kv, { phase: 'downloading', slot: plan.slot, sequence: plan.sequenceNumber, digest: plan.digest.bytes, size: plan.size });
  deps.slots.erase(plan.slot, plan.size);
  return new UpdateSession(plan, deps);
}
