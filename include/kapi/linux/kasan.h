/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kasan.h: the Kernel Address Sanitizer's interface to the rest of the kernel, as
 * Linux 6.1 has it without CONFIG_KASAN: ukmem's kernel configuration does not set
 * CONFIG_KASAN, so each hook is an empty inline. (ukmem's AddressSanitizer builds check
 * slab objects with their own hooks, src/mm/kasan.h, which drivers do not call; caches
 * with a debug flag such as SLAB_RED_ZONE are left to slub_debug's checks.) */
#ifndef UKMEM_LINUX_KASAN_H
#define UKMEM_LINUX_KASAN_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/jump_label.h>

struct kmem_cache;
struct page;
struct slab;

static inline bool kasan_enabled(void) { return false; }
static inline bool kasan_hw_tags_enabled(void) { return false; }
static inline bool kasan_has_integrated_init(void) { return false; }
/* Reports about the current task's accesses are not suppressed by these without KASAN. */
static inline void kasan_disable_current(void) { }
static inline void kasan_enable_current(void) { }
static inline void *kasan_reset_tag(const void *addr) { return (void *)addr; }
static inline void kasan_unpoison_range(const void *address, size_t size) { }
static inline void *kasan_slab_alloc(struct kmem_cache *s, void *object, gfp_t flags,
				     bool init)
{
	return object;
}
static inline bool kasan_slab_free(struct kmem_cache *s, void *object, bool init)
{
	return false;
}
static inline void *kasan_kmalloc(struct kmem_cache *s, const void *object, size_t size,
				  gfp_t flags)
{
	return (void *)object;
}
static inline size_t kasan_metadata_size(struct kmem_cache *cache, bool in_object)
{
	return 0;
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kasan.h> brings with it, once this header is complete. */
#include <linux/kmsan-checks.h>
#include <linux/log2.h>
#include <linux/static_key.h>
#endif
#endif
