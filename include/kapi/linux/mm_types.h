/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/mm_types.h: struct page, one per physical page frame (64 bytes, as in Linux).
 * The second union is reused by whoever owns the page: the buddy allocator (lru, private
 * = order), a compound page's tails (compound_head = head | 1), or the slab allocator
 * (src/mm/slab.h overlays struct slab on these words). */
#ifndef UKMEM_LINUX_MM_TYPES_H
#define UKMEM_LINUX_MM_TYPES_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

struct address_space;

struct page {
	unsigned long flags;		/* PG_* bits; node and zone in the top bits */
	union {
		struct {
			struct list_head lru;
			struct address_space *mapping;
			pgoff_t index;
			unsigned long private;
		};
		struct {			/* tail pages of a compound page */
			unsigned long compound_head;
			unsigned char compound_dtor;
			unsigned char compound_order;
			atomic_t compound_mapcount;
			atomic_t compound_pincount;
			unsigned int compound_nr;
		};
		struct {			/* page-table pages */
			unsigned long _pt_pad_1;
			void *pmd_huge_pte;
			unsigned long _pt_pad_2;
			unsigned long _pt_pad_3;
			unsigned long pt_private;
		};
		unsigned long __slab_words[5];	/* owned by src/mm/slab.h's struct slab */
		struct rcu_head rcu_head;
	};
	union {
		atomic_t _mapcount;
		unsigned int page_type;
	};
	atomic_t _refcount;
	unsigned long memcg_data;
};

_Static_assert(sizeof(struct page) == 64, "struct page is 64 bytes, as in Linux");

/* A folio is a page that is not a tail page: the head of a compound page or a single
 * page, as Linux 6.1 has it; its first struct page's fields under their folio names. */
struct folio {
	union {
		struct {
			unsigned long flags;
			struct list_head lru;
			struct address_space *mapping;
			pgoff_t index;
			void *private;
			atomic_t _mapcount;
			atomic_t _refcount;
			unsigned long memcg_data;
		};
		struct page page;
	};
};
#define UKMEM_FOLIO_MATCH(pg, fl)	\
	_Static_assert(offsetof(struct page, pg) == offsetof(struct folio, fl), #fl " is " #pg)
UKMEM_FOLIO_MATCH(flags, flags);
UKMEM_FOLIO_MATCH(lru, lru);
UKMEM_FOLIO_MATCH(mapping, mapping);
UKMEM_FOLIO_MATCH(index, index);
UKMEM_FOLIO_MATCH(private, private);
UKMEM_FOLIO_MATCH(_mapcount, _mapcount);
UKMEM_FOLIO_MATCH(_refcount, _refcount);
UKMEM_FOLIO_MATCH(memcg_data, memcg_data);
#undef UKMEM_FOLIO_MATCH
_Static_assert(sizeof(struct folio) == sizeof(struct page), "a folio is its first page");

/* The n-th page of a folio. */
#define folio_page(folio, n)	(&(folio)->page + (n))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/mm_types.h> brings with it, once this header is complete. */
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
