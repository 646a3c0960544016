// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_slab.c: the slab allocator and kmalloc beside glibc malloc, jemalloc,
 * mimalloc and tcmalloc, in one run. Every allocator runs the same loops (same sizes,
 * same order) and pays one call per allocation and one per free: the peers through
 * their dlsym'd pointers, ukmem directly, as a driver calls it (in (a) kmalloc(64) is
 * the compile-time-size call a driver's kmalloc(sizeof(...)) makes; (b) passes sizes
 * at run time). Results go to a volatile sink or to an array that is freed, so no call
 * can be dropped. Workloads: (a) 64-byte alloc+free pair, hot; (b) 1000 allocations then
 * 1000 frees, 64 bytes and random 8..4096; (c) one thread allocates, another frees;
 * (d) memory used by 1M live 64-byte objects. libukmem-malloc.so (the malloc preload)
 * is a column too, measured as a program preloading it gets it: each of its runs is a
 * child process started with LD_PRELOAD, calling malloc and free. Prints ns per pair,
 * the median of 11 runs taken in turns with their spread (min-max), and the ratio of
 * the medians to the best peer's. Optional argument: the workloads to run, e.g. "ab". */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "bench.h"

struct allocator {
	const char *name;
	void *(*alloc)(size_t size);
	void (*free)(void *p);
	bool is_ukmem, any_size, preload;
};

static struct kmem_cache *cache64;
/* Always inlined where the allocator is known, so ukmem's loops call kmem_cache_alloc(),
 * kmalloc() and their frees themselves, with nothing in between. */
static __always_inline void *cache_alloc(size_t size) { return kmem_cache_alloc(cache64, GFP_KERNEL); }
static __always_inline void cache_free(void *p) { kmem_cache_free(cache64, p); }
static __always_inline void *kmalloc_alloc(size_t size) { return kmalloc(size, GFP_KERNEL); }
static __always_inline void kmalloc_free(void *p) { kfree(p); }

#define MAX_ALLOCATORS 7
static struct allocator allocators[MAX_ALLOCATORS];
static int nr_allocators;

static void add_peer(const char *name, const char *lib, const char *malloc_sym, const char *free_sym)
{
	void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	struct allocator *a = &allocators[nr_allocators];

	if (!h) {
		fprintf(stderr, "bench_slab: %s not loaded (%s)\n", name, dlerror());
		return;
	}
	a->alloc = (void *(*)(size_t))dlsym(h, malloc_sym);
	a->free = (void (*)(void *))dlsym(h, free_sym);
	if (!a->alloc || !a->free)
		return;
	a->name = name;
	a->any_size = true;
	nr_allocators++;
}

static void *volatile sink;

static __always_inline double hot_pair_loop(const struct allocator *a)
{
	const long n = 4000000;
	double t0 = now_ns();

	for (long i = 0; i < n; i++) {
		void *p = a->alloc(64);

		sink = p;
		a->free(p);
	}
	return (now_ns() - t0) / n;
}

static unsigned int random_sizes[1000];

static __always_inline double batch_loop(const struct allocator *a, bool random)
{
	const int rounds = 2000;
	void *objs[1000];
	double t0 = now_ns();

	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < 1000; i++)
			objs[i] = a->alloc(random ? random_sizes[i] : 64);
		sink = objs[r % 1000];
		for (int i = 0; i < 1000; i++)
			a->free(objs[i]);
	}
	return (now_ns() - t0) / (rounds * 1000.0);
}

/* ukmem is called directly, as a driver calls it; the peers through their dlsym'd
 * pointers. Loops over a constant allocator get kmem_cache_alloc()/kmalloc() inlined
 * into them instead of a wrapper call. */
static const struct allocator ukmem_cache = { "kmem_cache", cache_alloc, cache_free, true, false };
static const struct allocator ukmem_kmalloc = { "kmalloc", kmalloc_alloc, kmalloc_free, true, true };

static noinline double hot_pair_cache(void) { return hot_pair_loop(&ukmem_cache); }
static noinline double hot_pair_kmalloc(void) { return hot_pair_loop(&ukmem_kmalloc); }
static noinline double hot_pair_peer(const struct allocator *a) { return hot_pair_loop(a); }
static noinline double batch_cache(bool random) { return batch_loop(&ukmem_cache, random); }
static noinline double batch_kmalloc(bool random) { return batch_loop(&ukmem_kmalloc, random); }
static noinline double batch_peer(const struct allocator *a, bool random)
{
	return batch_loop(a, random);
}

static double bench_hot_pair(struct allocator *a)
{
	if (a->alloc == cache_alloc)
		return hot_pair_cache();
	return a->alloc == kmalloc_alloc ? hot_pair_kmalloc() : hot_pair_peer(a);
}

static double bench_batch(struct allocator *a, bool random)
{
	if (a->alloc == cache_alloc)
		return batch_cache(random);
	return a->alloc == kmalloc_alloc ? batch_kmalloc(random) : batch_peer(a, random);
}

#define RING 1024
struct ring {
	struct allocator *a;
	void *volatile slot[RING];
	long n;
};

static void *ring_consumer(void *arg)
{
	struct ring *r = arg;

	for (long i = 0; i < r->n; i++) {
		void *volatile *s = &r->slot[i % RING];
		void *p;

		while (!(p = __atomic_load_n(s, __ATOMIC_ACQUIRE)))
			;
		__atomic_store_n(s, NULL, __ATOMIC_RELAXED);
		r->a->free(p);
	}
	return NULL;
}

static double bench_producer_consumer(struct allocator *a)
{
	struct ring *r = calloc(1, sizeof(*r));
	pthread_t consumer;
	double t0, t;

	r->a = a;
	r->n = 2000000;
	t0 = now_ns();
	pthread_create(&consumer, NULL, ring_consumer, r);
	for (long i = 0; i < r->n; i++) {
		void *volatile *s = &r->slot[i % RING];
		void *p = a->alloc(64);

		while (__atomic_load_n(s, __ATOMIC_ACQUIRE))
			;
		__atomic_store_n(s, p, __ATOMIC_RELEASE);
	}
	pthread_join(consumer, NULL);
	t = (now_ns() - t0) / r->n;
	free(r);
	return t;
}

static long rss_bytes(void)
{
	long pages_total, pages_rss;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f || fscanf(f, "%ld %ld", &pages_total, &pages_rss) != 2)
		pages_rss = 0;
	if (f)
		fclose(f);
	return pages_rss * 4096;
}

/* Bytes per live 64-byte object: slab pages plus their struct pages for ukmem, growth of
 * the resident set for the peers. */
static double bench_memory(struct allocator *a)
{
	const long n = 1000000;
	void **objs = malloc(n * sizeof(void *));
	long rss0, slab0 = 0, used;

	memset(objs, 0, n * sizeof(void *));
	rss0 = rss_bytes();
	if (a->is_ukmem)
		slab0 = (long)global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	for (long i = 0; i < n; i++) {
		objs[i] = a->alloc(64);
		memset(objs[i], 1, 64);
	}
	if (a->is_ukmem) {
		long slab = (long)global_node_page_state(NR_SLAB_UNRECLAIMABLE_B) - slab0;

		used = slab + slab / PAGE_SIZE * (long)sizeof(struct page);
	} else {
		used = rss_bytes() - rss0;
	}
	for (long i = 0; i < n; i++)
		a->free(objs[i]);
	free(objs);
	return (double)used / n;
}

enum workload { HOT_PAIR, BATCH_64, BATCH_RANDOM, PRODUCER_CONSUMER };

static double run_workload(enum workload w, struct allocator *a)
{
	switch (w) {
	case HOT_PAIR:		return bench_hot_pair(a);
	case BATCH_64:		return bench_batch(a, false);
	case BATCH_RANDOM:	return a->any_size ? bench_batch(a, true) : -1;
	default:		return bench_producer_consumer(a);
	}
}

/* One run of workload w in a child process that preloads libukmem-malloc.so (its
 * malloc and free are the program's), or -1 if it could not run. */
static double run_preloaded(char w)
{
#ifdef UKMEM_MALLOC_SO
	char cmd[4096];
	double t = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "LD_PRELOAD=%s /proc/%d/exe --preloaded %c", UKMEM_MALLOC_SO,
		 (int)getpid(), w);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%lf", &t) != 1)
		t = -1;
	if (pclose(f))
		t = -1;
	return t;
#else
	(void)w;
	return -1;
#endif
}

/* Eleven runs per allocator, the allocators taking turns run by run: the machine is
 * shared, and a burst of other work then slows one run of each rather than all runs of
 * one allocator. The median is reported, with the runs' spread. */
#define RUNS 11
struct figure {
	double median, lo, hi;
};

static const char workload_letter[] = { 'a', 'b', 'r', 'c' };

static void measure(enum workload w, struct figure v[])
{
	double t[MAX_ALLOCATORS][RUNS];

	for (int r = 0; r < RUNS; r++)
		for (int i = 0; i < nr_allocators; i++)
			t[i][r] = allocators[i].preload ? run_preloaded(workload_letter[w]) :
							  run_workload(w, &allocators[i]);
	for (int i = 0; i < nr_allocators; i++) {
		v[i].lo = v[i].hi = t[i][0];
		for (int r = 1; r < RUNS; r++) {
			v[i].lo = t[i][r] < v[i].lo ? t[i][r] : v[i].lo;
			v[i].hi = t[i][r] > v[i].hi ? t[i][r] : v[i].hi;
		}
		v[i].median = v[i].lo < 0 ? -1 : median_of(t[i], RUNS);
	}
}

static void print_row(const char *what, struct figure v[], int first_peer)
{
	double best_peer = 0;

	printf("%-26s", what);
	for (int i = 0; i < nr_allocators; i++) {
		if (v[i].median < 0) {
			printf(" %20s", "-");
			continue;
		}
		if (v[i].lo == v[i].hi)	/* one run */
			printf(" %20.2f", v[i].median);
		else
			printf(" %7.2f (%.2f-%.2f)", v[i].median, v[i].lo, v[i].hi);
		if (!allocators[i].is_ukmem && (!best_peer || v[i].median < best_peer))
			best_peer = v[i].median;
	}
	for (int i = 0; i < first_peer; i++) {
		if (v[i].median < 0 || !best_peer)
			printf("  %6s", "-");
		else
			printf("  %6.2f", v[i].median / best_peer);
	}
	printf("\n");
}

/* jemalloc uses initial-exec TLS: dlopen needs spare static TLS, which glibc sizes at
 * start-up. Re-executes once with the tunable that reserves it. */
static void reserve_static_tls(char **argv)
{
	if (getenv("GLIBC_TUNABLES"))
		return;
	setenv("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=16384", 1);
	execv("/proc/self/exe", argv);
}

static void *libc_malloc(size_t size) { return malloc(size); }
static void libc_free(void *p) { free(p); }

/* A child's run under the preload: workload letter w with the program's malloc and free
 * (libukmem-malloc.so's); prints ns per pair. */
static int preloaded_run(char w)
{
	struct allocator a = { "ukmem-malloc", libc_malloc, libc_free, false, true, false };
	double t;

	switch (w) {
	case 'a': t = bench_hot_pair(&a); break;
	case 'b': t = bench_batch(&a, false); break;
	case 'r': t = bench_batch(&a, true); break;
	default: t = bench_producer_consumer(&a); break;
	}
	printf("%f\n", t);
	return 0;
}

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : "abcd";	/* workloads to run, e.g. "ab" */
	struct figure v[MAX_ALLOCATORS], mem[MAX_ALLOCATORS];
	int first_peer;

	if (argc > 2 && !strcmp(argv[1], "--preloaded"))
		return preloaded_run(argv[2][0]);
	reserve_static_tls(argv);
	if (ukmem_boot("mem=1G") != 0)
		return 1;
	cache64 = kmem_cache_create("bench64", 64, 0, 0, NULL);
	allocators[nr_allocators++] = ukmem_cache;
	allocators[nr_allocators++] = ukmem_kmalloc;
#ifdef UKMEM_MALLOC_SO
	allocators[nr_allocators++] = (struct allocator){ "ukmem-malloc", NULL, NULL, true, true,
							   true };
#endif
	first_peer = nr_allocators;
	add_peer("glibc", "libc.so.6", "malloc", "free");
	add_peer("jemalloc", "libjemalloc.so.2", "malloc", "free");
	add_peer("mimalloc", "libmimalloc.so.2", "mi_malloc", "mi_free");
	add_peer("tcmalloc", "libtcmalloc_minimal.so.4", "tc_malloc", "tc_free");
	srand(1);
	for (int i = 0; i < 1000; i++)
		random_sizes[i] = 8 + (unsigned int)rand() % (4096 - 8 + 1);

	printf("bench_slab: %ld CPUs online; ns per alloc+free pair (d: bytes per object)\n",
	       sysconf(_SC_NPROCESSORS_ONLN));
	printf("%-26s", "workload");
	for (int i = 0; i < nr_allocators; i++)
		printf(" %20s", allocators[i].name);
	for (int i = 0; i < first_peer; i++)
		printf("  %6s", "ratio");
	printf("\n");
	/* (d) runs first, on fresh heaps: objects freed by the other workloads would be
	 * reused and hide part of the memory the million objects need. */
	for (int i = 0; i < nr_allocators && strchr(only, 'd'); i++) {
		double b = allocators[i].preload ? -1 : bench_memory(&allocators[i]);

		mem[i] = (struct figure){ b, b, b };	/* one run: no spread */
	}
	if (strchr(only, 'a')) {
		measure(HOT_PAIR, v);
		print_row("(a) 64 B pair, hot", v, first_peer);
	}
	if (strchr(only, 'b')) {
		measure(BATCH_64, v);
		print_row("(b) 1000x64 B batch", v, first_peer);
		measure(BATCH_RANDOM, v);
		print_row("(b) 1000x8..4096 B batch", v, first_peer);
	}
	if (strchr(only, 'c')) {
		measure(PRODUCER_CONSUMER, v);
		print_row("(c) alloc/free 2 threads", v, first_peer);
	}
	if (strchr(only, 'd'))
		print_row("(d) 1M x 64 B, bytes/obj", mem, first_peer);
	printf("ratio: each ukmem column / best peer (<= 1.0 is at least as good)\n");
	kmem_cache_destroy(cache64);
	ukmem_shutdown();
	return 0;
}
