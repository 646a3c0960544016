/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/helpers/hog.h: a memory hog for pressure tests -- takes every page a GFP_KERNEL
 * allocation can get, and gives them back one at a time or all at once. */
#ifndef UKMEM_TEST_HOG_H
#define UKMEM_TEST_HOG_H
#include <stddef.h>
struct page;
struct hog {
	struct page **pages;
	size_t nr, cap;
};
void hog_fill(struct hog *hog);			/* until GFP_KERNEL finds nothing */
struct page *hog_release_one(struct hog *hog);	/* frees one page; returns it */
void hog_release_all(struct hog *hog);
#endif
