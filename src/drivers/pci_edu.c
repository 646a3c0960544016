// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci_edu.c: QEMU's "edu" teaching device (PCI 1234:11e8, revision 0x10, class
 * 0x00ff00), register for register as QEMU's docs/specs/edu.rst describes it, so that
 * drivers written for it run unchanged. BAR0 is 1 MiB of registers: accesses below 0x80
 * must be 4 bytes, from 0x80 4 or 8 bytes, others read as all ones and are ignored.
 * Identification 0x010000ed; 0x04 reads back the inverse of what was written; a write
 * to 0x08 computes its factorial (32-bit, wrapping) and raises interrupt 0x1 if status
 * bit 0x80 is set; 0x60 ORs a value into the interrupt status (0x24), 0x64 clears it;
 * the interrupt is INTx (pin A) while the status is not 0, or an MSI each time a value
 * is raised if the driver enabled MSI. DMA moves up to 4 KiB between the device's
 * buffer at 0x40000-0x40fff and bus addresses, which the device cuts to its 28-bit DMA
 * mask as QEMU's does; command 0x1 starts, 0x2 is the direction (1: to RAM), 0x4 raises
 * interrupt 0x100 when done. Differences from QEMU: the factorial and the DMA complete
 * within the register write (QEMU uses a thread and a 100 ms timer), so COMPUTING and
 * the RUN bit are never seen set; a transfer outside the buffer is refused rather than
 * overrunning it; without bus mastering nothing is moved. */
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/pci_regs.h>
#include "drivers/pci_models.h"

struct edu {
	struct pci_model pci;
	uint32_t liveness, fact, status, irq_status;
	uint64_t dma_src, dma_dst, dma_count, dma_cmd;
	uint8_t dma_buf[EDU_DMA_BUF_SIZE];
};

static void raise_irq(struct edu *edu, uint32_t value)
{
	edu->irq_status |= value;
	if (!edu->irq_status)
		return;
	if (pci_model_msi_enabled(&edu->pci))
		pci_model_msi_notify(&edu->pci, 0);
	else
		pci_model_set_intx(&edu->pci, true);
}

static void lower_irq(struct edu *edu, uint32_t value)
{
	edu->irq_status &= ~value;
	if (!edu->irq_status && !pci_model_msi_enabled(&edu->pci))
		pci_model_set_intx(&edu->pci, false);
}

static uint64_t dma_clamp(uint64_t addr)
{
	if (addr & ~EDU_DMA_MASK)
		pr_warn("edu: clamping DMA %#018llx to %#018llx!\n", (unsigned long long)addr,
			(unsigned long long)(addr & EDU_DMA_MASK));
	return addr & EDU_DMA_MASK;
}

/* The part of the device's buffer a transfer touches, or false if it leaves it. */
static bool in_buffer(uint64_t start, uint64_t count)
{
	if (start >= EDU_DMA_BUF && start + count >= start &&
	    start + count <= EDU_DMA_BUF + EDU_DMA_BUF_SIZE)
		return true;
	pr_warn("edu: DMA range %#018llx-%#018llx out of bounds (%#018llx-%#018llx)!\n",
		(unsigned long long)start, (unsigned long long)(start + count - 1),
		(unsigned long long)EDU_DMA_BUF,
		(unsigned long long)(EDU_DMA_BUF + EDU_DMA_BUF_SIZE - 1));
	return false;
}

static void dma_run(struct edu *edu)
{
	if (edu->dma_cmd & EDU_DMA_TO_RAM) {
		if (in_buffer(edu->dma_src, edu->dma_count))
			pci_model_dma_write(&edu->pci, dma_clamp(edu->dma_dst),
					    edu->dma_buf + (edu->dma_src - EDU_DMA_BUF),
					    (size_t)edu->dma_count);
	} else if (in_buffer(edu->dma_dst, edu->dma_count)) {
		pci_model_dma_read(&edu->pci, dma_clamp(edu->dma_src),
				   edu->dma_buf + (edu->dma_dst - EDU_DMA_BUF),
				   (size_t)edu->dma_count);
	}
	edu->dma_cmd &= ~(uint64_t)EDU_DMA_RUN;
	if (edu->dma_cmd & EDU_DMA_IRQ_ENABLE)
		raise_irq(edu, EDU_DMA_IRQ);
}

static bool size_ok(uint64_t offset, int size)
{
	return offset < 0x80 ? size == 4 : size == 4 || size == 8;
}

static uint64_t *dma_reg(struct edu *edu, uint64_t offset)
{
	switch (offset) {
	case EDU_REG_DMA_SRC: return &edu->dma_src;
	case EDU_REG_DMA_DST: return &edu->dma_dst;
	case EDU_REG_DMA_COUNT: return &edu->dma_count;
	case EDU_REG_DMA_CMD: return &edu->dma_cmd;
	default: return NULL;
	}
}

static uint64_t edu_read(struct pci_model *m, int bar, uint64_t offset, int size)
{
	struct edu *edu = container_of(m, struct edu, pci);
	uint64_t *reg = dma_reg(edu, offset);

	if (!size_ok(offset, size))
		return ~0ULL;
	if (reg)
		return *reg;
	switch (offset) {
	case EDU_REG_ID: return EDU_ID;
	case EDU_REG_LIVENESS: return edu->liveness;
	case EDU_REG_FACT: return edu->fact;
	case EDU_REG_STATUS: return edu->status;
	case EDU_REG_IRQ_STATUS: return edu->irq_status;
	default: return ~0ULL;
	}
}

static uint32_t factorial(uint32_t n)
{
	uint32_t r = 1;

	while (n > 0)
		r *= n--;
	return r;
}

static void edu_write(struct pci_model *m, int bar, uint64_t offset, int size,
		      uint64_t value)
{
	struct edu *edu = container_of(m, struct edu, pci);
	uint64_t *reg = dma_reg(edu, offset);

	if (!size_ok(offset, size))
		return;
	if (reg) {
		if (edu->dma_cmd & EDU_DMA_RUN)
			return;		/* registers are locked during a transfer */
		if (offset == EDU_REG_DMA_CMD && !(value & EDU_DMA_RUN))
			return;
		*reg = value;
		if (offset == EDU_REG_DMA_CMD)
			dma_run(edu);
		return;
	}
	switch (offset) {
	case EDU_REG_LIVENESS:
		edu->liveness = ~(uint32_t)value;
		break;
	case EDU_REG_FACT:
		edu->fact = factorial((uint32_t)value);
		if (edu->status & EDU_STATUS_IRQFACT)
			raise_irq(edu, EDU_FACT_IRQ);
		break;
	case EDU_REG_STATUS:
		edu->status = (edu->status & ~EDU_STATUS_IRQFACT) |
			      ((uint32_t)value & EDU_STATUS_IRQFACT);
		break;
	case EDU_REG_IRQ_RAISE:
		raise_irq(edu, (uint32_t)value);
		break;
	case EDU_REG_IRQ_ACK:
		lower_irq(edu, (uint32_t)value);
		break;
	default:
		break;
	}
}

static void edu_release(struct pci_model *m)
{
	free(container_of(m, struct edu, pci));
}

struct pci_model *pci_edu_create(unsigned int devfn)
{
	struct edu *edu = calloc(1, sizeof(*edu));

	if (!edu)
		return NULL;
	pci_model_init(&edu->pci, "edu", devfn, EDU_VENDOR_ID, EDU_DEVICE_ID, 0x00ff00, 0x10,
		       0x1af4, 0x1100);
	edu->pci.config[PCI_INTERRUPT_PIN] = 1;
	pci_model_add_bar(&edu->pci, 0, EDU_BAR0_SIZE, PCI_BASE_ADDRESS_SPACE_MEMORY);
	pci_model_add_msi(&edu->pci, 0, true);
	edu->pci.bar_read = edu_read;
	edu->pci.bar_write = edu_write;
	edu->pci.release = edu_release;
	return &edu->pci;
}
