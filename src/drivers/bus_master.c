// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/bus_master.c: device models' accesses to memory as bus masters (see
 * bus_master.h). A range is checked whole before anything is copied, so a refused
 * transfer leaves memory as it was. */
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include "drivers/bus_master.h"
#include "io/mmio.h"
#include "machine/physmem.h"

/* Host address of [phys, phys + len) if it lies in one piece of RAM or device memory. */
static void *bus_to_host(uint64_t phys, size_t len)
{
	struct mmio_window *w;

	if (phys_is_ram(phys) && phys_is_ram(phys + len - 1))
		return __va(phys);
	w = mmio_window_find(phys);
	if (w && mmio_window_is_memory(w) && phys + len <= w->end)
		return (char *)w->memory + (phys - w->start);
	return NULL;
}

static size_t to_page_end(uint64_t phys, size_t left)
{
	size_t room = PAGE_SIZE - (phys & ~PAGE_MASK);

	return left < room ? left : room;
}

bool bus_master_reachable(uint64_t phys, size_t len)
{
	if (!len || phys + len < phys)
		return false;
	for (uint64_t p = phys; p < phys + len; p = (p & PAGE_MASK) + PAGE_SIZE)
		if (!bus_to_host(p, to_page_end(p, phys + len - p)))
			return false;
	return true;
}

bool bus_master_copy(uint64_t dst, uint64_t src, size_t len)
{
	if (!len)
		return true;
	if (!bus_master_reachable(src, len) || !bus_master_reachable(dst, len))
		return false;
	while (len) {
		size_t n = to_page_end(dst, len);

		n = to_page_end(src, n);
		memmove(bus_to_host(dst, n), bus_to_host(src, n), n);
		dst += n;
		src += n;
		len -= n;
	}
	return true;
}

bool bus_master_read(uint64_t src, void *buf, size_t len)
{
	if (!len)
		return true;
	if (!bus_master_reachable(src, len))
		return false;
	for (size_t n; len; src += n, buf = (char *)buf + n, len -= n) {
		n = to_page_end(src, len);
		memcpy(buf, bus_to_host(src, n), n);
	}
	return true;
}

bool bus_master_write(uint64_t dst, const void *buf, size_t len)
{
	if (!len)
		return true;
	if (!bus_master_reachable(dst, len))
		return false;
	for (size_t n; len; dst += n, buf = (const char *)buf + n, len -= n) {
		n = to_page_end(dst, len);
		memcpy(bus_to_host(dst, n), buf, n);
	}
	return true;
}
