/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/mmio_models.h: the shipped memory-mapped device models and where a PC-like
 * machine has them. Each attach() creates the model, attaches its windows and returns 0
 * or -errno; detaching (ukmem_mmio_detach, or shutdown) frees it. */
#ifndef UKMEM_DRIVERS_MMIO_MODELS_H
#define UKMEM_DRIVERS_MMIO_MODELS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <ukmem.h>
#include <ukmem_devices.h>	/* the register maps */

/* ukdma's registers (UKDMA_REG_*), one engine; changed() runs after CONTROL or STATUS
 * is written, for the device to update its interrupt. Callers serialize accesses. */
struct ukdma_engine {
	uint64_t src, dst;
	uint32_t len, control, status;
	void (*changed)(struct ukdma_engine *dma);
};
uint64_t ukdma_engine_read(struct ukdma_engine *dma, uint64_t offset, int size);
void ukdma_engine_write(struct ukdma_engine *dma, uint64_t offset, int size, uint64_t value);
/* Whether the engine signals one of status_bits (UKDMA_STATUS_*) as an interrupt. */
bool ukdma_engine_irq(const struct ukdma_engine *dma, uint32_t status_bits);

/* ukfb's mode registers (UKFB_REG_*), as the platform device and ukfb's PCI function
 * both have them; callers serialize accesses. vram is the window of its video memory. */
struct ukfb_regs {
	uint32_t width, height, stride, format, enabled, status;
	struct timespec enabled_at;
	struct ukmem_mmio_device *vram;
};
uint32_t ukfb_regs_read(struct ukfb_regs *fb, uint64_t offset);
void ukfb_regs_write(struct ukfb_regs *fb, uint64_t offset, uint32_t value);
/* Makes fb the framebuffer ukmem_ukfb_mode() shows; unshow forgets it if it is shown. */
void ukfb_show(struct ukfb_regs *fb);
void ukfb_unshow(struct ukfb_regs *fb);

int ukfb_attach(uint64_t mmio_base, uint64_t vram_base);
int ukdma_attach(uint64_t mmio_base);
int hpet_attach(uint64_t mmio_base);

#endif
