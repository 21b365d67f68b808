/**
 * The firmware-slot seam (DESIGN section 3): the A/B image slots and the boot
 * loader's test-boot protocol, as a host implements them (ESP32: the OTA
 * partitions and esp_ota_* with rollback enabled; MCUboot: the secondary slot
 * with test/confirm; the simulator: memory-slot.ts). All operations are
 * synchronous; a failure throws (TinydidError `suit.slot-failed`, or the
 * host's own error). After a power cut, a slot's content is undefined unless
 * it was fully written, and markPending / confirm / revert either happened or
 * did not.
 *
 * On ESP-IDF the slots are the two OTA app partitions: `running` is the index
 * of esp_ota_get_running_partition, the other index is
 * esp_ota_get_next_update_partition (erase = esp_ota_begin, write =
 * esp_ota_write, read = esp_partition_read, markPending =
 * esp_ota_end + esp_ota_set_boot_partition, confirm =
 * esp_ota_mark_app_valid_cancel_rollback, revert =
 * esp_ota_mark_app_invalid_rollback_and_reboot or, before the reboot, setting
 * the boot partition back); `testing` is ESP_OTA_IMG_PENDING_VERIFY.
 */
export interface FirmwareSlots {
  /** Number of image slots (2 for A/B). */
  readonly count: number;
  /** Bytes one slot can hold. */
  readonly capacity: number;
  /** The slot this boot runs, and whether this is the one test boot of a pending image. */
  bootState(): BootState;
  /** Erases at least the first `size` bytes of `slot` (never the running slot). */
  erase(slot: number, size: number): void;
  /**
   * Writes `data` at `offset`. Writes are sequential (offset = bytes written
   * since the erase, as esp_ota_write and MCUboot's flash writers expect) and
   * stay inside the erased range.
   */
  write(slot: number, offset: number, data: Uint8Array): void;
  /** Reads back `length` bytes at `offset`. */
  read(slot: number, offset: number, length: number): Uint8Array;
  /** Asks the boot loader to boot `slot` once, on the next boot (a test boot). */
  markPending(slot: number): void;
  /** During a test boot: makes the running slot the permanent one. */
  confirm(): void;
  /** During a test boot, or with an image pending: abandons it; the next boot runs the confirmed slot. */
  revert(): void;
}

export interface BootState {
  readonly running: number;
  readonly testing: boolean;
}
