/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kmsan.h: the allocators' KMSAN hooks, as Linux 6.1 has them without CONFIG_KMSAN
 * (ukmem has no KernelMemorySanitizer): each is an empty inline. */
#ifndef UKMEM_LINUX_KMSAN_H
#define UKMEM_LINUX_KMSAN_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/gfp.h>
#include <linux/kmsan-checks.h>
#include <linux/types.h>

struct kmem_cache;
struct page;

static inline int kmsan_alloc_page(struct page *page, unsigned int order, gfp_t flags)
{
	return 0;
}
static inline void kmsan_free_page(struct page *page, unsigned int order) { }
static inline void kmsan_slab_alloc(struct kmem_cache *s, void *object, gfp_t flags) { }
static inline void kmsan_slab_free(struct kmem_cache *s, void *object) { }
static inline void kmsan_kmalloc_large(const void *ptr, size_t size, gfp_t flags) { }
static inline void kmsan_kfree_large(const void *ptr) { }

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kmsan.h> brings with it, once this header is complete. */
#include <linux/linkage.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/prandom.h>
#include <linux/static_key.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
