// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_mempool.c: a mempool_alloc/mempool_free pair beside the kmem_cache_alloc/
 * kmem_cache_free pair it wraps, in one run; and, with memory exhausted by a hog, the
 * cost of a GFP_ATOMIC mempool_alloc that must fail (it may never sleep) and of one
 * served from the reserve. ns per call. */
#include <stdio.h>
#include <stdlib.h>
#include <ukmem.h>
#include "bench.h"
#include <linux/gfp.h>
#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/slab.h>

int main(void)
{
	const long n = 2000000;

	if (ukmem_boot("mem=64M loglevel=3") < 0)
		return 1;
	struct kmem_cache *cache = kmem_cache_create("bench_objs", 128, 0, 0, NULL);
	mempool_t *pool = mempool_create_slab_pool(16, cache);
	double cache_pair = BEST_OF(3, n, kmem_cache_free(cache, kmem_cache_alloc(cache, GFP_KERNEL)));
	double pool_pair = BEST_OF(3, n, mempool_free(mempool_alloc(pool, GFP_KERNEL), pool));

	printf("%-44s %10s\n", "ns per call", "ns");
	printf("%-44s %10.1f\n", "kmem_cache_alloc+free (128 B)", cache_pair);
	printf("%-44s %10.1f\n", "mempool_alloc+free (same cache)", pool_pair);
	printf("%-44s %10.2f\n", "ratio mempool / kmem_cache", pool_pair / cache_pair);

	/* Exhaust memory and the cache, then empty the reserve. */
	size_t cap = totalram_pages(), nr = 0, nobj = 0;
	struct page **pages = malloc(cap * sizeof(*pages));
	void **objs = malloc(1 << 20);
	while (nr < cap && (pages[nr] = alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)))
		nr++;
	while (nobj < (1 << 17) && (objs[nobj] = kmem_cache_alloc(cache, GFP_NOWAIT | __GFP_NOWARN)))
		nobj++;
	double reserve = BEST_OF(3, 100000, mempool_free(mempool_alloc(pool, GFP_ATOMIC), pool));
	void *held[16];
	for (int i = 0; i < 16; i++)
		held[i] = mempool_alloc(pool, GFP_ATOMIC);
	long fails = 0;
	double failing = BEST_OF(3, 100000, fails += !mempool_alloc(pool, GFP_ATOMIC));
	printf("%-44s %10.1f\n", "GFP_ATOMIC pair, memory exhausted", reserve);
	printf("%-44s %10.1f  (%ld NULLs)\n", "GFP_ATOMIC, memory and reserve exhausted", failing, fails);
	for (int i = 0; i < 16; i++)
		mempool_free(held[i], pool);
	while (nobj)
		kmem_cache_free(cache, objs[--nobj]);
	while (nr)
		__free_pages(pages[--nr], 0);
	mempool_destroy(pool);
	kmem_cache_destroy(cache);
	ukmem_shutdown();
	return 0;
}
