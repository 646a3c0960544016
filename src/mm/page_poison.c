// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/page_poison.c: page poisoning (page_poison=1). Every page freed to the buddy
 * allocator is filled with PAGE_POISON; when it is allocated again each page is checked,
 * and a write after free is reported as the kernel does ("pagealloc: memory corruption",
 * or "single bit error" for one flipped bit, the damaged bytes as a hex dump, the stack
 * and the page). Pages that read as all zeroes are accepted: memory the host never gave
 * (the machine's untouched RAM) or took back (free page reporting punches holes) reads
 * as zeroes, so a free page overwritten entirely with zeroes goes unnoticed. */
#include <errno.h>
#include <string.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/ratelimit.h>
#include <linux/string.h>
#include "debug/track.h"
#include "kernel/params.h"
#include "mm/page_poison.h"

bool page_poisoning_enabled;

static int set_page_poison(const char *v)
{
	return params_bool(v, &page_poisoning_enabled) ? 0 : -EINVAL;
}
UKMEM_SETUP("page_poison=", set_page_poison, "0");

void __kernel_poison_pages(struct page *page, int numpages)
{
	memset(page_address(page), PAGE_POISON, (size_t)numpages << PAGE_SHIFT);
}

static bool single_bit_flip(unsigned char a, unsigned char b)
{
	unsigned char error = a ^ b;

	return error && !(error & (error - 1));
}

static bool all_zero(const unsigned char *mem, size_t bytes)
{
	return !memchr_inv(mem, 0, bytes);
}

static void check_poison_mem(struct page *page, unsigned char *mem, size_t bytes)
{
	static DEFINE_RATELIMIT_STATE(ratelimit, 5 * HZ, 10);
	unsigned char *start = memchr_inv(mem, PAGE_POISON, bytes), *end;

	if (!start || all_zero(mem, bytes))
		return;
	for (end = mem + bytes - 1; end > start && *end == PAGE_POISON; end--)
		;
	if (!__ratelimit(&ratelimit))
		return;
	if (start == end && single_bit_flip(*start, PAGE_POISON))
		pr_err("pagealloc: single bit error\n");
	else
		pr_err("pagealloc: memory corruption\n");
	print_hex_dump(KERN_ERR, "", DUMP_PREFIX_ADDRESS, 16, 1, start,
		       (size_t)(end - start + 1), true);
	dump_stack();
	dump_page(page, "pagealloc: corrupted page details");
}

void __kernel_unpoison_pages(struct page *page, int numpages)
{
	for (int i = 0; i < numpages; i++)
		check_poison_mem(page + i, page_address(page + i), PAGE_SIZE);
}
