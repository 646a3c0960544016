// SPDX-License-Identifier: LGPL-2.1-or-later
/* kmem_cache_*: creation forms and flags, constructors and destructors, merging, bulk
 * calls, per-thread caches across threads and thread exit, and the misuse reports
 * (wrong cache, double free, destroy with live objects). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include "asan_quarantine.h"
#include "kmsg.h"
#include "mm/slab.h"

struct thing {
	long id;
	char name[52];
};

static int ctor_calls;
static void thing_ctor(void *p)
{
	struct thing *t = p;

	__atomic_fetch_add(&ctor_calls, 1, __ATOMIC_RELAXED);
	t->id = 42;
}

static int old_ctor_calls, old_dtor_calls;
static void old_ctor(void *p, struct kmem_cache *c, unsigned long flags)
{
	old_ctor_calls++;
	memset(p, 0x5c, kmem_cache_size(c));
}
static void old_dtor(void *p, struct kmem_cache *c, unsigned long flags)
{
	old_dtor_calls++;
}

static void assert_no_slab_pages_left(unsigned long unrecl0)
{
	cr_assert_eq(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), unrecl0,
		     "every slab page went back");
}

Test(slab, constructor_runs_once_per_object_not_per_allocation)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	unsigned long unrecl0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	struct kmem_cache *c = kmem_cache_create("thing", sizeof(struct thing), 0,
						 SLAB_HWCACHE_ALIGN, thing_ctor);
	struct kmem_cache_info info;
	struct thing *t;

	cr_assert(c);
	t = kmem_cache_alloc(c, GFP_KERNEL);
	cr_assert_eq(t->id, 42);
	cr_assert_eq(kmem_cache_get_info(c, NULL, &info), 0);
	cr_assert_eq(ctor_calls, (int)info.objs_per_slab, "one slab made: ctor ran per object");
	t->id = 7;
	kmem_cache_free(c, t);
	t = kmem_cache_alloc(c, GFP_KERNEL);
	if (!QUARANTINE)
		cr_assert_eq(t->id, 7, "no constructor on reuse");
	cr_assert_eq(ctor_calls, (int)info.objs_per_slab);
	kmem_cache_free(c, t);
	kmem_cache_destroy(c);
	assert_no_slab_pages_left(unrecl0);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(slab, six_argument_form_with_destructor)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *c = kmem_cache_create("old_style", 100, 0,
						 SLAB_HWCACHE_ALIGN | SLAB_PANIC, old_ctor, old_dtor);
	struct kmem_cache_info info;
	unsigned char *p;

	cr_assert(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	cr_assert_eq(p[99], 0x5c);
	cr_assert_eq(kmem_cache_get_info(c, NULL, &info), 0);
	cr_assert_eq(old_ctor_calls, (int)info.objs_per_slab);
	cr_assert_eq(old_dtor_calls, 0);
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	cr_assert_eq(old_dtor_calls, (int)info.objs_per_slab, "destructor ran as the slab went");
	ukmem_shutdown();
}

Test(slab, zalloc_bulk_and_shrink)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	unsigned long unrecl0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	struct kmem_cache *c = kmem_cache_create("bulk", 200, 0, 0, NULL);
	struct kmem_cache_info info;
	void *objs[300];

	cr_assert_eq(kmem_cache_alloc_bulk(c, GFP_KERNEL, 300, objs), 300);
	for (int i = 0; i < 300; i++) {
		memset(objs[i], i, 200);
		for (int j = 0; j < i; j += 37)
			cr_assert_neq(objs[i], objs[j]);
	}
	for (int i = 0; i < 300; i++)
		cr_assert_eq(((unsigned char *)objs[i])[199], (unsigned char)i);
	kmem_cache_free_bulk(c, 300, objs);
	unsigned char *z = kmem_cache_zalloc(c, GFP_KERNEL);

	for (int i = 0; i < 200; i++)
		cr_assert_eq(z[i], 0);
	kmem_cache_free(c, z);
	kmem_cache_shrink(c);
	cr_assert_eq(kmem_cache_get_info(c, NULL, &info), 0);
	cr_assert_eq(info.objects, 0);
	cr_assert_leq(info.slabs, 0, "shrink gave back the empty slabs");
	kmem_cache_destroy(c);
	kmem_cache_destroy(NULL);
	assert_no_slab_pages_left(unrecl0);
	ukmem_shutdown();
}

Test(slab, dma_cache_slabs_come_from_zone_dma)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *d = kmem_cache_create("dma_things", 128, 0, SLAB_CACHE_DMA, NULL);
	struct kmem_cache *d32 = kmem_cache_create("dma32_things", 128, 0, SLAB_CACHE_DMA32, NULL);
	void *p = kmem_cache_alloc(d, GFP_KERNEL), *q = kmem_cache_alloc(d32, GFP_KERNEL);

	cr_assert_eq(page_zonenum(virt_to_page(p)), ZONE_DMA);
	cr_assert_eq(page_zonenum(virt_to_page(q)), ZONE_DMA32);
	kmem_cache_free(d, p);
	kmem_cache_free(d32, q);
	kmem_cache_destroy(d);
	kmem_cache_destroy(d32);
	ukmem_shutdown();
}

Test(slab, compatible_caches_merge_unless_slab_nomerge)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *a = kmem_cache_create("merge_a", 1020, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("merge_b", 1020, 0, 0, NULL);
	struct kmem_cache_info info;

	if (KASAN_LAYOUT) {	/* KASAN's caches never merge (6.1's SLAB_KASAN) */
		cr_assert_neq(a, b);
		cr_assert_eq(kmem_cache_get_info(a, NULL, &info), 0);
		cr_assert_str_eq(info.name, "merge_a");
		cr_assert_eq(info.aliases, 0);
	} else {
		cr_assert_eq(a, b);
		cr_assert_eq(kmem_cache_get_info(a, NULL, &info), 0);
		cr_assert_str_eq(info.name, "kmalloc-1k");
		cr_assert_geq(info.aliases, 2);
	}
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	a = kmem_cache_create("merge_a", 1020, 0, 0, NULL);
	cr_assert_eq(kmem_cache_get_info(a, NULL, &info), 0);
	cr_assert_str_eq(info.name, "merge_a");
	cr_assert_eq(info.aliases, 0);
	kmem_cache_destroy(a);
	ukmem_shutdown();
}

Test(slab, gfp_zero_on_cache_with_ctor_warns)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *c = kmem_cache_create("ctor_zero", 64, 0, 0, thing_ctor);
	void *p = kmem_cache_alloc(c, GFP_KERNEL | __GFP_ZERO);

	cr_assert(kmsg_contains("WARNING: CPU:"));
	cr_assert(kmsg_contains("slub.c"));
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	ukmem_shutdown();
}

Test(slab, panic_flag_makes_creation_failure_fatal, .signal = SIGABRT)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	kmem_cache_create("too_big", KMALLOC_MAX_SIZE + 1, 0, SLAB_PANIC, NULL);
}

Test(slab, creation_failure_without_panic_returns_null)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_null(kmem_cache_create("too_big", KMALLOC_MAX_SIZE + 1, 0, 0, NULL));
	cr_assert(kmsg_contains("kmem_cache_create_usercopy(too_big) failed with error -22"));
	ukmem_shutdown();
}

Test(slab, wrong_cache_is_reported_and_the_object_goes_home)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *a = kmem_cache_create("cache_a", 96, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("cache_b", 96, 0, 0, NULL);
	struct kmem_cache_info info;
	void *p = kmem_cache_alloc(a, GFP_KERNEL);

	kmem_cache_free(b, p);
	cr_assert(kmsg_contains("cache_from_obj: Wrong slab cache. cache_b but object is from cache_a"));
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	cr_assert(!kmsg_contains("Objects remaining"), "the object went back to cache_a");
	cr_assert_neq(kmem_cache_get_info(NULL, "cache_a", &info), 0);
	ukmem_shutdown();
}

Test(slab, naive_double_free_is_caught, .signal = DOUBLE_FREE_SIGNAL)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void *keep = kmalloc(64, GFP_KERNEL), *p = kmalloc(64, GFP_KERNEL);

	kfree(keep);
	kfree(p);
	kfree(p);
	if (QUARANTINE) {
		cr_assert(kmsg_contains("BUG: KASAN: double-free in "));
		ukmem_shutdown();
	}
}

Test(slab, destroy_with_live_objects_reports_and_keeps_cache)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *c = kmem_cache_create("leaky", 256, 0, 0, NULL);
	struct kmem_cache_info info;
	char *live = kmem_cache_alloc(c, GFP_KERNEL);

	strcpy(live, "still here");
	kmem_cache_destroy(c);
	cr_assert(kmsg_contains("BUG leaky (Not tainted): Objects remaining in leaky on __kmem_cache_shutdown()"));
	cr_assert(kmsg_contains("Object 0x"));
	cr_assert(kmsg_contains("kmem_cache_destroy leaky: Slab cache still has objects when called from"));
	cr_assert_eq(kmem_cache_get_info(NULL, "leaky", &info), 0, "the cache is kept");
	cr_assert_eq(info.objects, 1);
	cr_assert_str_eq(live, "still here");
	ukmem_shutdown();
}

/* Destroying a cache twice is reported and harms nothing (a use after free of the
 * cache's own memory otherwise). */
Test(slab, destroying_a_cache_twice_is_reported)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *c = kmem_cache_create("twice", 96, 0, 0, NULL);
	struct kmem_cache *other = kmem_cache_create("other", 96, 0, 0, NULL);
	struct kmem_cache_info info;
	char *obj = kmem_cache_alloc(other, GFP_KERNEL);

	strcpy(obj, "untouched");
	kmem_cache_destroy(c);
	cr_assert(!kmsg_contains("WARNING:"));
	kmem_cache_destroy(c);
	if (QUARANTINE) {
		/* ASan builds: the freed cache is poisoned, and reading it is KASAN's report, as
		 * in Linux with KASAN. */
		cr_assert(kmsg_contains("BUG: KASAN: use-after-free in "));
		cr_assert(kmsg_contains("Read of size 1 at addr "));
		cr_assert(kmsg_contains(" which belongs to the cache kmem_cache of size "));
	} else {
		cr_assert(kmsg_contains("kmem_cache_destroy: "));
		cr_assert(kmsg_contains(" is not a slab cache (destroyed already?)"));
		cr_assert(kmsg_contains("WARNING: CPU: "));
	}
	cr_assert_eq(kmem_cache_get_info(NULL, "twice", &info), -ENOENT);
	cr_assert_eq(kmem_cache_get_info(NULL, "other", &info), 0, "the other cache lives");
	cr_assert_str_eq(obj, "untouched");
	kmem_cache_free(other, obj);
	kmem_cache_destroy(other);
	cr_assert_eq(kmsg_count("WARNING:"), QUARANTINE ? 0 : 1);
	ukmem_shutdown();
}

struct pipe {
	struct kmem_cache *c;
	void *volatile slots[256];
	int rounds;
};

static void *producer(void *arg)
{
	struct pipe *pp = arg;

	for (int r = 0; r < pp->rounds; r++)
		for (int i = 0; i < 256; i++) {
			void *obj;

			while (__atomic_load_n(&pp->slots[i], __ATOMIC_ACQUIRE))
				;
			obj = kmem_cache_alloc(pp->c, GFP_KERNEL);
			memset(obj, i, 64);
			__atomic_store_n(&pp->slots[i], obj, __ATOMIC_RELEASE);
		}
	return NULL;
}

static void *consumer(void *arg)
{
	struct pipe *pp = arg;

	for (int r = 0; r < pp->rounds; r++)
		for (int i = 0; i < 256; i++) {
			unsigned char *obj;

			while (!(obj = __atomic_load_n(&pp->slots[i], __ATOMIC_ACQUIRE)))
				;
			if (obj[0] != (unsigned char)i || obj[63] != (unsigned char)i)
				abort();
			__atomic_store_n(&pp->slots[i], NULL, __ATOMIC_RELEASE);
			kmem_cache_free(pp->c, obj);
		}
	return NULL;
}

Test(slab, cross_thread_frees_and_thread_exit_give_objects_back)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	unsigned long unrecl0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	struct pipe pp = { .c = kmem_cache_create("pipe", 64, 0, 0, NULL), .rounds = 200 };
	struct kmem_cache_info info;
	pthread_t prod, cons;

	pthread_create(&prod, NULL, producer, &pp);
	pthread_create(&cons, NULL, consumer, &pp);
	pthread_join(prod, NULL);
	pthread_join(cons, NULL);
	if (QUARANTINE)
		kmem_cache_shrink(pp.c);	/* the quarantine gives its objects back */
	cr_assert_eq(kmem_cache_get_info(pp.c, NULL, &info), 0);
	cr_assert_eq(info.objects, 0, "exited threads handed their cached objects back");
	kmem_cache_destroy(pp.c);
	cr_assert(!kmsg_contains("Objects remaining"));
	assert_no_slab_pages_left(unrecl0);
	ukmem_shutdown();
}

Test(slab, slub_debug_redzone_overwrite_is_reported_and_isolated)
{
	cr_assert_eq(ukmem_boot("slub_debug=FZPU,kmalloc-64"), 0);
	unsigned char *p = kmalloc(64, GFP_KERNEL), *q;

	unsigned char *volatile past = p + 64;

	*past = 0x11;				/* one byte past the object */
	kfree(p);
	cr_assert(kmsg_contains("BUG kmalloc-64 (Not tainted): Right Redzone overwritten"));
	cr_assert(kmsg_contains("First byte 0x11 instead of 0xcc"));
	cr_assert(kmsg_contains("FIX kmalloc-64: Restoring Right Redzone"));
	cr_assert(kmsg_contains("Allocated in "));
	/* The slab holds p and whatever boot left in kmalloc-64 (PCI's and sysfs' objects). */
	char *log = proc_text("/dev/kmsg"), *slab_line = strstr(log, " objects=15 used=");
	unsigned int used = 0;

	cr_assert(slab_line && sscanf(slab_line, " objects=15 used=%u fp=0x", &used) == 1);
	cr_assert(used >= 1 && used <= 15, "used=%u", used);
	free(log);
	cr_assert(kmsg_contains("(slab|"));
	q = kmalloc(64, GFP_KERNEL);
	cr_assert_neq(p, q, "the damaged object is not handed out again");
	kfree(q);
	ukmem_shutdown();
}

Test(slab, slub_debug_use_after_free_breaks_poison)
{
	cr_assert_eq(ukmem_boot("slub_debug=FZPU,kmalloc-128"), 0);
	unsigned char *p = kmalloc(128, GFP_KERNEL), *q;

	kfree(p);
	p[10] = 0x42;				/* write after free */
	q = kmalloc(128, GFP_KERNEL);
	cr_assert(kmsg_contains("BUG kmalloc-128 (Not tainted): Poison overwritten"));
	cr_assert(kmsg_contains("First byte 0x42 instead of 0x6b"));
	cr_assert(kmsg_contains("Freed in "));
	cr_assert_neq(p, q);
	kfree(q);
	ukmem_shutdown();
}

Test(slab, slub_debug_double_free_is_object_already_free)
{
	cr_assert_eq(ukmem_boot("slub_debug=FZPU,kmalloc-32"), 0);
	char *p = kmalloc(32, GFP_KERNEL), *q = kmalloc(32, GFP_KERNEL);

	strcpy(q, "untouched");
	kfree(p);
	kfree(p);
	cr_assert(kmsg_contains("BUG kmalloc-32 (Not tainted): Object already free"));
	cr_assert_str_eq(q, "untouched");
	kfree(q);
	ukmem_shutdown();
}

Test(slab, store_user_tracks_show_in_destroy_report)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *c = kmem_cache_create("tracked", 48, 0, SLAB_STORE_USER, NULL);
	void *live = kmem_cache_alloc(c, GFP_KERNEL);

	cr_assert(live);
	kmem_cache_destroy(c);
	cr_assert(kmsg_contains("Objects remaining in tracked on __kmem_cache_shutdown()"));
	cr_assert(kmsg_contains("Allocated in "));
	ukmem_shutdown();
}

Test(slab, typesafe_by_rcu_slabs_wait_for_a_grace_period)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	unsigned long unrecl0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	struct kmem_cache *c = kmem_cache_create("rcu_things", 128, 0, SLAB_TYPESAFE_BY_RCU, NULL);
	long *obj = kmem_cache_alloc(c, GFP_KERNEL);
	struct page *page = virt_to_page(obj);

	*obj = 1234;
	rcu_read_lock();
	kmem_cache_free(c, obj);
	kmem_cache_shrink(c);
	cr_assert(PageSlab(page), "a reader may still look at it: the slab is kept");
	cr_assert_gt(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), unrecl0);
	cr_assert_eq(*(long *)((char *)obj), 1234, "a typesafe object keeps its contents");
	rcu_read_unlock();
	rcu_barrier();
	cr_assert(!PageSlab(page));
	assert_no_slab_pages_left(unrecl0);
	kmem_cache_destroy(c);
	ukmem_shutdown();
}

struct rcu_obj {
	long payload;
	struct rcu_head rcu;
};

/* init_on_free=1 zeroes an object as it is freed: its payload shows when that happened. */
Test(slab, kfree_rcu_frees_after_the_readers)
{
	cr_assert_eq(ukmem_boot("init_on_free=1"), 0);
	struct rcu_obj *o = kmalloc(sizeof(*o), GFP_KERNEL);
	volatile long *payload = &o->payload;

	o->payload = 99;
	rcu_read_lock();
	kfree_rcu(o, rcu);
	cr_assert_eq(*payload, 99, "not freed while a reader may hold it");
	rcu_read_unlock();
	rcu_barrier();
	if (QUARANTINE)
		cr_assert(asan_poisoned((void *)payload), "freed after the grace period");
	else
		cr_assert_eq(*payload, 0, "freed (and zeroed) after the grace period");
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(slab, alloc_node_places_objects_on_that_node)
{
	cr_assert_eq(ukmem_boot("numa=fake=2"), 0);
	struct kmem_cache *c = kmem_cache_create("per_node", 256, 0, 0, NULL);
	void *on0 = kmem_cache_alloc_node(c, GFP_KERNEL, 0);
	void *on1 = kmem_cache_alloc_node(c, GFP_KERNEL, 1);
	void *k1 = kmalloc_node(100, GFP_KERNEL, 1);

	cr_assert_eq(nr_online_nodes, 2);
	cr_assert_eq(page_to_nid(virt_to_page(on0)), 0);
	cr_assert_eq(page_to_nid(virt_to_page(on1)), 1);
	cr_assert_eq(page_to_nid(virt_to_page(k1)), 1);
	kmem_cache_free(c, on0);
	kmem_cache_free(c, on1);
	kfree(k1);
	kmem_cache_destroy(c);
	cr_assert(!kmsg_contains("Objects remaining"));
	ukmem_shutdown();
}

struct usercopy_thing {
	long header;
	char user_part[40];
	long trailer;
};

Test(slab, kmem_cache_macro_usercopy_and_kmalloc_types)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *a = KMEM_CACHE(thing, SLAB_HWCACHE_ALIGN);
	struct kmem_cache *u = KMEM_CACHE_USERCOPY(usercopy_thing, 0, user_part);
	struct kmem_cache_info info;

	cr_assert(a && u);
	cr_assert_eq(kmem_cache_get_info(a, NULL, &info), 0);
	cr_assert_str_eq(info.name, "thing");
	cr_assert_eq(info.object_size, sizeof(struct thing));
	cr_assert_eq(info.slab_size, KASAN_LAYOUT ? ALIGN(kasan_slab_size(sizeof(struct thing),
									  sizeof(struct thing)), 64) : 64);
	cr_assert_eq(kmem_cache_get_info(u, NULL, &info), 0);
	cr_assert_str_eq(info.name, "usercopy_thing");
	void *cg = kmalloc(50, GFP_KERNEL_ACCOUNT), *rcl = kmalloc(50, GFP_KERNEL | __GFP_RECLAIMABLE);

	cr_assert_eq(kmem_cache_get_info(NULL, "kmalloc-cg-64", &info), 0);
	cr_assert_geq(info.objects, 1);
	cr_assert_eq(kmem_cache_get_info(NULL, "kmalloc-rcl-64", &info), 0);
	cr_assert_geq(info.objects, 1);
	cr_assert_gt(global_node_page_state(NR_SLAB_RECLAIMABLE_B), 0);
	kfree(cg);
	kfree(rcl);
	kmem_cache_destroy(a);
	kmem_cache_destroy(u);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(slab, shutdown_with_a_live_typesafe_by_rcu_cache)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *c = kmem_cache_create("rcu_left", 512, 0, SLAB_TYPESAFE_BY_RCU, NULL);
	void *objs[64];

	for (int i = 0; i < 64; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 64; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_shrink(c);		/* empty slabs now wait for a grace period */
	ukmem_shutdown();		/* must neither hang nor free pages after the machine */
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}
