/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/slab.h: what the slab allocator's files share: struct slab (laid over the words of a
 * slab's head struct page), struct kmem_cache with its per-node lists, and the per-thread
 * object caches of the fast path.
 * Invariants: a slab page has PG_slab set and slab_cache pointing at its cache; a slab
 * with free objects and live ones sits on its node's partial list, a slab with no free
 * object on its node's full list (empty slabs stay on the partial list up to
 * min_partial, then go back to the page allocator). slab->freelist and slab->inuse only
 * change under the node's list_lock; a cache's depot only under its depot lock; the
 * per-thread caches are touched only by their thread (and by kmem_cache_destroy(), which
 * the caller must not race with). Every page of a slab carries its cache's id in
 * slab_page_ids from the slab's creation until just before its pages are freed. */
#ifndef UKMEM_MM_SLAB_H
#define UKMEM_MM_SLAB_H

#include <pthread.h>
#include <stddef.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "debug/trace.h"
#include "debug/track.h"
#include <ukmem.h>

/* Globals only the library reads: addressed directly, without a GOT entry. */
#define SLAB_INTERNAL	__attribute__((visibility("hidden")))

struct slab {
	unsigned long __page_flags;
	union {
		struct list_head slab_list;	/* node partial or full list */
		struct rcu_head rcu_head;	/* SLAB_TYPESAFE_BY_RCU: waiting to be freed */
	};
	struct kmem_cache *slab_cache;	/* page->mapping: NULL again before the page is freed */
	void *freelist;			/* first free object, linked at cache->offset */
	union {
		unsigned long counters;
		struct {
			unsigned int inuse:16;		/* objects not on freelist */
			unsigned int objects:15;
			unsigned int on_partial:1;	/* else on the full list */
		};
	};
	unsigned int __page_type;
	atomic_t __page_refcount;
	unsigned long memcg_data;
};

#define SLAB_MATCH(pg, sl)	\
	_Static_assert(offsetof(struct page, pg) == offsetof(struct slab, sl), #sl " overlays " #pg)
SLAB_MATCH(flags, __page_flags);
SLAB_MATCH(lru, slab_list);
SLAB_MATCH(mapping, slab_cache);
SLAB_MATCH(index, freelist);
SLAB_MATCH(private, counters);
SLAB_MATCH(page_type, __page_type);
SLAB_MATCH(_refcount, __page_refcount);
SLAB_MATCH(memcg_data, memcg_data);
_Static_assert(sizeof(struct slab) == sizeof(struct page), "struct slab is one struct page");

static inline struct slab *page_slab(const struct page *page)
{
	return (struct slab *)compound_head(page);
}
static inline struct page *slab_page(const struct slab *slab)
{
	return (struct page *)slab;
}
static inline void *slab_address(const struct slab *slab)
{
	return page_address(slab_page(slab));
}

/* struct kmem_cache and obj_to_index(), which need struct slab and slab_address(). */
#include <linux/slub_def.h>

/* A cache's slabs on one node, in Linux 6.1's layout (its mm/slab.h, with
 * CONFIG_SLUB_DEBUG): ukmem always keeps the full list. */
struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;
	struct list_head partial;
	atomic_long_t nr_slabs;		/* changed under list_lock */
	atomic_long_t total_objects;
	struct list_head full;
};

#define SLAB_MAX_CACHES		512	/* live caches: the per-thread arrays' length */
_Static_assert(SLAB_MAX_CACHES <= 65536, "cache ids fit slab_page_ids' entries");
/* Cache ids: 0 is no cache; the kmalloc caches have fixed ones, so that kmalloc() finds
 * its thread cache from the size alone; other caches take ids from SLAB_FIRST_FREE_ID. */
#define KMALLOC_ID(type, index)	(1 + (type) * 16 + (index))
#define SLAB_FIRST_FREE_ID	(KMALLOC_ID(4, 0))
#define SLAB_DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_CONSISTENCY_CHECKS)
#define SLAB_NEVER_MERGE	(SLAB_DEBUG_FLAGS | SLAB_TYPESAFE_BY_RCU | SLAB_NOLEAKTRACE | \
				 SLAB_FAILSLAB | SLAB_NO_USER_FLAGS)
#define SLAB_MERGE_SAME		(SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA | SLAB_CACHE_DMA32 | \
				 SLAB_ACCOUNT)

/* struct kmem_cache is <linux/slub_def.h>'s, which SLUB's own code reads too. */

/* The two caches every other cache's structures come from, as in SLUB: "kmem_cache" holds
 * struct kmem_cache (node[] cut to the nodes the machine has), "kmem_cache_node" the
 * per-node lists. Their own structures are static (boot caches, never merged). */
extern struct kmem_cache *kmem_cache;
extern struct kmem_cache *kmem_cache_node;

/* A boot cache: the cache and its own per-node lists. */
struct kmem_cache_storage {
	struct kmem_cache cache;
	struct kmem_cache_node nodes[MAX_NUMNODES];
};

/* Each per-node list of s: nodes 0 .. nr_online_nodes - 1, the ones with memory. */
#define for_each_kmem_cache_node(__s, __nid, __n)				\
	for (__nid = 0; __nid < nr_online_nodes; __nid++)			\
		if ((__n = (__s)->node[__nid]))

/* One thread's cache of free objects of one kmem_cache: a stack of pointers, so the fast
 * paths never touch the objects themselves. All NULL until the thread's first slow path
 * gives it an array; base[-1] is a NULL guard, so the double-free check needs no bound.
 * end == cap normally; end == base for init_on_free caches (every free is slow), and
 * debug caches have no array at all. */
struct slab_thread_cache {
	void **top;		/* next free slot: base[0 .. top - base) are cached */
	void **end;		/* the fast free path pushes while top < end */
	void **base;		/* top == base: empty (base + cache->tls_limit: full) */
	long clear_at;		/* the cache's offset if it marks free objects, else -1:
				 * the fast allocation path clears the marker without
				 * reading the cache */
};

struct slab_thread {
	struct slab_thread_cache caches[SLAB_MAX_CACHES];
	struct list_head node;		/* on the registry of threads that cache objects */
	bool registered;
	bool exited;		/* its caches were given back at thread exit: none again */
};
extern __thread struct slab_thread slab_tls __attribute__((tls_model("initial-exec")));

/* Which cache each page of RAM holds objects of (0: not a slab page), by pfn. Dense (two
 * bytes per page), so the free fast paths find an object's thread cache with one load
 * instead of walking struct page -> compound head -> slab. */
struct slab_page_ids {
	unsigned long base;		/* PAGE_OFFSET */
	unsigned long nr_pages;		/* pages covered; 0 while the slab allocator is down */
	unsigned short *ids;
};
extern struct slab_page_ids slab_page_ids SLAB_INTERNAL;

extern struct list_head slab_caches;
extern pthread_mutex_t slab_mutex;
extern bool slab_init_on_alloc, slab_init_on_free;
extern bool slab_freelist_hardened, slab_freelist_random;

static inline int slab_nid(const struct slab *slab)
{
	return page_to_nid(slab_page(slab));
}
static inline bool slab_test_pfmemalloc(const struct slab *slab) { return false; }

/* Whether x lies in the direct map of RAM (holes have zeroed struct pages: never slabs). */
static inline bool virt_in_ram(const void *x)
{
	return (unsigned long)x - PAGE_OFFSET < (max_pfn << PAGE_SHIFT);
}

/* The slab holding address x, or NULL when x is not inside a slab page. */
static inline struct slab *virt_to_slab(const void *x)
{
	struct page *page;

	if (unlikely(!virt_in_ram(x)))
		return NULL;
	page = compound_head(virt_to_page(x));
	return PageSlab(page) ? (struct slab *)page : NULL;
}
/* A free pointer as stored in its slot at ptr_addr, and back (the same operation). */
static inline void *freelist_ptr(const struct kmem_cache *s, void *ptr, unsigned long ptr_addr)
{
	return (void *)((unsigned long)ptr ^ s->random ^
			(__builtin_bswap64(ptr_addr) & s->random_addr_mask));
}
/* Free pointers live in free objects, which ASan and memcheck see as poisoned. */
static inline void *get_freepointer(const struct kmem_cache *s, void *object)
{
	void **slot = (void **)((char *)object + s->offset);

#if UKMEM_TRACK_ANY
	return freelist_ptr(s, ukmem_track_read_hidden(slot), (unsigned long)slot);
#else
	return freelist_ptr(s, *slot, (unsigned long)slot);
#endif
}
static inline void set_freepointer(const struct kmem_cache *s, void *object, void *fp)
{
	void **slot = (void **)((char *)object + s->offset);

#if UKMEM_TRACK_ANY
	ukmem_track_write_hidden(slot, freelist_ptr(s, fp, (unsigned long)slot));
#else
	*slot = freelist_ptr(s, fp, (unsigned long)slot);
#endif
}
/* Whether obj is exactly the start of an object in slab. */
static inline bool slab_object_start_ok(const struct kmem_cache *s, const struct slab *slab,
					const void *obj)
{
	unsigned long off = (unsigned long)obj - (unsigned long)slab_address(slab) - s->red_left_pad;
	unsigned int idx = (unsigned int)(((u64)off * s->reciprocal_size) >> 32);

	return idx < slab->objects && (unsigned long)idx * s->size == off;
}
#define for_each_object(p, s, addr, objects)					\
	for (p = (char *)(addr) + (s)->red_left_pad; 				\
	     p < (char *)(addr) + (objects) * (s)->size; p += (s)->size)

/* slub.c */
/* Sizes s and gives it its node lists: boot_nodes' for a boot cache, else objects of
 * kmem_cache_node (freed again by free_kmem_cache_nodes()). */
int __kmem_cache_create(struct kmem_cache *s, struct kmem_cache_node *boot_nodes);
void free_kmem_cache_nodes(struct kmem_cache *s);
int __kmem_cache_shutdown(struct kmem_cache *s);	/* 0, or -EBUSY with objects left */
void __kmem_cache_release(struct kmem_cache *s);	/* frees every slab, live or not */
void slab_wait_rcu_frees(void);
int __kmem_cache_shrink(struct kmem_cache *s);
void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, int node, unsigned long caller,
		      size_t orig_size);
void slab_free_slow(struct kmem_cache *s, struct slab *slab, void *x, unsigned long caller);
/* A misused free of x, before the kernel's report: the handler the malloc preload set
 * (ukmem_set_bad_free_handler()) reports it as the C library would, and aborts. */
void slab_bad_free(const void *x, enum ukmem_bad_free what);
/* Puts slab on the list its freelist calls for; n's list_lock held. */
void slab_relist(struct kmem_cache_node *n, struct slab *slab);
/* Puts x back for reuse: the thread's cache or its slab (no debug check, no KASAN hook). */
void slab_free_object(struct kmem_cache *s, struct slab *slab, void *x);
struct kmem_cache *find_mergeable(unsigned int size, unsigned int align, slab_flags_t flags,
				  const char *name, bool has_ctor);
void slab_count_free(struct kmem_cache *s, unsigned long *free_objects, unsigned long *partial);
int slab_page_ids_init(void);
void slab_page_ids_exit(void);

extern bool slab_nomerge;

/* Global reasons for every allocation to take the slow path, read by kmalloc()'s fast
 * path as one word and by kmem_cache_alloc()'s as the half every cache shares: fault
 * injection armed (failslab.c), KFENCE's gate open (kfence/core.c: the next allocation
 * is sampled), and init_on_alloc/init_on_free (which concern every kmalloc cache; other
 * caches keep that in their alloc_init). */
union slab_slow_reasons {
	struct {
		union {
			struct {
				bool failslab_armed;
				bool kfence_armed;
			};
			unsigned short every_cache;
		};
		bool kmalloc_init;
		bool unused;
	};
	unsigned int any;
};
extern union slab_slow_reasons slab_slow_reasons SLAB_INTERNAL;

/* failslab.c: fault injection */
bool __should_failslab(struct kmem_cache *s, gfp_t gfp);
extern unsigned int slub_min_objects;
extern unsigned int slab_thread_cache_bytes;	/* ukmem.slab_thread_cache= */

/* slub_debug.c: slub_debug checks, and reports in SLUB's words */
unsigned int slub_track_size(void);
void slub_debug_init_slab(struct kmem_cache *s, void *addr);
void slub_debug_init_object(struct kmem_cache *s, void *object);
/* Checks an object about to be handed out; false when it is damaged (and isolated). */
bool slub_debug_alloc(struct kmem_cache *s, void *object, unsigned long caller);
/* Checks a free of object; false when it must not go back on a freelist. */
bool slub_debug_free(struct kmem_cache *s, struct slab *slab, void *object, unsigned long caller);
__printf(3, 4) void slab_err(struct kmem_cache *s, struct slab *slab, const char *fmt, ...);
void list_slab_objects(struct kmem_cache *s, struct slab *slab, const char *text);
long validate_slab_cache(struct kmem_cache *s);
slab_flags_t slub_debug_flags_for(const char *name, slab_flags_t flags);

/* Whether KASAN's hooks (mm/kasan.h) poison s's objects: in ASan and Valgrind builds, for
 * caches without a debug flag (slub_debug has its own poison) and not SLAB_TYPESAFE_BY_RCU
 * (readers may look at freed objects). */
static inline bool kasan_cache_tracked(const struct kmem_cache *s)
{
	return UKMEM_TRACK_ANY && !(s->flags & (SLAB_DEBUG_FLAGS | SLAB_TYPESAFE_BY_RCU));
}

/* The bytes an object of a cache KASAN's hooks poison takes in its slab, given the size
 * the cache's layout asks for: at least 6.1's generic-KASAN red zone right of the
 * object (16 bytes for small objects up to 2 KiB for large ones), so that an access
 * just past an object hits poison rather than its neighbour, as in Linux. */
static inline unsigned int kasan_slab_size(unsigned int object_size, unsigned int size)
{
	static const unsigned int up_to[][2] = {
		{ 64 - 16, 16 }, { 128 - 32, 32 }, { 512 - 64, 64 }, { 4096 - 128, 128 },
		{ (1 << 14) - 256, 256 }, { (1 << 15) - 512, 512 }, { (1 << 16) - 1024, 1024 },
	};
	unsigned int redzone = 2048;

	for (unsigned int i = 0; i < ARRAY_SIZE(up_to); i++)
		if (object_size <= up_to[i][0]) {
			redzone = up_to[i][1];
			break;
		}
	return max(size, object_size + redzone);
}

/* ---- the fast paths: the thread's own cache, no lock, no atomic ------------------- */

extern struct kmem_cache *slab_caches_by_id[SLAB_MAX_CACHES];

/* What the free fast paths check of a cache, by the cache's id: a copy of the fields of
 * struct kmem_cache they read, written when the cache is created and never changed while
 * its id is in use. It lives in the library's own memory, indexed by id, so that kfree()
 * goes from the object's page id straight to it, without first loading the cache's
 * address (caches are objects in the memory file), and a free reads one cache line of it
 * (two descriptors share a line, none straddles one). A cache with the marker has no
 * debug flag, so no left red zone: its objects start at multiples of size. */
struct slab_free_info {
	unsigned long free_marker;	/* the cache's free_marker: 0, no marker and no test */
	unsigned int slab_mask;		/* bytes per slab - 1 */
	unsigned int reciprocal_size;
	unsigned int objects;
	unsigned int offset;		/* where the marker is */
	unsigned long size;		/* a multiplier from memory: no register for it */
} __attribute__((aligned(32)));
extern struct slab_free_info slab_free_info[SLAB_MAX_CACHES] SLAB_INTERNAL;

static inline struct slab_thread_cache *this_thread_cache(struct kmem_cache *s)
{
	return &slab_tls.caches[s->id];
}

/* The cache id of the slab holding x; 0 when x is not in a slab page (NULL included). */
static __always_inline unsigned int slab_id_of(const void *x)
{
	unsigned long pfn = ((unsigned long)x - slab_page_ids.base) >> PAGE_SHIFT;

	if (unlikely(pfn >= slab_page_ids.nr_pages))
		return 0;
	return slab_page_ids.ids[pfn];
}

/* might_sleep()'s test without get_current()'s first-use set-up: a task not set up yet
 * has all zeroes, which is not atomic context. */
static inline bool slab_atomic_context(void)
{
	const struct task_struct *t = &ukmem_current_task;

	return (t->preempt_count | t->irqs_off | (unsigned int)t->rcu_read_lock_nesting) != 0;
}

/* Whether a sleeping allocation in atomic context must be reported. */
static __always_inline bool slab_might_sleep_report(gfp_t gfp)
{
	return gfpflags_allow_blocking(gfp) && slab_atomic_context();
}

/* Whether an allocation with gfp may come from a thread cache without the slow path's
 * work: no zeroing, no sleeping allocation in atomic context to report. */
static __always_inline bool slab_gfp_fast(gfp_t gfp)
{
	return !((gfp & __GFP_ZERO) || slab_might_sleep_report(gfp));
}

static __always_inline bool thread_cache_empty(const struct slab_thread_cache *c)
{
	return c->top == c->base;
}

/* The hardened free path's checks (slab_freelist_hardened, on by default): a free object
 * waiting in a thread cache or the depot has free_marker ^ its address in its free
 * pointer slot (which no live data shares while it is free); an allocation clears it.
 * A second free of such an object finds the marker (a double free anywhere in the
 * thread caches, not only of the object freed last), and a pointer that is not the
 * start of an object fails the index test; both go to the slow path, which reports. */
static __always_inline unsigned long *slab_marker_slot(const struct slab_free_info *f,
							const void *x)
{
	return (unsigned long *)((char *)x + f->offset);
}
static __always_inline bool slab_free_marked(const struct slab_free_info *f, const void *x)
{
	return *slab_marker_slot(f, x) == (f->free_marker ^ (unsigned long)x);
}
static __always_inline bool slab_object_start_fast(const struct slab_free_info *f, const void *x)
{
	unsigned long off = ((unsigned long)x - slab_page_ids.base) & f->slab_mask;
	unsigned int idx = (unsigned int)(((u64)off * f->reciprocal_size) >> 32);

	return idx < f->objects && (unsigned long)idx * f->size == off;
}

/* Pops the newest cached object of s; c must not be empty. */
static __always_inline void *thread_cache_pop(const struct kmem_cache *s, struct slab_thread_cache *c)
{
	void *x = *--c->top;

	if (c->clear_at >= 0)
		*(unsigned long *)((char *)x + c->clear_at) = 0;	/* slab_marker_slot() */
	return x;
}

/* Pushes x, an object of the cache whose id is id, unless c is full (or has no array), x
 * is marked free already or is not the start of an object, or -- in a cache without the
 * marker -- x is the object freed last (the hardened freelist's naive double-free check;
 * with the marker, that object is marked): those go to the slow path, which reports the
 * misuse. x is pushed before the cache's free info is read and taken back when a check
 * fails, so that the thread cache's address need not stay in a register across the
 * checks. The free info is read only when c has room (id 0, not a slab page, never has
 * room). In ASan and Valgrind builds every free takes the slow path (KASAN's hooks). */
static __always_inline bool thread_cache_push(unsigned int id, struct slab_thread_cache *c,
					      void *x)
{
	const struct slab_free_info *f = &slab_free_info[id];
	void **top = c->top;

	if (UKMEM_TRACK_ANY || unlikely(top >= c->end))
		return false;
	*top = x;
	c->top = top + 1;
	if (f->free_marker) {
		if (likely(slab_object_start_fast(f, x) && !slab_free_marked(f, x))) {
			*slab_marker_slot(f, x) = f->free_marker ^ (unsigned long)x;
			return true;
		}
	} else if (likely(top[-1] != x)) {
		return true;
	}
	c->top = top;
	return false;
}

/* orig_size: what the caller asked for (kmalloc's size; object_size otherwise). In ASan
 * and Valgrind builds every allocation takes the slow path (KASAN's hooks). */
static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfp, int node,
					unsigned long caller, size_t orig_size)
{
	struct slab_thread_cache *c;

	if (UKMEM_TRACK_ANY || unlikely(node != NUMA_NO_NODE || s->alloc_init ||
					READ_ONCE(slab_slow_reasons.every_cache) || !slab_gfp_fast(gfp)))
		return slab_alloc_slow(s, gfp, node, caller, orig_size);
	c = this_thread_cache(s);
	if (unlikely(thread_cache_empty(c)))
		return slab_alloc_slow(s, gfp, node, caller, orig_size);
	return thread_cache_pop(s, c);
}

/* Frees x, an object of slab (checked by the caller). */
static __always_inline void slab_free(struct kmem_cache *s, struct slab *slab, void *x,
				      unsigned long caller)
{
	if (unlikely(!thread_cache_push(s->id, this_thread_cache(s), x)))
		slab_free_slow(s, slab, x, caller);
}

/* mm/slab_fork.c: the slab allocator's fork lock hook (machine/fork.h). */
void slab_fork_lock(void);
void slab_fork_unlock(void);

#endif
