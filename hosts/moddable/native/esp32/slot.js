// Native part of the ESP32 firmware slot that the SDK's "ota" module does not
// cover: read back the update partition, the running image's OTA state, and
// the rollback decisions (ESP-IDF app_update: esp_ota_ops.h).

/** Copies `byteLength` bytes at `offset` of the next update partition into a new ArrayBuffer. */
export function readUpdate(offset, byteLength) @ "xs_tinydid_slot_read_update";
/** esp_ota_get_state_partition of the running partition: "new", "pending-verify", "valid", "invalid", "aborted" or "undefined". */
export function runningState() @ "xs_tinydid_slot_running_state";
/** esp_ota_mark_app_valid_cancel_rollback. */
export function markValid() @ "xs_tinydid_slot_mark_valid";
/** esp_ota_mark_app_invalid_rollback_and_reboot (does not return when a previous image exists). */
export function rollback() @ "xs_tinydid_slot_rollback";
