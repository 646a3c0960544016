// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/page_isolation.c: isolating ranges of pageblocks, as memory offlining and
 * contiguous allocations do before they take a range. A pageblock may be isolated only
 * if the part of it in the range holds no page in use that could not move (ukmem keeps
 * no LRU, so only free pages, pages on per-CPU lists and pages marked __PageMovable
 * qualify). An isolated pageblock's free pages sit on MIGRATE_ISOLATE's lists and are
 * not counted free; pages freed into it join them; undoing the isolation gives them back
 * to the type asked for. The free-list work is page_alloc.c's
 * (pageblock_isolate_locked, pageblock_unisolate_locked). */
#include <errno.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include "mm/internal.h"

/* The first page in [start, end) in use that cannot move, or NULL. */
static struct page *has_unmovable_pages(struct zone *zone, unsigned long start, unsigned long end)
{
	if (!pageblock_initialised(zone, start))
		return NULL;	/* never touched since boot: all free */
	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (PageReserved(page))
			return page;
		/* free, on a per-CPU list, or a compound page's tail */
		if (!page_ref_count(page)) {
			if (PageBuddy(page))
				pfn += (1UL << page_private(page)) - 1;
			continue;
		}
		if (__PageMovable(page) || PageLRU(page))
			continue;
		return page;
	}
	return NULL;
}

/* Isolates the pageblock at pfn if [start_pfn, end_pfn)'s part of it allows. */
static int set_migratetype_isolate(struct zone *zone, unsigned long pfn, int isol_flags,
				   unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long check_start = max(pfn, start_pfn);
	unsigned long check_end = min(pfn + pageblock_nr_pages, end_pfn);
	struct page *unmovable = NULL;
	unsigned long flags;
	int err = 0;

	raw_spin_lock_irqsave(&zone->lock, flags);
	if (is_migrate_isolate(pfnblock_migratetype(zone, pfn)))
		err = -EBUSY;
	else if (!(unmovable = has_unmovable_pages(zone, check_start, check_end)))
		pageblock_isolate_locked(zone, pfn_to_page(pfn));
	raw_spin_unlock_irqrestore(&zone->lock, flags);
	if (unmovable) {
		if (isol_flags & REPORT_FAILURE)
			dump_page(unmovable, "unmovable page");
		err = -EBUSY;
	}
	return err;
}

/**
 * start_isolate_page_range - make a range's pageblocks MIGRATE_ISOLATE
 * @start_pfn: first page frame of the range
 * @end_pfn: page frame after the range
 * @migratetype: the type the pageblocks get back on failure
 * @flags: REPORT_FAILURE to dump the page that prevents it; MEMORY_OFFLINE
 * @gfp_flags: unused here (Linux migrates pages at the edges with it)
 *
 * Isolates every pageblock that [start_pfn, end_pfn) touches, or none.
 * Context: process context; takes each zone's lock. Returns 0, or -EBUSY if a pageblock
 * is isolated already or holds a page in use that cannot move (the isolation done so
 * far is undone).
 */
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype,
			     int flags, gfp_t gfp_flags)
{
	unsigned long first = ALIGN_DOWN(start_pfn, pageblock_nr_pages);

	for (unsigned long pfn = first; pfn < end_pfn; pfn += pageblock_nr_pages) {
		struct zone *zone = pfn_zone(pfn);

		if (!zone)
			continue;	/* a hole has nothing to isolate */
		if (set_migratetype_isolate(zone, pfn, flags, start_pfn, end_pfn)) {
			undo_isolate_page_range(first, pfn, migratetype);
			return -EBUSY;
		}
	}
	return 0;
}

/**
 * undo_isolate_page_range - give a range's isolated pageblocks a migrate type again
 * @start_pfn: first page frame of the range
 * @end_pfn: page frame after the range
 * @migratetype: the type they get
 *
 * Pageblocks that are not isolated are left alone; the free pages come back to the free
 * counts and merge with their neighbours.
 * Context: process context; takes each zone's lock.
 */
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype)
{
	for (unsigned long pfn = ALIGN_DOWN(start_pfn, pageblock_nr_pages); pfn < end_pfn;
	     pfn += pageblock_nr_pages) {
		struct zone *zone = pfn_zone(pfn);
		unsigned long flags;

		if (!zone)
			continue;
		raw_spin_lock_irqsave(&zone->lock, flags);
		pageblock_unisolate_locked(zone, pfn_to_page(pfn), migratetype);
		raw_spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/* The first page frame in [start, end) that is not free in its isolated block (pages
 * before start that are in use do not count). zone->lock held. */
static unsigned long first_unisolated_pfn(unsigned long first, unsigned long start,
					  unsigned long end, int isol_flags)
{
	unsigned long pfn = first;

	while (pfn < end) {
		struct page *page = pfn_to_page(pfn);

		if (PageBuddy(page))
			pfn += 1UL << page_private(page);
		else if (pfn < start)
			pfn++;
		else if ((isol_flags & MEMORY_OFFLINE) && PageHWPoison(page))
			pfn++;
		else if ((isol_flags & MEMORY_OFFLINE) && PageOffline(page) && !page_count(page))
			pfn++;
		else
			break;
	}
	return pfn;
}

/**
 * test_pages_isolated - whether a range is isolated and every page of it free
 * @start_pfn: first page frame of the range
 * @end_pfn: page frame after the range
 * @isol_flags: MEMORY_OFFLINE also accepts hwpoisoned and offline pages
 *
 * Pages still on a per-CPU list are not free yet: drain_all_pages() first.
 * Context: process context; takes each zone's lock. Returns 0 or -EBUSY.
 */
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn, int isol_flags)
{
	unsigned long first = ALIGN_DOWN(start_pfn, pageblock_nr_pages);

	for (unsigned long pfn = first; pfn < end_pfn; pfn += pageblock_nr_pages) {
		struct zone *zone = pfn_zone(pfn);
		unsigned long flags, end = min(pfn + pageblock_nr_pages, end_pfn);
		bool busy;

		if (!zone)
			continue;
		if (!is_migrate_isolate(pfnblock_migratetype(zone, pfn)))
			return -EBUSY;
		raw_spin_lock_irqsave(&zone->lock, flags);
		busy = first_unisolated_pfn(pfn, start_pfn, end, isol_flags) < end;
		raw_spin_unlock_irqrestore(&zone->lock, flags);
		if (busy)
			return -EBUSY;
	}
	return 0;
}
