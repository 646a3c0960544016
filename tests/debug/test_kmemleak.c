// SPDX-License-Identifier: LGPL-2.1-or-later
/* kmemleak: a scan reports exactly the registered objects nothing points at -- pointers
 * in globals, in other objects (also at their middle), in kmalloc'd structures and on a
 * blocked thread's stack count; a pointer stored XOR-ed, one held only by an ignored or
 * no-scan object, or by a leaked object, or outside an object's scan areas, does not.
 * Reports are in the kernel's words, in the log (once per object) and in
 * /sys/kernel/debug/kmemleak; objects younger than 5 s are left out of a scan (the
 * tests wait until the jiffies say they are old, never for a fixed time); a last scan
 * runs at shutdown, whatever the objects' age; with kmemleak off nothing is tracked. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "kmsg.h"

#define OBJ_SIZE 64
#define MASK ((uintptr_t)0x5a5a5a5a5a5a5a5aULL)

struct obj {
	struct obj *next;
	void *interior;
	uintptr_t hidden;
	void *vm;
	void *heap;
	char text[24];
};

enum { A, B, C, D, E, F, G, H, I, J, K, L, NR_OBJS };
static const char names[NR_OBJS] = "ABCDEFGHIJKL";

/* The program's only visible pointer into the structure; the test finds the objects
 * again through hidden[], whose XOR-ed words point at nothing. */
struct obj *volatile kmemleak_test_root;
static uintptr_t hidden[NR_OBJS + 5];
#define KMALLOC_CHAIN (NR_OBJS + 2)	/* two kmalloc'd objects, the first pointing at the second */
#define KMALLOC_LARGE (NR_OBJS + 4)	/* a kmalloc from the page allocator */
static struct page *pages;

static struct obj *object(int i) { return (struct obj *)(hidden[i] ^ MASK); }

void build_objects(void);
noinline void build_objects(void)
{
	char *mem;
	struct obj **heap_struct;

	pages = alloc_pages(GFP_KERNEL, 1);
	cr_assert_not_null(pages);
	mem = page_address(pages);
	memset(mem, 0, 2 * PAGE_SIZE);
	for (int i = 0; i < NR_OBJS; i++) {
		struct obj *o = (struct obj *)(mem + i * 2 * OBJ_SIZE);

		snprintf(o->text, sizeof(o->text), "object %c, leaked?", names[i]);
		kmemleak_alloc(o, OBJ_SIZE, 1, GFP_KERNEL);
		hidden[i] = (uintptr_t)o ^ MASK;
	}
	kmemleak_test_root = object(A);
	object(A)->next = object(B);				/* reached from a reached object */
	object(A)->interior = (char *)object(E) + 24;		/* a pointer into the middle */
	object(A)->hidden = (uintptr_t)object(F) ^ MASK;	/* F: hidden, leaked */
	object(C)->next = object(D);				/* C <-> D: a leaked cycle */
	object(D)->next = object(C);
	kmemleak_not_leak(object(G));				/* G: nothing points at it */
	kmemleak_ignore(object(H));				/* H: never scanned... */
	object(H)->next = object(I);				/* ...so I is leaked */
	kmemleak_no_scan(object(J));
	object(B)->next = object(J);				/* J is reached, not scanned */
	object(J)->next = object(K);				/* so K is leaked */
	heap_struct = kmalloc(sizeof(*heap_struct), GFP_KERNEL);	/* L: from a kmalloc'd */
	*heap_struct = object(L);					/* structure (not lost) */
	hidden[NR_OBJS] = (uintptr_t)heap_struct ^ MASK;
	object(A)->heap = heap_struct;
	object(A)->vm = vmalloc(100);				/* in use through A */
	hidden[NR_OBJS + 1] = (uintptr_t)vmalloc(100) ^ MASK;	/* leaked */
	for (int i = 1; i >= 0; i--) {				/* both leaked */
		void **k = kmalloc(40, GFP_KERNEL);

		*k = i ? NULL : (void *)(hidden[KMALLOC_CHAIN + 1] ^ MASK);
		hidden[KMALLOC_CHAIN + i] = (uintptr_t)k ^ MASK;
	}
	hidden[KMALLOC_LARGE] = (uintptr_t)kmalloc(20000, GFP_KERNEL) ^ MASK;	/* leaked */
}

static void free_objects(void)
{
	vfree(object(A)->vm);
	vfree((void *)(hidden[NR_OBJS + 1] ^ MASK));
	kfree((void *)(hidden[NR_OBJS] ^ MASK));
	kfree((void *)(hidden[KMALLOC_CHAIN] ^ MASK));
	kfree((void *)(hidden[KMALLOC_CHAIN + 1] ^ MASK));
	kfree((void *)(hidden[KMALLOC_LARGE] ^ MASK));
	for (int i = 0; i < NR_OBJS; i++)
		kmemleak_free(object(i));
	__free_pages(pages, 1);
	kmemleak_test_root = NULL;
}

/* Returns once everything registered so far is older than kmemleak's minimum age: the
 * jiffies have moved 5 s past their value now (objects carry their allocation's). */
static void wait_min_age(void)
{
	u64 old_at = get_jiffies_64() + msecs_to_jiffies(5000);

	while (time_before64(get_jiffies_64(), old_at))
		usleep(20000);
}

static bool reported(const void *p, size_t size)
{
	char needle[96];

	snprintf(needle, sizeof(needle), "kmemleak: unreferenced object 0x%08lx (size %zu):",
		 (unsigned long)p, size);
	return kmsg_contains(needle);
}

Test(kmemleak, reports_exactly_the_unreferenced_objects)
{
	static const char leaked[] = "CDFIK";

	cr_assert_eq(ukmem_boot("mem=64M kmemleak=on"), 0);
	build_objects();
	wait_min_age();
	cr_assert_eq(ukmem_kmemleak_scan(), 9);
	for (int i = 0; i < NR_OBJS; i++)
		cr_expect_eq(reported(object(i), OBJ_SIZE), strchr(leaked, names[i]) != NULL,
			     "object %c", names[i]);
	cr_expect(reported((void *)(hidden[NR_OBJS + 1] ^ MASK), PAGE_SIZE));
	cr_expect(!reported(object(A)->vm, PAGE_SIZE));
	cr_expect(!reported(object(A)->heap, 8), "a kmalloc-8 object reached from A");
	cr_expect(reported((void *)(hidden[KMALLOC_CHAIN] ^ MASK), 64), "kmalloc(40): kmalloc-64");
	cr_expect(reported((void *)(hidden[KMALLOC_CHAIN + 1] ^ MASK), 64));
	cr_expect(reported((void *)(hidden[KMALLOC_LARGE] ^ MASK), 20000));
	cr_expect_eq(kmsg_count("kmemleak: unreferenced object 0x"), 9);
	cr_expect(kmsg_contains("kmemleak: 9 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"));
	cr_expect(kmsg_contains("kmemleak:   hex dump (first 32 bytes):"));
	/* F's first 16 bytes are zero (next, interior); its text starts at byte 40. */
	cr_expect(kmsg_contains("kmemleak:     00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................"));
	cr_expect(kmsg_contains("kmemleak:   backtrace:"));
	cr_expect(kmsg_contains("] build_objects+0x"));
	cr_expect(kmsg_contains("] __vmalloc_node_range+0x"));

	/* A second scan finds the same objects and reports none again. */
	cr_assert_eq(ukmem_kmemleak_scan(), 9);
	cr_expect_eq(kmsg_count("kmemleak: unreferenced object 0x"), 9);

	/* The debugfs view lists them without the log prefix. */
	char *view = proc_text("/sys/kernel/debug/kmemleak"), line[96];
	snprintf(line, sizeof(line), "unreferenced object 0x%08lx (size 64):\n  comm \"",
		 (unsigned long)object(F));
	cr_expect(strstr(view, line), "%s", view);
	cr_expect(strstr(view, "  hex dump (first 32 bytes):\n    00 00"));
	free(view);

	/* Linking a leaked object back in makes it (and what it points at) referenced. */
	object(B)->interior = object(C);
	cr_expect_eq(ukmem_kmemleak_scan(), 7);
	/* Scans only read: every object still holds what it was given. */
	for (int i = 0; i < NR_OBJS; i++) {
		char want[32];

		snprintf(want, sizeof(want), "object %c, leaked?", names[i]);
		cr_expect_str_eq(object(i)->text, want);
	}
	free_objects();
	cr_expect_eq(ukmem_kmemleak_scan(), 0);
	ukmem_shutdown();
}

static int pipe_fds[2];
static volatile int thread_ready;
static volatile pid_t holder_tid;

/* Whether thread tid sits in read() (system call 0 on x86-64). */
static bool in_read(pid_t tid)
{
	char path[64], text[16] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (!fgets(text, sizeof(text), f))
		text[0] = '\0';
	fclose(f);
	return !strncmp(text, "0 ", 2);
}

/* Holds its object only in a local while blocked in read(). */
static void *hold_on_stack(void *arg)
{
	void *volatile mine = (char *)page_address(pages) + 2 * OBJ_SIZE * K;
	char c;

	kmemleak_alloc(mine, OBJ_SIZE, 1, GFP_KERNEL);
	holder_tid = gettid();
	__atomic_store_n(&thread_ready, 1, __ATOMIC_RELEASE);
	cr_assert_eq(read(pipe_fds[0], &c, 1), 1);
	kmemleak_free(mine);
	return NULL;
}

Test(kmemleak, other_threads_stacks_are_roots)
{
	pthread_t t;

	cr_assert_eq(ukmem_boot("mem=64M kmemleak=on"), 0);
	pages = alloc_pages(GFP_KERNEL, 1);
	cr_assert_eq(pipe(pipe_fds), 0);
	cr_assert_eq(pthread_create(&t, NULL, hold_on_stack, NULL), 0);
	while (!__atomic_load_n(&thread_ready, __ATOMIC_ACQUIRE) || !in_read(holder_tid))
		usleep(1000);
	cr_expect_eq(ukmem_kmemleak_scan(), 0);
	cr_assert_eq(write(pipe_fds[1], "x", 1), 1);
	pthread_join(t, NULL);
	/* Without the thread, a registered object nobody holds is reported. */
	kmemleak_alloc(page_address(pages), OBJ_SIZE, 1, GFP_KERNEL);
	wait_min_age();
	cr_expect_eq(ukmem_kmemleak_scan(), 1);
	kmemleak_free(page_address(pages));
	cr_expect_eq(ukmem_kmemleak_scan(), 0);
	__free_pages(pages, 1);
	ukmem_shutdown();
}

void leak_vmalloc(void);
noinline void leak_vmalloc(void)
{
	hidden[0] = (uintptr_t)vmalloc(5000) ^ MASK;
}

/* Stack slots that nothing wrote since vmalloc ran there still hold its pointers, and a
 * conservative scan counts them (as the kernel's does): scrub them first. */
static noinline void scrub_stack(void)
{
	char buf[16384];

	explicit_bzero(buf, sizeof(buf));
}

/* holder (reachable from kmemleak_test_root) points at two objects; hidden[] keeps them
 * XOR-ed. Built out of line so that no stack slot of the test holds them. */
void build_holder(void);
noinline void build_holder(void)
{
	struct obj *holder = kmalloc(sizeof(*holder), GFP_KERNEL);

	holder->next = kmalloc(32, GFP_KERNEL);
	holder->vm = kmalloc(32, GFP_KERNEL);
	hidden[0] = (uintptr_t)holder->next ^ MASK;
	hidden[1] = (uintptr_t)holder->vm ^ MASK;
	kmemleak_test_root = holder;
	kmemleak_scan_area(&holder->next, sizeof(holder->next), GFP_KERNEL);
}

/* A scan area limits the scan of its object: a pointer outside every area does not count. */
Test(kmemleak, scan_areas_limit_what_an_object_shows)
{
	cr_assert_eq(ukmem_boot("mem=64M kmemleak=on"), 0);
	build_holder();
	scrub_stack();
	wait_min_age();
	cr_assert_eq(ukmem_kmemleak_scan(), 1, "only the pointer in the area counts");
	cr_expect(reported((void *)(hidden[1] ^ MASK), 32));
	cr_expect(!reported((void *)(hidden[0] ^ MASK), 32));
	/* A second area takes the other pointer in; parts outside any object are refused. */
	kmemleak_scan_area(&kmemleak_test_root->vm, sizeof(void *), GFP_KERNEL);
	cr_assert_eq(ukmem_kmemleak_scan(), 0);
	kmemleak_scan_area(&hidden[2], sizeof(long), GFP_KERNEL);
	cr_expect(kmsg_contains("kmemleak: Adding scan area to unknown object at 0x"));
	kmemleak_scan_area(kmemleak_test_root->text, 2 * sizeof(struct obj), GFP_KERNEL);
	cr_expect(kmsg_contains("kmemleak: Scan area larger than object at 0x"));
	kfree((void *)(hidden[0] ^ MASK));
	kfree((void *)(hidden[1] ^ MASK));
	kfree(kmemleak_test_root);
	kmemleak_test_root = NULL;
	ukmem_shutdown();
}

void leak_young(int i);
noinline void leak_young(int i)
{
	hidden[i] = (uintptr_t)kmalloc(96, GFP_KERNEL) ^ MASK;
}

/* An object younger than 5 s at the start of a scan is not reported, neither in the log
 * nor in the debugfs view; once old, the next scan reports it. The young check holds
 * whenever the scan ran within 5 s of the allocation, which the jiffies read around it
 * tell: an attempt the machine delayed longer is repeated with a new object. */
Test(kmemleak, young_objects_wait_for_the_minimum_age)
{
	int young = -1;

	cr_assert_eq(ukmem_boot("mem=64M kmemleak=on"), 0);
	for (int i = 0; i < NR_OBJS && young < 0; i++) {
		u64 before = get_jiffies_64();
		int n;

		leak_young(i);
		scrub_stack();
		n = ukmem_kmemleak_scan();
		if (time_before64(get_jiffies_64(), before + msecs_to_jiffies(5000))) {
			cr_assert_eq(n, 0, "a young object is not reported");
			young = i;
		}
		/* an attempt too slow to tell may have reported its object: fine either way */
	}
	cr_assert_geq(young, 0, "no scan ran within 5 s of its allocation in 12 attempts");
	cr_assert(!reported((void *)(hidden[young] ^ MASK), 96));
	if (young == 0) {	/* no slow attempt before: nothing is old enough to list */
		char *view = proc_text("/sys/kernel/debug/kmemleak");

		cr_assert_str_eq(view, "");
		free(view);
	}
	wait_min_age();
	cr_assert_geq(ukmem_kmemleak_scan(), 1);
	cr_assert(reported((void *)(hidden[young] ^ MASK), 96));
	for (int i = 0; i <= young; i++)
		kfree((void *)(hidden[i] ^ MASK));
	cr_assert_eq(ukmem_kmemleak_scan(), 0);
	ukmem_shutdown();
}

Test(kmemleak, last_scan_at_shutdown, .init = cr_redirect_stderr)
{
	char text[8192], want[96];
	size_t n;

	cr_assert_eq(ukmem_boot("mem=64M kmemleak=on"), 0);
	leak_vmalloc();
	scrub_stack();
	ukmem_shutdown();
	fflush(stderr);
	n = fread(text, 1, sizeof(text) - 1, cr_get_redirected_stderr());
	text[n] = '\0';
	snprintf(want, sizeof(want), "kmemleak: unreferenced object 0x%08lx (size 8192):",
		 (unsigned long)(hidden[0] ^ MASK));
	cr_expect(strstr(text, want), "%s", text);
	cr_expect(strstr(text, "kmemleak: 1 new suspected memory leaks"), "%s", text);
	cr_expect(strstr(text, "] leak_vmalloc+0x"), "%s", text);
	/* The next machine starts with an empty registry. */
	cr_assert_eq(ukmem_boot("mem=64M kmemleak=on"), 0);
	cr_expect_eq(ukmem_kmemleak_scan(), 0);
	ukmem_shutdown();
}

Test(kmemleak, off_by_default)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	leak_vmalloc();
	cr_expect_eq(ukmem_kmemleak_scan(), -EINVAL);
	cr_expect(!kmsg_contains("kmemleak"));
	vfree((void *)(hidden[0] ^ MASK));
	ukmem_shutdown();
}
