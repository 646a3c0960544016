// SPDX-License-Identifier: LGPL-2.1-or-later
/* The slab fast paths and what feeds them: the per-page cache ids that kfree() and
 * kmem_cache_free() read, kmalloc() with a size known at compile time, the depot that
 * carries objects between thread caches, and the checks that stay on those paths. */
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "asan_quarantine.h"
#include "kmsg.h"

#define NR_OBJS 5000
#define OBJ_SIZE 128

struct handoff {
	struct kmem_cache *c;
	void **objs;
};

/* Frees every object on another thread, whose cache overflows into the depot. */
static void *free_all(void *arg)
{
	struct handoff *h = arg;

	for (int i = 0; i < NR_OBJS; i++)
		kmem_cache_free(h->c, h->objs[i]);
	return NULL;
}

static void alloc_all(struct kmem_cache *c, void **objs, unsigned char fill)
{
	for (int i = 0; i < NR_OBJS; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		cr_assert_not_null(objs[i]);
		memset(objs[i], fill, OBJ_SIZE);
	}
}

Test(slab_fastpath, depot_carries_objects_between_threads)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	unsigned long unrecl0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	static void *objs[NR_OBJS];
	struct handoff h = { kmem_cache_create("handoff", OBJ_SIZE, 0, 0, NULL), objs };
	struct kmem_cache_info first, info;
	pthread_t t;

	alloc_all(h.c, objs, 0x11);
	cr_assert_eq(kmem_cache_get_info(h.c, NULL, &first), 0);
	pthread_create(&t, NULL, free_all, &h);
	pthread_join(t, NULL);
	cr_assert_eq(kmem_cache_get_info(h.c, NULL, &info), 0);
	cr_assert_lt(info.objects, NR_OBJS, "the exited thread's own cache went back to the slabs");

	alloc_all(h.c, objs, 0x22);	/* from the depot first, then the slabs */
	cr_assert_eq(kmem_cache_get_info(h.c, NULL, &info), 0);
	if (!QUARANTINE)
		cr_assert_eq(info.slabs, first.slabs, "every object came back: no new slab was needed");
	for (int i = 0; i < NR_OBJS; i++) {
		cr_assert_eq(((unsigned char *)objs[i])[OBJ_SIZE - 1], 0x22);
		if (i)
			cr_assert_neq(objs[i], objs[i - 1]);
	}
	for (int i = 0; i < NR_OBJS; i++)
		kmem_cache_free(h.c, objs[i]);
	kmem_cache_shrink(h.c);
	cr_assert_eq(kmem_cache_get_info(h.c, NULL, &info), 0);
	cr_assert_eq(info.objects, 0, "shrink empties the thread cache and the depot");
	cr_assert_eq(info.slabs, 0);
	kmem_cache_destroy(h.c);
	cr_assert(!kmsg_contains("Objects remaining"));
	cr_assert_eq(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), unrecl0);
	ukmem_shutdown();
}

/* Objects parked in the depot are not live: destroy finds none and frees every slab. */
Test(slab_fastpath, destroy_empties_the_depot)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	unsigned long unrecl0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	static void *objs[NR_OBJS];
	struct handoff h = { kmem_cache_create("parked", OBJ_SIZE, 0, 0, NULL), objs };
	pthread_t t;

	alloc_all(h.c, objs, 0x33);
	pthread_create(&t, NULL, free_all, &h);
	pthread_join(t, NULL);
	kmem_cache_destroy(h.c);
	cr_assert(!kmsg_contains("Objects remaining"));
	cr_assert(!kmsg_contains("Slab cache still has objects"));
	cr_assert_eq(kmem_cache_get_info(NULL, "parked", &(struct kmem_cache_info){ 0 }), -ENOENT);
	cr_assert_eq(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), unrecl0);
	ukmem_shutdown();
}

/* A size known at compile time picks its cache at compile time: the same one the size
 * picks at run time, for every boundary of the kmalloc caches. */
#define CHECK_CONSTANT_SIZE(n) do {						\
	volatile size_t runtime = (n);						\
	void *c = kmalloc((n), GFP_KERNEL), *r = kmalloc(runtime, GFP_KERNEL);	\
	cr_assert_eq(ksize(c), kmalloc_size_roundup(n), "kmalloc(%d)", (n));	\
	cr_assert_eq(ksize(c), ksize(r), "kmalloc(%d)", (n));			\
	memset(c, 0x5a, (n));							\
	kfree(c);								\
	kfree(r);								\
} while (0)

Test(slab_fastpath, constant_sizes_pick_the_runtime_cache)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	CHECK_CONSTANT_SIZE(1);
	CHECK_CONSTANT_SIZE(8);
	CHECK_CONSTANT_SIZE(9);
	CHECK_CONSTANT_SIZE(16);
	CHECK_CONSTANT_SIZE(17);
	CHECK_CONSTANT_SIZE(32);
	CHECK_CONSTANT_SIZE(33);
	CHECK_CONSTANT_SIZE(64);
	CHECK_CONSTANT_SIZE(65);
	CHECK_CONSTANT_SIZE(96);
	CHECK_CONSTANT_SIZE(97);
	CHECK_CONSTANT_SIZE(128);
	CHECK_CONSTANT_SIZE(129);
	CHECK_CONSTANT_SIZE(192);
	CHECK_CONSTANT_SIZE(193);
	CHECK_CONSTANT_SIZE(256);
	CHECK_CONSTANT_SIZE(257);
	CHECK_CONSTANT_SIZE(512);
	CHECK_CONSTANT_SIZE(1000);
	CHECK_CONSTANT_SIZE(2048);
	CHECK_CONSTANT_SIZE(4096);
	CHECK_CONSTANT_SIZE(4097);
	CHECK_CONSTANT_SIZE(8192);
	CHECK_CONSTANT_SIZE(8193);
	ukmem_shutdown();
}

/* The run-time size table agrees with kmalloc_index() for every size the caches serve. */
Test(slab_fastpath, runtime_size_table_matches_kmalloc_index)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	for (volatile size_t n = 1; n <= KMALLOC_MAX_CACHE_SIZE; n++) {
		unsigned int index = kmalloc_index(n);
		size_t want = index == 1 ? 96 : index == 2 ? 192 : (size_t)1 << index;
		void *p = kmalloc(n, GFP_KERNEL);

		cr_assert_eq(kmalloc_size_roundup(n), want, "size %zu", (size_t)n);
		cr_assert_eq(ksize(p), want, "size %zu", (size_t)n);
		kfree(p);
	}
	ukmem_shutdown();
}

/* The compile-time path keeps the gfp type, zeroing and the DMA zone. */
Test(slab_fastpath, constant_size_honours_gfp)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	unsigned char *p = kmalloc(100, GFP_KERNEL), *z, *d;

	memset(p, 0xff, 100);
	kfree(p);
	z = kzalloc(100, GFP_KERNEL);
	if (!QUARANTINE)
		cr_assert_eq(z, p, "the freed object comes back first");
	for (int i = 0; i < 100; i++)
		cr_assert_eq(z[i], 0);
	d = kmalloc(100, GFP_KERNEL | GFP_DMA);
	cr_assert_eq(page_zonenum(virt_to_page(d)), ZONE_DMA);
	cr_assert_eq(ksize(d), 128);
	kfree(z);
	kfree(d);
	ukmem_shutdown();
}

/* A plain program that never boots gets a machine from its first kmalloc. */
Test(slab_fastpath, constant_size_kmalloc_boots_the_machine)
{
	char *p = kmalloc(64, GFP_KERNEL);

	cr_assert_not_null(p);
	cr_assert_eq(ksize(p), 64);
	strcpy(p, "booted");
	kfree(p);
	ukmem_shutdown();
}

/* Once a cache's slabs are gone their pages lose the cache id: a late kfree of one of
 * its objects is refused with a warning, and kmalloc goes on working. */
Test(slab_fastpath, kfree_after_the_slab_went_back_is_refused)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *c = kmem_cache_create("gone", 256, 0, 0, NULL);
	void *stale = kmem_cache_alloc(c, GFP_KERNEL);
	char *fresh;

	kmem_cache_free(c, stale);
	kmem_cache_destroy(c);
	kfree(stale);
	cr_assert(kmsg_contains("WARNING:"));
	cr_assert(kmsg_contains("object pointer: 0x"));
	fresh = kmalloc(256, GFP_KERNEL);
	strcpy(fresh, "still fine");
	cr_assert_eq(ksize(fresh), 256);
	kfree(fresh);
	ukmem_shutdown();
}

Test(slab_fastpath, kmem_cache_free_twice_is_caught, .signal = DOUBLE_FREE_SIGNAL)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *c = kmem_cache_create("twice", 48, 0, 0, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	if (QUARANTINE) {
		cr_assert(kmsg_contains("BUG: KASAN: double-free in "));
		ukmem_shutdown();
	}
}

/* After the thread cache has moved objects to the depot, the object freed last is still
 * the one a second free of it is checked against. */
Test(slab_fastpath, double_free_after_depot_moves_is_caught, .signal = DOUBLE_FREE_SIGNAL)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *c = kmem_cache_create("full", 2048, 0, 0, NULL);
	static void *objs[2000];
	int n = 0;

	for (; n < 2000; n++)
		objs[n] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < n - 1; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_free(c, objs[n - 2]);
	if (QUARANTINE) {
		cr_assert(kmsg_contains("BUG: KASAN: double-free in "));
		ukmem_shutdown();
	}
}
