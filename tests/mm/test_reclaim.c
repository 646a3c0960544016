// SPDX-License-Identifier: LGPL-2.1-or-later
/* Memory pressure: what each GFP flag may do when memory runs out, shrinkers, waiting
 * for memory, the OOM report and notifiers. A hog takes every page first. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/shrinker.h>
#include <linux/spinlock.h>
#include "hog.h"
#include "kmsg.h"
#include "mm/internal.h"

Test(reclaim, atomic_and_noretry_fail_without_oom)
{
	struct hog hog;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hog_fill(&hog);
	cr_assert_gt(hog.nr, 7000);
	cr_assert_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
	cr_assert_null(alloc_pages(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN, 2));
	cr_assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4), "costly orders give up");
	cr_assert(!kmsg_contains("invoked oom-killer"));
	/* GFP_ATOMIC dips into the reserve below min; __GFP_NOMEMALLOC|GFP_NOWAIT cannot. */
	cr_assert_null(alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0));
	struct page *reserve = alloc_pages(GFP_ATOMIC, 0);
	cr_assert_not_null(reserve);
	__free_pages(reserve, 0);
	hog_release_all(&hog);
	ukmem_shutdown();
}

struct page_cache_shrinker {
	struct shrinker shrinker;
	struct page *pages[256];
	int nr;
	int scans;
	struct page *last_freed;
};

static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc)
{
	struct page_cache_shrinker *c = container_of(s, struct page_cache_shrinker, shrinker);

	return c->nr ? (unsigned long)c->nr : SHRINK_EMPTY;
}

static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct page_cache_shrinker *c = container_of(s, struct page_cache_shrinker, shrinker);
	unsigned long freed = 0;

	c->scans++;
	cr_assert(sc->gfp_mask & __GFP_DIRECT_RECLAIM);
	while (freed < sc->nr_to_scan && c->nr) {
		c->last_freed = c->pages[--c->nr];
		__free_pages(c->last_freed, 0);
		freed++;
	}
	return freed ? freed : SHRINK_STOP;
}

Test(reclaim, shrinker_gives_memory_back)
{
	static struct page_cache_shrinker cache = {
		.shrinker = { .count_objects = cache_count, .scan_objects = cache_scan,
			      .seeks = DEFAULT_SEEKS, .batch = 16 },
	};
	struct hog hog;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	for (int i = 0; i < 256; i++)
		cache.pages[cache.nr++] = alloc_page(GFP_KERNEL);
	cr_assert_eq(register_shrinker(&cache.shrinker, "test-cache-%d", 1), 0);
	cr_assert_str_eq(cache.shrinker.name, "test-cache-1");
	hog_fill(&hog);
	struct page *page = alloc_page(GFP_KERNEL);
	cr_assert_not_null(page, "the shrinker's pages were reclaimed");
	cr_assert_gt(cache.scans, 0);
	cr_assert_lt(cache.nr, 256);
	cr_assert_eq(page_count(page), 1);
	cr_assert(!kmsg_contains("invoked oom-killer"));
	__free_pages(page, 0);
	unregister_shrinker(&cache.shrinker);
	hog_release_all(&hog);
	while (cache.nr)
		__free_pages(cache.pages[--cache.nr], 0);
	ukmem_shutdown();
}

struct waiter {
	gfp_t gfp;
	unsigned int order;
	struct page *page;
};

static void *allocate_blocking(void *arg)
{
	struct waiter *w = arg;

	w->page = alloc_pages(w->gfp, w->order);
	return NULL;
}

/* Waits until some thread sleeps in the allocator waiting for memory. */
static void wait_for_a_waiter(void)
{
	while (!__atomic_load_n(&nr_free_memory_waiters, __ATOMIC_ACQUIRE))
		sched_yield();
}

Test(reclaim, blocked_allocation_wakes_when_memory_is_freed)
{
	struct hog hog;
	struct waiter w = { .gfp = GFP_KERNEL, .order = 0 };
	pthread_t t;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hog_fill(&hog);
	pthread_create(&t, NULL, allocate_blocking, &w);
	wait_for_a_waiter();
	struct page *freed = hog_release_one(&hog);
	pthread_join(t, NULL);
	cr_assert_eq(w.page, freed, "the waiter got the page that was freed");
	cr_assert(!kmsg_contains("invoked oom-killer"));
	cr_assert(!kmsg_contains("page allocation failure"));
	__free_pages(w.page, 0);
	hog_release_all(&hog);
	ukmem_shutdown();
}

Test(reclaim, nofail_waits_for_memory)
{
	struct hog hog;
	struct waiter w = { .gfp = GFP_KERNEL | __GFP_NOFAIL, .order = 0 };
	pthread_t t;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hog_fill(&hog);
	pthread_create(&t, NULL, allocate_blocking, &w);
	wait_for_a_waiter();
	hog_release_one(&hog);
	pthread_join(t, NULL);
	cr_assert_not_null(w.page);
	__free_pages(w.page, 0);
	hog_release_all(&hog);
	/* __GFP_NOFAIL above order 1 is a kernel warning (and still succeeds). */
	struct page *big = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 2);
	cr_assert_not_null(big);
	cr_assert(kmsg_contains("WARNING: CPU: "));
	__free_pages(big, 2);
	ukmem_shutdown();
}

Test(reclaim, out_of_memory_report)
{
	struct hog hog;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hog_fill(&hog);
	cr_assert_null(alloc_page(GFP_KERNEL));
	cr_assert(kmsg_contains(" invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0"));
	cr_assert(kmsg_contains("Mem-Info:"));
	cr_assert(kmsg_contains("Tasks state (memory values in pages):"));
	cr_assert(kmsg_contains("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name"));
	cr_assert(kmsg_contains("Out of memory and no killable processes..."));
	cr_assert(kmsg_contains("page allocation failure: order:0, mode:0xcc0(GFP_KERNEL)"));
	hog_release_all(&hog);
	cr_assert_not_null(alloc_page(GFP_KERNEL), "usable again once memory is back");
	ukmem_shutdown();
}

static struct hog *notifier_hog;
static int notifier_calls;

static int give_back(struct notifier_block *nb, unsigned long action, void *data)
{
	notifier_calls++;
	for (int i = 0; i < 8 && notifier_hog->nr; i++) {
		hog_release_one(notifier_hog);
		(*(unsigned long *)data)++;
	}
	return NOTIFY_OK;
}

Test(reclaim, oom_notifier_frees_memory)
{
	static struct hog hog;
	static struct notifier_block nb = { .notifier_call = give_back };

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hog_fill(&hog);
	notifier_hog = &hog;
	register_oom_notifier(&nb);
	struct page *page = alloc_page(GFP_KERNEL);
	cr_assert_not_null(page);
	cr_assert_eq(notifier_calls, 1);
	cr_assert(!kmsg_contains("invoked oom-killer"), "no report when a notifier freed memory");
	unregister_oom_notifier(&nb);
	__free_pages(page, 0);
	hog_release_all(&hog);
	ukmem_shutdown();
}

Test(reclaim, atomic_never_sleeps_under_a_spinlock)
{
	DEFINE_SPINLOCK(lock);
	struct hog hog;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hog_fill(&hog);
	spin_lock(&lock);
	struct page *pages[64];
	int got = 0;
	while (got < 64 && (pages[got] = alloc_page(GFP_ATOMIC | __GFP_NOWARN)))
		got++;
	spin_unlock(&lock);
	cr_assert(!kmsg_contains("sleeping function called from invalid context"));
	while (got)
		__free_pages(pages[--got], 0);
	hog_release_all(&hog);
	ukmem_shutdown();
}
