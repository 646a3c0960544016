// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_page_alloc.c: the page allocator beside the host's mmap/munmap, glibc
 * malloc/free and tcmalloc's tc_malloc/tc_free (libtcmalloc_minimal, through its shared
 * library, when installed) of the same sizes, in one run. Each row is ns per alloc+free
 * pair; the ratio column is ukmem's time over the fastest host method, the last one
 * ukmem's over tcmalloc's (below 1.0: ukmem faster).
 * Workloads: order-0 pairs, order-3 pairs, a random mix of orders 0..10 on 2 threads
 * (64 blocks live per thread), and kmalloc() of 16 KiB to 1 MiB (above the kmalloc
 * caches: whole compound pages from the page allocator) against the same sizes. The first touch of each block is included for
 * every method, since a page that is never written costs none of them anything.
 * The single-thread rows count the thread's CPU time (user + system), so time the thread
 * spends waiting for a CPU on a busy machine is not counted; the 2-thread mix counts
 * wall time. Usage: bench_page_alloc [PAIRS] [ukmem] -- "ukmem" leaves the host's
 * methods out (their columns print "-"), for comparing two builds of ukmem. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

enum method { UKMEM, MMAP, MALLOC, TCMALLOC, NR_METHODS };
static const char *const method_names[NR_METHODS] = { "ukmem", "mmap", "malloc", "tcmalloc" };
static void *(*tc_malloc_fn)(size_t);
static void (*tc_free_fn)(void *);
static bool use_kmalloc;	/* ukmem's side is kmalloc()/kfree() rather than pages */

static void *get(enum method m, unsigned int order)
{
	size_t size = PAGE_SIZE << order;
	void *p;

	switch (m) {
	case UKMEM:
		p = use_kmalloc ? kmalloc(size, GFP_KERNEL) :
				  (void *)__get_free_pages(GFP_KERNEL, order);
		break;
	case MMAP:
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			p = NULL;
		break;
	case TCMALLOC:
		p = tc_malloc_fn(size);
		break;
	default:
		p = malloc(size);
	}
	if (p)
		*(volatile char *)p = 1;
	return p;
}

static void put(enum method m, void *p, unsigned int order)
{
	switch (m) {
	case UKMEM:
		if (use_kmalloc)
			kfree(p);
		else
			free_pages((unsigned long)p, order);
		break;
	case MMAP: munmap(p, PAGE_SIZE << order); break;
	case TCMALLOC: tc_free_fn(p); break;
	default: free(p);
	}
}

static double clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

static double cpu_ns(void)
{
	return clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static double pairs(enum method m, unsigned int order, long n)
{
	double t0 = cpu_ns();

	for (long i = 0; i < n; i++)
		put(m, get(m, order), order);
	return (cpu_ns() - t0) / n;
}

struct mix_arg { enum method m; long rounds; unsigned int seed; };

static void *mix_worker(void *argp)
{
	struct mix_arg *arg = argp;
	void *live[64] = { 0 };
	unsigned int order[64];

	for (long r = 0; r < arg->rounds; r++) {
		int slot = rand_r(&arg->seed) % 64;

		if (live[slot]) {
			put(arg->m, live[slot], order[slot]);
			live[slot] = NULL;
		} else {
			unsigned int pick = (unsigned int)rand_r(&arg->seed) % 100;

			order[slot] = pick < 70 ? 0 : pick < 95 ? pick % 4 : pick % 11;
			live[slot] = get(arg->m, order[slot]);
		}
	}
	for (int i = 0; i < 64; i++)
		if (live[i])
			put(arg->m, live[i], order[i]);
	return NULL;
}

static double mix(enum method m, long rounds)
{
	pthread_t t[2];
	struct mix_arg args[2] = { { m, rounds, 1 }, { m, rounds, 2 } };
	double t0 = now_ns();

	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, mix_worker, &args[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	return (now_ns() - t0) / rounds;
}

static double best_of(double (*fn)(enum method, unsigned int, long), enum method m,
		      unsigned int order, long n)
{
	double best = 1e18;

	for (int rep = 0; rep < 5; rep++) {
		double t = fn(m, order, n);

		if (t < best)
			best = t;
	}
	return best;
}

static bool only_ukmem;
static int nr_methods = NR_METHODS;	/* TCMALLOC is last: left out when not loaded */

/* tcmalloc's own entry points, from its shared library as programs link it. */
static bool load_tcmalloc(void)
{
	void *h = dlopen("libtcmalloc_minimal.so.4", RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		fprintf(stderr, "bench_page_alloc: tcmalloc not loaded (%s)\n", dlerror());
		return false;
	}
	tc_malloc_fn = (void *(*)(size_t))dlsym(h, "tc_malloc");
	tc_free_fn = (void (*)(void *))dlsym(h, "tc_free");
	return tc_malloc_fn && tc_free_fn;
}

static void row(const char *name, double t[NR_METHODS])
{
	double host_best = 1e18;

	printf("%-28s %10.1f", name, t[UKMEM]);
	for (int m = MMAP; m < NR_METHODS; m++) {
		if (only_ukmem || m >= nr_methods) {
			printf(" %10s", "-");
			continue;
		}
		printf(" %10.1f", t[m]);
		host_best = t[m] < host_best ? t[m] : host_best;
	}
	if (only_ukmem)
		printf(" %8s %8s\n", "-", "-");
	else if (nr_methods > TCMALLOC)
		printf(" %8.2f %8.2f\n", t[UKMEM] / host_best, t[UKMEM] / t[TCMALLOC]);
	else
		printf(" %8.2f %8s\n", t[UKMEM] / host_best, "-");
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	int methods;
	double t[NR_METHODS];

	only_ukmem = argc > 2 && !strcmp(argv[2], "ukmem");
	if (!only_ukmem && !load_tcmalloc())
		nr_methods = TCMALLOC;
	methods = only_ukmem ? UKMEM + 1 : nr_methods;

	if (ukmem_boot("mem=1G loglevel=3") < 0)
		return 1;
	printf("%-28s %10s %10s %10s %10s %8s %8s\n", "ns per alloc+free pair",
	       method_names[UKMEM], method_names[MMAP], method_names[MALLOC],
	       method_names[TCMALLOC], "ratio", "vs tc");
	for (int m = 0; m < methods; m++)
		t[m] = best_of(pairs, m, 0, n);
	row("order-0 (4 KiB), hot", t);
	for (int m = 0; m < methods; m++)
		t[m] = best_of(pairs, m, 3, n);
	row("order-3 (32 KiB), hot", t);
	for (int m = 0; m < methods; m++)
		t[m] = mix(m, n);
	row("orders 0..10 mix, 2 threads", t);
	use_kmalloc = true;
	for (unsigned int order = 2; order <= 8; order += 2) {
		char name[40];

		for (int m = 0; m < methods; m++)
			t[m] = best_of(pairs, m, order, n / 10);
		snprintf(name, sizeof(name), "kmalloc %lu KiB, hot", (PAGE_SIZE << order) >> 10);
		row(name, t);
	}
	printf("(ratio = ukmem / fastest of mmap, malloc and tcmalloc; vs tc = ukmem / tcmalloc;"
	       " below 1.0 means ukmem is faster)\n");
	ukmem_shutdown();
	return 0;
}
