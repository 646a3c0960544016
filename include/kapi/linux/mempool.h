/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/mempool.h: memory pools -- a reserve of preallocated elements that guarantees
 * forward progress: a sleeping mempool_alloc() never returns NULL, because it waits for
 * an element to come back. Types and calls as in Linux 6.1 (some notes' typedefs and their
 * "mempool_destory" are wrong; these are the kernel's). */
#ifndef UKMEM_LINUX_MEMPOOL_H
#define UKMEM_LINUX_MEMPOOL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

struct kmem_cache;

typedef void *(mempool_alloc_t)(gfp_t gfp_mask, void *pool_data);
typedef void (mempool_free_t)(void *element, void *pool_data);

typedef struct mempool_s {
	spinlock_t lock;
	int min_nr;		/* elements the reserve is kept at */
	int curr_nr;		/* elements in the reserve now */
	void **elements;
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
	wait_queue_head_t wait;
} mempool_t;

static inline bool mempool_initialized(mempool_t *pool)
{
	return pool->elements != NULL;
}

void mempool_exit(mempool_t *pool);
int mempool_init_node(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		      mempool_free_t *free_fn, void *pool_data, gfp_t gfp_mask, int node_id);
int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		 mempool_free_t *free_fn, void *pool_data);
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);
mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			       void *pool_data, gfp_t gfp_mask, int nid);
int mempool_resize(mempool_t *pool, int new_min_nr);
void mempool_destroy(mempool_t *pool);
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask) __malloc;
void mempool_free(void *element, mempool_t *pool);

/* Pools of slab objects: pool_data is the kmem_cache. */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
static inline int mempool_init_slab_pool(mempool_t *pool, int min_nr, struct kmem_cache *kc)
{
	return mempool_init(pool, min_nr, mempool_alloc_slab, mempool_free_slab, (void *)kc);
}
static inline mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *kc)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, (void *)kc);
}

/* Pools of kmalloc buffers: pool_data is the size. */
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
static inline int mempool_init_kmalloc_pool(mempool_t *pool, int min_nr, size_t size)
{
	return mempool_init(pool, min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}
static inline mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

/* Pools of pages: pool_data is the order; elements are struct page pointers. */
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);
static inline int mempool_init_page_pool(mempool_t *pool, int min_nr, int order)
{
	return mempool_init(pool, min_nr, mempool_alloc_pages, mempool_free_pages,
			    (void *)(long)order);
}
static inline mempool_t *mempool_create_page_pool(int min_nr, int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages,
			      (void *)(long)order);
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/mempool.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
