// SPDX-License-Identifier: LGPL-2.1-or-later
/* The kmalloc family against Linux 6.1's answers (ksize per size, ZERO_SIZE_PTR, limits),
 * /proc/slabinfo's format and geometry, large allocations and their accounting. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include "asan_quarantine.h"
#include "kmsg.h"
#include "mm/slab.h"

#define REFERENCE_DIR "/work/shared/reference/"

/* Reference geometry was taken on 2 CPUs: boot as many, whatever the host has. */
static void boot_like_reference(const char *extra)
{
	char cmdline[256];

	snprintf(cmdline, sizeof(cmdline), "nr_cpus=2 %s", extra ? extra : "");
	cr_assert_eq(ukmem_boot(cmdline), 0);
}

static bool phys_contiguous(const char *p, size_t size)
{
	for (size_t i = 0; i < size; i += PAGE_SIZE / 2)
		if (virt_to_phys((void *)(p + i)) != virt_to_phys((void *)p) + i)
			return false;
	return virt_to_phys((void *)(p + size - 1)) == virt_to_phys((void *)p) + size - 1;
}

Test(kmalloc, ksize_matches_linux_for_every_reference_size)
{
	FILE *f = fopen(REFERENCE_DIR "linux-6.1-kmalloc-probe.txt", "r");
	unsigned long size, expect;
	int contiguous, checked = 0;
	char line[256];

	cr_assert(f);
	cr_assert_eq(ukmem_boot(NULL), 0);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "REF ksize %lu %lu contiguous_phys_ok %d", &size, &expect,
			   &contiguous) != 3)
			continue;
		char *p = kmalloc(size, GFP_KERNEL);

		cr_assert(p, "kmalloc(%lu)", size);
		cr_assert_eq(ksize(p), expect, "ksize(kmalloc(%lu)) = %zu, Linux says %lu",
			     size, ksize(p), expect);
		cr_assert(phys_contiguous(p, size), "kmalloc(%lu) is physically contiguous", size);
		memset(p, 0xab, ksize(p));
		kfree(p);
		checked++;
	}
	fclose(f);
	cr_assert_geq(checked, 36);
	ukmem_shutdown();
}

Test(kmalloc, zero_size_and_limits)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq((unsigned long)ZERO_SIZE_PTR, 0x10);
	cr_assert_eq(KMALLOC_MAX_SIZE, 4194304);
	cr_assert_eq(KMALLOC_MAX_CACHE_SIZE, 8192);
	void *z = kmalloc(0, GFP_KERNEL);

	cr_assert_eq(z, ZERO_SIZE_PTR);
	cr_assert_eq(ksize(z), 0);
	kfree(z);
	kfree(NULL);
	cr_assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	cr_assert_eq(kmalloc_size_roundup(65), 96);
	cr_assert_eq(kmalloc_size_roundup(193), 256);
	cr_assert_eq(kmalloc_size_roundup(8193), 16384);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(kmalloc, hwcache_aligned_40_byte_cache_is_64)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache *c = kmem_cache_create("cache40", 40, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache_info info;

	cr_assert(c);
	cr_assert_eq(kmem_cache_get_info(c, NULL, &info), 0);
	cr_assert_eq(info.slab_size, 64);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	cr_assert_eq((unsigned long)p % 64, 0);
	if (KASAN_LAYOUT) {	/* KASAN's caches never merge: 40 bytes and a red zone */
		cr_assert_eq(ksize(p), 40);
		cr_assert_str_eq(info.name, "cache40");
	} else {
		cr_assert_eq(ksize(p), 64);
		cr_assert_eq(kmem_cache_size(c), 64, "merged with kmalloc-64, as in Linux");
		cr_assert_str_eq(info.name, "kmalloc-64");
		cr_assert_geq(info.aliases, 1);
	}
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	ukmem_shutdown();
}

/* Every kmalloc cache line of the reference, and kmem_cache's, has the same objsize,
 * objperslab and pagesperslab in ours. */
Test(kmalloc, slabinfo_geometry_matches_linux)
{
	FILE *f = fopen(REFERENCE_DIR "linux-6.1-proc.txt", "r");
	char line[512], name[64], *ours;
	unsigned int objsize, perslab, pages;
	unsigned long active, total;
	int compared = 0;

	cr_assert(f);
	boot_like_reference(NULL);
	ours = proc_text("/proc/slabinfo");
	cr_assert(ours);
	cr_assert(!strncmp(ours, "slabinfo - version: 2.1\n# name            <active_objs> "
			   "<num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> "
			   "<batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> "
			   "<sharedavail>\n", 200));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %lu %lu %u %u %u", name, &active, &total, &objsize, &perslab,
			   &pages) != 6 || (!strstr(name, "kmalloc-") && strcmp(name, "kmem_cache")))
			continue;
		char want[128], *at;

		snprintf(want, sizeof(want), "\n%-17s ", name);
		at = strstr(ours, want);
		cr_assert(at, "%s is in /proc/slabinfo", name);
		unsigned int o_size, o_per, o_pages;

		cr_assert_eq(sscanf(at + strlen(want), "%lu %lu %u %u %u", &active, &total, &o_size,
				    &o_per, &o_pages), 5);
		compared++;
		if (KASAN_LAYOUT) {	/* Linux's KASAN layout differs from the reference too */
			cr_assert_geq(o_size, objsize + 16, "%s objsize has a red zone", name);
			cr_assert_eq(o_per, (o_pages * PAGE_SIZE) / o_size, "%s objperslab", name);
			continue;
		}
		cr_assert_eq(o_size, objsize, "%s objsize", name);
		cr_assert_eq(o_per, perslab, "%s objperslab %u, Linux %u", name, o_per, perslab);
		cr_assert_eq(o_pages, pages, "%s pagesperslab %u, Linux %u", name, o_pages, pages);
	}
	fclose(f);
	cr_assert_eq(compared, 53);
	free(ours);
	ukmem_shutdown();
}

struct slabinfo_line {
	unsigned long active, total;
	unsigned int size, per, pages;
};

/* The line of cache name; the number of cache lines in *nr_caches. */
static void slabinfo_line(const char *name, struct slabinfo_line *l, int *nr_caches)
{
	char *text = proc_text("/proc/slabinfo"), want[64], *at;
	int lines = 0;

	cr_assert(text);
	for (at = text; (at = strchr(at, '\n')) && at[1]; at++)
		lines++;
	*nr_caches = lines - 1;		/* less the "# name" line */
	snprintf(want, sizeof(want), "\n%-17s ", name);
	at = strstr(text, want);
	cr_assert(at, "%s", text);
	cr_assert_eq(sscanf(at + strlen(want), "%lu %lu %u %u %u", &l->active, &l->total,
			    &l->size, &l->per, &l->pages), 5);
	free(text);
}

/* Every cache's struct kmem_cache is an object of the cache "kmem_cache" and each of its
 * per-node lists one of "kmem_cache_node", as in SLUB; both are the last lines of
 * /proc/slabinfo, as 6.1 prints them (its first caches). */
Test(kmalloc, cache_structures_come_from_kmem_cache_and_kmem_cache_node)
{
	struct kmem_cache *c[64];
	struct slabinfo_line kc, kcn;
	int nr, nr2;

	cr_assert_eq(ukmem_boot("mem=512M numa=fake=2"), 0);
	cr_assert_eq(num_online_nodes(), 2);
	slabinfo_line("kmem_cache", &kc, &nr);
	slabinfo_line("kmem_cache_node", &kcn, &nr);
	/* node[] holds the machine's two nodes (one node gives 6.1's 256, compared with the
	 * reference above), cache-line aligned */
	unsigned int kc_object = offsetof(struct kmem_cache, node) + 2 * sizeof(void *);

	cr_assert_eq(kc.size, ALIGN(KASAN_LAYOUT ? kasan_slab_size(kc_object, kc_object) :
						 kc_object, 64));
	if (KASAN_LAYOUT)	/* the order follows the larger objects */
		cr_assert_eq(kc.per, kc.pages * PAGE_SIZE / kc.size);
	else
		cr_assert_eq(kc.pages, 1);
	/* 64 bytes in Linux; ukmem's spinlock_t carries the owner and lock-class fields of a
	 * kernel built with CONFIG_DEBUG_SPINLOCK and lockdep */
	cr_assert_eq(kcn.size, KASAN_LAYOUT ? ALIGN(kasan_slab_size(sizeof(struct kmem_cache_node),
								    sizeof(struct kmem_cache_node)), 64)
					    : 128);
	cr_assert_geq(kc.total, nr - 2);
	cr_assert_geq(kcn.total, 2 * (nr - 2));

	char *text = proc_text("/proc/slabinfo");
	size_t len = strlen(text);
	const char *tail = "\nkmem_cache_node ";

	cr_assert(strstr(text, tail) && !strstr(strstr(text, tail) + 1, "\nkmalloc"), "%s",
		  text + len - 400);
	cr_assert(strstr(text + len - 200, "\nkmem_cache       "), "%s", text + len - 200);
	free(text);

	for (int i = 0; i < 64; i++) {
		char name[32];

		snprintf(name, sizeof(name), "structs-%d", i);
		c[i] = kmem_cache_create(name, 24 + 8 * i, 0, SLAB_RED_ZONE, NULL);
		cr_assert(c[i]);
		cr_assert(virt_addr_valid(c[i]) && PageSlab(virt_to_head_page(c[i])), "%p", c[i]);
		void *x = kmem_cache_alloc_node(c[i], GFP_KERNEL, i & 1);

		cr_assert(x);
		memset(x, 0x5a, 24 + 8 * i);
		kmem_cache_free(c[i], x);
	}
	slabinfo_line("kmem_cache", &kc, &nr2);
	slabinfo_line("kmem_cache_node", &kcn, &nr2);
	cr_assert_eq(nr2, nr + 64);
	cr_assert_geq(kc.total, nr2 - 2);
	cr_assert_geq(kcn.total, 2 * (nr2 - 2));
	for (int i = 0; i < 64; i++)
		kmem_cache_destroy(c[i]);
	slabinfo_line("kmem_cache", &kc, &nr2);
	cr_assert_eq(nr2, nr);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(kmalloc, slabinfo_counts_follow_allocations)
{
	void *p[100];
	char *text, *line;
	unsigned long active, total, slabs, slabs2;
	unsigned int size, per, pages, l, b, s;

	boot_like_reference(NULL);
	for (int i = 0; i < 100; i++)
		p[i] = kmalloc(200, GFP_KERNEL);
	text = proc_text("/proc/slabinfo");
	line = strstr(text, "\nkmalloc-256 ");
	cr_assert(line);
	cr_assert_eq(sscanf(line + 1, "kmalloc-256 %lu %lu %u %u %u : tunables %u %u %u : "
			    "slabdata %lu %lu", &active, &total, &size, &per, &pages, &l, &b, &s,
			    &slabs, &slabs2), 10);
	cr_assert_geq(active, 100);
	cr_assert_eq(total, slabs * per);
	cr_assert_eq(per, KASAN_LAYOUT ? PAGE_SIZE * pages / size : 16);
	cr_assert_eq(slabs, slabs2);
	cr_assert_geq(slabs, 7);
	cr_assert(strstr(line, " : tunables    0    0    0 : slabdata "));
	free(text);
	for (int i = 0; i < 100; i++)
		kfree(p[i]);
	ukmem_shutdown();
}

Test(kmalloc, large_allocations_come_from_pages_and_go_back)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct kmem_cache_info info;
	char *before = proc_text("/proc/meminfo");
	char *p = kmalloc(100000, GFP_KERNEL);

	cr_assert(p);
	cr_assert_eq(ksize(p), 131072);
	cr_assert(PageHead(virt_to_page(p)));
	cr_assert(!PageSlab(virt_to_page(p)));
	cr_assert(phys_contiguous(p, 131072));
	memset(p, 1, 100000);
	cr_assert_geq(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), 131072);
	kfree(p);
	cr_assert_eq(kmem_cache_get_info(NULL, "kmalloc-8k", &info), 0);
	cr_assert_eq(info.objs_per_slab, (PAGE_SIZE << info.order) / info.slab_size);
	cr_assert_eq(info.objs_per_slab, KASAN_LAYOUT ? 3 : 4);
	free(before);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* kfree() of a 64 KiB block keeps it for this CPU's next kmalloc of the order (one CPU:
 * the next kmalloc runs where the kfree did); drain_all_pages() gives it back. Builds
 * that track every free (ASan, Valgrind) hand it back at once. */
Test(kmalloc, kfree_keeps_a_large_block_for_the_next_kmalloc_of_its_order)
{
	cr_assert_eq(ukmem_boot("nr_cpus=1"), 0);
	char *p = kmalloc(64 << 10, GFP_KERNEL), *q;
	struct page *page = virt_to_page(p);

	memset(p, 0x5a, 64 << 10);
	kfree(p);
	if (KASAN_LAYOUT) {
		cr_assert_not(PageHead(page), "given back to the page allocator at once");
		ukmem_shutdown();
		return;
	}
	cr_assert(PageHead(page), "kept whole");
	cr_assert_eq(page_ref_count(page), 0, "kept with no reference");
	q = kmalloc(40000, GFP_KERNEL);		/* order 4 as well */
	cr_assert_eq(q, p, "the next kmalloc of its order takes it back");
	cr_assert_eq(page_ref_count(page), 1);
	cr_assert_eq(ksize(q), 64 << 10);
	kfree(q);
	q = kzalloc(64 << 10, GFP_KERNEL);
	cr_assert_eq(q, p);
	for (size_t i = 0; i < (64 << 10); i += 64)
		cr_assert_eq(q[i], 0, "kzalloc zeroes a kept block (byte %zu)", i);
	kfree(q);
	drain_all_pages(NULL);
	cr_assert_not(PageHead(page), "drain_all_pages() gives it back");
	cr_assert_eq(ukmem_report_count(), 0);
	/* a block kept when the machine shuts down is not the next machine's */
	q = kmalloc(64 << 10, GFP_KERNEL);
	kfree(q);
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("nr_cpus=1"), 0);
	q = kmalloc(64 << 10, GFP_KERNEL);
	cr_assert(virt_addr_valid(q), "a block of this machine's memory");
	cr_assert(PageHead(virt_to_page(q)), "a block this machine's allocator made");
	cr_assert_eq(ksize(q), 64 << 10);
	memset(q, 0x5a, 64 << 10);
	kfree(q);
	ukmem_shutdown();
}

/* A second kfree() of a kept block is the bad free it is (as when the block went back):
 * a warning with the pointer, and the block is still handed out once only. */
Test(kmalloc, a_second_kfree_of_a_kept_large_block_is_reported)
{
	cr_assert_eq(ukmem_boot("nr_cpus=1"), 0);
	char *p = kmalloc(64 << 10, GFP_KERNEL), *q, *r;

	kfree(p);
	if (KASAN_LAYOUT) {	/* nothing kept (a second kfree is KASAN's to report) */
		cr_assert_not(PageHead(virt_to_page(p)), "given back at once");
		ukmem_shutdown();
		return;
	}
	kfree(p);	/* again */
	cr_assert(kmsg_contains("WARNING: CPU: "));
	cr_assert(kmsg_contains("object pointer: 0x"));
	q = kmalloc(64 << 10, GFP_KERNEL);
	r = kmalloc(64 << 10, GFP_KERNEL);
	cr_assert_eq(q, p, "the kept block comes back once");
	cr_assert_neq(r, p, "and only once");
	kfree(q);
	kfree(r);
	ukmem_shutdown();
}

Test(kmalloc, meminfo_slab_lines_count_slab_pages)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	struct kmem_cache *c = kmem_cache_create("reclaimable", 512, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	unsigned long recl0 = global_node_page_state(NR_SLAB_RECLAIMABLE_B);
	void *objs[64], *unreclaimable = kmalloc(64, GFP_KERNEL);
	char *text;
	unsigned long slab_kb, srecl_kb;

	for (int i = 0; i < 64; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	cr_assert_geq(global_node_page_state(NR_SLAB_RECLAIMABLE_B), recl0 + 64 * 512);
	text = proc_text("/proc/meminfo");
	cr_assert_eq(sscanf(strstr(text, "Slab:"), "Slab: %lu kB", &slab_kb), 1);
	cr_assert_eq(sscanf(strstr(text, "SReclaimable:"), "SReclaimable: %lu kB", &srecl_kb), 1);
	cr_assert_geq(srecl_kb, 32);
	cr_assert_gt(slab_kb, srecl_kb);
	free(text);
	for (int i = 0; i < 64; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
	kfree(unreclaimable);
	cr_assert_eq(global_node_page_state(NR_SLAB_RECLAIMABLE_B), recl0);
	ukmem_shutdown();
}

Test(kmalloc, dma_kmalloc_comes_from_zone_dma)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void *p = kmalloc(100, GFP_KERNEL | GFP_DMA);
	struct kmem_cache_info info;

	cr_assert(p);
	cr_assert_eq(page_zonenum(virt_to_page(p)), ZONE_DMA);
	cr_assert_eq(kmem_cache_get_info(NULL, "dma-kmalloc-128", &info), 0);
	cr_assert_geq(info.objects, 1);
	kfree(p);
	ukmem_shutdown();
}

Test(kmalloc, family_helpers)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *s = kstrdup("hello", GFP_KERNEL), *n = kstrndup("abcdef", 3, GFP_KERNEL);
	int *z = kzalloc(64 * sizeof(int), GFP_KERNEL);
	long *a = kcalloc(10, sizeof(long), GFP_KERNEL);

	cr_assert_str_eq(s, "hello");
	cr_assert_str_eq(n, "abc");
	for (int i = 0; i < 64; i++)
		cr_assert_eq(z[i], 0);
	for (int i = 0; i < 10; i++)
		cr_assert_eq(a[i], 0);
	cr_assert_null(kmalloc_array(SIZE_MAX / 2, 4, GFP_KERNEL));
	cr_assert_null(kcalloc(SIZE_MAX / 8, 16, GFP_KERNEL));
	cr_assert_null(krealloc_array(a, SIZE_MAX / 2, 3, GFP_KERNEL));
	char *d = kmemdup("xyz", 4, GFP_KERNEL);

	cr_assert_str_eq(d, "xyz");
	s = krealloc(s, 6, GFP_KERNEL);		/* fits: same buffer */
	cr_assert_str_eq(s, "hello");
	s = krealloc(s, 1000, GFP_KERNEL);
	cr_assert_str_eq(s, "hello");
	cr_assert_eq(ksize(s), 1024);
	cr_assert_eq(krealloc(s, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree_sensitive(d);
	kfree(n);
	kfree(z);
	kfree(a);
	void *kv = kvmalloc(3 * PAGE_SIZE, GFP_KERNEL);

	cr_assert(kv);
	cr_assert(!is_vmalloc_addr(kv), "small kvmalloc is kmalloc");
	kvfree(kv);
	char *big = kvmalloc(8 << 20, GFP_KERNEL);	/* above KMALLOC_MAX_SIZE: vmalloc */

	cr_assert(big);
	cr_assert(is_vmalloc_addr(big));
	big[0] = 1;
	big[(8 << 20) - 1] = 2;
	big = kvrealloc(big, 8 << 20, 9 << 20, GFP_KERNEL);
	cr_assert_eq(big[0], 1);
	cr_assert_eq(big[(8 << 20) - 1], 2);
	kvfree(big);
	cr_assert_null(kvmalloc(8 << 20, GFP_ATOMIC), "no vmalloc fallback without blocking");
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(kmalloc, init_on_alloc_zeroes)
{
	cr_assert_eq(ukmem_boot("init_on_alloc=1"), 0);
	unsigned char *p = kmalloc(64, GFP_KERNEL);

	memset(p, 0xee, 64);
	kfree(p);
	p = kmalloc(64, GFP_KERNEL);
	for (int i = 0; i < 64; i++)
		cr_assert_eq(p[i], 0);
	kfree(p);
	ukmem_shutdown();
}

Test(kmalloc, init_on_free_zeroes)
{
	cr_assert_eq(ukmem_boot("init_on_free=1"), 0);
	unsigned char *p = kmalloc(64, GFP_KERNEL), *q;

	memset(p, 0xee, 64);
	kfree(p);
	q = kmalloc(64, GFP_KERNEL);
	if (QUARANTINE)
		cr_assert(asan_poisoned(p), "the freed object waits in the quarantine");
	else
		cr_assert_eq(p, q, "the last freed object comes back first");
	for (int i = 0; i < 64; i++)
		cr_assert_eq(q[i], 0);
	kfree(q);
	ukmem_shutdown();
}

/* Foreign pointers are always caught; pointers into an object need slub_debug's
 * consistency checks, as in Linux. */
Test(kmalloc, foreign_pointer_is_reported_and_ignored)
{
	cr_assert_eq(ukmem_boot("slub_debug=F,kmalloc-64"), 0);
	char *host = malloc(64), *ok = kmalloc(64, GFP_KERNEL);

	strcpy(ok, "intact");
	kfree(host);
	cr_assert(kmsg_contains("was never handed out by kmalloc"));
	kfree(ok + 8);
	cr_assert(kmsg_contains("BUG kmalloc-64 (Tainted: "));
	cr_assert(kmsg_contains("Invalid object pointer 0x"));
	cr_assert_str_eq(ok, "intact");
	kfree(ok);
	free(host);
	ukmem_shutdown();
}

Test(kmalloc, sleeping_allocation_in_atomic_context_is_reported)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	DEFINE_SPINLOCK(lock);
	void *warm = kmalloc(64, GFP_KERNEL), *atomic_ok, *bad;

	kfree(warm);				/* the fast path has an object ready */
	spin_lock(&lock);
	atomic_ok = kmalloc(64, GFP_ATOMIC);
	cr_assert(!kmsg_contains("BUG: sleeping function called from invalid context"));
	bad = kmalloc(64, GFP_KERNEL);
	spin_unlock(&lock);
	cr_assert(kmsg_contains("BUG: sleeping function called from invalid context at"));
	cr_assert(atomic_ok && bad && atomic_ok != bad);
	kfree(atomic_ok);
	kfree(bad);
	ukmem_shutdown();
}

/* Interleaved sizes exercise kfree's cache guess (right and wrong) and the thread caches'
 * trimming; every buffer keeps its own pattern until it is freed. */
Test(kmalloc, mixed_sizes_keep_their_contents)
{
	enum { N = 3000 };
	static unsigned char *bufs[N];
	static size_t sizes[N];

	cr_assert_eq(ukmem_boot(NULL), 0);
	srand(7);
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < N; i++) {
			sizes[i] = 1 + (size_t)rand() % 9000;
			bufs[i] = kmalloc(sizes[i], GFP_KERNEL);
			cr_assert(bufs[i]);
			memset(bufs[i], (unsigned char)(i + round), sizes[i]);
		}
		for (int i = 0; i < N; i += 2)
			kfree(bufs[i]);
		for (int i = 1; i < N; i += 2) {
			cr_assert_eq(bufs[i][0], (unsigned char)(i + round));
			cr_assert_eq(bufs[i][sizes[i] - 1], (unsigned char)(i + round));
			kfree(bufs[i]);
		}
	}
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}
