/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/page_poison.h: page_poison=1 -- freed pages are filled with PAGE_POISON and checked
 * when they are allocated again. Off by default, as in a distribution kernel; when off,
 * the page allocator tests one byte. */
#ifndef UKMEM_MM_PAGE_POISON_H
#define UKMEM_MM_PAGE_POISON_H

#include <linux/compiler.h>
#include <linux/types.h>

struct page;

#define PAGE_POISON 0xaa

extern bool page_poisoning_enabled;

void __kernel_poison_pages(struct page *page, int numpages);
void __kernel_unpoison_pages(struct page *page, int numpages);

static inline void kernel_poison_pages(struct page *page, int numpages)
{
	if (unlikely(page_poisoning_enabled))
		__kernel_poison_pages(page, numpages);
}
static inline void kernel_unpoison_pages(struct page *page, int numpages)
{
	if (unlikely(page_poisoning_enabled))
		__kernel_unpoison_pages(page, numpages);
}

#endif
