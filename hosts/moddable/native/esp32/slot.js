// Native part of the ESP32 firmware slots (modSlotEsp32.c): one ESP-IDF
// app_update / esp_partition step per function. Slots are OTA indexes (0:
// ota_0, 1: ota_1). firmware-slot-esp32.ts keeps the seam's rules.

/** OTA index of the running app (esp_ota_get_running_partition). */
export function running() @ "xs_tinydid_slot_running";
/** OTA index the next boot runs (esp_ota_get_boot_partition), or -1 while otadata is blank. */
export function boot() @ "xs_tinydid_slot_boot";
/** True when the running app is ESP_OTA_IMG_PENDING_VERIFY (esp_ota_get_state_partition): a test boot. */
export function pendingVerify() @ "xs_tinydid_slot_pending_verify";
/** Bytes of ota_<slot>. */
export function size(slot) @ "xs_tinydid_slot_size";
/** esp_ota_begin(ota_<slot>, byteLength): erases byteLength bytes (whole sectors) and opens the one OTA handle (an open one is aborted first). */
export function begin(slot, byteLength) @ "xs_tinydid_slot_begin";
/** esp_ota_write of the next bytes on the open handle; a failure aborts the handle. */
export function write(data) @ "xs_tinydid_slot_write";
/** esp_ota_end (checks the image, frees the handle) + esp_ota_set_boot_partition: the written slot boots next, as a test boot. */
export function finish() @ "xs_tinydid_slot_finish";
/** esp_ota_abort of the open handle, if any. */
export function abort() @ "xs_tinydid_slot_abort";
/** esp_partition_read of `length` bytes at `offset` of ota_<slot>, into a new ArrayBuffer. */
export function read(slot, offset, length) @ "xs_tinydid_slot_read";
/** esp_ota_set_boot_partition(ota_<slot>). */
export function setBoot(slot) @ "xs_tinydid_slot_set_boot";
/** esp_ota_mark_app_valid_cancel_rollback: the active otadata entry becomes valid. */
export function markValid() @ "xs_tinydid_slot_mark_valid";
/** esp_ota_mark_app_invalid_rollback_and_reboot (esp_restart when no previous entry exists): does not return. */
export function rollback() @ "xs_tinydid_slot_rollback";
