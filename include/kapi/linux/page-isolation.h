/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/page-isolation.h: isolating pageblocks (MIGRATE_ISOLATE) so that their free
 * pages cannot be allocated, as memory offlining and contiguous allocations do; pages
 * freed into an isolated pageblock stay off the free counts until it is undone
 * (implemented in src/mm/page_isolation.c). */
#ifndef UKMEM_LINUX_PAGE_ISOLATION_H
#define UKMEM_LINUX_PAGE_ISOLATION_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/mmzone.h>
#include <linux/gfp_types.h>

static inline bool has_isolate_pageblock(struct zone *zone)
{
	return __atomic_load_n(&zone->nr_isolate_pageblock, __ATOMIC_RELAXED) != 0;
}
static inline bool is_migrate_isolate_page(struct page *page)
{
	return get_pageblock_migratetype(page) == MIGRATE_ISOLATE;
}
static inline bool is_migrate_isolate(int migratetype)
{
	return migratetype == MIGRATE_ISOLATE;
}

#define MEMORY_OFFLINE	0x1
#define REPORT_FAILURE	0x2

void set_pageblock_migratetype(struct page *page, int migratetype);
int move_freepages_block(struct zone *zone, struct page *page, int migratetype, int *num_movable);
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype,
			     int flags, gfp_t gfp_flags);
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype);
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn, int isol_flags);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
#endif
#endif
