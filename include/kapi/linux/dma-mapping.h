/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/dma-mapping.h: the DMA API on a machine without an IOMMU: a bus address is the
 * physical address. A device's masks say which addresses it can reach; coherent
 * buffers come from the zone the mask needs (24 bits: ZONE_DMA, 32 bits: ZONE_DMA32).
 * Every call is checked as the kernel's dma-debug checks it (kernel/dma/debug.c). */
#ifndef UKMEM_LINUX_DMA_MAPPING_H
#define UKMEM_LINUX_DMA_MAPPING_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/device.h>

struct page;

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_BIT_MASK(n)		(((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
#define DMA_MAPPING_ERROR	(~(dma_addr_t)0)
#define DMA_ATTR_SKIP_CPU_SYNC	(1UL << 5)
#define DMA_ATTR_NO_WARN	(1UL << 8)

int dma_set_mask(struct device *dev, u64 mask);
int dma_set_coherent_mask(struct device *dev, u64 mask);
int dma_supported(struct device *dev, u64 mask);

static inline int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int err = dma_set_mask(dev, mask);

	return err ? err : dma_set_coherent_mask(dev, mask);
}

/* For a device whose dma_mask pointer was never set: points it at coherent_dma_mask. */
static inline int dma_coerce_mask_and_coherent(struct device *dev, u64 mask)
{
	dev->dma_mask = &dev->coherent_dma_mask;
	return dma_set_mask_and_coherent(dev, mask);
}

static inline u64 dma_get_mask(struct device *dev)
{
	return dev->dma_mask && *dev->dma_mask ? *dev->dma_mask : DMA_BIT_MASK(32);
}

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle);

/* Managed coherent buffers, freed when the device's resources are released. */
void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
		       gfp_t gfp, unsigned long attrs);
void dmam_free_coherent(struct device *dev, size_t size, void *vaddr,
			dma_addr_t dma_handle);
static inline void *dmam_alloc_coherent(struct device *dev, size_t size,
					dma_addr_t *dma_handle, gfp_t gfp)
{
	return dmam_alloc_attrs(dev, size, dma_handle, gfp,
				(gfp & __GFP_NOWARN) ? DMA_ATTR_NO_WARN : 0);
}

dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page, size_t offset,
			      size_t size, enum dma_data_direction dir, unsigned long attrs);
void dma_unmap_page_attrs(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs);
dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir, unsigned long attrs);
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir);
int dma_mapping_error(struct device *dev, dma_addr_t dma_addr);

#define dma_map_single(d, a, s, r)	dma_map_single_attrs(d, a, s, r, 0)
#define dma_unmap_single(d, a, s, r)	dma_unmap_page_attrs(d, a, s, r, 0)
#define dma_map_page(d, p, o, s, r)	dma_map_page_attrs(d, p, o, s, r, 0)
#define dma_unmap_page(d, a, s, r)	dma_unmap_page_attrs(d, a, s, r, 0)
#define dma_unmap_single_attrs(d, a, s, r, attrs) dma_unmap_page_attrs(d, a, s, r, attrs)

/* Scatterlists (kernel/dma/mapping.c): each element mapped as dma_map_page maps it. */
struct scatterlist;
struct sg_table;
unsigned int dma_map_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
			      enum dma_data_direction dir, unsigned long attrs);
void dma_unmap_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
			enum dma_data_direction dir, unsigned long attrs);
int dma_map_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		    unsigned long attrs);
void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nelems,
			 enum dma_data_direction dir);
void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nelems,
			    enum dma_data_direction dir);
#define dma_map_sg(d, s, n, r)		dma_map_sg_attrs(d, s, n, r, 0)
#define dma_unmap_sg(d, s, n, r)	dma_unmap_sg_attrs(d, s, n, r, 0)
#define dma_unmap_sgtable(d, sgt, r, attrs) \
	dma_unmap_sg_attrs(d, (sgt)->sgl, (sgt)->orig_nents, r, attrs)
#define dma_sync_sgtable_for_cpu(d, sgt, r) \
	dma_sync_sg_for_cpu(d, (sgt)->sgl, (sgt)->orig_nents, r)
#define dma_sync_sgtable_for_device(d, sgt, r) \
	dma_sync_sg_for_device(d, (sgt)->sgl, (sgt)->orig_nents, r)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/dma-mapping.h> brings with it, once this header is complete. */
#include <asm/io.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kernfs.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/module.h>
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
#endif
#endif
