// SPDX-License-Identifier: LGPL-2.1-or-later
/* The buddy allocator: addresses, zones, flags, compound pages, exhaustion, watermarks,
 * the failure report, returning memory to the host. */
#include <criterion/criterion.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <time.h>
#include "kmsg.h"
#include "mm/internal.h"

Test(page_alloc, addresses_round_trip)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct page *page = alloc_pages(GFP_KERNEL, 3);
	cr_assert(page);
	unsigned long pfn = page_to_pfn(page);
	char *va = page_address(page);
	cr_assert_eq(pfn_to_page(pfn), page);
	cr_assert_eq(virt_to_page(va), page);
	cr_assert_eq(virt_to_phys(va), PFN_PHYS(pfn));
	cr_assert_eq(phys_to_virt(PFN_PHYS(pfn)), va);
	cr_assert_eq(__va(__pa(va + 100)), va + 100);
	cr_assert_eq(pfn & 7, 0, "an order-3 block is aligned to 8 pages");
	cr_assert(pfn_valid(pfn));
	cr_assert_eq(page_count(page), 1);
	for (int i = 0; i < 8; i++)	/* physically contiguous by construction */
		cr_assert_eq(virt_to_phys(va + i * PAGE_SIZE), PFN_PHYS(pfn) + i * PAGE_SIZE);
	memset(va, 0xab, 8 * PAGE_SIZE);
	__free_pages(page, 3);
	ukmem_shutdown();
}

Test(page_alloc, free_counts_return_to_boot_values)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	unsigned long boot_free = free_pages_now();
	unsigned long addr[64];
	for (int i = 0; i < 64; i++) {
		addr[i] = __get_free_pages(GFP_KERNEL, (unsigned int)(i % 11));
		cr_assert_neq(addr[i], 0);
	}
	cr_assert_lt(free_pages_now(), boot_free);
	for (int i = 0; i < 64; i++)
		free_pages(addr[i], (unsigned int)(i % 11));
	cr_assert_eq(free_pages_now(), boot_free);
	ukmem_shutdown();
}

Test(page_alloc, zone_modifiers)
{
	cr_assert_eq(ukmem_boot("mem=5G"), 0);
	struct page *dma = alloc_pages(GFP_DMA, 0);
	struct page *dma32 = alloc_pages(GFP_DMA32, 0);
	struct page *normal = alloc_pages(GFP_KERNEL, 0);
	cr_assert(dma && dma32 && normal);
	cr_assert_lt(page_to_phys(dma), 16UL << 20);
	cr_assert_eq(page_zonenum(dma), ZONE_DMA);
	cr_assert_lt(page_to_phys(dma32), 4UL << 30);
	cr_assert_eq(page_zonenum(dma32), ZONE_DMA32);
	cr_assert_eq(page_zonenum(normal), ZONE_NORMAL);
	cr_assert_str_eq(page_zone(dma32)->name, "DMA32");
	__free_pages(dma, 0);
	__free_pages(dma32, 0);
	__free_pages(normal, 0);
	ukmem_shutdown();
}

Test(page_alloc, zero_and_exact_and_compound)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	/* Dirty a page, free it, and ask for zeroed pages until we get it back. */
	unsigned long dirty = __get_free_page(GFP_KERNEL);
	memset((void *)dirty, 0xff, PAGE_SIZE);
	free_page(dirty);
	unsigned long z = get_zeroed_page(GFP_KERNEL);
	cr_assert_eq(z, dirty, "the per-CPU list hands back the page just freed");
	for (size_t i = 0; i < PAGE_SIZE; i++)
		cr_assert_eq(((unsigned char *)z)[i], 0);
	free_page(z);

	void *exact = alloc_pages_exact(5 * PAGE_SIZE, GFP_KERNEL);
	cr_assert(exact);
	memset(exact, 1, 5 * PAGE_SIZE);
	free_pages_exact(exact, 5 * PAGE_SIZE);

	struct page *head = alloc_pages(GFP_KERNEL | __GFP_COMP, 4);
	cr_assert(head);
	cr_assert(PageHead(head) && PageCompound(head) && !PageTail(head));
	cr_assert(PageTail(head + 5) && PageCompound(head + 5));
	cr_assert_eq(compound_head(head + 15), head);
	cr_assert_eq(compound_order(head), 4);
	cr_assert_eq(page_size(head), 16 * PAGE_SIZE);
	get_page(head + 3);		/* a tail reference counts on the head */
	cr_assert_eq(page_count(head), 2);
	put_page(head + 3);
	cr_assert_eq(page_count(head), 1);
	__free_pages(head, 4);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(page_alloc, get_page_keeps_block_alive)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct page *page = alloc_page(GFP_KERNEL);
	get_page(page);
	__free_pages(page, 0);
	cr_assert_eq(page_count(page), 1);
	cr_assert(!PageBuddy(page));
	put_page(page);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

static int cmp_ptr(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

Test(page_alloc, exhaustion_hands_out_each_page_once)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	size_t cap = 16384, n = 0;
	unsigned long *pages = malloc(cap * sizeof(*pages));
	unsigned long addr, boot_free;

	boot_free = settled_free_pages();	/* from then on it must come back exactly */
	while ((addr = __get_free_page(GFP_KERNEL | __GFP_NOWARN))) {
		*(unsigned long *)addr = addr;	/* every page remembers who it is */
		pages[n++] = addr;
	}
	cr_assert_gt(n, boot_free * 9 / 10, "got %zu of %lu", n, boot_free);
	qsort(pages, n, sizeof(*pages), cmp_ptr);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(*(unsigned long *)pages[i], pages[i]);
		if (i)
			cr_assert_neq(pages[i], pages[i - 1]);
	}
	/* GFP_ATOMIC may dip below the min watermark that stopped GFP_KERNEL. */
	unsigned long reserve = __get_free_page(GFP_ATOMIC | __GFP_NOWARN);
	cr_assert_neq(reserve, 0);
	free_page(reserve);
	for (size_t i = 0; i < n; i++)
		free_page(pages[i]);
	cr_assert_eq(free_pages_now(), boot_free, "%lu free, %lu before", free_pages_now(),
		     boot_free);
	free(pages);
	ukmem_shutdown();
}

Test(page_alloc, failure_report)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	unsigned long got[64];
	int n = 0;

	while (n < 64 && (got[n] = __get_free_pages(GFP_KERNEL, 10)))
		n++;
	cr_assert_lt(n, 64);
	cr_assert(kmsg_contains(": page allocation failure: order:10, mode:0xcc0(GFP_KERNEL), "
				"nodemask=(null),cpuset=/,mems_allowed=0"));
	cr_assert(kmsg_contains("Call Trace:"));
	cr_assert(kmsg_contains("Mem-Info:"));
	cr_assert(kmsg_contains("DMA32 free:"));
	cr_assert(kmsg_contains("lowmem_reserve[]: 0 "));
	cr_assert(kmsg_contains("*4kB "));
	cr_assert(kmsg_contains("pages RAM"));
	/* __GFP_NOWARN stays quiet */
	size_t reports = ukmem_report_count();
	cr_assert_eq(__get_free_pages(GFP_KERNEL | __GFP_NOWARN, 10), 0);
	cr_assert_eq(ukmem_report_count(), reports);
	while (n--)
		free_pages(got[n], 10);
	ukmem_shutdown();
}

/* A test of its own: warn_alloc reports one failure per 10 s (the first test's). */
Test(page_alloc, failure_report_names_the_mode)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	unsigned long got[64];
	int n = 0;
	char mode[64];

	while (n < 64 && (got[n] = __get_free_pages(GFP_KERNEL | __GFP_NOWARN, 10)))
		n++;
	cr_assert_eq(__get_free_pages(GFP_ATOMIC | __GFP_ZERO | __GFP_COMP, 10), 0);
	snprintf(mode, sizeof(mode), "mode:%#x(GFP_ATOMIC|__GFP_COMP|__GFP_ZERO)",
		 GFP_ATOMIC | __GFP_ZERO | __GFP_COMP);
	cr_assert(kmsg_contains(mode), "%s", mode);
	while (n--)
		free_pages(got[n], 10);
	ukmem_shutdown();
}

static long rss_kb(void)
{
	long total, rss;
	FILE *f = fopen("/proc/self/statm", "r");
	cr_assert_eq(fscanf(f, "%ld %ld", &total, &rss), 2);
	fclose(f);
	return rss * 4;
}

/* Polls the memory file's resident size until it is below limit; false after 60 s
 * (the page reporting worker looks 2 s after a free; a busy machine may be slower). */
static bool resident_falls_below(size_t limit)
{
	for (int i = 0; i < 600; i++) {
		if (ukmem_host_resident_bytes() < limit)
			return true;
		usleep(100 * 1000);
	}
	return false;
}

Test(page_alloc, freed_memory_goes_back_to_the_host)
{
	cr_assert_eq(ukmem_boot("mem=512M"), 0);
	enum { BLOCKS = 64 };		/* 64 x 4 MiB = 256 MiB */
	unsigned long block[BLOCKS];
	size_t file_before = ukmem_host_resident_bytes();

	for (int i = 0; i < BLOCKS; i++) {
		block[i] = __get_free_pages(GFP_KERNEL, 10);
		cr_assert_neq(block[i], 0);
		memset((void *)block[i], 0x11, PAGE_SIZE << 10);
	}
	size_t file_full = ukmem_host_resident_bytes();
	long rss_full = rss_kb();
	cr_assert_geq(file_full - file_before, 256UL << 20);
	for (int i = 0; i < BLOCKS; i++)
		free_pages(block[i], 10);
	cr_assert(resident_falls_below(file_before + (32UL << 20)),
		  "resident %zu MiB after freeing", ukmem_host_resident_bytes() >> 20);
	cr_assert_lt(rss_kb(), rss_full - 200 * 1024);
	/* Memory handed back reads as zeros and is usable again. */
	unsigned long again = __get_free_pages(GFP_KERNEL, 10);
	cr_assert_eq(((unsigned char *)again)[12345], 0);
	free_pages(again, 10);
	ukmem_shutdown();
}

/* Single pages go through the per-CPU lists; once they merge back into blocks of the
 * reporting order, those blocks are given back too (the merged size counts). */
Test(page_alloc, freed_single_pages_go_back_to_the_host)
{
	cr_assert_eq(ukmem_boot("mem=512M"), 0);
	enum { PAGES = 100 << (20 - PAGE_SHIFT) };	/* 100 MiB */
	struct page **pages = calloc(PAGES, sizeof(*pages));
	size_t file_before = ukmem_host_resident_bytes();

	for (int i = 0; i < PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		cr_assert_not_null(pages[i]);
		memset(page_address(pages[i]), 0x22, PAGE_SIZE);
	}
	cr_assert_geq(ukmem_host_resident_bytes() - file_before, 100UL << 20);
	for (int i = 0; i < PAGES; i++)
		__free_page(pages[i]);
	free(pages);
	/* What the per-CPU lists keep is not free in the zone: a few MiB at most. */
	cr_assert(resident_falls_below(file_before + (16UL << 20)),
		  "resident %zu MiB after freeing", ukmem_host_resident_bytes() >> 20);
	ukmem_shutdown();
}

/* A block freed and allocated again at once is not given back and refaulted each time:
 * only blocks that stayed free for a second are reported. Bounded by the loop's own
 * duration, so that a stalled machine cannot fail it. */
Test(page_alloc, reuse_loop_is_not_given_back)
{
	cr_assert_eq(ukmem_boot("mem=512M"), 0);
	long before = atomic_long_read(&nr_pages_reported);
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 2000; i++) {
		void *p = kmalloc((1 << 20) + 1, GFP_KERNEL);

		cr_assert_not_null(p);
		memset(p, 0x33, 4096);
		kfree(p);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long secs = (long)(t1.tv_sec - t0.tv_sec) + 1;
	long reported = atomic_long_read(&nr_pages_reported) - before;

	/* At most one 2 MiB block per second the loop ran could have aged enough. */
	cr_assert_leq(reported, secs * 512, "%ld pages given back in %ld s", reported, secs);
	ukmem_shutdown();
}
