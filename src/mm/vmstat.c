// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/vmstat.c: /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo and /proc/vmstat in
 * Linux 6.1's exact layout, the per-node counters behind them, the per-CPU event
 * counters (vm_event_states, <linux/vmstat.h>) and debugfs's extfrag/unusable_index and
 * extfrag/extfrag_index. Counters of things ukmem does not model (file pages, swap) read
 * 0, and so do the events of mechanisms it does not have (they are printed all the same,
 * as Linux prints them when nothing happened). */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/vmstat.h>
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

enum numa_stat_item {
	NUMA_HIT, NUMA_MISS, NUMA_FOREIGN, NUMA_INTERLEAVE_HIT, NUMA_LOCAL, NUMA_OTHER,
	NR_NUMA_ITEMS
};

static const char *const zone_stat_names[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_zspages", "nr_free_cma",
};

/**
 * global_node_page_state - one node statistic summed over all nodes
 * @item: the counter (NR_SLAB_RECLAIMABLE_B, ...)
 *
 * Context: any context; reads the counters without a lock.
 * Return: the sum.
 */
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

/* Calls print for each populated zone of the node, as Linux's views walk them. */
static void walk_zones_in_node(struct seq_file *m, pg_data_t *pgdat,
			       void (*print)(struct seq_file *m, pg_data_t *pgdat, struct zone *zone))
{
	struct zone *zone;

	for_each_zone_in_node(zone, pgdat)
		if (populated_zone(zone))
			print(m, pgdat, zone);
}

static void walk_zones(struct seq_file *m,
		       void (*print)(struct seq_file *m, pg_data_t *pgdat, struct zone *zone))
{
	for (int nid = 0; nid < nr_online_nodes; nid++)
		walk_zones_in_node(m, NODE_DATA(nid), print);
}

/* "Node %d, zone %8s " and n counts, each at least width wide. */
static void zone_counts_row(struct seq_file *m, pg_data_t *pgdat, struct zone *zone,
			    const unsigned long *v, int n, int width)
{
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (int i = 0; i < n; i++)
		seq_printf(m, "%*lu ", width, v[i]);
	seq_putc(m, '\n');
}

static void frag_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	unsigned long nr[MAX_ORDER];

	zone_free_counts(zone, nr);
	zone_counts_row(m, pgdat, zone, nr, MAX_ORDER, 6);
}

static int buddyinfo_show(struct seq_file *m, void *data)
{
	walk_zones(m, frag_show_print);
	return 0;
}

/* Free blocks per migrate type and order (a count of 100000 or more shows as
 * ">100000", as Linux stops counting a list there), then pageblocks per type. */
#define PAGETYPEINFO_MAX_COUNT	100000UL

static void pagetypeinfo_showfree_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	unsigned long nr[MIGRATE_TYPES][MAX_ORDER];

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

static void pagetypeinfo_showfree(struct seq_file *m, pg_data_t *pgdat)
{
	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (int o = 0; o < MAX_ORDER; o++)
		seq_printf(m, "%6d ", o);
	seq_putc(m, '\n');
	walk_zones_in_node(m, pgdat, pagetypeinfo_showfree_print);
}

static void pagetypeinfo_showblockitertype_print(struct seq_file *m, pg_data_t *pgdat,
						 struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES];

	zone_pageblock_counts(zone, count);
	zone_counts_row(m, pgdat, zone, count, MIGRATE_TYPES, 12);
}

static void pagetypeinfo_showblockitertypes(struct seq_file *m, pg_data_t *pgdat)
{
	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(m, "%12s ", migratetype_names[mt]);
	seq_putc(m, '\n');
	walk_zones_in_node(m, pgdat, pagetypeinfo_showblockitertype_print);
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

static const char *const numa_names[NR_NUMA_ITEMS] = {
	"numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other",
};

/* A zone's NUMA events, in numa_names' order. Every CPU allocates as node 0's: a hit is
 * local, a miss other; ukmem has no interleave policy, and keeps no per-zone foreign count. */
static void zone_numa_events(struct zone *zone, unsigned long numa[NR_NUMA_ITEMS])
{
	unsigned long hit = 0, miss = 0;

	for (unsigned int cpu = 0; zone->per_cpu_pageset && cpu < nr_cpu_ids; cpu++) {
		hit += data_race(zone->per_cpu_pageset[cpu].numa_hit);
		miss += data_race(zone->per_cpu_pageset[cpu].numa_miss);
	}
	numa[NUMA_HIT] = numa[NUMA_LOCAL] = hit;
	numa[NUMA_MISS] = numa[NUMA_OTHER] = miss;
	numa[NUMA_FOREIGN] = numa[NUMA_INTERLEAVE_HIT] = 0;
}

static void zoneinfo_show_zone(struct seq_file *m, pg_data_t *pgdat, struct zone *zone,
			       bool first_populated)
{
	unsigned long zone_stats[ARRAY_SIZE(zone_stat_names)] = { zone_free_pages(zone) };
	unsigned long numa[NR_NUMA_ITEMS];

	zone_numa_events(zone, numa);

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

/* ---- the event counters and /proc/vmstat ---- */

struct vm_event_state vm_event_states[NR_CPUS];
EXPORT_SYMBOL(vm_event_states);

/* Early at boot, before anything counts: the new machine's events start at 0. */
int vm_events_init(void)
{
	memset(vm_event_states, 0, sizeof(vm_event_states));
	return 0;
}

/* In enum vm_event_item's order: /proc/vmstat's names of the events. */
static const char *const vm_event_names[] = {
	"pgpgin", "pgpgout", "pswpin", "pswpout",
	"pgalloc_dma", "pgalloc_dma32", "pgalloc_normal", "pgalloc_movable", "pgalloc_device",
	"allocstall_dma", "allocstall_dma32", "allocstall_normal", "allocstall_movable",
	"allocstall_device",
	"pgskip_dma", "pgskip_dma32", "pgskip_normal", "pgskip_movable", "pgskip_device",
	"pgfree", "pgactivate", "pgdeactivate", "pglazyfree", "pgfault", "pgmajfault",
	"pglazyfreed", "pgrefill", "pgreuse", "pgsteal_kswapd", "pgsteal_direct",
	"pgdemote_kswapd", "pgdemote_direct", "pgscan_kswapd", "pgscan_direct",
	"pgscan_direct_throttle", "pgscan_anon", "pgscan_file", "pgsteal_anon", "pgsteal_file",
	"zone_reclaim_failed", "pginodesteal", "slabs_scanned", "kswapd_inodesteal",
	"kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly", "pageoutrun",
	"pgrotated", "drop_pagecache", "drop_slab", "oom_kill",
	"numa_pte_updates", "numa_huge_pte_updates", "numa_hint_faults",
	"numa_hint_faults_local", "numa_pages_migrated",
	"pgmigrate_success", "pgmigrate_fail", "thp_migration_success", "thp_migration_fail",
	"thp_migration_split",
	"compact_migrate_scanned", "compact_free_scanned", "compact_isolated", "compact_stall",
	"compact_fail", "compact_success", "compact_daemon_wake",
	"compact_daemon_migrate_scanned", "compact_daemon_free_scanned",
	"htlb_buddy_alloc_success", "htlb_buddy_alloc_fail",
	"unevictable_pgs_culled", "unevictable_pgs_scanned", "unevictable_pgs_rescued",
	"unevictable_pgs_mlocked", "unevictable_pgs_munlocked", "unevictable_pgs_cleared",
	"unevictable_pgs_stranded",
	"thp_fault_alloc", "thp_fault_fallback", "thp_fault_fallback_charge",
	"thp_collapse_alloc", "thp_collapse_alloc_failed", "thp_file_alloc",
	"thp_file_fallback", "thp_file_fallback_charge", "thp_file_mapped", "thp_split_page",
	"thp_split_page_failed", "thp_deferred_split_page", "thp_split_pmd",
	"thp_scan_exceed_none_pte", "thp_scan_exceed_swap_pte", "thp_scan_exceed_share_pte",
	"thp_split_pud", "thp_zero_page_alloc", "thp_zero_page_alloc_failed", "thp_swpout",
	"thp_swpout_fallback",
	"balloon_inflate", "balloon_deflate", "balloon_migrate",
	"swap_ra", "swap_ra_hit", "ksm_swpin_copy", "cow_ksm", "zswpin", "zswpout",
	"direct_map_level2_splits", "direct_map_level3_splits",
};
_Static_assert(ARRAY_SIZE(vm_event_names) == NR_VM_EVENT_ITEMS, "one name per vm_event_item");

/**
 * all_vm_events - the event counts of every CPU summed
 * @ret: NR_VM_EVENT_ITEMS counts
 *
 * Context: any; lock-free. Counts that other CPUs add meanwhile may or may not be in.
 */
void all_vm_events(unsigned long *ret)
{
	memset(ret, 0, NR_VM_EVENT_ITEMS * sizeof(*ret));
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct vm_event_state *this = &vm_event_states[cpu];

		for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
			ret[i] += __atomic_load_n(&this->event[i], __ATOMIC_RELAXED);
	}
}
EXPORT_SYMBOL_GPL(all_vm_events);

/* Linux's totalreserve_pages: per zone, its largest lowmem reserve plus its high
 * watermark, at most its managed pages. */
static unsigned long totalreserve_pages(void)
{
	unsigned long reserve = 0;

	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			long max = 0;

			for (int j = zone_idx(zone); j < MAX_NR_ZONES; j++)
				max = max(max, zone->lowmem_reserve[j]);
			reserve += min((unsigned long)max + high_wmark_pages(zone),
				       zone_managed_pages(zone));
		}
	}
	return reserve;
}

/* global_dirty_limits() with the default vm.dirty_ratio (20) and
 * vm.dirty_background_ratio (10), over the dirtyable memory: free pages above the
 * reserves plus file pages (none in ukmem), plus one. */
static void global_dirty_limits(unsigned long *background, unsigned long *dirty)
{
	unsigned long avail = global_free_pages(), reserve = totalreserve_pages();
	unsigned long ratio = 20 * PAGE_SIZE / 100, bg_ratio = 10 * PAGE_SIZE / 100;
	unsigned long thresh, bg_thresh;

	avail -= min(avail, reserve);
	avail += global_node_page_state(NR_INACTIVE_FILE) + global_node_page_state(NR_ACTIVE_FILE);
	avail += 1;
	thresh = min(ratio * avail / PAGE_SIZE, (unsigned long)UINT_MAX);
	bg_thresh = bg_ratio * avail / PAGE_SIZE;
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*dirty = thresh;
	*background = bg_thresh;
}

static void vmstat_line(struct seq_file *m, const char *name, unsigned long v)
{
	seq_puts(m, name);
	seq_put_decimal_ull(m, " ", v);
	seq_putc(m, '\n');
}

/* Zone, NUMA, node and writeback items, then the events; pgpgin/pgpgout count sectors
 * and are shown in kB, and the deprecated nr_unstable closes the list, as in Linux. */
static int vmstat_show(struct seq_file *m, void *data)
{
	unsigned long numa[NR_NUMA_ITEMS] = { 0 }, events[NR_VM_EVENT_ITEMS];
	unsigned long background, dirty;

	for (size_t i = 0; i < ARRAY_SIZE(zone_stat_names); i++)
		vmstat_line(m, zone_stat_names[i], i == 0 ? global_free_pages() : 0);
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			unsigned long z[NR_NUMA_ITEMS];

			zone_numa_events(zone, z);
			for (int i = 0; i < NR_NUMA_ITEMS; i++)
				numa[i] += z[i];
		}
	}
	numa[NUMA_FOREIGN] = numa[NUMA_MISS];	/* each miss is a foreign allocation for its preferred node */
	for (int i = 0; i < NR_NUMA_ITEMS; i++)
		vmstat_line(m, numa_names[i], numa[i]);
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		unsigned long v = 0;

		for (int nid = 0; nid < nr_online_nodes; nid++)
			v += node_stat_pages(NODE_DATA(nid), i);
		vmstat_line(m, node_stat_names[i], v);
	}
	global_dirty_limits(&background, &dirty);
	vmstat_line(m, "nr_dirty_threshold", dirty);
	vmstat_line(m, "nr_dirty_background_threshold", background);
	all_vm_events(events);
	events[PGPGIN] /= 2;
	events[PGPGOUT] /= 2;
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		vmstat_line(m, vm_event_names[i], events[i]);
	seq_puts(m, "nr_unstable 0\n");
	return 0;
}

/* ---- debugfs: extfrag ---- */

struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};

/* The free pages, free blocks and blocks usable for suitable_order in nr_free[]. */
static void fill_contig_page_info(const unsigned long nr_free[MAX_ORDER],
				  unsigned int suitable_order, struct contig_page_info *info)
{
	*info = (struct contig_page_info){ 0 };
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		info->free_blocks_total += nr_free[order];
		info->free_pages += nr_free[order] << order;
		if (order >= suitable_order)
			info->free_blocks_suitable += nr_free[order] << (order - suitable_order);
	}
}

/* Thousandths: how far a failing request of this order would fail for fragmentation
 * (1000) rather than for lack of memory (0); -1000 when it would not fail, 0 when
 * nothing is free. */
static int __fragmentation_index(unsigned int order, const struct contig_page_info *info)
{
	unsigned long long requested = 1ULL << order;

	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return 1000 - (int)((1000 + info->free_pages * 1000ULL / requested) / info->free_blocks_total);
}

/**
 * fragmentation_index - how much a failing allocation of an order owes to fragmentation
 * @zone: the zone
 * @order: the order of the request
 *
 * Context: any; takes the zone's lock. Return: thousandths between 0 (lack of memory)
 * and 1000 (fragmentation), -1000 when a block of @order is free.
 */
int fragmentation_index(struct zone *zone, unsigned int order)
{
	unsigned long nr_free[MAX_ORDER];
	struct contig_page_info info;

	if (WARN_ON_ONCE(order >= MAX_ORDER))
		return 0;
	zone_free_counts(zone, nr_free);
	fill_contig_page_info(nr_free, order, &info);
	return __fragmentation_index(order, &info);
}

/**
 * extfrag_for_order - the free memory of a zone in blocks smaller than an order
 * @zone: the zone
 * @order: the order
 *
 * Context: any; takes the zone's lock. Return: percent, 0-100 (0 when nothing is free).
 */
unsigned int extfrag_for_order(struct zone *zone, unsigned int order)
{
	unsigned long nr_free[MAX_ORDER];
	struct contig_page_info info;

	zone_free_counts(zone, nr_free);
	fill_contig_page_info(nr_free, order, &info);
	if (!info.free_pages)
		return 0;
	return (unsigned int)((info.free_pages - (info.free_blocks_suitable << order)) * 100 /
			      info.free_pages);
}

/* Thousandths of the free memory that cannot serve a request of this order. */
static int unusable_free_index(unsigned int order, const struct contig_page_info *info)
{
	if (info->free_pages == 0)
		return 1000;
	return (int)((info->free_pages - (info->free_blocks_suitable << order)) * 1000ULL /
		     info->free_pages);
}

/* One line per populated zone: "Node %d, zone %8s " and an index for each order. */
/* "Node %d, zone %8s " and, for each order, index(order) in thousandths, its integer part
 * at least width digits wide. */
static void extfrag_print_zone(struct seq_file *m, pg_data_t *pgdat, struct zone *zone,
			       int (*index)(unsigned int order, const struct contig_page_info *info),
			       int width)
{
	unsigned long nr_free[MAX_ORDER];

	zone_free_counts(zone, nr_free);
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct contig_page_info info;
		int i;

		fill_contig_page_info(nr_free, order, &info);
		i = index(order, &info);
		seq_printf(m, "%*d.%03d ", width, i / 1000, i % 1000);
	}
	seq_putc(m, '\n');
}

static void unusable_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	extfrag_print_zone(m, pgdat, zone, unusable_free_index, 0);
}

static void extfrag_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	extfrag_print_zone(m, pgdat, zone, __fragmentation_index, 2);
}

static int unusable_show(struct seq_file *m, void *data)
{
	walk_zones(m, unusable_show_print);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(unusable);

static int extfrag_show(struct seq_file *m, void *data)
{
	walk_zones(m, extfrag_show_print);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(extfrag);

/* After debugfs: /sys/kernel/debug/extfrag/{unusable_index,extfrag_index}. */
int extfrag_debug_init(void)
{
	struct dentry *root = debugfs_create_dir("extfrag", NULL);

	debugfs_create_file("unusable_index", 0444, root, NULL, &unusable_fops);
	debugfs_create_file("extfrag_index", 0444, root, NULL, &extfrag_fops);
	return 0;
}

int vmstat_init(void)
{
	proc_create_view("/proc/buddyinfo", buddyinfo_show, NULL);
	proc_create_view("/proc/pagetypeinfo", pagetypeinfo_show, NULL);
	proc_create_view("/proc/zoneinfo", zoneinfo_show, NULL);
	proc_create_view("/proc/vmstat", vmstat_show, NULL);
	return 0;
}

void vmstat_exit(void)
{
}
