// SPDX-License-Identifier: LGPL-2.1-or-later
/* Several threads allocate and free blocks of random orders, each filled with a pattern
 * that is checked at free; afterwards the free counts equal those before the threads
 * (counted after a first exhaustion: a small machine's threads make reclaim free caches).
 * One run adds a thread that keeps draining every CPU's lists and taking the page census
 * (both take the lists of CPUs other threads are using) while the workers run. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <ukmem_inspect.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "kmsg.h"

#define THREADS 4
#define ROUNDS 20000
#define LIVE 64

struct block { unsigned long addr; unsigned int order; unsigned long tag; };

static void fill(struct block *b)
{
	unsigned long *w = (unsigned long *)b->addr;
	size_t words = (PAGE_SIZE << b->order) / sizeof(long);

	w[0] = b->tag;
	w[words / 2] = b->tag ^ 0x5555;
	w[words - 1] = ~b->tag;
}

static void check(const struct block *b)
{
	unsigned long *w = (unsigned long *)b->addr;
	size_t words = (PAGE_SIZE << b->order) / sizeof(long);

	cr_assert_eq(w[0], b->tag);
	cr_assert_eq(w[words / 2], b->tag ^ 0x5555);
	cr_assert_eq(w[words - 1], ~b->tag);
}

#define MIN_DRAINS 200
static int drains_wanted;
static long drains;

static void *worker(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	struct block live[LIVE] = { 0 };

	/* With a drainer, go on until it has drained many times while the lists were in use. */
	for (int r = 0; r < ROUNDS || __atomic_load_n(&drains, __ATOMIC_RELAXED) < drains_wanted;
	     r++) {
		struct block *b = &live[rand_r(&seed) % LIVE];

		if (b->addr) {
			check(b);
			free_pages(b->addr, b->order);
			b->addr = 0;
			continue;
		}
		unsigned int pick = (unsigned int)rand_r(&seed) % 100;
		b->order = pick < 60 ? 0 : pick < 85 ? (pick % 4) : (pick % 11);
		b->addr = __get_free_pages(GFP_KERNEL | __GFP_NOWARN, b->order);
		if (!b->addr)
			continue;
		b->tag = ((unsigned long)seed << 32) ^ (unsigned long)r ^ b->addr;
		fill(b);
	}
	for (int i = 0; i < LIVE; i++) {
		if (live[i].addr) {
			check(&live[i]);
			free_pages(live[i].addr, live[i].order);
		}
	}
	return NULL;
}

static int workers_done;

static void *drainer(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&workers_done, __ATOMIC_RELAXED)) {
		struct ukmem_page_census census;

		drain_all_pages(NULL);
		if (__atomic_fetch_add(&drains, 1, __ATOMIC_RELAXED) % 16 == 0) {
			cr_assert_eq(ukmem_page_census_take(&census), 0);
			ukmem_page_census_release(&census);
		}
	}
	return NULL;
}

static void run_with(const char *cmdline, bool drain)
{
	pthread_t t[THREADS], d;

	cr_assert_eq(ukmem_boot(cmdline), 0);
	unsigned long boot_free = settled_free_pages();

	workers_done = 0;
	drains = 0;
	drains_wanted = drain ? MIN_DRAINS : 0;
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(i + 1));
	if (drain)
		pthread_create(&d, NULL, drainer, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	__atomic_store_n(&workers_done, 1, __ATOMIC_RELAXED);
	if (drain) {
		pthread_join(d, NULL);
		cr_assert_geq(drains, MIN_DRAINS);
	}
	cr_assert_eq(free_pages_now(), boot_free);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

static void run(const char *cmdline)
{
	run_with(cmdline, false);
}

Test(page_stress, threads_random_orders)
{
	run("mem=256M");
}

Test(page_stress, threads_on_a_small_machine)
{
	run("mem=24M");
}

Test(page_stress, threads_on_two_nodes)
{
	run("mem=256M numa=fake=2");
}

Test(page_stress, threads_while_another_drains_every_cpu)
{
	run_with("mem=256M", true);
}
