// SPDX-License-Identifier: LGPL-2.1-or-later
/* What Linux 6.1's KFENCE test (mm/kfence/kfence_test.c) reads of the slab and of KFENCE:
 * kmalloc_caches[kmalloc_type()][__kmalloc_index()] must be the caches kmalloc really
 * uses, obj_to_index()/objs_per_slab() the real positions in ukmem's slabs (0 and 1 for a
 * KFENCE object), and kfence_metadata[] the metadata KFENCE itself keeps, in 6.1's
 * layout, with kfence.num_objects= entries in use. Each check is exact, then the slab
 * and KFENCE are shown to keep working. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "kernel/printk.h"
#include "mm/kfence/kfence.h"
#include "mm/slab.h"
#include "kmsg.h"

static void boot(const char *cmdline)
{
	unsetenv("UKMEM_CMDLINE");
	cr_assert_eq(ukmem_boot(cmdline), 0);
}

/* Linux 6.1's numbering, size by size. */
Test(kfence_kapi, kmalloc_index_numbers_the_sizes_as_linux)
{
	static const struct { size_t size; unsigned int index; } want[] = {
		{ 0, 0 }, { 1, 3 }, { 8, 3 }, { 9, 4 }, { 16, 4 }, { 17, 5 }, { 32, 5 },
		{ 33, 6 }, { 64, 6 }, { 65, 1 }, { 96, 1 }, { 97, 7 }, { 128, 7 }, { 129, 2 },
		{ 192, 2 }, { 193, 8 }, { 256, 8 }, { 257, 9 }, { 1024, 10 }, { 2048, 11 },
		{ 2049, 12 }, { 4096, 12 }, { 4097, 13 }, { 8192, 13 }, { 8193, 14 },
		{ 1 << 20, 20 }, { 32 << 20, 25 }, { (32 << 20) + 1, -1U },
	};

	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		cr_expect_eq(__kmalloc_index(want[i].size, false), want[i].index, "size %zu: %u",
			     want[i].size, __kmalloc_index(want[i].size, false));
	cr_expect_eq(kmalloc_index(200), 8);
}

/* Every kmalloc size and kind lands in kmalloc_caches[type][index]. */
Test(kfence_kapi, kmalloc_caches_are_the_caches_kmalloc_uses)
{
	static const struct { gfp_t gfp; enum kmalloc_cache_type type; const char *prefix; } kinds[] = {
		{ GFP_KERNEL, KMALLOC_NORMAL, "kmalloc-" },
		{ GFP_KERNEL_ACCOUNT, KMALLOC_CGROUP, "kmalloc-cg-" },
		{ GFP_KERNEL | __GFP_RECLAIMABLE, KMALLOC_RECLAIM, "kmalloc-rcl-" },
		{ GFP_KERNEL | GFP_DMA, KMALLOC_DMA, "dma-kmalloc-" },
	};

	boot("mem=128M kfence.sample_interval=0");
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		cr_assert_eq(kmalloc_type(kinds[k].gfp), kinds[k].type);
		for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size += size < 256 ? 1 : 61) {
			struct kmem_cache *s = kmalloc_caches[kmalloc_type(kinds[k].gfp)]
							     [__kmalloc_index(size, false)];
			void *p = kmalloc(size, kinds[k].gfp);

			cr_assert_not_null(p);
			cr_assert_not_null(s, "no cache for %zu", size);
			cr_assert_eq(virt_to_slab(p)->slab_cache, s, "size %zu, %s", size, s->name);
			cr_assert_geq(s->object_size, size);
			cr_assert(!strncmp(s->name, kinds[k].prefix, strlen(kinds[k].prefix)),
				  "%s", s->name);
			memset(p, 0x5a, size);
			kfree(p);
		}
	}
	cr_expect_str_eq(kmalloc_caches[KMALLOC_NORMAL][1]->name, "kmalloc-96");
	cr_expect_str_eq(kmalloc_caches[KMALLOC_NORMAL][2]->name, "kmalloc-192");
	cr_expect_str_eq(kmalloc_caches[KMALLOC_NORMAL][13]->name, "kmalloc-8k");
	cr_expect_null(kmalloc_caches[KMALLOC_NORMAL][0]);
	ukmem_shutdown();
}

/* obj_to_index() is each object's position in its slab; objs_per_slab() the slab's
 * object count, the same for every slab of the cache. */
Test(kfence_kapi, obj_to_index_is_the_position_in_the_slab)
{
	struct kmem_cache *s;
	void *p[200];

	boot("mem=128M kfence.sample_interval=0");
	s = kmem_cache_create("index40", 40, 8, SLAB_NOLEAKTRACE, NULL);
	cr_assert_not_null(s);
	for (int i = 0; i < 200; i++) {
		struct slab *slab;
		unsigned long off;

		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
		cr_assert_not_null(p[i]);
		slab = virt_to_slab(p[i]);
		off = (unsigned long)p[i] - (unsigned long)slab_address(slab);
		cr_assert_eq(off % s->size, 0);
		cr_assert_eq(obj_to_index(s, slab, p[i]), off / s->size);
		cr_assert_lt(obj_to_index(s, slab, p[i]), (unsigned int)objs_per_slab(s, slab));
		cr_assert_eq(objs_per_slab(s, slab), (int)s->objects);
		cr_assert_eq(__obj_to_index(s, slab_address(slab), (char *)p[i] + s->size - 1),
			     off / s->size, "the last byte of an object is in it");
	}
	for (int i = 0; i < 200; i++)
		kmem_cache_free(s, p[i]);
	kmem_cache_destroy(s);
	ukmem_shutdown();
}

/* A sampled allocation (the gate opened by hand) at the wanted end of its page. */
static void *kfence_kmalloc(size_t size, bool right)
{
	for (int i = 0; i < 10000; i++) {
		void *p;

		__atomic_store_n(&slab_slow_reasons.kfence_armed, true, __ATOMIC_RELEASE);
		p = kmalloc(size, GFP_KERNEL);
		if (is_kfence_address(p) && (((unsigned long)p & (PAGE_SIZE - 1)) != 0) == right)
			return p;
		kfree(p);
	}
	cr_assert_fail("no KFENCE object came");
	return NULL;
}

/* kfence_metadata[] is KFENCE's own record of each object, as 6.1 keeps it. */
Test(kfence_kapi, kfence_metadata_is_what_kfence_keeps)
{
	struct kmem_cache *k32;
	struct kfence_metadata *meta;
	u64 before;
	char *p;

	boot("mem=128M kfence.sample_interval=100000");
	cr_assert_eq(kfence_num_objects, 255);
	cr_assert_eq(kfence_pool_size, 256 * 2 * PAGE_SIZE);
	k32 = kmalloc_caches[kmalloc_type(GFP_KERNEL)][__kmalloc_index(32, false)];
	for (int right = 0; right < 2; right++) {
		before = printk_clock_usec();
		p = kfence_kmalloc(32, right);
		meta = addr_to_metadata((unsigned long)p);
		cr_assert_not_null(meta);
		cr_assert_eq(meta, &kfence_metadata[((unsigned long)p - (unsigned long)__kfence_pool) /
						    (2 * PAGE_SIZE) - 1]);
		cr_expect_eq(meta->addr, (unsigned long)p);
		cr_expect_eq(meta->size, 32);
		cr_expect_eq(meta->state, KFENCE_OBJECT_ALLOCATED);
		cr_expect_eq(meta->cache, k32);
		cr_expect_eq(meta->alloc_track.pid, current->pid);
		cr_expect_geq(meta->alloc_track.ts_nsec, before * 1000);
		cr_expect_gt(meta->alloc_track.num_stack_entries, 0);
		/* What kfence_test checks of every KFENCE allocation. */
		cr_expect_eq(obj_to_index(k32, virt_to_slab(p), p), 0);
		cr_expect_eq(objs_per_slab(k32, virt_to_slab(p)), 1);
		cr_expect_eq(virt_to_slab(p)->slab_cache, k32);
		memset(p, 0x11, 32);
		kfree(p);
		cr_expect_eq(meta->state, KFENCE_OBJECT_FREED);
		cr_expect_eq(meta->free_track.pid, current->pid);
		cr_expect_geq(meta->free_track.ts_nsec, meta->alloc_track.ts_nsec);
		cr_expect_gt(meta->free_track.num_stack_entries, 0);
	}
	/* The freelist is shuffled, so the last object may have been one of the samples
	 * above and sit at the end of its page: compare the page. */
	cr_expect_eq(ALIGN_DOWN(kfence_metadata[kfence_num_objects - 1].addr, PAGE_SIZE),
		     (unsigned long)__kfence_pool + kfence_num_objects * 2 * PAGE_SIZE,
		     "the last object in use has its page");
	cr_expect_null(addr_to_metadata((unsigned long)__kfence_pool + PAGE_SIZE));
	cr_expect(!kmsg_contains("BUG: KFENCE"));
	ukmem_shutdown();
}

/* kfence.num_objects= chooses how many entries are used, up to CONFIG_KFENCE_NUM_OBJECTS
 * (the largest pool); a larger number leaves KFENCE off with Linux's warning. */
Test(kfence_kapi, num_objects_up_to_the_array)
{
	char *p;

	cr_assert_eq(ARRAY_SIZE(kfence_metadata), CONFIG_KFENCE_NUM_OBJECTS);
	boot("mem=128M kfence.sample_interval=100000 kfence.num_objects=511");
	cr_assert_eq(kfence_num_objects, 511);
	cr_assert_eq(kfence_pool_size, 512 * 2 * PAGE_SIZE);
	p = kfence_kmalloc(64, true);
	cr_assert_not_null(addr_to_metadata((unsigned long)p));
	cr_expect_eq(addr_to_metadata((unsigned long)p)->size, 64);
	kfree(p);
	ukmem_shutdown();

	boot("mem=128M kfence.sample_interval=100000 kfence.num_objects=512");
	cr_expect_null(__kfence_pool);
	cr_expect_eq(kfence_pool_size, 0);
	cr_expect(kmsg_contains("kfence: KFENCE_NUM_OBJECTS too large for buddy allocator"));
	p = kmalloc(64, GFP_KERNEL);
	cr_assert_not_null(p);
	cr_expect(!is_kfence_address(p));
	kfree(p);
	ukmem_shutdown();
}

/* kmem_cache_free_bulk(NULL, ...) (kfree_bulk()) frees each object where it came from:
 * kmalloc objects of any size, a large kmalloc and a KFENCE object, as kfence_test's
 * test_free_bulk frees them. */
Test(kfence_kapi, free_bulk_without_a_cache_frees_like_kfree)
{
	void *p[6];

	boot("mem=128M kfence.sample_interval=100000");
	p[0] = kfence_kmalloc(100, true);
	p[1] = kmalloc(8, GFP_KERNEL);
	p[2] = kmalloc(3000, GFP_KERNEL);
	p[3] = kmalloc(64 << 10, GFP_KERNEL);		/* from the page allocator */
	p[4] = kfence_kmalloc(200, false);
	p[5] = kmalloc(200, GFP_KERNEL);
	for (int i = 0; i < 6; i++)
		cr_assert_not_null(p[i]);
	kmem_cache_free_bulk(NULL, 3, p);
	kfree_bulk(3, p + 3);
	cr_expect_eq(addr_to_metadata((unsigned long)p[0])->state, KFENCE_OBJECT_FREED);
	cr_expect_eq(addr_to_metadata((unsigned long)p[4])->state, KFENCE_OBJECT_FREED);
	cr_expect(!kmsg_contains("BUG:"));
	/* Freed means reusable: the same sizes come again, and free normally. */
	for (int i = 0; i < 6; i++) {
		p[i] = kmalloc(i == 3 ? 64 << 10 : 100, GFP_KERNEL);
		cr_assert_not_null(p[i]);
	}
	kfree_bulk(6, p);
	cr_expect(!kmsg_contains("BUG:"));
	ukmem_shutdown();
}
