// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/slab_common.c: the cache registry (kmem_cache_create/destroy, merging), the
 * kmem_cache_* entry points, the kmalloc caches and the kmalloc family, and
 * /proc/slabinfo. Sizes above KMALLOC_MAX_CACHE_SIZE come from the page allocator as
 * compound pages (ksize = page size), accounted as unreclaimable slab memory; kfree()
 * keeps one such block per order (16 KiB to 1 MiB) and CPU for the next kmalloc.
 * Invariants: slab_caches holds every cache created and not destroyed (a cache whose
 * destroy found live objects stays, as in Linux); slab_mutex guards the list. A kept
 * block is in exactly one slot, compound, with no reference, not counted as slab. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include "fs/proc.h"
#include "kernel/params.h"
#include "kernel/report.h"
#include "machine/boot.h"
#include "machine/initcalls.h"
#include "debug/trace.h"
#include "debug/track.h"
#include "mm/kasan.h"
#include "mm/kfence/kfence.h"
#include "mm/kmemleak.h"
#include "mm/internal.h"
#include "mm/page_poison.h"
#include "mm/slab.h"
#include "kernel/cpu.h"
#include "machine/fork.h"

LIST_HEAD(slab_caches);
pthread_mutex_t slab_mutex = PTHREAD_MUTEX_INITIALIZER;
bool slab_init_on_alloc, slab_init_on_free;
bool slab_nomerge;

FORK_LOCK(slab, FORK_ORDER_SLAB, slab_fork_lock, slab_fork_unlock);	/* mm/slab_fork.c */


static int set_slab_nomerge(const char *v) { slab_nomerge = true; return 0; }
static int set_slab_merge(const char *v) { slab_nomerge = false; return 0; }
UKMEM_SETUP("slab_nomerge", set_slab_nomerge, NULL);
UKMEM_SETUP("slab_merge", set_slab_merge, "");
static int set_slub_min_objects(const char *v)
{
	char *end;

	slub_min_objects = (unsigned int)strtoul(v, &end, 0);
	return *end ? -EINVAL : 0;
}
UKMEM_SETUP("slub_min_objects=", set_slub_min_objects, "0");
/* ukmem.slab_thread_cache=<bytes>: how much of each cache's objects one thread may keep
 * (at least two slabs' worth); a cache's depot keeps twice that. Large, tcmalloc-like,
 * by default; libukmem-malloc, with many caches and a program's whole heap in them,
 * boots with less so that free objects do not pile up per class. */
static int set_slab_thread_cache(const char *v)
{
	char *end;
	unsigned long long bytes = memparse(v, &end);

	if (*end || bytes < 4096 || bytes > (64ULL << 20))
		return -EINVAL;
	slab_thread_cache_bytes = (unsigned int)bytes;
	return 0;
}
UKMEM_SETUP("ukmem.slab_thread_cache=", set_slab_thread_cache, "1M");

#define _RET_IP_	((unsigned long)__builtin_return_address(0))

/* ---- caches ---------------------------------------------------------------------- */

static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = 64;	/* cache_line_size() */

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)ARCH_SLAB_MINALIGN);
	return ALIGN(align, (unsigned int)sizeof(void *));
}

struct cache_args {
	const char *name;
	unsigned int id;		/* 0, or the fixed id of a kmalloc cache */
	unsigned int size, align, useroffset, usersize;
	slab_flags_t flags;
	kmem_ctor_t ctor;
	kmem_old_ctor_t old_ctor, old_dtor;
};

struct kmem_cache *kmem_cache;
struct kmem_cache *kmem_cache_node;
static struct kmem_cache_storage boot_kmem_cache, boot_kmem_cache_node;

static bool is_boot_cache(const struct kmem_cache *s)
{
	return s == &boot_kmem_cache.cache || s == &boot_kmem_cache_node.cache;
}

/* A new cache, on slab_caches; its structure from kmem_cache, or boot's for a boot
 * cache (slab_mutex held). */
static struct kmem_cache *create_cache(const struct cache_args *a, int *err,
				       struct kmem_cache_storage *boot)
{
	struct kmem_cache *s;

	if (boot) {
		memset(boot, 0, sizeof(*boot));
		s = &boot->cache;
	} else {
		s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	}
	if (!s || !(s->name = strdup(a->name))) {
		if (s && !boot)
			kmem_cache_free(kmem_cache, s);
		*err = -ENOMEM;
		return NULL;
	}
	s->id = a->id;
	s->object_size = a->size;
	s->align = calculate_alignment(a->flags, a->align, a->size);
	s->flags = a->flags;
	s->ctor = a->ctor;
	s->old_ctor = a->old_ctor;
	s->old_dtor = a->old_dtor;
	s->useroffset = a->useroffset;
	s->usersize = a->usersize;
	s->refcount = boot ? -1 : 1;	/* a boot cache is never merged nor destroyed */
	*err = __kmem_cache_create(s, boot ? boot->nodes : NULL);
	if (*err) {
		free((void *)s->name);
		if (!boot)
			kmem_cache_free(kmem_cache, s);
		return NULL;
	}
	list_add(&s->list, &slab_caches);
	return s;
}

static struct kmem_cache *cache_create(struct cache_args *a)
{
	struct kmem_cache *s = NULL;
	int err = -EINVAL;

	ukmem_ensure_booted();
	might_sleep();
	if (WARN_ON(!a->usersize && a->useroffset) ||
	    WARN_ON(a->size < a->usersize || a->size - a->usersize < a->useroffset))
		a->usersize = a->useroffset = 0;
	pthread_mutex_lock(&slab_mutex);
	if (a->name && !in_interrupt() && a->size && a->size <= KMALLOC_MAX_SIZE) {
		bool has_ctor = a->ctor || a->old_ctor || a->old_dtor;

		s = a->usersize ? NULL : find_mergeable(a->size, a->align, a->flags, a->name, has_ctor);
		if (s) {
			s->refcount++;
			s->object_size = max(s->object_size, a->size);
		}
		else
			s = create_cache(a, &err, NULL);
	}
	pthread_mutex_unlock(&slab_mutex);
	if (!s) {
		if (a->flags & SLAB_PANIC)
			panic("%s: Failed to create slab '%s'. Error %d\n", "kmem_cache_create_usercopy",
			      a->name, err);
		pr_warn("%s(%s) failed with error %d\n", "kmem_cache_create_usercopy", a->name, err);
		dump_stack();
	}
	return s;
}

/**
 * kmem_cache_create_usercopy - create a slab cache with a region user copies may touch
 * @name: the cache's name in /proc/slabinfo (must stay valid while the cache exists)
 * @size: object size in bytes
 * @align: required alignment, or 0
 * @flags: SLAB_* flags (SLAB_HWCACHE_ALIGN, SLAB_POISON, SLAB_PANIC, ...)
 * @useroffset: start of the region copy_to_user()/copy_from_user() may use
 * @usersize: size of that region (0: none)
 * @ctor: constructor run on each new object, or NULL
 *
 * A cache compatible with an existing one (no constructor, no user region, same size
 * class and flags) is merged with it, as in Linux 6.1.
 *
 * Context: process context; may sleep (takes slab_mutex). Not from an interrupt.
 * Return: the cache, or NULL on failure (a warning and a stack dump; a panic with
 * SLAB_PANIC).
 */
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset, unsigned int usersize,
					      kmem_ctor_t ctor)
{
	struct cache_args a = { .name = name, .size = size, .align = align, .flags = flags,
				.useroffset = useroffset, .usersize = usersize, .ctor = ctor };

	return cache_create(&a);
}
EXPORT_SYMBOL(kmem_cache_create_usercopy);

/**
 * kmem_cache_create_5 - kmem_cache_create() with Linux 6.1's five arguments
 * @name: the cache's name (must stay valid while the cache exists)
 * @size: object size in bytes
 * @align: required alignment, or 0
 * @flags: SLAB_* flags
 * @ctor: constructor run on each new object, or NULL
 *
 * kmem_cache_create() and KMEM_CACHE() in <linux/slab.h> pick this one for the five
 * argument form; it is kmem_cache_create_usercopy() with no user region.
 *
 * Context: process context; may sleep (takes slab_mutex).
 * Return: the cache, or NULL on failure.
 */
struct kmem_cache *kmem_cache_create_5(const char *name, unsigned int size, unsigned int align,
				       slab_flags_t flags, kmem_ctor_t ctor)
{
	return kmem_cache_create_usercopy(name, size, align, flags, 0, 0, ctor);
}
EXPORT_SYMBOL(kmem_cache_create_5);

/**
 * kmem_cache_create_6 - kmem_cache_create() with the old six arguments (ctor and dtor)
 * @name: the cache's name (must stay valid while the cache exists)
 * @size: object size in bytes
 * @align: required alignment, or 0
 * @flags: SLAB_* flags
 * @ctor: old-style constructor (object, cache, flags), or NULL
 * @dtor: old-style destructor, or NULL
 *
 * ukmem keeps this form, which Linux dropped long before 6.1, for old drivers;
 * kmem_cache_create() in <linux/slab.h> picks it for six arguments.
 *
 * Context: process context; may sleep (takes slab_mutex).
 * Return: the cache, or NULL on failure.
 */
struct kmem_cache *kmem_cache_create_6(const char *name, size_t size, size_t align,
				       unsigned long flags, kmem_old_ctor_t ctor,
				       kmem_old_ctor_t dtor)
{
	struct cache_args a = { .name = name, .size = (unsigned int)size,
				.align = (unsigned int)align, .flags = (slab_flags_t)flags,
				.old_ctor = ctor, .old_dtor = dtor };

	if (size > KMALLOC_MAX_SIZE)
		a.size = 0;
	return cache_create(&a);
}
EXPORT_SYMBOL(kmem_cache_create_6);

static void release_cache(struct kmem_cache *s)
{
	list_del(&s->list);
	free((void *)s->name);
	if (is_boot_cache(s))
		return;
	free_kmem_cache_nodes(s);
	kmem_cache_free(kmem_cache, s);
}

/* Whether s is on the registry (slab_mutex held). */
static bool cache_is_registered(const struct kmem_cache *s)
{
	const struct kmem_cache *it;

	list_for_each_entry(it, &slab_caches, list)
		if (it == s)
			return true;
	return false;
}

/**
 * kmem_cache_destroy - drop a reference to a slab cache and destroy it at the last one
 * @s: the cache (NULL: nothing happens)
 *
 * Context: process context, may sleep; takes slab_mutex. Every object must have been
 * freed: a cache with live objects is reported ("Objects remaining") and kept. A pointer
 * that is not a live cache -- a cache destroyed already -- is reported with a warning
 * (in AddressSanitizer builds, with KASAN's use-after-free report on the freed cache, as
 * Linux with KASAN) and changes nothing.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	int err;

	if (!s || !__kasan_check_byte(s, _RET_IP_))
		return;
	kasan_quarantine_remove_cache(s);	/* outside slab_mutex: the quarantine's lock is a leaf */
	pthread_mutex_lock(&slab_mutex);
	if (!cache_is_registered(s)) {
		/* Destroyed already (or never a cache): its memory may be anyone's now. */
		pthread_mutex_unlock(&slab_mutex);
		WARN(1, "kmem_cache_destroy: %px is not a slab cache (destroyed already?)\n", s);
		return;
	}
	if (--s->refcount) {
		pthread_mutex_unlock(&slab_mutex);
		return;
	}
	kfence_shutdown_cache(s);
	err = __kmem_cache_shutdown(s);
	if (!err) {
		if (s->flags & SLAB_TYPESAFE_BY_RCU)
			rcu_barrier();		/* its last slabs wait for a grace period */
		release_cache(s);
	}
	pthread_mutex_unlock(&slab_mutex);
	if (err) {
		char sym[128];

		WARN(1, "%s %s: Slab cache still has objects when called from %s",
		     "kmem_cache_destroy", s->name,
		     ukmem_symbolize(__builtin_return_address(0), sym, sizeof(sym)));
	}
}
EXPORT_SYMBOL(kmem_cache_destroy);

/**
 * kmem_cache_shrink - give a cache's empty slabs back to the page allocator
 * @s: the cache
 *
 * Empties the calling thread's object cache and the cache's depot into their slabs,
 * then frees every slab with no object in use.
 *
 * Context: process context; does not sleep, takes the cache's node list spinlocks.
 * ukmem flushes the calling thread's cache only, where Linux 6.1 flushes every CPU's.
 * Return: 0 (always succeeds, as in Linux 6.1).
 */
int kmem_cache_shrink(struct kmem_cache *s)
{
	return __kmem_cache_shrink(s);
}
EXPORT_SYMBOL(kmem_cache_shrink);

/**
 * kmem_cache_size - the object size a cache was created with
 * @s: the cache
 *
 * Context: any context; takes no lock.
 * Return: the object size in bytes (for a merged cache, the largest of its users').
 */
unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}
EXPORT_SYMBOL(kmem_cache_size);

/* kmem_cache_alloc() while kmem:kmem_cache_alloc is traced. */
static noinline void *cache_alloc_traced(struct kmem_cache *s, gfp_t flags, int node,
					 unsigned long caller)
{
	void *x = slab_alloc(s, flags, node, caller, s->object_size);

	__trace_kmem_cache_alloc(caller, x, s, s->object_size, s->size, flags, node);
	return x;
}

/* A cache exists only on a booted machine: the kmem_cache_* calls need no boot check.
 * Tracing is tested first and the traced path is a separate function, so that the
 * untraced fast path needs no stack frame. */
static __always_inline void *cache_alloc(struct kmem_cache *s, gfp_t flags, int node,
					 unsigned long caller)
{
	if (trace_active(KMEM_CACHE_ALLOC, kmem_cache_alloc))
		return cache_alloc_traced(s, flags, node, caller);
	return slab_alloc(s, flags, node, caller, s->object_size);
}

/**
 * kmem_cache_alloc - allocate an object from a slab cache
 * @s: the cache
 * @flags: GFP flags; __GFP_ZERO zeroes the object
 *
 * Context: may sleep only if @flags allow (GFP_KERNEL); GFP_ATOMIC and GFP_NOWAIT are safe
 * in interrupt context and under spinlocks.
 * Return: the object (constructed, if the cache has a constructor), or NULL.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	return cache_alloc(s, flags, NUMA_NO_NODE, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc);

/**
 * kmem_cache_alloc_lru - allocate an object charged to a list_lru
 * @s: the cache
 * @lru: the list_lru (ukmem has no memory cgroups and ignores it)
 * @flags: GFP flags
 *
 * Context: as kmem_cache_alloc().
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc_lru(struct kmem_cache *s, void *lru, gfp_t flags)
{
	return cache_alloc(s, flags, NUMA_NO_NODE, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc_lru);

/**
 * kmem_cache_alloc_node - allocate an object from a slab cache on a node
 * @s: the cache
 * @flags: GFP flags
 * @node: the preferred node, or NUMA_NO_NODE
 *
 * Context: as kmem_cache_alloc().
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node)
{
	return cache_alloc(s, flags, node, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc_node);

/* Everything kmem_cache_free()'s fast path leaves: NULL, foreign pointers, another
 * cache's object, a full thread cache, debug caches, KFENCE objects. */
static noinline void kmem_cache_free_slow(struct kmem_cache *s, void *x, unsigned long caller)
{
	struct slab *slab;

	if (unlikely(!x))
		return;
	slab = virt_to_slab(x);
	if (unlikely(!slab)) {
		WARN(1, "%s: Object is not a Slab page!\n", "cache_from_obj");
		return;
	}
	if (unlikely(slab->slab_cache != s)) {
		WARN(1, "%s: Wrong slab cache. %s but object is from %s\n", "cache_from_obj",
		     s->name, slab->slab_cache->name);
		s = slab->slab_cache;
	}
	if (unlikely(kfence_slab_free(x, caller)))
		return;
	slab_free(s, slab, x, caller);
}

/* kmem_cache_free() while kmem:kmem_cache_free is traced. */
static noinline void kmem_cache_free_traced(struct kmem_cache *s, void *x, unsigned long caller)
{
	__trace_kmem_cache_free(caller, x, s->name);
	kmem_cache_free_slow(s, x, caller);
}

/**
 * kmem_cache_free - give an object back to its slab cache
 * @s: the cache it came from
 * @x: the object
 *
 * With slub_debug, KASAN or KFENCE on, a double free, a free to the wrong cache or a
 * corrupted object is reported as in Linux 6.1.
 *
 * Context: any context, interrupts included; does not sleep.
 */
void kmem_cache_free(struct kmem_cache *s, void *x)
{
	unsigned int id = s->id;

	if (trace_active(KMEM_CACHE_FREE, kmem_cache_free))
		return kmem_cache_free_traced(s, x, _RET_IP_);
	if (unlikely(slab_id_of(x) != id || !thread_cache_push(id, &slab_tls.caches[id], x)))
		kmem_cache_free_slow(s, x, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_free);

/**
 * kmem_cache_alloc_bulk - allocate several objects from a cache at once
 * @s: the cache
 * @flags: GFP flags
 * @nr: how many objects
 * @p: receives the objects
 *
 * All or nothing: when one allocation fails, the objects already taken are freed.
 *
 * Context: as kmem_cache_alloc().
 * Return: @nr, or 0 on failure.
 */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t nr, void **p)
{
	size_t i;

	ukmem_ensure_booted();
	for (i = 0; i < nr; i++) {
		p[i] = slab_alloc(s, flags, NUMA_NO_NODE, _RET_IP_, s->object_size);
		if (unlikely(!p[i])) {
			kmem_cache_free_bulk(s, i, p);
			return 0;
		}
	}
	return (int)nr;
}
EXPORT_SYMBOL(kmem_cache_alloc_bulk);

/**
 * kmem_cache_free_bulk() - free @nr objects
 * @s: their cache, or NULL: each object goes back where it came from, as kfree() frees it
 *     (kmalloc objects of any size, KFENCE objects; Linux's kfree_bulk())
 * @nr: how many
 * @p: the objects
 *
 * Context: any context kmem_cache_free() accepts.
 */
void kmem_cache_free_bulk(struct kmem_cache *s, size_t nr, void **p)
{
	for (size_t i = 0; i < nr; i++) {
		if (s)
			kmem_cache_free(s, p[i]);
		else
			kfree(p[i]);
	}
}
EXPORT_SYMBOL(kmem_cache_free_bulk);

/* ---- kmalloc ---------------------------------------------------------------------- */

struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];
EXPORT_SYMBOL(kmalloc_caches);
static const char *const kmalloc_prefix[NR_KMALLOC_TYPES] = {
	"kmalloc-", "kmalloc-cg-", "kmalloc-rcl-", "dma-kmalloc-" };
static const slab_flags_t kmalloc_type_flags[NR_KMALLOC_TYPES] = {
	0, SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT, SLAB_CACHE_DMA };

/* kmalloc cache index by (size - 1) / 8 for every size the kmalloc caches serve (every
 * cache boundary is a multiple of 8): one load, no branch on the size, 1 KiB of which a
 * working set touches a few lines. 1 = kmalloc-96, 2 = kmalloc-192, else log2 of the size. */
static const unsigned char size_index[KMALLOC_MAX_CACHE_SIZE / 8] = {
	[0] = 3, [1] = 4, [2 ... 3] = 5, [4 ... 7] = 6, [8 ... 11] = 1, [12 ... 15] = 7,
	[16 ... 23] = 2, [24 ... 31] = 8, [32 ... 63] = 9, [64 ... 127] = 10,
	[128 ... 255] = 11, [256 ... 511] = 12, [512 ... 1023] = 13,
};
_Static_assert(KMALLOC_MAX_CACHE_SIZE / 8 == 1024, "size_index covers kmalloc-8k");

/* For 1 <= size <= KMALLOC_MAX_CACHE_SIZE. */
static __always_inline unsigned int kmalloc_size_index(size_t size)
{
	return size_index[(size - 1) / 8];
}

static unsigned int kmalloc_cache_size(unsigned int index)
{
	return index == 1 ? 96 : index == 2 ? 192 : 1U << index;
}

/* ---- recently freed large kmalloc blocks ----
 * kfree() of a large kmalloc of 16 KiB to 1 MiB keeps the block, still compound and
 * prepared, in a slot of the freeing CPU for its order, and the next kmalloc of that
 * order there takes it back without the page allocator: the per-CPU lists do this for
 * orders 0-3 of every allocation, and leave these orders to the zone and its lock. A
 * kept block's reference count is 0, so a second kfree() of it is the bad free it is.
 * Kept blocks count as allocated; drain_all_pages() (compaction, reclaim, isolation)
 * gives them all back, as does shutdown; boot forgets what an earlier machine of the
 * process kept. An order is kept only if 512 blocks of it fit in memory. Off
 * when freed pages are checked or filled (init_on_free, page poisoning, the sanitizers'
 * tracking), for a node or a zone asked for, and while fail_page_alloc is armed. */
#define KEEP_MIN_ORDER	2
#define KEEP_MAX_ORDER	8

static struct page *kept_large[NR_CPUS][KEEP_MAX_ORDER - KEEP_MIN_ORDER + 1];

static bool large_keepable(unsigned int order)
{
	return !UKMEM_TRACK_ANY && order >= KEEP_MIN_ORDER && order <= KEEP_MAX_ORDER &&
	       !want_init_on_free() && !page_poisoning_enabled && !fail_page_alloc_armed &&
	       (1UL << (order + 9)) <= totalram_pages();
}

static struct page **kept_slot(unsigned int order)
{
	return &kept_large[cpu_current() % NR_CPUS][order - KEEP_MIN_ORDER];
}

/* A kept block of order for this CPU, its reference taken, or NULL. */
static struct page *take_kept_large(unsigned int order, gfp_t flags, int node)
{
	struct page *page;

	if (node != NUMA_NO_NODE || (flags & GFP_ZONEMASK) || !large_keepable(order))
		return NULL;
	page = __atomic_exchange_n(kept_slot(order), NULL, __ATOMIC_ACQUIRE);
	if (page) {
		set_page_count(page, 1);
		if (want_init_on_alloc(flags))
			memset(page_address(page), 0, PAGE_SIZE << order);
	}
	return page;
}

/* Keeps page (a large kmalloc's block of order, its last reference) in this CPU's
 * slot if the slot is empty. */
static bool keep_large(struct page *page, unsigned int order)
{
	struct page *none = NULL;

	if (!large_keepable(order) || page_ref_count(page) != 1 ||
	    __atomic_load_n(kept_slot(order), __ATOMIC_RELAXED))
		return false;
	set_page_count(page, 0);
	if (__atomic_compare_exchange_n(kept_slot(order), &none, page, false, __ATOMIC_RELEASE,
					__ATOMIC_RELAXED))
		return true;
	set_page_count(page, 1);
	return false;
}

/**
 * kmalloc_large_drain - gives the kept large kmalloc blocks back to the page allocator
 *
 * Context: any context that may free pages; drain_all_pages() calls it.
 */
void kmalloc_large_drain(void)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < NR_CPUS; cpu++) {
		for (unsigned int o = KEEP_MIN_ORDER; o <= KEEP_MAX_ORDER; o++) {
			struct page *page = __atomic_exchange_n(&kept_large[cpu][o - KEEP_MIN_ORDER],
								NULL, __ATOMIC_ACQUIRE);

			if (page) {
				set_page_count(page, 1);
				__free_pages(page, o);
			}
		}
	}
}

/* A kmalloc above KMALLOC_MAX_CACHE_SIZE: a compound page block; the bytes past size are
 * a red zone for ASan and Valgrind. */
static void *kmalloc_large_caller(size_t size, gfp_t flags, int node, unsigned long caller)
{
	unsigned int order = (unsigned int)get_order(size);
	gfp_t page_gfp = (flags & ~__GFP_DMA32) | __GFP_COMP;
	struct page *page;
	void *p;

	ukmem_ensure_booted();
	page = take_kept_large(order, flags, node);
	if (!page)
		page = node == NUMA_NO_NODE ? alloc_pages(page_gfp, order)
					    : alloc_pages_node(node, page_gfp, order);
	if (!page)
		return NULL;
	p = page_address(page);
	mod_node_page_state(page_pgdat(page), NR_SLAB_UNRECLAIMABLE_B, (long)(PAGE_SIZE << order));
	ukmem_track_alloc(p, size, PAGE_SIZE << order, 0);
	if (unlikely(kmemleak_enabled))
		kmemleak_alloc(p, size, 1, flags);
	trace_kmalloc(caller, p, size, PAGE_SIZE << order, flags, node);
	return p;
}

/**
 * kmalloc_large - allocate a buffer straight from the page allocator
 * @size: bytes, usually more than KMALLOC_MAX_CACHE_SIZE
 * @flags: GFP flags
 *
 * Context: may sleep only if @flags allow.
 * Return: a page-aligned buffer (kfree() frees it), or NULL.
 */
void *kmalloc_large(size_t size, gfp_t flags)
{
	return kmalloc_large_caller(size, flags, NUMA_NO_NODE, _RET_IP_);
}
EXPORT_SYMBOL(kmalloc_large);

/* Everything kmalloc()'s fast path leaves, for a size the kmalloc caches serve; every
 * allocation while kmem:kmalloc is traced. */
static noinline void *kmalloc_slow(unsigned int index, size_t size, gfp_t flags, int node,
				   unsigned long caller)
{
	struct kmem_cache *s;
	void *x;

	ukmem_ensure_booted();
	s = kmalloc_caches[kmalloc_type(flags)][index];
	x = slab_alloc(s, flags, node, caller, size);
	trace_kmalloc(caller, x, size, s->size, flags, node);
	return x;
}

/* kmalloc of size from cache index (kmalloc_index()): the thread cache is found from the
 * index and the gfp type alone, without reading the cache. Before boot every thread cache
 * is empty, so the boot check is on the slow path; so are tracing (kmem:kmalloc's
 * semaphore) and, in ASan and Valgrind builds, every allocation. */
static __always_inline void *kmalloc_from_index(unsigned int index, size_t size, gfp_t flags,
						unsigned long caller)
{
	unsigned int id = KMALLOC_ID(KMALLOC_NORMAL, index);
	struct slab_thread_cache *c;

	if (unlikely(flags & (__GFP_ZERO | KMALLOC_NOT_NORMAL_BITS))) {	/* one test for both */
		if (flags & __GFP_ZERO)
			return kmalloc_slow(index, size, flags, NUMA_NO_NODE, caller);
		id = KMALLOC_ID(kmalloc_type(flags), index);
	}
	if (UKMEM_TRACK_ANY || unlikely(READ_ONCE(slab_slow_reasons.any) | ukmem_kmalloc_semaphore) ||
	    unlikely(slab_might_sleep_report(flags)))
		return kmalloc_slow(index, size, flags, NUMA_NO_NODE, caller);
	c = &slab_tls.caches[id];
	if (unlikely(thread_cache_empty(c)))
		return kmalloc_slow(index, size, flags, NUMA_NO_NODE, caller);
	return thread_cache_pop(slab_caches_by_id[id], c);
}

static noinline void *kmalloc_large_node(size_t size, gfp_t flags, int node, unsigned long caller)
{
	return kmalloc_large_caller(size, flags, node, caller);
}

static __always_inline void *kmalloc_node_caller(size_t size, gfp_t flags, int node,
						unsigned long caller)
{
	if (unlikely(size - 1 >= KMALLOC_MAX_CACHE_SIZE))
		return size ? kmalloc_large_node(size, flags, node, caller) : ZERO_SIZE_PTR;
	if (unlikely(node != NUMA_NO_NODE))
		return kmalloc_slow(kmalloc_size_index(size), size, flags, node, caller);
	return kmalloc_from_index(kmalloc_size_index(size), size, flags, caller);
}

/**
 * __kmalloc_from_index - kmalloc() from the kmalloc cache of a known index
 * @index: kmalloc_index(@size), computed at compile time
 * @size: the size asked for (for tracing and the sanitizers)
 * @flags: GFP flags
 *
 * kmalloc() in <linux/slab.h> calls this for constant sizes, where Linux 6.1's calls
 * kmalloc_trace() with the cache it picked.
 *
 * Context: may sleep only if @flags allow.
 * Return: the buffer, or NULL.
 */
void *__kmalloc_from_index(unsigned int index, size_t size, gfp_t flags)
{
	return kmalloc_from_index(index, size, flags, _RET_IP_);
}
EXPORT_SYMBOL(__kmalloc_from_index);

/**
 * __kmalloc - allocate memory of any size; what kmalloc() calls
 * @size: bytes
 * @flags: GFP flags
 *
 * Context: may sleep only if @flags allow; GFP_ATOMIC is safe in interrupt context.
 * Return: the buffer, ZERO_SIZE_PTR for @size 0, or NULL.
 */
void *__kmalloc(size_t size, gfp_t flags)
{
	return kmalloc_node_caller(size, flags, NUMA_NO_NODE, _RET_IP_);
}
EXPORT_SYMBOL(__kmalloc);

/**
 * __kmalloc_node - allocate memory of any size on a node; what kmalloc_node() calls
 * @size: bytes
 * @flags: GFP flags
 * @node: the preferred node, or NUMA_NO_NODE
 *
 * Context: may sleep only if @flags allow.
 * Return: the buffer, ZERO_SIZE_PTR for @size 0, or NULL.
 */
void *__kmalloc_node(size_t size, gfp_t flags, int node)
{
	return kmalloc_node_caller(size, flags, node, _RET_IP_);
}
EXPORT_SYMBOL(__kmalloc_node);

static void free_large_kmalloc(struct page *page, const void *object, unsigned long caller)
{
	unsigned int order = compound_order(page);
	/* not a block's start, or one freed already (kept with no reference) */
	bool bad = order == 0 || object != page_address(page) || !page_ref_count(page);

	if (unlikely(bad))
		slab_bad_free(object, UKMEM_FREE_INVALID_POINTER);
	if (UKMEM_TRACK_ANY && order && object != page_address(page)) {
		/* Inside a large kmalloc: KASAN's report (the pages stay allocated). */
		kasan_report_invalid_free((void *)object, caller, "invalid-free");
		return;
	}
	if (WARN_ON(bad)) {
		pr_warn("object pointer: 0x%016lx\n", (unsigned long)object);
		return;
	}
	mod_node_page_state(page_pgdat(page), NR_SLAB_UNRECLAIMABLE_B, -(long)(PAGE_SIZE << order));
	if (unlikely(kmemleak_enabled))
		kmemleak_free(object);
	ukmem_track_free((void *)object, PAGE_SIZE << order);
	ukmem_track_unpoison((void *)object, PAGE_SIZE << order);	/* the page allocator's again */
	if (!keep_large(page, order))
		__free_pages(page, order);
}

/* Everything kfree()'s fast path leaves: NULL and ZERO_SIZE_PTR, foreign pointers, large
 * kmallocs, a full thread cache, debug caches, KFENCE objects. */
static noinline void kfree_slow(const void *x, unsigned long caller)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(x)))
		return;
	if (unlikely(kfence_slab_free((void *)x, caller)))
		return;
	if (unlikely(!virt_in_ram(x))) {
		WARN(1, "kfree: object pointer 0x%016lx was never handed out by kmalloc\n",
		     (unsigned long)x);
		return;
	}
	page = compound_head(virt_to_page(x));
	if (unlikely(!PageSlab(page))) {
		free_large_kmalloc(page, x, caller);
		return;
	}
	slab_free_slow(((struct slab *)page)->slab_cache, (struct slab *)page, (void *)x, caller);
}

/* The object's page names its cache, and so the thread cache to push it on. Id 0 (not a
 * slab) has no thread cache: its push fails. */
static __always_inline bool kfree_push(const void *x)
{
	unsigned int id = slab_id_of(x);

	return thread_cache_push(id, &slab_tls.caches[id], (void *)x);
}

/* kfree() while kmem:kfree is traced. */
static noinline void kfree_traced(const void *x, unsigned long caller)
{
	__trace_kfree(caller, x);
	if (!kfree_push(x))
		kfree_slow(x, caller);
}

/**
 * kfree - free memory from kmalloc()
 * @x: the buffer, or NULL or ZERO_SIZE_PTR (nothing is done)
 *
 * Context: any context, interrupts included; does not sleep.
 */
void kfree(const void *x)
{
	if (trace_active(KFREE, kfree))
		return kfree_traced(x, _RET_IP_);
	if (unlikely(!kfree_push(x)))
		kfree_slow(x, _RET_IP_);
}
EXPORT_SYMBOL(kfree);

/* Whether ASan and Valgrind see x's object (tracked slab caches and large kmallocs), and
 * then its usable size. KFENCE objects are not theirs: their size is the one asked for. */
static bool kasan_usable(const void *x, size_t *usable)
{
	struct page *page = compound_head(virt_to_page(x));
	struct kmem_cache *s = PageSlab(page) ? ((struct slab *)page)->slab_cache : NULL;

	if (unlikely(is_kfence_address(x))) {
		*usable = kfence_ksize(x);
		return false;
	}

	*usable = s ? s->object_size : page_size(page);
	return UKMEM_TRACK_ANY && (!s || kasan_cache_tracked(s));
}

/**
 * ksize - how many bytes a kmalloc() buffer really has
 * @x: the buffer
 *
 * The caller may use all of them; KASAN is told so.
 *
 * Context: any context; does not sleep.
 * Return: the usable size, or 0 for NULL or ZERO_SIZE_PTR (and for a pointer that is not
 * in the kernel's memory, with a warning, or a freed buffer, with KASAN's report in
 * AddressSanitizer builds).
 */
size_t ksize(const void *x)
{
	size_t usable;

	if (unlikely(ZERO_OR_NULL_PTR(x)) || WARN_ON(!virt_addr_valid(x)))
		return 0;
	if (!__kasan_check_byte(x, _RET_IP_))	/* a freed buffer (AddressSanitizer builds) */
		return 0;
	if (kasan_usable(x, &usable))
		kasan_resize((void *)x, usable, usable);
	return usable;
}
EXPORT_SYMBOL(ksize);

/**
 * kmalloc_size_roundup - the size kmalloc() would really give for a request
 * @size: bytes
 *
 * Context: any context.
 * Return: the size of the kmalloc cache or page block @size would get; a size beyond
 * KMALLOC_MAX_SIZE is returned as it is (kmalloc() would fail).
 */
size_t kmalloc_size_roundup(size_t size)
{
	if (size && size <= KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_cache_size(kmalloc_size_index(size));
	if (size > KMALLOC_MAX_SIZE)
		return size;
	return size ? PAGE_SIZE << get_order(size) : 0;
}
EXPORT_SYMBOL(kmalloc_size_roundup);

/**
 * kfree_sensitive - zero a kmalloc() buffer, then free it
 * @x: the buffer, or NULL
 *
 * Clears ksize(@x) bytes, all of the buffer.
 *
 * Context: any context; does not sleep.
 */
void kfree_sensitive(const void *x)
{
	size_t n = ksize(x);

	if (n)
		memset((void *)x, 0, n);
	kfree(x);
}
EXPORT_SYMBOL(kfree_sensitive);

/**
 * krealloc - resize a kmalloc() buffer
 * @p: the buffer, or NULL (then it is kmalloc())
 * @new_size: the new size; 0 frees @p
 * @flags: GFP flags; with __GFP_ZERO the bytes past @new_size are cleared when shrinking
 *
 * Keeps @p when it is already large enough; otherwise copies into a new buffer and frees
 * @p. On failure @p is left as it was.
 *
 * Context: may sleep only if @flags allow.
 * Return: the buffer, ZERO_SIZE_PTR for @new_size 0, or NULL (also, with KASAN's report,
 * for a freed @p in AddressSanitizer builds).
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t ks;
	void *ret;

	/* A freed buffer: KASAN's report and NULL (AddressSanitizer builds), as Linux. */
	if (!ZERO_OR_NULL_PTR(p) && !__kasan_check_byte(p, _RET_IP_))
		return NULL;
	ks = ZERO_OR_NULL_PTR(p) ? 0 : ksize(p);

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (ks >= new_size) {
		size_t usable;

		if ((flags & __GFP_ZERO) && ks > new_size)
			memset((char *)p + new_size, 0, ks - new_size);
		if (kasan_usable(p, &usable))
			kasan_resize((void *)p, new_size, usable);
		return (void *)p;
	}
	ret = kmalloc_node_caller(new_size, flags, NUMA_NO_NODE, _RET_IP_);
	if (ret && ks) {
		memcpy(ret, p, ks);
		kfree(p);
	}
	return ret;
}
EXPORT_SYMBOL(krealloc);

/**
 * kmemdup - copy a memory region into a new kmalloc() buffer
 * @src: the region
 * @len: its length
 * @gfp: GFP flags
 *
 * Context: may sleep only if @gfp allows.
 * Return: the copy, or NULL.
 */
void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc_node_caller(len, gfp, NUMA_NO_NODE, _RET_IP_);

	if (!ZERO_OR_NULL_PTR(p))
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL(kmemdup);

/**
 * kmemdup_nul - copy @len bytes of a string into a new NUL-terminated buffer
 * @s: the bytes, or NULL
 * @len: how many to copy
 * @gfp: GFP flags
 *
 * Context: may sleep only if @gfp allows.
 * Return: the copy, or NULL (also for @s NULL).
 */
void *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	char *buf;

	if (!s)
		return NULL;
	buf = kmalloc_node_caller(len + 1, gfp, NUMA_NO_NODE, _RET_IP_);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
EXPORT_SYMBOL(kmemdup_nul);

/**
 * kstrdup - copy a string into a new kmalloc() buffer
 * @s: the string, or NULL
 * @gfp: GFP flags
 *
 * Context: may sleep only if @gfp allows.
 * Return: the copy, or NULL.
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup_nul(s, strlen(s), gfp) : NULL;
}
EXPORT_SYMBOL(kstrdup);

/**
 * kstrndup - copy at most @max bytes of a string into a new kmalloc() buffer
 * @s: the string, or NULL
 * @max: the most bytes to copy; the result is always NUL-terminated
 * @gfp: GFP flags
 *
 * Context: may sleep only if @gfp allows.
 * Return: the copy, or NULL.
 */
char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	return s ? kmemdup_nul(s, strnlen(s, max), gfp) : NULL;
}
EXPORT_SYMBOL(kstrndup);

/**
 * kstrdup_const - copy a string unless it is constant
 * @s: the string, or NULL
 * @gfp: GFP flags
 *
 * Linux 6.1 returns @s itself when it is in the kernel's read-only data; ukmem always
 * copies (kfree_const() frees either way).
 *
 * Context: may sleep only if @gfp allows.
 * Return: the string to free with kfree_const(), or NULL.
 */
const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return kstrdup(s, gfp);
}
EXPORT_SYMBOL(kstrdup_const);

/**
 * kfree_const - free a string from kstrdup_const()
 * @x: the string, or NULL
 *
 * Context: any context; does not sleep.
 */
void kfree_const(const void *x)
{
	kfree(x);
}
EXPORT_SYMBOL(kfree_const);

/**
 * kvmalloc_node - allocate with kmalloc(), falling back to vmalloc() for large sizes
 * @size: bytes
 * @flags: GFP flags; only flags that allow blocking allow the vmalloc() fallback
 * @node: the preferred node, or NUMA_NO_NODE
 *
 * Above one page kmalloc() is tried without retrying or warning; when it fails and the
 * flags allow blocking, the buffer comes from vmalloc.
 *
 * Context: may sleep if @flags allow blocking (GFP_KERNEL).
 * Return: the buffer (free it with kvfree()), or NULL; a size above INT_MAX fails with a
 * warning, as in Linux 6.1.
 */
void *kvmalloc_node(size_t size, gfp_t flags, int node)
{
	gfp_t kmalloc_flags = flags;
	void *p;

	if (size > PAGE_SIZE) {
		kmalloc_flags |= __GFP_NOWARN;
		if (!(kmalloc_flags & __GFP_RETRY_MAYFAIL))
			kmalloc_flags |= __GFP_NORETRY;
		kmalloc_flags &= ~__GFP_NOFAIL;
	}
	p = size <= KMALLOC_MAX_SIZE ? kmalloc_node_caller(size, kmalloc_flags, node, _RET_IP_)
				     : NULL;
	if (p || size <= PAGE_SIZE || !gfpflags_allow_blocking(flags))
		return p;
	if (unlikely(size > INT_MAX)) {
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	return __vmalloc_node(size, 1, flags, node, __builtin_return_address(0));
}
EXPORT_SYMBOL(kvmalloc_node);

/**
 * kvfree - free memory from kvmalloc(), kmalloc() or vmalloc()
 * @addr: the buffer, or NULL
 *
 * Context: a kmalloc() buffer may be freed in any context; a vmalloc() one only where
 * vfree() may be called (not in NMI context).
 */
void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}
EXPORT_SYMBOL(kvfree);

/**
 * kvfree_sensitive - zero @len bytes of a kvmalloc() buffer, then free it
 * @addr: the buffer, or NULL
 * @len: the bytes to clear
 *
 * Context: as kvfree().
 */
void kvfree_sensitive(const void *addr, size_t len)
{
	if (!ZERO_OR_NULL_PTR(addr)) {
		memset((void *)addr, 0, len);
		kvfree(addr);
	}
}
EXPORT_SYMBOL(kvfree_sensitive);

/**
 * kvrealloc - resize a kvmalloc() buffer
 * @p: the buffer
 * @oldsize: its current size
 * @newsize: the size wanted
 * @flags: GFP flags
 *
 * Shrinking returns @p unchanged; growing copies into a new kvmalloc() buffer and frees @p.
 *
 * Context: may sleep if @flags allow blocking.
 * Return: the buffer, or NULL (then @p is left as it was).
 */
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
	void *newp;

	if (oldsize >= newsize)
		return (void *)p;
	newp = kvmalloc(newsize, flags);
	if (!newp)
		return NULL;
	memcpy(newp, p, oldsize);
	kvfree(p);
	return newp;
}
EXPORT_SYMBOL(kvrealloc);

/* ---- statistics ------------------------------------------------------------------- */

static void fill_info(struct kmem_cache *s, struct kmem_cache_info *info)
{
	unsigned long free_objects, partial, slabs = 0, total = 0;

	struct kmem_cache_node *n;
	int nid;

	slab_count_free(s, &free_objects, &partial);
	for_each_kmem_cache_node(s, nid, n) {
		slabs += atomic_long_read(&n->nr_slabs);
		total += atomic_long_read(&n->total_objects);
	}
	*info = (struct kmem_cache_info){
		.name = s->name, .object_size = s->object_size, .slab_size = s->size,
		.objs_per_slab = s->objects, .order = s->order, .align = s->align,
		.objects = total - free_objects, .total_objects = total, .slabs = slabs,
		.partial = partial, .aliases = s->refcount > 1 ? (unsigned int)s->refcount - 1 : 0,
		.flags = s->flags,
	};
}

/**
 * kmem_cache_get_info - ukmem's counters of one slab cache
 * @s: the cache, or NULL to look it up by @name
 * @name: the cache's name when @s is NULL
 * @info: filled in (sizes, objects, slabs, partial slabs, merged aliases, flags)
 *
 * ukmem's own call, with no Linux counterpart (Linux shows these in /proc/slabinfo).
 *
 * Context: process context; may sleep (takes slab_mutex).
 * Return: 0, or -ENOENT if no such cache exists.
 */
int kmem_cache_get_info(struct kmem_cache *s, const char *name, struct kmem_cache_info *info)
{
	struct kmem_cache *it;
	int err = -ENOENT;

	ukmem_ensure_booted();
	pthread_mutex_lock(&slab_mutex);
	list_for_each_entry(it, &slab_caches, list) {
		if (it == s || (!s && name && !strcmp(it->name, name))) {
			fill_info(it, info);
			err = 0;
			break;
		}
	}
	pthread_mutex_unlock(&slab_mutex);
	return err;
}
EXPORT_SYMBOL(kmem_cache_get_info);

static int slabinfo_show(struct seq_file *m, void *data)
{
	struct kmem_cache *s;
	struct kmem_cache_info info;

	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>");
	seq_puts(m, " : tunables <limit> <batchcount> <sharedfactor>");
	seq_puts(m, " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	pthread_mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list) {
		fill_info(s, &info);
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d", s->name, info.objects,
			   info.total_objects, s->size, s->objects, 1 << s->order);
		seq_printf(m, " : tunables %4u %4u %4u", 0u, 0u, 0u);
		seq_printf(m, " : slabdata %6lu %6lu %6lu\n", info.slabs, info.slabs, 0ul);
	}
	pthread_mutex_unlock(&slab_mutex);
	return 0;
}

/* ---- boot ------------------------------------------------------------------------- */

static int create_kmalloc_cache(enum kmalloc_cache_type type, unsigned int index)
{
	struct cache_args a = { .id = KMALLOC_ID(type, index),
				.size = kmalloc_cache_size(index), .align = ARCH_KMALLOC_MINALIGN,
				.flags = SLAB_KMALLOC | kmalloc_type_flags[type] };
	char name[32];
	int err;

	if (a.size >= 1024)
		snprintf(name, sizeof(name), "%s%uk", kmalloc_prefix[type], a.size >> 10);
	else
		snprintf(name, sizeof(name), "%s%u", kmalloc_prefix[type], a.size);
	a.name = name;
	kmalloc_caches[type][index] = create_cache(&a, &err, NULL);
	return err;
}

/* The caches of caches, as SLUB's first two: struct kmem_cache cut to the machine's
 * nodes, then the node lists; both cache-line aligned. */
static int create_boot_caches(void)
{
	struct cache_args a = { .name = "kmem_cache", .flags = SLAB_HWCACHE_ALIGN,
				.size = offsetof(struct kmem_cache, node) +
					nr_online_nodes * sizeof(struct kmem_cache_node *) };
	int err;

	kmem_cache = create_cache(&a, &err, &boot_kmem_cache);
	if (!kmem_cache)
		return err;
	a.name = "kmem_cache_node";
	a.size = sizeof(struct kmem_cache_node);
	kmem_cache_node = create_cache(&a, &err, &boot_kmem_cache_node);
	return kmem_cache_node ? 0 : err;
}

int kmem_cache_init(void)
{
	int err = 0;

	memset(kept_large, 0, sizeof(kept_large));	/* a machine before this one kept them */
	slab_init_on_alloc = want_init_on_alloc(0);
	slab_init_on_free = want_init_on_free();
	slab_slow_reasons.kmalloc_init = slab_init_on_alloc || slab_init_on_free;
	err = slab_page_ids_init();
	if (err)
		return err;
	pthread_mutex_lock(&slab_mutex);
	err = create_boot_caches();
	for (int type = KMALLOC_NORMAL; type < NR_KMALLOC_TYPES && !err; type++) {
		for (unsigned int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH && !err; i++) {
			err = create_kmalloc_cache(type, i);
			if (!err && i == 6)
				err = create_kmalloc_cache(type, 1);
			if (!err && i == 7)
				err = create_kmalloc_cache(type, 2);
		}
	}
	pthread_mutex_unlock(&slab_mutex);
	if (err) {
		kmem_cache_exit();
		return err;
	}
	return proc_create_view("/proc/slabinfo", slabinfo_show, NULL);
}

void kmem_cache_exit(void)
{
	struct kmem_cache *s, *tmp;

	slab_wait_rcu_frees();
	kmalloc_large_drain();
	/* every cache but the boot caches, whose objects their structures are; then, with
	 * the quarantine emptied of those structures, the boot caches */
	for (int boot = 0; boot < 2; boot++) {
		kasan_quarantine_remove_cache(NULL);
		pthread_mutex_lock(&slab_mutex);
		list_for_each_entry_safe(s, tmp, &slab_caches, list) {
			if (is_boot_cache(s) != boot)
				continue;
			__kmem_cache_release(s);
			release_cache(s);
		}
		pthread_mutex_unlock(&slab_mutex);
	}
	pthread_mutex_lock(&slab_mutex);
	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
	kmem_cache = kmem_cache_node = NULL;
	pthread_mutex_unlock(&slab_mutex);
	slab_page_ids_exit();
}
