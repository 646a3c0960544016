/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/memmap.h: the struct page array. It spans every pfn below the top of RAM but
 * is committed lazily: a struct page is initialised when its block first enters the
 * allocator (zones.c for small edges at boot, page_alloc.c for deferred blocks). */
#ifndef UKMEM_MACHINE_MEMMAP_H
#define UKMEM_MACHINE_MEMMAP_H

#include <linux/mm.h>

/* Sets up nr struct pages from pfn for zone zid of node nid: free, refcount 0. */
void memmap_init_range(unsigned long pfn, unsigned long nr, int nid, int zid);
/* Marks a pfn range reserved (PG_reserved, refcount 1), as holes and firmware pages are. */
void memmap_reserve_range(unsigned long pfn, unsigned long nr, int nid, int zid);

#endif
