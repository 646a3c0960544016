// SPDX-License-Identifier: LGPL-2.1-or-later
/* Misuse of the page allocator is reported as the kernel reports it, the bad page is
 * left out of use, and the allocator stays consistent: afterwards every page can be
 * allocated exactly once and the free counts add up. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include "kmsg.h"

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

/* Takes every free page, checks none is handed out twice or overlaps `avoid`, gives
 * them back; returns how many there were. */
static size_t allocate_everything(unsigned long avoid_lo, unsigned long avoid_hi)
{
	size_t cap = 1 << 16, n = 0;
	unsigned long *pages = malloc(cap * sizeof(*pages)), addr;

	/* An atomic allocation does not drain other CPUs' lists; do it when one runs dry. */
	while ((addr = __get_free_page(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN)) ||
	       (drain_all_pages(NULL), addr = __get_free_page(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN))) {
		cr_assert_lt(n, cap);
		cr_assert(addr < avoid_lo || addr >= avoid_hi, "a page in use was handed out");
		*(unsigned long *)addr = ~addr;
		pages[n++] = addr;
	}
	qsort(pages, n, sizeof(*pages), cmp_ulong);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(*(unsigned long *)pages[i], ~pages[i]);
		cr_assert(i == 0 || pages[i] != pages[i - 1], "page handed out twice");
	}
	for (size_t i = 0; i < n; i++)
		free_page(pages[i]);
	free(pages);
	return n;
}

Test(page_misuse, double_free_is_reported_and_harmless)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	unsigned long before = free_pages_now();
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);
	struct page *page = virt_to_page(addr);

	free_pages(addr, 2);
	cr_assert_eq(ukmem_report_count(), 0);
	free_pages(addr, 2);
	cr_assert_eq(ukmem_report_count(), 1);
	char head[96];
	snprintf(head, sizeof(head), "BUG: Bad page state in process %s  pfn:%05lx",
		 current->comm, page_to_pfn(page));
	cr_assert(kmsg_contains(head), "%s", head);
	cr_assert(kmsg_contains("refcount:0 mapcount:0 mapping:0000000000000000 index:0x0"));
	cr_assert(kmsg_contains("page dumped because: VM_BUG_ON_PAGE(page_ref_count(page) == 0)"));
	cr_assert(kmsg_contains("flags: 0x"));
	cr_assert(kmsg_contains("raw: "));
	cr_assert(kmsg_contains("Modules linked in:"));
	cr_assert(kmsg_contains("Comm: mm_test_page_mi Not tainted 6.1.0-ukmem #1"),
		  "the first report is printed before the taint is added");
	dump_stack();
	cr_assert(kmsg_contains("Tainted: G    B    "));
	cr_assert_eq(free_pages_now(), before);
	cr_assert_eq(allocate_everything(0, 0), before);
	ukmem_shutdown();
}

Test(page_misuse, wrong_order_is_reported_and_block_kept)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	unsigned long before = free_pages_now();
	unsigned long addr = __get_free_pages(GFP_KERNEL, 1);

	memset((void *)addr, 0x77, 2 * PAGE_SIZE);
	free_pages(addr, 3);		/* would free 6 pages that are not its own */
	cr_assert(kmsg_contains("page dumped because: freed with order 3, allocated with order 1"));
	cr_assert_eq(free_pages_now(), before - 2, "the bad block stays out of use");
	allocate_everything(addr, addr + 2 * PAGE_SIZE);
	cr_assert_eq(((unsigned char *)addr)[2 * PAGE_SIZE - 1], 0x77, "nothing overwrote it");
	ukmem_shutdown();
}

Test(page_misuse, freeing_a_page_inside_a_block)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);
	unsigned long before = free_pages_now();

	free_page(addr + PAGE_SIZE);
	cr_assert(kmsg_contains("BUG: Bad page state"));
	cr_assert_eq(free_pages_now(), before);
	free_pages(addr, 2);		/* the rightful free still works */
	cr_assert_eq(free_pages_now(), before + 4);
	ukmem_shutdown();
}

Test(page_misuse, reserved_page_and_foreign_address)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	unsigned long before = free_pages_now();
	struct page *zero = pfn_to_page(0);

	__free_pages(zero, 0);
	cr_assert(kmsg_contains("page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set"));
	cr_assert(kmsg_contains("reserved"));
	int local;
	free_pages((unsigned long)&local, 0);
	cr_assert(kmsg_contains("------------[ cut here ]------------"));
	cr_assert(kmsg_contains("free_pages: 0x"));
	cr_assert(kmsg_contains("is not an address of the direct map"));
	cr_assert(kmsg_contains("WARNING: CPU: "));
	cr_assert(kmsg_contains("---[ end trace 0000000000000000 ]---"));
	cr_assert_eq(free_pages_now(), before);
	cr_assert_eq(allocate_everything(0, 0), before);
	ukmem_shutdown();
}

Test(page_misuse, put_page_below_zero)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long before;

	put_page(page);
	before = free_pages_now();
	put_page(page);
	cr_assert(kmsg_contains("VM_BUG_ON_PAGE(page_ref_count(page) == 0)"));
	cr_assert_eq(page_ref_count(page), 0);
	cr_assert_eq(free_pages_now(), before);
	ukmem_shutdown();
}

Test(page_misuse, panic_on_warn_aborts, .signal = SIGABRT)
{
	cr_assert_eq(ukmem_boot("mem=32M panic_on_warn=1"), 0);
	unsigned long addr = __get_free_page(GFP_KERNEL);

	free_page(addr);
	free_page(addr);
}

Test(page_misuse, bug_aborts_with_the_kernel_text, .signal = SIGABRT)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	BUG_ON(max_pfn != 0);
}

Test(page_misuse, warn_on_continues)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	int fired = WARN_ON(max_pfn > 0);
	cr_assert(fired);
	cr_assert(kmsg_contains("WARNING: CPU: "));
	cr_assert(kmsg_contains("test_page_misuse.c:"));
	cr_assert(kmsg_contains("Call Trace:"));
	dump_stack();
	cr_assert(kmsg_contains("Tainted: G        W   "));
	cr_assert_eq(WARN_ON_ONCE(0), 0);
	ukmem_shutdown();
}
