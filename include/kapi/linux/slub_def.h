/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/slub_def.h: struct kmem_cache, the SLUB cache, as ukmem's allocator has it
 * (src/mm/slub.c uses this very definition). The fields Linux 6.1's SLUB names --
 * flags, size, object_size, offset, inuse, align, red_left_pad, min_partial, allocflags,
 * refcount, ctor, name, list, random, random_seq, useroffset, usersize, node[] -- mean
 * what they mean there, so that SLUB's own code (mm/slab.h, lib/slub_kunit.c) reads them
 * truthfully; the others are ukmem's (per-thread caches, the depot). Not in ukmem:
 * struct kmem_cache_cpu (ukmem's fast path is per thread, src/mm/slab.h), the
 * order/objects pair packed into one word (oo), the kobject of /sys/kernel/slab.
 * Invariant: node[nid] points to the cache's lists on node nid for every possible node,
 * from kmem_cache_create() until the cache is freed; struct kmem_cache_node is defined
 * by the allocator (Linux's mm/slab.h), with Linux 6.1's layout. obj_to_index() and
 * objs_per_slab() are the allocator's own computations, KFENCE's objects included. */
#ifndef UKMEM_LINUX_SLUB_DEF_H
#define UKMEM_LINUX_SLUB_DEF_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <linux/spinlock_types.h>

struct kmem_cache_node;

struct kmem_cache {
	unsigned int id;		/* index into the per-thread caches */
	/* beside id, in the first cache line: kmem_cache_alloc()'s fast path reads both */
	bool alloc_init;		/* objects need init_on_alloc/init_on_free work */
	bool zero_on_alloc_ok;		/* init_on_alloc may zero objects (no ctor/poison/RCU) */
	bool zero_on_free;		/* init_on_free applies */
	bool thread_cache_ok;		/* no debug flag nor init_on_free: fast frees */
	slab_flags_t flags;
	unsigned int size;		/* object + metadata, aligned: the stride in a slab */
	unsigned int object_size;	/* what the user asked for */
	unsigned int offset;		/* free pointer offset in an object */
	unsigned int inuse;		/* offset of the metadata after the object */
	unsigned int align;
	unsigned int red_left_pad;
	unsigned int order;		/* pages per slab = 1 << order */
	unsigned int objects;		/* objects per slab */
	unsigned int reciprocal_size;	/* 2^32 / size, rounded up: obj_to_index() */
	unsigned int tls_limit;		/* a thread's cache is trimmed to half above this */
	unsigned int min_partial;	/* SLUB's figure for empty slabs kept per node */
	unsigned int keep_partial;	/* what ukmem keeps: room for a few thread caches' worth */
	unsigned int useroffset, usersize;
	unsigned long random;		/* SLAB_FREELIST_HARDENED: free pointers are stored as */
	unsigned long random_addr_mask;	/* ptr ^ random ^ (swab(slot address) & this); 0, 0 off */
	unsigned long free_marker;	/* hardened: a free object's slot holds this ^ its address
					 * while it waits in a thread cache or the depot; 0 off */
	unsigned long slab_mask;	/* bytes per slab - 1 (slabs are aligned in the direct map) */
	unsigned int *random_seq;	/* SLAB_FREELIST_RANDOM: object offsets in shuffled order */
	struct slab_depot {		/* objects between thread caches, moved in batches */
		spinlock_t lock;
		unsigned int count, limit;	/* limit 0: no depot (debug caches) */
		void **objects;
	} depot;
	gfp_t allocflags;		/* zone and compound flags for new slabs */
	int refcount;			/* kmem_cache_create() calls sharing it (merges) */
	kmem_ctor_t ctor;
	kmem_old_ctor_t old_ctor, old_dtor;
	const char *name;
	struct list_head list;		/* slab_caches, newest first */
	struct kmem_cache_node *node[MAX_NUMNODES];
};

/*
 * The helpers below read struct slab, which the slab allocator's private mm/slab.h
 * defines (with slab_address()) before it includes this header, in Linux as in ukmem
 * (src/mm/slab.h); other includers do not see them.
 */
#if defined(UKMEM_MM_SLAB_H) || defined(MM_SLAB_H)
#include <linux/kfence.h>

/* The index in its slab of the object at obj (reciprocal_size: 2^32 / size, rounded up,
 * exact for every offset a slab has). */
static inline unsigned int __obj_to_index(const struct kmem_cache *cache, void *addr, void *obj)
{
	return (unsigned int)(((u64)((char *)obj - (char *)addr) * cache->reciprocal_size) >> 32);
}

/* As __obj_to_index(), from the slab; a KFENCE object is the only one of its slab: 0. */
static inline unsigned int obj_to_index(const struct kmem_cache *cache, const struct slab *slab,
					void *obj)
{
	if (is_kfence_address(obj))
		return 0;
	return __obj_to_index(cache, slab_address(slab), obj);
}

/* The objects slab holds (1 for a KFENCE object's page). */
static inline int objs_per_slab(const struct kmem_cache *cache, const struct slab *slab)
{
	return slab->objects;
}
#endif

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/slub_def.h> brings with it, once this header is complete. */
#include <linux/kasan.h>
#include <linux/kfence.h>
#include <linux/kmsan-checks.h>
#include <linux/kobject.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/sched/mm.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/static_key.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
