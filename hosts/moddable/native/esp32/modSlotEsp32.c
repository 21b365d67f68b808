/*
 * tinydid firmware slot, ESP32: what the SDK's ota module (esp_ota_begin /
 * write / end / set_boot_partition) leaves out. ESP-IDF app_update API,
 * esp_ota_ops.h; rollback needs CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE
 * (manifests/esp32/sdkconfig.defaults).
 */
#include "esp_ota_ops.h"
#include "esp_partition.h"

#include "xsmc.h"

void xs_tinydid_slot_read_update(xsMachine *the)
{
	const esp_partition_t *partition = esp_ota_get_next_update_partition(NULL);
	int offset = xsmcToInteger(xsArg(0));
	int length = xsmcToInteger(xsArg(1));

	if (NULL == partition)
		xsUnknownError("no update partition");
	if ((offset < 0) || (length < 0) || ((uint32_t)offset + (uint32_t)length > partition->size))
		xsRangeError("outside the update partition");
	xsmcSetArrayBuffer(xsResult, NULL, length);
	if (ESP_OK != esp_partition_read(partition, offset, xsmcToArrayBuffer(xsResult), length))
		xsUnknownError("esp_partition_read failed");
}

void xs_tinydid_slot_running_state(xsMachine *the)
{
	esp_ota_img_states_t state;
	const char *name = "undefined";

	if (ESP_OK == esp_ota_get_state_partition(esp_ota_get_running_partition(), &state)) {
		switch (state) {
			case ESP_OTA_IMG_NEW: name = "new"; break;
			case ESP_OTA_IMG_PENDING_VERIFY: name = "pending-verify"; break;
			case ESP_OTA_IMG_VALID: name = "valid"; break;
			case ESP_OTA_IMG_INVALID: name = "invalid"; break;
			case ESP_OTA_IMG_ABORTED: name = "aborted"; break;
			default: break;
		}
	}
	xsmcSetString(xsResult, (char *)name);
}

void xs_tinydid_slot_mark_valid(xsMachine *the)
{
	if (ESP_OK != esp_ota_mark_app_valid_cancel_rollback())
		xsUnknownError("esp_ota_mark_app_valid_cancel_rollback failed");
}

void xs_tinydid_slot_rollback(xsMachine *the)
{
	/* Reboots into the previous valid image; returns only when there is none. */
	esp_err_t err = esp_ota_mark_app_invalid_rollback_and_reboot();
	xsUnknownError(ESP_FAIL == err ? "no previous image to roll back to" : "rollback failed");
}
