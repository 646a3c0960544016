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

/**
 * mempool_exit - free a pool's reserve, for a pool set up with mempool_init()
 * @pool: the pool; every element taken from it must have been given back
 *
 * Frees each reserved element with the pool's free function, then the element array.
 * The mempool_t itself is the caller's and is left for reuse by mempool_init().
 *
 * Context: process context; may sleep if the pool's free function does. Takes no lock:
 * nobody else may use @pool any more.
 */
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

/**
 * mempool_init_node - set up a caller-provided pool and fill its reserve on a node
 * @pool: the pool to set up
 * @min_nr: how many elements the reserve keeps
 * @alloc_fn: allocates one element
 * @free_fn: frees one element
 * @pool_data: passed to @alloc_fn and @free_fn
 * @gfp_mask: flags for the element array and for filling the reserve
 * @node_id: the node for the element array, or NUMA_NO_NODE
 *
 * Context: may sleep if @gfp_mask allows (GFP_KERNEL does). No lock is held.
 * Return: 0 with @min_nr elements reserved, or -ENOMEM (nothing is left allocated).
 */
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

/**
 * mempool_init - set up a caller-provided pool with GFP_KERNEL on any node
 * @pool: the pool to set up
 * @min_nr: how many elements the reserve keeps
 * @alloc_fn: allocates one element
 * @free_fn: frees one element
 * @pool_data: passed to @alloc_fn and @free_fn
 *
 * Context: process context; may sleep (allocates with GFP_KERNEL).
 * Return: 0, or -ENOMEM if the reserve could not be filled.
 */
int mempool_init(mempool_t *pool, int min_nr, mempool_alloc_t *alloc_fn,
		 mempool_free_t *free_fn, void *pool_data)
{
	return mempool_init_node(pool, min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL,
				 NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_init);

/**
 * mempool_create_node - allocate a pool and fill its reserve on a node
 * @min_nr: how many elements the reserve keeps
 * @alloc_fn: allocates one element
 * @free_fn: frees one element
 * @pool_data: passed to @alloc_fn and @free_fn
 * @gfp_mask: flags for the pool, its element array and the reserve
 * @node_id: the node to allocate on, or NUMA_NO_NODE
 *
 * Context: may sleep if @gfp_mask allows. No lock is held.
 * Return: the pool (free it with mempool_destroy()), or NULL when out of memory.
 */
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

/**
 * mempool_create - allocate a pool and fill its reserve with GFP_KERNEL
 * @min_nr: how many elements the reserve keeps
 * @alloc_fn: allocates one element
 * @free_fn: frees one element
 * @pool_data: passed to @alloc_fn and @free_fn
 *
 * Context: process context; may sleep.
 * Return: the pool, or NULL when out of memory.
 */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	return mempool_create_node(min_nr, alloc_fn, free_fn, pool_data, GFP_KERNEL, NUMA_NO_NODE);
}
EXPORT_SYMBOL(mempool_create);

/**
 * mempool_destroy - free a pool made by mempool_create() and its reserve
 * @pool: the pool, or NULL (nothing is done)
 *
 * Context: process context; may sleep if the pool's free function does. Every element
 * must have been returned: nobody may use @pool any more.
 */
void mempool_destroy(mempool_t *pool)
{
	if (unlikely(!pool))
		return;
	mempool_exit(pool);
	kfree(pool);
}
EXPORT_SYMBOL(mempool_destroy);

/**
 * mempool_resize - change how many elements a pool keeps in reserve
 * @pool: the pool
 * @new_min_nr: the new reserve size, greater than 0
 *
 * Shrinking frees the surplus elements at once; growing reallocates the element array
 * and tops the reserve up with GFP_KERNEL, as far as the allocator gives (what is missing
 * fills up as elements are freed).
 *
 * Context: process context; may sleep (might_sleep(), GFP_KERNEL allocations). Takes the
 * pool's spinlock with interrupts saved, and drops it around every call to the pool's
 * alloc and free functions.
 * Return: 0, or -ENOMEM if the new element array could not be allocated (the pool is
 * unchanged then).
 */
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

/**
 * mempool_alloc - take an element from the allocator, or from the pool's reserve
 * @pool: the pool
 * @gfp_mask: allocation flags; __GFP_ZERO is not allowed (warns once)
 *
 * Asks the pool's allocator first without direct reclaim or I/O, then takes from the
 * reserve, then asks again with the caller's full flags. If the flags allow direct reclaim
 * the call then waits (up to 5 seconds at a time) for an element to be freed to the pool
 * and starts over, so it never returns NULL.
 *
 * Context: may sleep if @gfp_mask has __GFP_DIRECT_RECLAIM; with GFP_ATOMIC or GFP_NOWAIT
 * it is safe in interrupt context and under spinlocks. Takes the pool's spinlock with
 * interrupts saved.
 * Return: an element, or NULL only when @gfp_mask does not allow direct reclaim.
 */
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

/**
 * mempool_free - give an element back to its pool
 * @element: an element from mempool_alloc(), or NULL (nothing is done)
 * @pool: the pool it came from
 *
 * Refills the reserve first (waking a waiter in mempool_alloc()); when the reserve is full
 * the element goes back to the pool's free function.
 *
 * Context: any context the pool's free function allows (the slab, kmalloc and page
 * helpers below are interrupt-safe). Takes the pool's spinlock with interrupts saved only
 * when the reserve is short.
 */
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

/**
 * mempool_alloc_slab - a pool's allocator for objects of a slab cache
 * @gfp_mask: allocation flags
 * @pool_data: the struct kmem_cache
 *
 * Context: as kmem_cache_alloc(): may sleep only if @gfp_mask allows.
 * Return: an object of the cache, or NULL.
 */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}
EXPORT_SYMBOL(mempool_alloc_slab);

/**
 * mempool_free_slab - a pool's free function for objects of a slab cache
 * @element: the object
 * @pool_data: the struct kmem_cache it came from
 *
 * Context: any context, as kmem_cache_free().
 */
void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}
EXPORT_SYMBOL(mempool_free_slab);

/**
 * mempool_kmalloc - a pool's allocator for kmalloc() buffers of a fixed size
 * @gfp_mask: allocation flags
 * @pool_data: the size in bytes, cast to a pointer
 *
 * Context: as kmalloc(): may sleep only if @gfp_mask allows.
 * Return: the buffer, or NULL.
 */
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}
EXPORT_SYMBOL(mempool_kmalloc);

/**
 * mempool_kfree - a pool's free function for kmalloc() buffers
 * @element: the buffer
 * @pool_data: unused
 *
 * Context: any context, as kfree().
 */
void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}
EXPORT_SYMBOL(mempool_kfree);

/**
 * mempool_alloc_pages - a pool's allocator for blocks of pages of one order
 * @gfp_mask: allocation flags
 * @pool_data: the order, cast to a pointer
 *
 * Context: as alloc_pages(): may sleep only if @gfp_mask allows.
 * Return: the first struct page of the block, or NULL.
 */
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(long)pool_data);
}
EXPORT_SYMBOL(mempool_alloc_pages);

/**
 * mempool_free_pages - a pool's free function for blocks of pages of one order
 * @element: the first struct page of the block
 * @pool_data: the order, cast to a pointer
 *
 * Context: any context, as __free_pages().
 */
void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(long)pool_data);
}
EXPORT_SYMBOL(mempool_free_pages);
