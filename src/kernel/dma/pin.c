// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/dma/pin.c: a movable page stays where it is while it is mapped for DMA.
 * In Linux 6.1 the pages a driver maps are not movable (vmalloc pages never move; user
 * pages are pinned by get_user_pages before they are mapped). ukmem's vmalloc and
 * balloon pages are movable (mm/migrate.c), so a streaming mapping takes a reference on
 * each movable page it covers -- migration moves only a page whose reference count is
 * exactly its owner's, so the page and its bus address stay put -- and unmapping drops
 * it. A page caught in the middle of a move (its count frozen at 0) is mapped without a
 * pin: the driver looked it up before the move, as a driver racing page reclaim would.
 * Invariants: a record exists for each (device, bus address) mapping that pinned at
 * least one page, holding exactly the pages it pinned, each with one reference of its
 * own; records change only under pin_lock; references are taken and dropped outside it. */
#include <stdlib.h>
#include <string.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include "kernel/dma/pin.h"

#define PIN_HASH_SIZE	256

struct dma_pin {
	struct list_head list;
	struct device *dev;
	dma_addr_t addr;
	size_t size;
	unsigned long nr;
	struct page *pages[];
};

static struct list_head pin_hash[PIN_HASH_SIZE];
static DEFINE_SPINLOCK(pin_lock);

static struct list_head *pin_bucket(struct device *dev, dma_addr_t addr)
{
	unsigned long key = (unsigned long)dev ^ (unsigned long)(addr >> PAGE_SHIFT) * 0x9e37UL;
	struct list_head *head = &pin_hash[key % PIN_HASH_SIZE];

	if (!head->next)	/* static storage: made a list on first use, under pin_lock */
		INIT_LIST_HEAD(head);
	return head;
}

/* The movable pages of the range with a reference taken on each; returns how many. */
static unsigned long pin_pages(phys_addr_t phys, size_t size, struct page **pages)
{
	unsigned long nr = 0;

	for (unsigned long pfn = PHYS_PFN(phys); pfn <= PHYS_PFN(phys + size - 1); pfn++) {
		struct page *page;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (__PageMovable(page) && get_page_unless_zero(page))
			pages[nr++] = page;
	}
	return nr;
}

/**
 * dma_pin_range - holds the movable pages of a new streaming mapping in place
 * @dev: the device the range is mapped for
 * @addr: the bus address the mapping returns
 * @phys: the range's physical address
 * @size: its length in bytes (> 0)
 *
 * Context: any (a spinlock and a host allocation, no sleep).
 * Return: true, or false if the record could not be allocated (nothing is pinned and
 * the caller fails the mapping).
 */
bool dma_pin_range(struct device *dev, dma_addr_t addr, phys_addr_t phys, size_t size)
{
	unsigned long span = PHYS_PFN(phys + size - 1) - PHYS_PFN(phys) + 1;
	struct page *stack[8], **pages = stack;
	struct dma_pin *pin;
	unsigned long nr, flags;

	if (!size)
		return true;
	if (span > ARRAY_SIZE(stack)) {
		pages = malloc(span * sizeof(*pages));
		if (!pages)
			return false;
	}
	nr = pin_pages(phys, size, pages);
	if (!nr)
		goto out;
	pin = malloc(sizeof(*pin) + nr * sizeof(pin->pages[0]));
	if (!pin) {
		while (nr)
			put_page(pages[--nr]);
		if (pages != stack)
			free(pages);
		return false;
	}
	pin->dev = dev;
	pin->addr = addr;
	pin->size = size;
	pin->nr = nr;
	memcpy(pin->pages, pages, nr * sizeof(pages[0]));
	spin_lock_irqsave(&pin_lock, flags);
	list_add(&pin->list, pin_bucket(dev, addr));
	spin_unlock_irqrestore(&pin_lock, flags);
out:
	if (pages != stack)
		free(pages);
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
	struct list_head *head;
	unsigned long flags;

	spin_lock_irqsave(&pin_lock, flags);
	head = pin_bucket(dev, addr);
	list_for_each_entry(pin, head, list) {
		if (pin->dev != dev || pin->addr != addr)
			continue;
		found = pin;
		if (pin->size == size)
			break;
	}
	if (found)
		list_del(&found->list);
	spin_unlock_irqrestore(&pin_lock, flags);
	if (!found)
		return;
	for (unsigned long i = 0; i < found->nr; i++)
		put_page(found->pages[i]);
	free(found);
}
