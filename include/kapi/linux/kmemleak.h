/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kmemleak.h: telling kmemleak about memory. The allocators register their
 * objects themselves; a driver that carves objects out of memory it manages (pages,
 * a pool) registers them with kmemleak_alloc()/kmemleak_free(). min_count is how many
 * references make the object "not a leak": 1 normally, 0 for an object that is never
 * reported but is scanned (a root). All of these do nothing unless kmemleak=on. */
#ifndef UKMEM_LINUX_KMEMLEAK_H
#define UKMEM_LINUX_KMEMLEAK_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/slab.h>

struct vm_struct;

void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp);
void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp);
void kmemleak_free(const void *ptr);
/* Never reported, still scanned for pointers to other objects. */
void kmemleak_not_leak(const void *ptr);
/* Never reported and never scanned. */
void kmemleak_ignore(const void *ptr);
/* Reported if unreferenced, but its contents are not scanned. */
void kmemleak_no_scan(const void *ptr);
/* Only [ptr, ptr+size) of the object holding ptr is scanned (up to four such parts). */
void kmemleak_scan_area(const void *ptr, size_t size, gfp_t gfp);

/* The slab allocator's forms: nothing for a cache created with SLAB_NOLEAKTRACE. */
static inline void kmemleak_alloc_recursive(const void *ptr, size_t size, int min_count,
					    slab_flags_t flags, gfp_t gfp)
{
	if (!(flags & SLAB_NOLEAKTRACE))
		kmemleak_alloc(ptr, size, min_count, gfp);
}
static inline void kmemleak_free_recursive(const void *ptr, slab_flags_t flags)
{
	if (!(flags & SLAB_NOLEAKTRACE))
		kmemleak_free(ptr);
}

/* Clears a local that still points at an object once the pointer was handed over. */
static inline void kmemleak_erase(void **ptr)
{
	*ptr = NULL;
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kmemleak.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#endif
#endif
