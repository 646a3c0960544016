/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/internal.h: what the mm files share and nobody else sees: allocation flags for
 * watermark checks, the bad-page report, and the page allocator's internals that
 * /proc views and later allocators need. */
#ifndef UKMEM_MM_INTERNAL_H
#define UKMEM_MM_INTERNAL_H

#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/page-isolation.h>
#include <linux/compaction.h>

#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		ALLOC_NO_WATERMARKS	/* an OOM victim: no watermark */
#define ALLOC_NON_BLOCK		0x10	/* cannot block: a quarter more of the min reserve */
#define ALLOC_MIN_RESERVE	0x20	/* __GFP_HIGH: half of the min reserve */
#define ALLOC_CPUSET		0x40
#define ALLOC_CMA		0x80
#define ALLOC_NOFRAGMENT	0x100	/* steal whole pageblocks only, or fall back to another node */
#define ALLOC_HIGHATOMIC	0x200	/* may take from MIGRATE_HIGHATOMIC */
#define ALLOC_KSWAPD		0x800	/* __GFP_KSWAPD_RECLAIM */
#define ALLOC_RESERVES		(ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM)

#define is_migrate_highatomic(mt)	((mt) == MIGRATE_HIGHATOMIC)
#define is_migrate_highatomic_page(page) is_migrate_highatomic(get_pageblock_migratetype(page))

/* The flags that say how hard an allocation may try; what metadata allocations made on a
 * caller's behalf inherit from the caller's mask. */
#define GFP_RECLAIM_MASK	(__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS | __GFP_NOWARN | \
				 __GFP_RETRY_MAYFAIL | __GFP_NOFAIL | __GFP_NORETRY | \
				 __GFP_MEMALLOC | __GFP_NOMEMALLOC)

/* Reports a page in a state it must not be in, taints, and leaves it out of use. */
void bad_page(struct page *page, const char *reason);
/* Writes the names of gfp's flags ("GFP_KERNEL|__GFP_ZERO") into buf. */
const char *format_gfp_flags(gfp_t gfp, char *buf, size_t size);
const char *format_page_flags(unsigned long flags, char *buf, size_t size);
const char *format_vma_flags(unsigned long flags, char *buf, size_t size);	/* "read|exec" */
/* The allocation failure report: "<comm>: <what>, mode:0x…(…), nodemask=(null),…" with a
 * call trace and Mem-Info; what is e.g. "page allocation failure: order:3". */
void warn_alloc(gfp_t gfp, const char *fmt, ...) __printf(2, 3);
void show_mem(void);
void show_free_areas(void);

bool zone_watermark_ok(struct zone *zone, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
unsigned long zone_free_pages(struct zone *zone);
/* Free blocks of each order, deferred blocks counted at the top order. */
void zone_free_counts(struct zone *zone, unsigned long counts[MAX_ORDER]);
/* The same per migrate type (deferred blocks are movable), and the zone's pageblocks
 * per type; for /proc/pagetypeinfo. */
void zone_free_counts_by_type(struct zone *zone, unsigned long counts[MIGRATE_TYPES][MAX_ORDER]);
void zone_pageblock_counts(struct zone *zone, unsigned long counts[MIGRATE_TYPES]);
/* Isolating a pageblock (page_isolation.c decides whether it may be): with zone->lock
 * held, moves its free pages to MIGRATE_ISOLATE's lists and off the free count, first
 * setting up its struct pages if it is still deferred and splitting a larger free block
 * it is part of; undoing moves them to migratetype's lists and merges them again. */
void pageblock_isolate_locked(struct zone *zone, struct page *page);
void pageblock_unisolate_locked(struct zone *zone, struct page *page, int migratetype);
/* A CPU's per-CPU page lists taken from any thread (drains, census, fork), waiting
 * while their owner holds them; see page_alloc.c. */
struct per_cpu_pages *pcp_lock_remote(struct zone *zone, unsigned int cpu);
void pcp_unlock_remote(struct per_cpu_pages *pcp);
/* Whether the pageblock's struct pages are set up (not in the deferred range). */
bool pageblock_initialised(struct zone *zone, unsigned long pfn);
struct zone *pfn_zone(unsigned long pfn);	/* the managed zone spanning pfn, or NULL */
/* The migrate type of the pageblock at pfn of zone (its struct pages may be deferred). */
int pfnblock_migratetype(struct zone *zone, unsigned long pfn);
/* The first fallback type of free_area for migratetype, or -1; *can_steal tells whether
 * the whole pageblock may be taken (6.1's rules). zone->lock held. */
int find_suitable_fallback(struct zone *zone, unsigned int order, int migratetype,
			   bool only_stealable, bool *can_steal);
unsigned long global_free_pages(void);
/* compaction's free scanner (page_alloc.c): a free block taken off the lists with
 * zone->lock held, then made into order-0 pages on list; the order of a listed block. */
bool isolate_free_block(struct zone *zone, struct page *page, unsigned int order);
unsigned long prep_isolated_block(struct page *page, unsigned int order, struct list_head *list);
unsigned int free_block_order(struct zone *zone, struct page *page);
/* slab_common.c: gives back the large kmalloc blocks kfree() kept per CPU. */
void kmalloc_large_drain(void);
/* A free block whose memory the host does not hold: given back by free page reporting,
 * or never touched since boot (6.1's PG_reported; zone->lock held). */
#define PageReported(p)		PageChecked(p)
#define __SetPageReported(p)	__SetPageChecked(p)
#define __ClearPageReported(p)	__ClearPageChecked(p)
/* vmstat.c: thousandths of a failing order-sized request owed to fragmentation */
int fragmentation_index(struct zone *zone, unsigned int order);
/* compaction.c: direct compaction (the allocation then retries its free lists), and
 * the request to kcompactd an allocation that found no block of its order makes. */
enum compact_result try_to_compact_pages(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					 int nid, int highest_zoneidx, enum compact_priority prio,
					 struct page **capture);
void wakeup_kcompactd(int nid, int order, int highest_zoneidx);
void defer_compaction(struct zone *zone, int order);
bool compaction_deferred(struct zone *zone, int order);
void compact_nodes(void);
void reset_isolation_suitable(int nid);	/* clears the skip hints after a completed run */
/* Node nid's kcompactd thread started and stopped (memory hotplug's, in Linux). */
void kcompactd_run(int nid);
void kcompactd_stop(int nid);
/* Compaction's per-pageblock skip hint (page_alloc.c; PB_migrate_skip in Linux). */
bool get_pfnblock_skip(struct zone *zone, unsigned long pfn);
void set_pfnblock_skip(struct zone *zone, unsigned long pfn, bool skip);
/* Direct compaction's capture (6.1's): while current->capture_control is set, a block
 * of its order that this thread's frees make in its zone is handed to it, not listed. */
struct capture_control {
	struct zone *zone;
	int order;
	struct page *page;	/* the block captured, or NULL */
};

/* page_alloc.c / page_reporting.c: giving settled free blocks back to the host */
unsigned long zone_report_free_blocks(struct zone *zone, unsigned long min_age);
void zone_defer_urgent_report(struct zone *zone);
extern atomic_long_t nr_pages_reported;	/* since the process started */
void page_reporting_notify_free(void);

/* vmscan.c: reclaim and waiting for memory */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order, int nid, int priority);
unsigned long shrink_slab(gfp_t gfp, int nid, int priority);
unsigned long free_memory_wait_prepare(void);
void free_memory_wait_finish(unsigned long seq, long timeout);
void wake_free_memory_waiters_slow(void);
extern int nr_free_memory_waiters;
static inline void wake_free_memory_waiters(void)
{
	if (unlikely(__atomic_load_n(&nr_free_memory_waiters, __ATOMIC_RELAXED)))
		wake_free_memory_waiters_slow();
}

/* fail_page_alloc.c: fault injection; the flag is set only while it may fail anything */
extern bool fail_page_alloc_armed;
bool __should_fail_alloc_page(gfp_t gfp, unsigned int order);
static inline bool should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	return unlikely(fail_page_alloc_armed) && __should_fail_alloc_page(gfp, order);
}

/* oom_kill.c: prints the OOM report and calls the notifiers; true if they freed memory. */
bool out_of_memory(gfp_t gfp, unsigned int order);
unsigned long global_pcp_pages(void);
extern int min_free_kbytes;

/* The page lock (PG_locked): held by migration while a page moves, and by a movable
 * page's owner while it changes the page's movable state. */
static inline bool trylock_page(struct page *page)
{
	return !(__atomic_fetch_or(&page->flags, 1UL << PG_locked, __ATOMIC_ACQUIRE) &
		 (1UL << PG_locked));
}
void lock_page(struct page *page);	/* migrate.c: waits (yielding) for the lock */
static inline void unlock_page(struct page *page)
{
	__atomic_fetch_and(&page->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);
}

/* migrate.c: moving a page mapped in the host at several addresses (see there). An
 * alias is an address, its host protection (PROT_*) and sharing; populate: a kernel
 * mapping (vmalloc), entered at once and always shared read-write. */
struct host_alias {
	unsigned long addr;
	int prot;
	bool shared;
	bool populate;
};
#define MIGRATE_MAX_ALIASES	16
int migrate_page_remap_host(const struct host_alias *aliases, int nr, struct page *dst,
			    struct page *src);

#define for_each_zone_in_node(zone, pgdat) \
	for (zone = (pgdat)->node_zones; zone < (pgdat)->node_zones + MAX_NR_ZONES; zone++)

#endif
