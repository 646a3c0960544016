/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/gfp.h: the page allocator's entry points (implemented in src/mm/page_alloc.c). */
#ifndef UKMEM_LINUX_GFP_H
#define UKMEM_LINUX_GFP_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/gfp_types.h>
#include <linux/mmzone.h>

struct page;

/* The mobility bits of a mask choose the migrate type: neither (unmovable), movable,
 * reclaimable. */
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3
/* The gfp bits allocations may use: Linux narrows it during early boot; ukmem's
 * allocators are complete when the machine boots, so every bit is allowed. */
extern gfp_t gfp_allowed_mask;

static inline int gfp_migratetype(const gfp_t gfp_flags)
{
	if (page_group_by_mobility_disabled)
		return MIGRATE_UNMOVABLE;
	return (int)((gfp_flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, void *nodemask);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
#define __alloc_pages_node(nid, gfp, order)	alloc_pages_node(nid, gfp, order)
#define alloc_page(gfp)		alloc_pages(gfp, 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
#define __get_free_page(gfp)	__get_free_pages((gfp), 0)
#define __get_dma_pages(gfp, order)	__get_free_pages((gfp) | GFP_DMA, (order))
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);
void *alloc_pages_exact_nid(int nid, size_t size, gfp_t gfp);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page)	__free_pages((page), 0)
#define free_page(addr)		free_pages((addr), 0)
void drain_all_pages(struct zone *zone);
void drain_local_pages(struct zone *zone);
unsigned long nr_free_buffer_pages(void);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/gfp.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/export.h>
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
