/*
 * tinydid Random seam, nRF52: the RNG peripheral (nRF52840 Product
 * Specification, section 6.19 RNG), with bias correction.
 * Moddable's nRF52 runtime runs the S140 SoftDevice, which owns the RNG
 * peripheral while it is enabled: then the bytes come from its pool through
 * sd_rand_application_vector_get (S140 SoftDevice Specification, "Random number
 * generator"), waiting for the pool to refill. Before the SoftDevice is enabled
 * the peripheral is read directly.
 */
#include "nrf.h"
#include "nrf_sdh.h"
#include "nrf_soc.h"

#include "xsmc.h"
#include "xsHost.h"

#define kRandomPoolWaitLimit (100000)

static uint8_t randomByteFromPeripheral(void)
{
	uint8_t value;
	NRF_RNG->EVENTS_VALRDY = 0;
	NRF_RNG->TASKS_START = 1;
	while (0 == NRF_RNG->EVENTS_VALRDY)
		;
	value = (uint8_t)NRF_RNG->VALUE;
	NRF_RNG->TASKS_STOP = 1;
	return value;
}

void xs_tinydid_random_fill(xsMachine *the)
{
	void *data;
	xsUnsignedValue length;
	uint8_t *p;

	xsmcGetBufferWritable(xsArg(0), &data, &length);
	p = (uint8_t *)data;

	if (!nrf_sdh_is_enabled()) {
		NRF_RNG->CONFIG = RNG_CONFIG_DERCEN_Enabled << RNG_CONFIG_DERCEN_Pos;
		while (length--)
			*p++ = randomByteFromPeripheral();
		return;
	}

	while (length > 0) {
		uint8_t available = 0;
		int wait = kRandomPoolWaitLimit;
		for (;;) {
			if (NRF_SUCCESS != sd_rand_application_bytes_available_get(&available))
				xsUnknownError("sd_rand_application_bytes_available_get failed");
			if (available)
				break;
			if (0 == --wait)
				xsUnknownError("random pool empty");
		}
		if (available > length)
			available = (uint8_t)length;
		if (NRF_SUCCESS != sd_rand_application_vector_get(p, available))
			xsUnknownError("sd_rand_application_vector_get failed");
		p += available;
		length -= available;
	}
}
