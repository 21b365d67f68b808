/*
 * tinydid Random seam, ESP32: esp_fill_random() (ESP-IDF esp_random.h).
 * The output is a true random number source only while the RF subsystem
 * (Wi-Fi or Bluetooth) is enabled, or after bootloader_random_enable();
 * otherwise it is a pseudo-random stream (ESP-IDF "Random Number Generation"
 * docs). The device host therefore starts BLE before it generates keys
 * (hosts/moddable/README.md).
 */
#include "esp_random.h"

#include "xsmc.h"

void xs_tinydid_random_fill(xsMachine *the)
{
	void *data;
	xsUnsignedValue length;

	xsmcGetBufferWritable(xsArg(0), &data, &length);
	esp_fill_random(data, length);
}
