/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/slab.h: slab caches (kmem_cache_*) and the kmalloc family, as in Linux 6.1.
 * kmem_cache_create() takes the 6.1 five-argument form (ctor(void *)) and also the old
 * six-argument form with a constructor and destructor taking (obj, cache, flags); the
 * macro below picks the form by argument count. Implemented in src/mm/slub.c and
 * src/mm/slab_common.c. */
#ifndef UKMEM_LINUX_SLAB_H
#define UKMEM_LINUX_SLAB_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/numa.h>
#include <asm/page.h>

#define SLAB_CONSISTENCY_CHECKS	((slab_flags_t)0x00000100U)
#define SLAB_RED_ZONE		((slab_flags_t)0x00000400U)
#define SLAB_POISON		((slab_flags_t)0x00000800U)
#define SLAB_KMALLOC		((slab_flags_t)0x00001000U)
#define SLAB_HWCACHE_ALIGN	((slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA		((slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32	((slab_flags_t)0x00008000U)
#define SLAB_STORE_USER		((slab_flags_t)0x00010000U)
#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t)0x00020000U)
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT
#define SLAB_PANIC		((slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD		((slab_flags_t)0x00100000U)
#define SLAB_TRACE		((slab_flags_t)0x00200000U)
#define SLAB_DEBUG_OBJECTS	((slab_flags_t)0x00400000U)
#define SLAB_NOLEAKTRACE	((slab_flags_t)0x00800000U)
#define SLAB_FAILSLAB		((slab_flags_t)0x02000000U)
#define SLAB_ACCOUNT		((slab_flags_t)0x04000000U)
#define SLAB_KASAN		((slab_flags_t)0)
#define SLAB_NO_USER_FLAGS	((slab_flags_t)0x10000000U)
#define SLAB_SKIP_KFENCE	((slab_flags_t)0x20000000U)	/* never sampled by KFENCE */

/* kmalloc(0) returns ZERO_SIZE_PTR: not NULL, but faults if used. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define ARCH_KMALLOC_MINALIGN	__alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN	__alignof__(unsigned long long)
#define KMALLOC_MIN_SIZE	8
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)
#define KMALLOC_SHIFT_MAX	(MAX_ORDER + PAGE_SHIFT - 1)
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_MAX - PAGE_SHIFT)

struct kmem_cache;

/* The kmalloc caches' kinds (kmalloc-, kmalloc-cg-, kmalloc-rcl-, dma-kmalloc-). */
enum kmalloc_cache_type { KMALLOC_NORMAL, KMALLOC_CGROUP, KMALLOC_RECLAIM, KMALLOC_DMA,
			  NR_KMALLOC_TYPES };

typedef void (*kmem_ctor_t)(void *object);
typedef void (*kmem_old_ctor_t)(void *object, struct kmem_cache *cache, unsigned long flags);

struct kmem_cache *kmem_cache_create_5(const char *name, unsigned int size, unsigned int align,
				       slab_flags_t flags, kmem_ctor_t ctor);
struct kmem_cache *kmem_cache_create_6(const char *name, size_t size, size_t align,
				       unsigned long flags, kmem_old_ctor_t ctor,
				       kmem_old_ctor_t dtor);
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset, unsigned int usersize,
					      kmem_ctor_t ctor);
#define __KMEM_CACHE_CREATE_PICK(_1, _2, _3, _4, _5, _6, NAME, ...) NAME
#define kmem_cache_create(...)							\
	__KMEM_CACHE_CREATE_PICK(__VA_ARGS__, kmem_cache_create_6, kmem_cache_create_5, \
				 _no3, _no2, _no1)(__VA_ARGS__)

#define KMEM_CACHE(__struct, __flags)						\
	kmem_cache_create_5(#__struct, sizeof(struct __struct),			\
			    __alignof__(struct __struct), (__flags), NULL)
#define KMEM_CACHE_USERCOPY(__struct, __flags, __field)				\
	kmem_cache_create_usercopy(#__struct, sizeof(struct __struct),		\
			__alignof__(struct __struct), (__flags),		\
			__builtin_offsetof(struct __struct, __field),		\
			sizeof(((struct __struct *)0)->__field), NULL)

void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node) __malloc;
void *kmem_cache_alloc_lru(struct kmem_cache *s, void *lru, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *object);
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t nr, void **p);
void kmem_cache_free_bulk(struct kmem_cache *s, size_t nr, void **p);
/* Frees kmalloc'ed objects (of any cache, and large ones) as kfree() does. */
static __always_inline void kfree_bulk(size_t size, void **p)
{
	kmem_cache_free_bulk(NULL, size, p);
}
static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}

void *__kmalloc(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *__kmalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1) __malloc;
void kfree(const void *object);
void kfree_sensitive(const void *object);
size_t ksize(const void *object);
size_t kmalloc_size_roundup(size_t size);
void *krealloc(const void *object, size_t new_size, gfp_t flags) __realloc_size(2);
void *kmalloc_large(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *kvmalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1) __malloc;
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags);

/* The kmalloc caches, by kind (kmalloc_type()) and index (__kmalloc_index()); NULL
 * before the slab allocator is up and for the indexes no cache has (0, 3 .. 13 and
 * 1, 2 are used). They are the allocator's own caches (src/mm/slab_common.c). */
extern struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

/* The gfp bits that take a kmalloc away from the KMALLOC_NORMAL caches. */
#define KMALLOC_NOT_NORMAL_BITS	(__GFP_RECLAIMABLE | __GFP_DMA | __GFP_ACCOUNT)

/* Which kind of kmalloc cache serves an allocation with these flags. */
static __always_inline enum kmalloc_cache_type kmalloc_type(gfp_t flags)
{
	if (__builtin_expect((flags & KMALLOC_NOT_NORMAL_BITS) == 0, 1))
		return KMALLOC_NORMAL;
	if (flags & __GFP_DMA)
		return KMALLOC_DMA;
	return (flags & __GFP_RECLAIMABLE) ? KMALLOC_RECLAIM : KMALLOC_CGROUP;
}

/* The kmalloc cache index for size, as Linux 6.1 numbers them: 0 for 0, 1 for
 * kmalloc-96, 2 for kmalloc-192, else log2 of the cache's object size (3 for 1 .. 8);
 * sizes above KMALLOC_MAX_CACHE_SIZE get the index their power of two would have, up
 * to 32 MiB (25), and -1 beyond. Folds to a constant for a constant size. */
static __always_inline unsigned int __kmalloc_index(size_t size, bool size_is_constant)
{
	(void)size_is_constant;
	if (!size) return 0;
	if (size <= KMALLOC_MIN_SIZE) return KMALLOC_SHIFT_LOW;
	if (size > 64 && size <= 96) return 1;
	if (size > 128 && size <= 192) return 2;
	if (size <= 16) return 4;
	if (size <= 32) return 5;
	if (size <= 64) return 6;
	if (size <= 128) return 7;
	if (size <= 256) return 8;
	if (size <= 512) return 9;
	if (size <= 1024) return 10;
	if (size <= 2048) return 11;
	if (size <= 4096) return 12;
	if (size <= 8192) return 13;
	if (size <= 16384) return 14;
	if (size <= 32768) return 15;
	if (size <= 65536) return 16;
	if (size <= 128 * 1024) return 17;
	if (size <= 256 * 1024) return 18;
	if (size <= 512 * 1024) return 19;
	if (size <= 1024 * 1024) return 20;
	if (size <= 2 * 1024 * 1024) return 21;
	if (size <= 4 * 1024 * 1024) return 22;
	if (size <= 8 * 1024 * 1024) return 23;
	if (size <= 16 * 1024 * 1024) return 24;
	if (size <= 32 * 1024 * 1024) return 25;
	return -1;
}
#define kmalloc_index(s) __kmalloc_index(s, true)

/* kmalloc(size) from the cache of index kmalloc_index(size), for sizes known at compile
 * time (size itself is for tracing and sanitizers). */
void *__kmalloc_from_index(unsigned int index, size_t size, gfp_t flags) __malloc;

static __always_inline void *kmalloc(size_t size, gfp_t flags)
{
	if (__builtin_constant_p(size) && size && size <= KMALLOC_MAX_CACHE_SIZE)
		return __kmalloc_from_index(kmalloc_index(size), size, flags);
	return __kmalloc(size, flags);
}
static inline void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node(size, flags, node);
}
static inline void *kzalloc(size_t size, gfp_t flags) { return kmalloc(size, flags | __GFP_ZERO); }
static inline void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return kmalloc_node(size, flags | __GFP_ZERO, node);
}
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, flags);
}
static inline void *kmalloc_array_node(size_t n, size_t size, gfp_t flags, int node)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc_node(bytes, flags, node);
}
static inline void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}
static inline void *kcalloc_node(size_t n, size_t size, gfp_t flags, int node)
{
	return kmalloc_array_node(n, size, flags | __GFP_ZERO, node);
}
static inline void *kvmalloc(size_t size, gfp_t flags) { return kvmalloc_node(size, flags, NUMA_NO_NODE); }
static inline void *kvzalloc(size_t size, gfp_t flags) { return kvmalloc(size, flags | __GFP_ZERO); }
static inline void *kvzalloc_node(size_t size, gfp_t flags, int node)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, node);
}
static inline void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc(bytes, flags);
}
static inline void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

/* Per-cache figures as /sys/kernel/slab/<cache>/ shows them (ukmem's native API). */
struct kmem_cache_info {
	const char *name;
	unsigned int object_size, slab_size, objs_per_slab, order, align;
	unsigned long objects;		/* allocated objects (in use or in per-thread caches) */
	unsigned long total_objects;	/* objects in all slabs */
	unsigned long slabs, partial;	/* slabs, and those on the node partial lists */
	unsigned int aliases;		/* other kmem_cache_create() calls merged into it */
	slab_flags_t flags;
};
/* Fills info for cache s (or the cache called name if s is NULL); 0 or -ENOENT. */
int kmem_cache_get_info(struct kmem_cache *s, const char *name, struct kmem_cache_info *info);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/slab.h> brings with it, once this header is complete. */
#include <asm/pgtable_types.h>
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
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/workqueue.h>
#endif
#endif
