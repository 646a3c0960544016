// SPDX-License-Identifier: LGPL-2.1-or-later
/* KFENCE (mm/kfence/): sampled slab objects between guard pages. Each report is checked
 * by its exact lines, then the test proves that nothing else was hurt: the object frees
 * (or is left as KFENCE leaves it), the slab keeps working, the counters of
 * /sys/kernel/debug/kfence/stats are right. Most tests open the gate themselves (the
 * timer's interval is long) so that they need not wait; the first test waits for the
 * timer, with the 1 ms interval. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "mm/slab.h"
#include "kmsg.h"

/* The suite's other tests run with KFENCE off (tests/CMakeLists.txt sets UKMEM_CMDLINE):
 * these boot with the options they name. */
static void boot(const char *cmdline)
{
	unsetenv("UKMEM_CMDLINE");
	cr_assert_eq(ukmem_boot(cmdline), 0);
	cr_assert_not_null(__kfence_pool);
}

#define LONG_INTERVAL	"kfence.sample_interval=100000"

static int object_index(const void *p)
{
	return (int)(((unsigned long)p - (unsigned long)__kfence_pool) / (2 * PAGE_SIZE)) - 1;
}

/* A KFENCE object of size bytes from kmalloc (s NULL) or from s, at the right end of its
 * page or at the left: the gate is opened until an allocation lands as wanted. */
noinline void *kfence_object(struct kmem_cache *s, size_t size, bool right)
{
	for (int i = 0; i < 10000; i++) {
		void *p;

		__atomic_store_n(&slab_slow_reasons.kfence_armed, true, __ATOMIC_RELEASE);
		p = s ? kmem_cache_alloc(s, GFP_KERNEL) : kmalloc(size, GFP_KERNEL);
		if (is_kfence_address(p) && (((unsigned long)p & (PAGE_SIZE - 1)) != 0) == right)
			return p;
		if (s)
			kmem_cache_free(s, p);
		else
			kfree(p);
	}
	cr_assert_fail("no KFENCE object came");
	return NULL;
}

/* The number after "name:" in the view at path. */
static long view_number(const char *path, const char *name)
{
	char *text = proc_text(path), *line;
	long v = -1;

	cr_assert_not_null(text);
	line = strstr(text, name);
	if (line)
		v = strtol(line + strlen(name) + 1, NULL, 10);
	free(text);
	return v;
}

/* The value of a line of /sys/kernel/debug/kfence/stats. */
static long kfence_stat(const char *name)
{
	return view_number("/sys/kernel/debug/kfence/stats", name);
}

/* KFENCE objects of cache that are allocated now (debugfs' objects file: an entry freed
 * since shows its "freed by" stack too). */
static int live_kfence_objects(const char *cache)
{
	char *text = proc_text("/sys/kernel/debug/kfence/objects"), *p, want[64];
	int live = 0;

	cr_assert_not_null(text);
	snprintf(want, sizeof(want), "cache=%s\n", cache);
	for (p = strstr(text, "kfence-#"); p; ) {
		char *next = strstr(p + 1, "kfence-#");
		char *cache_at = strstr(p, want), *freed = strstr(p, "freed by task");

		if (cache_at && (!next || cache_at < next) && (!freed || (next && freed > next)))
			live++;
		p = next;
	}
	free(text);
	return live;
}

static bool kmsg_has(const char *fmt, ...)
{
	char line[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	return kmsg_contains(line);
}

/* The slab still hands out and takes back objects of every kmalloc size. */
static void slab_still_works(void)
{
	void *p[64];

	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < 64; i++) {
			p[i] = kmalloc(8 << (i % 11), GFP_KERNEL);
			cr_assert_not_null(p[i]);
			memset(p[i], 0x5a, 8 << (i % 11));
		}
		for (int i = 0; i < 64; i++)
			kfree(p[i]);
	}
}

noinline char read_byte(const volatile char *p)
{
	return *p;
}

noinline void write_byte(volatile char *p, char v)
{
	*p = v;
}

/* A planted bug: one byte too many. Built with AddressSanitizer, the byte after an
 * ordinary slab object is poisoned and ASan itself would stop the test there, so that
 * build plants it only in KFENCE's objects (what the test is about). */
#if defined(__SANITIZE_ADDRESS__)
#define PLANT_IN(rec)	is_kfence_address(rec)
#else
#define PLANT_IN(rec)	true
#endif
noinline void fill_record(char *rec, size_t size)
{
	size_t end = PLANT_IN(rec) ? size : size - 1;

	for (size_t i = 0; i <= end; i++)
		((volatile char *)rec)[i] = (char)i;
}

Test(kfence, finds_a_planted_off_by_one_within_num_objects_allocations)
{
	struct kmem_cache *c;
	int found = -1;

	boot("mem=64M slab_nomerge kfence.sample_interval=1");
	/* 24-byte objects: the last one of a slab has bytes after it, so that the bug does
	 * not reach outside the slab when the object is not KFENCE's. */
	c = kmem_cache_create("record", 24, 8, 0, NULL);
	for (int i = 0; i < 255 && found < 0; i++) {
		char *rec = kmem_cache_alloc(c, GFP_KERNEL);

		if (is_kfence_address(rec))
			cr_assert_eq(live_kfence_objects("record"), 1, "the objects file lists it");
		fill_record(rec, 24);
		kmem_cache_free(c, rec);
		if (kmsg_contains("BUG: KFENCE: "))
			found = i;
		else
			msleep(5);	/* more than the interval: the timer opens the gate again */
	}
	cr_assert_geq(found, 0, "KFENCE found nothing in 255 allocations");
	cr_expect(kmsg_contains("BUG: KFENCE: out-of-bounds write in fill_record+0x") ||
		  kmsg_contains("BUG: KFENCE: memory corruption in "), "found at %d", found);
	cr_expect_eq(kmsg_count("BUG: KFENCE: "), 1);
	cr_expect_eq(kfence_stat("total bugs"), 1);
	/* (with a 1 ms interval the library's own allocations are sampled too) */
	cr_expect_eq(live_kfence_objects("record"), 0, "every sampled record was freed");
	kmem_cache_destroy(c);
	slab_still_works();
	ukmem_shutdown();
}

Test(kfence, out_of_bounds_read_right_of_the_object)
{
	char *p;
	int n;

	boot("mem=64M " LONG_INTERVAL);
	p = kfence_object(NULL, 32, true);
	n = object_index(p);
	read_byte(p + 32);		/* the guard page: the report, then the read completes */
	cr_expect(kmsg_contains("=================================================================="));
	cr_expect(kmsg_contains("BUG: KFENCE: out-of-bounds read in read_byte+0x"));
	cr_expect(kmsg_has("Out-of-bounds read at 0x%p (32B right of kfence-#%d):", p + 32, n));
	cr_expect(kmsg_contains(" read_byte+0x"));
	cr_expect(kmsg_has("kfence-#%d: 0x%p-0x%p, size=32, cache=kmalloc-32", n, p, p + 31));
	cr_expect(kmsg_has("allocated by task %d on cpu ", current->pid));
	cr_expect(kmsg_contains(" kfence_object+0x"), "the allocation stack starts at the caller");
	cr_expect(!kmsg_contains(" slab_alloc_slow"), "allocator frames are skipped");
	cr_expect(kmsg_contains("CPU: "));
	cr_expect(kmsg_has(" PID: %d Comm: ", current->pid));
	cr_expect(kmsg_contains("Hardware name: "));
	cr_expect_eq(kmsg_count("BUG: KFENCE: "), 1);
	read_byte(p + 40);		/* the guard page stays open until the free: no second report */
	cr_expect_eq(kmsg_count("BUG: KFENCE: "), 1);
	kfree(p);
	cr_expect_eq(kfence_stat("total bugs"), 1);
	cr_expect_eq(kfence_stat("currently allocated"), 0);
	cr_expect_eq(kfence_stat("total frees"), kfence_stat("total allocations"));
	cr_expect_eq(kmsg_count("BUG: "), 1, "no other report");
	slab_still_works();
	ukmem_shutdown();
}

Test(kfence, out_of_bounds_write_left_of_the_object)
{
	char *p;
	int n;

	boot("mem=64M " LONG_INTERVAL);
	p = kfence_object(NULL, 64, false);
	n = object_index(p);
	write_byte(p - 1, 7);
	cr_expect(kmsg_contains("BUG: KFENCE: out-of-bounds write in write_byte+0x"));
	cr_expect(kmsg_has("Out-of-bounds write at 0x%p (1B left of kfence-#%d):", p - 1, n));
	cr_expect(kmsg_has("kfence-#%d: 0x%p-0x%p, size=64, cache=kmalloc-64", n, p, p + 63));
	kfree(p);
	cr_expect_eq(kmsg_count("BUG: "), 1, "no corruption report: the guard page is not a canary");
	cr_expect_eq(kfence_stat("total bugs"), 1);
	slab_still_works();
	ukmem_shutdown();
}

Test(kfence, use_after_free_read)
{
	struct kmem_cache *c;
	long frees;
	char *p;
	int n;

	boot("mem=64M " LONG_INTERVAL);
	c = kmem_cache_create("request", 48, 0, 0, NULL);
	p = kfence_object(c, 48, true);
	n = object_index(p);
	frees = kfence_stat("total frees");
	kmem_cache_free(c, p);
	read_byte(p + 8);
	cr_expect(kmsg_contains("BUG: KFENCE: use-after-free read in read_byte+0x"));
	cr_expect(kmsg_has("Use-after-free read at 0x%p (in kfence-#%d):", p + 8, n));
	cr_expect(kmsg_has("kfence-#%d: 0x%p-0x%p, size=48, cache=request", n, p, p + 47));
	cr_expect(kmsg_has("freed by task %d on cpu ", current->pid));
	cr_expect_eq(kfence_stat("total bugs"), 1);
	cr_expect_eq(kfence_stat("total frees"), frees + 1);
	/* The object page stays open for the next accesses, and is closed when the object
	 * is handed out and freed again. */
	read_byte(p + 8);
	cr_expect_eq(kmsg_count("BUG: KFENCE: "), 1);
	kmem_cache_destroy(c);
	slab_still_works();
	ukmem_shutdown();
}

Test(kfence, invalid_and_double_free)
{
	long frees;
	char *p;
	int n;

	boot("mem=64M " LONG_INTERVAL);
	p = kfence_object(NULL, 100, true);
	n = object_index(p);
	frees = kfence_stat("total frees");
	kfree(p + 1);
	cr_expect(kmsg_contains("BUG: KFENCE: invalid free in "));
	cr_expect(kmsg_has("Invalid free of 0x%p (in kfence-#%d):", p + 1, n));
	cr_expect(kmsg_has("kfence-#%d: 0x%p-0x%p, size=100, cache=kmalloc-128", n, p, p + 99));
	cr_expect_eq(kfence_stat("currently allocated"), 1, "the invalid free freed nothing");
	memset(p, 1, 100);		/* still the caller's */
	kfree(p);
	kfree(p);
	cr_expect_eq(kmsg_count("BUG: KFENCE: invalid free in "), 2);
	cr_expect(kmsg_has("Invalid free of 0x%p (in kfence-#%d):", p, n));
	cr_expect(kmsg_contains("freed by task "), "the second report shows the first free");
	cr_expect_eq(kfence_stat("total bugs"), 2);
	cr_expect_eq(kfence_stat("total frees"), frees + 1);
	cr_expect_eq(kfence_stat("currently allocated"), 0);
	slab_still_works();
	ukmem_shutdown();
}

noinline void free_record(void *p)
{
	kfree(p);
	asm volatile("" ::: "memory");	/* not a tail call: the frame stays */
}

Test(kfence, corrupted_canary_reported_at_free)
{
	long frees;
	char *p, *q;
	int n;

	boot("mem=64M " LONG_INTERVAL);
	/* 13 bytes at the right end: the object starts 8-aligned, 3 canary bytes after it */
	p = kfence_object(NULL, 13, true);
	n = object_index(p);
	cr_assert_eq(((unsigned long)p + 16) % PAGE_SIZE, 0);
	frees = kfence_stat("total frees");
	write_byte(p + 13, 'x');	/* no fault: the canary */
	cr_expect_eq(kmsg_count("BUG: "), 0);
	free_record(p);
	cr_expect(kmsg_contains("BUG: KFENCE: memory corruption in free_record+0x"));
	cr_expect(kmsg_has("Corrupted memory at 0x%p [ ! . . ] (in kfence-#%d):", p + 13, n));
	cr_expect(kmsg_has("kfence-#%d: 0x%p-0x%p, size=13, cache=kmalloc-16", n, p, p + 12));
	cr_expect_eq(kfence_stat("total frees"), frees + 1, "the object is freed all the same");
	/* On the left side of a left-placed object nothing can be corrupted; on its right: */
	q = kfence_object(NULL, 32, false);
	n = object_index(q);
	write_byte(q + 33, 'y');
	free_record(q);
	cr_expect(kmsg_has("Corrupted memory at 0x%p [ ! . . . . . . . . . . . . . . . ] (in kfence-#%d):",
			   q + 33, n));
	cr_expect_eq(kfence_stat("total bugs"), 2);
	cr_expect_eq(kfence_stat("currently allocated"), 0);
	slab_still_works();
	ukmem_shutdown();
}

static int ctor_calls;
static void record_ctor(void *p)
{
	memset(p, 0xc7, 40);
	ctor_calls++;
}

Test(kfence, named_cache_ctor_ksize_and_zeroing)
{
	struct kmem_cache *c;
	char *p, *z;

	boot("mem=64M " LONG_INTERVAL);
	c = kmem_cache_create("ctor_cache", 40, 0, 0, record_ctor);
	p = kfence_object(c, 40, true);
	cr_expect_eq((unsigned char)p[0], 0xc7, "the constructor ran");
	cr_expect_eq((unsigned char)p[39], 0xc7);
	cr_expect_eq(ksize(p), 40);
	cr_expect_eq(kmem_cache_size(c), 40);
	cr_expect_eq(virt_to_slab(p)->slab_cache, c);
	kmem_cache_free(c, p);
	z = kfence_object(NULL, 200, false);
	cr_expect_eq(ksize(z), 200, "ksize of a KFENCE object is what was asked for");
	kfree(z);
	/* __GFP_ZERO */
	for (int i = 0; i < 1000; i++) {
		__atomic_store_n(&slab_slow_reasons.kfence_armed, true, __ATOMIC_RELEASE);
		z = kzalloc(300, GFP_KERNEL);
		if (is_kfence_address(z))
			break;
		kfree(z);
	}
	cr_assert(is_kfence_address(z));
	for (int i = 0; i < 300; i++)
		cr_assert_eq(z[i], 0);
	/* krealloc within the size asked for stays; beyond it, moves */
	cr_expect_eq(krealloc(z, 300, GFP_KERNEL), z);
	p = krealloc(z, 301, GFP_KERNEL);
	cr_expect_neq(p, z);
	kfree(p);
	cr_expect_eq(kmsg_count("BUG: "), 0);
	cr_expect_eq(kfence_stat("currently allocated"), 0);
	kmem_cache_destroy(c);
	ukmem_shutdown();
}

Test(kfence, typesafe_by_rcu_objects_stay_readable_for_a_grace_period)
{
	struct kmem_cache *c;
	long frees;
	char *p;

	boot("mem=64M " LONG_INTERVAL);
	c = kmem_cache_create("rcu_cache", 64, 0, SLAB_TYPESAFE_BY_RCU, NULL);
	p = kfence_object(c, 64, true);
	rcu_barrier();		/* the search's own frees */
	frees = kfence_stat("total frees");
	memset(p, 'r', 64);
	rcu_read_lock();
	kmem_cache_free(c, p);
	cr_expect_eq(read_byte(p + 3), 'r', "readers in a grace period see the object");
	rcu_read_unlock();
	cr_expect_eq(kmsg_count("BUG: "), 0);
	rcu_barrier();
	cr_expect_eq(kfence_stat("total frees"), frees + 1);
	read_byte(p + 3);
	cr_expect(kmsg_contains("BUG: KFENCE: use-after-free read in read_byte+0x"));
	kmem_cache_destroy(c);
	slab_still_works();
	ukmem_shutdown();
}

Test(kfence, destroyed_cache_leaves_a_zombie)
{
	struct kmem_cache *c;
	char *p;
	int n;

	boot("mem=64M slab_nomerge " LONG_INTERVAL);
	c = kmem_cache_create("doomed", 32, 0, 0, NULL);
	p = kfence_object(c, 32, true);
	n = object_index(p);
	kmem_cache_destroy(c);
	cr_expect(!kmsg_contains("Objects remaining"), "the slab itself holds none of them");
	cr_expect_eq(kfence_stat("zombie allocations"), 1);
	cr_expect_eq(kfence_stat("currently allocated"), 1);
	read_byte(p);
	cr_expect(kmsg_contains("BUG: KFENCE: use-after-free read in read_byte+0x"));
	cr_expect(kmsg_has("kfence-#%d: 0x%p-0x%p, size=32, cache=<destroyed>", n, p, p + 31));
	ukmem_shutdown();
}

Test(kfence, stats_and_objects_files)
{
	char *text, *p;
	char want[256];

	/* 15 objects: the search for a left-placed one (each try takes a fresh object with
	 * probability 1/2 of the wrong side) leaves one unused in all but 1 of 2^14 runs. */
	boot("mem=64M kfence.num_objects=15 " LONG_INTERVAL);
	cr_expect_eq(KFENCE_POOL_SIZE, 32 * PAGE_SIZE);
	p = kfence_object(NULL, 16, false);
	text = proc_text("/sys/kernel/debug/kfence/stats");
	/* the search for a left-placed object may have freed right-placed ones */
	snprintf(want, sizeof(want), "enabled: 1\n"
				     "currently allocated: 1\n"
				     "total allocations: %ld\n"
				     "total frees: %ld\n"
				     "zombie allocations: 0\n"
				     "total bugs: 0\n"
				     "skipped allocations (incompatible): 0\n"
				     "skipped allocations (capacity): 0\n"
				     "skipped allocations (covered): 0\n",
		 kfence_stat("total frees") + 1, kfence_stat("total frees"));
	cr_expect_str_eq(text, want);
	free(text);
	text = proc_text("/sys/kernel/debug/kfence/objects");
	snprintf(want, sizeof(want), "kfence-#%d: 0x%p-0x%p, size=16, cache=kmalloc-16\n\nallocated by task %d on cpu ",
		 object_index(p), p, p + 15, current->pid);
	cr_expect(strstr(text, want), "%s", text);
	cr_expect(strstr(text, " unused\n---------------------------------\n"), "%s", text);
	free(text);
	/* A page-sized request still fits; a larger one is incompatible and leaves the gate open. */
	__atomic_store_n(&slab_slow_reasons.kfence_armed, true, __ATOMIC_RELEASE);
	void *big = kmalloc(PAGE_SIZE * 2, GFP_KERNEL);		/* kmalloc-8k */
	cr_expect(!is_kfence_address(big));
	cr_expect_eq(kfence_stat("skipped allocations (incompatible)"), 1);
	void *dma = kmalloc(64, GFP_KERNEL | GFP_DMA);
	cr_expect(!is_kfence_address(dma));
	cr_expect_eq(kfence_stat("skipped allocations (incompatible)"), 2);
	cr_expect(slab_slow_reasons.kfence_armed, "the gate is still open");
	kfree(dma);
	kfree(big);
	kfree(p);
	ukmem_shutdown();
}

/* A /proc/meminfo field, in kB. */
static long meminfo_kb(const char *field)
{
	return view_number("/proc/meminfo", field);
}

/* Whether p's page is mapped in the kernel's page tables; *level: by what entry. */
static bool page_mapped(const void *p, unsigned int *level)
{
	pte_t *pte = lookup_address((unsigned long)p, level);

	return pte && slow_virt_to_phys((void *)p) == __pa(p);
}

static bool page_present(const void *p)
{
	unsigned int level = 0;

	return page_mapped(p, &level) && level == PG_LEVEL_4K;
}

/* The guard pages are not present in the kernel's page tables either, as on x86: the
 * pool's part of the direct map is split to 4 KiB ptes (DirectMap4k), a guard page's
 * pte has no _PAGE_PRESENT, an object's page has it while the object lives and loses it
 * at the free; the direct map's size is unchanged and all comes back when KFENCE goes. */
Test(kfence, guard_pages_are_not_present_in_the_page_tables)
{
	unsigned int level = 0;
	long total;
	char *p, *q;

	boot("mem=64M " LONG_INTERVAL);
	total = meminfo_kb("DirectMap4k") + meminfo_kb("DirectMap2M") + meminfo_kb("DirectMap1G");
	cr_expect_geq(meminfo_kb("DirectMap4k") * 1024, (long)kfence_pool_size);
	cr_expect(!page_mapped(__kfence_pool, &level), "the pool's first page is a guard page");
	cr_expect(!page_mapped(__kfence_pool + PAGE_SIZE, &level));
	p = kfence_object(NULL, 32, true);
	cr_expect(page_present(p), "a live object's page is present, with a 4 KiB pte");
	cr_expect(!page_mapped((char *)ALIGN_DOWN((unsigned long)p, PAGE_SIZE) + PAGE_SIZE, &level),
		  "the guard page right of it is not");
	cr_expect(!page_mapped((char *)ALIGN_DOWN((unsigned long)p, PAGE_SIZE) - PAGE_SIZE, &level),
		  "the guard page left of it is not");
	q = kmalloc(4096, GFP_KERNEL);
	cr_expect(!is_kfence_address(q) && page_mapped(q, &level),
		  "memory outside the pool is mapped as before");
	kfree(q);
	kfree(p);
	cr_expect(!page_mapped(p, &level), "a freed object's page is not present");
	cr_expect_eq(kmsg_count("BUG: "), 0);
	slab_still_works();
	ukmem_shutdown();

	cr_assert_eq(ukmem_boot("mem=64M kfence.sample_interval=0"), 0);
	cr_expect_eq(meminfo_kb("DirectMap4k"), 0, "without KFENCE the direct map has no 4 KiB ptes");
	cr_expect_eq(meminfo_kb("DirectMap4k") + meminfo_kb("DirectMap2M") +
		     meminfo_kb("DirectMap1G"), total, "splitting kept the direct map's size");
	ukmem_shutdown();
}

Test(kfence, full_pool_skips)
{
	void *p[4];

	boot("mem=64M kfence.num_objects=3 " LONG_INTERVAL);
	for (int i = 0; i < 3; i++)
		p[i] = kfence_object(NULL, 64, i & 1);
	__atomic_store_n(&slab_slow_reasons.kfence_armed, true, __ATOMIC_RELEASE);
	p[3] = kmalloc(64, GFP_KERNEL);
	cr_expect(!is_kfence_address(p[3]));
	cr_expect_eq(kfence_stat("skipped allocations (capacity)"), 1);
	for (int i = 0; i < 4; i++)
		kfree(p[i]);
	cr_expect_eq(kfence_stat("currently allocated"), 0);
	ukmem_shutdown();
}

Test(kfence, off_with_sample_interval_0)
{
	unsetenv("UKMEM_CMDLINE");
	cr_assert_eq(ukmem_boot("mem=64M kfence.sample_interval=0"), 0);
	cr_expect_null(__kfence_pool);
	cr_expect_eq(KFENCE_POOL_SIZE, 0);
	cr_expect_null(proc_text("/sys/kernel/debug/kfence/stats"));
	slab_still_works();
	ukmem_shutdown();
}

Test(kfence, coexists_with_slub_debug)
{
	struct kmem_cache *c;
	char *p, *q;

	boot("mem=64M slub_debug=FZPU " LONG_INTERVAL);
	c = kmem_cache_create("debugged", 32, 0, 0, NULL);
	p = kfence_object(c, 32, true);
	read_byte(p + 32);
	cr_expect(kmsg_contains("BUG: KFENCE: out-of-bounds read in read_byte+0x"));
	kmem_cache_free(c, p);
	/* slub_debug still guards the cache's other objects */
	do
		q = kmem_cache_alloc(c, GFP_KERNEL);
	while (is_kfence_address(q));
	write_byte(q + 32, 1);
	kmem_cache_free(c, q);
	cr_expect(kmsg_contains("BUG debugged ("), "slub_debug's report");
	cr_expect(kmsg_contains("Right Redzone overwritten"));
	cr_expect_eq(kfence_stat("total bugs"), 1);
	kmem_cache_destroy(c);
	ukmem_shutdown();
}

static void *churn(void *arg)
{
	void *keep[16] = { 0 };

	for (int i = 0; i < 20000; i++) {
		int k = i % 16;

		kfree(keep[k]);
		keep[k] = kmalloc(16 + (i % 200), GFP_KERNEL);
		memset(keep[k], i, 16 + (i % 200));
		if (!(i % 1000))
			usleep(2000);
	}
	for (int k = 0; k < 16; k++)
		kfree(keep[k]);
	return NULL;
}

Test(kfence, threads_allocating_and_freeing)
{
	pthread_t t[3];

	boot("mem=64M kfence.sample_interval=1");
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, churn, NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	cr_expect_eq(kmsg_count("BUG: "), 0);
	cr_expect_eq(kfence_stat("total bugs"), 0);
	cr_expect_gt(kfence_stat("total allocations"), 0, "the timer opened the gate");
	cr_expect_eq(kfence_stat("currently allocated"), 0);
	cr_expect_eq(kfence_stat("total frees"), kfence_stat("total allocations"));
	ukmem_shutdown();
}
