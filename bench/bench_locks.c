// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_locks.c: what the lock checks cost an uncontended lock/unlock pair, in one
 * run. Rows: the bare lock word with the preempt count (what spin_lock was before the
 * CONFIG_DEBUG_SPINLOCK checks), spin_lock/spin_unlock with the checks and lockdep off
 * (the default), the same with lockdep.prove_locking=1, mutex_lock/mutex_unlock with
 * lockdep off and on. ns per pair: the median of ROUNDS interleaved rounds (each round
 * boots a machine without lockdep, measures, then one with it), with the lowest and
 * highest round. */
#include <stdio.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include "bench.h"

#define ROUNDS	9
#define N	2000000L
#define REPS	3

DEFINE_SPINLOCK(bench_lock);
DEFINE_MUTEX(bench_mutex);

enum { BARE, SPIN, SPIN_LOCKDEP, MUTEX, MUTEX_LOCKDEP, ROWS };
static const char *const names[ROWS] = {
	"bare lock word + preempt count",
	"spin_lock/spin_unlock (debug checks)",
	"spin_lock/spin_unlock, lockdep on",
	"mutex_lock/mutex_unlock",
	"mutex_lock/mutex_unlock, lockdep on",
};
static double results[ROWS][ROUNDS];

static double bare(void)
{
	return BEST_OF(REPS, N, {
		preempt_disable();
		arch_spin_lock(&bench_lock.rlock.raw_lock);
		barrier();
		arch_spin_unlock(&bench_lock.rlock.raw_lock);
		preempt_enable();
	});
}

static double spin(void)
{
	return BEST_OF(REPS, N, { spin_lock(&bench_lock); barrier(); spin_unlock(&bench_lock); });
}

static double mutex(void)
{
	return BEST_OF(REPS, N, { mutex_lock(&bench_mutex); barrier(); mutex_unlock(&bench_mutex); });
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	for (int r = 0; r < ROUNDS; r++) {
		ukmem_boot("mem=64M quiet");
		results[BARE][r] = bare();
		results[SPIN][r] = spin();
		results[MUTEX][r] = mutex();
		ukmem_shutdown();
		ukmem_boot("mem=64M quiet lockdep.prove_locking=1");
		results[SPIN_LOCKDEP][r] = spin();
		results[MUTEX_LOCKDEP][r] = mutex();
		ukmem_shutdown();
	}
	printf("%-40s %10s %16s\n", "uncontended pair", "ns median", "ns low..high");
	for (int i = 0; i < ROWS; i++) {
		qsort(results[i], ROUNDS, sizeof(double), cmp);
		printf("%-40s %10.1f %7.1f..%-7.1f\n", names[i], results[i][ROUNDS / 2],
		       results[i][0], results[i][ROUNDS - 1]);
	}
	return 0;
}
