// SPDX-License-Identifier: LGPL-2.1-or-later
/* page_poison=1: a write to a freed page is reported when the page is allocated again,
 * in the kernel's words ("pagealloc: memory corruption" or "single bit error", the damaged
 * bytes as a hex dump with addresses, the page); the page is still handed out and the
 * allocator stays consistent. Off by default. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "kmsg.h"

/* Writes into a page the program no longer owns, past ASan's poisoning of free pages. */
__attribute__((no_sanitize_address)) static void write_after_free(unsigned char *p,
								   const char *bytes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		((volatile unsigned char *)p)[i] = (unsigned char)bytes[i];
}

__attribute__((no_sanitize_address)) static unsigned char read_after_free(const unsigned char *p)
{
	return *(const volatile unsigned char *)p;
}

/* Allocates order-0 pages until the given page comes back (the per-CPU list hands out
 * the page freed last, unless the thread moved to another CPU); frees the others. */
static bool allocate_again(struct page *want)
{
	struct page *held[256];
	int n = 0;
	bool found = false;

	while (n < 256 && !found) {
		held[n] = alloc_page(GFP_KERNEL);
		cr_assert_not_null(held[n]);
		found = held[n++] == want;
	}
	for (int i = 0; i < n - (found ? 1 : 0); i++)
		__free_page(held[i]);
	return found;
}

static void corrupt_freed_page(const char *bytes, size_t n, size_t offset)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned char *addr = page_address(page);
	char line[128];

	cr_assert_not_null(page);
	__free_page(page);
	cr_assert_eq(read_after_free(addr + offset + n), 0xaa, "a freed page holds PAGE_POISON");
	write_after_free(addr + offset, bytes, n);
	cr_assert(allocate_again(page));
	snprintf(line, sizeof(line), "%016lx: ", (unsigned long)(addr + offset));
	cr_expect(kmsg_contains(line), "the hex dump starts at the first damaged byte");
	cr_expect(kmsg_contains("pagealloc: corrupted page details"));
	memset(addr, 0x5c, PAGE_SIZE);		/* the page is ours again and usable */
	__free_page(page);
}

Test(page_poison, write_after_free_is_reported)
{
	unsigned long free0;

	cr_assert_eq(ukmem_boot("mem=64M page_poison=1"), 0);
	free0 = free_pages_now();
	corrupt_freed_page("use after free", 14, 100);
	cr_expect(kmsg_contains("pagealloc: memory corruption"));
	cr_expect(kmsg_contains(": 75 73 65 20 61 66 74 65 72 20 66 72 65 65        use after free"));
	cr_expect(kmsg_contains("Call Trace:"));
	cr_expect_eq(free_pages_now(), free0);
	ukmem_shutdown();
}

Test(page_poison, one_flipped_bit)
{
	cr_assert_eq(ukmem_boot("mem=64M page_poison=1"), 0);
	corrupt_freed_page("\xab", 1, 4000);
	cr_expect(kmsg_contains("pagealloc: single bit error"));
	cr_expect(!kmsg_contains("pagealloc: memory corruption"));
	cr_expect(kmsg_contains(": ab                                               ."));
	ukmem_shutdown();
}

Test(page_poison, clean_pages_are_quiet)
{
	cr_assert_eq(ukmem_boot("mem=64M page_poison=1"), 0);
	for (int i = 0; i < 100; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, (unsigned int)(i % 4));

		cr_assert_not_null(p);
		memset(page_address(p), i, PAGE_SIZE << (i % 4));
		__free_pages(p, (unsigned int)(i % 4));
	}
	cr_expect(!kmsg_contains("pagealloc:"));
	ukmem_shutdown();
}

Test(page_poison, off_by_default)
{
	struct page *page;
	unsigned char *addr;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	page = alloc_page(GFP_KERNEL);
	addr = page_address(page);
	memset(addr, 0x11, PAGE_SIZE);
	__free_page(page);
	write_after_free(addr, "x", 1);
	cr_assert(allocate_again(page));
	cr_expect_eq(addr[1], 0x11, "freed pages are not poisoned");
	cr_expect(!kmsg_contains("pagealloc:"));
	__free_page(page);
	ukmem_shutdown();
}
