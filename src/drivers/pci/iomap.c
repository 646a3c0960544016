// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/iomap.c: mapping BARs (Linux's lib/pci_iomap.c and the pcim_ helpers of
 * drivers/pci/pci.c). A memory BAR is ioremapped, an I/O BAR becomes an ioport_map()
 * cookie; either way ioread32/iowrite32 and friends reach it. A mapping never extends
 * past its BAR: maxlen cuts it, an offset at or beyond the BAR's end maps nothing. */
#include <ukmem.h>
#include <linux/export.h>
#include <linux/pci.h>
#include "drivers/pci/pci.h"

/**
 * pci_iomap_range - map part of a BAR
 * @dev: the device
 * @bar: the BAR
 * @offset: where in the BAR the mapping starts
 * @maxlen: at most this many bytes (0: to the BAR's end)
 *
 * Context: process. Return: the mapping (unmap with pci_iounmap()), or NULL for a BAR
 * the device does not have or an @offset beyond it.
 */
void __iomem *pci_iomap_range(struct pci_dev *dev, int bar, unsigned long offset,
			      unsigned long maxlen)
{
	resource_size_t start, len;
	unsigned long flags;

	if (bar < 0 || bar >= PCI_STD_NUM_BARS)
		return NULL;
	start = pci_resource_start(dev, bar);
	len = pci_resource_len(dev, bar);
	flags = pci_resource_flags(dev, bar);
	if (len <= offset || !start)
		return NULL;
	len -= offset;
	start += offset;
	if (maxlen && len > maxlen)
		len = maxlen;
	if (flags & IORESOURCE_IO)
		return ioport_map(start, (unsigned int)len);
	if (flags & IORESOURCE_MEM)
		return ioremap(start, len);
	return NULL;
}
EXPORT_SYMBOL(pci_iomap_range);

/**
 * pci_iomap - map a whole BAR (or its first @maxlen bytes)
 * @dev: the device
 * @bar: the BAR, 0 to 5
 * @maxlen: the most bytes to map, or 0 for the whole BAR
 *
 * A memory BAR is ioremap()ed; an I/O BAR gives a port cookie for ioread*().
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL for an empty or bad BAR.
 */
void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen)
{
	return pci_iomap_range(dev, bar, 0, maxlen);
}
EXPORT_SYMBOL(pci_iomap);

/**
 * pci_iounmap - undo pci_iomap()
 * @dev: the device
 * @addr: the mapping
 *
 * Context: process context; may sleep.
 */
void pci_iounmap(struct pci_dev *dev, void __iomem *addr)
{
	if ((unsigned long)addr >= PIO_RESERVED)
		iounmap(addr);
}
EXPORT_SYMBOL(pci_iounmap);

/**
 * pcim_iomap_table - the managed mappings of a device's BARs
 * @dev: the device
 *
 * Entry i is BAR i's mapping from pcim_iomap() or pcim_iomap_regions(), or NULL.
 * Context: process. Return: the table, which lives as long as the device.
 */
void __iomem *const *pcim_iomap_table(struct pci_dev *dev)
{
	return dev->iomap_table;
}
EXPORT_SYMBOL(pcim_iomap_table);

/**
 * pcim_iomap - pci_iomap() undone when the driver detaches
 * @dev: the device
 * @bar: the BAR, 0 to 5
 * @maxlen: the most bytes to map, or 0 for the whole BAR
 *
 * The mapping is kept in pcim_iomap_table(); a BAR mapped twice warns.
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL.
 */
void __iomem *pcim_iomap(struct pci_dev *dev, int bar, unsigned long maxlen)
{
	if (bar < 0 || bar >= PCI_STD_NUM_BARS || WARN_ON(dev->iomap_table[bar]))
		return NULL;
	dev->iomap_table[bar] = pci_iomap(dev, bar, maxlen);
	return dev->iomap_table[bar];
}
EXPORT_SYMBOL(pcim_iomap);

/**
 * pcim_iounmap - unmap a pcim_iomap() mapping before the driver detaches
 * @dev: the device
 * @addr: the mapping
 *
 * Context: process context; may sleep.
 */
void pcim_iounmap(struct pci_dev *dev, void __iomem *addr)
{
	pci_iounmap(dev, addr);
	for (int i = 0; i < PCI_STD_NUM_BARS; i++)
		if (dev->iomap_table[i] == addr)
			dev->iomap_table[i] = NULL;
}
EXPORT_SYMBOL(pcim_iounmap);

/**
 * pcim_iomap_regions - claim and map BARs, managed
 * @dev: the device
 * @mask: the BARs, a bit each
 * @name: the claims' name
 *
 * Context: process. Return: 0, -EBUSY if a region is taken or -ENOMEM if a mapping
 * fails (what was done is undone), -EINVAL for a BAR the device does not have.
 */
int pcim_iomap_regions(struct pci_dev *dev, int mask, const char *name)
{
	int i, err = 0;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (!(mask & (1 << i)))
			continue;
		if (!pci_resource_len(dev, i)) {
			err = -EINVAL;
			break;
		}
		err = pci_request_region(dev, i, name);
		if (err)
			break;
		if (!pcim_iomap(dev, i, 0)) {
			pci_release_region(dev, i);
			err = -ENOMEM;
			break;
		}
	}
	if (!err)
		return 0;
	while (--i >= 0) {
		if (!(mask & (1 << i)) || !dev->iomap_table[i])
			continue;
		pcim_iounmap(dev, dev->iomap_table[i]);
		pci_release_region(dev, i);
	}
	return err;
}
EXPORT_SYMBOL(pcim_iomap_regions);

/**
 * pcim_iomap_regions_request_all - request every BAR and map the ones in a mask, managed
 * @dev: the device
 * @mask: the BARs to map (bit i for BAR i)
 * @name: the owner's name for the requested regions
 *
 * Context: process context; may sleep.
 * Return: 0, or -EBUSY (a region is taken), -ENOMEM; on error nothing stays requested.
 */
int pcim_iomap_regions_request_all(struct pci_dev *dev, int mask, const char *name)
{
	int request_mask = ((1 << PCI_STD_NUM_BARS) - 1) & ~mask;
	int err = pci_request_selected_regions(dev, request_mask, name);

	if (err)
		return err;
	err = pcim_iomap_regions(dev, mask, name);
	if (err)
		pci_release_selected_regions(dev, request_mask);
	return err;
}
EXPORT_SYMBOL(pcim_iomap_regions_request_all);
