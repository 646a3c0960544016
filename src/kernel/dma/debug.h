/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/dma/debug.h: the DMA-API checks (kernel/dma/debug.c) that the mapping calls
 * (kernel/dma/mapping.c) make. Reports use the kernel's "DMA-API: <driver> <device>: "
 * texts; every error is shown. */
#ifndef UKMEM_KERNEL_DMA_DEBUG_H
#define UKMEM_KERNEL_DMA_DEBUG_H

#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>

/* Reports a buffer that is on the stack, in vmalloc space or not in the direct map. */
void debug_dma_map_single(struct device *dev, const void *addr, unsigned long len);
void debug_dma_map_page(struct device *dev, phys_addr_t phys, size_t size, int direction,
			dma_addr_t dma_addr);
/* Scatterlists: one entry per mapped element; unmap checks each against its map. */
void debug_dma_map_sg(struct device *dev, struct scatterlist *sgl, int mapped_ents,
		      int direction);
void debug_dma_unmap_sg(struct device *dev, struct scatterlist *sgl, int nelems, int direction);
void debug_dma_mapping_error(struct device *dev, dma_addr_t dma_addr);
void debug_dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, int direction);
void debug_dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t dma_addr,
			      void *virt);
/* false when the buffer was never allocated (reported; the caller must not free it). */
bool debug_dma_free_coherent(struct device *dev, size_t size, void *virt, dma_addr_t addr);
void debug_dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
				   int direction);
void debug_dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				      int direction);

/* Reports what a driver left mapped when it unbinds (base/dd.c). */
void debug_dma_device_unbound(struct device *dev);

#endif
