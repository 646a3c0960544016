// SPDX-License-Identifier: LGPL-2.1-or-later
/* io/pc_resources.c: the resources Linux 6.1 registers for every x86 PC whatever its
 * devices, so that /proc/ioports and /proc/iomem name them as on a PC: the standard I/O
 * ranges of arch/x86's setup (dma1, pic1, timer0, timer1, the two keyboard ports, dma
 * page reg, pic2, dma2, fpu), the BIOS's System ROM (0xf0000-0xfffff, inside the legacy
 * hole's Reserved range) and the interrupt controllers' registers (IOAPIC 0 at
 * 0xfec00000, Local APIC at 0xfee00000). All are busy: no driver may request them.
 * Registered at boot after the machine's memory and before any device, so the PCI
 * root bus's windows, inserted later, take them as children, as in Linux.
 * Invariant: the descriptors are static and linked only while a machine is up (the
 * trees are emptied at shutdown). */
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include "io/internal.h"

#define PC_PORTS(s, e, n)	{ .name = n, .start = s, .end = e, \
				  .flags = IORESOURCE_BUSY | IORESOURCE_IO }

static struct resource standard_io_resources[] = {
	PC_PORTS(0x00, 0x1f, "dma1"),
	PC_PORTS(0x20, 0x21, "pic1"),
	PC_PORTS(0x40, 0x43, "timer0"),
	PC_PORTS(0x50, 0x53, "timer1"),
	PC_PORTS(0x60, 0x60, "keyboard"),
	PC_PORTS(0x64, 0x64, "keyboard"),
	PC_PORTS(0x80, 0x8f, "dma page reg"),
	PC_PORTS(0xa0, 0xa1, "pic2"),
	PC_PORTS(0xc0, 0xdf, "dma2"),
	PC_PORTS(0xf0, 0xff, "fpu"),
};

static struct resource pc_memory_resources[] = {
	{ .name = "System ROM", .start = 0xf0000, .end = 0xfffff,
	  .flags = IORESOURCE_BUSY | IORESOURCE_READONLY | IORESOURCE_MEM },
	{ .name = "IOAPIC 0", .start = 0xfec00000, .end = 0xfec003ff,
	  .flags = IORESOURCE_BUSY | IORESOURCE_MEM },
	{ .name = "Local APIC", .start = 0xfee00000, .end = 0xfee00fff,
	  .flags = IORESOURCE_BUSY | IORESOURCE_MEM },
};

/* Inserts each of n resources into root, taking what lies inside them as children
 * (the System ROM goes inside the legacy hole's Reserved range). */
static void insert_all(struct resource *root, struct resource *res, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		res[i].parent = res[i].sibling = res[i].child = NULL;
		if (insert_resource(root, &res[i]))
			pr_err("resource: cannot register %s\n", res[i].name);
	}
}

void pc_resources_register(void)
{
	insert_all(&ioport_resource, standard_io_resources, ARRAY_SIZE(standard_io_resources));
	insert_all(&iomem_resource, pc_memory_resources, ARRAY_SIZE(pc_memory_resources));
}

bool pc_resource_is(const struct resource *root, unsigned long start, unsigned long size,
		    const char *name)
{
	const struct resource *table = root == &ioport_resource ? standard_io_resources :
				       pc_memory_resources;
	size_t n = root == &ioport_resource ? ARRAY_SIZE(standard_io_resources) :
		   ARRAY_SIZE(pc_memory_resources);

	for (size_t i = 0; i < n; i++)
		if (table[i].start == start && table[i].end == start + size - 1 &&
		    !strcmp(table[i].name, name) && table[i].parent)
			return true;
	return false;
}
