// SPDX-License-Identifier: LGPL-2.1-or-later
// The second object of the module: a static helper (named in call traces) and a
// formatter using the kernel's printf conversions.
#include <linux/kernel.h>
#include <linux/string.h>
#include "helper.h"

static int scale_once(int value)
{
	return value * HELPER_SCALE;
}

int twofile_scale(int value)
{
	return scale_once(value);
}

size_t twofile_describe(char *buf, size_t size, const void *ptr, u64 phys)
{
	phys_addr_t pa = phys;

	return scnprintf(buf, size, "buffer at phys %pa, %zu bytes", &pa, strlen(ptr));
}
