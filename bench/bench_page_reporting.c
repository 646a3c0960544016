// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_page_reporting.c: does memory go back to the host after it is freed, how
 * soon, and what does an allocation loop of large blocks pay for it?
 *
 *  1. kmalloc alloc+free pairs of 1 MiB (order 8, below the reporting order) and
 *     1 MiB + 1 (order 9, reportable): the second must not cost more -- a loop must not
 *     punch and refault its block. Interleaved rounds, medians and spread.
 *  2. In the kernel API (mem=1G, 64 MiB kept live): 256 MiB allocated as order-0,
 *     order-3 and order-10 pages, touched, freed; the time until the memory file's
 *     resident size is within 10% of the live memory.
 *  3. Under the malloc preload: a program keeps 64 MiB live, mallocs 512 x 1 MiB,
 *     touches and frees them, and times until its own RSS is within 10% of what it
 *     was before (bench/rss_after_free.c); the same program with the C library's
 *     malloc in the same run.
 * Linked against the shared libukmem, as programs and modules use it.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "bench.h"

#define ROUNDS	11
#define PAIRS	2000
#define LIMIT_S	10.0

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static double kmalloc_pairs(size_t size)
{
	double t0 = now_ns();

	for (int i = 0; i < PAIRS; i++) {
		char *p = kmalloc(size, GFP_KERNEL);

		p[0] = 1;		/* touch: a punched block would fault here */
		p[size - 1] = 1;
		kfree(p);
	}
	return (now_ns() - t0) / PAIRS;
}

static void bench_pairs(void)
{
	static const size_t sizes[] = { 1 << 20, (1 << 20) + 1, 2 << 20 };
	static const char *const names[] = { "1 MiB (order 8)", "1 MiB + 1 (order 9)",
					      "2 MiB (order 9)" };
	enum { N = 3 };
	double t[N][ROUNDS], med[N];

	for (int r = 0; r < ROUNDS; r++)
		for (int s = 0; s < N; s++)
			t[s][r] = kmalloc_pairs(sizes[s]);
	printf("kmalloc+touch+kfree pair, %d rounds of %d, interleaved:\n", ROUNDS, PAIRS);
	printf("| size | median ns | min | max |\n|---|---|---|---|\n");
	for (int s = 0; s < N; s++) {
		med[s] = median(t[s], ROUNDS);
		printf("| %s | %.0f | %.0f | %.0f |\n", names[s], med[s], t[s][0],
		       t[s][ROUNDS - 1]);
	}
	printf("ratio 1 MiB+1 / 1 MiB: %.2f; 1 MiB+1 / 2 MiB: %.2f\n\n", med[1] / med[0],
	       med[1] / med[2]);
}

/* Seconds until the memory file's resident size is at most limit, or -1. */
static double wait_resident(size_t limit, double t0)
{
	while (now_ns() - t0 < LIMIT_S * 1e9) {
		if (ukmem_host_resident_bytes() <= limit)
			return (now_ns() - t0) / 1e9;
		usleep(10 * 1000);
	}
	return -1;
}

static void bench_kernel_api(void)
{
	static const unsigned int orders[] = { 0, 3, 10 };

	printf("kernel API, mem=1G: 256 MiB freed with 64 MiB live; seconds until the memory\n"
	       "file's resident size is within 10%% of the live memory (goal <= 3 s):\n");
	printf("| pages of order | resident before free, MiB | after, MiB | seconds |\n"
	       "|---|---|---|---|\n");
	for (unsigned int k = 0; k < sizeof(orders) / sizeof(orders[0]); k++) {
		unsigned int order = orders[k];
		unsigned long n = (256UL << 20) >> (PAGE_SHIFT + order), live_n = (64UL << 20) >> PAGE_SHIFT;
		struct page **pages = calloc(n, sizeof(*pages)), **live = calloc(live_n, sizeof(*live));

		if (ukmem_boot("mem=1G quiet") != 0) {
			fprintf(stderr, "boot failed\n");
			exit(1);
		}
		for (unsigned long i = 0; i < live_n; i++) {
			live[i] = alloc_page(GFP_KERNEL);
			memset(page_address(live[i]), 1, PAGE_SIZE);
		}
		size_t live_bytes = ukmem_host_resident_bytes();

		for (unsigned long i = 0; i < n; i++) {
			pages[i] = alloc_pages(GFP_KERNEL, order);
			memset(page_address(pages[i]), 2, PAGE_SIZE << order);
		}
		size_t full = ukmem_host_resident_bytes();
		double t0 = now_ns();

		for (unsigned long i = 0; i < n; i++)
			__free_pages(pages[i], order);
		double secs = wait_resident(live_bytes + live_bytes / 10, t0);

		printf("| %u | %zu | %zu | %s%.2f |\n", order, full >> 20,
		       ukmem_host_resident_bytes() >> 20, secs < 0 ? "> " : "",
		       secs < 0 ? LIMIT_S : secs);
		for (unsigned long i = 0; i < live_n; i++)
			__free_page(live[i]);
		ukmem_shutdown();
		free(pages);
		free(live);
	}
	printf("\n");
}

/* The preload part: bench/rss_after_free, run with and without LD_PRELOAD, prints
 * "<rss before MiB> <peak MiB> <after MiB> <ms>" (integers: the
 * program's sscanf is the kernel's, which has no floating point). */
static void run_child(const char *self, const char *preload, const char *label)
{
	char env_preload[4096];
	char *argv[] = { (char *)self, NULL };
	char *envp[] = { env_preload, "UKMEM_CMDLINE=quiet", NULL };
	int fds[2];
	pid_t pid;
	posix_spawn_file_actions_t fa;

	snprintf(env_preload, sizeof(env_preload), "LD_PRELOAD=%s", preload ? preload : "");
	if (pipe(fds))
		exit(1);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	if (posix_spawn(&pid, self, &fa, NULL, argv, envp)) {
		fprintf(stderr, "spawn failed\n");
		exit(1);
	}
	close(fds[1]);
	char buf[256] = "";
	size_t got = 0;
	int status;

	for (;;) {		/* the machine's signals may interrupt the read */
		ssize_t n = read(fds[0], buf + got, sizeof(buf) - 1 - got);

		if (n > 0)
			got += (size_t)n;
		else if (n == 0 || errno != EINTR)
			break;
	}

	close(fds[0]);
	waitpid(pid, &status, 0);
	long before, peak, after, ms;

	if (!got || sscanf(buf, "%ld %ld %ld %ld", &before, &peak, &after, &ms) != 4) {
		printf("| %s | (failed) | | | |\n", label);
		return;
	}
	printf("| %s | %ld | %ld | %ld | %s%.2f |\n", label, before, peak, after,
	       ms < 0 ? "> " : "", ms < 0 ? LIMIT_S : ms / 1000.0);
}

int main(void)
{
	if (ukmem_boot("mem=1G quiet") != 0)
		return 1;
	bench_pairs();
	ukmem_shutdown();
	bench_kernel_api();
	printf("malloc: 64 MiB live, 512 x malloc(1 MiB) touched and freed; seconds until the\n"
	       "process's RSS is within 10%% of what it was before plus 1/64 of the peak (the\n"
	       "struct pages of the memory touched, under the preload) (goal <= 3 s):\n");
	printf("| malloc | RSS before, MiB | peak | after | seconds |\n|---|---|---|---|---|\n");
	run_child(RSS_AFTER_FREE, NULL, "glibc");
	run_child(RSS_AFTER_FREE, UKMEM_MALLOC_SO, "libukmem-malloc");
	return 0;
}
