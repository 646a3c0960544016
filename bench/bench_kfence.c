// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_kfence.c: what KFENCE costs kmalloc and kfree. Each measurement is a fresh
 * machine (a child process) booted with kfence.sample_interval=N -- 100 ms, Linux's
 * default, against 0, KFENCE off -- that runs two workloads:
 *   pair   kmalloc(64) and kfree() at once, hot (ns per pair, best of REPS loops);
 *   batch  1000 kmalloc()s of random sizes 8..4096, then their 1000 kfree()s (ns per
 *          pair, best of REPS loops);
 * and says how many objects KFENCE served meanwhile (/sys/kernel/debug/kfence/stats).
 * ROUNDS rounds, each measuring both settings, in turns (ABBA...) so that drift of the
 * machine weighs on both alike. Printed: the median round with the lowest and highest;
 * the cost as the median of the per-round ratios N/0 (with their range), and as the
 * ratio of the two lowest rounds -- on a busy machine the lowest are the runs that
 * were least disturbed, and the steadier figure.
 * Usage: bench_kfence [INTERVAL_MS [ROUNDS]] (defaults 100 and 15). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/slab.h>
#include "bench.h"

#define REPS		20
#define PAIRS		2500000L
#define BATCH		1000
#define BATCH_LOOPS	250
#define MAX_ROUNDS	101

enum { PAIR, BATCH_RANDOM, NR_WORK };
static const char *const work_names[NR_WORK] = { "pair 64 B, hot", "batch 1000 x 8..4096 B" };

struct result {
	double ns[NR_WORK];
	long kfence_allocs;
};

static void *volatile sink;
static unsigned int sizes[BATCH];

static noinline double pair_loop(void)
{
	return BEST_OF(REPS, PAIRS, {
		void *p = kmalloc(64, GFP_KERNEL);

		sink = p;
		kfree(p);
	});
}

static noinline double batch_loop(void)
{
	void *objs[BATCH];

	return BEST_OF(REPS, BATCH_LOOPS, {
		for (int j = 0; j < BATCH; j++)
			objs[j] = kmalloc(sizes[j], GFP_KERNEL);
		sink = objs[i % BATCH];
		for (int j = 0; j < BATCH; j++)
			kfree(objs[j]);
	}) / BATCH;
}

/* "total allocations: N" of KFENCE's stats (0 when KFENCE is off: no such file). */
static long kfence_allocations(void)
{
	char text[4096] = "";
	char *line;

	if (ukmem_proc_read("/sys/kernel/debug/kfence/stats", text, sizeof(text)) < 0)
		return 0;
	line = strstr(text, "total allocations: ");
	return line ? strtol(line + strlen("total allocations: "), NULL, 10) : 0;
}

/* One measurement in a machine of its own, booted with the interval. */
static int measure(long interval, struct result *r)
{
	int fds[2], status;
	bool got;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char cmdline[96];
		struct result out;

		close(fds[0]);
		snprintf(cmdline, sizeof(cmdline), "mem=512M loglevel=1 kfence.sample_interval=%ld",
			 interval);
		unsetenv("UKMEM_CMDLINE");
		if (ukmem_boot(cmdline))
			_exit(1);
		out.ns[PAIR] = pair_loop();
		out.ns[BATCH_RANDOM] = batch_loop();
		out.kfence_allocs = kfence_allocations();
		ukmem_shutdown();
		_exit(write(fds[1], &out, sizeof(out)) == sizeof(out) ? 0 : 1);
	}
	close(fds[1]);
	got = read(fds[0], r, sizeof(*r)) == sizeof(*r);
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) || !got)
		return -1;
	return 0;
}

static double lowest(const double *v, int n)
{
	double m = v[0];

	for (int i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

static double highest(const double *v, int n)
{
	double m = v[0];

	for (int i = 1; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

int main(int argc, char **argv)
{
	long interval = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	int rounds = argc > 2 ? atoi(argv[2]) : 15;
	static double ns[2][NR_WORK][MAX_ROUNDS], ratio[NR_WORK][MAX_ROUNDS];
	long allocs[2] = { 0, 0 };
	const long setting[2] = { interval, 0 };

	if (interval <= 0 || rounds < 1 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "usage: bench_kfence [INTERVAL_MS>0 [ROUNDS 1..%d]]\n", MAX_ROUNDS);
		return 2;
	}
	srand(1);
	for (int i = 0; i < BATCH; i++)
		sizes[i] = 8 + (unsigned int)rand() % (4096 - 8 + 1);
	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < 2; k++) {
			int s = (r + k) % 2;	/* ABBA: each setting goes first every other round */
			struct result res;

			if (measure(setting[s], &res)) {
				fprintf(stderr, "bench_kfence: a machine failed\n");
				return 1;
			}
			for (int w = 0; w < NR_WORK; w++)
				ns[s][w][r] = res.ns[w];
			allocs[s] += res.kfence_allocs;
		}
		for (int w = 0; w < NR_WORK; w++)
			ratio[w][r] = ns[0][w][r] / ns[1][w][r];
	}
	printf("bench_kfence: %d rounds, %ld CPUs online; ns per kmalloc+kfree pair "
	       "(median round, lowest .. highest)\n", rounds, sysconf(_SC_NPROCESSORS_ONLN));
	printf("%-24s %28s    kfence.sample_interval=%-5ld %9s %18s %9s\n", "workload",
	       "kfence.sample_interval=0", interval, "cost", "low .. high", "lowest");
	for (int w = 0; w < NR_WORK; w++) {
		printf("%-24s", work_names[w]);
		for (int s = 1; s >= 0; s--)
			printf("   %8.2f (%6.2f .. %6.2f)", median_of(ns[s][w], rounds),
			       lowest(ns[s][w], rounds), highest(ns[s][w], rounds));
		printf(" %+8.2f%% %+8.2f .. %+6.2f%% %+8.2f%%\n",
		       (median_of(ratio[w], rounds) - 1) * 100, (lowest(ratio[w], rounds) - 1) * 100,
		       (highest(ratio[w], rounds) - 1) * 100,
		       (lowest(ns[0][w], rounds) / lowest(ns[1][w], rounds) - 1) * 100);
	}
	printf("cost: the median of the rounds' ratios (interval %ld / 0) and their range; "
	       "lowest: the ratio of the two settings' lowest rounds\n", interval);
	printf("objects KFENCE served: %ld with interval %ld, %ld with 0 (all rounds)\n",
	       allocs[0], interval, allocs[1]);
	return 0;
}
