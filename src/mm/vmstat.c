// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/vmstat.c: /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo in Linux 6.1's
 * exact layout, and the per-node counters behind them; counters of things ukmem does not
 * model (file pages, swap) read 0. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/export.h>
#include "fs/proc.h"
#include "machine/initcalls.h"
#include "mm/internal.h"

static const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
	"nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon",
	"nr_isolated_file", "workingset_nodes", "workingset_refault_anon",
	"workingset_refault_file", "workingset_activate_anon", "workingset_activate_file",
	"workingset_restore_anon", "workingset_restore_file", "workingset_nodereclaim",
	"nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback",
	"nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages", "nr_shmem_pmdmapped",
	"nr_file_hugepages", "nr_file_pmdmapped", "nr_anon_transparent_hugepages",
	"nr_vmscan_write", "nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written",
	"nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages",
	"nr_sec_page_table_pages", "nr_swapcached", "pgpromote_success", "pgpromote_candidate",
};

static const char *const zone_stat_names[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_zspages", "nr_free_cma",
};

unsigned long global_node_page_state(enum node_stat_item item)
{
	unsigned long n = 0;

	for (int nid = 0; nid < nr_online_nodes; nid++)
		n += node_page_state(NODE_DATA(nid), item);
	return n;
}
EXPORT_SYMBOL(global_node_page_state);

static unsigned long node_stat_pages(pg_data_t *pgdat, int item)
{
	unsigned long v = node_page_state(pgdat, item);

	return item == NR_SLAB_RECLAIMABLE_B || item == NR_SLAB_UNRECLAIMABLE_B ? v >> PAGE_SHIFT : v;
}

static int buddyinfo_show(struct seq_file *m, void *data)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			unsigned long nr[MAX_ORDER];

			if (!populated_zone(zone))
				continue;
			zone_free_counts(zone, nr);
			seq_printf(m, "Node %d, zone %8s ", nid, zone->name);
			for (int o = 0; o < MAX_ORDER; o++)
				seq_printf(m, "%6lu ", nr[o]);
			seq_putc(m, '\n');
		}
	}
	return 0;
}

/* Free blocks per migrate type and order (a count of 100000 or more shows as
 * ">100000", as Linux stops counting a list there), then pageblocks per type. */
#define PAGETYPEINFO_MAX_COUNT	100000UL

static void pagetypeinfo_showfree(struct seq_file *m, pg_data_t *pgdat)
{
	struct zone *zone;

	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (int o = 0; o < MAX_ORDER; o++)
		seq_printf(m, "%6d ", o);
	seq_putc(m, '\n');
	for_each_zone_in_node(zone, pgdat) {
		unsigned long nr[MIGRATE_TYPES][MAX_ORDER];

		if (!populated_zone(zone))
			continue;
		zone_free_counts_by_type(zone, nr);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			seq_printf(m, "Node %4d, zone %8s, type %12s ", pgdat->node_id, zone->name,
				   migratetype_names[mt]);
			for (int o = 0; o < MAX_ORDER; o++) {
				bool overflow = nr[mt][o] >= PAGETYPEINFO_MAX_COUNT;

				seq_printf(m, "%s%6lu ", overflow ? ">" : "",
					   overflow ? PAGETYPEINFO_MAX_COUNT : nr[mt][o]);
			}
			seq_putc(m, '\n');
		}
	}
}

static void pagetypeinfo_showblockitertypes(struct seq_file *m, pg_data_t *pgdat)
{
	struct zone *zone;

	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(m, "%12s ", migratetype_names[mt]);
	seq_putc(m, '\n');
	for_each_zone_in_node(zone, pgdat) {
		unsigned long count[MIGRATE_TYPES];

		if (!populated_zone(zone))
			continue;
		zone_pageblock_counts(zone, count);
		seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_printf(m, "%12lu ", count[mt]);
		seq_putc(m, '\n');
	}
}

static int pagetypeinfo_show(struct seq_file *m, void *data)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat->node_present_pages)
			continue;
		seq_printf(m, "Page block order: %d\n", pageblock_order);
		seq_printf(m, "Pages per block:  %lu\n", pageblock_nr_pages);
		seq_putc(m, '\n');
		pagetypeinfo_showfree(m, pgdat);
		pagetypeinfo_showblockitertypes(m, pgdat);
	}
	return 0;
}

static int stat_threshold(struct zone *zone)
{
	unsigned long mem = zone_managed_pages(zone) >> (27 - PAGE_SHIFT);
	int fls_mem = mem ? 64 - __builtin_clzl(mem) : 0;
	int fls_cpus = 32 - __builtin_clz(nr_cpu_ids);

	return min(125, 2 * fls_cpus * (1 + fls_mem));
}

static void zoneinfo_show_zone(struct seq_file *m, pg_data_t *pgdat, struct zone *zone,
			       bool first_populated)
{
	unsigned long zone_stats[ARRAY_SIZE(zone_stat_names)] = { zone_free_pages(zone) };
	static const char *const numa_names[] = {
		"numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other",
	};
	unsigned long hit = 0, miss = 0;

	for (unsigned int cpu = 0; zone->per_cpu_pageset && cpu < nr_cpu_ids; cpu++) {
		hit += zone->per_cpu_pageset[cpu].numa_hit;
		miss += zone->per_cpu_pageset[cpu].numa_miss;
	}
	unsigned long numa[] = { hit, miss, 0, 0, hit, miss };

	seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
	if (first_populated) {
		seq_printf(m, "\n  per-node stats");
		for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			seq_printf(m, "\n      %-12s %lu", node_stat_names[i], node_stat_pages(pgdat, i));
	}
	seq_printf(m, "\n  pages free     %lu\n        boost    0\n        min      %lu"
		   "\n        low      %lu\n        high     %lu\n        spanned  %lu"
		   "\n        present  %lu\n        managed  %lu\n        cma      0",
		   zone_free_pages(zone), min_wmark_pages(zone), low_wmark_pages(zone),
		   high_wmark_pages(zone), zone->spanned_pages, zone->present_pages,
		   zone_managed_pages(zone));
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (int i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
	seq_putc(m, ')');
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(zone_stat_names); i++)
		seq_printf(m, "\n      %-12s %lu", zone_stat_names[i], zone_stats[i]);
	for (size_t i = 0; i < ARRAY_SIZE(numa_names); i++)
		seq_printf(m, "\n      %-12s %lu", numa_names[i], numa[i]);
	seq_printf(m, "\n  pagesets");
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		seq_printf(m, "\n    cpu: %i\n              count: %i\n              high:  %i"
			   "\n              batch: %i", cpu, pcp->count, pcp->high, pcp->batch);
		seq_printf(m, "\n  vm stats threshold: %d", stat_threshold(zone));
	}
	seq_printf(m, "\n  node_unreclaimable:  0\n  start_pfn:           %lu\n",
		   zone->zone_start_pfn);
}

static int zoneinfo_show(struct seq_file *m, void *data)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		bool seen_populated = false;
		struct zone *zone;

		for_each_zone_in_node(zone, pgdat) {
			zoneinfo_show_zone(m, pgdat, zone, populated_zone(zone) && !seen_populated);
			seen_populated |= populated_zone(zone);
		}
	}
	return 0;
}

int vmstat_init(void)
{
	proc_create_view("/proc/buddyinfo", buddyinfo_show, NULL);
	proc_create_view("/proc/pagetypeinfo", pagetypeinfo_show, NULL);
	proc_create_view("/proc/zoneinfo", zoneinfo_show, NULL);
	return 0;
}

void vmstat_exit(void)
{
}
