// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/show_mem.c: the allocation failure report and Mem-Info, in Linux 6.1's layout
 * (warn_alloc, show_free_areas). Counters ukmem does not model print as 0. */
#include <stdarg.h>
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/ratelimit.h>
#include "host/host.h"
#include "kernel/report.h"
#include "mm/internal.h"
#include "kernel/cpu.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static unsigned long zone_pcp_pages(struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		n += (unsigned long)READ_ONCE(zone->per_cpu_pageset[cpu].count);
	return n;
}

static void show_node(struct zone *zone)
{
	if (nr_online_nodes > 1)
		printk("Node %d ", zone->node);
}

#define for_each_populated_zone(zone, nid)					\
	for (nid = 0; nid < nr_online_nodes; nid++)				\
		for_each_zone_in_node(zone, NODE_DATA(nid))			\
			if (populated_zone(zone))

static void show_zone_line(struct zone *zone)
{
	unsigned long pcp = zone_pcp_pages(zone);
	unsigned int cpu = cpu_current();

	show_node(zone);
	printk(KERN_CONT "%s free:%lukB boost:0kB min:%lukB low:%lukB high:%lukB "
	       "reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB "
	       "inactive_file:0kB unevictable:0kB writepending:0kB present:%lukB managed:%lukB "
	       "mlocked:0kB bounce:0kB free_pcp:%lukB local_pcp:%ukB free_cma:0kB\n",
	       zone->name, K(zone_free_pages(zone)), K(min_wmark_pages(zone)),
	       K(low_wmark_pages(zone)), K(high_wmark_pages(zone)), K(zone->present_pages),
	       K(zone_managed_pages(zone)), K(pcp),
	       (unsigned int)K((unsigned long)zone->per_cpu_pageset[cpu].count));
	printk("lowmem_reserve[]:");
	for (int i = 0; i < MAX_NR_ZONES; i++)
		printk(KERN_CONT " %ld", zone->lowmem_reserve[i]);
	printk(KERN_CONT "\n");
}

/* The letters of the migrate types that have blocks of an order: "(UME) ". */
static void show_migration_types(unsigned long by_type[MIGRATE_TYPES][MAX_ORDER], int order)
{
	static const char letter[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE] = 'U', [MIGRATE_MOVABLE] = 'M', [MIGRATE_RECLAIMABLE] = 'E',
		[MIGRATE_HIGHATOMIC] = 'H', [MIGRATE_ISOLATE] = 'I',
	};
	char tmp[MIGRATE_TYPES + 1], *p = tmp;

	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (by_type[mt][order])
			*p++ = letter[mt];
	*p = '\0';
	printk(KERN_CONT "(%s) ", tmp);
}

static void show_zone_free_areas(struct zone *zone)
{
	unsigned long nr[MAX_ORDER], by_type[MIGRATE_TYPES][MAX_ORDER], total = 0;

	zone_free_counts(zone, nr);
	zone_free_counts_by_type(zone, by_type);
	show_node(zone);
	printk(KERN_CONT "%s: ", zone->name);
	for (int order = 0; order < MAX_ORDER; order++) {
		total += nr[order] << order;
		printk(KERN_CONT "%lu*%lukB ", nr[order], K(1UL) << order);
		if (nr[order])
			show_migration_types(by_type, order);
	}
	printk(KERN_CONT "= %lukB\n", K(total));
}

void show_free_areas(void)
{
	struct zone *zone;
	int nid;

	printk("active_anon:0 inactive_anon:0 isolated_anon:0\n"
	       " active_file:0 inactive_file:0 isolated_file:0\n"
	       " unevictable:0 dirty:0 writeback:0\n"
	       " slab_reclaimable:0 slab_unreclaimable:0\n"
	       " mapped:0 shmem:0 pagetables:0\n"
	       " sec_pagetables:0 bounce:0\n"
	       " kernel_misc_reclaimable:0\n"
	       " free:%lu free_pcp:%lu free_cma:0\n", global_free_pages(), global_pcp_pages());
	for (nid = 0; nid < nr_online_nodes; nid++)
		printk("Node %d active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB "
		       "unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:0kB dirty:0kB "
		       "writeback:0kB shmem:0kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB "
		       "writeback_tmp:0kB kernel_stack:0kB pagetables:0kB sec_pagetables:0kB "
		       "all_unreclaimable? no\n", nid);
	for_each_populated_zone(zone, nid)
		show_zone_line(zone);
	for_each_populated_zone(zone, nid)
		show_zone_free_areas(zone);
	printk("0 total pagecache pages\n");
	printk("0 pages in swap cache\n");
	printk("Free swap  = 0kB\n");
	printk("Total swap = 0kB\n");
}

void show_mem(void)
{
	unsigned long total = 0, reserved = 0;
	struct zone *zone;
	int nid;

	printk("Mem-Info:\n");
	show_free_areas();
	for_each_populated_zone(zone, nid) {
		total += zone->present_pages;
		reserved += zone->present_pages - zone_managed_pages(zone);
	}
	printk("%lu pages RAM\n", total);
	printk("0 pages HighMem/MovableOnly\n");
	printk("%lu pages reserved\n", reserved);
}

void warn_alloc(gfp_t gfp, const char *fmt, ...)
{
	char names[256], what[256];
	va_list args;

	/* One report per 10 s, as Linux 6.1's warn_alloc; the next says how many it held back. */
	static DEFINE_RATELIMIT_STATE(nopage_rs, 10 * HZ, 1);

	if ((gfp & __GFP_NOWARN) || !__ratelimit(&nopage_rs))
		return;
	va_start(args, fmt);
	vsnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	report_begin();
	pr_warn("%s: %s, mode:%#x(%s), nodemask=(null)", current->comm, what, gfp,
		format_gfp_flags(gfp, names, sizeof(names)));
	pr_cont(",cpuset=/,mems_allowed=0");
	pr_cont("\n");
	dump_stack();
	show_mem();
}
