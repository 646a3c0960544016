// SPDX-License-Identifier: LGPL-2.1-or-later
/* mempool: the reserve, forward progress under memory exhaustion, the never-sleeping
 * atomic path, resizing, and poison checks of reserved elements. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "hog.h"
#include "kmsg.h"

Test(mempool, reserve_filled_and_refilled_first)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	mempool_t *pool = mempool_create_kmalloc_pool(4, 200);

	cr_assert_not_null(pool);
	cr_assert_eq(pool->curr_nr, 4);
	cr_assert_eq(pool->min_nr, 4);
	void *a = mempool_alloc(pool, GFP_KERNEL);
	cr_assert_eq(pool->curr_nr, 4, "with memory available, the allocator serves");
	cr_assert_geq(ksize(a), 200);
	/* Drain the reserve by hand, then see mempool_free put elements back there first. */
	void *taken[4];
	for (int i = 0; i < 4; i++)
		taken[i] = pool->elements[--pool->curr_nr];
	mempool_free(a, pool);
	cr_assert_eq(pool->curr_nr, 1);
	cr_assert_eq(pool->elements[0], a);
	for (int i = 0; i < 4; i++)
		mempool_free(taken[i], pool);
	cr_assert_eq(pool->curr_nr, 4);
	mempool_destroy(pool);
	mempool_destroy(NULL);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

static int made, freed;
static void *counting_alloc(gfp_t gfp, void *data)
{
	if (made == (int)(long)data)
		return NULL;
	made++;
	return kmalloc(32, gfp);
}
static void counting_free(void *element, void *data)
{
	freed++;
	kfree(element);
}

Test(mempool, create_fails_cleanly)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_null(mempool_create(8, counting_alloc, counting_free, (void *)5L));
	cr_assert_eq(made, 5);
	cr_assert_eq(freed, 5, "the elements made are given back");
	mempool_t embedded;
	made = freed = 0;
	cr_assert_eq(mempool_init(&embedded, 3, counting_alloc, counting_free, (void *)100L), 0);
	cr_assert(mempool_initialized(&embedded));
	mempool_exit(&embedded);
	cr_assert_eq(freed, 3);
	cr_assert(!mempool_initialized(&embedded));
	ukmem_shutdown();
}

Test(mempool, resize_up_and_down)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	struct kmem_cache *cache = kmem_cache_create("pool_objs", 100, 0, 0, NULL);
	mempool_t *pool = mempool_create_slab_pool(2, cache);
	cr_assert_eq(mempool_resize(pool, 10), 0);
	cr_assert_eq(pool->min_nr, 10);
	cr_assert_eq(pool->curr_nr, 10);
	cr_assert_eq(mempool_resize(pool, 3), 0);
	cr_assert_eq(pool->curr_nr, 3);
	mempool_destroy(pool);
	kmem_cache_destroy(cache);
	cr_assert_eq(ukmem_report_count(), 0, "no objects left behind in the cache");
	ukmem_shutdown();
}

struct loop_arg { mempool_t *pool; gfp_t gfp; int rounds; int nulls; };

static void *loop(void *argp)
{
	struct loop_arg *arg = argp;

	for (int i = 0; i < arg->rounds; i++) {
		struct page *page = mempool_alloc(arg->pool, arg->gfp);

		if (!page) {
			arg->nulls++;
			continue;
		}
		unsigned long *w = page_address(page);
		w[0] = (unsigned long)arg;
		w[511] = (unsigned long)i;
		sched_yield();
		cr_assert_eq(w[0], (unsigned long)arg, "an element was handed out twice");
		cr_assert_eq(w[511], (unsigned long)i);
		mempool_free(page, arg->pool);
	}
	return NULL;
}

Test(mempool, forward_progress_with_memory_exhausted)
{
	struct hog hog;
	pthread_t t[8];
	struct loop_arg args[8];

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	mempool_t *pool = mempool_create_page_pool(4, 0);
	hog_fill(&hog);
	cr_assert_null(alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN), "memory is gone");
	for (int i = 0; i < 8; i++) {
		args[i] = (struct loop_arg){ pool, GFP_KERNEL, 300, 0 };
		pthread_create(&t[i], NULL, loop, &args[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		cr_assert_eq(args[i].nulls, 0, "a sleeping mempool_alloc never returns NULL");
	}
	cr_assert_eq(pool->curr_nr, 4);
	cr_assert(!kmsg_contains("sleeping function called"));
	mempool_destroy(pool);
	hog_release_all(&hog);
	ukmem_shutdown();
}

Test(mempool, atomic_returns_null_without_sleeping)
{
	DEFINE_SPINLOCK(lock);
	struct hog hog;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	mempool_t *pool = mempool_create_page_pool(2, 0);
	hog_fill(&hog);
	struct page *a = mempool_alloc(pool, GFP_KERNEL);
	struct page *b = mempool_alloc(pool, GFP_KERNEL);
	cr_assert(a && b && pool->curr_nr == 0);
	spin_lock(&lock);
	int nulls = 0;
	for (int i = 0; i < 100; i++) {
		struct page *p = mempool_alloc(pool, GFP_NOWAIT);

		if (!p)
			nulls++;
		else
			mempool_free(p, pool);
	}
	spin_unlock(&lock);
	cr_assert_eq(nulls, 100);
	cr_assert(!kmsg_contains("sleeping function called from invalid context"));
	mempool_free(a, pool);
	mempool_free(b, pool);
	mempool_destroy(pool);
	hog_release_all(&hog);
	ukmem_shutdown();
}

Test(mempool, use_after_free_of_a_reserved_element_is_caught)
{
	struct hog hog;

	cr_assert_eq(ukmem_boot("mem=32M slub_debug=P,pool_poison"), 0);
	struct kmem_cache *cache = kmem_cache_create("pool_poison", 64, 0, 0, NULL);
	mempool_t *pool = mempool_create_slab_pool(2, cache);
	hog_fill(&hog);
	/* Use up the cache's own free objects too, so that the pool must use its reserve. */
	void *objs[512];
	int nobjs = 0;
	while (nobjs < 512 && (objs[nobjs] = kmem_cache_alloc(cache, GFP_NOWAIT | __GFP_NOWARN)))
		nobjs++;
	cr_assert_lt(nobjs, 512);
	unsigned char *a = mempool_alloc(pool, GFP_KERNEL);
	cr_assert_eq(pool->curr_nr, 1, "served from the reserve");
	mempool_free(a, pool);		/* back into the reserve, poisoned */
	cr_assert_eq(a[10], 0x6b);
	a[10] = 0x42;			/* written after free */
	unsigned char *again = mempool_alloc(pool, GFP_NOWAIT);
	cr_assert_eq(again, a);
	cr_assert(kmsg_contains("BUG: mempool element poison mismatch"));
	cr_assert(kmsg_contains(" nr=1 @ "));
	cr_assert(kmsg_contains("6b 6b 42 6b"));
	mempool_free(again, pool);
	mempool_destroy(pool);
	while (nobjs)
		kmem_cache_free(cache, objs[--nobjs]);
	hog_release_all(&hog);
	kmem_cache_destroy(cache);
	ukmem_shutdown();
}
