/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/page-flags.h: page flag bits and their test/set helpers, and page types.
 * Bit numbers follow Linux 6.1 (x86_64). Bits 32-35 hold ukmem's record of the order a
 * non-compound block was allocated with, so frees of the wrong order are caught. */
#ifndef UKMEM_LINUX_PAGE_FLAGS_H
#define UKMEM_LINUX_PAGE_FLAGS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/mm_types.h>
#include <linux/compiler.h>

enum pageflags {
	PG_locked, PG_referenced, PG_uptodate, PG_dirty, PG_lru, PG_active, PG_workingset,
	PG_waiters, PG_error, PG_slab, PG_owner_priv_1, PG_arch_1, PG_reserved, PG_private,
	PG_private_2, PG_writeback, PG_head, PG_mappedtodisk, PG_reclaim, PG_swapbacked,
	PG_unevictable, PG_mlocked, PG_hwpoison, PG_arch_2,
	__NR_PAGEFLAGS,
	PG_readahead = PG_reclaim,
	PG_checked = PG_owner_priv_1,
	PG_swapcache = PG_owner_priv_1,
	PG_pinned = PG_owner_priv_1,
	PG_foreign = PG_owner_priv_1,
	PG_isolated = PG_reclaim,
};

#define UKMEM_PG_ORDER_SHIFT	32	/* allocation order + 1 of a non-compound block head */
#define UKMEM_PG_ORDER_MASK	(0xfUL << UKMEM_PG_ORDER_SHIFT)

static inline bool __page_flag_test(const struct page *page, int bit)
{
	return (__atomic_load_n(&page->flags, __ATOMIC_RELAXED) >> bit) & 1;
}
static inline void __page_flag_set_atomic(struct page *page, int bit)
{
	__atomic_fetch_or(&page->flags, 1UL << bit, __ATOMIC_RELAXED);
}
static inline void __page_flag_clear_atomic(struct page *page, int bit)
{
	__atomic_fetch_and(&page->flags, ~(1UL << bit), __ATOMIC_RELAXED);
}

static inline struct page *compound_head(const struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	return (struct page *)(head & 1 ? head - 1 : (unsigned long)page);
}

#define UKMEM_PAGEFLAG(Name, bit)						\
static inline bool Page##Name(const struct page *page) { return __page_flag_test(page, PG_##bit); } \
static inline void SetPage##Name(struct page *page) { __page_flag_set_atomic(page, PG_##bit); } \
static inline void ClearPage##Name(struct page *page) { __page_flag_clear_atomic(page, PG_##bit); } \
static inline void __SetPage##Name(struct page *page) { page->flags |= 1UL << PG_##bit; } \
static inline void __ClearPage##Name(struct page *page) { page->flags &= ~(1UL << PG_##bit); }

UKMEM_PAGEFLAG(Locked, locked)
UKMEM_PAGEFLAG(Referenced, referenced)
UKMEM_PAGEFLAG(Uptodate, uptodate)
UKMEM_PAGEFLAG(Dirty, dirty)
UKMEM_PAGEFLAG(LRU, lru)
UKMEM_PAGEFLAG(Active, active)
UKMEM_PAGEFLAG(Error, error)
/* 6.1's PF_NO_TAIL flags: a test on a tail page reads its head's flag. */
#define UKMEM_PAGEFLAG_NO_TAIL(Name, bit)					\
static inline bool Page##Name(const struct page *page)			\
{ return __page_flag_test(compound_head(page), PG_##bit); }		\
static inline void __SetPage##Name(struct page *page) { page->flags |= 1UL << PG_##bit; } \
static inline void __ClearPage##Name(struct page *page) { page->flags &= ~(1UL << PG_##bit); }

UKMEM_PAGEFLAG_NO_TAIL(Slab, slab)
UKMEM_PAGEFLAG(Reserved, reserved)
UKMEM_PAGEFLAG(Private, private)
UKMEM_PAGEFLAG(Writeback, writeback)
UKMEM_PAGEFLAG(Isolated, isolated)	/* a movable page taken for migration */
UKMEM_PAGEFLAG(Head, head)
UKMEM_PAGEFLAG(Reclaim, reclaim)
UKMEM_PAGEFLAG(SwapBacked, swapbacked)
UKMEM_PAGEFLAG(Unevictable, unevictable)
UKMEM_PAGEFLAG(Mlocked, mlocked)
UKMEM_PAGEFLAG(HWPoison, hwpoison)
UKMEM_PAGEFLAG(Checked, checked)

static inline bool PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1;
}
static inline bool PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}
/* The folio page p belongs to (the compound head), const kept. */
#define page_folio(p)	(_Generic((p),						\
	const struct page *:	(const struct folio *)compound_head(p),		\
	struct page *:		(struct folio *)compound_head(p)))

/* The folio forms of the page flags Linux 6.1's slab and page cache code use. */
static inline bool folio_test_slab(const struct folio *folio) { return PageSlab(&folio->page); }
static inline bool folio_test_head(const struct folio *folio) { return PageHead(&folio->page); }
static inline bool folio_test_large(const struct folio *folio) { return PageHead(&folio->page); }
static inline bool folio_test_active(const struct folio *folio) { return PageActive(&folio->page); }
static inline void folio_set_active(struct folio *folio) { SetPageActive(&folio->page); }
static inline void folio_clear_active(struct folio *folio) { ClearPageActive(&folio->page); }
static inline void __folio_clear_active(struct folio *folio) { __ClearPageActive(&folio->page); }

/* The low bits of page->mapping say what kind of mapping it is: anonymous memory, or a
 * page a driver made movable (its mapping then points to its movable_operations). */
#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
static inline bool PageMappingFlags(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) != 0;
}
static inline bool PageAnon(const struct page *page)
{
	return ((unsigned long)compound_head(page)->mapping & PAGE_MAPPING_ANON) != 0;
}
static inline bool __PageMovable(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_MOVABLE;
}

/* Page types live in page_type (which overlays _mapcount): a fresh page has -1. */
#define PAGE_TYPE_BASE	0xf0000000
#define PAGE_MAPCOUNT_RESERVE	-128
#define PG_buddy	0x00000080
#define PG_offline	0x00000100
#define PG_table	0x00000200
#define PG_guard	0x00000400

#define UKMEM_PAGE_TYPE(Name, flag)						\
static inline bool Page##Name(const struct page *page)			\
{ return (page->page_type & (PAGE_TYPE_BASE | flag)) == PAGE_TYPE_BASE; }	\
static inline void __SetPage##Name(struct page *page) { page->page_type &= ~flag; } \
static inline void __ClearPage##Name(struct page *page) { page->page_type |= flag; }

UKMEM_PAGE_TYPE(Buddy, PG_buddy)
UKMEM_PAGE_TYPE(Offline, PG_offline)
UKMEM_PAGE_TYPE(Table, PG_table)
UKMEM_PAGE_TYPE(Guard, PG_guard)

#define PAGE_FLAGS_CHECK_AT_FREE						\
	((1UL << PG_lru) | (1UL << PG_locked) | (1UL << PG_private) |		\
	 (1UL << PG_private_2) | (1UL << PG_writeback) | (1UL << PG_reserved) |	\
	 (1UL << PG_slab) | (1UL << PG_active) | (1UL << PG_unevictable) |	\
	 (1UL << PG_mlocked))
#define PAGE_FLAGS_CHECK_AT_PREP	((1UL << __NR_PAGEFLAGS) - 1)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/page-flags.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/workqueue.h>
#endif
#endif
