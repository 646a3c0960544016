// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_irq.c: what interrupts, timers and work items cost, against host
 * baselines measured in the same run, linked with the shared libukmem as users link.
 *
 * Latencies (ns, each sample from the moment the event is raised to the moment the
 * code that takes it starts; the target is asleep before each sample):
 *   futex     the host's cross-thread wake-up: a thread sleeping in FUTEX_WAIT is woken
 *             by FUTEX_WAKE and reads the clock (the baseline); again with a sleeper
 *             that also wakes every 4 ms by itself, as ukmem's hardirq thread does;
 *   irq       a device raises an edge line (ukmem_irq_raise) -> its request_irq
 *             handler entered on CPU 0's hardirq thread;
 *   work      queue_work() on system_wq -> the work function running on a kworker.
 * Costs (ns per pair):
 *   mod_timer+del_timer on one timer_list, with no other timer and with 10,000 pending;
 *   the same pair on a plain hierarchical timer wheel written here (9 levels of 64
 *   buckets, each level 8x coarser, as the kernel's; a test-and-set lock taken per
 *   operation as the kernel takes its base lock).
 * ROUNDS rounds, each measuring every method in turn (interleaved); a latency round
 * gives its p50 and p99, a cost round the best of REPS loops. Printed: the median
 * round, with the lowest and highest. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <ukmem.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include "bench.h"

#define ROUNDS		9
#define SAMPLES		1500
#define PAIRS		200000L
#define REPS		3
#define NR_PENDING	10000
#define BENCH_IRQ	5		/* an ISA edge line no model drives */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double percentile(double *v, int n, double p)
{
	qsort(v, n, sizeof(double), cmp_double);
	return v[(int)(p * (n - 1) + 0.5)];
}

/* Lets the target go back to sleep between samples. */
static void pause_between(void)
{
	struct timespec ts = { 0, 50000 };

	nanosleep(&ts, NULL);
}

/* The raiser waits for the sample without sleeping itself (a sleep would add its own
 * wake-up to the next sample's start), but yields the CPU to the target. */
static void wait_taken(int *taken)
{
	while (!__atomic_load_n(taken, __ATOMIC_ACQUIRE))
		sched_yield();
}

/* ---- the host's futex wake-up ------------------------------------------------------ */

struct sleeper {
	int word, taken, stop;
	double woken_at;
	const struct timespec *timeout;	/* NULL: sleeps until woken */
	pthread_t thread;
};

/* A thread sleeping in FUTEX_WAIT; with a timeout it also wakes every 4 ms, as ukmem's
 * hardirq thread does for the tick (so the host keeps it where it last ran). */
static void *futex_sleeper(void *arg)
{
	struct sleeper *s = arg;

	for (;;) {
		while (!__atomic_load_n(&s->word, __ATOMIC_SEQ_CST))
			syscall(SYS_futex, &s->word, FUTEX_WAIT_PRIVATE, 0, s->timeout, NULL, 0);
		s->woken_at = now_ns();
		__atomic_store_n(&s->word, 0, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST))
			return NULL;
		__atomic_store_n(&s->taken, 1, __ATOMIC_RELEASE);
	}
}

static const struct timespec tick = { 0, 4000000 };
static struct sleeper plain_sleeper, tick_sleeper = { .timeout = &tick };

static void wake_sleeper(struct sleeper *s)
{
	__atomic_store_n(&s->word, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &s->word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void futex_trigger(void)
{
	wake_sleeper(&plain_sleeper);
}

static void futex_tick_trigger(void)
{
	wake_sleeper(&tick_sleeper);
}

/* ---- interrupt delivery ------------------------------------------------------------ */

static int irq_taken;
static double irq_entered_at;

static irqreturn_t bench_handler(int irq, void *dev_id)
{
	irq_entered_at = now_ns();
	__atomic_store_n(&irq_taken, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

static void irq_trigger(void)
{
	ukmem_irq_raise(BENCH_IRQ);
}

/* ---- queue_work ---------------------------------------------------------------------- */

static int work_taken;
static double work_entered_at;

static void bench_work_fn(struct work_struct *work)
{
	work_entered_at = now_ns();
	__atomic_store_n(&work_taken, 1, __ATOMIC_RELEASE);
}
static DECLARE_WORK(bench_work, bench_work_fn);

static void work_trigger(void)
{
	queue_work(system_wq, &bench_work);
}

/* SAMPLES latencies of one method: trigger() at t0, the target stores when it started
 * in *at and sets *taken. */
static void measure(double *samples, void (*trigger)(void), int *taken, double *at)
{
	for (int i = 0; i < SAMPLES; i++) {
		double t0;

		pause_between();
		__atomic_store_n(taken, 0, __ATOMIC_SEQ_CST);
		t0 = now_ns();
		trigger();
		wait_taken(taken);
		samples[i] = *at - t0;
	}
}

/* ---- a plain hierarchical timer wheel (the baseline) -------------------------------- */

#define BW_LVL_BITS	6
#define BW_LVL_SIZE	(1UL << BW_LVL_BITS)
#define BW_CLK_SHIFT	3
#define BW_DEPTH	9
#define BW_SIZE		(BW_LVL_SIZE * BW_DEPTH)

struct bw_timer {
	struct bw_timer *next, **pprev;
	unsigned long expires;
	unsigned int idx;
};

struct bw_wheel {
	int lock;
	unsigned long clk;
	unsigned long pending[BW_SIZE / 64];
	struct bw_timer *buckets[BW_SIZE];
};

static struct bw_wheel wheel;

static unsigned int bw_index(unsigned long expires, unsigned long clk)
{
	unsigned long delta = expires > clk ? expires - clk : 0;
	unsigned int lvl = 0;

	while (lvl < BW_DEPTH - 1 &&
	       delta >= (BW_LVL_SIZE - 1) << (lvl * BW_CLK_SHIFT))
		lvl++;
	return lvl * BW_LVL_SIZE +
	       (((expires >> (lvl * BW_CLK_SHIFT)) + (lvl ? 1 : 0)) & (BW_LVL_SIZE - 1));
}

static void bw_lock(void)
{
	while (__atomic_exchange_n(&wheel.lock, 1, __ATOMIC_ACQUIRE))
		;
}

static void bw_unlock(void)
{
	__atomic_store_n(&wheel.lock, 0, __ATOMIC_RELEASE);
}

static void bw_detach(struct bw_timer *t)
{
	*t->pprev = t->next;
	if (t->next)
		t->next->pprev = t->pprev;
	if (!wheel.buckets[t->idx])
		wheel.pending[t->idx / 64] &= ~(1UL << (t->idx % 64));
	t->pprev = NULL;
}

static void bw_mod(struct bw_timer *t, unsigned long expires)
{
	bw_lock();
	if (t->pprev)
		bw_detach(t);
	t->expires = expires;
	t->idx = bw_index(expires, wheel.clk);
	t->next = wheel.buckets[t->idx];
	if (t->next)
		t->next->pprev = &t->next;
	wheel.buckets[t->idx] = t;
	t->pprev = &wheel.buckets[t->idx];
	wheel.pending[t->idx / 64] |= 1UL << (t->idx % 64);
	bw_unlock();
}

static int bw_del(struct bw_timer *t)
{
	int was = 0;

	bw_lock();
	if (t->pprev) {
		bw_detach(t);
		was = 1;
	}
	bw_unlock();
	return was;
}

/* ---- timer pairs ------------------------------------------------------------------- */

static void nop_timer(struct timer_list *t)
{
	(void)t;
}

static struct timer_list one_timer, *many_timers;
static struct bw_timer bw_one, *bw_many;

/* Expiry ticks far enough out that nothing fires during the run (>= 100 s). */
static unsigned long far(unsigned long i)
{
	return 100 * HZ + (i * 7919) % 60000;
}

static double ukmem_pairs(void)
{
	return BEST_OF(REPS, PAIRS, {
		mod_timer(&one_timer, jiffies + far((unsigned long)i));
		del_timer(&one_timer);
	});
}

static double wheel_pairs(void)
{
	return BEST_OF(REPS, PAIRS, {
		bw_mod(&bw_one, wheel.clk + far((unsigned long)i));
		bw_del(&bw_one);
	});
}

static void fill(bool on)
{
	for (unsigned long i = 0; i < NR_PENDING; i++) {
		if (on) {
			mod_timer(&many_timers[i], jiffies + far(i * 13 + 1));
			bw_mod(&bw_many[i], wheel.clk + far(i * 13 + 1));
		} else {
			del_timer(&many_timers[i]);
			bw_del(&bw_many[i]);
		}
	}
}

/* ---- the run ----------------------------------------------------------------------- */

enum { LAT_FUTEX, LAT_FUTEX_TICK, LAT_IRQ, LAT_WORK, NR_LAT };
enum { PAIR_UKMEM, PAIR_WHEEL, PAIR_UKMEM_10K, PAIR_WHEEL_10K, NR_PAIR };

static double p50[NR_LAT][ROUNDS], p99[NR_LAT][ROUNDS], pairs[NR_PAIR][ROUNDS];

static void print_row(const char *name, double *rounds, const char *fmt)
{
	double v[ROUNDS];

	memcpy(v, rounds, sizeof(v));
	qsort(v, ROUNDS, sizeof(double), cmp_double);
	printf(fmt, name, v[ROUNDS / 2], v[0], v[ROUNDS - 1]);
}

static double median(double *rounds)
{
	double v[ROUNDS];

	memcpy(v, rounds, sizeof(v));
	qsort(v, ROUNDS, sizeof(double), cmp_double);
	return v[ROUNDS / 2];
}

int main(void)
{
	static double samples[SAMPLES];
	static const char *const lat_names[NR_LAT] = {
		"futex wake -> woken thread running (host)",
		"  the same, sleeper also wakes every 4 ms",
		"device raises IRQ -> handler entered",
		"queue_work -> work function running",
	};
	static const char *const pair_names[NR_PAIR] = {
		"mod_timer+del_timer",
		"baseline wheel mod+del",
		"mod_timer+del_timer, 10,000 pending",
		"baseline wheel mod+del, 10,000 pending",
	};
	int dev;

	if (ukmem_boot("mem=64M quiet") ||
	    request_irq(BENCH_IRQ, bench_handler, 0, "bench", &dev)) {
		fprintf(stderr, "bench_irq: cannot boot or take IRQ %d\n", BENCH_IRQ);
		return 1;
	}
	many_timers = calloc(NR_PENDING, sizeof(*many_timers));
	bw_many = calloc(NR_PENDING, sizeof(*bw_many));
	timer_setup(&one_timer, nop_timer, 0);
	for (int i = 0; i < NR_PENDING; i++)
		timer_setup(&many_timers[i], nop_timer, 0);
	pthread_create(&plain_sleeper.thread, NULL, futex_sleeper, &plain_sleeper);
	pthread_create(&tick_sleeper.thread, NULL, futex_sleeper, &tick_sleeper);

	for (int r = 0; r < ROUNDS; r++) {
		static const struct {
			void (*trigger)(void);
			int *taken;
			double *at;
		} lat[NR_LAT] = {
			{ futex_trigger, &plain_sleeper.taken, &plain_sleeper.woken_at },
			{ futex_tick_trigger, &tick_sleeper.taken, &tick_sleeper.woken_at },
			{ irq_trigger, &irq_taken, &irq_entered_at },
			{ work_trigger, &work_taken, &work_entered_at },
		};

		for (int m = 0; m < NR_LAT; m++) {
			measure(samples, lat[m].trigger, lat[m].taken, lat[m].at);
			p50[m][r] = percentile(samples, SAMPLES, 0.50);
			p99[m][r] = percentile(samples, SAMPLES, 0.99);
		}
		pairs[PAIR_UKMEM][r] = ukmem_pairs();
		pairs[PAIR_WHEEL][r] = wheel_pairs();
		fill(true);
		pairs[PAIR_UKMEM_10K][r] = ukmem_pairs();
		pairs[PAIR_WHEEL_10K][r] = wheel_pairs();
		fill(false);
	}

	for (struct sleeper *sl = &plain_sleeper; sl; sl = sl == &plain_sleeper ? &tick_sleeper : NULL) {
		__atomic_store_n(&sl->stop, 1, __ATOMIC_SEQ_CST);
		wake_sleeper(sl);
		pthread_join(sl->thread, NULL);
	}
	flush_work(&bench_work);
	free_irq(BENCH_IRQ, &dev);

	printf("latency, ns (%d rounds x %d samples; median round, low..high)\n", ROUNDS, SAMPLES);
	printf("%-44s %10s %18s\n", "", "p50", "low..high");
	for (int m = 0; m < NR_LAT; m++)
		print_row(lat_names[m], p50[m], "%-44s %10.0f %8.0f..%-8.0f\n");
	printf("%-44s %10s %18s\n", "", "p99", "low..high");
	for (int m = 0; m < NR_LAT; m++)
		print_row(lat_names[m], p99[m], "%-44s %10.0f %8.0f..%-8.0f\n");
	printf("ratio to futex p50: irq %.2f, work %.2f; to the 4 ms sleeper's: irq %.2f, work %.2f\n",
	       median(p50[LAT_IRQ]) / median(p50[LAT_FUTEX]),
	       median(p50[LAT_WORK]) / median(p50[LAT_FUTEX]),
	       median(p50[LAT_IRQ]) / median(p50[LAT_FUTEX_TICK]),
	       median(p50[LAT_WORK]) / median(p50[LAT_FUTEX_TICK]));
	printf("\ntimer pair, ns (best of %d x %ld pairs per round; median round, low..high)\n",
	       REPS, PAIRS);
	for (int m = 0; m < NR_PAIR; m++)
		print_row(pair_names[m], pairs[m], "%-44s %10.1f %8.1f..%-8.1f\n");
	printf("ratio to baseline: %.2f empty, %.2f with 10,000 pending\n",
	       median(pairs[PAIR_UKMEM]) / median(pairs[PAIR_WHEEL]),
	       median(pairs[PAIR_UKMEM_10K]) / median(pairs[PAIR_WHEEL_10K]));
	free(many_timers);
	free(bw_many);
	ukmem_shutdown();
	return 0;
}
