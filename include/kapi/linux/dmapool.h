/* linux/dmapool.h: pools of small, equally sized coherent DMA blocks carved from
 * dma_alloc_coherent pages (mm/dmapool.c). */
#ifndef UKMEM_LINUX_DMAPOOL_H
#define UKMEM_LINUX_DMAPOOL_H

#include <linux/types.h>
#include <linux/gfp.h>

struct device;
struct dma_pool;

/* Blocks of size bytes aligned to align (a power of two) that never cross a boundary
 * (a power of two, or 0 for none); NULL for bad arguments or no memory. */
struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size,
				 size_t align, size_t boundary);
void dma_pool_destroy(struct dma_pool *pool);
void *dma_pool_alloc(struct dma_pool *pool, gfp_t mem_flags, dma_addr_t *handle);
void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t addr);

static inline void *dma_pool_zalloc(struct dma_pool *pool, gfp_t mem_flags, dma_addr_t *handle)
{
	return dma_pool_alloc(pool, mem_flags | __GFP_ZERO, handle);
}

#endif
