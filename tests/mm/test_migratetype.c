// SPDX-License-Identifier: LGPL-2.1-or-later
/* Migrate types: GFP's mobility bits, pageblocks of each type, 6.1's fallback and
 * stealing rules (checked on every mm_page_alloc_extfrag event), the high-atomic
 * reserve and its merge barrier, /proc/pagetypeinfo against a real 6.1's layout, and
 * free lists that stay consistent under threads. */
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/page-isolation.h>
#include "kmsg.h"
#include "mm/internal.h"

#define REFERENCE_DIR "/work/shared/reference/"

static const gfp_t type_gfp[MIGRATE_PCPTYPES] = {
	[MIGRATE_UNMOVABLE] = GFP_KERNEL,
	[MIGRATE_MOVABLE] = GFP_HIGHUSER_MOVABLE,
	[MIGRATE_RECLAIMABLE] = GFP_KERNEL | __GFP_RECLAIMABLE,
};

static struct zone *dma32(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_DMA32];
}

Test(migratetype, gfp_mobility_bits_choose_the_type)
{
	cr_assert_eq(gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	cr_assert_eq(gfp_migratetype(GFP_ATOMIC), MIGRATE_UNMOVABLE);
	cr_assert_eq(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	cr_assert_eq(gfp_migratetype(GFP_USER | __GFP_MOVABLE), MIGRATE_MOVABLE);
	cr_assert_eq(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
	cr_assert_eq(gfp_migratetype(GFP_NOFS | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
	cr_assert_str_eq(migratetype_names[MIGRATE_HIGHATOMIC], "HighAtomic");
	cr_assert_eq(NR_PCP_LISTS, 12, "three types for each order up to the costly one");
}

/* Counts the extfrag events in text and checks each against 6.1's rules. */
struct extfrag { unsigned long pfn; int alloc_order, fallback_order, pb_order, alloc_mt,
		 fallback_mt, fragmenting, change; };

static int check_extfrag_events(const char *text, int want_alloc_mt)
{
	const char *p = text;
	int n = 0;

	while ((p = strstr(p, "mm_page_alloc_extfrag: "))) {
		struct extfrag e;
		unsigned long page;

		p += strlen("mm_page_alloc_extfrag: ");
		cr_assert_eq(sscanf(p, "page=%lx pfn=0x%lx alloc_order=%d fallback_order=%d "
				    "pageblock_order=%d alloc_migratetype=%d fallback_migratetype=%d "
				    "fragmenting=%d change_ownership=%d", &page, &e.pfn, &e.alloc_order,
				    &e.fallback_order, &e.pb_order, &e.alloc_mt, &e.fallback_mt,
				    &e.fragmenting, &e.change), 9, "%.200s", p);
		cr_assert_eq(e.pb_order, pageblock_order);
		cr_assert_eq(e.fragmenting, e.fallback_order < pageblock_order);
		cr_assert_geq(e.fallback_order, e.alloc_order);
		if (e.alloc_mt != want_alloc_mt)
			continue;
		n++;
		/* 6.1's fallback table */
		if (e.alloc_mt == MIGRATE_UNMOVABLE)
			cr_assert(e.fallback_mt == MIGRATE_RECLAIMABLE || e.fallback_mt == MIGRATE_MOVABLE);
		else if (e.alloc_mt == MIGRATE_MOVABLE)
			cr_assert(e.fallback_mt == MIGRATE_RECLAIMABLE || e.fallback_mt == MIGRATE_UNMOVABLE);
		else
			cr_assert(e.fallback_mt == MIGRATE_UNMOVABLE || e.fallback_mt == MIGRATE_MOVABLE);
		/* Whole pageblocks always change hands; an unmovable request taking from a
		 * movable pageblock claims it (all its pages count as alike or free). */
		if (e.fallback_order >= pageblock_order)
			cr_assert_eq(e.change, 1, "%.200s", p);
		if (e.alloc_mt == MIGRATE_UNMOVABLE && e.fallback_mt == MIGRATE_MOVABLE)
			cr_assert_eq(e.change, 1, "%.200s", p);
		/* A small movable request may not steal: it takes the smallest block and the
		 * pageblock keeps its type. */
		if (e.alloc_mt == MIGRATE_MOVABLE && e.fallback_order < pageblock_order / 2)
			cr_assert_eq(e.change, 0, "%.200s", p);
	}
	return n;
}

static void **take_all(gfp_t gfp, unsigned int order, size_t *count)
{
	size_t cap = 1024, n = 0;
	void **v = malloc(cap * sizeof(*v));
	struct page *page;

	while ((page = alloc_pages(gfp | __GFP_NOWARN | __GFP_NORETRY, order))) {
		if (n == cap)
			v = realloc(v, (cap *= 2) * sizeof(*v));
		v[n++] = page;
	}
	*count = n;
	return v;
}

static void give_back(void **v, size_t n, unsigned int order)
{
	for (size_t i = 0; i < n; i++)
		__free_pages(v[i], order);
	free(v);
}

Test(migratetype, unmovable_requests_steal_by_the_fallback_rules)
{
	cr_assert_eq(ukmem_boot("mem=64M trace_event=kmem:mm_page_alloc_extfrag"), 0);
	unsigned long before[MIGRATE_TYPES], after[MIGRATE_TYPES];
	static struct page *pages[4096];

	unsigned long by_type[MIGRATE_TYPES][MAX_ORDER], free_unmovable = 0;

	drain_all_pages(NULL);
	zone_pageblock_counts(dma32(), before);
	zone_free_counts_by_type(dma32(), by_type);
	for (int o = 0; o < MAX_ORDER; o++)
		free_unmovable += by_type[MIGRATE_UNMOVABLE][o] << o;
	/* 16 MiB of unmovable pages: far more than boot's unmovable pageblocks hold */
	for (int i = 0; i < 4096; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, 0);
		cr_assert(pages[i]);
	}
	zone_pageblock_counts(dma32(), after);
	/* 8 pageblocks' worth, less what the unmovable lists held before */
	cr_assert_geq(after[MIGRATE_UNMOVABLE],
		      before[MIGRATE_UNMOVABLE] + DIV_ROUND_UP(4096 - min(4096UL, free_unmovable),
							    pageblock_nr_pages),
		      "unmovable pages claimed whole pageblocks: %lu -> %lu",
		      before[MIGRATE_UNMOVABLE], after[MIGRATE_UNMOVABLE]);
	char *text = proc_text("/sys/kernel/tracing/trace");
	cr_assert_gt(check_extfrag_events(text, MIGRATE_UNMOVABLE), 0, "%s", text);
	free(text);
	for (int i = 0; i < 4096; i++)
		__free_pages(pages[i], 0);
	ukmem_shutdown();
}

Test(migratetype, movable_requests_take_the_smallest_foreign_block_when_memory_runs_out)
{
	cr_assert_eq(ukmem_boot("mem=64M trace_event=kmem:mm_page_alloc_extfrag"), 0);
	unsigned long free0 = settled_free_pages();
	size_t n;
	void **v = take_all(GFP_HIGHUSER_MOVABLE, 0, &n);

	cr_assert_gt(n, 10000);
	char *text = proc_text("/sys/kernel/tracing/trace");
	cr_assert_gt(check_extfrag_events(text, MIGRATE_MOVABLE), 0,
		     "movable requests filling memory must fall back: %s", text);
	free(text);
	give_back(v, n, 0);
	cr_assert_eq(settled_free_pages(), free0);
	ukmem_shutdown();
}

/* Sums /proc/pagetypeinfo's free counts per order for a zone; false if not found. */
static bool pagetypeinfo_zone(const char *text, const char *zone, unsigned long sum[MAX_ORDER],
			      unsigned long by_type[MIGRATE_TYPES][MAX_ORDER],
			      unsigned long blocks[MIGRATE_TYPES])
{
	char prefix[64];
	bool found = false;

	memset(sum, 0, sizeof(unsigned long) * MAX_ORDER);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		snprintf(prefix, sizeof(prefix), "Node    0, zone %8s, type %12s ", zone,
			 migratetype_names[mt]);
		const char *p = strstr(text, prefix);

		if (!p)
			return false;
		p += strlen(prefix);
		for (int o = 0; o < MAX_ORDER; o++) {
			int used;

			cr_assert_eq(sscanf(p, "%6lu %n", &by_type[mt][o], &used), 1);
			sum[o] += by_type[mt][o];
			p += used;
		}
		found = true;
	}
	snprintf(prefix, sizeof(prefix), "Node 0, zone %8s ", zone);
	const char *p = strstr(text, "Number of blocks type ");
	cr_assert(p);
	p = strstr(p, prefix);
	cr_assert(p, "%s", prefix);
	p += strlen(prefix);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		int used;

		cr_assert_eq(sscanf(p, "%12lu %n", &blocks[mt], &used), 1);
		p += used;
	}
	return found;
}

/* The view with every digit blanked: numbers are right-aligned in fixed-width fields, so
 * two views of the same zones in the same layout read the same. */
static void blank_digits(char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			*s = ' ';
}

/* The reference machine had DMA and DMA32 zones only, as a 256 MiB machine here. */
static void assert_layout_like_reference(const char *text)
{
	FILE *f = fopen(REFERENCE_DIR "linux-6.1-proc.txt", "r");
	char line[512], ref[8192] = "", *ours = strdup(text);
	bool in = false;

	cr_assert(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!strcmp(line, "=====END pagetypeinfo"))
			break;
		if (in)
			snprintf(ref + strlen(ref), sizeof(ref) - strlen(ref), "%s\n", line);
		in = in || !strcmp(line, "=====BEGIN pagetypeinfo");
	}
	fclose(f);
	cr_assert_gt(strlen(ref), 1000);
	blank_digits(ref);
	blank_digits(ours);
	cr_assert_str_eq(ours, ref);
	free(ours);
}

Test(migratetype, pagetypeinfo_matches_buddyinfo_and_the_6_1_layout)
{
	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	drain_all_pages(NULL);
	char *text = proc_text("/proc/pagetypeinfo");
	char *buddy = proc_text("/proc/buddyinfo");
	const char *zones[] = { "DMA", "DMA32" };

	cr_assert(text);
	cr_assert(!strncmp(text, "Page block order: 9\nPages per block:  512\n\n"
			   "Free pages count per migrate type at order       0      1      2      3"
			   "      4      5      6      7      8      9     10 \n", 160), "%s", text);
	assert_layout_like_reference(text);
	for (int z = 0; z < 2; z++) {
		unsigned long sum[MAX_ORDER], by_type[MIGRATE_TYPES][MAX_ORDER], blocks[MIGRATE_TYPES];
		unsigned long bi[MAX_ORDER], total_blocks = 0;
		struct zone *zone = &NODE_DATA(0)->node_zones[z ? ZONE_DMA32 : ZONE_DMA];
		char prefix[64];

		cr_assert(pagetypeinfo_zone(text, zones[z], sum, by_type, blocks), "%s", zones[z]);
		snprintf(prefix, sizeof(prefix), "Node 0, zone %8s ", zones[z]);
		const char *p = strstr(buddy, prefix);
		cr_assert(p);
		p += strlen(prefix);
		for (int o = 0; o < MAX_ORDER; o++) {
			int used;

			cr_assert_eq(sscanf(p, "%lu %n", &bi[o], &used), 1);
			p += used;
			cr_assert_eq(sum[o], bi[o], "%s order %d: pagetypeinfo %lu, buddyinfo %lu",
				     zones[z], o, sum[o], bi[o]);
		}
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			total_blocks += blocks[mt];
		cr_assert_eq(total_blocks, DIV_ROUND_UP(zone->spanned_pages, pageblock_nr_pages));
		cr_assert_gt(blocks[MIGRATE_MOVABLE], blocks[MIGRATE_UNMOVABLE]);
		cr_assert_eq(blocks[MIGRATE_ISOLATE], 0);
	}
	cr_assert(kmsg_contains("Built 1 zonelists, mobility grouping on.  Total pages: "));
	free(text);
	free(buddy);
	ukmem_shutdown();
}

/* High-order atomic requests that reach the slow path reserve their pageblock (6.1:
 * up to 1% of the zone); the reserve's free pages never merge into a neighbour's
 * block, and normal requests' watermarks do not count them. */
Test(migratetype, high_order_atomic_requests_reserve_a_pageblock)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	struct zone *zone = dma32();
	size_t n;

	cr_assert_eq(zone->nr_reserved_highatomic, 0);
	/* down to the min watermark: the fast path now fails and the slow path runs */
	void **v = take_all(GFP_NOWAIT, 0, &n);
	struct page *atomic = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2);

	cr_assert(atomic, "GFP_ATOMIC may go below the min watermark");
	cr_assert_eq(page_zone(atomic), zone);
	cr_assert_eq(zone->nr_reserved_highatomic, pageblock_nr_pages);
	cr_assert_eq(get_pageblock_migratetype(atomic), MIGRATE_HIGHATOMIC);
	unsigned long blocks[MIGRATE_TYPES];

	zone_pageblock_counts(zone, blocks);
	cr_assert_eq(blocks[MIGRATE_HIGHATOMIC], 1);
	__free_pages(atomic, 2);
	give_back(v, n, 0);
	drain_all_pages(NULL);

	unsigned long by_type[MIGRATE_TYPES][MAX_ORDER];

	zone_free_counts_by_type(zone, by_type);
	/* every free page of the reserved pageblock is on the high-atomic lists (the
	 * pageblock also holds what boot allocated there) */
	unsigned long start = page_to_pfn(atomic) & ~(pageblock_nr_pages - 1), in_use = 0;
	unsigned long reserve_free = 0;

	for (unsigned long pfn = start; pfn < start + pageblock_nr_pages; pfn++) {
		struct page *pg = pfn_to_page(pfn);

		if (PageBuddy(pg))
			pfn += (1UL << page_private(pg)) - 1;
		else
			in_use++;
	}
	for (int o = 0; o < MAX_ORDER; o++)
		reserve_free += by_type[MIGRATE_HIGHATOMIC][o] << o;
	cr_assert_eq(reserve_free, pageblock_nr_pages - in_use);
	cr_assert_eq(by_type[MIGRATE_HIGHATOMIC][MAX_ORDER - 1], 0, "and never merged above it");
	/* a normal request's watermark leaves the reserve out (retried while page reporting
	 * has blocks off the lists, which changes the free count meanwhile) */
	bool with, without;
	long free;

	for (int tries = 0;; tries++) {
		free = atomic_long_read(&zone->nr_free_pages);
		unsigned long mark = (unsigned long)free - pageblock_nr_pages / 2;

		with = zone_watermark_ok(zone, 0, mark, ZONE_DMA32, ALLOC_HIGHATOMIC);
		without = zone_watermark_ok(zone, 0, mark, ZONE_DMA32, 0);
		if (atomic_long_read(&zone->nr_free_pages) == free || tries == 1000)
			break;
	}
	cr_assert(with);
	cr_assert(!without);
	ukmem_shutdown();
}

struct churn { unsigned int seed; int ops; };

static void *churn_thread(void *arg)
{
	struct churn *c = arg;
	struct { struct page *page; unsigned int order; } held[64] = { 0 };

	for (int i = 0; i < c->ops; i++) {
		int slot = (int)(rand_r(&c->seed) % 64);

		if (held[slot].page) {
			__free_pages(held[slot].page, held[slot].order);
			held[slot].page = NULL;
			continue;
		}
		unsigned int order = rand_r(&c->seed) % 5;
		int mt = (int)(rand_r(&c->seed) % MIGRATE_PCPTYPES);

		held[slot].page = alloc_pages(type_gfp[mt] | __GFP_NOWARN, order);
		held[slot].order = order;
		if (held[slot].page)
			memset(page_address(held[slot].page), slot, PAGE_SIZE << order);
	}
	for (int slot = 0; slot < 64; slot++)
		if (held[slot].page)
			__free_pages(held[slot].page, held[slot].order);
	return NULL;
}

Test(migratetype, threads_mixing_types_lose_nothing)
{
	cr_assert_eq(ukmem_boot("mem=128M"), 0);
	unsigned long free0 = settled_free_pages();
	pthread_t t[3];
	struct churn c[3];

	for (int i = 0; i < 3; i++) {
		c[i] = (struct churn){ .seed = 17u * (unsigned int)i + 1, .ops = 20000 };
		cr_assert_eq(pthread_create(&t[i], NULL, churn_thread, &c[i]), 0);
	}
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	cr_assert_eq(settled_free_pages(), free0);
	drain_all_pages(NULL);

	struct zone *zone = dma32();
	unsigned long nr[MAX_ORDER], by_type[MIGRATE_TYPES][MAX_ORDER], pages = 0;

	zone_free_counts(zone, nr);
	zone_free_counts_by_type(zone, by_type);
	for (int o = 0; o < MAX_ORDER; o++) {
		unsigned long s = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			s += by_type[mt][o];
		cr_assert_eq(s, nr[o], "order %d", o);
		pages += nr[o] << o;
	}
	cr_assert_eq(pages, (unsigned long)atomic_long_read(&zone->nr_free_pages));
	ukmem_shutdown();
}

static void no_ctor(void *obj)
{
	(void)obj;	/* a constructor keeps the caches from merging with kmalloc's */
}

/* A cache created with SLAB_RECLAIM_ACCOUNT takes its slabs' pages as reclaimable. */
Test(migratetype, reclaimable_caches_take_reclaimable_pages)
{
	cr_assert_eq(ukmem_boot("mem=64M trace_event=kmem:mm_page_alloc"), 0);
	struct kmem_cache *plain = kmem_cache_create("mt_plain", 1024, 0, 0, no_ctor);
	struct kmem_cache *recl = kmem_cache_create("mt_reclaim", 1024, 0, SLAB_RECLAIM_ACCOUNT,
						    no_ctor);
	void *a = kmem_cache_alloc(plain, GFP_KERNEL), *b = kmem_cache_alloc(recl, GFP_KERNEL);
	char want[256], *text = proc_text("/sys/kernel/tracing/trace");

	cr_assert(a && b);
	snprintf(want, sizeof(want), "pfn=0x%lx order=%u migratetype=2 ",
		 page_to_pfn(compound_head(virt_to_page(b))),
		 compound_order(compound_head(virt_to_page(b))));
	cr_assert(strstr(text, want), "%s\n%s", want, text);
	snprintf(want, sizeof(want), "pfn=0x%lx order=%u migratetype=0 ",
		 page_to_pfn(compound_head(virt_to_page(a))),
		 compound_order(compound_head(virt_to_page(a))));
	cr_assert(strstr(text, want), "%s", want);
	free(text);
	kmem_cache_free(plain, a);
	kmem_cache_free(recl, b);
	kmem_cache_destroy(plain);
	kmem_cache_destroy(recl);
	ukmem_shutdown();
}

/* The highest pageblock of a zone that holds no page in use (its struct pages may still
 * be deferred). */
static unsigned long free_pageblock(struct zone *zone)
{
	unsigned long end = zone->zone_start_pfn + zone->spanned_pages;

	for (unsigned long pfn = ALIGN_DOWN(end, pageblock_nr_pages) - pageblock_nr_pages;
	     pfn >= zone->zone_start_pfn; pfn -= pageblock_nr_pages) {
		if (!pageblock_initialised(zone, pfn))
			return pfn;
		struct page *page = pfn_to_page(pfn);

		if (PageBuddy(page) && page_private(page) >= pageblock_order)
			return pfn;
	}
	cr_assert_fail("no free pageblock");
	return 0;
}

Test(migratetype, an_isolated_pageblock_is_not_allocated_until_undone)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	struct zone *zone = dma32();
	unsigned long pfn = free_pageblock(zone), blocks[MIGRATE_TYPES];
	long free0 = atomic_long_read(&zone->nr_free_pages);

	cr_assert_eq(start_isolate_page_range(pfn + 10, pfn + 20, MIGRATE_MOVABLE, 0, GFP_KERNEL), 0);
	cr_assert_eq(zone->nr_isolate_pageblock, 1);
	cr_assert_eq(pfnblock_migratetype(zone, pfn), MIGRATE_ISOLATE);
	cr_assert_eq(atomic_long_read(&zone->nr_free_pages), free0 - (long)pageblock_nr_pages,
		     "an isolated pageblock's free pages are not free for allocation");
	cr_assert_eq(test_pages_isolated(pfn, pfn + pageblock_nr_pages, 0), 0);
	zone_pageblock_counts(zone, blocks);
	cr_assert_eq(blocks[MIGRATE_ISOLATE], 1);
	char *text = proc_text("/proc/pagetypeinfo");
	cr_assert(strstr(text, "Node    0, zone    DMA32, type      Isolate      0      0      0"
			 "      0      0      0      0      0      0      1      0 \n"), "%s", text);
	free(text);
	cr_assert_eq(start_isolate_page_range(pfn, pfn + 1, MIGRATE_MOVABLE, 0, GFP_KERNEL), -EBUSY,
		     "isolated twice");

	/* every page the allocator has, and none from the isolated pageblock */
	size_t n;
	void **v = take_all(GFP_HIGHUSER_MOVABLE, 0, &n);

	for (size_t i = 0; i < n; i++) {
		unsigned long p = page_to_pfn((struct page *)v[i]);

		cr_assert(p < pfn || p >= pfn + pageblock_nr_pages, "pfn %#lx was allocated", p);
	}
	give_back(v, n, 0);
	drain_all_pages(NULL);
	undo_isolate_page_range(pfn, pfn + pageblock_nr_pages, MIGRATE_MOVABLE);
	cr_assert_eq(zone->nr_isolate_pageblock, 0);
	cr_assert_eq(pfnblock_migratetype(zone, pfn), MIGRATE_MOVABLE);
	cr_assert_eq(test_pages_isolated(pfn, pfn + pageblock_nr_pages, 0), -EBUSY);
	undo_isolate_page_range(pfn, pfn + pageblock_nr_pages, MIGRATE_MOVABLE);	/* no-op */
	cr_assert_eq(zone->nr_isolate_pageblock, 0);
	struct page *head = pfn_to_page(pfn & ~(MAX_ORDER_NR_PAGES - 1UL));

	cr_assert(PageBuddy(head) && page_private(head) == MAX_ORDER - 1,
		  "the pageblock merged with its buddy again");
	ukmem_shutdown();
}

Test(migratetype, a_pageblock_with_a_page_in_use_is_not_isolated)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	struct zone *zone = dma32();
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long pfn = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	int mt = pfnblock_migratetype(zone, pfn);
	long free0 = atomic_long_read(&zone->nr_free_pages);

	cr_assert_eq(start_isolate_page_range(pfn, pfn + pageblock_nr_pages, MIGRATE_MOVABLE,
					      REPORT_FAILURE, GFP_KERNEL), -EBUSY);
	cr_assert(kmsg_contains("page dumped because: unmovable page"));
	cr_assert_eq(zone->nr_isolate_pageblock, 0);
	cr_assert_eq(pfnblock_migratetype(zone, pfn), mt);
	cr_assert_eq(atomic_long_read(&zone->nr_free_pages), free0);
	__free_pages(page, 0);
	ukmem_shutdown();
}

/* Pages on per-CPU lists may be isolated with their pageblock: drained, they join the
 * isolated lists, not the free counts; undone, they come back and merge. */
Test(migratetype, pages_freed_into_an_isolated_pageblock_stay_isolated)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	struct zone *zone = dma32();
	struct page *block = alloc_pages(GFP_HIGHUSER_MOVABLE, pageblock_order);
	unsigned long pfn = page_to_pfn(block);

	cr_assert(block);
	split_page(block, pageblock_order);
	for (unsigned long i = 0; i < pageblock_nr_pages; i++)
		__free_pages(block + i, 0);
	long free0 = atomic_long_read(&zone->nr_free_pages);

	cr_assert_eq(start_isolate_page_range(pfn, pfn + pageblock_nr_pages, MIGRATE_MOVABLE, 0,
					      GFP_KERNEL), 0);
	drain_all_pages(NULL);
	cr_assert_eq(test_pages_isolated(pfn, pfn + pageblock_nr_pages, 0), 0);
	long isolated_free = atomic_long_read(&zone->nr_free_pages);

	cr_assert_leq(isolated_free, free0, "drained pages were counted free");
	unsigned long by_type[MIGRATE_TYPES][MAX_ORDER], pages = 0;

	zone_free_counts_by_type(zone, by_type);
	for (int o = 0; o < MAX_ORDER; o++)
		pages += by_type[MIGRATE_ISOLATE][o] << o;
	cr_assert_eq(pages, pageblock_nr_pages);
	cr_assert_eq(by_type[MIGRATE_ISOLATE][pageblock_order], 1, "merged within the pageblock");
	undo_isolate_page_range(pfn, pfn + pageblock_nr_pages, MIGRATE_MOVABLE);
	cr_assert_eq(atomic_long_read(&zone->nr_free_pages), isolated_free + (long)pageblock_nr_pages);
	ukmem_shutdown();
}

/* Right after boot most pageblocks are still in the zones' deferred middle, their struct
 * pages not set up: get_pageblock_migratetype() answers for them from the frame number,
 * within the zone's own pageblock array (a deferred page's zero flags name zone 0). */
Test(migratetype, pageblocks_not_yet_set_up_have_a_type)
{
	unsigned long deferred = 0;

	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn += pageblock_nr_pages) {
		struct zone *zone = pfn_zone(pfn);
		int mt;

		if (!pfn_valid(pfn) || !zone)
			continue;
		mt = get_pageblock_migratetype(pfn_to_page(pfn));
		cr_assert(mt >= 0 && mt < MIGRATE_TYPES, "pfn 0x%lx: type %d", pfn, mt);
		deferred += !pageblock_initialised(zone, pfn);
	}
	cr_assert_gt(deferred, 0, "the test looked at deferred pageblocks");
	ukmem_shutdown();
}
