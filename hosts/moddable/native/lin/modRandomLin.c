/*
 * tinydid Random seam, Linux simulator: getrandom(2) from the kernel CSPRNG.
 * getrandom blocks only until the pool is initialised at boot, and returns at
 * most 32 MiB per call (man 2 getrandom); loop on short reads and EINTR.
 */
#include <errno.h>
#include <sys/random.h>

#include "xsmc.h"

void xs_tinydid_random_fill(xsMachine *the)
{
	void *data;
	xsUnsignedValue length;
	uint8_t *p;

	xsmcGetBufferWritable(xsArg(0), &data, &length);
	p = (uint8_t *)data;
	while (length > 0) {
		ssize_t n = getrandom(p, length, 0);
		if (n < 0) {
			if (EINTR == errno)
				continue;
			xsUnknownError("getrandom failed");
		}
		p += n;
		length -= (xsUnsignedValue)n;
	}
}
