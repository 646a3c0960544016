// SPDX-License-Identifier: LGPL-2.1-or-later
/* machine/memmap.c: mem_map, one struct page per pfn up to the top of physical RAM,
 * reserved as lazily committed memory so that untouched pages cost nothing. */
#include <errno.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/export.h>
#include "host/host.h"
#include "machine/initcalls.h"
#include "machine/memmap.h"
#include "machine/physmem.h"

struct page *mem_map;
EXPORT_SYMBOL(mem_map);
unsigned long max_pfn;
static size_t mem_map_bytes;

/**
 * pfn_valid - whether a page frame number has a struct page
 * @pfn: the frame number
 *
 * Frames past the end of RAM and in the PCI hole below 4 GiB have none.
 *
 * Context: any context.
 * Return: true if pfn_to_page() may be used.
 */
bool pfn_valid(unsigned long pfn)
{
	if (pfn >= max_pfn)
		return false;
	/* The PCI hole below 4 GiB has no struct pages in use. */
	return !(pfn >= PHYS_PFN(PCI_HOLE_START) && pfn < PHYS_PFN(PCI_HOLE_END));
}
EXPORT_SYMBOL(pfn_valid);

static void init_one(struct page *page, int nid, int zid)
{
	memset(page, 0, sizeof(*page));
	page->flags = ((unsigned long)zid << ZONES_PGSHIFT) | ((unsigned long)nid << NODES_PGSHIFT);
	page->page_type = ~0u;		/* _mapcount == -1 */
	INIT_LIST_HEAD(&page->lru);
}

void memmap_init_range(unsigned long pfn, unsigned long nr, int nid, int zid)
{
	for (unsigned long i = 0; i < nr; i++)
		init_one(pfn_to_page(pfn + i), nid, zid);
}

void memmap_reserve_range(unsigned long pfn, unsigned long nr, int nid, int zid)
{
	for (unsigned long i = 0; i < nr; i++) {
		struct page *page = pfn_to_page(pfn + i);

		init_one(page, nid, zid);
		__SetPageReserved(page);
		set_page_count(page, 1);
	}
}

int memmap_init(void)
{
	max_pfn = PHYS_PFN(phys_ranges[nr_phys_ranges - 1].end);
	mem_map_bytes = max_pfn * sizeof(struct page);
	mem_map = host_alloc_lazy(mem_map_bytes);
	return mem_map ? 0 : -ENOMEM;
}

void memmap_exit(void)
{
	host_release(mem_map, mem_map_bytes);
	mem_map = NULL;
	max_pfn = 0;
}
