// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci_ukdma.c: ukdma's PCI function (1234:75d0, class 0x088000, revision 0x01),
 * a second engine with the platform device's register map (dma_engine.c) in BAR 0 and
 * an MSI-X capability whose table and pending bit array are BAR 1 (offsets 0 and 0x800,
 * as QEMU lays out a BAR of its own for MSI-X). The engine signals DONE and ERROR (with
 * CONTROL's IRQ bit) as INTx pin A, held while signalled, or -- once the driver enabled
 * MSI-X -- as one message on table entry 0 each time DONE becomes signalled and on
 * entry 1 for ERROR (an edge per condition; a masked entry keeps it pending). Like
 * every PCI model, the engine copies only with bus mastering on: without it a START
 * fails with ERROR. Invariant: all state is under the model's lock. */
#include <stdlib.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/pci_regs.h>
#include "drivers/mmio_models.h"
#include "drivers/pci_models.h"

#define UKDMA_PCI_BAR_SIZE	0x1000
#define UKDMA_PCI_PBA		0x800

struct pci_ukdma {
	struct pci_model pci;
	struct ukdma_engine engine;
	uint32_t signalled;		/* the status bits last signalled */
};

static void ukdma_pci_changed(struct ukdma_engine *engine)
{
	struct pci_ukdma *d = container_of(engine, struct pci_ukdma, engine);
	uint32_t now = 0, rising;

	if (ukdma_engine_irq(engine, UKDMA_STATUS_DONE))
		now |= UKDMA_STATUS_DONE;
	if (ukdma_engine_irq(engine, UKDMA_STATUS_ERROR))
		now |= UKDMA_STATUS_ERROR;
	rising = now & ~d->signalled;
	d->signalled = now;
	if (pci_model_msix_enabled(&d->pci)) {
		pci_model_set_intx(&d->pci, false);
		if (rising & UKDMA_STATUS_DONE)
			pci_model_msix_notify(&d->pci, UKDMA_PCI_MSIX_DONE);
		if (rising & UKDMA_STATUS_ERROR)
			pci_model_msix_notify(&d->pci, UKDMA_PCI_MSIX_ERROR);
	} else {
		pci_model_set_intx(&d->pci, now != 0);
	}
}

static uint64_t ukdma_pci_read(struct pci_model *m, int bar, uint64_t offset, int size)
{
	struct pci_ukdma *d = container_of(m, struct pci_ukdma, pci);

	if (bar != UKDMA_PCI_REGS_BAR)
		return 0;	/* BAR 1 outside the table and the PBA: reserved */
	return ukdma_engine_read(&d->engine, offset, size);
}

static void ukdma_pci_write(struct pci_model *m, int bar, uint64_t offset, int size,
			    uint64_t value)
{
	struct pci_ukdma *d = container_of(m, struct pci_ukdma, pci);
	uint16_t cmd = (uint16_t)(m->config[PCI_COMMAND] | m->config[PCI_COMMAND + 1] << 8);

	if (bar != UKDMA_PCI_REGS_BAR)
		return;
	if (offset == UKDMA_REG_CONTROL && size == 4 && (value & UKDMA_CTRL_START) &&
	    !(cmd & PCI_COMMAND_MASTER)) {
		/* no bus mastering: the engine cannot reach memory */
		d->engine.control = (uint32_t)value & (UKDMA_CTRL_ADDR24 | UKDMA_CTRL_IRQ);
		d->engine.status = UKDMA_STATUS_ERROR;
		ukdma_pci_changed(&d->engine);
		return;
	}
	ukdma_engine_write(&d->engine, offset, size, value);
}

static void ukdma_pci_release(struct pci_model *m)
{
	free(container_of(m, struct pci_ukdma, pci));
}

struct pci_model *pci_ukdma_create(unsigned int devfn)
{
	struct pci_ukdma *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	pci_model_init(&d->pci, "ukdma", devfn, UKDMA_PCI_VENDOR_ID, UKDMA_PCI_DEVICE_ID,
		       UKDMA_PCI_CLASS, 0x01, 0x1af4, 0x1100);
	d->pci.config[PCI_INTERRUPT_PIN] = 1;
	pci_model_add_bar(&d->pci, UKDMA_PCI_REGS_BAR, UKDMA_PCI_BAR_SIZE,
			  PCI_BASE_ADDRESS_SPACE_MEMORY);
	pci_model_add_bar(&d->pci, UKDMA_PCI_MSIX_BAR, UKDMA_PCI_BAR_SIZE,
			  PCI_BASE_ADDRESS_SPACE_MEMORY);
	pci_model_add_msix(&d->pci, UKDMA_PCI_MSIX_VECTORS, UKDMA_PCI_MSIX_BAR, 0,
			   UKDMA_PCI_PBA);
	d->engine.changed = ukdma_pci_changed;
	d->pci.bar_read = ukdma_pci_read;
	d->pci.bar_write = ukdma_pci_write;
	d->pci.release = ukdma_pci_release;
	return &d->pci;
}
