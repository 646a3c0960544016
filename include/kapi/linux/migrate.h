/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/migrate.h: moving pages (implemented in src/mm/migrate.c). ukmem keeps no LRU:
 * every movable page is a "non-LRU movable" page whose owner registered
 * movable_operations with __SetPageMovable(), as zsmalloc and balloon drivers do in
 * Linux. vmalloc's pages (and so the malloc preload's large blocks) are movable that
 * way: migrating one copies it and retargets the area's mapping. */
#ifndef UKMEM_LINUX_MIGRATE_H
#define UKMEM_LINUX_MIGRATE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/mm.h>
#include <linux/migrate_mode.h>

typedef struct page *new_page_t(struct page *page, unsigned long private);
typedef void free_page_t(struct page *page, unsigned long private);

#define MIGRATEPAGE_SUCCESS		0
#define MIGRATEPAGE_UNMAP		1

/* The owner's side of a movable page. isolate_page (page locked, a reference held)
 * says whether the page may be taken now; migrate_page moves src's contents and the
 * owner's use to dst and returns MIGRATEPAGE_SUCCESS (the owner then holds a reference
 * it took to dst and has dropped its reference to src) or -EAGAIN/-EBUSY; putback_page gives back a page that
 * was isolated but not moved. */
struct movable_operations {
	bool (*isolate_page)(struct page *, isolate_mode_t);
	int (*migrate_page)(struct page *dst, struct page *src, enum migrate_mode);
	void (*putback_page)(struct page *);
};

extern const char *migrate_reason_names[MR_TYPES];

void __SetPageMovable(struct page *page, const struct movable_operations *ops);
void __ClearPageMovable(struct page *page);
bool PageMovable(struct page *page);
static inline const struct movable_operations *page_movable_ops(struct page *page)
{
	return (const struct movable_operations *)
		((unsigned long)page->mapping - PAGE_MAPPING_MOVABLE);
}

int isolate_movable_page(struct page *page, isolate_mode_t mode);
void putback_movable_pages(struct list_head *l);
int migrate_pages(struct list_head *l, new_page_t new, free_page_t free, unsigned long private,
		  enum migrate_mode mode, int reason, unsigned int *ret_succeeded);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/migrate.h> brings with it, once this header is complete. */
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
