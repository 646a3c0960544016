// SPDX-License-Identifier: LGPL-2.1-or-later
/* The slab allocator's hardening, as distribution kernels configure it and switchable on
 * the command line: SLAB_FREELIST_HARDENED (free pointers stored as ptr ^ a per-cache
 * random value ^ the byte-swapped address of their slot; a free of the object at the
 * head of a freelist is a BUG) and SLAB_FREELIST_RANDOM (a new slab hands its objects
 * out in its cache's shuffled order from a random starting point). */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "asan_quarantine.h"
#include "child.h"
#include "debug/track.h"
#include "mm/slab.h"
#include "kmsg.h"

#define OBJ_SIZE 64

/* The words in the free-pointer slots of slab's objects other than skip, as stored. */
static unsigned int stored_free_words(struct kmem_cache *c, struct slab *slab, void *skip,
				      unsigned long *words)
{
	unsigned int n = 0;
	char *p;

	for_each_object(p, c, slab_address(slab), slab->objects)
		if (p != skip)
			words[n++] = ukmem_track_read_word((unsigned long *)(p + c->offset));
	return n;
}

static bool in_slab(struct kmem_cache *c, struct slab *slab, unsigned long word)
{
	return word - (unsigned long)slab_address(slab) < (PAGE_SIZE << c->order);
}

Test(slab_hardening, free_pointers_are_not_raw_pointers)
{
	cr_assert_eq(ukmem_boot("mem=64M slab_nomerge"), 0);
	struct kmem_cache *c = kmem_cache_create("hardened", OBJ_SIZE, 0, 0, NULL);
	void *x = kmem_cache_alloc(c, GFP_KERNEL);	/* a new slab; its freelist was built */
	struct slab *slab = virt_to_slab(x);
	unsigned long words[4096];
	unsigned int n = stored_free_words(c, slab, x, words), raw = 0, decoded = 0;
	char *p;

	cr_assert_gt(n, 8);
	cr_assert_neq(c->random, 0);
	for (unsigned int i = 0; i < n; i++)
		raw += in_slab(c, slab, words[i]);
	cr_assert_eq(raw, 0, "%u of %u stored free pointers point into the slab", raw, n);
	for_each_object(p, c, slab_address(slab), slab->objects) {
		void **slot = (void **)(p + c->offset);
		void *next = freelist_ptr(c, (void *)ukmem_track_read_word((unsigned long *)slot),
					  (unsigned long)slot);

		if (p != x && next)
			decoded += slab_object_start_ok(c, slab, next);
	}
	cr_assert_geq(decoded, n - 1, "decoded, they link the free objects (all but the tail)");
	kmem_cache_free(c, x);
	kmem_cache_destroy(c);
	ukmem_shutdown();
}

Test(slab_hardening, off_on_the_command_line_stores_raw_pointers)
{
	cr_assert_eq(ukmem_boot("mem=64M slab_nomerge slab_freelist_hardened=0"), 0);
	struct kmem_cache *c = kmem_cache_create("plain", OBJ_SIZE, 0, 0, NULL);
	void *x = kmem_cache_alloc(c, GFP_KERNEL);
	struct slab *slab = virt_to_slab(x);
	unsigned long words[4096];
	unsigned int n = stored_free_words(c, slab, x, words), raw = 0;

	for (unsigned int i = 0; i < n; i++)
		raw += in_slab(c, slab, words[i]);
	cr_assert_eq(c->random, 0);
	cr_assert_geq(raw, n - 1, "every free pointer (all but the tail's) is a plain address");
	kmem_cache_free(c, x);
	kmem_cache_destroy(c);
	ukmem_shutdown();
}

/* The object indices of one new slab, in the order allocation hands them out. */
static unsigned int first_slab_order(struct kmem_cache *c, void **objs, unsigned int *index)
{
	struct slab *slab;
	unsigned int n;

	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	slab = virt_to_slab(objs[0]);
	n = slab->objects;
	for (unsigned int i = 1; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (unsigned int i = 0; i < n; i++) {
		cr_assert_eq(virt_to_slab(objs[i]), slab, "the slab's objects come first");
		index[i] = obj_to_index(c, slab, objs[i]);
	}
	return n;
}

static bool monotonic(const unsigned int *index, unsigned int n)
{
	bool up = true, down = true;

	for (unsigned int i = 1; i < n; i++) {
		up &= index[i] == index[i - 1] + 1;
		down &= index[i] + 1 == index[i - 1];
	}
	return up || down;
}

static void check_order(const char *cmdline, bool want_random)
{
	static void *objs[4096];
	static unsigned int index[4096];
	unsigned char seen[4096] = { 0 };

	cr_assert_eq(ukmem_boot(cmdline), 0);
	struct kmem_cache *c = kmem_cache_create("order", OBJ_SIZE, 0, 0, NULL);
	unsigned int n = first_slab_order(c, objs, index);

	cr_assert_geq(n, 32);
	for (unsigned int i = 0; i < n; i++) {
		cr_assert_lt(index[i], n);
		cr_assert_eq(seen[index[i]]++, 0, "object %u handed out twice", index[i]);
	}
	cr_assert_eq(monotonic(index, n), !want_random, "%s order", want_random ? "random" : "address");
	cr_assert_eq(c->random_seq != NULL, want_random);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(slab_hardening, new_slabs_hand_out_objects_in_random_order)
{
	check_order("mem=64M slab_nomerge", true);
}

Test(slab_hardening, random_order_off_on_the_command_line)
{
	check_order("mem=64M slab_nomerge slab_freelist_random=0", false);
}

/* The switches take kstrtobool's words, as Linux's boolean parameters do. */
Test(slab_hardening, switches_take_the_kernels_boolean_words)
{
	check_order("mem=64M slab_nomerge slab_freelist_random=n", false);
	check_order("mem=64M slab_nomerge slab_freelist_random=off", false);
	check_order("mem=64M slab_nomerge slab_freelist_random=y", true);
	check_order("mem=64M slab_nomerge slab_freelist_random=Yes", true);
	cr_assert_eq(ukmem_boot("mem=64M slab_freelist_random=perhaps"), -EINVAL);
	cr_assert_eq(ukmem_boot("mem=64M page_poison=maybe"), -EINVAL);
	cr_assert_eq(ukmem_boot("mem=64M hardened_usercopy=2"), -EINVAL);
}

/* A double free that reaches a slab's freelist (here: kmemleak=on, so no thread cache)
 * is the hardened freelist's BUG, in the kernel's words. */
static void free_twice_onto_the_freelist(void)
{
	struct kmem_cache *c;
	void *p;

	ukmem_boot("mem=64M slab_nomerge kmemleak=on");
	c = kmem_cache_create("twice_onto_list", OBJ_SIZE, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	fprintf(stderr, "survived the double free\n");
}

static void check_double_free_bug(void (*fn)(void))
{
	static char out[65536];
	int status = run_in_child(fn, out, sizeof(out));

	if (QUARANTINE) {
		cr_assert(strstr(out, "BUG: KASAN: double-free in "), "%s", out);
		return;
	}
	cr_assert_eq(status, 128 + SIGABRT, "%s", out);
	cr_assert(strstr(out, "kernel BUG at mm/slub.c:"), "%s", out);
	cr_assert(strstr(out, "invalid opcode: 0000 [#1]") || strstr(out, "Call Trace:"), "%s", out);
	cr_assert(!strstr(out, "survived the double free"), "%s", out);
}

Test(slab_hardening, double_free_onto_a_freelist_is_a_bug)
{
	check_double_free_bug(free_twice_onto_the_freelist);
}

/* A double free of an object that is no longer the one freed last (free(p); free(q);
 * free(p)) is still caught: the hardened free path's marker in its free pointer slot. */
static void kfree_a_b_a(void)
{
	void *p, *q;

	ukmem_boot("mem=64M");
	p = kmalloc(OBJ_SIZE, GFP_KERNEL);
	q = kmalloc(OBJ_SIZE, GFP_KERNEL);
	kfree(p);
	kfree(q);
	kfree(p);
	fprintf(stderr, "survived the double free\n");
}

static void cache_free_a_b_a(void)
{
	struct kmem_cache *c;
	void *p, *objs[8];

	ukmem_boot("mem=64M slab_nomerge");
	c = kmem_cache_create("a_b_a", 200, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 8; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	for (int i = 0; i < 8; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_free(c, p);
	fprintf(stderr, "survived the double free\n");
}

Test(slab_hardening, kfree_a_b_a_double_free_is_a_bug)
{
	check_double_free_bug(kfree_a_b_a);
}

Test(slab_hardening, kmem_cache_free_a_b_a_double_free_is_a_bug)
{
	check_double_free_bug(cache_free_a_b_a);
}

/* kfree() of a pointer inside an object is refused with SLUB's report and changes
 * nothing: the object stays live and is never handed out twice. */
Test(slab_hardening, kfree_of_an_interior_pointer_is_refused)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	char *p = kmalloc(OBJ_SIZE, GFP_KERNEL);
	void *more[64];

	memset(p, 'k', OBJ_SIZE);
	kfree(p + 16);
	if (QUARANTINE)
		cr_assert(kmsg_contains("BUG: KASAN: invalid-free in "));
	else
		cr_assert(kmsg_contains("BUG kmalloc-64 ("));
	if (!QUARANTINE)
		cr_assert(kmsg_contains("Invalid object pointer 0x"));
	for (int i = 0; i < 64; i++) {
		more[i] = kmalloc(OBJ_SIZE, GFP_KERNEL);
		cr_assert(more[i] != p && more[i] != p + 16);
		memset(more[i], 'x', OBJ_SIZE);
	}
	for (int i = 0; i < OBJ_SIZE; i++)
		cr_assert_eq(p[i], 'k');
	for (int i = 0; i < 64; i++)
		kfree(more[i]);
	kfree(p);
	ukmem_shutdown();
}

/* Objects whose free pointer slot holds anything (all ones, their own address) while
 * live are freed and reused without a false report, on every thread-cache path. */
Test(slab_hardening, no_false_double_free_reports)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	static void *objs[3000];

	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 3000; i++) {
			objs[i] = kmalloc(OBJ_SIZE, GFP_KERNEL);
			cr_assert_not_null(objs[i]);
			for (int w = 0; w < OBJ_SIZE / 8; w++)
				((unsigned long *)objs[i])[w] = round == 1 ? ~0UL : (unsigned long)objs[i];
		}
		for (int i = 0; i < 3000; i++)
			kfree(objs[i]);
	}
	cr_assert(!kmsg_contains("BUG"));
	ukmem_shutdown();
}
