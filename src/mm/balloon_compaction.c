// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/balloon_compaction.c: the pages of a memory balloon driver, kept movable so that
 * compaction can move them (Linux 6.1's balloon compaction). A balloon's pages are on
 * its list while inflated; a migration takes a page off the list (isolate) and either
 * gives it back (putback) or lets the driver's migratepage put the new page in its place.
 * Invariant: under pages_lock, every page of the balloon is on b->pages or counted in
 * b->isolated_pages, never both. Counts balloon_inflate, balloon_deflate (and the
 * driver's migratepage counts balloon_migrate). */
#include <linux/balloon_compaction.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include "mm/internal.h"

/**
 * balloon_page_alloc - a page for a balloon to inflate with
 *
 * Context: may sleep a little (it does not reclaim hard: __GFP_NORETRY).
 * Return: a movable order-0 page, or NULL.
 */
struct page *balloon_page_alloc(void)
{
	return alloc_page(balloon_mapping_gfp_mask() | __GFP_NOMEMALLOC | __GFP_NORETRY |
			  __GFP_NOWARN);
}
EXPORT_SYMBOL_GPL(balloon_page_alloc);

static void balloon_page_enqueue_one(struct balloon_dev_info *b, struct page *page)
{
	/* the page is new to everyone: its lock is free */
	WARN_ON_ONCE(!trylock_page(page));
	balloon_page_insert(b, page);
	unlock_page(page);
	__count_vm_event(BALLOON_INFLATE);
}

/**
 * balloon_page_enqueue - inflates the balloon by one page
 * @b_dev_info: the balloon
 * @page: a page from balloon_page_alloc()
 *
 * Context: any; takes pages_lock.
 */
void balloon_page_enqueue(struct balloon_dev_info *b_dev_info, struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	balloon_page_enqueue_one(b_dev_info, page);
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
}
EXPORT_SYMBOL_GPL(balloon_page_enqueue);

/**
 * balloon_page_list_enqueue - inflates the balloon by the pages of a list
 * @b_dev_info: the balloon
 * @pages: pages from balloon_page_alloc(), linked by lru; the list is emptied
 *
 * Context: any; takes pages_lock. Return: the pages enqueued.
 */
size_t balloon_page_list_enqueue(struct balloon_dev_info *b_dev_info, struct list_head *pages)
{
	struct page *page, *next;
	unsigned long flags;
	size_t n = 0;

	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	list_for_each_entry_safe(page, next, pages, lru) {
		list_del(&page->lru);
		balloon_page_enqueue_one(b_dev_info, page);
		n++;
	}
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
	return n;
}
EXPORT_SYMBOL_GPL(balloon_page_list_enqueue);

/**
 * balloon_page_list_dequeue - deflates the balloon by up to n_req_pages pages
 * @b_dev_info: the balloon
 * @pages: the pages taken are added to it (the driver frees them)
 * @n_req_pages: how many at most
 *
 * Pages a migration holds, or whose lock is taken, are left for later.
 * Context: any; takes pages_lock. Return: the pages taken.
 */
size_t balloon_page_list_dequeue(struct balloon_dev_info *b_dev_info, struct list_head *pages,
				 size_t n_req_pages)
{
	struct page *page, *next;
	unsigned long flags;
	size_t n = 0;

	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	list_for_each_entry_safe(page, next, &b_dev_info->pages, lru) {
		if (n == n_req_pages)
			break;
		if (!trylock_page(page))
			continue;
		if (PageIsolated(page)) {
			unlock_page(page);
			continue;
		}
		balloon_page_delete(page);
		__count_vm_event(BALLOON_DEFLATE);
		list_add(&page->lru, pages);
		unlock_page(page);
		n++;
	}
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
	return n;
}
EXPORT_SYMBOL_GPL(balloon_page_list_dequeue);

/**
 * balloon_page_dequeue - deflates the balloon by one page
 * @b_dev_info: the balloon
 *
 * Context: any. Return: the page (the driver frees it), or NULL when none can be had
 * now; an empty balloon with no page under migration is a driver bug (WARN).
 */
struct page *balloon_page_dequeue(struct balloon_dev_info *b_dev_info)
{
	unsigned long flags;
	LIST_HEAD(pages);

	if (balloon_page_list_dequeue(b_dev_info, &pages, 1) == 1)
		return balloon_page_pop(&pages);
	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	WARN(list_empty(&b_dev_info->pages) && !b_dev_info->isolated_pages,
	     "balloon page list is empty and no page is isolated\n");
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
	return NULL;
}
EXPORT_SYMBOL_GPL(balloon_page_dequeue);

static bool balloon_page_isolate(struct page *page, isolate_mode_t mode)
{
	struct balloon_dev_info *b = balloon_page_device(page);
	unsigned long flags;

	spin_lock_irqsave(&b->pages_lock, flags);
	list_del(&page->lru);
	b->isolated_pages++;
	spin_unlock_irqrestore(&b->pages_lock, flags);
	return true;
}

static void balloon_page_putback(struct page *page)
{
	struct balloon_dev_info *b = balloon_page_device(page);
	unsigned long flags;

	spin_lock_irqsave(&b->pages_lock, flags);
	list_add(&page->lru, &b->pages);
	b->isolated_pages--;
	spin_unlock_irqrestore(&b->pages_lock, flags);
}

static int balloon_page_migrate(struct page *newpage, struct page *page, enum migrate_mode mode)
{
	struct balloon_dev_info *b = balloon_page_device(page);

	if (WARN_ON_ONCE(!PageLocked(page) || !PageLocked(newpage)))
		return -EAGAIN;
	return b->migratepage ? b->migratepage(b, newpage, page, mode) : -EAGAIN;
}

const struct movable_operations balloon_mops = {
	.isolate_page = balloon_page_isolate,
	.migrate_page = balloon_page_migrate,
	.putback_page = balloon_page_putback,
};
EXPORT_SYMBOL_GPL(balloon_mops);
