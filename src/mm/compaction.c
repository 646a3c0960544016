// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/compaction.c: memory compaction, as Linux 6.1 does it. Two scanners walk a zone
 * pageblock by pageblock towards each other: the migration scanner from the bottom
 * isolates movable pages in use (isolate_movable_page), the free scanner from the top
 * takes free blocks of movable pageblocks and splits them into order-0 pages, and
 * migrate_pages() moves the former into the latter -- so that free memory gathers at
 * the bottom, where it merges into large blocks. It ends when the scanners meet
 * (COMPACT_COMPLETE), or, for an allocation's order, as soon as a block of that order is
 * free (COMPACT_SUCCESS).
 * Callers: the allocation slow path (try_to_compact_pages: direct compaction, deferred
 * for an order after failures as 6.1 defers), /proc/sys/vm/compact_memory (the whole of
 * every zone), and kcompactd, one thread per node, woken by allocations that found no
 * block of their order and, every 500 ms, proactive compaction while the node's
 * fragmentation score is above what vm.compaction_proactiveness allows.
 * Pageblock skip hints, as 6.1's PB_migrate_skip: a pageblock the migration scanner
 * scanned whole without isolating a page, or the free scanner scanned whole, is passed
 * over by later runs until the hints are cleared -- after a direct compaction that
 * completed, when kcompactd next goes idle (Linux: when kswapd does), or when an order
 * comes back from the longest deferral. compact_memory, proactive compaction and the
 * last direct-compaction priority ignore them.
 * The fast searches, as 6.1's: for an order, before walking pageblocks, the free scanner
 * looks on the movable free lists of the lower orders for a block in the top quarter of
 * the space between the scanners (fast_isolate_freepages), and for a costly order the
 * migration scanner starts at a pageblock that already has a free block of order 3 or
 * more in the lower part (fast_find_migrateblock), so that fewer pages move before a
 * block is free. Both look at a few list entries only (fewer after each failure) and
 * rotate the lists so that the next search sees other entries.
 * The host's memory first (ukmem's own): free blocks the host does not hold (never
 * touched since boot, or given back by free page reporting: PageReported) are passed
 * over by the fast free search, and the free scanner takes them from a pageblock only
 * when it has no other free memory -- moving pages there would make the process's
 * memory grow while the holes the host has stay empty, and costs a first fault a page.
 * Capture, as 6.1's: while direct compaction runs, a block of its order that the
 * thread's own frees make (moved-from pages merging) is handed to it at once, so that
 * no other allocation takes it first.
 * Invariants: an isolated free page is on exactly one compact_control's freepages list
 * until it is used or freed at the end of the run; the zone lock is held only while free
 * blocks are taken; every CPU's per-CPU lists are drained before and after a run (and
 * this CPU's at each pageblock the migration scanner leaves, for an order) so that
 * moved-from pages merge. */
#include <errno.h>
#include <linux/compaction.h>
#include <linux/export.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sysctl.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include "host/host.h"
#include "machine/initcalls.h"
#include "mm/internal.h"

#define COMPACT_CLUSTER_MAX	32	/* pages isolated per round, as SWAP_CLUSTER_MAX */
#define COMPACT_MAX_DEFER_SHIFT	6
#define HPAGE_FRAG_CHECK_INTERVAL_MSEC	500

unsigned int sysctl_compaction_proactiveness = 20;
int sysctl_extfrag_threshold = 500;
int sysctl_compact_unevictable_allowed = 1;

struct compact_control {
	struct list_head freepages;	/* order-0 pages to move to */
	struct list_head migratepages;	/* isolated pages to move */
	unsigned long nr_freepages, nr_migratepages;
	unsigned long free_pfn;		/* the free scanner's pageblock (it goes down) */
	unsigned long free_resume;	/* where in it to go on (0: its start) */
	unsigned long migrate_pfn;	/* the migration scanner's next page */
	unsigned long total_migrate_scanned, total_free_scanned;
	struct zone *zone;
	int order;			/* -1: the whole zone (compact_memory, proactive) */
	int search_order;		/* the fast free search's next order */
	unsigned int fast_search_fail;	/* fast searches failed in a row (fewer looks) */
	unsigned long fast_start_pfn;	/* lowest pfn a fast migrate search jumped to (0:
					 * none yet; ULONG_MAX: the linear rescan began) */
	int migratetype;		/* direct compaction: the allocation's */
	unsigned int alloc_flags;
	int highest_zoneidx;
	enum migrate_mode mode;
	bool proactive;
	bool kcompactd;
	bool ignore_skip_hint;		/* scan pageblocks whatever their skip hint */
	struct capture_control *capc;	/* set for (only) direct compaction: its capture */
};

/* ---- deferral (zone fields read and written without a lock, as in Linux) ---- */

/**
 * defer_compaction - an order's compaction failed: skip the next 1 << shift tries
 * @zone: the zone
 * @order: the order that failed
 *
 * Context: any.
 */
void defer_compaction(struct zone *zone, int order)
{
	WRITE_ONCE(zone->compact_considered, 0);
	unsigned int shift = READ_ONCE(zone->compact_defer_shift);

	if (shift < COMPACT_MAX_DEFER_SHIFT)
		WRITE_ONCE(zone->compact_defer_shift, shift + 1);
	if (order < READ_ONCE(zone->compact_order_failed))
		WRITE_ONCE(zone->compact_order_failed, order);
}

/* True if compaction for order should be skipped this time (counts the try). */
bool compaction_deferred(struct zone *zone, int order)
{
	unsigned int limit = 1U << READ_ONCE(zone->compact_defer_shift);
	unsigned int considered = READ_ONCE(zone->compact_considered);

	if (order < READ_ONCE(zone->compact_order_failed))
		return false;
	if (considered + 1 >= limit) {
		WRITE_ONCE(zone->compact_considered, limit);
		return false;
	}
	WRITE_ONCE(zone->compact_considered, considered + 1);
	return true;
}

/* Compaction for order succeeded (and the allocation too, if alloc_success). */
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		WRITE_ONCE(zone->compact_considered, 0);
		WRITE_ONCE(zone->compact_defer_shift, 0);
	}
	if (order >= READ_ONCE(zone->compact_order_failed))
		WRITE_ONCE(zone->compact_order_failed, order + 1);
}

/* Whether order comes back after the longest deferral: the skip hints are cleared. */
static bool compaction_restarting(struct zone *zone, int order)
{
	if (order < READ_ONCE(zone->compact_order_failed))
		return false;
	return READ_ONCE(zone->compact_defer_shift) == COMPACT_MAX_DEFER_SHIFT &&
	       READ_ONCE(zone->compact_considered) >= 1U << COMPACT_MAX_DEFER_SHIFT;
}

/* ---- skip hints ---- */

/* Whether the scanners look in the pageblock at pfn. */
static bool isolation_suitable(struct compact_control *cc, unsigned long pfn)
{
	return cc->ignore_skip_hint || !get_pfnblock_skip(cc->zone, pfn);
}

static void update_pageblock_skip(struct compact_control *cc, unsigned long pfn)
{
	if (!cc->ignore_skip_hint)
		set_pfnblock_skip(cc->zone, pfn, true);
}

/* Clears every skip hint of the zone if a direct compaction completed since the last
 * time (zone->compact_blockskip_flush). */
static void __reset_isolation_suitable(struct zone *zone)
{
	unsigned long end = zone->zone_start_pfn + zone->spanned_pages;

	if (!READ_ONCE(zone->compact_blockskip_flush))
		return;
	WRITE_ONCE(zone->compact_blockskip_flush, false);
	for (unsigned long pfn = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages); pfn < end;
	     pfn += pageblock_nr_pages)
		set_pfnblock_skip(zone, max(pfn, zone->zone_start_pfn), false);
}

/**
 * reset_isolation_suitable - clears a node's skip hints after a completed direct compaction
 * @nid: the node
 *
 * kcompactd calls it each time it goes idle, where Linux's kswapd does before it sleeps.
 * Context: process; no lock held (the hints are lock-free).
 */
void reset_isolation_suitable(int nid)
{
	struct zone *zone;

	for_each_zone_in_node(zone, NODE_DATA(nid))
		if (populated_zone(zone) && managed_zone(zone))
			__reset_isolation_suitable(zone);
}

/* ---- the free scanner ---- */

/* Where the free scanner starts: the zone's last pageblock. */
static unsigned long zone_last_pageblock(const struct zone *zone)
{
	return pageblock_start_pfn(zone_end_pfn(zone) - 1);
}

static bool pageblock_ready(struct zone *zone, unsigned long pfn)
{
	return pfn_valid(pfn) && zone_spans_pfn(zone, pfn) && pageblock_initialised(zone, pfn);
}

/* A pageblock the free scanner may take pages from: movable, and not one large free
 * block already (breaking that up would undo compaction's work). */
static bool suitable_migration_target(struct zone *zone, unsigned long pfn)
{
	struct page *page = pfn_to_page(pfn);

	if (data_race(PageBuddy(page)) && data_race(free_block_order(zone, page)) >= pageblock_order)
		return false;
	return pfnblock_migratetype(zone, pfn) == MIGRATE_MOVABLE;
}

/* Takes the free block page of order off the free lists onto blocks, its order in
 * page_private (zone lock held); false if the zone is short of memory. */
static bool take_free_block(struct zone *zone, struct page *page, unsigned int order,
			    struct list_head *blocks)
{
	if (!isolate_free_block(zone, page, order))
		return false;
	set_page_private(page, order);
	list_add_tail(&page->lru, blocks);
	return true;
}

/* Makes the blocks take_free_block() took into order-0 pages on cc->freepages (no lock
 * held); with populate, the host's pages behind each block of order > 0 are had first in
 * one call (they are written at once). */
static void prep_taken_blocks(struct compact_control *cc, struct list_head *blocks,
			      bool populate)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, blocks, lru) {
		unsigned int order = (unsigned int)page_private(page);

		list_del(&page->lru);
		set_page_private(page, 0);
		if (populate && order)
			host_populate_write(page_address(page), PAGE_SIZE << order);
		cc->nr_freepages += prep_isolated_block(page, order, &cc->freepages);
	}
}

/* Where the free scanner populates what it took: runs of taken blocks and the pages in
 * use between them, never a free block it passed over. */
#define POPULATE_RUNS	8

struct populate_runs {
	unsigned long start[POPULATE_RUNS], end[POPULATE_RUNS];
	unsigned int nr;
	bool cut;		/* a block was passed over since the last run */
};

static void populate_runs_add(struct populate_runs *r, unsigned long pfn, unsigned long end)
{
	if (r->nr && (!r->cut || r->nr == POPULATE_RUNS)) {
		r->end[r->nr - 1] = end;
	} else {
		r->start[r->nr] = pfn;
		r->end[r->nr++] = end;
	}
	r->cut = false;
}

/* Takes the free blocks of [start, end) under the zone lock, until it has enough for the
 * pages isolated to move; returns where it stopped (end: the range is done). Blocks the
 * host does not hold (PageReported: given back, or never touched) are taken only when
 * the range has no other free memory: moving pages into them would grow the process's
 * memory while the holes the host has stay empty, and each costs the host a first
 * fault. The host's pages behind what was taken are had in one call a run, as they are
 * written at once. */
static unsigned long isolate_freepages_block(struct compact_control *cc, unsigned long start,
					     unsigned long end)
{
	struct zone *zone = cc->zone;
	unsigned long flags, taken = 0, scanned = 0, pfn;
	struct populate_runs runs = { .nr = 0 };
	bool take_reported = false, passed_over;
	LIST_HEAD(blocks);
	struct page *page;

	raw_spin_lock_irqsave(&zone->lock, flags);
again:
	passed_over = false;
	for (pfn = start; pfn < end; pfn++) {
		unsigned int order;

		page = pfn_to_page(pfn);
		scanned++;
		/* a page in use may change meanwhile (its mapcount shares the type's word) */
		if (!data_race(PageBuddy(page)))
			continue;
		order = free_block_order(zone, page);
		if (pfn + (1UL << order) > end) {
			pfn = end;	/* not this pageblock's */
			break;
		}
		if (PageReported(page) != take_reported) {
			passed_over = runs.cut = true;
			pfn += (1UL << order) - 1;
			continue;
		}
		if (!take_free_block(zone, page, order, &blocks)) {
			pfn = end;	/* the zone is short of memory */
			break;
		}
		populate_runs_add(&runs, pfn, pfn + (1UL << order));
		taken += 1UL << order;
		pfn += (1UL << order) - 1;
		if (cc->nr_freepages + taken >= cc->nr_migratepages + COMPACT_CLUSTER_MAX) {
			pfn++;
			break;
		}
	}
	if (!taken && passed_over && !take_reported) {
		take_reported = true;	/* only memory the host does not hold is free here */
		goto again;
	}
	raw_spin_unlock_irqrestore(&zone->lock, flags);
	count_vm_events(COMPACTFREE_SCANNED, (long)scanned);
	if (taken)
		count_vm_events(COMPACTISOLATED, (long)taken);
	if (cc->kcompactd)
		count_vm_events(KCOMPACTD_FREE_SCANNED, (long)scanned);
	cc->total_free_scanned += scanned;
	for (unsigned int i = 0; i < runs.nr; i++)
		host_populate_write(page_address(pfn_to_page(runs.start[i])),
				    (runs.end[i] - runs.start[i]) << PAGE_SHIFT);
	prep_taken_blocks(cc, &blocks, false);
	return pfn;
}

/* ---- the fast searches of the free lists ---- */

/* How many free-list entries a fast search looks at: 33, halved by each failed search. */
static unsigned int freelist_scan_limit(struct compact_control *cc)
{
	return (COMPACT_CLUSTER_MAX >> min(BITS_PER_LONG - 1U, cc->fast_search_fail)) + 1;
}

/* The free search walks a list from its tail: page and the entries after it (those it
 * looked at) go to the front, so that the next search starts with the others. */
static void move_freelist_head(struct list_head *list, struct page *page)
{
	list_rotate_to_front(&page->lru, list);
}

/* The entries up to and including page go to the end: a walk from the head next starts
 * after page (the migrate search), a walk from the tail at page (the free search). */
static void move_freelist_tail(struct list_head *list, struct page *page)
{
	if (!list_is_last(&page->lru, list))
		list_rotate_to_front(page->lru.next, list);
}

/* The orders below cc->order in turn, downwards from cc->search_order and round: the
 * next one after order, or -1 when the turn is complete (the next search then starts one
 * order lower). */
static int next_search_order(struct compact_control *cc, int order)
{
	if (--order < 0)
		order = cc->order - 1;
	if (order != cc->search_order)
		return order;
	if (--cc->search_order < 0)
		cc->search_order = cc->order - 1;
	return -1;
}

/* Takes the rest of the free pages of pfn's pageblock (not in asynchronous direct
 * compaction, which keeps its scanning short); a pageblock that did not give enough is
 * passed over later. */
static void fast_isolate_around(struct compact_control *cc, unsigned long pfn)
{
	unsigned long start = max(pageblock_start_pfn(pfn), cc->zone->zone_start_pfn);
	unsigned long end = min(pageblock_end_pfn(pfn), zone_end_pfn(cc->zone));

	if (cc->nr_freepages >= cc->nr_migratepages || (cc->capc && cc->mode == MIGRATE_ASYNC) ||
	    !pageblock_ready(cc->zone, start))
		return;
	isolate_freepages_block(cc, start, end);
	if (cc->nr_freepages < cc->nr_migratepages)
		update_pageblock_skip(cc, start);
}

/* 6.1's fast free search, for an order: free blocks of a lower order on the movable
 * lists, in the top quarter of the space between the scanners (or else the highest one
 * in the top half), taken whole. Linux takes one block a search; this takes in the same
 * hold of the lock what the next searches would take (the following entries of the list
 * in that quarter, within the search's limit), up to what the migration scanner
 * isolated. Blocks the host does not hold are passed over (the scanner takes them when a
 * pageblock has nothing else). A first search that finds none moves the free scanner
 * down to the highest pageblock with a free block it saw in the top half, or, for direct
 * compaction, to the middle. */
static void fast_isolate_freepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned int limit = max(1U, freelist_scan_limit(cc) >> 1);
	unsigned long distance, low_pfn, min_pfn, highest = 0, taken = 0, flags;
	bool scan_start = cc->free_pfn >= zone_last_pageblock(zone);
	struct page *page;
	LIST_HEAD(blocks);
	int order;

	if (cc->order <= 0)
		return;
	if (scan_start)		/* the free scanner has not moved yet: look further */
		limit = pageblock_nr_pages >> 1;
	distance = cc->free_pfn - cc->migrate_pfn;
	low_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 2));
	min_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 1));
	cc->search_order = min(cc->order - 1, cc->search_order);
	for (order = cc->search_order; !taken && order >= 0; order = next_search_order(cc, order)) {
		struct list_head *list = &zone->free_area[order].free_list[MIGRATE_MOVABLE];
		unsigned long high_pfn = 0;
		unsigned int scanned = 0;
		bool short_of_memory = false;
		struct page *p, *n;

		if (!data_race(zone->free_area[order].nr_free))
			continue;
		raw_spin_lock_irqsave(&zone->lock, flags);
		list_for_each_entry_safe_reverse(p, n, list, lru) {
			unsigned long pfn = page_to_pfn(p);
			/* a block the host does not hold is left to the scanner, taken last */
			bool held = !PageReported(p);

			scanned++;
			if (held && pfn >= highest)
				highest = max(pageblock_start_pfn(pfn), zone->zone_start_pfn);
			if (held && pfn >= low_pfn) {
				cc->fast_search_fail = 0;
				cc->search_order = order;
				if (!take_free_block(zone, p, (unsigned int)order, &blocks)) {
					short_of_memory = true;
					break;
				}
				taken += 1UL << order;
				if (cc->nr_freepages + taken >= cc->nr_migratepages)
					break;
			} else if (held && !taken && pfn >= min_pfn && pfn > high_pfn) {
				high_pfn = pfn;
				limit >>= 1;	/* a candidate: look less far for a better one */
			}
			if (scanned >= limit)
				break;
		}
		/* the next search starts with the entries this one did not look at (n: the
		 * first of them, or the list head when it looked at all) */
		if (&n->lru != list)
			move_freelist_tail(list, n);
		if (!taken && high_pfn && !short_of_memory) {
			page = pfn_to_page(high_pfn);
			move_freelist_head(list, page);
			if (take_free_block(zone, page, (unsigned int)order, &blocks))
				taken = 1UL << order;
			else
				short_of_memory = true;
		}
		if (short_of_memory && !taken)
			order = cc->search_order + 1;	/* stop searching */
		raw_spin_unlock_irqrestore(&zone->lock, flags);
		cc->total_free_scanned += scanned;
		if (scanned >= limit)
			limit = max(1U, limit >> 1);
	}
	if (taken) {
		unsigned long first = page_to_pfn(list_first_entry(&blocks, struct page, lru));

		count_vm_events(COMPACTISOLATED, (long)taken);
		prep_taken_blocks(cc, &blocks, true);
		fast_isolate_around(cc, first);
		return;
	}
	cc->fast_search_fail++;
	if (!scan_start)
		return;
	if (highest >= min_pfn) {
		cc->free_pfn = highest;
		cc->free_resume = 0;
		fast_isolate_around(cc, highest);
	} else if (cc->capc) {	/* direct compaction: start lower, where it pays sooner */
		cc->free_pfn = min_pfn;
		cc->free_resume = 0;
		fast_isolate_around(cc, min_pfn);
	}
}

/* A fast search of the free lists first; if it took nothing, moves the free scanner
 * down pageblock by pageblock until it has pages for what the migration scanner
 * isolated, or meets it. */
static void isolate_freepages(struct compact_control *cc)
{
	unsigned long low = ALIGN(cc->migrate_pfn + 1, pageblock_nr_pages);

	fast_isolate_freepages(cc);
	if (cc->nr_freepages)
		return;

	while (cc->free_pfn >= low && cc->nr_freepages < cc->nr_migratepages) {
		unsigned long block = cc->free_pfn;
		unsigned long end = min(block + pageblock_nr_pages,
					cc->zone->zone_start_pfn + cc->zone->spanned_pages);

		if (pageblock_ready(cc->zone, block) &&
		    (cc->free_resume || (isolation_suitable(cc, block) &&
					 suitable_migration_target(cc->zone, block)))) {
			unsigned long stop = isolate_freepages_block(cc, cc->free_resume ?: block,
								     end);

			if (stop >= end)	/* scanned to its end: taken what there was */
				update_pageblock_skip(cc, block);
			if (stop < end) {
				cc->free_resume = stop;	/* enough for now: go on from here */
				break;
			}
		}
		cc->free_resume = 0;
		if (cc->free_pfn < pageblock_nr_pages)
			break;
		cc->free_pfn -= pageblock_nr_pages;
	}
}

/* migrate_pages()'s source of new pages. */
static struct page *compaction_alloc(struct page *migratepage, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *page;

	if (list_empty(&cc->freepages)) {
		isolate_freepages(cc);
		if (list_empty(&cc->freepages))
			return NULL;
	}
	page = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&page->lru);
	cc->nr_freepages--;
	return page;
}

static void compaction_free(struct page *page, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;

	list_add(&page->lru, &cc->freepages);
	cc->nr_freepages++;
}

static void release_freepages(struct compact_control *cc)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &cc->freepages, lru) {
		list_del(&page->lru);
		__free_pages(page, 0);
	}
	cc->nr_freepages = 0;
}

/* ---- the migration scanner ---- */

/* A pageblock the migration scanner looks in: asynchronous compaction only moves pages
 * out of movable pageblocks, synchronous compaction out of any. */
static bool suitable_migration_source(struct compact_control *cc, unsigned long pfn)
{
	if (cc->mode != MIGRATE_ASYNC)
		return true;
	return pfnblock_migratetype(cc->zone, pfn) == MIGRATE_MOVABLE;
}

/* The lowest pfn a fast migrate search jumped to, where a linear scan of what the jumps
 * passed over begins once the fast search fails. */
static void update_fast_start_pfn(struct compact_control *cc, unsigned long pfn)
{
	if (cc->fast_start_pfn != ULONG_MAX)
		cc->fast_start_pfn = cc->fast_start_pfn ? min(cc->fast_start_pfn, pfn) : pfn;
}

static unsigned long reinit_migrate_pfn(struct compact_control *cc)
{
	if (cc->fast_start_pfn && cc->fast_start_pfn != ULONG_MAX) {
		cc->migrate_pfn = cc->fast_start_pfn;
		cc->fast_start_pfn = ULONG_MAX;
	}
	return cc->migrate_pfn;
}

/* 6.1's fast migrate search, for a costly order (and, in direct compaction, a movable
 * allocation): where the migration scanner starts a pageblock, a movable pageblock low
 * in the zone (in the lower half of the space between the scanners on the first search,
 * the lower eighth later) that has a free block of order 3 or more already, so that
 * fewer pages move before a block of the order is free. The pageblock found gets its
 * skip hint, so that the next search takes another. Returns where to scan from. */
static unsigned long fast_find_migrateblock(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned int limit = freelist_scan_limit(cc), nr_scanned = 0;
	unsigned long pfn = cc->migrate_pfn, distance, high_pfn, flags;
	bool found = false;

	if (cc->ignore_skip_hint || (pfn != zone->zone_start_pfn && !pageblock_aligned(pfn)) ||
	    cc->order <= PAGE_ALLOC_COSTLY_ORDER ||
	    (cc->capc && cc->migratetype != MIGRATE_MOVABLE))
		return pfn;
	distance = (cc->free_pfn - cc->migrate_pfn) >> 1;
	if (cc->migrate_pfn != zone->zone_start_pfn)
		distance >>= 2;
	high_pfn = pageblock_start_pfn(cc->migrate_pfn + distance);
	for (int order = cc->order - 1;
	     order >= PAGE_ALLOC_COSTLY_ORDER && !found && nr_scanned < limit; order--) {
		struct list_head *list = &zone->free_area[order].free_list[MIGRATE_MOVABLE];
		struct page *p;

		if (!data_race(zone->free_area[order].nr_free))
			continue;
		raw_spin_lock_irqsave(&zone->lock, flags);
		list_for_each_entry(p, list, lru) {
			unsigned long free_pfn = page_to_pfn(p);

			if (nr_scanned++ >= limit) {
				move_freelist_tail(list, p);
				break;
			}
			if (free_pfn >= high_pfn || get_pfnblock_skip(zone, free_pfn))
				continue;
			move_freelist_tail(list, p);
			update_fast_start_pfn(cc, free_pfn);
			pfn = max(pageblock_start_pfn(free_pfn), zone->zone_start_pfn);
			cc->fast_search_fail = 0;
			found = true;
			set_pfnblock_skip(zone, free_pfn, true);
			break;
		}
		raw_spin_unlock_irqrestore(&zone->lock, flags);
	}
	cc->total_migrate_scanned += nr_scanned;
	if (found)
		return pfn;
	cc->fast_search_fail++;
	return reinit_migrate_pfn(cc);
}

/* Isolates up to COMPACT_CLUSTER_MAX movable pages from the pageblock at migrate_pfn
 * onwards (or where the fast search points), pageblock by pageblock, stopping below the
 * free scanner. Returns false when the scanners met. */
static bool isolate_migratepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	isolate_mode_t mode = cc->mode == MIGRATE_ASYNC ? ISOLATE_ASYNC_MIGRATE : 0;
	unsigned long from = fast_find_migrateblock(cc);
	/* the pageblock found has its skip hint already: not a reason to pass over it */
	bool fast_block = from != cc->migrate_pfn && !cc->fast_search_fail;

	cc->migrate_pfn = from;
	for (; cc->migrate_pfn < cc->free_pfn; fast_block = false) {
		unsigned long pfn = cc->migrate_pfn;
		unsigned long end = min(ALIGN(pfn + 1, pageblock_nr_pages), cc->free_pfn);
		unsigned long scanned = 0, isolated = cc->nr_migratepages;
		unsigned long block = pfn & ~(pageblock_nr_pages - 1);
		bool whole = pfn == block;

		if (!pageblock_ready(zone, block) ||
		    !suitable_migration_source(cc, pfn) ||
		    (whole && !fast_block && !isolation_suitable(cc, pfn))) {
			cc->migrate_pfn = end;
			continue;
		}
		for (; pfn < end && cc->nr_migratepages < COMPACT_CLUSTER_MAX; pfn++) {
			struct page *page = pfn_to_page(pfn);

			scanned++;
			/* unlocked looks at pages others change: hints, checked again when taken */
			if (data_race(PageBuddy(page))) {
				unsigned int order = (unsigned int)data_race(page->private);

				if (order < MAX_ORDER)
					pfn += (1UL << order) - 1;
				continue;
			}
			if (!data_race(__PageMovable(page)) || isolate_movable_page(page, mode))
				continue;
			list_add_tail(&page->lru, &cc->migratepages);
			cc->nr_migratepages++;
		}
		cc->migrate_pfn = min(pfn, end);
		/* scanned whole from its start and nothing to move: pass it over next time */
		if (whole && cc->migrate_pfn == end && cc->nr_migratepages == isolated)
			update_pageblock_skip(cc, block);
		count_vm_events(COMPACTMIGRATE_SCANNED, (long)scanned);
		if (cc->kcompactd)
			count_vm_events(KCOMPACTD_MIGRATE_SCANNED, (long)scanned);
		cc->total_migrate_scanned += scanned;
		if (cc->nr_migratepages)
			return true;
	}
	return false;
}

/* ---- one run over a zone ---- */

/* 6.1's fragmentation score of a zone: the free memory in blocks below pageblock order,
 * in percent, weighted by the zone's share of its node. */
static unsigned int fragmentation_score_zone(struct zone *zone)
{
	unsigned long node_pages = zone->zone_pgdat->node_present_pages;
	unsigned int extfrag = extfrag_for_order(zone, pageblock_order);

	return node_pages ? (unsigned int)(zone->present_pages * extfrag / node_pages) : 0;
}

static unsigned int fragmentation_score_node(int nid)
{
	unsigned int score = 0;
	struct zone *zone;

	for_each_zone_in_node(zone, NODE_DATA(nid))
		if (populated_zone(zone))
			score += fragmentation_score_zone(zone);
	return score;
}

static unsigned int fragmentation_score_wmark(bool low)
{
	unsigned int wmark_low = max(100U - READ_ONCE(sysctl_compaction_proactiveness), 5U);

	return low ? wmark_low : min(wmark_low + 10, 100U);
}


/* Whether a free block of cc->order now serves the allocation. */
static enum compact_result compact_finished(struct compact_control *cc)
{
	struct zone *zone = cc->zone;

	if (cc->free_pfn <= cc->migrate_pfn) {
		WRITE_ONCE(zone->compact_cached_migrate_pfn[0], zone->zone_start_pfn);
		WRITE_ONCE(zone->compact_cached_migrate_pfn[1], zone->zone_start_pfn);
		WRITE_ONCE(zone->compact_cached_free_pfn, zone_last_pageblock(zone));
		/* the hints this run left go once kcompactd is idle again */
		if (cc->capc)	/* direct compaction */
			WRITE_ONCE(zone->compact_blockskip_flush, true);
		return COMPACT_COMPLETE;
	}
	if (cc->proactive)	/* done once the node is below the low mark */
		return fragmentation_score_node(zone->node) <= fragmentation_score_wmark(true) ?
		       COMPACT_SUCCESS : COMPACT_CONTINUE;
	if (cc->order < 0)
		return COMPACT_CONTINUE;
	if (zone_watermark_ok(zone, (unsigned int)cc->order, min_wmark_pages(zone),
			      cc->highest_zoneidx, cc->alloc_flags))
		return COMPACT_SUCCESS;
	return COMPACT_CONTINUE;
}

/**
 * compaction_suitable - whether compacting @zone may give a block of @order
 * @zone: the zone
 * @order: the order (-1: always worth it)
 * @alloc_flags: the allocation's ALLOC_* flags
 * @highest_zoneidx: the allocation's highest zone
 *
 * Context: any. Return: COMPACT_SUCCESS (a block is free already), COMPACT_SKIPPED (too
 * little free memory to migrate into, or the failure is for lack of memory rather than
 * fragmentation: fragmentation_index at most vm.extfrag_threshold), or COMPACT_CONTINUE.
 */
enum compact_result compaction_suitable(struct zone *zone, int order, unsigned int alloc_flags,
					int highest_zoneidx)
{
	unsigned long watermark;

	if (order < 0)
		return COMPACT_CONTINUE;
	if (zone_watermark_ok(zone, (unsigned int)order, min_wmark_pages(zone), highest_zoneidx,
			      alloc_flags))
		return COMPACT_SUCCESS;
	watermark = (order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) : min_wmark_pages(zone)) +
		    compact_gap((unsigned int)order);
	if (!zone_watermark_ok(zone, 0, watermark, highest_zoneidx, ALLOC_CMA))
		return COMPACT_SKIPPED;
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		int fragindex = fragmentation_index(zone, (unsigned int)order);

		if (fragindex >= 0 && fragindex <= READ_ONCE(sysctl_extfrag_threshold))
			return COMPACT_SKIPPED;
	}
	return COMPACT_CONTINUE;
}
EXPORT_SYMBOL(compaction_suitable);

static enum compact_result compact_zone(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long start = zone->zone_start_pfn;
	unsigned long end = zone->zone_start_pfn + zone->spanned_pages;
	bool sync = cc->mode != MIGRATE_ASYNC;
	unsigned long last_block;
	enum compact_result ret;

	INIT_LIST_HEAD(&cc->freepages);
	INIT_LIST_HEAD(&cc->migratepages);
	ret = compaction_suitable(zone, cc->order, cc->alloc_flags, cc->highest_zoneidx);
	if (ret == COMPACT_SUCCESS || ret == COMPACT_SKIPPED)
		return ret;
	if (cc->order >= 0 && compaction_restarting(zone, cc->order))
		__reset_isolation_suitable(zone);
	if (cc->order < 0 || cc->proactive) {
		cc->migrate_pfn = start;
		cc->free_pfn = zone_last_pageblock(zone);
	} else {
		cc->migrate_pfn = READ_ONCE(zone->compact_cached_migrate_pfn[sync]);
		cc->free_pfn = READ_ONCE(zone->compact_cached_free_pfn);
		if (cc->free_pfn < start || cc->free_pfn >= end)
			cc->free_pfn = zone_last_pageblock(zone);
		if (cc->migrate_pfn < start || cc->migrate_pfn >= end)
			cc->migrate_pfn = start;
	}
	cc->search_order = cc->order;
	cc->fast_start_pfn = 0;
	drain_all_pages(zone);	/* pages on per-CPU lists are neither free blocks nor movable */
	last_block = cc->migrate_pfn & ~(pageblock_nr_pages - 1);
	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned int moved = 0;
		int err;

		if (!isolate_migratepages(cc))
			continue;	/* the scanners met: compact_finished says so */
		zone_defer_urgent_report(zone);
		count_vm_events(COMPACTISOLATED, (long)cc->nr_migratepages);
		err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free,
				    (unsigned long)cc, cc->mode, MR_COMPACTION, &moved);
		cc->nr_migratepages = 0;
		if (err) {
			putback_movable_pages(&cc->migratepages);
			if (err == -ENOMEM && cc->free_pfn > cc->migrate_pfn) {
				ret = COMPACT_CONTENDED;	/* out of free pages to move into */
				break;
			}
		}
		/* As 6.1: for an order, this CPU's lists go back to the zone each time the
		 * migration scanner leaves a pageblock, so that the moved-from pages merge and
		 * the success check sees them (other CPUs' lists wait for the run's end). */
		if (cc->order > 0 && (cc->migrate_pfn & ~(pageblock_nr_pages - 1)) != last_block) {
			drain_local_pages(zone);
			last_block = cc->migrate_pfn & ~(pageblock_nr_pages - 1);
		}
		if (cc->capc && READ_ONCE(cc->capc->page)) {
			ret = COMPACT_SUCCESS;
			break;
		}
		cond_resched();
	}
	release_freepages(cc);
	drain_all_pages(zone);
	/* where the next run for an order resumes (a run that completed has set the
	 * scanners back to the zone's ends already) */
	if (cc->order >= 0 && !cc->proactive && ret != COMPACT_COMPLETE) {
		WRITE_ONCE(zone->compact_cached_migrate_pfn[sync], cc->migrate_pfn);
		WRITE_ONCE(zone->compact_cached_free_pfn, cc->free_pfn);
	}
	return ret;
}

/* ---- callers ---- */

/* The whole of every zone of node nid, synchronously (compact_memory). */
static void compact_node(int nid)
{
	struct zone *zone;

	for_each_zone_in_node(zone, NODE_DATA(nid)) {
		struct compact_control cc = {
			.zone = zone, .order = -1, .mode = MIGRATE_SYNC,
			.highest_zoneidx = MAX_NR_ZONES - 1, .ignore_skip_hint = true,
		};

		if (!managed_zone(zone))
			continue;
		compact_zone(&cc);
	}
}

/**
 * compact_nodes - compacts all of memory, as a write to /proc/sys/vm/compact_memory does
 *
 * Context: process; may sleep (moves pages, waits for their locks).
 */
void compact_nodes(void)
{
	for (int nid = 0; nid < nr_online_nodes; nid++)
		compact_node(nid);
}

/**
 * try_to_compact_pages - direct compaction for an allocation that found no block
 * @gfp: the allocation's flags (it must be allowed to block)
 * @order: its order (> 0)
 * @alloc_flags: its ALLOC_* flags
 * @nid: its preferred node
 * @highest_zoneidx: its highest zone; zones are tried from there down
 * @prio: enum compact_priority (COMPACT_PRIO_ASYNC first, then SYNC_LIGHT, SYNC_FULL)
 * @capture: set to a block of @order the run captured (see compaction_capture), else NULL
 *
 * Zones whose compaction for @order is deferred are skipped unless @prio is the
 * highest, which also scans pageblocks whatever their skip hints; a zone whose
 * synchronous compaction completes without success is deferred. A captured block is
 * off every free list and uncounted: the caller prepares it as an allocated block.
 * Context: process; may sleep. Return: the best compact_result of the zones tried
 * (COMPACT_SUCCESS when a block was captured).
 */
enum compact_result try_to_compact_pages(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					 int nid, int highest_zoneidx, enum compact_priority prio,
					 struct page **capture)
{
	enum compact_result rc = COMPACT_SKIPPED;

	*capture = NULL;
	if (!(gfp & __GFP_IO) || !(gfp & __GFP_DIRECT_RECLAIM) || !order)
		return COMPACT_SKIPPED;
	for (int zid = highest_zoneidx; zid >= 0; zid--) {
		struct zone *zone = &NODE_DATA(nid)->node_zones[zid];
		enum compact_result status;
		struct capture_control capc = { .zone = zone, .order = (int)order };
		struct compact_control cc = {
			.zone = zone, .order = (int)order, .alloc_flags = alloc_flags,
			.highest_zoneidx = highest_zoneidx,
			.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
			.ignore_skip_hint = prio == MIN_COMPACT_PRIORITY,
			.capc = &capc, .migratetype = gfp_migratetype(gfp),
		};

		if (!managed_zone(zone))
			continue;
		if (prio > MIN_COMPACT_PRIORITY && compaction_deferred(zone, (int)order)) {
			rc = max(rc, COMPACT_DEFERRED);
			continue;
		}
		/* the thread's frees may capture from here until the capture is read */
		WRITE_ONCE(current->capture_control, &capc);
		status = compact_zone(&cc);
		WRITE_ONCE(current->capture_control, NULL);
		*capture = capc.page;
		if (*capture)
			status = COMPACT_SUCCESS;
		rc = max(rc, status);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, (int)order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC && status == COMPACT_COMPLETE)
			defer_compaction(zone, (int)order);
	}
	return rc;
}

/* ---- kcompactd ---- */

struct kcompactd_node {
	struct task_struct *task;
	wait_queue_head_t wait;
	int max_order;			/* what allocations woke it for (-1: nothing) */
	int highest_zoneidx;
	bool proactive_trigger;
};
static struct kcompactd_node kcompactd_nodes[MAX_NUMNODES];

/* Compacts each zone of the node by steps until its score is below the low mark. */
static void proactive_compact_node(int nid)
{
	struct zone *zone;

	for_each_zone_in_node(zone, NODE_DATA(nid)) {
		struct compact_control cc = {
			.zone = zone, .order = -1, .mode = MIGRATE_SYNC_LIGHT, .proactive = true,
			.kcompactd = true, .highest_zoneidx = MAX_NR_ZONES - 1,
			.ignore_skip_hint = true,
		};

		if (!populated_zone(zone) || !managed_zone(zone))
			continue;
		compact_zone(&cc);
	}
}

/* What an allocation woke kcompactd for: compact towards that order. */
static void kcompactd_do_work(int nid)
{
	struct kcompactd_node *kn = &kcompactd_nodes[nid];
	int order = READ_ONCE(kn->max_order), highest = READ_ONCE(kn->highest_zoneidx);

	count_vm_event(KCOMPACTD_WAKE);
	for (int zid = 0; zid <= highest; zid++) {
		struct zone *zone = &NODE_DATA(nid)->node_zones[zid];
		struct compact_control cc = {
			.zone = zone, .order = order, .mode = MIGRATE_SYNC_LIGHT, .kcompactd = true,
			.highest_zoneidx = zid,
		};
		enum compact_result status;

		if (!populated_zone(zone) || !managed_zone(zone) || compaction_deferred(zone, order))
			continue;
		status = compact_zone(&cc);
		if (status == COMPACT_SUCCESS)
			compaction_defer_reset(zone, order, false);
		else if (status == COMPACT_COMPLETE)
			defer_compaction(zone, order);
	}
	if (READ_ONCE(kn->max_order) <= order)
		WRITE_ONCE(kn->max_order, -1);
}

static bool kcompactd_work_requested(struct kcompactd_node *kn)
{
	return READ_ONCE(kn->max_order) > 0 || READ_ONCE(kn->proactive_trigger) ||
	       kthread_should_stop();
}

static int kcompactd(void *arg)
{
	int nid = (int)(long)arg;
	struct kcompactd_node *kn = &kcompactd_nodes[nid];

	while (!kthread_should_stop()) {
		long timeout = msecs_to_jiffies(HPAGE_FRAG_CHECK_INTERVAL_MSEC);

		if (!READ_ONCE(sysctl_compaction_proactiveness))
			timeout = MAX_SCHEDULE_TIMEOUT;
		reset_isolation_suitable(nid);	/* going idle, as kswapd before it sleeps */
		/* interruptible, as Linux's freezable wait: wakeup_kcompactd() and the sysctl
		 * wake with wake_up_interruptible() (a kthread sees no signal) */
		if (wait_event_interruptible_timeout(kn->wait, kcompactd_work_requested(kn),
						     timeout) &&
		    !READ_ONCE(kn->proactive_trigger)) {
			if (kthread_should_stop())
				break;
			kcompactd_do_work(nid);
			continue;
		}
		WRITE_ONCE(kn->proactive_trigger, false);
		if (READ_ONCE(sysctl_compaction_proactiveness) &&
		    fragmentation_score_node(nid) > fragmentation_score_wmark(false))
			proactive_compact_node(nid);
	}
	return 0;
}

/**
 * wakeup_kcompactd - asks the node's kcompactd to compact towards a block of @order
 * @nid: the node
 * @order: the order an allocation found no block of
 * @highest_zoneidx: its highest zone
 *
 * Context: any; does not sleep.
 */
void wakeup_kcompactd(int nid, int order, int highest_zoneidx)
{
	struct kcompactd_node *kn = &kcompactd_nodes[nid];

	if (!order || !READ_ONCE(kn->task))
		return;
	if (READ_ONCE(kn->max_order) < order)
		WRITE_ONCE(kn->max_order, order);
	if (READ_ONCE(kn->highest_zoneidx) > highest_zoneidx || READ_ONCE(kn->max_order) == order)
		WRITE_ONCE(kn->highest_zoneidx, highest_zoneidx);
	wake_up_interruptible(&kn->wait);
}

/* ---- /proc/sys/vm ---- */

static int sysctl_compaction_handler(struct ctl_table *table, int write, void *buffer,
				     size_t *lenp, loff_t *ppos)
{
	if (write)
		compact_nodes();
	return 0;
}

static int compaction_proactiveness_handler(struct ctl_table *table, int write, void *buffer,
					    size_t *lenp, loff_t *ppos)
{
	int err = proc_douintvec_minmax(table, write, buffer, lenp, ppos);

	if (err || !write || !sysctl_compaction_proactiveness)
		return err;
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct kcompactd_node *kn = &kcompactd_nodes[nid];

		if (READ_ONCE(kn->proactive_trigger))
			continue;
		WRITE_ONCE(kn->proactive_trigger, true);
		wake_up_interruptible(&kn->wait);
	}
	return 0;
}

static struct ctl_table vm_compaction_table[] = {
	{ .procname = "compact_memory", .maxlen = sizeof(int), .mode = 0200,
	  .proc_handler = sysctl_compaction_handler },
	{ .procname = "compaction_proactiveness", .data = &sysctl_compaction_proactiveness,
	  .maxlen = sizeof(sysctl_compaction_proactiveness), .mode = 0644,
	  .proc_handler = compaction_proactiveness_handler, .extra1 = SYSCTL_ZERO,
	  .extra2 = SYSCTL_ONE_HUNDRED },
	{ .procname = "extfrag_threshold", .data = &sysctl_extfrag_threshold,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE_THOUSAND },
	{ .procname = "compact_unevictable_allowed", .data = &sysctl_compact_unevictable_allowed,
	  .maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
	  .extra1 = SYSCTL_ZERO, .extra2 = SYSCTL_ONE },
	{ }
};
static struct ctl_table_header *vm_compaction_header;

static int kcompactd_start(int nid);

int kcompactd_init(void)
{
	int err;

	sysctl_compaction_proactiveness = 20;
	sysctl_extfrag_threshold = 500;
	sysctl_compact_unevictable_allowed = 1;
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct kcompactd_node *kn = &kcompactd_nodes[nid];
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			zone->compact_cached_migrate_pfn[0] = zone->zone_start_pfn;
			zone->compact_cached_migrate_pfn[1] = zone->zone_start_pfn;
			zone->compact_cached_free_pfn = zone->spanned_pages ?
				ALIGN_DOWN(zone->zone_start_pfn + zone->spanned_pages - 1,
					   pageblock_nr_pages) : zone->zone_start_pfn;
			zone->compact_considered = 0;
			zone->compact_defer_shift = 0;
			zone->compact_order_failed = 0;
		}
		init_waitqueue_head(&kn->wait);
		kn->max_order = -1;
		kn->highest_zoneidx = MAX_NR_ZONES - 1;
		kn->proactive_trigger = false;
		err = kcompactd_start(nid);
		if (err)
			return err;
	}
	vm_compaction_header = register_sysctl("vm", vm_compaction_table);
	return vm_compaction_header ? 0 : -ENOMEM;
}

static int kcompactd_start(int nid)
{
	struct kcompactd_node *kn = &kcompactd_nodes[nid];
	struct task_struct *task;

	if (kn->task)
		return 0;
	task = kthread_run(kcompactd, (void *)(long)nid, "kcompactd%d", nid);
	if (IS_ERR(task))
		return (int)PTR_ERR(task);
	WRITE_ONCE(kn->task, task);
	return 0;
}

/**
 * kcompactd_run - starts node @nid's kcompactd thread, if it is not running
 * @nid: the node
 *
 * Context: process; may sleep. A thread that cannot be made is reported, as in Linux.
 */
void kcompactd_run(int nid)
{
	if (kcompactd_start(nid))
		pr_err("Failed to start kcompactd on node %d\n", nid);
}

/**
 * kcompactd_stop - stops node @nid's kcompactd thread (as memory hot-remove does)
 * @nid: the node
 *
 * Wakeups for the node are ignored until kcompactd_run(). Context: process; may sleep
 * (waits for the thread's current run to end).
 */
void kcompactd_stop(int nid)
{
	struct kcompactd_node *kn = &kcompactd_nodes[nid];
	struct task_struct *task = kn->task;

	if (!task)
		return;
	WRITE_ONCE(kn->task, NULL);
	kthread_stop(task);
}

void kcompactd_exit(void)
{
	unregister_sysctl_table(vm_compaction_header);
	vm_compaction_header = NULL;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		kcompactd_stop(nid);
}
