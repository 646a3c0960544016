/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/dma/pin.h: movable pages held in place while a device may reach them
 * (kernel/dma/pin.c), for the streaming mappings of kernel/dma/mapping.c. */
#ifndef UKMEM_KERNEL_DMA_PIN_H
#define UKMEM_KERNEL_DMA_PIN_H

#include <linux/dma-mapping.h>

/* Takes a reference on each movable page of [phys, phys + size) and remembers them
 * under (dev, addr); false if the record could not be made (nothing is pinned). */
bool dma_pin_range(struct device *dev, dma_addr_t addr, phys_addr_t phys, size_t size);
/* Drops what dma_pin_range() took for (dev, addr) (nothing if it pinned nothing). */
void dma_unpin_range(struct device *dev, dma_addr_t addr, size_t size);

#endif
