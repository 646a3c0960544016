// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/helpers/hog.c: see hog.h. */
#include <stdlib.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "hog.h"

void hog_fill(struct hog *hog)
{
	struct page *page;

	hog->nr = 0;
	hog->cap = totalram_pages();
	hog->pages = calloc(hog->cap, sizeof(*hog->pages));
	while (hog->nr < hog->cap &&
	       (page = alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)))
		hog->pages[hog->nr++] = page;
}

struct page *hog_release_one(struct hog *hog)
{
	struct page *page = hog->nr ? hog->pages[--hog->nr] : NULL;

	if (page)
		__free_pages(page, 0);
	return page;
}

void hog_release_all(struct hog *hog)
{
	while (hog->nr)
		hog_release_one(hog);
	free(hog->pages);
	hog->pages = NULL;
}
