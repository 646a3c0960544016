// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_vmalloc.c: vmalloc+vfree beside the host's mmap+munmap of anonymous memory,
 * in one run, for 4 KiB .. 16 MiB; first on a fresh machine, then on one whose free
 * memory is fragmented into single pages. Two views: "alloc+free" (mmap with
 * MAP_POPULATE, vmalloc as is) and "alloc+touch+free" (every page written once, mmap
 * without MAP_POPULATE). ns per operation pair; ratio = vmalloc / mmap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void touch(char *p, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE)
		((volatile char *)p)[off] = 1;
}

static double run_vmalloc(size_t size, int reps, bool touching)
{
	double t0 = now_ns();

	for (int i = 0; i < reps; i++) {
		char *p = vmalloc(size);

		if (!p)
			return -1;
		if (touching)
			touch(p, size);
		vfree(p);
	}
	return (now_ns() - t0) / reps;
}

static double run_mmap(size_t size, int reps, bool touching)
{
	double t0 = now_ns();
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (touching ? 0 : MAP_POPULATE);

	for (int i = 0; i < reps; i++) {
		char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);

		if (p == MAP_FAILED)
			return -1;
		if (touching)
			touch(p, size);
		munmap(p, size);
	}
	return (now_ns() - t0) / reps;
}

static void table(const char *title)
{
	static const size_t sizes[] = { 4 << 10, 64 << 10, 1 << 20, 16 << 20 };
	static const char *const names[] = { "4 KiB", "64 KiB", "1 MiB", "16 MiB" };

	printf("\n%s\n%-10s %-18s %12s %12s %8s\n", title, "size", "work", "vmalloc", "mmap", "ratio");
	for (int touching = 0; touching < 2; touching++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			int reps = sizes[i] >= (16 << 20) ? 50 : 2000;
			double v = 1e18, m = 1e18;

			for (int r = 0; r < 3; r++) {	/* best of 3, alternating */
				double tv = run_vmalloc(sizes[i], reps, touching);
				double tm = run_mmap(sizes[i], reps, touching);

				v = tv < v ? tv : v;
				m = tm < m ? tm : m;
			}
			printf("%-10s %-18s %12.0f %12.0f %8.2f\n", names[i],
			       touching ? "alloc+touch+free" : "alloc+free", v, m, v / m);
		}
	}
}

int main(void)
{
	if (ukmem_boot("mem=1G loglevel=3") < 0)
		return 1;
	printf("ns per pair (ratio below 1.0: vmalloc faster)\n");
	table("fresh machine");

	/* Fragment: take every free page, give back every other one. */
	size_t n = 0, cap = 1 << 20;
	unsigned long *pages = malloc(cap * sizeof(*pages)), addr;
	while (n < cap && (addr = __get_free_page(GFP_KERNEL | __GFP_NOWARN)))
		pages[n++] = addr;
	for (size_t i = 0; i < n; i += 2)
		free_page(pages[i]);
	table("free memory fragmented into single pages");
	for (size_t i = 1; i < n; i += 2)
		free_page(pages[i]);
	free(pages);
	ukmem_shutdown();
	return 0;
}
