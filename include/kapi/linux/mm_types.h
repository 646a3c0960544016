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
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/workqueue.h>
#endif
#endif
