// SPDX-License-Identifier: LGPL-2.1-or-later
/* Fault injection: failslab and fail_page_alloc with the kernel's attributes, set on the
 * command line and at run time; an injected failure looks like a real one, and after a
 * long mixed run with 10% failures every counter is back where it started. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "kmsg.h"
#include "mm/internal.h"

/* Free pages once per-CPU lists are drained and caches have given back empty slabs. */
static unsigned long reclaimed_free_pages(void)
{
	try_to_free_pages(GFP_KERNEL, 0, 0, 0);
	return free_pages_now();
}

Test(fault_inject, command_line_and_defaults)
{
	cr_assert_eq(ukmem_boot("mem=64M failslab=1,100,0,3 fail_page_alloc=2,50,0,-1"), 0);
	cr_assert_eq(ukmem_fault_get("failslab", "interval"), 1);
	cr_assert_eq(ukmem_fault_get("failslab", "probability"), 100);
	cr_assert_eq(ukmem_fault_get("failslab", "times"), 3);
	cr_assert_eq(ukmem_fault_get("failslab", "ignore-gfp-wait"), 1, "the kernel's default");
	cr_assert_eq(ukmem_fault_get("fail_page_alloc", "interval"), 2);
	cr_assert_eq(ukmem_fault_get("fail_page_alloc", "min-order"), 1);
	cr_assert_eq(ukmem_fault_get("nonesuch", "times"), -ENOENT);
	cr_assert_eq(ukmem_fault_set("failslab", "probability", 101), -EINVAL);
	cr_assert_eq(ukmem_fault_set("failslab", "bogus", 1), -EINVAL);

	/* GFP_KERNEL is ignored by default; GFP_ATOMIC fails exactly `times` times. */
	void *k = kmalloc(64, GFP_KERNEL);
	cr_assert_not_null(k);
	kfree(k);
	int failures = 0;
	for (int i = 0; i < 10; i++) {
		void *p = kmalloc(64, GFP_ATOMIC);
		if (!p)
			failures++;
		kfree(p);
	}
	cr_assert_eq(failures, 3);
	cr_assert_eq(ukmem_fault_get("failslab", "times"), 0);
	cr_assert_eq(ukmem_fault_get("failslab", "injected"), 3);
	cr_assert(kmsg_contains("FAULT_INJECTION: forcing a failure."));
	cr_assert(kmsg_contains("name failslab, interval 1, probability 100, space 0, times 2"));
	/* Order 0 is below fail_page_alloc's min-order. */
	for (int i = 0; i < 20; i++)
		__free_pages(alloc_page(GFP_ATOMIC), 0);
	cr_assert_eq(ukmem_fault_get("fail_page_alloc", "injected"), 0);
	ukmem_shutdown();
}

Test(fault_inject, nofail_is_never_failed_and_space_is_respected)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	ukmem_fault_set("fail_page_alloc", "probability", 100);
	ukmem_fault_set("fail_page_alloc", "times", -1);
	ukmem_fault_set("fail_page_alloc", "ignore-gfp-wait", 0);
	ukmem_fault_set("fail_page_alloc", "verbose", 0);
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 1);
	cr_assert_not_null(p);
	__free_pages(p, 1);
	cr_assert_null(alloc_pages(GFP_KERNEL, 2));
	cr_assert(!kmsg_contains("FAULT_INJECTION"), "verbose 0 is quiet");
	cr_assert(!kmsg_contains("page allocation failure"), "the allocator itself failed nothing");
	ukmem_fault_set("fail_page_alloc", "space", 9);	/* "space > size" lets two order-2 through */
	struct page *a = alloc_pages(GFP_KERNEL, 2), *b = alloc_pages(GFP_KERNEL, 2);
	cr_assert(a && b);
	cr_assert_null(alloc_pages(GFP_KERNEL, 2));
	__free_pages(a, 2);
	__free_pages(b, 2);
	ukmem_fault_set("fail_page_alloc", "probability", 0);
	cr_assert_not_null(a = alloc_pages(GFP_KERNEL, 2));
	__free_pages(a, 2);
	ukmem_shutdown();
}

Test(fault_inject, cache_filter_picks_flagged_caches)
{
	cr_assert_eq(ukmem_boot("mem=64M slub_debug=A,victim"), 0);
	struct kmem_cache *victim = kmem_cache_create("victim", 48, 0, 0, NULL);
	struct kmem_cache *bystander = kmem_cache_create("bystander", 48, 0, 0, NULL);
	ukmem_fault_set("failslab", "probability", 100);
	ukmem_fault_set("failslab", "times", -1);
	ukmem_fault_set("failslab", "cache-filter", 1);
	ukmem_fault_set("failslab", "verbose", 0);
	cr_assert_null(kmem_cache_alloc(victim, GFP_ATOMIC));
	void *ok = kmem_cache_alloc(bystander, GFP_ATOMIC);
	cr_assert_not_null(ok);
	kmem_cache_free(bystander, ok);
	ukmem_fault_set("failslab", "probability", 0);
	kmem_cache_destroy(victim);
	kmem_cache_destroy(bystander);
	ukmem_shutdown();
}

struct live { void *p; int kind; unsigned int order; struct kmem_cache *cache; };

Test(fault_inject, ten_percent_over_a_long_run_leaks_nothing, .timeout = 120)
{
	enum { ROUNDS = 100000, SLOTS = 512 };
	static struct live live[SLOTS];
	unsigned int seed = 7;

	cr_assert_eq(ukmem_boot("mem=128M"), 0);
	struct kmem_cache *cache = kmem_cache_create("fi_objs", 200, 0, 0, NULL);
	mempool_t *pool = mempool_create_slab_pool(8, cache);
	struct kmem_cache_info info;
	unsigned long free_before = reclaimed_free_pages();
	kmem_cache_get_info(cache, NULL, &info);
	unsigned long pool_slabs_before = info.slabs;
	for (const char **n = (const char *[]){ "failslab", "fail_page_alloc", NULL }; *n; n++) {
		ukmem_fault_set(*n, "probability", 10);
		ukmem_fault_set(*n, "times", -1);
		ukmem_fault_set(*n, "ignore-gfp-wait", 0);
		ukmem_fault_set(*n, "verbose", 0);
	}
	ukmem_fault_set("fail_page_alloc", "min-order", 0);
	unsigned long failures = 0;
	for (int r = 0; r < ROUNDS; r++) {
		struct live *l = &live[rand_r(&seed) % SLOTS];

		if (l->p) {
			switch (l->kind) {
			case 0: kfree(l->p); break;
			case 1: kmem_cache_free(cache, l->p); break;
			case 2: __free_pages(l->p, l->order); break;
			default: mempool_free(l->p, pool); break;
			}
			l->p = NULL;
			continue;
		}
		l->kind = rand_r(&seed) % 4;
		gfp_t gfp = rand_r(&seed) % 2 ? GFP_KERNEL : GFP_ATOMIC;
		switch (l->kind) {
		case 0: l->p = kmalloc(1 + rand_r(&seed) % 16000, gfp); break;
		case 1: l->p = kmem_cache_alloc(cache, gfp); break;
		case 2: l->order = rand_r(&seed) % 4; l->p = alloc_pages(gfp, l->order); break;
		default: l->p = mempool_alloc(pool, gfp); break;
		}
		if (!l->p) {
			failures++;
			continue;
		}
		if (l->kind != 2)
			memset(l->p, 0x5c, l->kind == 0 ? 1 : 200);
	}
	for (int i = 0; i < SLOTS; i++) {
		struct live *l = &live[i];
		if (!l->p)
			continue;
		switch (l->kind) {
		case 0: kfree(l->p); break;
		case 1: kmem_cache_free(cache, l->p); break;
		case 2: __free_pages(l->p, l->order); break;
		default: mempool_free(l->p, pool); break;
		}
	}
	ukmem_fault_set("failslab", "probability", 0);
	ukmem_fault_set("fail_page_alloc", "probability", 0);
	long injected = ukmem_fault_get("failslab", "injected") + ukmem_fault_get("fail_page_alloc", "injected");
	cr_assert_gt(injected, 3000, "%ld injected", injected);
	cr_assert_gt(failures, 0);
	cr_assert_eq(pool->curr_nr, pool->min_nr, "the pool's reserve is whole");
	unsigned long free_after = reclaimed_free_pages();
	cr_assert_eq(kmem_cache_get_info(cache, NULL, &info), 0);
	cr_assert_eq(info.objects, 8, "only the pool's reserve is allocated from the cache");
	/* The reserve's 8 objects may now sit in more slabs than before; all else is back. */
	unsigned long slab_pages = (info.slabs - pool_slabs_before) << info.order;
	cr_assert_eq(free_after + slab_pages, free_before, "free %lu + %lu slab pages, was %lu",
		     free_after, slab_pages, free_before);
	cr_assert_eq(ukmem_report_count(), 0);
	mempool_destroy(pool);
	kmem_cache_destroy(cache);
	ukmem_shutdown();
}
