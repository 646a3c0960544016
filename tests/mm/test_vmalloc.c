// SPDX-License-Identifier: LGPL-2.1-or-later
/* vmalloc: real mappings that alias the direct map, few host mappings, guard pages,
 * the kernel's reports for misuse, /proc/vmallocinfo and lazy purging. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <linux/pgtable.h>
#include "kmsg.h"
#include "mm/slab.h"

#ifdef __SANITIZE_ADDRESS__
/* The guard-page test expects a plain SIGSEGV, not ASan's report of it. */
const char *__asan_default_options(void) { return "handle_segv=0"; }
#endif

/* Host mappings (lines of /proc/self/maps) that lie inside [start, end). */
static int host_mappings_in(unsigned long start, unsigned long end)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line[512];
	int n = 0;

	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo >= start && hi <= end)
			n++;
	fclose(f);
	return n;
}

Test(vmalloc, aliases_the_direct_map)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	size_t size = 100000;
	unsigned char *p = vmalloc(size);

	cr_assert(p);
	cr_assert(is_vmalloc_addr(p));
	cr_assert(!is_vmalloc_addr(__va(0x100000)));
	for (size_t i = 0; i < size; i++)
		p[i] = (unsigned char)(i * 7);
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		struct page *page = vmalloc_to_page(p + off);
		unsigned char *direct = page_address(page);

		cr_assert(page);
		cr_assert_eq(vmalloc_to_pfn(p + off), page_to_pfn(page));
		cr_assert_eq(direct[0], (unsigned char)(off * 7), "the direct map sees the write");
		direct[1] = 0xee;
		cr_assert_eq(p[off + 1], 0xee, "the vmalloc address sees the direct-map write");
		cr_assert_eq(slow_virt_to_phys(p + off + 5), page_to_phys(page) + 5);
	}
	char *info = proc_text("/proc/meminfo");
	cr_assert(strstr(info, "VmallocUsed:         100 kB\n"), "%s", info);
	/* vmalloc=auto: 32 TiB, or the largest power of two down to 1 TiB the window had a
	 * hole for (Criterion's arena may lie in it), less the byte of Linux's inclusive
	 * VMALLOC_END */
	unsigned long long total_kb = 0;
	unsigned long long space = VMALLOC_END - VMALLOC_START;

	cr_assert_eq(sscanf(strstr(info, "VmallocTotal:"), "VmallocTotal: %llu kB", &total_kb), 1);
	cr_assert_eq(total_kb, (space - 1) >> 10, "%s", info);
	cr_assert(space >= (1ULL << 40) && space <= (32ULL << 40) && !(space & (space - 1)),
		  "vmalloc space %llx", space);
	free(info);
	vfree(p);
	cr_assert_eq(vmalloc_nr_pages(), 0);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(vmalloc, large_area_needs_few_host_mappings)
{
	cr_assert_eq(ukmem_boot("mem=512M"), 0);
	unsigned long size = 256UL << 20;
	char *p = vmalloc(size);

	cr_assert(p);
	int maps = host_mappings_in((unsigned long)p, (unsigned long)p + size);
	cr_assert_lt(maps, 64, "%d host mappings", maps);
	cr_assert_geq(maps, 1);
	memset(p, 0x3c, size);
	cr_assert_eq(((char *)page_address(vmalloc_to_page(p + size - 1)))[PAGE_SIZE - 1], 0x3c);
	vfree(p);
	ukmem_shutdown();
}

Test(vmalloc, one_gigabyte_on_a_two_gigabyte_machine)
{
	cr_assert_eq(ukmem_boot("mem=2G"), 0);
	unsigned long size = 1UL << 30;
	unsigned long *p = vmalloc(size);

	cr_assert(p);
	for (unsigned long i = 0; i < size / sizeof(long); i += 512)
		p[i] = i ^ 0xabcdef;
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		unsigned long *direct = page_address(vmalloc_to_page((char *)p + off));
		unsigned long i = off / sizeof(long);

		cr_assert_eq(direct[0], i ^ 0xabcdef);
	}
	vfree(p);
	ukmem_shutdown();
}

Test(vmalloc, vmallocinfo_format)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *p = vmalloc(5 * PAGE_SIZE);
	char want[128];
	char *text = proc_text("/proc/vmallocinfo");

	snprintf(want, sizeof(want), "0x%016lx-0x%016lx   24576 vmalloc_vmallocinfo_format_impl+0x",
		 (unsigned long)p, (unsigned long)p + 6 * PAGE_SIZE);
	cr_assert(strstr(text, want), "%s\nwant: %s", text, want);
	cr_assert(strstr(text, " pages=5 vmalloc N0=5\n"), "%s", text);
	free(text);
	vfree(p);
	text = proc_text("/proc/vmallocinfo");
	snprintf(want, sizeof(want), "0x%016lx-0x%016lx   24576 unpurged vm_area\n",
		 (unsigned long)p, (unsigned long)p + 6 * PAGE_SIZE);
	cr_assert(strstr(text, want), "%s", text);
	free(text);
	ukmem_shutdown();
}

/* vmap_area objects are 64 bytes, as Linux 6.1's: with merging off, the cache has its
 * own /proc/slabinfo line, 64 objects of 64 bytes to a page, as in Linux's. */
Test(vmalloc, vmap_area_objects_are_64_bytes)
{
	cr_assert_eq(ukmem_boot("slab_nomerge"), 0);
	void *p[100];

	for (int i = 0; i < 100; i++)
		cr_assert(p[i] = vmalloc(PAGE_SIZE));
	char *text = proc_text("/proc/slabinfo"), *line = strstr(text, "\nvmap_area ");
	unsigned long active, total, objsize, perslab, pages;

	cr_assert(line, "%s", text);
	cr_assert_eq(sscanf(line + 1, "vmap_area %lu %lu %lu %lu %lu : tunables", &active, &total,
			    &objsize, &perslab, &pages), 5, "%.120s", line + 1);
	/* 6.1's 64 bytes (in ASan builds, plus KASAN's red zone, as in Linux with KASAN) */
	cr_assert_eq(objsize, UKMEM_TRACK_ANY ? kasan_slab_size(64, 64) : 64);
	cr_assert_eq(perslab, PAGE_SIZE / objsize);
	cr_assert_eq(pages, 1);
	cr_assert_geq(active, 100, "one per area at least");
	free(text);
	for (int i = 0; i < 100; i++)
		vfree(p[i]);
	ukmem_shutdown();
}

Test(vmalloc, bad_vfree_is_reported_and_changes_nothing)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *p = vmalloc(3 * PAGE_SIZE);
	static char not_vmalloc[2 * PAGE_SIZE] __attribute__((aligned(4096)));
	char want[96];

	memset(p, 0x42, 3 * PAGE_SIZE);
	char *before = proc_text("/proc/vmallocinfo");
	vfree(not_vmalloc);
	snprintf(want, sizeof(want), "Trying to vfree() ");
	cr_assert(kmsg_contains(want));
	vfree(p + PAGE_SIZE);
	snprintf(want, sizeof(want), "Trying to vfree() nonexistent vm area (%016lx)",
		 (unsigned long)(p + PAGE_SIZE));
	cr_assert(kmsg_contains(want), "%s", want);
	cr_assert(kmsg_contains("WARNING: CPU: "));
	char *after = proc_text("/proc/vmallocinfo");
	cr_assert_str_eq(before, after);
	cr_assert_eq(p[3 * PAGE_SIZE - 1], 0x42);
	vfree(p);
	vfree(p);		/* second vfree */
	snprintf(want, sizeof(want), "Trying to vfree() nonexistent vm area (%016lx)", (unsigned long)p);
	cr_assert(kmsg_contains(want));
	cr_assert_eq(vmalloc_nr_pages(), 0);
	free(before);
	free(after);
	ukmem_shutdown();
}

Test(vmalloc, overrun_hits_the_guard_page, .signal = SIGSEGV)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	/* Through find_vm_area, so that the compiler (and UBSan) do not know the size. */
	volatile char *p = find_vm_area(vmalloc(2 * PAGE_SIZE))->addr;
	volatile size_t end = 2 * PAGE_SIZE;

	p[end - 1] = 1;
	p[end] = 1;
}

Test(vmalloc, vmap_and_vm_map_ram_alias_pages)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct page *pages[4];

	for (int i = 0; i < 4; i++) {
		pages[3 - i] = alloc_page(GFP_KERNEL | __GFP_ZERO);	/* any order, any place */
		memset(page_address(pages[3 - i]), 'a' + (3 - i), PAGE_SIZE);
	}
	char *v = vmap(pages, 4, VM_MAP, PAGE_KERNEL);
	cr_assert(v);
	for (int i = 0; i < 4; i++)
		cr_assert_eq(v[i * PAGE_SIZE + 10], 'a' + i);
	v[0] = 'Z';
	cr_assert_eq(((char *)page_address(pages[0]))[0], 'Z');
	cr_assert_eq(find_vm_area(v)->flags & VM_MAP, VM_MAP);
	char *text = proc_text("/proc/vmallocinfo");
	cr_assert(strstr(text, " vmap\n"), "%s", text);
	free(text);
	vunmap(v);

	char *r = vm_map_ram(pages, 4, NUMA_NO_NODE);
	cr_assert(r);
	cr_assert_eq(r[PAGE_SIZE * 3 + 1], 'd');
	text = proc_text("/proc/vmallocinfo");
	cr_assert(strstr(text, "   16384 vm_map_ram\n") || strstr(text, "   20480 vm_map_ram\n"), "%s", text);
	free(text);
	vm_unmap_ram(r, 4);
	for (int i = 0; i < 4; i++)
		__free_pages(pages[i], 0);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(vmalloc, variants)
{
	cr_assert_eq(ukmem_boot("mem=5G"), 0);
	unsigned char *z = vzalloc(3 * PAGE_SIZE + 1);
	for (size_t i = 0; i < 3 * PAGE_SIZE + 1; i++)
		cr_assert_eq(z[i], 0);
	unsigned char *u = vmalloc_user(PAGE_SIZE);
	cr_assert_eq(u[100], 0);
	cr_assert(find_vm_area(u)->flags & VM_USERMAP);
	char *low = vmalloc_32(64 * PAGE_SIZE);
	for (int i = 0; i < 64; i++)
		cr_assert_lt(page_to_phys(vmalloc_to_page(low + i * PAGE_SIZE)), 1UL << 32);
	volatile size_t huge = SIZE_MAX / 2;
	cr_assert_null(vmalloc_array(huge, 4), "overflow gives NULL");
	cr_assert_null(vcalloc(huge, 16));
	int *arr = vcalloc(1000, sizeof(int));
	cr_assert_eq(arr[999], 0);
	char *n1 = vmalloc_node(PAGE_SIZE, 0);
	cr_assert(n1);
	vfree(z);
	vfree(u);
	vfree(low);
	vfree(arr);
	vfree(n1);
	vfree(NULL);
	struct vm_struct *area = get_vm_area(8 * PAGE_SIZE, VM_IOREMAP);
	cr_assert(area);
	void *area_addr = area->addr;
	cr_assert_eq(get_vm_area_size(area), 8 * PAGE_SIZE);
	cr_assert_eq(find_vm_area(area_addr), area);
	free_vm_area(area);		/* frees the vm_struct too */
	cr_assert_null(find_vm_area(area_addr));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(vmalloc, too_large_fails_with_the_kernel_warning)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_null(vmalloc(128UL << 20));
	cr_assert(kmsg_contains("vmalloc error: size 134217728, exceeds total pages, mode:0xcc0(GFP_KERNEL)"));
	ukmem_shutdown();
}

/* A test of its own: warn_alloc reports one failure per 10 s (the first test's). */
Test(vmalloc, out_of_pages_fails_with_the_kernel_warning)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	unsigned long all = totalram_pages() << PAGE_SHIFT;	/* more than is free */
	char want[96];
	cr_assert_null(vmalloc(all));
	snprintf(want, sizeof(want), "vmalloc error: size %lu, page order 0, failed to allocate pages", all);
	cr_assert(kmsg_contains(want), "%s", want);
	cr_assert_eq(vmalloc_nr_pages(), 0, "a failed vmalloc gives everything back");
	char *ok = vmalloc(8UL << 20);
	cr_assert(ok);
	vfree(ok);
	ukmem_shutdown();
}

Test(vmalloc, sleeping_from_atomic_context_is_reported)
{
	DEFINE_SPINLOCK(lock);

	cr_assert_eq(ukmem_boot(NULL), 0);
	spin_lock(&lock);
	void *p = vmalloc(PAGE_SIZE);
	spin_unlock(&lock);
	cr_assert(kmsg_contains("BUG: sleeping function called from invalid context at mm/vmalloc.c:"));
	cr_assert(kmsg_contains("in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: "));
	vfree(p);
	ukmem_shutdown();
}

static void *churn(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	void *live[16] = { 0 };
	size_t sizes[16];

	for (int r = 0; r < 3000; r++) {
		int i = rand_r(&seed) % 16;

		if (live[i]) {
			cr_assert_eq(((unsigned char *)live[i])[sizes[i] - 1], (unsigned char)sizes[i]);
			vfree(live[i]);
			live[i] = NULL;
		} else {
			sizes[i] = 1 + (size_t)(rand_r(&seed) % (256 * 1024));
			live[i] = vmalloc(sizes[i]);
			cr_assert(live[i]);
			((unsigned char *)live[i])[sizes[i] - 1] = (unsigned char)sizes[i];
		}
	}
	for (int i = 0; i < 16; i++)
		vfree(live[i]);
	return NULL;
}

Test(vmalloc, threads_churn_and_lazy_purge)
{
	pthread_t t[3];

	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	unsigned long boot_free = free_pages_now();
	for (long i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, churn, (void *)(i + 1));
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	cr_assert_eq(vmalloc_nr_pages(), 0);
	cr_assert_eq(ukmem_report_count(), 0);
	/* Every page came back; metadata (slab, page tables) may have grown a little. */
	cr_assert_gt(free_pages_now(), boot_free - 1024);
	ukmem_shutdown();
}

static int lines_of(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, c;

	cr_assert(f, "%s", path);
	while ((c = getc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* Brings the process's host mappings to vm.max_map_count less about headroom: a
 * PROT_NONE region with every other page made readable (each such page adds two). */
static void *fill_host_mappings(int headroom, size_t *len)
{
	FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
	int max = 0, pairs;
	char *region;

	cr_assert(f);
	cr_assert_eq(fscanf(f, "%d", &max), 1);
	fclose(f);
	pairs = (max - lines_of("/proc/self/maps") - headroom) / 2;
	cr_assert_gt(pairs, 0);
	*len = (size_t)(2 * pairs + 1) * PAGE_SIZE;
	region = mmap(NULL, *len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	cr_assert_neq(region, MAP_FAILED);
	for (int i = 0; i < pairs; i++)
		if (mprotect(region + (2 * i + 1) * PAGE_SIZE, PAGE_SIZE, PROT_READ))
			break;			/* already at the limit */
	return region;
}

/* At vm.max_map_count the areas vfree left for the lazy purge still hold host mappings;
 * a vmalloc that cannot map purges them and tries again, so after freeing n areas n more
 * can be had, whatever the limit. */
Test(vmalloc, host_mapping_limit_is_recovered_by_the_lazy_purge)
{
	enum { MAX = 2048 };
	static char *area[MAX];
	size_t len;
	int n = 0;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	char *filler = fill_host_mappings(96, &len);

	while (n < MAX && (area[n] = __vmalloc(PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN)))
		memset(area[n], n & 0xff, PAGE_SIZE), n++;
#ifndef __SANITIZE_ADDRESS__
	/* Reported, with the host's figures. (Under ASan the report's stack trace makes
	 * AddressSanitizer's own allocator map memory, which the limit refuses: it dies.) */
	void *refused = vmalloc(PAGE_SIZE);
#endif
	for (int i = 0; i < n; i++)
		vfree(area[i]);
	for (int i = 0; i < n; i++) {
		area[i] = __vmalloc(PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
		if (!area[i]) {
			munmap(filler, len);
			cr_assert_fail("vmalloc %d of %d failed after vfree", i, n);
		}
		memset(area[i], ~i & 0xff, PAGE_SIZE);
	}
	for (int i = 0; i < n; i++)
		if (area[i][0] != (char)(~i & 0xff) || area[i][PAGE_SIZE - 1] != (char)(~i & 0xff)) {
			munmap(filler, len);
			cr_assert_fail("area %d lost its contents", i);
		}
	munmap(filler, len);
#ifndef __SANITIZE_ADDRESS__
	cr_assert_null(refused);
	cr_assert(kmsg_contains("vmalloc error: size 4096, failed to map pages, mode:0xcc0(GFP_KERNEL)"));
	cr_assert(kmsg_contains(" host mappings, vm.max_map_count is "));
#endif
	cr_assert_gt(n, 8, "the limit was reached after %d areas", n);
	cr_assert_lt(n, MAX, "vm.max_map_count was never reached");
	for (int i = 0; i < n; i++)
		vfree(area[i]);
	ukmem_shutdown();
}
