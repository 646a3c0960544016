/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/balloon_compaction.h: a memory balloon's pages, movable by compaction (Linux
 * 6.1's API, as virtio_balloon uses it; implemented in src/mm/balloon_compaction.c).
 * The driver keeps its inflated pages on b->pages; compaction may take one (isolate),
 * and b->migratepage moves the driver's use of it to a new page. */
#ifndef UKMEM_LINUX_BALLOON_COMPACTION_H
#define UKMEM_LINUX_BALLOON_COMPACTION_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/page-flags.h>
#include <linux/migrate.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct balloon_dev_info {
	unsigned long isolated_pages;	/* pages taken by a migration */
	spinlock_t pages_lock;		/* guards pages and isolated_pages */
	struct list_head pages;		/* the inflated pages */
	int (*migratepage)(struct balloon_dev_info *, struct page *newpage, struct page *page,
			   enum migrate_mode mode);
};

struct page *balloon_page_alloc(void);
void balloon_page_enqueue(struct balloon_dev_info *b_dev_info, struct page *page);
struct page *balloon_page_dequeue(struct balloon_dev_info *b_dev_info);
size_t balloon_page_list_enqueue(struct balloon_dev_info *b_dev_info, struct list_head *pages);
size_t balloon_page_list_dequeue(struct balloon_dev_info *b_dev_info, struct list_head *pages,
				 size_t n_req_pages);

static inline void balloon_devinfo_init(struct balloon_dev_info *balloon)
{
	balloon->isolated_pages = 0;
	spin_lock_init(&balloon->pages_lock);
	INIT_LIST_HEAD(&balloon->pages);
	balloon->migratepage = NULL;
}

extern const struct movable_operations balloon_mops;

/* pages_lock held: the page becomes the balloon's, movable. */
static inline void balloon_page_insert(struct balloon_dev_info *balloon, struct page *page)
{
	__SetPageOffline(page);
	__SetPageMovable(page, &balloon_mops);
	set_page_private(page, (unsigned long)balloon);
	list_add(&page->lru, &balloon->pages);
}

static inline struct balloon_dev_info *balloon_page_device(struct page *page)
{
	return (struct balloon_dev_info *)page_private(page);
}

static inline gfp_t balloon_mapping_gfp_mask(void)
{
	return GFP_HIGHUSER_MOVABLE;
}

static inline void balloon_page_finalize(struct page *page)
{
	__ClearPageMovable(page);
	set_page_private(page, 0);
	__ClearPageOffline(page);
}

/* pages_lock held: the page leaves the balloon (page locked). */
static inline void balloon_page_delete(struct page *page)
{
	balloon_page_finalize(page);
	if (!PageIsolated(page))
		list_del(&page->lru);
}

static inline void balloon_page_push(struct list_head *pages, struct page *page)
{
	list_add(&page->lru, pages);
}

static inline struct page *balloon_page_pop(struct list_head *pages)
{
	struct page *page = list_first_entry_or_null(pages, struct page, lru);

	if (!page)
		return NULL;
	list_del(&page->lru);
	return page;
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/balloon_compaction.h> brings with it, once this header is complete. */
#include <linux/interrupt.h>
#include <linux/ioport.h>
#include <linux/kernfs.h>
#include <linux/kmsan.h>
#include <linux/kthread.h>
#include <linux/linkage.h>
#include <linux/pgtable.h>
#include <linux/seq_file.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/sysctl.h>
#include <linux/vmstat.h>
#endif
#endif
