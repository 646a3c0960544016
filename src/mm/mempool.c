// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/mempool.c: memory pools, with Linux 6.1's contract.
 *
 * Invariant: 0 <= curr_nr <= min_nr, and elements[0..curr_nr) are the reserve.
 * mempool_alloc first asks the underlying allocator without reclaim, then takes from the
 * reserve, then (if the reserve is empty) asks once more with the caller's full flags,
 * and finally -- only if the caller may sleep -- waits for an element to be returned and
 * starts over; so a sleeping allocation never returns NULL. mempool_free refills the
 * reserve before it gives anything back to the allocator, and wakes a waiter.
 * With poisoning on for the backing cache (slub_debug=P), an element in the reserve is
 * filled with SLUB's free poison and checked when it leaves, so a write to an element
 * after mempool_free is reported ("BUG: mempool element poison mismatch"). */
#include <string.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/export.h>
#include "mm/slab.h"

#define MEMPOOL_WAIT_JIFFIES	(5 * HZ)
#define POISON_INUSE		0x5a
#define POISON_FREE		0x6b
#define POISON_END		0xa5

/* ---- poisoning of reserved elements ---- */

static size_t poisoned_size(mempool_t *pool, void *element)
{
	if (pool->free != mempool_free_slab && pool->free != mempool_kfree)
		return 0;
	return (virt_to_slab(element)->slab_cache->flags & SLAB_POISON) ? ksize(element) : 0;
}

static void poison_error(mempool_t *pool, u8 *element, size_t size, size_t byte)
{
	size_t start = byte > sizeof(long) ? byte - sizeof(long) : 0;
	size_t end = min(byte + sizeof(long), size);

	pr_err("BUG: mempool element poison mismatch\n");
	pr_err("Mempool %016lx size %zu\n", (unsigned long)pool, size);
	pr_err(" nr=%d @ %016lx: %s0x", pool->curr_nr, (unsigned long)element,
	       start > 0 ? "... " : "");
	for (size_t i = start; i < end; i++)
		pr_cont("%x ", element[i]);
	pr_cont("%s\n", end < size ? "..." : "");
	dump_stack();
}

static void check_element(mempool_t *pool, void *element)
{
	size_t size = poisoned_size(pool, element);
	u8 *obj = element;

	for (size_t i = 0; i < size; i++) {
		if (obj[i] != (i < size - 1 ? POISON_FREE : POISON_END)) {
			poison_error(pool, obj, size, i);
			break;
		}
	}
	if (size)
		memset(obj, POISON_INUSE, size);
}

static void poison_element(mempool_t *pool, void *element)
{
	size_t size = poisoned_size(pool, element);

	if (size) {
		memset(element, POISON_FREE, size - 1);
		((u8 *)element)[size - 1] = POISON_END;
	}
}

/* ---- the reserve ---- */

static void add_element(mempool_t *pool, void *element)
{
	BUG_ON(pool->curr_nr >= pool->min_nr);
	poison_element(pool, element);
	pool->elements[pool->curr_nr] = element;
	WRITE_ONCE(pool->curr_nr, pool->curr_nr + 1);	/* mempool_free() peeks unlocked */
}

static void *remove_element(mempool_t *pool)
{
	void *element;

	WRITE_ONCE(pool->curr_nr, pool->curr_nr - 1);
	element = pool->elements[pool->curr_nr];

	BUG_ON(pool->curr_nr < 0);
	check_element(pool, element);
	return element;
}

void mempool_exit(mempool_t *pool)
{
	while (pool->curr_nr) {
		void *element = remove_element(pool);

		pool->free(element, pool->pool_data);
	}
	kfree(pool->elements);
	pool->elements = NULL;
}
EXPORT_SYMBOL(mempool_exit);

int mempool_init_node(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		      mempool_free_t *free_fn, void *pool_data, gfp_t gfp_mask, int node_id)
{
	spin_lock_init(&pool->lock);
	pool->min_nr = min_nr;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	pool->curr_nr = 0;
	init_waitqueue_head(&pool->wait);
	pool->elements = kmalloc_array_node(max(min_nr, 1), sizeof(void *), gfp_mask, node_id);
	if (!pool->elements)
		return -ENOMEM;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(gfp_mask, pool->pool_data);

		if (unlikely(!element)) {
			mempool_exit(pool);
			return -ENOMEM;
		}
		add_element(pool, element);
	}
	return 0;
}
EXPORT_SYMBOL(mempool_init_node);

int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		 mempool_free_t *free_fn, void *pool_data)
{
	return mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL,
				 NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_init);

mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			       void *pool_data, gfp_t gfp_mask, int node_id)
{
	mempool_t *pool = kzalloc_node(sizeof(*pool), gfp_mask, node_id);

	if (!pool)
		return NULL;
	if (mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data, gfp_mask, node_id)) {
		kfree(pool);
		return NULL;
	}
	return pool;
}
EXPORT_SYMBOL(mempool_create_node);

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	return mempool_create_node(min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL, NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_create);

void mempool_destroy(mempool_t *pool)
{
	if (unlikely(!pool))
		return;
	mempool_exit(pool);
	kfree(pool);
}
EXPORT_SYMBOL(mempool_destroy);

int mempool_resize(mempool_t *pool, int new_min_nr)
{
	unsigned long flags;
	void **new_elements;

	BUG_ON(new_min_nr <= 0);
	might_sleep();
	spin_lock_irqsave(&pool->lock, flags);
	if (new_min_nr <= pool->min_nr) {
		while (new_min_nr < pool->curr_nr) {
			void *element = remove_element(pool);

			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			spin_lock_irqsave(&pool->lock, flags);
		}
		pool->min_nr = new_min_nr;
		spin_unlock_irqrestore(&pool->lock, flags);
		return 0;
	}
	spin_unlock_irqrestore(&pool->lock, flags);

	new_elements = kmalloc_array(new_min_nr, sizeof(*new_elements), GFP_KERNEL);
	if (!new_elements)
		return -ENOMEM;
	spin_lock_irqsave(&pool->lock, flags);
	if (unlikely(new_min_nr <= pool->min_nr)) {	/* raced with another resize */
		spin_unlock_irqrestore(&pool->lock, flags);
		kfree(new_elements);
		return 0;
	}
	memcpy(new_elements, pool->elements, (size_t)pool->curr_nr * sizeof(*new_elements));
	kfree(pool->elements);
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;
	while (pool->curr_nr < pool->min_nr) {
		void *element;

		spin_unlock_irqrestore(&pool->lock, flags);
		element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element)
			return 0;	/* the reserve fills up as elements are freed */
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
		} else {
			spin_unlock_irqrestore(&pool->lock, flags);
			pool->free(element, pool->pool_data);
			return 0;
		}
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return 0;
}
EXPORT_SYMBOL(mempool_resize);

void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	void *element;
	unsigned long flags;
	gfp_t gfp_temp;

	WARN_ON_ONCE(gfp_mask & __GFP_ZERO);
	might_sleep_if(gfp_mask & __GFP_DIRECT_RECLAIM);
	gfp_mask |= __GFP_NOMEMALLOC | __GFP_NORETRY | __GFP_NOWARN;
	gfp_temp = gfp_mask & ~(__GFP_DIRECT_RECLAIM | __GFP_IO);

	for (;;) {
		DEFINE_WAIT(wait);

		element = pool->alloc(gfp_temp, pool->pool_data);
		if (likely(element))
			return element;
		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr)) {
			element = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, flags);
			return element;
		}
		if (gfp_temp != gfp_mask) {	/* once more, now allowed to reclaim */
			spin_unlock_irqrestore(&pool->lock, flags);
			gfp_temp = gfp_mask;
			continue;
		}
		if (!(gfp_mask & __GFP_DIRECT_RECLAIM)) {
			spin_unlock_irqrestore(&pool->lock, flags);
			return NULL;
		}
		/* Wait for an element to come back to the pool, then start over. */
		prepare_to_wait(&pool->wait, &wait, TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&pool->lock, flags);
		schedule_timeout(MEMPOOL_WAIT_JIFFIES);
		finish_wait(&pool->wait, &wait);
	}
}
EXPORT_SYMBOL(mempool_alloc);

void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;

	if (unlikely(!element))
		return;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (unlikely(READ_ONCE(pool->curr_nr) < pool->min_nr)) {
		spin_lock_irqsave(&pool->lock, flags);
		if (likely(pool->curr_nr < pool->min_nr)) {
			add_element(pool, element);
			spin_unlock_irqrestore(&pool->lock, flags);
			wake_up(&pool->wait);
			return;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
	}
	pool->free(element, pool->pool_data);
}
EXPORT_SYMBOL(mempool_free);

void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}
EXPORT_SYMBOL(mempool_alloc_slab);

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}
EXPORT_SYMBOL(mempool_free_slab);

void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}
EXPORT_SYMBOL(mempool_kmalloc);

void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}
EXPORT_SYMBOL(mempool_kfree);

void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(long)pool_data);
}
EXPORT_SYMBOL(mempool_alloc_pages);

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(long)pool_data);
}
EXPORT_SYMBOL(mempool_free_pages);
