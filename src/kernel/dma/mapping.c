// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/dma/mapping.c: the DMA API for a machine without an IOMMU (the kernel's
 * dma-direct): a bus address is the physical address, the device's masks say what it can
 * reach, and coherent buffers come from the page allocator in the zone the coherent mask
 * needs -- ZONE_DMA for a 24-bit device, ZONE_DMA32 for a 32-bit one -- physically
 * contiguous and zeroed. x86 caches are coherent with DMA, so syncs are ordering fences.
 * Every call goes through dma-debug (kernel/dma/debug.c). Unlike Linux 6.1, which
 * rejects a vmalloc buffer in dma_map_single before dma-debug sees it, ukmem lets
 * dma-debug report it first and then rejects it the same way. A streaming mapping holds
 * the movable pages it covers in place until it is unmapped (kernel/dma/pin.c). */
#include <errno.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/scatterlist.h>
#include <linux/export.h>
#include <asm/barrier.h>
#include "kernel/dma/debug.h"
#include "kernel/dma/pin.h"
#include "machine/boot.h"

#define ZONE_DMA_BITS	24

int dma_supported(struct device *dev, u64 mask)
{
	return mask >= DMA_BIT_MASK(ZONE_DMA_BITS);
}

/**
 * dma_set_mask - set the addresses a device reaches with streaming mappings
 * @dev: the device (dev->dma_mask must point at storage)
 * @mask: DMA_BIT_MASK(n), n >= 24
 *
 * Context: process context, at probe; no lock.
 * Return: 0, or -EIO if the device has no mask storage or @mask is below 24 bits.
 */
int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dev->dma_mask || !dma_supported(dev, mask))
		return -EIO;
	*dev->dma_mask = mask;
	return 0;
}
EXPORT_SYMBOL(dma_set_mask);

/**
 * dma_set_coherent_mask - set the addresses a device reaches in coherent buffers
 * @dev: the device
 * @mask: DMA_BIT_MASK(n), n >= 24
 *
 * Context: process context, at probe; no lock.
 * Return: 0, or -EIO if @mask is below 24 bits.
 */
int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	if (!dma_supported(dev, mask))
		return -EIO;
	dev->coherent_dma_mask = mask;
	return 0;
}
EXPORT_SYMBOL(dma_set_coherent_mask);

static gfp_t zone_for_mask(u64 mask)
{
	if (mask <= DMA_BIT_MASK(ZONE_DMA_BITS))
		return GFP_DMA;
	if (mask <= DMA_BIT_MASK(32))
		return GFP_DMA32;
	return 0;
}

/**
 * dma_alloc_coherent - allocate a zeroed buffer the CPU and the device share
 * @dev: the device (its coherent mask chooses ZONE_DMA, ZONE_DMA32 or any zone)
 * @size: bytes (rounded up to a power-of-two number of pages)
 * @dma_handle: set to the buffer's bus address (its physical address: no IOMMU)
 * @gfp: GFP flags (zone modifiers are replaced by what the mask needs)
 *
 * Context: may sleep if @gfp allows blocking; GFP_ATOMIC works in any context.
 * Return: the buffer's direct-map address, or NULL (also when the pages found lie
 * above the mask, or the device has no coherent mask: warned once).
 */
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp)
{
	unsigned int order = get_order(size);
	u64 mask = dev->coherent_dma_mask;
	struct page *page;
	phys_addr_t phys;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	ukmem_ensure_booted();
	if (WARN_ON_ONCE(!mask) || !size)
		return NULL;
	gfp &= ~(__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM | __GFP_COMP);
	page = alloc_pages(gfp | zone_for_mask(mask) | __GFP_ZERO, order);
	if (!page)
		return NULL;
	phys = page_to_phys(page);
	if (phys + size - 1 > mask) {
		__free_pages(page, order);
		return NULL;
	}
	*dma_handle = phys;
	debug_dma_alloc_coherent(dev, size, phys, page_address(page));
	return page_address(page);
}
EXPORT_SYMBOL(dma_alloc_coherent);

/**
 * dma_free_coherent - free a buffer from dma_alloc_coherent()
 * @dev: the device it was allocated for
 * @size: the size it was allocated with
 * @cpu_addr: its CPU address (NULL: nothing happens)
 * @dma_handle: its bus address
 *
 * dma-debug checks the four against the allocation; one it never made is reported
 * and not freed.
 * Context: any context that may free pages; never sleeps.
 */
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle)
{
	if (!cpu_addr)
		return;
	if (debug_dma_free_coherent(dev, size, cpu_addr, dma_handle))
		free_pages((unsigned long)cpu_addr, get_order(size));
}
EXPORT_SYMBOL(dma_free_coherent);

/* ---- managed coherent buffers (dmam_*) ---- */

struct dma_devres {
	size_t size;
	void *vaddr;
	dma_addr_t dma_handle;
	unsigned long attrs;
};

static void dmam_release(struct device *dev, void *res)
{
	struct dma_devres *this = res;

	dma_free_coherent(dev, this->size, this->vaddr, this->dma_handle);
}

static int dmam_match(struct device *dev, void *res, void *match_data)
{
	struct dma_devres *this = res, *match = match_data;

	if (this->vaddr == match->vaddr) {
		WARN_ON(this->size != match->size || this->dma_handle != match->dma_handle);
		return 1;
	}
	return 0;
}

/**
 * dmam_free_coherent - free a managed coherent buffer now
 * @dev: the device
 * @size: its size
 * @vaddr: its CPU address
 * @dma_handle: its bus address
 *
 * Context: process. A buffer not managed for @dev is a WARN (and is freed anyway,
 * through dma-debug's checks).
 */
void dmam_free_coherent(struct device *dev, size_t size, void *vaddr, dma_addr_t dma_handle)
{
	struct dma_devres match_data = { size, vaddr, dma_handle };

	WARN_ON(devres_destroy(dev, dmam_release, dmam_match, &match_data));
	dma_free_coherent(dev, size, vaddr, dma_handle);
}
EXPORT_SYMBOL(dmam_free_coherent);

/**
 * dmam_alloc_attrs - dma_alloc_coherent freed with the device's resources
 * @dev: the device
 * @size: bytes
 * @dma_handle: receives the bus address
 * @gfp: allocation flags
 * @attrs: DMA_ATTR_* (kept; ukmem's coherent memory has no variants)
 *
 * Context: as @gfp allows. Return: the CPU address, or NULL.
 */
void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		       unsigned long attrs)
{
	struct dma_devres *dr;
	void *vaddr;

	dr = devres_alloc(dmam_release, sizeof(*dr), gfp);
	if (!dr)
		return NULL;
	vaddr = dma_alloc_coherent(dev, size, dma_handle, gfp);
	if (!vaddr) {
		devres_free(dr);
		return NULL;
	}
	dr->vaddr = vaddr;
	dr->dma_handle = *dma_handle;
	dr->size = size;
	dr->attrs = attrs;
	devres_add(dev, dr);
	return vaddr;
}
EXPORT_SYMBOL(dmam_alloc_attrs);

/**
 * dma_map_page_attrs - map part of a page for the device's streaming access
 * @dev: the device
 * @page: the page (of the direct map)
 * @offset: where in it the buffer starts
 * @size: its length (it may run on into the following pages)
 * @dir: DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL
 * @attrs: DMA_ATTR_* (none changes anything without an IOMMU)
 *
 * Movable pages in the range (vmalloc's, a balloon's) are held in place until the
 * unmap: ukmem moves such pages, Linux never moves a mapped one.
 * Context: any; never sleeps.
 * Return: the bus address (the physical address), or DMA_MAPPING_ERROR if the range
 * lies above the device's mask (warned once) -- check it with dma_mapping_error().
 */
dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page, size_t offset,
			      size_t size, enum dma_data_direction dir, unsigned long attrs)
{
	phys_addr_t phys;

	if (WARN_ON_ONCE(!dev->dma_mask))
		return DMA_MAPPING_ERROR;
	phys = page_to_phys(page) + offset;
	if (phys + size - 1 > *dev->dma_mask) {
		dev_WARN_ONCE(dev, 1, "DMA addr 0x%016llx+%zu overflow (mask %llx, bus limit %llx).\n",
			      (unsigned long long)phys, size,
			      (unsigned long long)*dev->dma_mask, 0ULL);
		return DMA_MAPPING_ERROR;
	}
	if (!dma_pin_range(dev, phys, phys, size))
		return DMA_MAPPING_ERROR;
	debug_dma_map_page(dev, phys, size, dir, phys);
	mb();
	return phys;
}
EXPORT_SYMBOL(dma_map_page_attrs);

/**
 * dma_map_single_attrs - map a buffer of the direct map for streaming access
 * @dev: the device
 * @ptr: the buffer (kmalloc or page allocator memory, not vmalloc nor the stack)
 * @size: its length
 * @dir: the direction
 * @attrs: DMA_ATTR_*
 *
 * dma-debug reports a stack, vmalloc or non-direct-map buffer first; vmalloc memory is
 * then rejected with 6.1's warning.
 * Context: any; never sleeps.
 * Return: the bus address, or DMA_MAPPING_ERROR.
 */
dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir, unsigned long attrs)
{
	debug_dma_map_single(dev, ptr, size);
	if (dev_WARN_ONCE(dev, is_vmalloc_addr(ptr), "rejecting DMA map of vmalloc memory\n"))
		return DMA_MAPPING_ERROR;
	if (!virt_addr_valid(ptr))	/* stack or host memory: no bus address */
		return DMA_MAPPING_ERROR;
	return dma_map_page_attrs(dev, virt_to_page(ptr), offset_in_page(ptr), size, dir, attrs);
}
EXPORT_SYMBOL(dma_map_single_attrs);

/**
 * dma_unmap_page_attrs - end a streaming mapping from dma_map_page/single
 * @dev: the device
 * @addr: the bus address the map returned
 * @size: the size it was mapped with
 * @dir: the direction it was mapped with
 * @attrs: DMA_ATTR_*
 *
 * dma-debug checks the call against the mapping; the pages the mapping held in place
 * may move again.
 * Context: any; never sleeps.
 */
void dma_unmap_page_attrs(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs)
{
	mb();
	debug_dma_unmap_page(dev, addr, size, dir);
	dma_unpin_range(dev, addr, size);
}
EXPORT_SYMBOL(dma_unmap_page_attrs);

/**
 * dma_sync_single_for_cpu - give a mapped buffer to the CPU (after the device wrote it)
 * @dev: the device
 * @addr: a bus address inside a streaming mapping
 * @size: the bytes to sync
 * @dir: the direction the buffer was mapped with
 *
 * A read barrier (x86 is coherent with DMA); dma-debug checks the handle, range and
 * direction.
 * Context: any; never sleeps.
 */
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	rmb();
	debug_dma_sync_single_for_cpu(dev, addr, size, dir);
}
EXPORT_SYMBOL(dma_sync_single_for_cpu);

/**
 * dma_sync_single_for_device - give a mapped buffer back to the device
 * @dev: the device
 * @addr: a bus address inside a streaming mapping
 * @size: the bytes to sync
 * @dir: the direction the buffer was mapped with
 *
 * A write barrier; dma-debug checks the handle, range and direction.
 * Context: any; never sleeps.
 */
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	wmb();
	debug_dma_sync_single_for_device(dev, addr, size, dir);
}
EXPORT_SYMBOL(dma_sync_single_for_device);

/* Map one element as dma_map_page does, without its dma-debug entry. */
static dma_addr_t map_sg_entry(struct device *dev, struct scatterlist *sg)
{
	phys_addr_t phys = sg_phys(sg);

	if (!virt_addr_valid(page_address(sg_page(sg))) ||
	    phys + sg->length - 1 > *dev->dma_mask) {
		dev_WARN_ONCE(dev, 1, "DMA addr 0x%016llx+%u overflow (mask %llx, bus limit %llx).\n",
			      (unsigned long long)phys, sg->length,
			      (unsigned long long)*dev->dma_mask, 0ULL);
		return DMA_MAPPING_ERROR;
	}
	return phys;
}

/**
 * dma_map_sg_attrs - map a scatterlist for DMA
 * @dev: the device
 * @sgl: the list
 * @nents: its entries
 * @dir: the direction
 * @attrs: DMA_ATTR_*
 *
 * Context: any. Each element gets its bus address (the physical address: no IOMMU, so
 * nothing is merged). Return: the entries mapped (@nents), or 0 if one cannot be
 * reached by the device (then none stays mapped).
 */
unsigned int dma_map_sg_attrs(struct device *dev, struct scatterlist *sgl, int nents,
			      enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	if (WARN_ON_ONCE(!dev->dma_mask) || WARN_ON_ONCE(nents <= 0))
		return 0;
	for_each_sg(sgl, sg, nents, i) {
		sg_dma_address(sg) = map_sg_entry(dev, sg);
		if (sg_dma_address(sg) == DMA_MAPPING_ERROR)
			return 0;
		sg_dma_len(sg) = sg->length;
	}
	for_each_sg(sgl, sg, nents, i) {
		if (!dma_pin_range(dev, sg_dma_address(sg), sg_phys(sg), sg->length)) {
			struct scatterlist *s;
			int j;

			for_each_sg(sgl, s, i, j)
				dma_unpin_range(dev, sg_dma_address(s), sg_dma_len(s));
			return 0;
		}
	}
	debug_dma_map_sg(dev, sgl, nents, dir);
	mb();
	return nents;
}
EXPORT_SYMBOL(dma_map_sg_attrs);

/**
 * dma_map_sgtable - map a table's list for DMA
 * @dev: the device
 * @sgt: the table; sgt->nents gets the entries mapped
 * @dir: the direction
 * @attrs: DMA_ATTR_*
 *
 * Context: any. Return: 0, or -EIO.
 */
int dma_map_sgtable(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
		    unsigned long attrs)
{
	int nents = (int)dma_map_sg_attrs(dev, sgt->sgl, sgt->orig_nents, dir, attrs);

	if (nents <= 0)
		return -EIO;
	sgt->nents = nents;
	return 0;
}
EXPORT_SYMBOL_GPL(dma_map_sgtable);

/**
 * dma_unmap_sg_attrs - end the DMA mapping of a scatterlist
 * @dev: the device
 * @sgl: the list
 * @nents: the entries passed to dma_map_sg (not the count it returned)
 * @dir: the direction it was mapped with
 * @attrs: DMA_ATTR_*
 *
 * Context: any. dma-debug checks each element against its mapping.
 */
void dma_unmap_sg_attrs(struct device *dev, struct scatterlist *sgl, int nents,
			enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	mb();
	debug_dma_unmap_sg(dev, sgl, nents, dir);
	for_each_sg(sgl, sg, nents, i)
		dma_unpin_range(dev, sg_dma_address(sg), sg_dma_len(sg));
}
EXPORT_SYMBOL(dma_unmap_sg_attrs);

/* Hand a mapped list to the CPU (before it reads what the device wrote). */
/**
 * dma_sync_sg_for_cpu - give a mapped scatterlist to the CPU
 * @dev: the device
 * @sgl: the list dma_map_sg() mapped
 * @nelems: the entries passed to dma_map_sg()
 * @dir: the direction it was mapped with
 *
 * Context: any; never sleeps.
 */
void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sgl, int nelems,
			 enum dma_data_direction dir)
{
	struct scatterlist *sg;
	int i;

	rmb();
	for_each_sg(sgl, sg, nelems, i)
		debug_dma_sync_single_for_cpu(dev, sg_dma_address(sg), sg_dma_len(sg), dir);
}
EXPORT_SYMBOL(dma_sync_sg_for_cpu);

/* Hand a mapped list back to the device (after the CPU wrote to it). */
/**
 * dma_sync_sg_for_device - give a mapped scatterlist back to the device
 * @dev: the device
 * @sgl: the list dma_map_sg() mapped
 * @nelems: the entries passed to dma_map_sg()
 * @dir: the direction it was mapped with
 *
 * Context: any; never sleeps.
 */
void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sgl, int nelems,
			    enum dma_data_direction dir)
{
	struct scatterlist *sg;
	int i;

	wmb();
	for_each_sg(sgl, sg, nelems, i)
		debug_dma_sync_single_for_device(dev, sg_dma_address(sg), sg_dma_len(sg), dir);
}
EXPORT_SYMBOL(dma_sync_sg_for_device);

/**
 * dma_mapping_error - whether a streaming map call failed
 * @dev: the device
 * @dma_addr: what the map call returned
 *
 * dma-debug notes that the result was checked (an unchecked one is reported at unmap).
 * Context: any.
 * Return: -ENOMEM for DMA_MAPPING_ERROR, else 0.
 */
int dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	debug_dma_mapping_error(dev, dma_addr);
	return dma_addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}
EXPORT_SYMBOL(dma_mapping_error);
