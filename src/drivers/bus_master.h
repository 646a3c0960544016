/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/bus_master.h: how a device model reaches memory as a bus master. Bus
 * addresses are physical (no IOMMU): RAM through the direct map, device memory windows
 * through their memory, page by page, so a buffer that is not physically contiguous is
 * overrun into whatever pages follow it physically. Shared by ukdma and the PCI models. */
#ifndef UKMEM_DRIVERS_BUS_MASTER_H
#define UKMEM_DRIVERS_BUS_MASTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether every byte of [phys, phys + len) is RAM or device memory (len > 0). */
bool bus_master_reachable(uint64_t phys, size_t len);
/* Copies len bytes between bus addresses, or from/to the model's own buffer. Each
 * returns false, having copied nothing, if a bus range is not reachable. */
bool bus_master_copy(uint64_t dst, uint64_t src, size_t len);
bool bus_master_read(uint64_t src, void *buf, size_t len);
bool bus_master_write(uint64_t dst, const void *buf, size_t len);

#endif
