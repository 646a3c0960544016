// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/proc.c: /proc/bus/pci/devices as Linux 6.1 prints it: per device, bus and
 * devfn, vendor and device, the interrupt (hex), the seven resources' starts with their
 * low BAR flag bits, their sizes, and the bound driver's name. */
#include <linux/pci.h>
#include <linux/seq_file.h>
#include "drivers/pci/pci.h"
#include "fs/proc.h"

#define PCI_REGION_FLAG_MASK	0x0fU

static int devices_show(struct seq_file *m, void *data)
{
	struct pci_dev *dev = NULL;

	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev))) {
		struct pci_driver *drv = READ_ONCE(dev->driver);

		seq_printf(m, "%02x%02x\t%04x%04x\t%x", dev->bus->number, dev->devfn,
			   dev->vendor, dev->device, dev->irq);
		for (int i = 0; i < DEVICE_COUNT_RESOURCE; i++)
			seq_printf(m, "\t%16llx", (unsigned long long)(dev->resource[i].start |
				   (dev->resource[i].flags & PCI_REGION_FLAG_MASK)));
		for (int i = 0; i < DEVICE_COUNT_RESOURCE; i++) {
			struct resource *r = &dev->resource[i];

			seq_printf(m, "\t%16llx", r->start < r->end ?
				   (unsigned long long)(r->end - r->start + 1) : 0ULL);
		}
		seq_putc(m, '\t');
		if (drv)
			seq_puts(m, drv->name);
		seq_putc(m, '\n');
	}
	return 0;
}

int pci_proc_init(void)
{
	return proc_create_view("/proc/bus/pci/devices", devices_show, NULL);
}
