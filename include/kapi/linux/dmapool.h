/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/dmapool.h: pools of small, equally sized coherent DMA blocks carved from
 * dma_alloc_coherent pages (mm/dmapool.c). */
#ifndef UKMEM_LINUX_DMAPOOL_H
#define UKMEM_LINUX_DMAPOOL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

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

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/dmapool.h> brings with it, once this header is complete. */
#include <asm/io.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/notifier.h>
#include <linux/percpu.h>
#include <linux/pgtable.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rculist.h>
#include <linux/scatterlist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#endif
#endif
