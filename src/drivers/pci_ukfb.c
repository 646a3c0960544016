// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci_ukfb.c: ukfb's PCI function (00:02.0, 1234:1111, class 0x030000,
 * revision 0x02, subsystem 1af4:1100), booted with ukmem.pci=...,ukfb in place of the
 * platform device. It has the shape of QEMU's standard VGA on a PC: BAR 0 the 16 MiB of
 * video memory (32-bit, prefetchable) and BAR 2 a 4 KiB register page, at the addresses
 * SeaBIOS gives them (0xfd000000 and 0xfebf0000, where the platform ukfb has its
 * windows), no interrupt pin and no capability. The registers in BAR 2 are ukfb's own
 * (framebuffer.c), 32-bit accesses only; QEMU's Bochs VBE registers, VGA ports and ROM
 * are not there. BAR 0 is a memory window: plain pointers, ioremap and user mappings of
 * the sysfs resource0 file reach the same memory. Invariant: register state is under
 * the model's lock (pci_host.c takes it around every access). */
#include <stdlib.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/pci_regs.h>
#include "drivers/mmio_models.h"
#include "drivers/pci_models.h"

#define UKFB_PCI_REGS_SIZE	0x1000

struct pci_ukfb {
	struct pci_model pci;
	struct ukfb_regs regs;
};

static uint64_t ukfb_pci_read(struct pci_model *m, int bar, uint64_t offset, int size)
{
	struct pci_ukfb *fb = container_of(m, struct pci_ukfb, pci);

	if (bar != UKFB_PCI_REGS_BAR || size != 4 || (offset & 3))
		return ~0ULL;
	return ukfb_regs_read(&fb->regs, offset);
}

static void ukfb_pci_write(struct pci_model *m, int bar, uint64_t offset, int size,
			   uint64_t value)
{
	struct pci_ukfb *fb = container_of(m, struct pci_ukfb, pci);

	if (bar == UKFB_PCI_REGS_BAR && size == 4 && !(offset & 3))
		ukfb_regs_write(&fb->regs, offset, (uint32_t)value);
}

static void ukfb_pci_release(struct pci_model *m)
{
	struct pci_ukfb *fb = container_of(m, struct pci_ukfb, pci);

	ukfb_unshow(&fb->regs);
	free(fb);
}

struct pci_model *pci_ukfb_create(unsigned int devfn)
{
	struct pci_ukfb *fb = calloc(1, sizeof(*fb));

	if (!fb)
		return NULL;
	pci_model_init(&fb->pci, "ukfb", devfn, UKFB_PCI_VENDOR_ID, UKFB_PCI_DEVICE_ID,
		       UKFB_PCI_CLASS, 0x02, 0x1af4, 0x1100);
	pci_model_add_memory_bar(&fb->pci, UKFB_PCI_VRAM_BAR, UKFB_VRAM_SIZE,
				 PCI_BASE_ADDRESS_MEM_PREFETCH, UKFB_VRAM_BASE);
	pci_model_add_bar(&fb->pci, UKFB_PCI_REGS_BAR, UKFB_PCI_REGS_SIZE,
			  PCI_BASE_ADDRESS_SPACE_MEMORY);
	fb->pci.bar[UKFB_PCI_REGS_BAR].base = UKFB_MMIO_BASE;
	fb->regs.vram = &fb->pci.bar[UKFB_PCI_VRAM_BAR].mmio;
	fb->pci.bar_read = ukfb_pci_read;
	fb->pci.bar_write = ukfb_pci_write;
	fb->pci.release = ukfb_pci_release;
	ukfb_show(&fb->regs);
	return &fb->pci;
}
