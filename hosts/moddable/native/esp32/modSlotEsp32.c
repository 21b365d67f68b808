/*
 * tinydid firmware slots, ESP32: the two OTA app partitions (ota_0, ota_1:
 * mcconfig's ota autosplit) through the ESP-IDF 5.x app_update API
 * (esp_ota_ops.h) and esp_partition.h. The seam's rules (never the running
 * slot, sequential offsets, confirm only in a test boot) are kept by
 * hosts/moddable/firmware-slot-esp32.ts; each function here is one ESP-IDF
 * step with its esp_err_t checked. At most one OTA handle is open, held here;
 * every failure after esp_ota_begin ends it (esp_ota_abort / esp_ota_end).
 * App rollback needs CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE
 * (manifests/esp32/sdkconfig.defaults).
 */
#include "esp_err.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"
#include "esp_system.h"

#include "xsmc.h"

#define kSlotCount 2

static esp_ota_handle_t gHandle;
static const esp_partition_t *gHandlePartition;		/* NULL: no OTA handle open */

static const esp_partition_t *slotPartition(xsMachine *the, xsSlot *arg)
{
	int slot = xsmcToInteger(*arg);
	const esp_partition_t *partition;

	if ((slot < 0) || (slot >= kSlotCount))
		xsRangeError("no slot %d (ota_0 and ota_1 only)", slot);
	partition = esp_partition_find_first(ESP_PARTITION_TYPE_APP, ESP_PARTITION_SUBTYPE_APP_OTA_MIN + slot, NULL);
	if (NULL == partition)
		xsUnknownError("no ota_%d partition (the ota autosplit is missing)", slot);
	return partition;
}

/* OTA index of an app partition, or -1 (factory, test, not an app). */
static int slotIndex(const esp_partition_t *partition)
{
	if ((NULL == partition) || (ESP_PARTITION_TYPE_APP != partition->type))
		return -1;
	if ((partition->subtype < ESP_PARTITION_SUBTYPE_APP_OTA_MIN) || (partition->subtype >= ESP_PARTITION_SUBTYPE_APP_OTA_MIN + kSlotCount))
		return -1;
	return partition->subtype - ESP_PARTITION_SUBTYPE_APP_OTA_MIN;
}

static void abortHandle(void)
{
	if (NULL != gHandlePartition) {
		esp_ota_abort(gHandle);		/* frees the handle; nothing to report */
		gHandlePartition = NULL;
	}
}

void xs_tinydid_slot_running(xsMachine *the)
{
	int slot = slotIndex(esp_ota_get_running_partition());

	if (slot < 0)
		xsUnknownError("the running app is not in ota_0 or ota_1");
	xsmcSetInteger(xsResult, slot);
}

void xs_tinydid_slot_boot(xsMachine *the)
{
	/* NULL when otadata is blank (the boot loader then runs ota_0): -1 */
	xsmcSetInteger(xsResult, slotIndex(esp_ota_get_boot_partition()));
}

void xs_tinydid_slot_pending_verify(xsMachine *the)
{
	esp_ota_img_states_t state;
	esp_err_t err = esp_ota_get_state_partition(esp_ota_get_running_partition(), &state);

	if (ESP_ERR_NOT_FOUND == err) {		/* no otadata entry for the running app: not a test boot */
		xsmcSetBoolean(xsResult, 0);
		return;
	}
	if (ESP_OK != err)
		xsUnknownError("esp_ota_get_state_partition: %s", esp_err_to_name(err));
	xsmcSetBoolean(xsResult, ESP_OTA_IMG_PENDING_VERIFY == state);
}

void xs_tinydid_slot_size(xsMachine *the)
{
	xsmcSetInteger(xsResult, slotPartition(the, &xsArg(0))->size);
}

void xs_tinydid_slot_begin(xsMachine *the)
{
	const esp_partition_t *partition = slotPartition(the, &xsArg(0));
	int size = xsmcToInteger(xsArg(1));
	esp_err_t err;

	/* 0 would erase the whole partition, and the two largest values are OTA_WITH_SEQUENTIAL_WRITES / OTA_SIZE_UNKNOWN */
	if ((size <= 0) || ((uint32_t)size > partition->size))
		xsRangeError("erase of %d bytes outside the %u-byte partition", size, (unsigned)partition->size);
	abortHandle();
	/* Refuses the running partition (ESP_ERR_OTA_PARTITION_CONFLICT) and a pending-verify app (ESP_ERR_OTA_ROLLBACK_INVALID_STATE). */
	err = esp_ota_begin(partition, (size_t)size, &gHandle);
	if (ESP_OK != err)
		xsUnknownError("esp_ota_begin: %s", esp_err_to_name(err));
	gHandlePartition = partition;
}

void xs_tinydid_slot_write(xsMachine *the)
{
	void *data;
	xsUnsignedValue size;
	esp_err_t err;

	if (NULL == gHandlePartition)
		xsUnknownError("write without esp_ota_begin");
	xsmcGetBufferReadable(xsArg(0), &data, &size);
	err = esp_ota_write(gHandle, data, size);
	if (ESP_OK != err) {
		abortHandle();		/* a failed write leaves the slot unusable until the next begin */
		xsUnknownError("esp_ota_write: %s", esp_err_to_name(err));
	}
}

void xs_tinydid_slot_finish(xsMachine *the)
{
	const esp_partition_t *partition = gHandlePartition;
	esp_err_t err;

	if (NULL == partition)
		xsUnknownError("finish without esp_ota_begin");
	gHandlePartition = NULL;	/* esp_ota_end frees the handle, also when it fails */
	err = esp_ota_end(gHandle);
	if (ESP_OK != err)
		xsUnknownError("esp_ota_end: %s", esp_err_to_name(err));
	err = esp_ota_set_boot_partition(partition);
	if (ESP_OK != err)
		xsUnknownError("esp_ota_set_boot_partition: %s", esp_err_to_name(err));
}

void xs_tinydid_slot_abort(xsMachine *the)
{
	abortHandle();
}

void xs_tinydid_slot_read(xsMachine *the)
{
	const esp_partition_t *partition = slotPartition(the, &xsArg(0));
	int offset = xsmcToInteger(xsArg(1));
	int length = xsmcToInteger(xsArg(2));
	esp_err_t err;

	if ((offset < 0) || (length < 0) || ((uint32_t)offset + (uint32_t)length > partition->size))
		xsRangeError("read of %d bytes at %d outside the %u-byte partition", length, offset, (unsigned)partition->size);
	xsmcSetArrayBuffer(xsResult, NULL, length);
	err = esp_partition_read(partition, offset, xsmcToArrayBuffer(xsResult), length);
	if (ESP_OK != err)
		xsUnknownError("esp_partition_read: %s", esp_err_to_name(err));
}

void xs_tinydid_slot_set_boot(xsMachine *the)
{
	esp_err_t err = esp_ota_set_boot_partition(slotPartition(the, &xsArg(0)));

	if (ESP_OK != err)
		xsUnknownError("esp_ota_set_boot_partition: %s", esp_err_to_name(err));
}

void xs_tinydid_slot_mark_valid(xsMachine *the)
{
	esp_err_t err = esp_ota_mark_app_valid_cancel_rollback();

	if (ESP_OK != err)
		xsUnknownError("esp_ota_mark_app_valid_cancel_rollback: %s", esp_err_to_name(err));
}

void xs_tinydid_slot_rollback(xsMachine *the)
{
	/* Marks the running app invalid and restarts into the previous one; returns only on failure. */
	esp_err_t err = esp_ota_mark_app_invalid_rollback_and_reboot();

	/*
	 * No otadata entry for a previous app (the first update after flashing,
	 * when otadata was blank): restart anyway. The boot loader marks the
	 * unconfirmed pending-verify app aborted and boots the other one.
	 */
	if (ESP_ERR_OTA_ROLLBACK_FAILED == err)
		esp_restart();
	xsUnknownError("esp_ota_mark_app_invalid_rollback_and_reboot: %s", esp_err_to_name(err));
}
