// SPDX-License-Identifier: LGPL-2.1-or-later
/* io/ioremap.c: ioremap and iounmap.
 *
 * ioremap(phys, size) takes a VM_IOREMAP area of the vmalloc space covering the pages
 * of [phys, phys + size), enters those frames in the kernel page tables with the
 * variant's cache attribute, and returns the area's address plus phys's offset in its
 * first page. Pages that fall in a device's memory window are host-mapped from the
 * window's own memory file, so a plain pointer reaches the device's memory; every other
 * page stays a PROT_NONE reservation, so only the accessors (io/mmio.c) reach register
 * windows. Ranges that overlap RAM owned by the page allocator are refused with the
 * kernel's warning. iounmap takes back exactly the areas ioremap made; anything else is
 * reported and left alone. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include <asm/io.h>
#include "io/mmio.h"
#include "kernel/report.h"
#include "machine/boot.h"
#include "machine/physmem.h"
#include "mm/pgtable.h"

#define PHYS_ADDR_BITS	46	/* iomem_resource's reach */

static bool range_overlaps_ram(phys_addr_t first, phys_addr_t last)
{
	for (int i = 0; i < nr_phys_ranges; i++)
		if (phys_ranges[i].type == PHYS_RAM && first < phys_ranges[i].end &&
		    phys_ranges[i].start <= last)
			return true;
	return false;
}

static void __iomem *ioremap_caller(resource_size_t phys, unsigned long size, pgprot_t prot,
				    const void *caller)
{
	resource_size_t last = phys + size - 1, first_page = phys & PAGE_MASK;
	unsigned long span;
	struct vm_struct *area;
	unsigned long addr;

	ukmem_ensure_booted();
	if (!size || last < phys)
		return NULL;
	if (phys >> PHYS_ADDR_BITS) {
		printk(KERN_WARNING "ioremap: invalid physical address %llx\n",
		       (unsigned long long)phys);
		WARN_ON_ONCE(1);
		return NULL;
	}
	if (range_overlaps_ram(phys, last)) {
		WARN_ONCE(1, "ioremap on RAM at 0x%016llx - 0x%016llx\n",
			  (unsigned long long)phys, (unsigned long long)last);
		return NULL;
	}
	span = PAGE_ALIGN(last + 1) - first_page;
	area = get_vm_area_caller(span, VM_IOREMAP, caller);
	if (!area)
		return NULL;
	area->phys_addr = first_page;
	addr = (unsigned long)area->addr;
	if (pgtable_map_pfns(addr, first_page >> PAGE_SHIFT, span >> PAGE_SHIFT, prot) ||
	    mmio_map_memory_windows(addr, first_page, span)) {
		free_vm_area(area);
		return NULL;
	}
	return (void __iomem *)(addr + (phys & ~PAGE_MASK));
}

#define IOREMAP_CALLER	__builtin_return_address(0)

/**
 * ioremap - map device memory (MMIO) into the kernel's address space, uncached
 * @phys: the physical address
 * @size: the length
 *
 * The mapping reaches the machine's device models (framebuffer, DMA engine, HPET, PCI
 * BARs); accesses go through readl()/writel() and their relatives. RAM is refused, as in
 * Linux 6.1.
 *
 * Context: process context; may sleep (allocates the virtual range).
 * Return: the __iomem address (unmap it with iounmap()), or NULL for RAM (with a warning),
 * an invalid address or when out of memory.
 */
void __iomem *ioremap(resource_size_t phys, unsigned long size)
{
	return ioremap_caller(phys, size, pgprot_noncached(PAGE_KERNEL), IOREMAP_CALLER);
}
EXPORT_SYMBOL(ioremap);

/**
 * ioremap_uc - ioremap() strongly uncached (not overridable by MTRRs)
 * @phys: the physical address
 * @size: the length
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL.
 */
void __iomem *ioremap_uc(resource_size_t phys, unsigned long size)
{
	return ioremap_caller(phys, size, PAGE_KERNEL_NOCACHE, IOREMAP_CALLER);
}
EXPORT_SYMBOL_GPL(ioremap_uc);

/**
 * ioremap_np - ioremap() non-posted; on x86 the same as ioremap_uc()
 * @phys: the physical address
 * @size: the length
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL.
 */
void __iomem *ioremap_np(resource_size_t phys, unsigned long size)
{
	return ioremap_caller(phys, size, PAGE_KERNEL_NOCACHE, IOREMAP_CALLER);
}
EXPORT_SYMBOL(ioremap_np);

/**
 * ioremap_wc - ioremap() write-combining, for frame buffers
 * @phys: the physical address
 * @size: the length
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL.
 */
void __iomem *ioremap_wc(resource_size_t phys, unsigned long size)
{
	return ioremap_caller(phys, size, pgprot_writecombine(PAGE_KERNEL), IOREMAP_CALLER);
}
EXPORT_SYMBOL(ioremap_wc);

/**
 * ioremap_wt - ioremap() write-through
 * @phys: the physical address
 * @size: the length
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL.
 */
void __iomem *ioremap_wt(resource_size_t phys, unsigned long size)
{
	return ioremap_caller(phys, size, __pgprot(__PAGE_KERNEL | _PAGE_PAT | _PAGE_PCD | _PAGE_PWT),
			      IOREMAP_CALLER);
}
EXPORT_SYMBOL(ioremap_wt);

/**
 * ioremap_cache - ioremap() write-back cached
 * @phys: the physical address
 * @size: the length
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL.
 */
void __iomem *ioremap_cache(resource_size_t phys, unsigned long size)
{
	return ioremap_caller(phys, size, PAGE_KERNEL, IOREMAP_CALLER);
}
EXPORT_SYMBOL(ioremap_cache);

/**
 * ioremap_prot - ioremap() with the caching bits of a page protection
 * @phys: the physical address
 * @size: the length
 * @prot_val: the protection; only its cache-mode bits are used
 *
 * Context: process context; may sleep.
 * Return: the __iomem address, or NULL.
 */
void __iomem *ioremap_prot(resource_size_t phys, unsigned long size, unsigned long prot_val)
{
	pgprot_t prot = __pgprot(__PAGE_KERNEL | (prot_val & _PAGE_CACHE_MASK));

	return ioremap_caller(phys, size, prot, IOREMAP_CALLER);
}
EXPORT_SYMBOL(ioremap_prot);

/**
 * iounmap - unmap a mapping made by ioremap() and its relatives
 * @addr: an address inside the mapping's first page, or NULL (nothing is done)
 *
 * An address that is not an ioremap() mapping is reported ("iounmap: bad address") with a
 * stack and left alone.
 *
 * Context: process context; may sleep.
 */
void iounmap(volatile void __iomem *addr)
{
	void *start = (void *)((unsigned long)addr & PAGE_MASK);
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(start);
	if (!area || area->addr != start || !(area->flags & VM_IOREMAP)) {
		report_begin();
		printk(KERN_ERR "iounmap: bad address %p\n", (void *)addr);
		dump_stack();
		return;
	}
	free_vm_area(area);
}
EXPORT_SYMBOL(iounmap);
