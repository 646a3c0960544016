// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/page_alloc.c: the buddy allocator.
 *
 * Each zone keeps free blocks of order 0..MAX_ORDER-1 on free_area lists, one per migrate
 * type; a free block's head page is PageBuddy with its order in page->private. Freeing
 * merges a block with its buddy (pfn ^ (1 << order)) while the buddy is free and of the
 * same order (above pageblock_order only if their pageblocks' types may share a list).
 * Each pageblock has a migrate type (zone->pageblock_flags); a free block is listed
 * under its pageblock's type, except blocks moved alone by a fallback; requests take
 * from their type's lists and fall back, stealing pageblocks, by Linux 6.1's rules;
 * zone->nr_reserved_highatomic is the size of the MIGRATE_HIGHATOMIC pageblocks.
 * Orders 0..PAGE_ALLOC_COSTLY_ORDER go through per-CPU lists (struct per_cpu_pages),
 * refilled from and drained to the zone in batches; those pages are not counted free.
 * Zones start with their max-order-aligned middle "deferred": those blocks are counted
 * free but their struct pages are set up only when the allocator first takes them, so
 * a large machine costs what it uses. Free blocks of order >= page_reporting_order that
 * stayed free for a while are handed back to the host (hole punching) by the page
 * reporting worker (mm/page_reporting.c), so resident memory follows use; a free
 * block's head page carries the jiffies it became free in page->index, and
 * zone->unreported_pages is exactly the size of the listed blocks of reportable order
 * not yet given back. PageReported on a free block's head (and on a per-CPU list's page
 * taken from such a block and not handed out since) says the host does not hold its
 * memory: given back, or never touched since boot; a block merged with any other is
 * not, and compaction's free scanner takes reported blocks last.
 * Misuse -- a double free, a free of the wrong order, of a reserved page or of a page
 * never handed out -- is reported as "BUG: Bad page state" and the page is left alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/export.h>
#include "host/host.h"
#include "host/rseq.h"
#include "kernel/params.h"
#include "machine/boot.h"
#include "machine/initcalls.h"
#include "machine/memmap.h"
#include "machine/physmem.h"
#include "debug/trace.h"
#include "debug/track.h"
#include "mm/internal.h"
#include "mm/page_poison.h"
#include "machine/fork.h"
#include "kernel/cpu.h"

/* page_reporting.page_reporting_order=: the smallest free block given back (Linux's
 * parameter; pageblock_order by default, as there). */
static unsigned int report_order = pageblock_order;
#define REPORT_ORDER		report_order

static int set_report_order(const char *v)
{
	char *end;
	unsigned long order = strtoul(v, &end, 0);

	if (*end || order >= MAX_ORDER)
		return -EINVAL;
	report_order = (unsigned int)order;
	return 0;
}
UKMEM_SETUP("page_reporting.page_reporting_order=", set_report_order, "9");
#define URGENT_REPORT_DELAY	HZ	/* at most one report from a free path per second */

gfp_t gfp_allowed_mask = __GFP_BITS_MASK;

/* init_on_alloc= and init_on_free=: static keys, as in Linux (<linux/mm.h>). */
DEFINE_STATIC_KEY_MAYBE(CONFIG_INIT_ON_ALLOC_DEFAULT_ON, init_on_alloc);
EXPORT_SYMBOL(init_on_alloc);
DEFINE_STATIC_KEY_MAYBE(CONFIG_INIT_ON_FREE_DEFAULT_ON, init_on_free);
EXPORT_SYMBOL(init_on_free);

static int set_static_key(const char *v, struct static_key *key)
{
	bool on;

	if (!params_bool(v, &on))
		return -1;
	if (on)
		static_key_enable(key);
	else
		static_key_disable(key);
	return 0;
}
static int set_init_on_alloc(const char *v) { return set_static_key(v, &init_on_alloc.key); }
static int set_init_on_free(const char *v) { return set_static_key(v, &init_on_free.key); }
UKMEM_SETUP("init_on_alloc=", set_init_on_alloc, "0");
UKMEM_SETUP("init_on_free=", set_init_on_free, "0");

/* ---- migrate types of pageblocks ---- */

const char * const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};
int page_group_by_mobility_disabled;

static inline unsigned char *pfnblock_flags(struct zone *zone, unsigned long pfn)
{
	return &zone->pageblock_flags[(pfn >> pageblock_order) -
				      (zone->zone_start_pfn >> pageblock_order)];
}

/* A pageblock's byte: its migrate type in the low bits, compaction's skip hint in
 * PB_MIGRATE_SKIP. The type is read without the zone lock by the free paths and written
 * with it held; the hint is read and written without any lock (compaction's scanners),
 * so every write is an atomic read-modify-write that keeps the other field. */
#define PB_MIGRATETYPE_MASK	0x07
#define PB_MIGRATE_SKIP		0x80

static inline int get_pfnblock_migratetype(struct zone *zone, unsigned long pfn)
{
	return __atomic_load_n(pfnblock_flags(zone, pfn), __ATOMIC_RELAXED) & PB_MIGRATETYPE_MASK;
}

static inline void set_pfnblock_migratetype(struct zone *zone, unsigned long pfn, int mt)
{
	unsigned char *flags = pfnblock_flags(zone, pfn);
	unsigned char old = __atomic_load_n(flags, __ATOMIC_RELAXED);

	while (!__atomic_compare_exchange_n(flags, &old,
					    (unsigned char)((old & ~PB_MIGRATETYPE_MASK) | mt),
					    false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/**
 * get_pfnblock_skip - whether compaction's scanners pass over the pageblock at @pfn
 * @zone: the zone spanning @pfn
 * @pfn: any frame of the pageblock
 *
 * Context: any, no lock (the hint may change at once, as in Linux).
 */
bool get_pfnblock_skip(struct zone *zone, unsigned long pfn)
{
	return __atomic_load_n(pfnblock_flags(zone, pfn), __ATOMIC_RELAXED) & PB_MIGRATE_SKIP;
}

/**
 * set_pfnblock_skip - sets or clears the skip hint of the pageblock at @pfn
 * @zone: the zone spanning @pfn
 * @pfn: any frame of the pageblock
 * @skip: the new hint
 *
 * Context: any, no lock; the migrate type in the same byte is kept.
 */
void set_pfnblock_skip(struct zone *zone, unsigned long pfn, bool skip)
{
	if (skip)
		__atomic_fetch_or(pfnblock_flags(zone, pfn), PB_MIGRATE_SKIP, __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(pfnblock_flags(zone, pfn), (unsigned char)~PB_MIGRATE_SKIP,
				   __ATOMIC_RELAXED);
}

/* The managed zone whose span holds pfn, or NULL (a hole, or no such memory). */
struct zone *pfn_zone(unsigned long pfn)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (managed_zone(zone) && zone_spans_pfn(zone, pfn))
				return zone;
	}
	return NULL;
}

/**
 * get_pageblock_migratetype - the migrate type of the pageblock a page is in
 * @page: a page of a zone
 *
 * Context: any; the answer may change at once unless the caller holds zone->lock.
 * A page whose struct page is not set up yet (in a block the zone has not carved out
 * of its deferred middle) is looked up by frame number, as Linux's per-section
 * pageblock bits are; a frame of no zone is unmovable.
 */
int (get_pageblock_migratetype)(const struct page *page)
{
	struct page *p = (struct page *)page;
	struct zone *zone = page_zone(p);
	unsigned long pfn = page_to_pfn(p);

	if (unlikely(!zone_spans_pfn(zone, pfn)) && !(zone = pfn_zone(pfn)))
		return MIGRATE_UNMOVABLE;
	return get_pfnblock_migratetype(zone, pfn);
}
EXPORT_SYMBOL(get_pageblock_migratetype);

/* zone->lock held (or the zone not yet in use). */
void set_pageblock_migratetype(struct page *page, int migratetype)
{
	if (unlikely(page_group_by_mobility_disabled && migratetype < MIGRATE_PCPTYPES))
		migratetype = MIGRATE_UNMOVABLE;
	set_pfnblock_migratetype(page_zone(page), page_to_pfn(page), migratetype);
}

/* ---- free lists (zone->lock held) ---- */

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline unsigned int buddy_order(struct page *page)
{
	return (unsigned int)page_private(page);
}

static inline bool page_is_buddy(struct zone *zone, struct page *buddy, unsigned int order)
{
	return zone_spans_pfn(zone, page_to_pfn(buddy)) && PageBuddy(buddy) &&
	       page_private(buddy) == order;
}

/* A listed block the reporting worker would give back. */
static inline bool block_unreported(struct page *page, unsigned int order)
{
	return order >= REPORT_ORDER && !PageReported(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
				    int migratetype)
{
	list_add(&page->lru, &zone->free_area[order].free_list[migratetype]);
	/* Both counts are read without the zone lock (watermarks, page reporting). */
	WRITE_ONCE(zone->free_area[order].nr_free, zone->free_area[order].nr_free + 1);
	if (block_unreported(page, order))
		WRITE_ONCE(zone->unreported_pages, zone->unreported_pages + (1UL << order));
}

/* To the tail: a block moved between types is taken after the type's own blocks. */
static inline void move_to_free_list(struct page *page, struct zone *zone, unsigned int order,
				     int migratetype)
{
	list_move_tail(&page->lru, &zone->free_area[order].free_list[migratetype]);
}

static inline void del_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	if (block_unreported(page, order))
		WRITE_ONCE(zone->unreported_pages, zone->unreported_pages - (1UL << order));
	list_del(&page->lru);
	__ClearPageBuddy(page);
	__ClearPageReported(page);
	set_page_private(page, 0);
	page->index = 0;
	WRITE_ONCE(zone->free_area[order].nr_free, zone->free_area[order].nr_free - 1);
}

/* Free pages in isolated pageblocks are not free for allocation: not counted. */
static inline void account_free(struct zone *zone, long nr_pages, int migratetype)
{
	if (!is_migrate_isolate(migratetype))
		__atomic_fetch_add(&zone->nr_free_pages.counter, nr_pages, __ATOMIC_RELAXED);
}

/* The calling thread's direct compaction in zone that has captured nothing yet. */
static inline struct capture_control *task_capc(struct zone *zone)
{
	struct capture_control *capc = current->capture_control;

	return unlikely(capc) && !(current->flags & PF_KTHREAD) && !capc->page &&
	       capc->zone == zone ? capc : NULL;
}

/* Whether the block of order being freed goes to the compacting caller, by 6.1's rules:
 * exactly the order it waits for, never from an isolated pageblock, and below
 * pageblock_order never out of a movable one (small requests must not pollute it). */
static inline bool compaction_capture(struct capture_control *capc, struct page *page,
				      unsigned int order, int migratetype)
{
	if ((int)order != capc->order || is_migrate_isolate(migratetype))
		return false;
	if (order < pageblock_order && migratetype == MIGRATE_MOVABLE)
		return false;
	capc->page = page;
	return true;
}

/* Puts a block back, merging it with free buddies. Above pageblock_order a block merges
 * only with a buddy whose pageblock may share a list with it (not high-atomic or
 * isolated ones, unless both are of the same type). With capc, a block of its order is
 * captured instead of listed (the free buddies it took leave the free count). Returns
 * the order it ended at, or -1 if captured. */
static int __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			   unsigned int order, int migratetype, bool reported,
			   struct capture_control *capc)
{
	unsigned int freed = order;

	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = page + ((long)buddy_pfn - (long)pfn);

		if (unlikely(capc) && compaction_capture(capc, page, order, migratetype)) {
			account_free(zone, -((1L << order) - (1L << freed)), migratetype);
			page->index = 0;
			return -1;
		}

		if (!page_is_buddy(zone, buddy, order))
			break;
		if (unlikely(order >= pageblock_order)) {
			int buddy_mt = get_pfnblock_migratetype(zone, buddy_pfn);

			if (migratetype != buddy_mt && (!migratetype_is_mergeable(migratetype) ||
							!migratetype_is_mergeable(buddy_mt)))
				break;
		}
		reported = reported && PageReported(buddy);
		del_from_free_list(buddy, zone, order);
		pfn &= buddy_pfn;
		page = pfn_to_page(pfn);
		order++;
	}
	set_buddy_order(page, order);
	if (reported)
		__SetPageReported(page);
	page->index = jiffies;		/* free since: merged blocks count from now */
	add_to_free_list(page, zone, order, migratetype);
	return (int)order;
}

/* Frees a block into the list of its pageblock's type and counts it (or hands it to the
 * calling thread's direct compaction). */
static void free_to_zone(struct zone *zone, struct page *page, unsigned int order, bool reported)
{
	unsigned long pfn = page_to_pfn(page);
	int mt = get_pfnblock_migratetype(zone, pfn);

	if (__free_one_page(page, pfn, zone, order, mt, reported, task_capc(zone)) >= 0)
		account_free(zone, 1L << order, mt);
}

/* Splits a block of order high down to order low, returning the upper halves to the
 * migratetype's lists; they keep the block's free-since time and, if it was given back,
 * that state. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high,
		   int migratetype, unsigned long since, bool reported)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		set_buddy_order(&page[size], high);
		if (reported)
			__SetPageReported(&page[size]);
		page[size].index = since;
		add_to_free_list(&page[size], zone, high, migratetype);
	}
}

static inline bool deferred_blocks_left(struct zone *zone)
{
	return zone->deferred_start_pfn < zone->deferred_end_pfn;
}

/* Sets up the struct pages of the zone's next deferred block and lists it (movable, as
 * its pageblocks are). Its pages were already counted free. */
static bool carve_deferred_block(struct zone *zone)
{
	unsigned long pfn = zone->deferred_start_pfn;
	struct page *page;

	if (!deferred_blocks_left(zone))
		return false;
	zone->deferred_start_pfn += MAX_ORDER_NR_PAGES;
	memmap_init_range(pfn, MAX_ORDER_NR_PAGES, zone->node, zone_idx(zone));
	page = pfn_to_page(pfn);
	set_buddy_order(page, MAX_ORDER - 1);
	__SetPageReported(page);	/* never touched: nothing to give back */
	list_add_tail(&page->lru, &zone->free_area[MAX_ORDER - 1].free_list[MIGRATE_MOVABLE]);
	return true;
}

/* Deferred blocks count as movable blocks of the top order. */
static inline bool holds_deferred(unsigned int order, int migratetype)
{
	return order == MAX_ORDER - 1 && migratetype == MIGRATE_MOVABLE;
}

/* Whether free_area[order] holds a block of migratetype. Read without the lock by the
 * watermark check. */
static inline bool free_area_has(struct zone *zone, unsigned int order, int migratetype)
{
	return !free_area_empty(&zone->free_area[order], migratetype) ||
	       (holds_deferred(order, migratetype) && deferred_blocks_left(zone));
}

static struct page *get_page_from_free_area(struct zone *zone, unsigned int order,
					    int migratetype)
{
	struct list_head *list = &zone->free_area[order].free_list[migratetype];

	if (list_empty(list) && !(holds_deferred(order, migratetype) && carve_deferred_block(zone)))
		return NULL;
	return list_first_entry(list, struct page, lru);
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct page *page = get_page_from_free_area(zone, o, migratetype);

		if (!page)
			continue;
		unsigned long since = page->index;
		bool reported = PageReported(page);

		del_from_free_list(page, zone, o);
		expand(zone, page, order, o, migratetype, since, reported);
		if (reported)	/* kept on a per-CPU list; cleared when handed out */
			__SetPageReported(page);
		return page;
	}
	return NULL;
}

/* ---- fallback between migrate types (zone->lock held) ---- */

/* Where each type looks when its own lists are empty, in 6.1's order. */
static const int fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/* Moves the free blocks of [start_pfn, end_pfn] to migratetype's lists; counts the pages
 * that could move (*num_movable, if given). Returns the free pages moved. */
static unsigned long move_freepages(struct zone *zone, unsigned long start_pfn,
				    unsigned long end_pfn, int migratetype, int *num_movable)
{
	unsigned long moved = 0;

	if (num_movable)
		*num_movable = 0;
	for (unsigned long pfn = start_pfn; pfn <= end_pfn;) {
		struct page *page = pfn_to_page(pfn);

		if (!PageBuddy(page)) {
			/* ukmem keeps no LRU: only pages marked movable can move */
			if (num_movable && __PageMovable(page))
				(*num_movable)++;
			pfn++;
			continue;
		}
		unsigned int order = buddy_order(page);

		move_to_free_list(page, zone, order, migratetype);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

/**
 * move_freepages_block - move a pageblock's free blocks to a migrate type's lists
 * @zone: the zone of @page
 * @page: a page of the pageblock
 * @migratetype: the lists to move them to
 * @num_movable: if not NULL, set to the number of its used pages that could move
 *
 * Context: zone->lock held. Returns the free pages moved; 0 if the pageblock is not all
 * in @zone. The pageblock's type and the free counts are the caller's to change.
 */
int move_freepages_block(struct zone *zone, struct page *page, int migratetype, int *num_movable)
{
	unsigned long start = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	unsigned long end = start + pageblock_nr_pages - 1;

	if (num_movable)
		*num_movable = 0;
	if (!zone_spans_pfn(zone, start) || !zone_spans_pfn(zone, end))
		return 0;
	return (int)move_freepages(zone, start, end, migratetype, num_movable);
}

static void change_pageblock_range(struct zone *zone, unsigned long pfn, unsigned int order,
				   int migratetype)
{
	for (unsigned long n = 1UL << order; n; n -= min(n, pageblock_nr_pages)) {
		set_pfnblock_migratetype(zone, pfn, migratetype);
		pfn += pageblock_nr_pages;
	}
}

/* Whether a request of start_mt finding a block of this order in another type's list
 * should take the block's whole pageblock (6.1's rules: large blocks, and the
 * unmovable and reclaimable types, which should not scatter). */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled;
}

int find_suitable_fallback(struct zone *zone, unsigned int order, int migratetype,
			   bool only_stealable, bool *can_steal)
{
	*can_steal = false;
	if (!READ_ONCE(zone->free_area[order].nr_free))
		return -1;
	for (int i = 0; i < MIGRATE_PCPTYPES - 1; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (!free_area_has(zone, order, fallback_mt))
			continue;
		if (can_steal_fallback(order, migratetype))
			*can_steal = true;
		if (!only_stealable || *can_steal)
			return fallback_mt;
	}
	return -1;
}

/* Takes the block at page (on a fallback list) for start_type: all of its pageblocks if it
 * is that large; else, when whole_block, the free pages of its pageblock, and the
 * pageblock itself when at least half of it is free or of start_type's kind; else the
 * block alone. A high-atomic reserve is never stolen. */
static void steal_suitable_fallback(struct zone *zone, struct page *page, int start_type,
				    bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int old_block_type = get_pfnblock_migratetype(zone, page_to_pfn(page));
	int movable_pages, alike_pages;
	int free_pages;

	if (is_migrate_highatomic(old_block_type))
		goto single_page;
	if (current_order >= pageblock_order) {
		change_pageblock_range(zone, page_to_pfn(page), current_order, start_type);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;
	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = (int)pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (!free_pages)
		goto single_page;
	if (free_pages + alike_pages >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled)
		set_pfnblock_migratetype(zone, page_to_pfn(page), start_type);
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
}

/* Moves a block of another type to start_migratetype's lists: the largest one (to steal
 * whole pageblocks and keep types apart), or for a movable request that may not steal,
 * the smallest. With ALLOC_NOFRAGMENT only whole pageblocks are taken. */
static bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_migratetype,
			       unsigned int alloc_flags)
{
	unsigned int min_order = order;
	int current_order, fallback_mt = -1;
	bool can_steal = false;
	struct page *page;

	if (order < pageblock_order && (alloc_flags & ALLOC_NOFRAGMENT))
		min_order = pageblock_order;
	for (current_order = MAX_ORDER - 1; current_order >= (int)min_order; current_order--) {
		fallback_mt = find_suitable_fallback(zone, (unsigned int)current_order,
						     start_migratetype, false, &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE &&
		    current_order > (int)order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = (int)order; current_order < MAX_ORDER; current_order++) {
		fallback_mt = find_suitable_fallback(zone, (unsigned int)current_order,
						     start_migratetype, false, &can_steal);
		if (fallback_mt != -1)
			break;
	}
	if (WARN_ON_ONCE(current_order == MAX_ORDER))
		return false;

do_steal:
	page = get_page_from_free_area(zone, (unsigned int)current_order, fallback_mt);
	steal_suitable_fallback(zone, page, start_migratetype, can_steal);
	trace_mm_page_alloc_extfrag(page, order, (unsigned int)current_order, start_migratetype,
				    fallback_mt);
	return true;
}

/* A block of order for migratetype: from its own lists, else stolen from another type's. */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype,
			      unsigned int alloc_flags)
{
	struct page *page;

	do {
		page = __rmqueue_smallest(zone, order, migratetype);
	} while (!page && __rmqueue_fallback(zone, order, migratetype, alloc_flags));
	return page;
}

/* ---- isolated pageblocks (zone->lock held; policy in page_isolation.c) ---- */

int pfnblock_migratetype(struct zone *zone, unsigned long pfn)
{
	return get_pfnblock_migratetype(zone, pfn);
}

bool pageblock_initialised(struct zone *zone, unsigned long pfn)
{
	return pfn < zone->deferred_start_pfn || pfn >= zone->deferred_end_pfn;
}

/* If the pageblock at pfn lies inside a larger free block, lists that block's pageblocks
 * as separate blocks, each under its pageblock's type. */
static void split_free_block_around(struct zone *zone, unsigned long pfn)
{
	for (unsigned int order = MAX_ORDER - 1; order > pageblock_order; order--) {
		unsigned long head_pfn = pfn & ~((1UL << order) - 1);
		struct page *head = pfn_to_page(head_pfn);

		if (!zone_spans_pfn(zone, head_pfn) || !PageBuddy(head) || buddy_order(head) != order)
			continue;
		unsigned long since = head->index;
		bool reported = PageReported(head);

		del_from_free_list(head, zone, order);
		for (unsigned long p = head_pfn; p < head_pfn + (1UL << order); p += pageblock_nr_pages) {
			struct page *piece = pfn_to_page(p);

			set_buddy_order(piece, pageblock_order);
			if (reported)
				__SetPageReported(piece);
			piece->index = since;
			add_to_free_list(piece, zone, pageblock_order, get_pfnblock_migratetype(zone, p));
		}
		return;
	}
}

void pageblock_isolate_locked(struct zone *zone, struct page *page)
{
	unsigned long pfn = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	int mt = get_pfnblock_migratetype(zone, pfn);

	while (!pageblock_initialised(zone, pfn))
		carve_deferred_block(zone);
	split_free_block_around(zone, pfn);
	set_pfnblock_migratetype(zone, pfn, MIGRATE_ISOLATE);
	account_free(zone, -move_freepages_block(zone, pfn_to_page(pfn), MIGRATE_ISOLATE, NULL), mt);
	WRITE_ONCE(zone->nr_isolate_pageblock, zone->nr_isolate_pageblock + 1);
}

void pageblock_unisolate_locked(struct zone *zone, struct page *page, int migratetype)
{
	unsigned long pfn = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	struct page *head = pfn_to_page(pfn);

	if (!is_migrate_isolate(get_pfnblock_migratetype(zone, pfn)))
		return;
	set_pfnblock_migratetype(zone, pfn, migratetype);
	account_free(zone, move_freepages_block(zone, head, migratetype, NULL), migratetype);
	WRITE_ONCE(zone->nr_isolate_pageblock, zone->nr_isolate_pageblock - 1);
	/* a wholly free pageblock merges with its neighbours again */
	if (PageBuddy(head) && buddy_order(head) >= pageblock_order) {
		unsigned int order = buddy_order(head);
		bool reported = PageReported(head);

		del_from_free_list(head, zone, order);
		__free_one_page(head, pfn, zone, order, migratetype, reported, NULL);
	}
}

/* ---- the high-atomic reserve ---- */

/* After a high-order atomic allocation succeeded: reserve its pageblock for later ones,
 * up to 1% of the zone (and one pageblock). */
static void reserve_highatomic_pageblock(struct page *page, struct zone *zone)
{
	unsigned long max_managed = zone_managed_pages(zone) / 100 + pageblock_nr_pages;
	unsigned long flags;
	int mt;

	if (READ_ONCE(zone->nr_reserved_highatomic) >= max_managed)
		return;
	raw_spin_lock_irqsave(&zone->lock, flags);
	if (zone->nr_reserved_highatomic < max_managed) {
		mt = get_pfnblock_migratetype(zone, page_to_pfn(page));
		if (migratetype_is_mergeable(mt)) {
			WRITE_ONCE(zone->nr_reserved_highatomic,
				   zone->nr_reserved_highatomic + pageblock_nr_pages);
			set_pfnblock_migratetype(zone, page_to_pfn(page), MIGRATE_HIGHATOMIC);
			move_freepages_block(zone, page, MIGRATE_HIGHATOMIC, NULL);
		}
	}
	raw_spin_unlock_irqrestore(&zone->lock, flags);
}

/* Gives a reserved pageblock with free pages back to migratetype when other requests
 * fail; with force even the last one. True if free pages were moved. */
static bool unreserve_highatomic_pageblock(int highest_zoneidx, int migratetype, bool force)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		for (int zid = highest_zoneidx; zid >= 0; zid--) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[zid];
			unsigned long flags;

			if (!managed_zone(zone) ||
			    (!force && READ_ONCE(zone->nr_reserved_highatomic) <= pageblock_nr_pages))
				continue;
			raw_spin_lock_irqsave(&zone->lock, flags);
			for (unsigned int order = 0; order < MAX_ORDER; order++) {
				struct page *page = get_page_from_free_area(zone, order,
									    MIGRATE_HIGHATOMIC);

				if (!page)
					continue;
				if (is_migrate_highatomic(get_pfnblock_migratetype(zone, page_to_pfn(page))))
					WRITE_ONCE(zone->nr_reserved_highatomic,
						   zone->nr_reserved_highatomic -
						   min(pageblock_nr_pages, zone->nr_reserved_highatomic));
				set_pfnblock_migratetype(zone, page_to_pfn(page), migratetype);
				if (move_freepages_block(zone, page, migratetype, NULL)) {
					raw_spin_unlock_irqrestore(&zone->lock, flags);
					return true;
				}
			}
			raw_spin_unlock_irqrestore(&zone->lock, flags);
		}
	}
	return false;
}

/* ---- giving free memory back to the host ---- */

/**
 * zone_report_free_blocks - give a zone's settled free blocks back to the host
 * @zone: the zone
 * @min_age: jiffies a block must have been free to be given back (0: every block)
 *
 * Takes the unreported free blocks of order >= page_reporting_order that have been free
 * for @min_age off the lists, punches them out of the memory file with the zone lock
 * dropped (they read as zeros when next used), and puts them back marked reported.
 * Context: process context; takes zone->lock. Returns the pages still waiting (younger
 * blocks, or blocks freed meanwhile).
 */
atomic_long_t nr_pages_reported;

unsigned long zone_report_free_blocks(struct zone *zone, unsigned long min_age)
{
	LIST_HEAD(batch);
	unsigned long flags, now = jiffies, waiting;

	raw_spin_lock_irqsave(&zone->lock, flags);
	WRITE_ONCE(zone->report_after, now + URGENT_REPORT_DELAY);
	for (unsigned int o = REPORT_ORDER; o < MAX_ORDER; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page, *next;

			if (is_migrate_isolate(mt))
				continue;
			list_for_each_entry_safe(page, next, &zone->free_area[o].free_list[mt], lru) {
				if (PageReported(page) || time_before(now, page->index + min_age))
					continue;
				del_from_free_list(page, zone, o);
				set_page_private(page, o);	/* remember the order while off the lists */
				list_add(&page->lru, &batch);
				account_free(zone, -(1L << o), mt);
			}
		}
	}
	raw_spin_unlock_irqrestore(&zone->lock, flags);

	struct page *page, *next;

	list_for_each_entry(page, &batch, lru) {
		physmem_discard(PFN_PHYS(page_to_pfn(page)), PAGE_SIZE << page_private(page));
		atomic_long_add(1L << page_private(page), &nr_pages_reported);
	}

	raw_spin_lock_irqsave(&zone->lock, flags);
	list_for_each_entry_safe(page, next, &batch, lru) {
		unsigned int o = (unsigned int)page_private(page);

		list_del(&page->lru);
		free_to_zone(zone, page, o, true);
	}
	waiting = zone->unreported_pages;
	raw_spin_unlock_irqrestore(&zone->lock, flags);
	return waiting;
}

/* No report from a free path in zone for the next URGENT_REPORT_DELAY: compaction's
 * frees (the pages it moved from) leave the giving back to the reporting worker, as
 * Linux's do, rather than punching holes in the middle of its run. */
void zone_defer_urgent_report(struct zone *zone)
{
	WRITE_ONCE(zone->report_after, jiffies + URGENT_REPORT_DELAY);
}

/* After a free: when a quarter of the zone waits to be given back (a program dropped
 * most of its memory), it goes at once, at most once per second; otherwise the page
 * reporting worker is asked to look later, so that blocks freed and soon reused (an
 * allocation loop) are not punched and refaulted. */
static void after_free(struct zone *zone)
{
	unsigned long pending = READ_ONCE(zone->unreported_pages);

	wake_free_memory_waiters();
	if (!pending)
		return;
	if (pending >= zone_managed_pages(zone) / 4 &&
	    time_after_eq(jiffies, READ_ONCE(zone->report_after)))
		zone_report_free_blocks(zone, 0);
	else
		page_reporting_notify_free();
}

/* ---- zone-level free and bulk moves ---- */

static void free_one_page(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&zone->lock, flags);
	free_to_zone(zone, page, order, false);
	raw_spin_unlock_irqrestore(&zone->lock, flags);
	after_free(zone);
}

/* Moves up to count blocks of order and migratetype from the zone onto list; returns how
 * many. */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count, struct list_head *list,
			int migratetype, unsigned int alloc_flags)
{
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, migratetype, alloc_flags);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	__atomic_fetch_sub(&zone->nr_free_pages.counter, (long)i << order, __ATOMIC_RELAXED);
	raw_spin_unlock_irqrestore(&zone->lock, flags);
	return i;
}

/* The per-CPU list of an order and a migrate type (one of MIGRATE_PCPTYPES). */
static inline unsigned int order_to_pindex(int migratetype, unsigned int order)
{
	return MIGRATE_PCPTYPES * order + (unsigned int)migratetype;
}

static inline unsigned int pindex_to_order(unsigned int pindex)
{
	return pindex / MIGRATE_PCPTYPES;
}

/* Returns pages from a per-CPU list to the zone until count pages went (pcp locked); each
 * goes to the list of its pageblock's type now (a high-atomic page back to the reserve). */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	unsigned long flags;
	unsigned int pindex = 0;

	raw_spin_lock_irqsave(&zone->lock, flags);
	while (count > 0 && pcp->count > 0) {
		struct list_head *head = &pcp->lists[pindex];
		unsigned int order = pindex_to_order(pindex);

		if (list_empty(head)) {
			pindex = (pindex + 1) % NR_PCP_LISTS;
			continue;
		}
		struct page *page = list_last_entry(head, struct page, lru);
		bool reported = PageReported(page);	/* never handed out since */

		list_del(&page->lru);
		__ClearPageReported(page);
		pcp->count -= 1 << order;
		count -= 1 << order;
		free_to_zone(zone, page, order, reported);
	}
	raw_spin_unlock_irqrestore(&zone->lock, flags);
}

static inline struct per_cpu_pages *this_cpu_pcp(struct zone *zone)
{
	return &zone->per_cpu_pageset[cpu_current()];
}

/* ---- who holds a CPU's lists ----
 * A thread takes the lists of the CPU it runs on without waiting, and without a locked
 * instruction when the host has restartable sequences (host/rseq.h): then a thread that
 * is pinned to a virtual CPU, or runs on a host CPU beyond the machine's, takes none and
 * uses the zone's own path. Without them every taker uses an atomic exchange, as in
 * Linux. Lists held by a drain or by an owner that was preempted are not waited for:
 * the zone's own path serves instead. Drains, census and fork take lists from any CPU,
 * waiting, with pcp_lock_remote(). */
static bool pcp_rseq;

static __always_inline struct per_cpu_pages *pcp_trylock_this_cpu(struct zone *zone)
{
	struct per_cpu_pages *pcp;

	if (HOST_RSEQ_POSSIBLE && likely(pcp_rseq)) {
		int cpu = host_current_cpu();

		if (unlikely(ukmem_current_task.ukmem_cpu_pin || (unsigned int)cpu >= nr_cpu_ids))
			return NULL;
		pcp = &zone->per_cpu_pageset[cpu];
		return host_rseq_cpu_trylock(&pcp->lock.raw_lock.locked, cpu) ? pcp : NULL;
	}
	pcp = this_cpu_pcp(zone);
	return arch_spin_trylock(&pcp->lock.raw_lock) ? pcp : NULL;
}

static inline void pcp_unlock(struct per_cpu_pages *pcp)
{
	arch_spin_unlock(&pcp->lock.raw_lock);
}

/**
 * pcp_lock_remote - take a CPU's per-CPU page lists from any thread, waiting for them
 * @zone: the zone
 * @cpu: the virtual CPU whose lists are taken
 *
 * Context: process context; may spin while the lists' owner is preempted. Release with
 * pcp_unlock_remote(). With restartable sequences, host_rseq_lock_remote() takes them
 * (the takers from other CPUs serialised by the lists' second lock).
 */
struct per_cpu_pages *pcp_lock_remote(struct zone *zone, unsigned int cpu)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
	int *word = &pcp->lock.raw_lock.locked, err;

	if (!pcp_rseq) {
		arch_spin_lock(&pcp->lock.raw_lock);
		return pcp;
	}
	arch_spin_lock(&pcp->ukmem_remote);
	err = host_rseq_lock_remote(word, (int)cpu);
	WARN_ONCE(err, "page allocator: membarrier failed (%d)\n", err);
	return pcp;
}

void pcp_unlock_remote(struct per_cpu_pages *pcp)
{
	arch_spin_unlock(&pcp->lock.raw_lock);
	if (pcp_rseq)
		arch_spin_unlock(&pcp->ukmem_remote);
}

/* From the zone's lists: a high-order atomic request first from the high-atomic reserve;
 * an atomic or OOM request that finds nothing else may take from it too. */
static struct page *rmqueue_buddy(struct zone *zone, unsigned int order, int migratetype,
				  unsigned int alloc_flags)
{
	unsigned long flags;
	struct page *page = NULL;

	raw_spin_lock_irqsave(&zone->lock, flags);
	if (alloc_flags & ALLOC_HIGHATOMIC)
		page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	if (!page) {
		page = __rmqueue(zone, order, migratetype, alloc_flags);
		if (!page && (alloc_flags & (ALLOC_OOM | ALLOC_NON_BLOCK)))
			page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	}
	if (page) {
		__ClearPageReported(page);
		__atomic_fetch_sub(&zone->nr_free_pages.counter, 1L << order, __ATOMIC_RELAXED);
	}
	raw_spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

static struct page *rmqueue(struct zone *zone, unsigned int order, int migratetype,
			    unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page;

	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return rmqueue_buddy(zone, order, migratetype, alloc_flags);
	pcp = pcp_trylock_this_cpu(zone);
	if (!pcp)
		return rmqueue_buddy(zone, order, migratetype, alloc_flags);
	list = &pcp->lists[order_to_pindex(migratetype, order)];
	if (list_empty(list)) {
		int batch = max(pcp->batch >> order, 2);

		pcp->count += rmqueue_bulk(zone, order, batch, list, migratetype, alloc_flags) << order;
		if (list_empty(list)) {
			pcp_unlock(pcp);
			return rmqueue_buddy(zone, order, migratetype, alloc_flags);
		}
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	__ClearPageReported(page);
	pcp->count -= 1 << order;
	pcp_unlock(pcp);
	return page;
}

/* To this CPU's list of the pageblock's type (a high-atomic page to the movable list,
 * it returns to the reserve when drained); a page of an isolated pageblock straight to
 * the zone. */
static void free_unref_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	int migratetype = get_pfnblock_migratetype(zone, page_to_pfn(page));

	if (unlikely(migratetype >= MIGRATE_PCPTYPES)) {
		if (is_migrate_isolate(migratetype)) {
			free_one_page(zone, page, order);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}
	pcp = pcp_trylock_this_cpu(zone);
	if (!pcp) {
		free_one_page(zone, page, order);
		return;
	}
	list_add(&page->lru, &pcp->lists[order_to_pindex(migratetype, order)]);
	pcp->count += 1 << order;
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->count - pcp->high + pcp->batch, pcp);
	pcp_unlock(pcp);
	after_free(zone);
}

static void drain_zone_pages(struct zone *zone, unsigned int cpu)
{
	struct per_cpu_pages *pcp = pcp_lock_remote(zone, cpu);

	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	pcp_unlock_remote(pcp);
}

void drain_all_pages(struct zone *only)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			if ((only && zone != only) || !zone->per_cpu_pageset)
				continue;
			for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
				drain_zone_pages(zone, cpu);
		}
	}
	kmalloc_large_drain();	/* the large kmalloc blocks kept after kfree() */
}

void drain_local_pages(struct zone *only)
{
	unsigned int cpu = cpu_current();

	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			if ((!only || zone == only) && zone->per_cpu_pageset)
				drain_zone_pages(zone, cpu);
	}
}

/* ---- preparing and checking pages ---- */

static const char *page_bad_reason_at_prep(struct page *page)
{
	if (page_mapcount(page) != 0)
		return "nonzero mapcount";
	if (page->mapping)
		return "non-NULL mapping";
	if (page_ref_count(page) != 0)
		return "nonzero _refcount";
	if (page->flags & PAGE_FLAGS_CHECK_AT_PREP)
		return "PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
	return NULL;
}

static void clear_block(struct page *page, unsigned int order)
{
	memset(page_address(page), 0, PAGE_SIZE << order);
}

static void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order;

	__SetPageHead(page);
	for (unsigned long i = 1; i < nr; i++) {
		page[i].mapping = NULL;
		WRITE_ONCE(page[i].compound_head, (unsigned long)page + 1);
	}
	page[1].compound_dtor = 1;
	page[1].compound_order = (unsigned char)order;
	page[1].compound_mapcount.counter = -1;
	page[1].compound_pincount.counter = 0;
	page[1].compound_nr = (unsigned int)nr;
}

static inline void set_alloc_order(struct page *page, unsigned int order)
{
	page->flags = (page->flags & ~UKMEM_PG_ORDER_MASK) |
		      ((unsigned long)(order + 1) << UKMEM_PG_ORDER_SHIFT);
}

static inline int get_alloc_order(const struct page *page)
{
	return (int)((page->flags & UKMEM_PG_ORDER_MASK) >> UKMEM_PG_ORDER_SHIFT) - 1;
}

/* False if the block is bad: it was reported and must not be used. */
static bool prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	const char *bad = page_bad_reason_at_prep(page);

	if (unlikely(bad)) {
		bad_page(page, bad);
		return false;
	}
	ukmem_track_unpoison(page_address(page), PAGE_SIZE << order);
	kernel_unpoison_pages(page, 1 << order);
	set_page_count(page, 1);
	if (want_init_on_alloc(gfp))
		clear_block(page, order);
	if (order && (gfp & __GFP_COMP))
		prep_compound_page(page, order);
	else
		set_alloc_order(page, order);
	return true;
}

/* ---- free blocks taken for compaction ---- */

/**
 * isolate_free_block - takes a free block off the free lists for compaction's free scanner
 * @zone: the block's zone, whose lock the caller holds
 * @page: a PageBuddy block head of @order
 * @order: its order
 *
 * Refuses if that would leave the zone below its min watermark (plus the block), as
 * 6.1's __isolate_free_page does; a block of half a pageblock or more makes its
 * pageblocks movable. Hand the block to prep_isolated_block() after dropping the lock.
 * Return: true if taken.
 */
bool isolate_free_block(struct zone *zone, struct page *page, unsigned int order)
{
	int mt = get_pfnblock_migratetype(zone, page_to_pfn(page));

	if (!is_migrate_isolate(mt) &&
	    !zone_watermark_ok(zone, 0, min_wmark_pages(zone) + (1UL << order), 0, ALLOC_CMA))
		return false;
	del_from_free_list(page, zone, order);
	account_free(zone, -(1L << order), mt);
	if (order >= pageblock_order - 1) {
		for (struct page *p = page; p < page + (1UL << order); p += pageblock_nr_pages) {
			int bmt = get_pfnblock_migratetype(zone, page_to_pfn(p));

			if (!is_migrate_isolate(bmt) && !is_migrate_highatomic(bmt))
				set_pfnblock_migratetype(zone, page_to_pfn(p), MIGRATE_MOVABLE);
		}
	}
	return true;
}

/**
 * prep_isolated_block - makes a block isolate_free_block() took into order-0 pages
 * @page: the block head
 * @order: its order
 * @list: the pages are added to its tail, each with one reference
 *
 * Context: any, no lock needed. Return: the pages added (0 if the block was bad).
 */
unsigned long prep_isolated_block(struct page *page, unsigned int order, struct list_head *list)
{
	if (!prep_new_page(page, order, 0))
		return 0;
	split_page(page, order);
	for (unsigned long i = 0; i < (1UL << order); i++)
		list_add_tail(&page[i].lru, list);
	return 1UL << order;
}

/* The order of a free block at page (zone->lock held), or 0 if it is none. */
unsigned int free_block_order(struct zone *zone, struct page *page)
{
	return PageBuddy(page) ? buddy_order(page) : 0;
}

/* ---- the allocation path ---- */

static inline int gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

bool zone_watermark_ok(struct zone *zone, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	long min = (long)mark;
	long free = __atomic_load_n(&zone->nr_free_pages.counter, __ATOMIC_RELAXED);

	/* The high-atomic reserve is not free for requests that may not use it. */
	free -= (1L << order) - 1;
	if (likely(!(alloc_flags & ALLOC_RESERVES)))
		free -= (long)READ_ONCE(zone->nr_reserved_highatomic);
	if (unlikely(alloc_flags & ALLOC_RESERVES)) {
		if (alloc_flags & ALLOC_MIN_RESERVE) {
			min -= min / 2;
			if (alloc_flags & ALLOC_NON_BLOCK)
				min -= min / 4;
		}
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
	}
	if (free <= min + zone->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	/* A block of the order must be free in a list the request may take from. */
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		if (!READ_ONCE(zone->free_area[o].nr_free))
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (free_area_has(zone, o, mt))
				return true;
		if ((alloc_flags & (ALLOC_HIGHATOMIC | ALLOC_OOM)) &&
		    !free_area_empty(&zone->free_area[o], MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
}

/* NUMA hit/miss counts live with the CPU's list, as the kernel's per-CPU vm events do:
 * a plain increment of a CPU-local line, not an atomic on the shared zone. A thread
 * moved to another CPU in between may lose one count; these are statistics. */
static inline void count_numa_event(struct zone *zone, bool miss)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);

	if (miss)
		data_race(pcp->numa_miss++);
	else
		data_race(pcp->numa_hit++);
}

/* Tries the zones from the preferred node's highest allowed one down, then the other
 * nodes'. With ALLOC_NOFRAGMENT a request first avoids splitting other types'
 * pageblocks anywhere, then tries again allowing it. */
static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					   int preferred_nid)
{
	int highest = gfp_zone(gfp), migratetype = gfp_migratetype(gfp);

retry:
	for (int i = 0; i < nr_online_nodes; i++) {
		int nid = (preferred_nid + i) % nr_online_nodes;

		if (i && (gfp & __GFP_THISNODE))
			break;
		for (int zid = highest; zid >= 0; zid--) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[zid];
			struct page *page;

			if (!managed_zone(zone))
				continue;
			if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
			    !zone_watermark_ok(zone, order,
					       zone->_watermark[alloc_flags & ALLOC_WMARK_MASK],
					       highest, alloc_flags))
				continue;
			while ((page = rmqueue(zone, order, migratetype, alloc_flags))) {
				if (prep_new_page(page, order, gfp)) {
					count_numa_event(zone, i != 0);
					if (unlikely(alloc_flags & ALLOC_HIGHATOMIC))
						reserve_highatomic_pageblock(page, zone);
					return page;
				}
			}
		}
	}
	if (alloc_flags & ALLOC_NOFRAGMENT) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		goto retry;
	}
	return NULL;
}

/* Direct compaction, then the free lists again; counts compact_stall and its outcome
 * when compaction ran, as 6.1's __alloc_pages_direct_compact. */
static struct page *alloc_direct_compact(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					 int nid, enum compact_priority prio,
					 enum compact_result *result)
{
	struct page *page = NULL;

	*result = try_to_compact_pages(gfp, order, alloc_flags, nid, gfp_zone(gfp), prio, &page);
	if (*result <= COMPACT_DEFERRED)
		return NULL;
	count_vm_event(COMPACTSTALL);
	if (page && !prep_new_page(page, order, gfp))
		page = NULL;		/* a captured block that is bad was reported */
	if (!page)
		page = get_page_from_freelist(gfp, order, alloc_flags, nid);
	if (page) {
		WRITE_ONCE(page_zone(page)->compact_blockskip_flush, false);
		compaction_defer_reset(page_zone(page), (int)order, true);
		count_vm_event(COMPACTSUCCESS);
	} else {
		count_vm_event(COMPACTFAIL);
	}
	return page;
}

/* The fast path avoids fragmenting ZONE_NORMAL when ZONE_DMA32 could serve instead
 * (6.1's alloc_flags_nofragment): requests whose first zone is ZONE_NORMAL, on a node
 * whose ZONE_NORMAL is managed (and, with several nodes, whose ZONE_DMA32 is populated).
 * Zones do not change after boot, so the node's answer is taken once, at boot. */
static bool node_nofragment[MAX_NUMNODES];

static void init_node_nofragment(int nid)
{
	struct zone *normal = &NODE_DATA(nid)->node_zones[ZONE_NORMAL];

	node_nofragment[nid] = managed_zone(normal) &&
			       (nr_online_nodes == 1 || populated_zone(normal - 1));
}

static inline unsigned int alloc_flags_nofragment(gfp_t gfp, int nid)
{
	unsigned int alloc_flags = (gfp & __GFP_KSWAPD_RECLAIM) ? ALLOC_KSWAPD : 0;

	if (gfp_zone(gfp) == ZONE_NORMAL && node_nofragment[nid])
		alloc_flags |= ALLOC_NOFRAGMENT;
	return alloc_flags;
}

/* How hard the slow path may dig into reserves, by 6.1's rules: __GFP_HIGH half the min
 * reserve; a request that cannot block a quarter more, and at order > 0 with __GFP_HIGH
 * the high-atomic reserve; __GFP_MEMALLOC or PF_MEMALLOC no watermark at all. */
static unsigned int gfp_to_alloc_flags(gfp_t gfp, unsigned int order)
{
	unsigned int flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	if (gfp & __GFP_HIGH)
		flags |= ALLOC_MIN_RESERVE;
	if (gfp & __GFP_KSWAPD_RECLAIM)
		flags |= ALLOC_KSWAPD;
	if (!(gfp & __GFP_DIRECT_RECLAIM)) {
		if (!(gfp & __GFP_NOMEMALLOC)) {
			flags |= ALLOC_NON_BLOCK;
			if (order > 0 && (flags & ALLOC_MIN_RESERVE))
				flags |= ALLOC_HIGHATOMIC;
		}
		if (flags & ALLOC_MIN_RESERVE)
			flags &= ~ALLOC_CPUSET;
	}
	if (!(gfp & __GFP_NOMEMALLOC) &&
	    ((gfp & __GFP_MEMALLOC) || (current->flags & PF_MEMALLOC)))
		flags |= ALLOC_NO_WATERMARKS;
	return flags;
}

#define MAX_RECLAIM_RETRIES	16
#define DEF_PRIORITY		12
#define FREE_MEMORY_WAIT	(HZ / 100 > 0 ? HZ / 100 : 1)	/* ~10 ms per round */

/* The allocator's answer when the free lists cannot serve a request, by Linux 6.1's
 * rules: atomic requests fail (they already had the reserves they may use); requests
 * that may reclaim run reclaim rounds -- per-CPU lists, shrinkers, empty slabs -- and
 * between rounds sleep until memory is freed; __GFP_NORETRY gives up after one round,
 * costly orders without __GFP_RETRY_MAYFAIL after one round too; after
 * MAX_RECLAIM_RETRIES rounds without progress a small request goes to the OOM path,
 * and only __GFP_NOFAIL keeps going after that. */
static struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order, int nid)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp, order);
	bool can_reclaim = gfpflags_allow_blocking(gfp);
	bool costly = order > PAGE_ALLOC_COSTLY_ORDER, drained = false;
	int priority = DEF_PRIORITY, no_progress = 0;
	enum compact_priority compact_prio = INIT_COMPACT_PRIORITY;
	enum compact_result compact_result;
	struct page *page;

	if (gfp & __GFP_NOFAIL) {
		WARN_ON_ONCE(!can_reclaim);
		WARN_ON_ONCE(order > PAGE_ALLOC_COSTLY_ORDER);
	}
	if (order && (gfp & __GFP_KSWAPD_RECLAIM))
		wakeup_kcompactd(nid, (int)order, gfp_zone(gfp));
	/* Costly orders, and small ones that must not fragment movable pageblocks, try
	 * compaction before reclaim: reclaim frees pages, not blocks. */
	if (can_reclaim && (costly || (order && gfp_migratetype(gfp) != MIGRATE_MOVABLE))) {
		page = get_page_from_freelist(gfp, order, alloc_flags, nid);
		if (!page)
			page = alloc_direct_compact(gfp, order, alloc_flags, nid, compact_prio,
						    &compact_result);
		if (page)
			return page;
		if (costly && (gfp & __GFP_NORETRY) &&
		    (compact_result == COMPACT_SKIPPED || compact_result == COMPACT_DEFERRED))
			goto nopage;
	}
	for (;;) {
		unsigned long seq;

		page = get_page_from_freelist(gfp, order, alloc_flags, nid);
		if (page || !can_reclaim)
			break;
		if (try_to_free_pages(gfp, order, nid, priority))
			no_progress = 0;
		else
			no_progress++;
		priority = max(priority - 1, 0);
		seq = free_memory_wait_prepare();
		page = get_page_from_freelist(gfp, order, alloc_flags, nid);
		if (!page && order) {
			page = alloc_direct_compact(gfp, order, alloc_flags, nid, compact_prio,
						    &compact_result);
			if (compact_prio > (costly ? MIN_COMPACT_COSTLY_PRIORITY : MIN_COMPACT_PRIORITY))
				compact_prio--;
		}
		if (!page && !drained) {
			/* reclaim freed nothing usable: spare reserves go back first */
			unreserve_highatomic_pageblock(gfp_zone(gfp), gfp_migratetype(gfp), false);
			drained = true;
			page = get_page_from_freelist(gfp, order, alloc_flags, nid);
		}
		if (page || (gfp & __GFP_NORETRY) ||
		    (costly && !(gfp & (__GFP_RETRY_MAYFAIL | __GFP_NOFAIL)))) {
			free_memory_wait_finish(seq, 0);
			break;
		}
		if (no_progress >= MAX_RECLAIM_RETRIES &&
		    unreserve_highatomic_pageblock(gfp_zone(gfp), gfp_migratetype(gfp), true)) {
			no_progress = 0;	/* the last reserves, before the OOM path */
			free_memory_wait_finish(seq, 0);
			continue;
		}
		if (no_progress >= MAX_RECLAIM_RETRIES) {
			bool freed = !costly && !(gfp & __GFP_RETRY_MAYFAIL) && out_of_memory(gfp, order);

			no_progress = 0;
			if (!freed && !(gfp & __GFP_NOFAIL)) {
				free_memory_wait_finish(seq, 0);
				break;
			}
		}
		free_memory_wait_finish(seq, FREE_MEMORY_WAIT);
	}
	if (page)
		return page;
nopage:
	warn_alloc(gfp, "page allocation failure: order:%u", order);
	return NULL;
}

/**
 * __alloc_pages - allocate a block of 1 << @order physically contiguous pages
 * @gfp: GFP flags: the zone (__GFP_DMA, __GFP_DMA32), the mobility (__GFP_MOVABLE,
 *       __GFP_RECLAIMABLE), how hard to try (__GFP_DIRECT_RECLAIM, __GFP_NORETRY,
 *       __GFP_RETRY_MAYFAIL, __GFP_NOFAIL), __GFP_ZERO, __GFP_COMP
 * @order: the block's order, below MAX_ORDER
 * @preferred_nid: the node tried first (an invalid one becomes node 0)
 * @nodemask: ignored (every node is allowed)
 *
 * Tries the free lists above the low watermark, then the slow path: kcompactd is woken,
 * reserves are dipped into as @gfp allows, and a caller that may sleep goes through
 * direct compaction, reclaim, draining and finally the OOM killer, as Linux 6.1 does.
 * Context: any context if @gfp does not allow blocking (GFP_ATOMIC, GFP_NOWAIT);
 * otherwise process context, and it may sleep. Return: the block's first page with one
 * reference, or NULL (with a "page allocation failure" warning unless __GFP_NOWARN).
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, void *nodemask)
{
	struct page *page;

	ukmem_ensure_booted();
	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	might_sleep_if(gfpflags_allow_blocking(gfp));
	/* Callers must not ask for more than order-1 units with __GFP_NOFAIL. */
	WARN_ON_ONCE((gfp & __GFP_NOFAIL) && order > 1);
	if (preferred_nid < 0 || preferred_nid >= nr_online_nodes)
		preferred_nid = 0;
	if (should_fail_alloc_page(gfp, order))
		return NULL;
	page = get_page_from_freelist(gfp, order,
				      ALLOC_WMARK_LOW | alloc_flags_nofragment(gfp, preferred_nid),
				      preferred_nid);
	if (unlikely(!page))
		page = alloc_pages_slowpath(gfp, order, preferred_nid);
	if (page)
		trace_mm_page_alloc(page, order, gfp);
	return page;
}
EXPORT_SYMBOL(__alloc_pages);

/**
 * alloc_pages - allocate 1 << @order contiguous pages, preferring this CPU's node
 * @gfp: GFP flags, as for __alloc_pages()
 * @order: the block's order
 *
 * Context: as __alloc_pages(): may sleep only if @gfp allows blocking.
 * Return: the first page with one reference, or NULL.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, numa_node_id(), NULL);
}
EXPORT_SYMBOL(alloc_pages);

/**
 * alloc_pages_node - allocate 1 << @order contiguous pages, preferring node @nid
 * @nid: the node tried first; NUMA_NO_NODE means this CPU's node
 * @gfp: GFP flags (__GFP_THISNODE: no other node)
 * @order: the block's order
 *
 * Context: as __alloc_pages(): may sleep only if @gfp allows blocking.
 * Return: the first page with one reference, or NULL.
 */
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	if (nid == NUMA_NO_NODE)
		nid = numa_node_id();
	return __alloc_pages(gfp, order, nid, NULL);
}
EXPORT_SYMBOL(alloc_pages_node);

/**
 * __get_free_pages - allocate 1 << @order contiguous pages and return their address
 * @gfp: GFP flags (__GFP_HIGHMEM is dropped: the block must be in the direct map)
 * @order: the block's order
 *
 * Context: as __alloc_pages(): may sleep only if @gfp allows blocking.
 * Return: the block's direct-map address, or 0. Free it with free_pages().
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}
EXPORT_SYMBOL(__get_free_pages);

/**
 * get_zeroed_page - allocate one zeroed page and return its address
 * @gfp: GFP flags
 *
 * Context: as __alloc_pages(): may sleep only if @gfp allows blocking.
 * Return: the page's direct-map address, or 0. Free it with free_page().
 */
unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}
EXPORT_SYMBOL(get_zeroed_page);

/* ---- the free path ---- */

enum put_result { PUT_LAST, PUT_MORE, PUT_BAD };

/* Drops one reference; a put below zero is reported and changes nothing (the count is
 * restored at once: only a buggy caller can ever see it below zero). */
static enum put_result page_put_ref(struct page *page)
{
	int old = __atomic_fetch_sub(&page->_refcount.counter, 1, __ATOMIC_ACQ_REL);

	if (unlikely(old <= 0)) {
		__atomic_fetch_add(&page->_refcount.counter, 1, __ATOMIC_RELAXED);
		bad_page(page, "VM_BUG_ON_PAGE(page_ref_count(page) == 0)");
		return PUT_BAD;
	}
	return old == 1 ? PUT_LAST : PUT_MORE;
}

/**
 * put_page_testzero - drop a reference to @page and say whether it was the last
 * @page: a page with at least one reference
 *
 * The page is not freed: the caller that sees true frees it. A drop below zero is
 * reported as a bad page ("VM_BUG_ON_PAGE(page_ref_count(page) == 0)") and undone.
 * Context: any; one atomic operation, no lock.
 * Return: true if the count reached zero.
 */
bool put_page_testzero(struct page *page)
{
	return page_put_ref(page) == PUT_LAST;
}
EXPORT_SYMBOL(put_page_testzero);

static const char *page_bad_reason_at_free(struct page *page, unsigned int order)
{
	static __thread char why[96];

	if (page_mapcount(page) != 0)
		return "nonzero mapcount";
	if (page->mapping && !PageTail(page))
		return "non-NULL mapping";
	if (page->flags & PAGE_FLAGS_CHECK_AT_FREE)
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	if (PageHead(page)) {
		if (compound_order(page) != order) {
			snprintf(why, sizeof(why), "freed with order %u, compound order %u",
				 order, compound_order(page));
			return why;
		}
		return NULL;
	}
	int allocated = get_alloc_order(page);

	if (allocated < 0)
		return "freed page was not allocated as a block";
	if ((unsigned int)allocated != order) {
		snprintf(why, sizeof(why), "freed with order %u, allocated with order %d",
			 order, allocated);
		return why;
	}
	return NULL;
}

/* Checks a block whose last reference went and resets it for the free lists. */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	const char *bad;

	/* a movable or anonymous page's tag is no mapping (as 6.1 clears it here) */
	if (!PageTail(page) && PageMappingFlags(page))
		page->mapping = NULL;
	bad = page_bad_reason_at_free(page, order);

	if (unlikely(bad)) {
		bad_page(page, bad);
		return false;
	}
	if (PageHead(page)) {
		for (unsigned long i = 1; i < (1UL << order); i++) {
			page[i].compound_head = 0;
			page[i].mapping = NULL;
		}
		page[1].compound_order = 0;
		page[1].compound_nr = 0;
		page[1].compound_mapcount.counter = 0;
		page[1].compound_pincount.counter = 0;
	}
	page->flags &= ~(PAGE_FLAGS_CHECK_AT_PREP | UKMEM_PG_ORDER_MASK);
	page->mapping = NULL;
	set_page_private(page, 0);
	if (want_init_on_free())
		clear_block(page, order);
	kernel_poison_pages(page, 1 << order);
	ukmem_track_poison(page_address(page), PAGE_SIZE << order);
	return true;
}

static void free_the_page(struct page *page, unsigned int order)
{
	if (!free_pages_prepare(page, order))
		return;
	trace_mm_page_free(page, order);
	if (order <= PAGE_ALLOC_COSTLY_ORDER)
		free_unref_page(page, order);
	else
		free_one_page(page_zone(page), page, order);
}

/**
 * __free_pages - drop a reference to a block of 1 << @order pages, freeing it if last
 * @page: the block's first page, as the allocation returned it
 * @order: the order it was allocated with
 *
 * As in Linux 6.1, if someone else still holds the first page of a non-compound block,
 * the rest of the block is freed now and the first page when its last reference goes.
 * A block freed with the wrong order, or twice, is reported as a bad page and not freed.
 * Context: any (interrupts, spinlocks held); never sleeps. Orders 0 to
 * PAGE_ALLOC_COSTLY_ORDER go to this CPU's per-CPU lists, larger blocks to the zone
 * under its lock.
 */
void __free_pages(struct page *page, unsigned int order)
{
	bool head = PageHead(page);

	switch (page_put_ref(page)) {
	case PUT_LAST:
		free_the_page(page, order);
		break;
	case PUT_MORE:
		/* Someone else holds the first page of a non-compound block: free the rest. */
		if (!head && get_alloc_order(page) == (int)order) {
			while (order-- > 0) {
				set_page_count(page + (1UL << order), 1);
				set_alloc_order(page + (1UL << order), order);
				free_the_page(page + (1UL << order), order);
			}
			set_alloc_order(page, 0);
		}
		break;
	case PUT_BAD:
		break;
	}
}
EXPORT_SYMBOL(__free_pages);

/**
 * free_pages - free a block by its direct-map address
 * @addr: the address __get_free_pages() returned, or 0 (nothing happens)
 * @order: the order it was allocated with
 *
 * Context: any; never sleeps. An address outside the direct map is warned about and
 * not freed.
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_addr_valid(addr)) {
		WARN(1, "free_pages: 0x%lx is not an address of the direct map\n", addr);
		return;
	}
	__free_pages(virt_to_page(addr), order);
}
EXPORT_SYMBOL(free_pages);

/**
 * get_page - take a reference to a page (its compound head's, for a compound page)
 * @page: a page in use
 *
 * A page held so is never freed nor moved by compaction until put_page().
 * Context: any; one atomic increment. A page with no reference is warned about and
 * not taken.
 */
void get_page(struct page *page)
{
	page = compound_head(page);
	if (WARN_ON_ONCE(page_ref_count(page) <= 0))
		return;
	page_ref_inc(page);
}
EXPORT_SYMBOL(get_page);

/**
 * get_page_unless_zero - take a reference to a page unless it has none
 * @page: any page (it may be free, or frozen by a migration in progress)
 *
 * Context: any; lock-free (a compare-and-swap loop).
 * Return: true if a reference was taken.
 */
bool get_page_unless_zero(struct page *page)
{
	int old = page_ref_count(page);

	do {
		if (old <= 0)
			return false;
	} while (!__atomic_compare_exchange_n(&page->_refcount.counter, &old, old + 1, true,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return true;
}
EXPORT_SYMBOL(get_page_unless_zero);

/**
 * put_page - drop a reference to a page, freeing its block when it was the last
 * @page: a page (of a compound page: the reference is the head's)
 *
 * Context: any; never sleeps.
 */
void put_page(struct page *page)
{
	struct page *head = compound_head(page);

	if (page_put_ref(head) == PUT_LAST)
		free_the_page(head, PageHead(head) ? compound_order(head) :
				    (unsigned int)max(get_alloc_order(head), 0));
}
EXPORT_SYMBOL(put_page);

/**
 * split_page - make a non-compound block into 1 << @order order-0 pages
 * @page: the block's first page
 * @order: its order
 *
 * Each page gets a reference of its own and can then be freed on its own. A compound
 * page is warned about and left as it is.
 * Context: any; the caller owns the block, so nothing is locked.
 */
void split_page(struct page *page, unsigned int order)
{
	if (WARN_ON_ONCE(PageCompound(page)))
		return;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		if (i)
			set_page_count(page + i, 1);
		set_alloc_order(page + i, 0);
	}
}
EXPORT_SYMBOL_GPL(split_page);

/* ---- exact-size allocations ---- */

static void *make_alloc_exact(unsigned long addr, unsigned int order, size_t size)
{
	if (addr) {
		unsigned long used = addr + PAGE_ALIGN(size), end = addr + (PAGE_SIZE << order);
		struct page *page = virt_to_page(addr);

		/* Become order-0 pages; the unused tail goes straight back. */
		split_page(page, order);
		for (; used < end; used += PAGE_SIZE)
			free_page(used);
	}
	return (void *)addr;
}

/**
 * alloc_pages_exact - allocate physically contiguous pages for exactly @size bytes
 * @size: the bytes wanted
 * @gfp: GFP flags (__GFP_COMP and __GFP_HIGHMEM are warned about and dropped)
 *
 * The block of the next order up is split and the pages past PAGE_ALIGN(@size) are
 * freed at once.
 * Context: as __alloc_pages(): may sleep only if @gfp allows blocking.
 * Return: the direct-map address, or NULL. Free it with free_pages_exact().
 */
void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	unsigned int order = (unsigned int)get_order(size);

	if (WARN_ON_ONCE(gfp & (__GFP_COMP | __GFP_HIGHMEM)))
		gfp &= ~(__GFP_COMP | __GFP_HIGHMEM);
	return make_alloc_exact(__get_free_pages(gfp, order), order, size);
}
EXPORT_SYMBOL(alloc_pages_exact);

void *alloc_pages_exact_nid(int nid, size_t size, gfp_t gfp)
{
	unsigned int order = (unsigned int)get_order(size);
	struct page *page = alloc_pages_node(nid, gfp & ~__GFP_COMP, order);

	return make_alloc_exact(page ? (unsigned long)page_address(page) : 0, order, size);
}

/**
 * free_pages_exact - free what alloc_pages_exact() returned
 * @virt: its address
 * @size: the size it was asked for
 *
 * Context: any; never sleeps.
 */
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt, end = addr + PAGE_ALIGN(size);

	for (; addr < end; addr += PAGE_SIZE)
		free_page(addr);
}
EXPORT_SYMBOL(free_pages_exact);

/* ---- counters ---- */

unsigned long zone_free_pages(struct zone *zone)
{
	return (unsigned long)__atomic_load_n(&zone->nr_free_pages.counter, __ATOMIC_RELAXED);
}

void zone_free_counts(struct zone *zone, unsigned long counts[MAX_ORDER])
{
	unsigned long flags;

	raw_spin_lock_irqsave(&zone->lock, flags);
	for (int o = 0; o < MAX_ORDER; o++)
		counts[o] = zone->free_area[o].nr_free;
	raw_spin_unlock_irqrestore(&zone->lock, flags);
}

void zone_free_counts_by_type(struct zone *zone, unsigned long counts[MIGRATE_TYPES][MAX_ORDER])
{
	unsigned long flags;

	raw_spin_lock_irqsave(&zone->lock, flags);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		for (int o = 0; o < MAX_ORDER; o++)
			counts[mt][o] = list_count_nodes(&zone->free_area[o].free_list[mt]);
	if (deferred_blocks_left(zone))
		counts[MIGRATE_MOVABLE][MAX_ORDER - 1] +=
			(zone->deferred_end_pfn - zone->deferred_start_pfn) / MAX_ORDER_NR_PAGES;
	raw_spin_unlock_irqrestore(&zone->lock, flags);
}

void zone_pageblock_counts(struct zone *zone, unsigned long counts[MIGRATE_TYPES])
{
	unsigned long end = zone->zone_start_pfn + zone->spanned_pages;

	memset(counts, 0, sizeof(unsigned long) * MIGRATE_TYPES);
	for (unsigned long pfn = zone->zone_start_pfn; pfn < end; pfn += pageblock_nr_pages)
		counts[get_pfnblock_migratetype(zone, pfn)]++;
}

unsigned long global_free_pages(void)
{
	unsigned long n = 0;

	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			n += zone_free_pages(zone);
	}
	return n;
}

unsigned long global_pcp_pages(void)
{
	unsigned long n = 0;

	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			for (unsigned int cpu = 0; zone->per_cpu_pageset && cpu < nr_cpu_ids; cpu++)
				n += (unsigned long)READ_ONCE(zone->per_cpu_pageset[cpu].count);
	}
	return n;
}

/**
 * nr_free_buffer_pages - pages of the low zones (DMA, DMA32, Normal) above their high
 * watermarks
 *
 * As Linux 6.1, it counts managed pages, not free ones: the memory a cache may size
 * itself to.
 * Context: any; lock-free.
 * Return: the count.
 */
unsigned long nr_free_buffer_pages(void)
{
	unsigned long n = 0;

	for (int nid = 0; nid < nr_online_nodes; nid++)
		for (int zid = 0; zid <= ZONE_NORMAL; zid++) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[zid];
			unsigned long managed = zone_managed_pages(zone), high = high_wmark_pages(zone);

			n += managed > high ? managed - high : 0;
		}
	return n;
}
EXPORT_SYMBOL_GPL(nr_free_buffer_pages);

/* ---- boot ---- */

/* Frees [start, end) of a zone's RAM into the buddy lists in the largest aligned blocks. */
static void free_boot_range(struct zone *zone, unsigned long start, unsigned long end)
{
	memmap_init_range(start, end - start, zone->node, zone_idx(zone));
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		while ((start & ((1UL << order) - 1)) || start + (1UL << order) > end)
			order--;
		free_to_zone(zone, pfn_to_page(start), order, true);
		start += 1UL << order;
	}
}

/* Sets up one zone's RAM range [start, end): aligned middle deferred, edges freed now. */
static void zone_add_ram(struct zone *zone, unsigned long start, unsigned long end)
{
	unsigned long mid_lo = ALIGN(start, (unsigned long)MAX_ORDER_NR_PAGES);
	unsigned long mid_hi = ALIGN_DOWN(end, (unsigned long)MAX_ORDER_NR_PAGES);

	if (mid_hi <= mid_lo || zone->deferred_end_pfn) {
		free_boot_range(zone, start, end);
		return;
	}
	if (start < mid_lo)
		free_boot_range(zone, start, mid_lo);
	if (mid_hi < end)
		free_boot_range(zone, mid_hi, end);
	zone->deferred_start_pfn = mid_lo;
	zone->deferred_end_pfn = mid_hi;
	zone->free_area[MAX_ORDER - 1].nr_free += (mid_hi - mid_lo) / MAX_ORDER_NR_PAGES;
	__atomic_fetch_add(&zone->nr_free_pages.counter, (long)(mid_hi - mid_lo), __ATOMIC_RELAXED);
}

static void zone_add_reserved(struct zone *zone, unsigned long start, unsigned long end)
{
	memmap_reserve_range(start, end - start, zone->node, zone_idx(zone));
}

static void init_zone_memory(struct zone *zone)
{
	unsigned long zstart = zone->zone_start_pfn, zend = zstart + zone->spanned_pages;

	for (int i = 0; i < nr_phys_ranges; i++) {
		unsigned long lo = max(PHYS_PFN(phys_ranges[i].start), zstart);
		unsigned long hi = min(PHYS_PFN(phys_ranges[i].end), zend);

		if (hi <= lo)
			continue;
		if (phys_ranges[i].type == PHYS_RAM)
			zone_add_ram(zone, lo, hi);
		else
			zone_add_reserved(zone, lo, hi);
	}
}

int page_alloc_init(void)
{
	/* Page 0 and firmware ranges below the first zone still get struct pages. */
	for (int i = 0; i < nr_phys_ranges; i++)
		if (phys_ranges[i].type == PHYS_RESERVED && phys_ranges[i].start < PFN_PHYS(1))
			memmap_reserve_range(0, 1, 0, ZONE_DMA);
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (zone->present_pages)
				init_zone_memory(zone);
	}
	for (int nid = 0; nid < nr_online_nodes; nid++)
		init_node_nofragment(nid);
	pcp_rseq = host_rseq_init();
	pr_info("Built %d zonelists, mobility grouping %s.  Total pages: %lu\n", nr_online_nodes,
		page_group_by_mobility_disabled ? "off" : "on", nr_free_buffer_pages());
	return 0;
}

void page_alloc_exit(void)
{
}

/* ---- fork (machine/fork.h) ---- */

/* Every zone's per-CPU lists, then the zone itself (the order rmqueue_bulk() nests
 * them in); the child finds free lists that no other thread was changing. */
static void for_each_fork_zone(void (*fn)(struct zone *zone))
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (zone->per_cpu_pageset)
				fn(zone);
	}
}

static void lock_zone(struct zone *zone)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		pcp_lock_remote(zone, cpu);
	arch_spin_lock(&zone->lock.raw_lock);
}

static void unlock_zone(struct zone *zone)
{
	arch_spin_unlock(&zone->lock.raw_lock);
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		pcp_unlock_remote(&zone->per_cpu_pageset[cpu]);
}

static void page_alloc_fork_lock(void) { for_each_fork_zone(lock_zone); }
static void page_alloc_fork_unlock(void) { for_each_fork_zone(unlock_zone); }
FORK_LOCK(page_alloc, FORK_ORDER_PAGE_ALLOC, page_alloc_fork_lock, page_alloc_fork_unlock);
