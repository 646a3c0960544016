/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/mmio_models.h: the shipped memory-mapped device models and where a PC-like
 * machine has them. Each attach() creates the model, attaches its windows and returns 0
 * or -errno; detaching (ukmem_mmio_detach, or shutdown) frees it. */
#ifndef UKMEM_DRIVERS_MMIO_MODELS_H
#define UKMEM_DRIVERS_MMIO_MODELS_H

#include <stdint.h>

#include <ukmem.h>
#include <ukmem_devices.h>	/* the register maps */

int ukfb_attach(uint64_t mmio_base, uint64_t vram_base);
int ukdma_attach(uint64_t mmio_base);
int hpet_attach(uint64_t mmio_base);

#endif
