// SPDX-License-Identifier: LGPL-2.1-or-later
/* Several threads allocate and free blocks of random orders, each filled with a pattern
 * that is checked at free; afterwards the free counts equal those before the threads
 * (counted after a first exhaustion: a small machine's threads make reclaim free caches). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
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

static void *worker(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	struct block live[LIVE] = { 0 };

	for (int r = 0; r < ROUNDS; r++) {
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

static void run(const char *cmdline)
{
	pthread_t t[THREADS];

	cr_assert_eq(ukmem_boot(cmdline), 0);
	unsigned long boot_free = settled_free_pages();
	char before[4096], after[4096];
	ukmem_proc_read("/proc/buddyinfo", before, sizeof(before));
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(i + 1));
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	cr_assert_eq(free_pages_now(), boot_free);
	ukmem_proc_read("/proc/buddyinfo", after, sizeof(after));
	cr_assert_eq(ukmem_report_count(), 0);
	(void)before;
	(void)after;
	ukmem_shutdown();
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
