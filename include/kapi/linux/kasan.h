/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kasan.h: the Kernel Address Sanitizer's interface to the rest of the kernel.
 * ukmem's normal kernel configuration has no CONFIG_KASAN, and there it is as Linux 6.1
 * has it without: each hook an empty inline. Modules built by the Kbuild directory of
 * ukmem's AddressSanitizer build have CONFIG_KASAN with the generic mode: they are
 * compiled with Linux's KASAN flags against AddressSanitizer's shadow (asm/kasan.h),
 * which the library keeps as KASAN keeps its own -- slab objects, kmalloc's red zones,
 * free pages, vmalloc areas (src/mm/kasan.h) -- and a bad access is reported in KASAN's
 * words after AddressSanitizer's report. The slab hooks below stay empty inlines there
 * too: the library calls its own. kasan_disable_current() does not silence reports. */
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

#ifdef CONFIG_KASAN
#include <linux/linkage.h>
#include <asm/kasan.h>

#define KASAN_SHADOW_INIT 0

/* The shadow byte describing addr's 8-byte granule. */
static inline void *kasan_mem_to_shadow(const void *addr)
{
	return (void *)(((unsigned long)addr >> KASAN_SHADOW_SCALE_SHIFT) + KASAN_SHADOW_OFFSET);
}
#endif

static inline bool kasan_enabled(void) { return IS_ENABLED(CONFIG_KASAN); }
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
#include <linux/linkage.h>
#include <linux/log2.h>
#include <linux/static_key.h>
#endif
#endif
