// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/dma_engine.c: ukdma, a bus-master copy engine (ukdma-mmio). A driver writes
 * source and destination bus addresses and a length, then START; the engine copies and
 * sets DONE (or ERROR) in STATUS, which the driver polls or, with CONTROL's IRQ bit,
 * takes as an interrupt: the engine holds level-triggered IRQ 16 high while DONE or
 * ERROR is set with IRQ enabled, until the driver writes them clear.
 * The copy is the one hardware would make: bus addresses are physical (no IOMMU), RAM is
 * reached through the direct map and device memory windows through their memory, page
 * by page, so a buffer that is not physically contiguous is overrun into whatever pages
 * follow it physically. An address that is neither RAM nor device memory, or beyond
 * 16 MiB in 24-bit mode (as ISA DMA), fails the transfer before anything is copied.
 * Transfers run to completion inside the START write, so BUSY is never seen set.
 * The engine's registers (struct ukdma_engine) are also ukdma's PCI function's BAR 0
 * (pci_ukdma.c), which signals the same conditions by INTx or MSI-X instead. */
#include <errno.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include "drivers/bus_master.h"
#include "drivers/mmio_models.h"

#define UKDMA_MMIO_SIZE	0x1000
#define ISA_DMA_LIMIT	(16ULL << 20)

struct ukdma {
	struct ukmem_mmio_device regs;
	struct ukdma_engine engine;
	bool irq_out;
};

static bool range_reachable(const struct ukdma_engine *dma, uint64_t phys, uint32_t len)
{
	if ((dma->control & UKDMA_CTRL_ADDR24) && phys + len > ISA_DMA_LIMIT)
		return false;
	return !len || bus_master_reachable(phys, len);
}

static void start(struct ukdma_engine *dma)
{
	dma->status = UKDMA_STATUS_BUSY;
	if (dma->len > UKDMA_MAX_LEN || dma->src + dma->len < dma->src ||
	    dma->dst + dma->len < dma->dst || !range_reachable(dma, dma->src, dma->len) ||
	    !range_reachable(dma, dma->dst, dma->len)) {
		dma->status = UKDMA_STATUS_ERROR;
		return;
	}
	bus_master_copy(dma->dst, dma->src, dma->len);
	dma->status = UKDMA_STATUS_DONE;
}

static uint64_t *address_reg(struct ukdma_engine *dma, uint64_t offset)
{
	if (offset < UKDMA_REG_SRC + 8)
		return &dma->src;
	if (offset >= UKDMA_REG_DST && offset < UKDMA_REG_DST + 8)
		return &dma->dst;
	return NULL;
}

uint64_t ukdma_engine_read(struct ukdma_engine *dma, uint64_t offset, int size)
{
	uint64_t *addr = address_reg(dma, offset);

	if (addr && size == 8 && !(offset & 7))
		return *addr;
	if (addr && size == 4 && !(offset & 3))
		return (uint32_t)(*addr >> (offset & 4 ? 32 : 0));
	if (size != 4)
		return ~0ULL;
	switch (offset) {
	case UKDMA_REG_LEN: return dma->len;
	case UKDMA_REG_CONTROL: return dma->control;
	case UKDMA_REG_STATUS: return dma->status;
	default: return 0;
	}
}

static void write_address(uint64_t *reg, uint64_t offset, int size, uint64_t value)
{
	if (size == 8 && !(offset & 7))
		*reg = value;
	else if (size == 4 && (offset & 4))
		*reg = (*reg & 0xffffffffULL) | (value << 32);
	else if (size == 4)
		*reg = (*reg & ~0xffffffffULL) | value;
}

void ukdma_engine_write(struct ukdma_engine *dma, uint64_t offset, int size, uint64_t value)
{
	uint64_t *addr = address_reg(dma, offset);

	if (addr) {
		write_address(addr, offset, size, value);
		return;
	}
	if (size != 4)
		return;
	switch (offset) {
	case UKDMA_REG_LEN:
		dma->len = (uint32_t)value;
		break;
	case UKDMA_REG_CONTROL:
		dma->control = (uint32_t)value & (UKDMA_CTRL_ADDR24 | UKDMA_CTRL_IRQ);
		if (value & UKDMA_CTRL_START)
			start(dma);
		dma->changed(dma);
		break;
	case UKDMA_REG_STATUS:
		dma->status &= ~((uint32_t)value & (UKDMA_STATUS_DONE | UKDMA_STATUS_ERROR));
		dma->changed(dma);
		break;
	default:
		break;
	}
}

bool ukdma_engine_irq(const struct ukdma_engine *dma, uint32_t status_bits)
{
	return (dma->control & UKDMA_CTRL_IRQ) && (dma->status & status_bits);
}

/* The platform device: level-triggered IRQ 16 while DONE or ERROR is signalled. */
static void update_irq(struct ukdma_engine *engine)
{
	struct ukdma *dma = container_of(engine, struct ukdma, engine);
	bool out = ukdma_engine_irq(engine, UKDMA_STATUS_DONE | UKDMA_STATUS_ERROR);

	if (out != dma->irq_out) {
		dma->irq_out = out;
		ukmem_irq_set_level(UKDMA_IRQ, out);
	}
}

static uint64_t ukdma_read(struct ukmem_mmio_device *dev, uint64_t offset, int size)
{
	return ukdma_engine_read(&((struct ukdma *)dev->priv)->engine, offset, size);
}

static void ukdma_write(struct ukmem_mmio_device *dev, uint64_t offset, int size, uint64_t value)
{
	ukdma_engine_write(&((struct ukdma *)dev->priv)->engine, offset, size, value);
}

static void ukdma_release(struct ukmem_mmio_device *dev)
{
	free(dev->priv);
}

int ukdma_attach(uint64_t mmio_base)
{
	struct ukdma *dma = calloc(1, sizeof(*dma));
	int err;

	if (!dma)
		return -ENOMEM;
	dma->engine.changed = update_irq;
	dma->regs = (struct ukmem_mmio_device){ .name = "ukdma-mmio", .base = mmio_base,
						.size = UKDMA_MMIO_SIZE, .read = ukdma_read,
						.write = ukdma_write, .release = ukdma_release,
						.priv = dma };
	err = ukmem_mmio_attach(&dma->regs);
	if (err)
		free(dma);
	return err;
}
