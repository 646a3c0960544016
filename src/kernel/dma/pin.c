// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/dma/pin.c: a movable page stays where it is while it is mapped for DMA.
 * In Linux 6.1 the pages a driver maps are not movable (vmalloc pages never move; user
 * pages are pinned by get_user_pages before they are mapped). ukmem's vmalloc and
 * balloon pages are movable (mm/migrate.c), so a streaming mapping takes a reference on
 * each movable page it covers -- migration moves only a page whose reference count is
 * exactly its owner's, so the page and its bus address stay put -- and unmapping drops
 * it. A page caught in the middle of a move (its count frozen at 0) is mapped without a
 * pin: the driver looked it up before the move, as a driver racing page reclaim would.
 * Invariants: a record exists for each (device, bus address) mapping whose range held a
 * movable page, holding exactly the pages it pinned, each with one reference of its
 * own; records change only under pin_lock; references are taken and dropped outside it. */
#include <stdlib.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include "kernel/dma/pin.h"

#define PIN_HASH_SIZE	256

struct dma_pin {
	struct hlist_node node;
	struct device *dev;
	dma_addr_t addr;
	size_t size;
	unsigned long nr;
	struct page *pages[];
};

static struct hlist_head pin_hash[PIN_HASH_SIZE];	/* zeroed: every chain empty */
static DEFINE_SPINLOCK(pin_lock);

static struct hlist_head *pin_bucket(struct device *dev, dma_addr_t addr)
{
	unsigned long key = (unsigned long)dev ^ (unsigned long)(addr >> PAGE_SHIFT) * 0x9e37UL;

	return &pin_hash[key % PIN_HASH_SIZE];
}

static inline struct page *movable_page(unsigned long pfn)
{
	return pfn_valid(pfn) && __PageMovable(pfn_to_page(pfn)) ? pfn_to_page(pfn) : NULL;
}

/**
 * dma_pin_range - holds the movable pages of a new streaming mapping in place
 * @dev: the device the range is mapped for
 * @addr: the bus address the mapping returns
 * @phys: the range's physical address
 * @size: its length in bytes
 *
 * A range with no movable page (the usual case: kmalloc or page allocator memory)
 * costs one look at each struct page and no allocation.
 * Context: any (a spinlock and a host allocation, no sleep).
 * Return: true, or false if the record could not be allocated (nothing is pinned and
 * the caller fails the mapping).
 */
bool dma_pin_range(struct device *dev, dma_addr_t addr, phys_addr_t phys, size_t size)
{
	unsigned long first = PHYS_PFN(phys), last = PHYS_PFN(phys + size - 1), pfn, flags;
	struct dma_pin *pin;

	for (pfn = first; size && pfn <= last && !movable_page(pfn); pfn++)
		;
	if (!size || pfn > last)
		return true;
	pin = malloc(sizeof(*pin) + (last - pfn + 1) * sizeof(pin->pages[0]));
	if (!pin)
		return false;
	pin->nr = 0;
	for (; pfn <= last; pfn++) {
		struct page *page = movable_page(pfn);

		if (page && get_page_unless_zero(page))
			pin->pages[pin->nr++] = page;
	}
	pin->dev = dev;
	pin->addr = addr;
	pin->size = size;
	spin_lock_irqsave(&pin_lock, flags);
	hlist_add_head(&pin->node, pin_bucket(dev, addr));
	spin_unlock_irqrestore(&pin_lock, flags);
	return true;
}

/**
 * dma_unpin_range - lets the pages of an ended streaming mapping move again
 * @dev: the device
 * @addr: the mapping's bus address
 * @size: its length (a record of the same size is preferred when several match)
 *
 * Context: any; a page whose last reference this was is freed.
 */
void dma_unpin_range(struct device *dev, dma_addr_t addr, size_t size)
{
	struct dma_pin *pin, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&pin_lock, flags);
	hlist_for_each_entry(pin, pin_bucket(dev, addr), node) {
		if (pin->dev != dev || pin->addr != addr)
			continue;
		found = pin;
		if (pin->size == size)
			break;
	}
	if (found)
		hlist_del(&found->node);
	spin_unlock_irqrestore(&pin_lock, flags);
	if (!found)
		return;
	for (unsigned long i = 0; i < found->nr; i++)
		put_page(found->pages[i]);
	free(found);
}
