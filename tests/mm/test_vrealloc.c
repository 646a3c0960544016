// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/mm/test_vrealloc.c: vrealloc() grows an area by moving its pages into a larger
 * one: the contents stay, the old pages are the new area's first pages (nothing was
 * copied), memory is not held twice, and the old address is gone. */
#include <criterion/criterion.h>
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include "kmsg.h"

Test(vrealloc, grows_by_moving_pages)
{
	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	size_t old_size = 3 << 20, new_size = 9 << 20;
	unsigned char *p = vmalloc(old_size), *q;
	struct page *first;
	unsigned long free_before;

	cr_assert_not_null(p);
	for (size_t i = 0; i < old_size; i++)
		p[i] = (unsigned char)(i * 7 + 1);
	first = vmalloc_to_page(p);
	free_before = free_pages_now();

	q = vrealloc(p, new_size, GFP_KERNEL);
	cr_assert_not_null(q);
	cr_expect_eq(vmalloc_to_page(q), first, "the first page moved along");
	for (size_t i = 0; i < old_size; i++)
		cr_assert_eq(q[i], (unsigned char)(i * 7 + 1), "byte %zu", i);
	memset(q + old_size, 0xee, new_size - old_size);
	/* exactly the added pages were taken (the page array and area may cost a few) */
	long taken = (long)free_before - (long)free_pages_now();
	cr_expect_geq(taken, (long)((new_size - old_size) >> PAGE_SHIFT));
	cr_expect_lt(taken, (long)((new_size - old_size) >> PAGE_SHIFT) + 16,
		     "%ld pages taken: the old pages were not reused", taken);
	cr_expect_null(find_vm_area(p), "the old area is gone");
	cr_expect_eq(vrealloc(q, 4096, GFP_KERNEL), q, "shrinking keeps the area");
	vfree(q);
	cr_expect_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(vrealloc, null_zero_and_bad_pointers)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	char *p = vrealloc(NULL, 10000, GFP_KERNEL | __GFP_ZERO);
	char local;

	cr_assert_not_null(p);
	cr_expect_eq(p[9999], 0);
	p = vrealloc(p, 20000, GFP_KERNEL | __GFP_ZERO);
	cr_expect_eq(p[19999], 0, "__GFP_ZERO zeroes the added part");
	cr_expect_null(vrealloc(p, 0, GFP_KERNEL), "size 0 frees");
	cr_expect_null(vrealloc(&local, 100, GFP_KERNEL));
	cr_expect(kmsg_contains("Trying to vrealloc() nonexistent vm area"));
	ukmem_shutdown();
}
