// $(BUILD)/devices/esp32/modules/ota: writes the next OTA app partition
// (esp_ota_get_next_update_partition) and makes it the boot partition.
declare module 'ota' {
  export default class OTA {
    /** esp_ota_begin on the next update partition (erases it). */
    constructor(options?: { byteLength?: number });
    write(data: ArrayBuffer | ArrayBufferView): void;
    /** esp_ota_end + esp_ota_set_boot_partition. */
    complete(): void;
    cancel(): void;
  }
}
