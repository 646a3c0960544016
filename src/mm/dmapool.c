// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/dmapool.c: DMA pools -- small coherent blocks of one size, carved from pages that
 * dma_alloc_coherent gives (so every block is physically contiguous and reachable by the
 * pool's device). A free block holds the offset of the next free block in its page; no
 * block crosses the pool's boundary. Misuse of dma_pool_free (a handle from no page of
 * the pool, a CPU address that does not match the handle, a block already free) is
 * reported in the kernel's words and changes nothing; destroying a pool with blocks
 * still allocated reports each busy page and leaks it, as the kernel does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/export.h>

struct dma_pool {
	char name[32];
	struct device *dev;
	size_t size, allocation, boundary;
	spinlock_t lock;
	struct list_head pages;
};

struct dma_page {
	struct list_head node;
	void *vaddr;
	dma_addr_t dma;
	unsigned int in_use;
	unsigned int free_offset;	/* first free block; >= allocation when full */
};

#define pool_err(pool, fmt, ...) do {						\
	if ((pool)->dev)							\
		dev_err((pool)->dev, fmt, ##__VA_ARGS__);			\
	else									\
		pr_err(fmt, ##__VA_ARGS__);					\
} while (0)

static bool power_of_2(size_t n)
{
	return n && !(n & (n - 1));
}

/**
 * dma_pool_create - create a pool of small, equal, DMA-coherent blocks
 * @name: the pool's name (for messages)
 * @dev: the device that will do the DMA
 * @size: the block size
 * @align: the blocks' alignment (a power of two), or 0
 * @boundary: a power of two no block may cross, or 0
 *
 * Context: process context; may sleep.
 * Return: the pool, or NULL for a bad size, alignment or boundary, or when out of memory.
 */
struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size,
				 size_t align, size_t boundary)
{
	struct dma_pool *pool;

	might_sleep();
	if (!align)
		align = 1;
	if (!size || !power_of_2(align))
		return NULL;
	size = ALIGN(max(size, sizeof(unsigned int)), align);
	if (boundary && (!power_of_2(boundary) || boundary < size))
		return NULL;
	pool = calloc(1, sizeof(*pool));
	if (!pool)
		return NULL;
	snprintf(pool->name, sizeof(pool->name), "%s", name);
	pool->dev = dev;
	pool->size = size;
	pool->allocation = max(size, (size_t)PAGE_SIZE);
	pool->boundary = boundary ? min(boundary, pool->allocation) : pool->allocation;
	spin_lock_init(&pool->lock);
	INIT_LIST_HEAD(&pool->pages);
	return pool;
}
EXPORT_SYMBOL(dma_pool_create);

/* Threads the page's blocks into its free list, skipping to the next boundary where a
 * block would cross one. */
static void init_free_list(struct dma_pool *pool, struct dma_page *page)
{
	unsigned int offset = 0, next_boundary = (unsigned int)pool->boundary;

	do {
		unsigned int next = offset + (unsigned int)pool->size;

		if (next + pool->size > next_boundary) {
			next = next_boundary;
			next_boundary += (unsigned int)pool->boundary;
		}
		*(unsigned int *)((char *)page->vaddr + offset) = next;
		offset = next;
	} while (offset + pool->size <= pool->allocation);
	page->free_offset = 0;
}

static struct dma_page *new_page(struct dma_pool *pool, gfp_t gfp)
{
	struct dma_page *page = calloc(1, sizeof(*page));

	if (!page)
		return NULL;
	page->vaddr = dma_alloc_coherent(pool->dev, pool->allocation, &page->dma,
					 gfp & ~__GFP_ZERO);
	if (!page->vaddr) {
		free(page);
		return NULL;
	}
	init_free_list(pool, page);
	return page;
}

static void *take_block(struct dma_pool *pool, struct dma_page *page, dma_addr_t *handle)
{
	unsigned int offset = page->free_offset;
	void *block = (char *)page->vaddr + offset;

	page->free_offset = *(unsigned int *)block;
	page->in_use++;
	*handle = page->dma + offset;
	return block;
}

/**
 * dma_pool_alloc - allocate a block from a DMA pool
 * @pool: the pool
 * @mem_flags: GFP flags, for a new page of blocks
 * @handle: receives the block's DMA address
 *
 * Context: may sleep if @mem_flags allow blocking; with GFP_ATOMIC it is safe in interrupt
 * context. Takes the pool's spinlock.
 * Return: the block's kernel address, or NULL.
 */
void *dma_pool_alloc(struct dma_pool *pool, gfp_t mem_flags, dma_addr_t *handle)
{
	struct dma_page *page, *fresh = NULL;
	void *block = NULL;

	might_sleep_if(gfpflags_allow_blocking(mem_flags));
	for (;;) {
		spin_lock(&pool->lock);
		list_for_each_entry(page, &pool->pages, node)
			if (page->free_offset + pool->size <= pool->allocation) {
				block = take_block(pool, page, handle);
				break;
			}
		if (!block && fresh) {
			list_add(&fresh->node, &pool->pages);
			block = take_block(pool, fresh, handle);
			fresh = NULL;
		}
		spin_unlock(&pool->lock);
		if (block || !(fresh = new_page(pool, mem_flags)))
			break;
	}
	if (fresh) {	/* another thread freed a block meanwhile */
		dma_free_coherent(pool->dev, pool->allocation, fresh->vaddr, fresh->dma);
		free(fresh);
	}
	if (block && (mem_flags & __GFP_ZERO))
		memset(block, 0, pool->size);
	return block;
}
EXPORT_SYMBOL(dma_pool_alloc);

static struct dma_page *page_of(struct dma_pool *pool, dma_addr_t dma)
{
	struct dma_page *page;

	list_for_each_entry(page, &pool->pages, node)
		if (dma >= page->dma && dma < page->dma + pool->allocation)
			return page;
	return NULL;
}

static bool already_free(struct dma_pool *pool, struct dma_page *page, unsigned int offset)
{
	unsigned int free_block = page->free_offset;

	while (free_block + pool->size <= pool->allocation) {
		if (free_block == offset)
			return true;
		free_block = *(unsigned int *)((char *)page->vaddr + free_block);
	}
	return false;
}

/**
 * dma_pool_free - give a block back to its DMA pool
 * @pool: the pool
 * @vaddr: the block's kernel address
 * @dma: its DMA address
 *
 * A bad address or a double free is reported (dev_err), as in Linux 6.1.
 *
 * Context: any context; takes the pool's spinlock.
 */
void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t dma)
{
	struct dma_page *page;
	unsigned int offset;

	spin_lock(&pool->lock);
	page = page_of(pool, dma);
	if (!page) {
		spin_unlock(&pool->lock);
		pool_err(pool, "dma_pool_free %s, %p/0x%016llx (bad dma)\n", pool->name, vaddr,
			 (unsigned long long)dma);
		return;
	}
	offset = (unsigned int)(dma - page->dma);
	if ((char *)vaddr != (char *)page->vaddr + offset) {
		spin_unlock(&pool->lock);
		pool_err(pool, "dma_pool_free %s, %p (bad vaddr)/0x%016llx\n", pool->name, vaddr,
			 (unsigned long long)dma);
		return;
	}
	if (already_free(pool, page, offset)) {
		spin_unlock(&pool->lock);
		pool_err(pool, "dma_pool_free %s, dma 0x%016llx already free\n", pool->name,
			 (unsigned long long)dma);
		return;
	}
	*(unsigned int *)vaddr = page->free_offset;
	page->free_offset = offset;
	page->in_use--;
	spin_unlock(&pool->lock);
}
EXPORT_SYMBOL(dma_pool_free);

/**
 * dma_pool_destroy - free a DMA pool and its pages
 * @pool: the pool, or NULL (nothing is done)
 *
 * A page with blocks still in use is reported and left allocated.
 *
 * Context: process context; may sleep. Nobody may use @pool any more.
 */
void dma_pool_destroy(struct dma_pool *pool)
{
	struct dma_page *page, *next;

	if (!pool)
		return;
	might_sleep();
	list_for_each_entry_safe(page, next, &pool->pages, node) {
		list_del(&page->node);
		if (page->in_use) {
			pool_err(pool, "dma_pool_destroy %s, %p busy\n", pool->name, page->vaddr);
			free(page);	/* its memory stays with the blocks still in use */
			continue;
		}
		dma_free_coherent(pool->dev, pool->allocation, page->vaddr, page->dma);
		free(page);
	}
	free(pool);
}
EXPORT_SYMBOL(dma_pool_destroy);
