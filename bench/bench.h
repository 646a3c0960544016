/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bench/bench.h: timing for the benchmark programs -- a monotonic clock in ns, the
 * best of several runs of a loop, in ns per iteration, and the median of rounds. */
#ifndef UKMEM_BENCH_H
#define UKMEM_BENCH_H

#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per iteration of body, best of reps runs of n iterations (i is the counter). */
#define BEST_OF(reps, n, body) ({					\
	double __best = 1e18;						\
	for (int __rep = 0; __rep < (reps); __rep++) {			\
		double __t0 = now_ns();					\
		for (long i = 0; i < (n); i++) { body; }		\
		double __t = (now_ns() - __t0) / (n);			\
		__best = __t < __best ? __t : __best;			\
	}								\
	__best; })

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of n values (the upper one of the middle two when n is even); the values
 * are left in their order. n <= 256. */
static inline double median_of(const double *v, int n)
{
	double sorted[256];

	memcpy(sorted, v, (size_t)n * sizeof(double));
	qsort(sorted, (size_t)n, sizeof(double), bench_cmp_double);
	return sorted[n / 2];
}

#endif
