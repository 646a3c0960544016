/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/physmem.h: the machine's physical address space -- which ranges are RAM,
 * the memory file behind them and the direct map over them. */
#ifndef UKMEM_MACHINE_PHYSMEM_H
#define UKMEM_MACHINE_PHYSMEM_H

#include <linux/types.h>

enum phys_range_type { PHYS_RAM, PHYS_RESERVED };

struct phys_range {
	phys_addr_t start, end;		/* [start, end) */
	enum phys_range_type type;
	const char *name;
};

#define MAX_PHYS_RANGES 8
extern struct phys_range phys_ranges[MAX_PHYS_RANGES];
extern int nr_phys_ranges;
extern unsigned long long physmem_ram_bytes;	/* mem= */
extern int physmem_fd;				/* the memory file; offset == phys */
extern int physmem_numa_nodes;			/* numa=fake= */

#define LEGACY_HOLE_START	0xA0000ULL
#define LEGACY_HOLE_END		0x100000ULL
#define PCI_HOLE_START		0xC0000000ULL	/* RAM above 3 GiB moves above 4 GiB */
#define PCI_HOLE_END		0x100000000ULL

bool phys_is_ram(phys_addr_t addr);
/* Gives [phys, phys+size) of RAM back to the host; it reads as zeros afterwards. */
void physmem_discard(phys_addr_t phys, size_t size);

#endif
