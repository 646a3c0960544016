// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/mmap.c: user mappings of a device's memory BARs, shared by the sysfs
 * resourceN files and /proc/bus/pci/BB/DD.F, as Linux 6.1's drivers/pci/mmap.c: the
 * mapping's offset must lie within the BAR (in pages from the BAR's start for sysfs, as
 * the BAR's address for procfs), and the frames are entered uncached or
 * write-combining with io_remap_pfn_range(). x86 maps no I/O space. What a mapping
 * reaches is the BAR's window: memory windows are aliased, register windows fault on a
 * plain access (docs/pci.md). */
#include <linux/mm.h>
#include <linux/pci.h>
#include "drivers/pci/pci.h"

/**
 * pci_mmap_fits - whether a mapping lies within a BAR
 * @pdev: the device
 * @resno: the BAR
 * @vma: the mapping (vm_pgoff: pages from the BAR's start, or its address for procfs)
 * @mmap_api: PCI_MMAP_SYSFS or PCI_MMAP_PROCFS
 *
 * Context: any. Return: true if every page of the mapping is in the BAR.
 */
bool pci_mmap_fits(struct pci_dev *pdev, int resno, struct vm_area_struct *vma,
		   enum pci_mmap_api mmap_api)
{
	unsigned long nr, start, size, pci_start = 0;

	if (!pci_resource_len(pdev, resno))
		return false;
	nr = vma_pages(vma);
	start = vma->vm_pgoff;
	size = (unsigned long)((pci_resource_len(pdev, resno) - 1) >> PAGE_SHIFT) + 1;
	if (mmap_api == PCI_MMAP_PROCFS)
		pci_start = (unsigned long)(pci_resource_start(pdev, resno) >> PAGE_SHIFT);
	return start >= pci_start && start < pci_start + size && start + nr <= pci_start + size;
}

/**
 * pci_mmap_resource_range - map pages of a memory BAR into a user mapping
 * @pdev: the device
 * @bar: the BAR
 * @vma: the mapping, vm_pgoff the first page within the BAR
 * @write_combine: map write-combining instead of uncached
 *
 * Context: the mmap of a file, user address space locked.
 * Return: 0, -EINVAL beyond the BAR, or io_remap_pfn_range()'s error.
 */
int pci_mmap_resource_range(struct pci_dev *pdev, int bar, struct vm_area_struct *vma,
			    bool write_combine)
{
	unsigned long size = (unsigned long)((pci_resource_len(pdev, bar) - 1) >> PAGE_SHIFT) + 1;

	if (vma->vm_pgoff + vma_pages(vma) > size)
		return -EINVAL;
	vma->vm_page_prot = write_combine ? pgprot_writecombine(vma->vm_page_prot) :
					    pgprot_device(vma->vm_page_prot);
	vma->vm_pgoff += (unsigned long)(pci_resource_start(pdev, bar) >> PAGE_SHIFT);
	return io_remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff,
				  vma->vm_end - vma->vm_start, vma->vm_page_prot);
}
