// SPDX-License-Identifier: LGPL-2.1-or-later
/* machine/physmem.c: RAM as one memory file, sparse until touched, mapped once as the
 * direct map at page_offset_base (file offset == physical address). The layout is a
 * PC's: page 0 and the legacy hole 0xA0000-0xFFFFF are reserved, RAM beyond 3 GiB is
 * moved above 4 GiB to leave room for device windows. Parameters: mem=, numa=fake=. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/export.h>
#include <asm/page.h>
#include "host/host.h"
#include "machine/setup.h"
#include "machine/initcalls.h"
#include "machine/kaslr.h"
#include "machine/physmem.h"
#include "machine/fork.h"


unsigned long page_offset_base;
EXPORT_SYMBOL(page_offset_base);
unsigned long direct_map_size;
EXPORT_SYMBOL(direct_map_size);
struct phys_range phys_ranges[MAX_PHYS_RANGES];
int nr_phys_ranges;
unsigned long long physmem_ram_bytes;
int physmem_fd = -1;
int physmem_numa_nodes;

static int set_mem(const char *v)
{
	char *end;
	unsigned long long bytes = memparse(v, &end);

	if (*end || bytes < 16ULL << 20 || bytes > 1ULL << 46)
		return -EINVAL;
	physmem_ram_bytes = bytes & ~(unsigned long long)((PAGE_SIZE << (11 - 1)) - 1);
	return 0;
}
UKMEM_SETUP("mem=", set_mem, "256M");

static int set_numa(const char *v)
{
	if (!strncmp(v, "fake=", 5)) {
		int n = atoi(v + 5);

		if (n < 1 || n > 8)
			return -EINVAL;
		physmem_numa_nodes = n;
		return 0;
	}
	if (strcmp(v, "off"))
		return -EINVAL;
	physmem_numa_nodes = 1;
	return 0;
}
UKMEM_SETUP("numa=", set_numa, "off");

static void add_range(phys_addr_t start, phys_addr_t end, enum phys_range_type type,
		      const char *name)
{
	phys_ranges[nr_phys_ranges++] = (struct phys_range){ start, end, type, name };
}

static void build_layout(void)
{
	unsigned long long ram = physmem_ram_bytes;
	unsigned long long low = ram > PCI_HOLE_START ? PCI_HOLE_START : ram;

	nr_phys_ranges = 0;
	add_range(0, PAGE_SIZE, PHYS_RESERVED, "Reserved");
	add_range(PAGE_SIZE, LEGACY_HOLE_START, PHYS_RAM, "System RAM");
	add_range(LEGACY_HOLE_START, LEGACY_HOLE_END, PHYS_RESERVED, "Reserved");
	add_range(LEGACY_HOLE_END, low, PHYS_RAM, "System RAM");
	if (ram > low)
		add_range(PCI_HOLE_END, PCI_HOLE_END + (ram - low), PHYS_RAM, "System RAM");
}

bool phys_is_ram(phys_addr_t addr)
{
	for (int i = 0; i < nr_phys_ranges; i++)
		if (phys_ranges[i].type == PHYS_RAM && addr >= phys_ranges[i].start &&
		    addr < phys_ranges[i].end)
			return true;
	return false;
}

void physmem_discard(phys_addr_t phys, size_t size)
{
	host_punch_hole(physmem_fd, (off_t)phys, size);
}

size_t ukmem_host_resident_bytes(void)
{
	return physmem_fd >= 0 ? host_file_resident(physmem_fd) : 0;
}

int physmem_init(void)
{
	phys_addr_t top, low_top;
	void *base;
	int fd, err;

	build_layout();
	top = phys_ranges[nr_phys_ranges - 1].end;
	fd = host_memfd_create("ukmem-physmem", top);
	if (fd < 0)
		return fd;
	base = kaslr_reserve("the direct map", DIRECT_MAP_WINDOW_START,
			     DIRECT_MAP_WINDOW_END, top);
	if (!base) {
		host_close(fd);
		return -ENOMEM;
	}
	/* Below 4 GiB one mapping covers RAM and the reserved pages between; above, one
	 * mapping for the moved RAM. The PCI hole stays an unmapped reservation. */
	low_top = top > PCI_HOLE_END ? PCI_HOLE_START : top;
	err = host_map_file(base, fd, 0, low_top, false);
	if (!err && top > PCI_HOLE_END)
		err = host_map_file((char *)base + PCI_HOLE_END, fd, PCI_HOLE_END,
				    top - PCI_HOLE_END, false);
	if (err) {
		host_release(base, top);
		host_close(fd);
		return err;
	}
	physmem_fd = fd;
	page_offset_base = (unsigned long)base;
	direct_map_size = top;
	pr_info("ukmem: %llu MiB of RAM, direct map at 0x%lx\n", physmem_ram_bytes >> 20,
		page_offset_base);
	return 0;
}

void physmem_exit(void)
{
	host_release((void *)page_offset_base, direct_map_size);
	host_close(physmem_fd);
	physmem_fd = -1;
	page_offset_base = 0;
	direct_map_size = 0;
}

/* ---- fork (machine/fork.c) ---- */

static int fork_copy_fd = -1;

int physmem_fork_prepare(void)
{
	fork_copy_fd = host_memfd_clone(physmem_fd, "ukmem-physmem");
	return fork_copy_fd < 0 ? fork_copy_fd : 0;
}

void physmem_fork_parent(void)
{
	host_close(fork_copy_fd);
	fork_copy_fd = -1;
}

int physmem_fork_child(void)
{
	int err = host_memfd_rebind(physmem_fd, fork_copy_fd);

	host_close(fork_copy_fd);
	fork_copy_fd = -1;
	return err;
}
