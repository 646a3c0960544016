/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/mmzone.h: nodes (pg_data_t), zones and their buddy free areas.
 * A zone is a pfn range of one node; its free pages sit on free_area[order] lists, one
 * per migrate type, in per-CPU page lists (struct per_cpu_pages), or, before first use,
 * in the zone's deferred range (pages whose struct page is not yet initialised; counted
 * as movable blocks of the top order; see page_alloc.c). Each pageblock (2^pageblock_order
 * pages) has a migrate type, one byte of zone->pageblock_flags. */
#ifndef UKMEM_LINUX_MMZONE_H
#define UKMEM_LINUX_MMZONE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/numa.h>

#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1 << (MAX_ORDER - 1))
#define PAGE_ALLOC_COSTLY_ORDER	3
#define pageblock_order		(MAX_ORDER - 2)
#define pageblock_nr_pages	(1UL << pageblock_order)
#define pageblock_align(pfn)	ALIGN((pfn), pageblock_nr_pages)
#define pageblock_aligned(pfn)	IS_ALIGNED((pfn), pageblock_nr_pages)
#define pageblock_start_pfn(pfn)	ALIGN_DOWN((pfn), pageblock_nr_pages)
#define pageblock_end_pfn(pfn)	ALIGN((pfn) + 1, pageblock_nr_pages)
#define UKMEM_MAX_CPUS		64

/* How a block's pages may be moved; free lists and pageblocks are kept per type. */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the per-CPU lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,	/* can't allocate from here */
	MIGRATE_TYPES
};
#define NR_PCP_LISTS		(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))

/* The names /proc/pagetypeinfo prints, indexed by migrate type. */
extern const char * const migratetype_names[MIGRATE_TYPES];
/* Always 0 here: ukmem's machines are never too small for grouping by mobility. */
extern int page_group_by_mobility_disabled;

#define is_migrate_movable(mt)		((mt) == MIGRATE_MOVABLE)
#define is_migrate_cma(mt)		false
#define is_migrate_cma_page(page)	false
static inline bool migratetype_is_mergeable(int mt)
{
	return mt < MIGRATE_PCPTYPES;
}
#define for_each_migratetype_order(order, type) \
	for (order = 0; order < MAX_ORDER; order++) \
		for (type = 0; type < MIGRATE_TYPES; type++)

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	ZONE_DEVICE,
	__MAX_NR_ZONES
};
#define MAX_NR_ZONES	__MAX_NR_ZONES

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, deferred ones included */
};

static inline bool free_area_empty(struct free_area *area, int migratetype)
{
	return list_empty(&area->free_list[migratetype]);
}

struct per_cpu_pages {
	raw_spinlock_t lock;		/* uncontended unless a drain or a preempted owner */
	int count;			/* pages on all lists */
	int high;			/* drain to the zone above this */
	int batch;			/* pages moved per refill or drain */
	struct list_head lists[NR_PCP_LISTS];	/* [MIGRATE_PCPTYPES * order + type] */
	unsigned long numa_hit, numa_miss;	/* allocations served from this zone by this CPU */
	arch_spinlock_t ukmem_remote;	/* serialises takers from other CPUs (drains, fork) */
} __attribute__((aligned(64)));	/* a zone's CPUs' entries share no cache line */

/* Per-node counters, in /proc/zoneinfo's order (items ending in _B count bytes). */
enum node_stat_item {
	NR_INACTIVE_ANON, NR_ACTIVE_ANON, NR_INACTIVE_FILE, NR_ACTIVE_FILE, NR_UNEVICTABLE,
	NR_SLAB_RECLAIMABLE_B, NR_SLAB_UNRECLAIMABLE_B, NR_ISOLATED_ANON, NR_ISOLATED_FILE,
	WORKINGSET_NODES, WORKINGSET_REFAULT_ANON, WORKINGSET_REFAULT_FILE,
	WORKINGSET_ACTIVATE_ANON, WORKINGSET_ACTIVATE_FILE, WORKINGSET_RESTORE_ANON,
	WORKINGSET_RESTORE_FILE, WORKINGSET_NODERECLAIM, NR_ANON_MAPPED, NR_FILE_MAPPED,
	NR_FILE_PAGES, NR_FILE_DIRTY, NR_WRITEBACK, NR_WRITEBACK_TEMP, NR_SHMEM,
	NR_SHMEM_THPS, NR_SHMEM_PMDMAPPED, NR_FILE_THPS, NR_FILE_PMDMAPPED, NR_ANON_THPS,
	NR_VMSCAN_WRITE, NR_VMSCAN_IMMEDIATE, NR_DIRTIED, NR_WRITTEN, NR_THROTTLED_WRITTEN,
	NR_KERNEL_MISC_RECLAIMABLE, NR_FOLL_PIN_ACQUIRED, NR_FOLL_PIN_RELEASED,
	NR_KERNEL_STACK_KB, NR_PAGETABLE, NR_SECONDARY_PAGETABLE, NR_SWAPCACHE,
	PGPROMOTE_SUCCESS, PGPROMOTE_CANDIDATE,
	NR_VM_NODE_STAT_ITEMS
};

struct pglist_data;

struct zone {
	unsigned long _watermark[NR_WMARK];
	long lowmem_reserve[MAX_NR_ZONES];
	int node;
	struct pglist_data *zone_pgdat;
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long present_pages;
	atomic_long_t managed_pages;
	atomic_long_t nr_free_pages;	/* free_area and deferred pages; pcp lists excluded */
	raw_spinlock_t lock;
	struct free_area free_area[MAX_ORDER];
	unsigned char *pageblock_flags;	/* per pageblock: migrate type, compaction's skip hint */
	unsigned long nr_reserved_highatomic;	/* pages in MIGRATE_HIGHATOMIC pageblocks */
	unsigned long nr_isolate_pageblock;	/* pageblocks of MIGRATE_ISOLATE */
	unsigned long deferred_start_pfn;	/* [start, end): max-order blocks not yet touched */
	unsigned long deferred_end_pfn;
	unsigned long unreported_pages;	/* in listed free blocks of reportable order, not given back */
	unsigned long report_after;	/* jiffies: no report from a free path before this */
	struct per_cpu_pages *per_cpu_pageset;	/* nr_cpu_ids entries */
	/* compaction (mm/compaction.c): where the scanners resume, and the deferral of
	 * orders that failed (compaction is skipped for 1 << compact_defer_shift tries) */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_cached_migrate_pfn[2];	/* async, sync */
	unsigned int compact_considered;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	bool compact_blockskip_flush;	/* direct compaction completed: clear the skip hints */
};

/* What isolating pages for migration may take (mm/compaction.c, mm/migrate.c). */
typedef unsigned int isolate_mode_t;
#define ISOLATE_UNMAPPED	((isolate_mode_t)0x2)
#define ISOLATE_ASYNC_MIGRATE	((isolate_mode_t)0x4)
#define ISOLATE_UNEVICTABLE	((isolate_mode_t)0x8)

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;
	int node_id;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	atomic_long_t vm_stat[NR_VM_NODE_STAT_ITEMS];
} pg_data_t;

extern struct pglist_data *node_data[MAX_NUMNODES];
extern int nr_online_nodes;
extern unsigned int nr_cpu_ids;
#define NODE_DATA(nid)		(node_data[nid])

static inline unsigned long zone_managed_pages(struct zone *zone)
{
	return (unsigned long)__atomic_load_n(&zone->managed_pages.counter, __ATOMIC_RELAXED);
}
static inline bool populated_zone(struct zone *zone)
{
	return zone->present_pages != 0;
}
static inline bool managed_zone(struct zone *zone)
{
	return zone_managed_pages(zone) != 0;
}
static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}
static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}
static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}
static inline void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item,
				       long delta)
{
	__atomic_fetch_add(&pgdat->vm_stat[item].counter, delta, __ATOMIC_RELAXED);
}
static inline unsigned long node_page_state(struct pglist_data *pgdat, enum node_stat_item item)
{
	long v = __atomic_load_n(&pgdat->vm_stat[item].counter, __ATOMIC_RELAXED);

	return v < 0 ? 0 : (unsigned long)v;
}
unsigned long global_node_page_state(enum node_stat_item item);

struct page;
int get_pageblock_migratetype(const struct page *page);
#define get_pageblock_migratetype(page)	get_pageblock_migratetype(page)

#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])
#define wmark_pages(z, i)	((z)->_watermark[i])
#define for_each_online_node(nid) for (nid = 0; nid < nr_online_nodes; nid++)
#define num_online_nodes()	(nr_online_nodes)
#define first_online_node	0
#define numa_node_id()		0
#define numa_mem_id()		0

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/mmzone.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/notifier.h>
#include <linux/overflow.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/workqueue.h>
#endif
#endif
