/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/page_census.h: who owns each physical page, read from struct page state and the
 * vmalloc areas, for pictures of memory (tools/ukmem map) and their tests. A census is a
 * snapshot: it takes each zone's lock while walking that zone, so the buddy state it
 * shows is consistent per zone; slab and vmalloc pages are read as they are. */
#ifndef UKMEM_MM_PAGE_CENSUS_H
#define UKMEM_MM_PAGE_CENSUS_H

#include <stdint.h>
#include <linux/mmzone.h>

enum page_owner_class {
	PAGE_HOLE,		/* no RAM: the legacy hole, the PCI hole, no struct page */
	PAGE_RESERVED,		/* PG_reserved: firmware and boot pages */
	PAGE_FREE,		/* in a buddy free list (or deferred): see order */
	PAGE_PCP,		/* free, on a per-CPU list */
	PAGE_SLAB,		/* a slab: see cache */
	PAGE_COMPOUND,		/* a compound block that is no slab: kmalloc-large, __GFP_COMP */
	PAGE_VMALLOC,		/* behind a vmalloc area */
	PAGE_TABLE,		/* a kernel page-table page */
	PAGE_OTHER,		/* alloc_pages / __get_free_pages */
	NR_PAGE_OWNER_CLASSES
};

struct page_census_cell {
	uint8_t owner;		/* enum page_owner_class */
	uint8_t order;		/* PAGE_FREE: the free block's order */
	uint16_t cache;		/* PAGE_SLAB: index into cache_names */
};

#define PAGE_CENSUS_MAX_CACHES	512

struct page_census_zone {
	const char *name;
	int node;
	unsigned long start_pfn, end_pfn;
};

struct page_census {
	unsigned long nr_pfns;			/* pfns 0 .. nr_pfns - 1 */
	struct page_census_cell *cells;		/* one per pfn */
	unsigned long owner_pages[NR_PAGE_OWNER_CLASSES];
	unsigned long free_pages_by_order[MAX_ORDER];	/* pages (not blocks) */
	unsigned int nr_caches;
	char *cache_names[PAGE_CENSUS_MAX_CACHES];
	unsigned long cache_pages[PAGE_CENSUS_MAX_CACHES];
	unsigned int nr_zones;
	struct page_census_zone zones[MAX_NUMNODES * MAX_NR_ZONES];
};

/* Classifies every pfn of the running machine. 0 or -ENOMEM. */
int page_census_take(struct page_census *census);
void page_census_release(struct page_census *census);
const char *page_owner_class_name(enum page_owner_class owner);

#endif
