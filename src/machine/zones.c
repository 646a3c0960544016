// SPDX-License-Identifier: LGPL-2.1-or-later
/* machine/zones.c: nodes and zones. RAM is split evenly into numa=fake nodes (on
 * max-order boundaries); each node's RAM is cut into ZONE_DMA (< 16 MiB), ZONE_DMA32
 * (< 4 GiB) and ZONE_NORMAL. Watermarks, lowmem reserves and per-CPU list sizes follow
 * Linux 6.1's formulas (min_free_kbytes = sqrt(16 * lowmem kB), scale factor 10). */
#include <errno.h>
#include <linux/int_sqrt.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/export.h>
#include "host/host.h"
#include "machine/initcalls.h"
#include "machine/memmap.h"
#include "machine/physmem.h"

struct pglist_data *node_data[MAX_NUMNODES];
EXPORT_SYMBOL(node_data);
int nr_online_nodes;
EXPORT_SYMBOL(nr_online_nodes);
unsigned long totalram_pages_count;
EXPORT_SYMBOL(totalram_pages_count);
int min_free_kbytes;
static pg_data_t node_storage[MAX_NUMNODES];

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal", "Movable", "Device" };
static const unsigned long zone_limit_pfn[MAX_NR_ZONES] = {
	[ZONE_DMA] = 0x1000, [ZONE_DMA32] = 0x100000, [ZONE_NORMAL] = ~0UL,
};
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 256, 32, 0, 0 };

/* RAM pages in [start, end). */
static unsigned long ram_pages_in(unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	for (int i = 0; i < nr_phys_ranges; i++) {
		unsigned long lo = PHYS_PFN(phys_ranges[i].start), hi = PHYS_PFN(phys_ranges[i].end);

		if (phys_ranges[i].type != PHYS_RAM)
			continue;
		lo = max(lo, start);
		hi = min(hi, end);
		if (hi > lo)
			n += hi - lo;
	}
	return n;
}

/* The pfn at which `pages` RAM pages have been passed, walking up from 0. */
static unsigned long pfn_after_ram(unsigned long pages)
{
	for (int i = 0; i < nr_phys_ranges; i++) {
		unsigned long lo = PHYS_PFN(phys_ranges[i].start), hi = PHYS_PFN(phys_ranges[i].end);

		if (phys_ranges[i].type != PHYS_RAM)
			continue;
		if (pages <= hi - lo)
			return lo + pages;
		pages -= hi - lo;
	}
	return max_pfn;
}

static unsigned long first_ram_pfn_in(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++)
		if (phys_is_ram(PFN_PHYS(pfn)))
			return pfn;
	return end;
}

static void setup_zone(pg_data_t *pgdat, int zid, unsigned long start, unsigned long end)
{
	struct zone *zone = &pgdat->node_zones[zid];
	unsigned long nr_blocks;

	zone->node = pgdat->node_id;
	zone->zone_pgdat = pgdat;
	zone->name = zone_names[zid];
	raw_spin_lock_init(&zone->lock);
	for (int o = 0; o < MAX_ORDER; o++)
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[t]);
	if (end <= start)
		return;
	zone->present_pages = ram_pages_in(start, end);
	if (!zone->present_pages)
		return;
	/* A zone spans from its first RAM page, as in the kernel (pfn 0 is reserved). */
	start = first_ram_pfn_in(start, end);
	zone->zone_start_pfn = start;
	zone->spanned_pages = end - start;
	zone->managed_pages.counter = (long)zone->present_pages;
	/* Every pageblock starts movable, as the kernel's memmap_init marks them. */
	nr_blocks = ((end - 1) >> pageblock_order) - (start >> pageblock_order) + 1;
	zone->pageblock_flags = malloc(nr_blocks);
	if (zone->pageblock_flags)
		memset(zone->pageblock_flags, MIGRATE_MOVABLE, nr_blocks);
	if (start < pgdat->node_start_pfn || !pgdat->node_spanned_pages)
		pgdat->node_start_pfn = start;
	pgdat->node_spanned_pages = end - pgdat->node_start_pfn;
	pgdat->node_present_pages += zone->present_pages;
}

static void setup_nodes(void)
{
	unsigned long total = ram_pages_in(0, max_pfn);
	int nodes = physmem_numa_nodes > 0 ? physmem_numa_nodes : 1;
	unsigned long per_node = (total / nodes) & ~(unsigned long)(MAX_ORDER_NR_PAGES - 1);
	unsigned long node_start = 0;

	nr_online_nodes = nodes;
	for (int nid = 0; nid < nodes; nid++) {
		pg_data_t *pgdat = &node_storage[nid];
		unsigned long node_end = nid == nodes - 1 ? max_pfn :
			ALIGN(pfn_after_ram(per_node * (nid + 1)), (unsigned long)MAX_ORDER_NR_PAGES);
		unsigned long zone_lo = 0;

		memset(pgdat, 0, sizeof(*pgdat));
		pgdat->node_id = nid;
		node_data[nid] = pgdat;
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			unsigned long lo = max(zone_lo, node_start);
			unsigned long hi = min(zone_limit_pfn[zid], node_end);

			setup_zone(pgdat, zid, lo, hi > lo ? hi : lo);
			if (zone_limit_pfn[zid])
				zone_lo = max(zone_lo, zone_limit_pfn[zid]);
			if (pgdat->node_zones[zid].present_pages)
				pgdat->nr_zones = zid + 1;
		}
		node_start = node_end;
	}
}

static unsigned long lowmem_managed_pages(void)
{
	unsigned long n = 0;

	for (int nid = 0; nid < nr_online_nodes; nid++)
		for (int zid = 0; zid <= ZONE_NORMAL; zid++)
			n += zone_managed_pages(&NODE_DATA(nid)->node_zones[zid]);
	return n;
}

static void setup_watermarks(void)
{
	unsigned long lowmem = lowmem_managed_pages();
	unsigned long pages_min;

	min_free_kbytes = (int)int_sqrt(lowmem * (PAGE_SIZE >> 10) * 16);
	min_free_kbytes = clamp(min_free_kbytes, 128, 262144);
	pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[zid];
			unsigned long managed = zone_managed_pages(zone);
			unsigned long min = lowmem ? pages_min * managed / lowmem : 0;
			unsigned long step = max(min >> 2, managed * 10 / 10000);

			zone->_watermark[WMARK_MIN] = min;
			zone->_watermark[WMARK_LOW] = min + step;
			zone->_watermark[WMARK_HIGH] = min + 2 * step;
		}
	}
}

static void setup_lowmem_reserve(void)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			bool clear = !lowmem_reserve_ratio[i] || !zone_managed_pages(zone);
			unsigned long upper = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				upper += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 : (long)(upper / lowmem_reserve_ratio[i]);
			}
		}
	}
}

static int setup_pagesets(void)
{
	int cpus_per_node = max(1, (int)nr_cpu_ids / nr_online_nodes);

	for (int nid = 0; nid < nr_online_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[zid];
			long batch = (long)min(zone_managed_pages(zone) >> 10, 256UL) / 4;
			long high;

			zone->per_cpu_pageset = aligned_alloc(__alignof__(struct per_cpu_pages),
							      nr_cpu_ids * sizeof(struct per_cpu_pages));
			if (zone->per_cpu_pageset)
				memset(zone->per_cpu_pageset, 0, nr_cpu_ids * sizeof(struct per_cpu_pages));
			if (!zone->per_cpu_pageset ||
			    (zone->spanned_pages && !zone->pageblock_flags))
				return -ENOMEM;
			if (batch < 1)
				batch = 1;
			batch = max(1L, (long)rounddown_pow_of_two((unsigned long)(batch + batch / 2)) - 1);
			high = max((long)low_wmark_pages(zone) / cpus_per_node, batch << 2);
			for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
				struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

				raw_spin_lock_init(&pcp->lock);
				pcp->batch = (int)batch;
				pcp->high = (int)high;
				for (int l = 0; l < NR_PCP_LISTS; l++)
					INIT_LIST_HEAD(&pcp->lists[l]);
			}
		}
	}
	return 0;
}

int zones_init(void)
{
	setup_nodes();
	setup_watermarks();
	setup_lowmem_reserve();
	totalram_pages_count = lowmem_managed_pages();
	return setup_pagesets();
}

void zones_exit(void)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		for (int zid = 0; zid < MAX_NR_ZONES; zid++) {
			free(NODE_DATA(nid)->node_zones[zid].per_cpu_pageset);
			free(NODE_DATA(nid)->node_zones[zid].pageblock_flags);
		}
		node_data[nid] = NULL;
	}
	nr_online_nodes = 0;
}

/**
 * totalram_pages - the number of pages of RAM the page allocator manages
 * Context: any context.
 * Return: the count (what /proc/meminfo's MemTotal shows, in pages).
 */
unsigned long totalram_pages(void)
{
	return totalram_pages_count;
}
EXPORT_SYMBOL(totalram_pages);
