// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/mm/test_slab_validate.c: validate_slab_cache(), SLUB's check of every slab of a
 * cache: what it reports in SLUB's words, what it repairs, and that a repaired cache
 * goes on working (every object allocated and freed again, destroyed with nothing left). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include "kmsg.h"
#include "mm/slab.h"

/* Allocates every object of one slab's worth plus one and frees them all: a cache whose
 * freelists and counters are sound hands out distinct objects and takes them all back. */
static void exercise(struct kmem_cache *s)
{
	unsigned int n = s->objects + 1;
	void **objs = calloc(n, sizeof(void *));

	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		cr_assert_not_null(objs[i]);
		for (unsigned int j = 0; j < i; j++)
			cr_assert_neq(objs[i], objs[j], "object %u handed out twice", i);
	}
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	free(objs);
}

/* Destroys s, which must hold no object any more, and shuts the machine down. */
static void destroy_empty(struct kmem_cache *s)
{
	char line[96];

	snprintf(line, sizeof(line), "Objects remaining in %s", s->name);
	kmem_cache_destroy(s);
	cr_assert(!kmsg_contains(line), "%s", line);
	ukmem_shutdown();
}

Test(slab_validate, a_sound_cache_has_no_report_and_counts_its_slabs)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *s = kmem_cache_create("vsound", 100, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	unsigned int n = 2 * s->objects + 1;	/* three slabs, the last one partial */
	void **objs = calloc(n, sizeof(void *));

	for (unsigned int i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, objs[0]);		/* one free object in a full slab's place */
	cr_assert_eq(validate_slab_cache(s), 3);
	cr_assert(!kmsg_contains("BUG vsound"));
	cr_assert(!kmsg_contains("FIX vsound"));
	for (unsigned int i = 1; i < n; i++)
		kmem_cache_free(s, objs[i]);
	free(objs);
	kmem_cache_destroy(s);
	cr_assert(!kmsg_contains("vsound"));
	ukmem_shutdown();
}

Test(slab_validate, a_corrupt_freechain_is_cut_and_the_count_repaired)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *s = kmem_cache_create("vchain", 64, 0, SLAB_POISON, NULL);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	unsigned long saved, *fp = (unsigned long *)(p + s->offset);
	char line[128];

	kmem_cache_free(s, p);			/* p heads its slab's freelist */
	saved = *fp;
	p[s->offset] = (u8)~p[s->offset];
	cr_assert_eq(validate_slab_cache(s), 1);
	cr_assert(kmsg_contains("BUG vchain (Not tainted): Freechain corrupt"));
	snprintf(line, sizeof(line), "Wrong object count. Counter is 0 but counted were %u",
		 s->objects - 1);
	cr_assert(kmsg_contains(line), "%s", line);
	cr_assert(kmsg_contains("FIX vchain: Object count adjusted"));
	cr_assert_null(get_freepointer(s, p), "the bad pointer was replaced by the list's end");

	/* The old pointer back: the whole freelist again, so the count is wrong the other way. */
	*fp = saved;
	cr_assert_eq(validate_slab_cache(s), 1);
	snprintf(line, sizeof(line), "Wrong object count. Counter is %u but counted were 0",
		 s->objects - 1);
	cr_assert(kmsg_contains(line), "%s", line);
	cr_assert_eq(kmsg_count("FIX vchain: Object count adjusted"), 2);

	/* Repaired: nothing more to say, and the cache works. */
	size_t bugs = kmsg_count("BUG vchain");
	cr_assert_eq(validate_slab_cache(s), 1);
	cr_assert_eq(kmsg_count("BUG vchain"), bugs);
	exercise(s);				/* a second slab, kept empty afterwards */
	cr_assert_eq(validate_slab_cache(s), 2);
	cr_assert_eq(kmsg_count("BUG vchain"), bugs);
	destroy_empty(s);
}

Test(slab_validate, a_clobbered_free_object_is_reported_and_its_poison_restored)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *s = kmem_cache_create("vpoison", 64, 0, SLAB_POISON, NULL);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	char line[160];

	kmem_cache_free(s, p);
	p[50] = 0x9a;
	cr_assert_eq(validate_slab_cache(s), 1);
	cr_assert(kmsg_contains("BUG vpoison (Not tainted): Poison overwritten"));
	snprintf(line, sizeof(line), "0x%016lx-0x%016lx @offset=", (unsigned long)(p + 50),
		 (unsigned long)(p + 50));
	cr_assert(kmsg_contains(line), "%s", line);
	cr_assert(kmsg_contains("First byte 0x9a instead of 0x6b"));
	snprintf(line, sizeof(line), "FIX vpoison: Restoring Poison 0x%016lx-0x%016lx=0x6b",
		 (unsigned long)(p + 50), (unsigned long)(p + 50));
	cr_assert(kmsg_contains(line), "%s", line);
	cr_assert_eq(p[50], 0x6b, "the poison is back");
	cr_assert_eq(validate_slab_cache(s), 1);
	cr_assert_eq(kmsg_count("BUG vpoison"), 1, "a repaired object is not reported again");
	exercise(s);
	destroy_empty(s);
}

Test(slab_validate, a_right_redzone_of_a_live_object_is_checked_as_active)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *s = kmem_cache_create("vzone", 64, 0, SLAB_RED_ZONE, NULL);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *volatile past = p + 64;

	*past = 0x12;
	cr_assert_eq(validate_slab_cache(s), 1);
	cr_assert(kmsg_contains("BUG vzone (Not tainted): Right Redzone overwritten"));
	cr_assert(kmsg_contains("First byte 0x12 instead of 0xcc"));
	cr_assert(kmsg_contains("FIX vzone: Restoring Right Redzone"));
	cr_assert_eq(*past, 0xcc);
	kmem_cache_free(s, p);			/* a clean free now: no further report */
	cr_assert_eq(kmsg_count("BUG vzone"), 1);
	destroy_empty(s);
}

Test(slab_validate, a_cache_with_thread_caches_validates_clean)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *s = kmem_cache_create("vfast", 48, 0, 0, NULL);

	exercise(s);				/* objects now wait in this thread's cache */
	cr_assert_geq(validate_slab_cache(s), 1);
	cr_assert(!kmsg_contains("vfast"));
	exercise(s);
	kmem_cache_destroy(s);
	cr_assert(!kmsg_contains("vfast"));
	ukmem_shutdown();
}
