// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_compaction.c: what compaction costs, in one run beside its physical limit
 * and its alternative.
 * 1. Throughput: memory is fragmented into single movable pages (a balloon holds every
 *    other page, each written), then /proc/sys/vm/compact_memory moves them; MiB of
 *    pages moved per second (pgmigrate_success) against memcpy's bandwidth over the
 *    same amount, measured in the same rounds. Goal: at least 25% of memcpy. Two
 *    layouts: memory that was used (every page written before half is freed: the
 *    holes compaction moves pages into are the host's already), against memcpy into
 *    written memory; and holes never written (the host faults each page in on first
 *    write), against memcpy into fresh memory.
 * 2. A 16 MiB vmalloc + vfree on memory fragmented that way, in both layouts (direct
 *    compaction makes its blocks) against mmap + MAP_POPULATE + munmap of 16 MiB of
 *    anonymous memory (the median of 3 in each round). Goal: at most 2x.
 * Rounds alternate the two sides; medians with their spread (min-max). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ukmem.h>
#include <linux/balloon_compaction.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include "bench.h"

#define ROUNDS 7
#define VM_ROUNDS 11	/* one vmalloc a machine: more rounds for a steadier median */
#define MMAP_RUNS 3	/* mmap's side of a round: the median of 3 */

static struct balloon_dev_info balloon;

static int bench_migratepage(struct balloon_dev_info *b, struct page *newpage, struct page *page,
			     enum migrate_mode mode)
{
	unsigned long flags;

	memcpy(page_address(newpage), page_address(page), PAGE_SIZE);
	get_page(newpage);
	spin_lock_irqsave(&b->pages_lock, flags);
	balloon_page_insert(b, newpage);
	b->isolated_pages--;
	balloon_page_delete(page);
	spin_unlock_irqrestore(&b->pages_lock, flags);
	put_page(page);
	return MIGRATEPAGE_SUCCESS;
}

/* Every page there is; the balloon keeps every other one (written), the rest go back,
 * written first if used. */
static unsigned long fragment(bool used)
{
	static struct page *all[1 << 19];
	unsigned long n = 0, kept = 0;

	balloon_devinfo_init(&balloon);
	balloon.migratepage = bench_migratepage;
	while (n < sizeof(all) / sizeof(all[0]) &&
	       (all[n] = alloc_pages(GFP_NOWAIT | __GFP_MOVABLE | __GFP_NOWARN, 0)))
		n++;
	for (unsigned long i = 0; i < n; i++) {
		if (i % 2) {
			if (used)
				memset(page_address(all[i]), (int)i, PAGE_SIZE);
			__free_page(all[i]);
			continue;
		}
		memset(page_address(all[i]), (int)i, PAGE_SIZE);
		balloon_page_enqueue(&balloon, all[i]);
		kept++;
	}
	return kept;
}

static void deflate_all(void)
{
	struct page *page;
	LIST_HEAD(list);

	while (balloon_page_list_dequeue(&balloon, &list, 4096))
		while ((page = balloon_page_pop(&list)))
			__free_page(page);
}

static unsigned long vmstat(const char *name)
{
	static char text[1 << 16];
	char key[64];
	const char *p;

	if (ukmem_proc_read("/proc/vmstat", text, sizeof(text)) <= 0)
		return 0;
	snprintf(key, sizeof(key), "\n%s ", name);
	p = strstr(text, key);
	return p ? strtoul(p + strlen(key), NULL, 10) : 0;
}

static void sysctl(const char *path, const char *value)
{
	int fd = ukmem_open(path, O_WRONLY);

	if (fd < 0 || ukmem_write(fd, value, strlen(value)) < 0) {
		perror(path);
		exit(1);
	}
	ukmem_close(fd);
}

static void boot(void)
{
	if (ukmem_boot("mem=1G loglevel=3") < 0)
		exit(1);
	sysctl("/proc/sys/vm/compaction_proactiveness", "0");
}

/* MiB per second of one memcpy of bytes from src to dst (kept by the compiler). */
static double copy_rate(char *dst, const char *src, size_t bytes)
{
	double t0 = now_ns(), secs;

	memcpy(dst, src, bytes);
	__asm__ volatile("" : : "r"(dst) : "memory");
	secs = (now_ns() - t0) / 1e9;
	return bytes / (double)(1 << 20) / secs;
}

static void stats(const char *name, const double *v, int n, const char *unit)
{
	double lo = v[0], hi = v[0];

	for (int i = 1; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	printf("  %-34s %10.1f %s (%.1f-%.1f)\n", name, median_of(v, n), unit, lo, hi);
}

/* MiB moved per second by one compact_memory on memory fragmented by fragment(used);
 * the pages moved in *moved. */
static double compact_rate(bool used, unsigned long *moved)
{
	unsigned long kept;
	double t0, secs;

	boot();
	kept = fragment(used);
	*moved = vmstat("pgmigrate_success");
	t0 = now_ns();
	sysctl("/proc/sys/vm/compact_memory", "1");
	secs = (now_ns() - t0) / 1e9;
	*moved = vmstat("pgmigrate_success") - *moved;
	deflate_all();
	ukmem_shutdown();
	if (!*moved || kept < *moved) {
		fprintf(stderr, "compaction moved %lu of %lu pages\n", *moved, kept);
		exit(1);
	}
	return *moved * (double)PAGE_SIZE / (1 << 20) / secs;
}

int main(void)
{
	double compact[ROUNDS], copy[ROUNDS], ratio[ROUNDS], fresh[ROUNDS], fresh_ratio[ROUNDS];
	double compact_new[ROUNDS], vm[VM_ROUNDS], vm_new[VM_ROUNDS], mm[VM_ROUNDS];
	double vratio[VM_ROUNDS], vratio_new[VM_ROUNDS];
	const size_t vsize = 16 << 20;

	printf("compaction of memory fragmented into single movable pages (mem=1G, %d rounds)\n",
	       ROUNDS);
	for (int r = 0; r < ROUNDS; r++) {
		unsigned long moved, moved_new;
		char *a, *b;

		compact[r] = compact_rate(true, &moved);
		compact_new[r] = compact_rate(false, &moved_new);
		/* memcpy over the same amount: into memory written before (the physical limit),
		 * and into fresh memory, whose first touch costs the host a fault per page as
		 * never-written holes do */
		a = malloc(moved * PAGE_SIZE);
		b = malloc(moved * PAGE_SIZE);
		memset(a, 1, moved * PAGE_SIZE);
		memset(b, 2, moved * PAGE_SIZE);
		copy[r] = copy_rate(b, a, moved * PAGE_SIZE);
		ratio[r] = compact[r] / copy[r] * 100;
		free(b);
		b = mmap(NULL, moved * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		fresh[r] = copy_rate(b, a, moved * PAGE_SIZE);
		fresh_ratio[r] = compact_new[r] / fresh[r] * 100;
		munmap(b, moved * PAGE_SIZE);
		free(a);
	}
	stats("compaction, used memory (MiB/s)", compact, ROUNDS, "MiB/s");
	stats("memcpy, same amount", copy, ROUNDS, "MiB/s");
	stats("compaction / memcpy", ratio, ROUNDS, "%  (goal >= 25)");
	stats("compaction, never-written holes", compact_new, ROUNDS, "MiB/s");
	stats("memcpy into fresh memory", fresh, ROUNDS, "MiB/s");
	stats("compaction / memcpy into fresh", fresh_ratio, ROUNDS, "%");

	printf("\n16 MiB vmalloc+vfree on fragmented movable memory vs mmap+populate+munmap "
	       "(%d rounds)\n", VM_ROUNDS);
	for (int r = 0; r < VM_ROUNDS; r++) {
		double t0, one[MMAP_RUNS];
		void *p;

		for (int used = 1; used >= 0; used--) {
			boot();
			fragment(used);
			t0 = now_ns();
			p = vmalloc(vsize);
			vfree(p);
			(used ? vm : vm_new)[r] = (now_ns() - t0) / 1e3;
			deflate_all();
			ukmem_shutdown();
			if (!p)
				return 1;
		}
		for (int k = 0; k < MMAP_RUNS; k++) {
			t0 = now_ns();
			p = mmap(NULL, vsize, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
			munmap(p, vsize);
			one[k] = (now_ns() - t0) / 1e3;
		}
		mm[r] = median_of(one, MMAP_RUNS);
		vratio[r] = vm[r] / mm[r];
		vratio_new[r] = vm_new[r] / mm[r];
	}
	stats("vmalloc+vfree, used memory", vm, VM_ROUNDS, "us");
	stats("vmalloc+vfree, never-written holes", vm_new, VM_ROUNDS, "us");
	stats("mmap+populate+munmap", mm, VM_ROUNDS, "us");
	stats("vmalloc / mmap, used memory", vratio, VM_ROUNDS, "x  (goal <= 2)");
	stats("vmalloc / mmap, never-written holes", vratio_new, VM_ROUNDS, "x");
	return 0;
}
