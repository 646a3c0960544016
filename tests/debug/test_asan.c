// SPDX-License-Identifier: LGPL-2.1-or-later
/* AddressSanitizer sees ukmem memory (sanitizer builds only; elsewhere the tests are
 * skipped): an access past the requested size of a kmalloc buffer or a vmalloc area, into
 * a freed slab object (held in the quarantine), a freed vmalloc area or a freed page block
 * is caught by ASan, and the report goes on to say in KASAN's words what the address
 * belongs to (the slab object, its cache and the stacks that allocated and freed it, the
 * vmalloc region and the function that allocated it, or the physical page); double and
 * invalid frees are KASAN's reports. Each bad access runs in a child process whose
 * stderr is read back; the parent checks the exit status and the report. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "child.h"
#include "kmsg.h"

#if defined(__SANITIZE_ADDRESS__)
#define NEED_ASAN() do { } while (0)
#else
#define NEED_ASAN() cr_skip_test("needs a -DUKMEM_SANITIZE=ON build")
#endif

static char report[65536];

static int run_child(void (*bad)(void))
{
	return run_in_child(bad, report, sizeof(report));
}

static void expect_report(const char *text)
{
	cr_expect(strstr(report, text), "missing \"%s\" in:\n%s", text, report);
}

/* The stack printed under heading ("Allocated by task ", "Freed by task ") -- up to the
 * empty log line that ends it -- names fn. */
static void expect_in_stack(const char *heading, const char *fn)
{
	const char *at = strstr(report, heading), *end, *hit;
	char frame[128];

	snprintf(frame, sizeof(frame), " %s+0x", fn);
	end = at ? strstr(at, "] \n") : NULL;
	hit = at ? strstr(at, frame) : NULL;
	cr_expect(hit && (!end || hit < end), "no \"%s\" under \"%s\" in:\n%s", frame, heading,
		  report);
}

static char *volatile sink;

void vmalloc_overrun(void);
noinline void vmalloc_overrun(void)
{
	char *p;

	ukmem_boot("mem=64M");
	p = vmalloc(100);
	sink = p;
	sink[100] = 1;
}

Test(asan, write_past_a_vmalloc_area)
{
	NEED_ASAN();
	cr_assert_eq(run_child(vmalloc_overrun), 1);
	expect_report("ERROR: AddressSanitizer: use-after-poison");
	expect_report("WRITE of size 1");
	expect_report("vmalloc_overrun");
	expect_report("The buggy address belongs to a 1-page vmalloc region starting at 0x");
	expect_report("allocated at vmalloc_overrun+0x");
	expect_report("page dumped because: kasan: bad access detected");
}

/* With kmemleak=on the report also shows the allocation's stack. */
static void vmalloc_overrun_kmemleak(void)
{
	ukmem_shutdown();
	ukmem_boot("mem=64M kmemleak=on");
	vmalloc_overrun();
}

Test(asan, the_allocation_stack_with_kmemleak_on)
{
	NEED_ASAN();
	cr_assert_eq(run_child(vmalloc_overrun_kmemleak), 1);
	expect_report("Allocated by task ");
	expect_report(" __vmalloc_node_range+0x");
	expect_report(" vmalloc_overrun+0x");
}

static void vmalloc_use_after_free(void)
{
	char *p;

	ukmem_boot("mem=64M");
	p = vzalloc(2 * PAGE_SIZE);
	vfree(p);
	sink = p;
	(void)*(volatile char *)(sink + 5000);
}

Test(asan, read_of_a_freed_vmalloc_area)
{
	NEED_ASAN();
	cr_assert_eq(run_child(vmalloc_use_after_free), 1);
	expect_report("ERROR: AddressSanitizer: use-after-poison");
	expect_report("READ of size 1");
	expect_report("The buggy address belongs to a vmalloc virtual mapping");
}

static void page_use_after_free(void)
{
	struct page *page;
	char *p;

	ukmem_boot("mem=64M");
	page = alloc_pages(GFP_KERNEL, 2);
	p = page_address(page);
	memset(p, 1, 4 * PAGE_SIZE);
	__free_pages(page, 2);
	sink = p;
	sink[3 * PAGE_SIZE] = 2;
}

Test(asan, write_to_a_freed_page_block)
{
	NEED_ASAN();
	cr_assert_eq(run_child(page_use_after_free), 1);
	expect_report("ERROR: AddressSanitizer: use-after-poison");
	expect_report("WRITE of size 1");
	expect_report("The buggy address belongs to the physical page:");
	expect_report("page dumped because: kasan: bad access detected");
}

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

/* A driver may poison part of its own kmalloc buffer (ASan's manual poisoning); a hit
 * there is described as KASAN describes a slab object. */
static void poisoned_part_of_a_kmalloc_object(void)
{
#if defined(__SANITIZE_ADDRESS__)
	char *p;

	ukmem_boot("mem=64M");
	p = kmalloc(13, GFP_KERNEL);
	ASAN_POISON_MEMORY_REGION(p + 13, 3);
	sink = p;
	sink[13] = 1;
#endif
}

Test(asan, a_hit_in_a_slab_object_names_the_object_and_cache)
{
	NEED_ASAN();
	cr_assert_eq(run_child(poisoned_part_of_a_kmalloc_object), 1);
	expect_report("WRITE of size 1");
	expect_report("The buggy address belongs to the object at ");
	expect_report(" which belongs to the cache kmalloc-16 of size 16");
	expect_report("The buggy address is located 13 bytes inside of\n 16-byte region [");
}

/* A driver writes one byte past its kmalloc(13) buffer: bytes 13..15 of the kmalloc-16
 * object are a red zone, and KASAN's description names the allocation. */
void kmalloc_overrun(void);
noinline void kmalloc_overrun(void)
{
	char *p;

	ukmem_boot("mem=64M");
	p = kmalloc(13, GFP_KERNEL);
	memset(p, 'x', 13);
	sink = p;
	sink[13] = 1;
}

Test(asan, write_one_byte_past_kmalloc_13)
{
	NEED_ASAN();
	cr_assert_eq(run_child(kmalloc_overrun), 1);
	/* Byte 13 shares its 8-byte granule with bytes 8..12: ASan classifies the hit by
	 * the next granule, the neighbouring object's first -- "use-after-poison" when that
	 * object is free, "unknown-crash" when another task holds it. */
	cr_expect(strstr(report, "ERROR: AddressSanitizer: use-after-poison") ||
		  strstr(report, "ERROR: AddressSanitizer: unknown-crash"),
		  "no ASan error line in:\n%s", report);
	expect_report("WRITE of size 1");
	expect_report(" in kmalloc_overrun ");
	expect_report("BUG: KASAN: slab-out-of-bounds in kmalloc_overrun+0x");
	expect_report("Write of size 1 at addr ");
	expect_in_stack("Allocated by task ", "kmalloc_overrun");
	expect_report("The buggy address belongs to the object at ");
	expect_report(" which belongs to the cache kmalloc-16 of size 16");
	expect_report("The buggy address is located 13 bytes inside of\n 16-byte region [");
	cr_expect(!strstr(report, "Freed by task"), "a live object has no free stack");
}

/* A size known only at run time takes __kmalloc(): the red zone is the same. */
void kmalloc_runtime_size_overrun(void);
noinline void kmalloc_runtime_size_overrun(void)
{
	size_t volatile size = 13;
	char *p;

	ukmem_boot("mem=64M");
	p = kmalloc(size, GFP_KERNEL);
	sink = p;
	(void)*(volatile char *)(sink + 15);
}

Test(asan, read_past_a_runtime_sized_kmalloc)
{
	NEED_ASAN();
	cr_assert_eq(run_child(kmalloc_runtime_size_overrun), 1);
	expect_report("READ of size 1");
	expect_in_stack("Allocated by task ", "kmalloc_runtime_size_overrun");
	expect_report("The buggy address is located 15 bytes inside of\n 16-byte region [");
}

struct ring_entry {
	u64 cookie;
	char name[40];
};

void slab_use_after_free(void);
noinline void slab_use_after_free(void)
{
	struct kmem_cache *c;
	struct ring_entry *e;

	ukmem_boot("mem=64M slab_nomerge");
	c = KMEM_CACHE(ring_entry, 0);
	e = kmem_cache_alloc(c, GFP_KERNEL);
	e->cookie = 42;
	kmem_cache_free(c, e);
	sink = (char *)e;
	(void)*(volatile u64 *)&((struct ring_entry *)sink)->cookie;
}

Test(asan, read_of_a_freed_slab_object)
{
	NEED_ASAN();
	cr_assert_eq(run_child(slab_use_after_free), 1);
	expect_report("ERROR: AddressSanitizer: use-after-poison");
	expect_report("READ of size 8");
	expect_report("BUG: KASAN: use-after-free in slab_use_after_free+0x");
	expect_in_stack("Allocated by task ", "slab_use_after_free");
	expect_in_stack("Freed by task ", "slab_use_after_free");
	expect_report(" which belongs to the cache ring_entry of size 48");
	expect_report("The buggy address is located 0 bytes inside of\n 48-byte region [");
}

/* A freed kmalloc object waits in the quarantine, so a read through a stale pointer long
 * after kfree() -- with other allocations of the same size in between -- is still one. */
void kmalloc_use_after_free_later(void);
noinline void kmalloc_use_after_free_later(void)
{
	char *p, *others[100];

	ukmem_boot("mem=64M");
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	for (int i = 0; i < 100; i++)
		others[i] = kmalloc(64, GFP_KERNEL);
	for (int i = 0; i < 100; i++)
		kfree(others[i]);
	sink = p;
	(void)*(volatile char *)(sink + 3);
}

Test(asan, quarantine_keeps_a_freed_object_poisoned)
{
	NEED_ASAN();
	cr_assert_eq(run_child(kmalloc_use_after_free_later), 1);
	expect_report("BUG: KASAN: use-after-free in kmalloc_use_after_free_later+0x");
	expect_report(" which belongs to the cache kmalloc-64 of size 64");
	expect_in_stack("Freed by task ", "kmalloc_use_after_free_later");
}

/* A double kfree() is KASAN's "double-free" report; the object is not freed twice, so
 * the allocator's state stays sound and the machine goes on. */
Test(asan, double_kfree_is_reported_and_harmless)
{
	NEED_ASAN();
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	char *p = kmalloc(32, GFP_KERNEL), *seen[300];

	kfree(p);
	kfree(p);
	cr_assert(kmsg_contains("BUG: KASAN: double-free in "));
	cr_assert(kmsg_contains("Free of addr "));
	cr_assert(kmsg_contains(" which belongs to the cache kmalloc-32 of size 32"));
	cr_assert(kmsg_contains("Freed by task "));
	for (int i = 0; i < 300; i++) {
		seen[i] = kmalloc(32, GFP_KERNEL);
		memset(seen[i], i, 32);
		for (int j = 0; j < i; j++)
			cr_assert_neq(seen[i], seen[j], "an object handed out twice");
	}
	for (int i = 0; i < 300; i++)
		kfree(seen[i]);
	cr_assert_eq(kmsg_count("BUG: KASAN: double-free"), 1);
	ukmem_shutdown();
}

/* kfree() of a pointer into the middle of an object is KASAN's "invalid-free". */
Test(asan, kfree_of_an_interior_pointer_is_invalid_free)
{
	NEED_ASAN();
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	char *p = kmalloc(64, GFP_KERNEL);

	kfree(p + 8);
	cr_assert(kmsg_contains("BUG: KASAN: invalid-free in "));
	memset(p, 1, 64);		/* still the caller's */
	kfree(p);
	cr_assert_eq(kmsg_count("BUG: KASAN"), 1);
	ukmem_shutdown();
}

/* ksize() gives the caller the whole object; krealloc() within it sets a new red zone. */
static void krealloc_shrink_then_overrun(void)
{
	char *p;

	ukmem_boot("mem=64M");
	p = kmalloc(100, GFP_KERNEL);
	memset(p, 1, ksize(p));		/* 128 bytes: allowed */
	p = krealloc(p, 20, GFP_KERNEL);
	sink = p;
	sink[20] = 1;
}

Test(asan, ksize_unpoisons_and_krealloc_poisons_again)
{
	NEED_ASAN();
	cr_assert_eq(run_child(krealloc_shrink_then_overrun), 1);
	expect_report("WRITE of size 1");
	expect_report(" which belongs to the cache kmalloc-128 of size 128");
	expect_report("The buggy address is located 20 bytes inside of\n 128-byte region [");
}

/* The same memory, used correctly, raises nothing: allocation unpoisons it again. */
Test(asan, correct_use_is_quiet)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	for (int i = 0; i < 50; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, (unsigned int)(i % 3));
		char *v = vmalloc((unsigned long)(i + 1) * 1000);

		cr_assert_not_null(page);
		cr_assert_not_null(v);
		memset(page_address(page), i, PAGE_SIZE << (i % 3));
		memset(v, i, (size_t)(i + 1) * 1000);
		vfree(v);
		__free_pages(page, (unsigned int)(i % 3));
	}
	for (int round = 0; round < 3; round++) {
		static char *objs[3000];

		for (int i = 0; i < 3000; i++) {
			size_t size = 1 + (size_t)(i * 37 + round) % 9000;

			objs[i] = i % 3 ? kmalloc(size, GFP_KERNEL) : kzalloc(size, GFP_KERNEL);
			cr_assert_not_null(objs[i]);
			memset(objs[i], i, size);
		}
		for (int i = 0; i < 3000; i++)
			kfree(objs[i]);
	}
	ukmem_shutdown();
}

/* Frees of other caches push a destroyed cache's objects out of the quarantine while it
 * is being destroyed: objects another thread took out of the ring, and has not given
 * back yet, are waited for, never reported as remaining (nor the cache leaked). */
static int pushing;

static void *push_quarantine(void *arg)
{
	unsigned long n = 0;

	while (__atomic_load_n(&pushing, __ATOMIC_ACQUIRE)) {
		void *p = kmalloc(2048 + (n++ % 2) * 2048, GFP_KERNEL);

		kfree(p);
	}
	return arg;
}

Test(asan, destroy_waits_for_objects_on_their_way_out_of_the_quarantine)
{
	pthread_t t[2];
	int rounds = 0;
	char *text;

	NEED_ASAN();
	/* A small machine: the quarantine holds 1/32 of RAM, here about 200 of these
	 * objects, so each round's objects leave it soon after they were freed. */
	cr_assert_eq(ukmem_boot("mem=32M slab_nomerge"), 0);
	pushing = 1;
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, push_quarantine, NULL);
	/* At least 500 rounds and 3 s (each round lets its objects drift towards the ring's
	 * oldest end for a different number of frees, so some are in flight at destroy). */
	for (time_t end = time(NULL) + 3; rounds < 500 || time(NULL) < end; rounds++) {
		struct kmem_cache *c = kmem_cache_create("drifting", 3000, 0, 0, NULL);
		void *objs[16];

		cr_assert_not_null(c);
		for (int i = 0; i < 16; i++)
			objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		for (int i = 0; i < 16; i++)
			kmem_cache_free(c, objs[i]);
		for (int i = 0; i < rounds % 100; i++)
			kfree(kmalloc(4096, GFP_KERNEL));
		kmem_cache_destroy(c);
		if (kmsg_contains("Slab cache still has objects"))
			break;
	}
	__atomic_store_n(&pushing, 0, __ATOMIC_RELEASE);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	cr_assert(!kmsg_contains("Objects remaining"), "after %d rounds", rounds);
	cr_assert(!kmsg_contains("Slab cache still has objects"), "after %d rounds", rounds);
	text = proc_text("/proc/slabinfo");
	cr_assert_null(strstr(text, "drifting "), "a cache leaked");
	free(text);
	ukmem_shutdown();
}
