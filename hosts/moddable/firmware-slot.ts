/**
 * The firmware slot seam (DESIGN section 3) as the device host offers it:
 * erase, write a chunk, read back, mark pending (boot it next, on probation),
 * confirm (the running image is good) and revert (go back to the previous
 * image). The SUIT processor (firmware/update) drives it; this interface moves
 * to firmware/update when that defines one.
 */
export type SlotState = 'new' | 'pending-verify' | 'valid' | 'invalid' | 'aborted' | 'undefined';

export interface FirmwareSlot {
  /** Bytes the slot can hold. */
  readonly capacity: number;
  /** Prepares (erases) the slot for an image of `byteLength` bytes. */
  erase(byteLength: number): void;
  /** Appends the next chunk of the image. */
  write(chunk: Uint8Array): void;
  /** Bytes of the written image, for the digest check before marking it pending. */
  readBack(offset: number, byteLength: number): Uint8Array;
  /** Makes the written image the one to boot next, on probation. */
  markPending(): void;
  /** State of the running image. */
  runningState(): SlotState;
  /** The running image passed its self-test: keep it. */
  confirm(): void;
  /** Abandons the running image for the previous one (reboots). */
  revert(): void;
}
