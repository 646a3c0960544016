// SPDX-License-Identifier: LGPL-2.1-or-later
/* Timers and hrtimers: a timer runs once in softirq context on the CPU that queued it;
 * mod_timer re-arms; del_timer_sync never returns while the function runs and the
 * function never runs after it returned; a periodic timer and a periodic hrtimer keep
 * their rate (counted over the time that actually passed, with generous bounds); hard
 * hrtimers run in hardirq context, soft ones in softirq context. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
#include <linux/smp.h>
#include <linux/completion.h>
#include "kmsg.h"
#include "poll.h"

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
}


struct probe {
	struct timer_list timer;
	int fired, in_softirq, serving, cpu;
	char comm[16];
};

static void probe_fn(struct timer_list *t)
{
	struct probe *p = from_timer(p, t, timer);

	p->in_softirq = in_softirq() != 0;
	p->serving = in_serving_softirq() != 0;
	p->cpu = (int)smp_processor_id();
	memcpy(p->comm, current->comm, sizeof(p->comm));
	__atomic_add_fetch(&p->fired, 1, __ATOMIC_RELEASE);
}

Test(timer, fires_once_in_softirq_context_on_its_cpu)
{
	struct probe p = { 0 };
	unsigned long start;
	char comm[16];
	int cpu;

	boot();
	timer_setup(&p.timer, probe_fn, 0);
	cr_assert_not(timer_pending(&p.timer));
	start = jiffies;
	cpu = (int)get_cpu();
	mod_timer(&p.timer, jiffies + 2);
	put_cpu();
	cr_assert(timer_pending(&p.timer));
	cr_assert(poll_until_geq(&p.fired, 1));
	cr_assert(time_after_eq(jiffies, start + 2), "not early");
	cr_assert(p.in_softirq && p.serving);
	cr_assert_eq(p.cpu, cpu);
	snprintf(comm, sizeof(comm), "ksoftirqd/%d", cpu);
	cr_assert_str_eq(p.comm, comm);
	cr_assert_not(timer_pending(&p.timer));
	msleep(30);
	cr_assert_eq(p.fired, 1, "once");
	cr_assert_eq(del_timer(&p.timer), 0);
	ukmem_shutdown();
}

Test(timer, mod_timer_rearms_and_del_timer_cancels)
{
	struct probe p = { 0 };

	boot();
	timer_setup(&p.timer, probe_fn, 0);
	cr_assert_eq(mod_timer(&p.timer, jiffies + 10 * HZ), 0);
	cr_assert_eq(mod_timer(&p.timer, jiffies + 1), 1, "was pending: moved");
	cr_assert(poll_until_geq(&p.fired, 1));
	cr_assert_eq(mod_timer(&p.timer, jiffies + 1), 0);
	cr_assert(poll_until_geq(&p.fired, 2), "re-armed after it ran");
	mod_timer(&p.timer, jiffies + HZ);
	cr_assert_eq(timer_reduce(&p.timer, jiffies + 2 * HZ), 1);
	cr_assert(time_before(p.timer.expires, jiffies + HZ + 2), "reduce never delays");
	cr_assert_eq(mod_timer_pending(&p.timer, jiffies + 5 * HZ), 1);
	cr_assert_eq(del_timer(&p.timer), 1);
	cr_assert_eq(mod_timer_pending(&p.timer, jiffies + 1), 0, "not pending: left alone");
	msleep(50);
	cr_assert_eq(p.fired, 2);
	ukmem_shutdown();
}

static struct timer_list slow_timer;
static int slow_running, slow_runs, slow_after_del;
static int slow_deleted;

static void slow_fn(struct timer_list *t)
{
	__atomic_store_n(&slow_running, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&slow_deleted, __ATOMIC_SEQ_CST))
		__atomic_add_fetch(&slow_after_del, 1, __ATOMIC_SEQ_CST);
	mdelay(20);
	__atomic_add_fetch(&slow_runs, 1, __ATOMIC_SEQ_CST);
	mod_timer(t, jiffies + 1);	/* re-arms itself */
	__atomic_store_n(&slow_running, 0, __ATOMIC_SEQ_CST);
}

Test(timer, del_timer_sync_waits_for_a_running_handler)
{
	boot();
	timer_setup(&slow_timer, slow_fn, 0);
	mod_timer(&slow_timer, jiffies + 1);
	cr_assert(poll_until_geq(&slow_running, 1), "the handler started");
	cr_assert_eq(del_timer(&slow_timer), 0, "running, not pending");
	/* The handler is inside its 20 ms delay: del_timer_sync waits for it, but the
	 * handler re-arms, so loop as drivers do with a "shutting down" flag. */
	__atomic_store_n(&slow_deleted, 1, __ATOMIC_SEQ_CST);
	do {
		del_timer_sync(&slow_timer);
		cr_assert_eq(__atomic_load_n(&slow_running, __ATOMIC_SEQ_CST), 0,
			     "never returns while the handler runs");
	} while (timer_pending(&slow_timer));
	int runs = slow_runs;
	msleep(60);
	cr_assert_eq(slow_runs, runs, "the handler never runs after del_timer_sync returned");
	ukmem_shutdown();
}

static int periodic_count;
static struct timer_list periodic;

static void periodic_fn(struct timer_list *t)
{
	__atomic_add_fetch(&periodic_count, 1, __ATOMIC_RELAXED);
	mod_timer(t, t->expires + HZ / 64 + 0);
}

Test(timer, periodic_64hz_timer_keeps_its_rate)
{
	ktime_t t0, elapsed;
	int count;

	boot();
	timer_setup(&periodic, periodic_fn, 0);
	periodic_count = 0;
	t0 = ktime_get();
	periodic.expires = jiffies + HZ / 64;
	add_timer(&periodic);
	msleep(1000);
	del_timer_sync(&periodic);
	elapsed = ktime_get() - t0;
	count = periodic_count;
	/* HZ/64 is 3 ticks (12 ms): about 83 per second of real time. */
	double expected = (double)elapsed / (3 * TICK_NSEC);
	cr_assert_gt(count, expected * 0.5, "%d fired in %lld ns", count, (long long)elapsed);
	cr_assert_lt(count, expected * 1.2 + 2, "%d fired in %lld ns", count, (long long)elapsed);
	ukmem_shutdown();
}

Test(timer, long_timeouts_round_to_their_level)
{
	struct probe p = { 0 };

	boot();
	timer_setup(&p.timer, probe_fn, 0);
	mod_timer(&p.timer, jiffies + 100);	/* level 1: 8-tick buckets */
	cr_assert(poll_until_geq(&p.fired, 1));
	mod_timer(&p.timer, jiffies + 10 * 60 * HZ);
	cr_assert_eq(del_timer_sync(&p.timer), 1);
	ukmem_shutdown();
}

static struct hrtimer hrt;
static int hrt_count, hrt_hardirq, hrt_softirq;
static ktime_t hrt_period, hrt_last_run;
static u64 hrt_forwarded;	/* periods the handler forwarded the timer by, in all */

static enum hrtimer_restart hrt_fn(struct hrtimer *t)
{
	if (in_hardirq() && irqs_disabled())
		__atomic_add_fetch(&hrt_hardirq, 1, __ATOMIC_RELAXED);
	if (in_serving_softirq())
		__atomic_add_fetch(&hrt_softirq, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&hrt_forwarded, hrtimer_forward_now(t, hrt_period), __ATOMIC_RELAXED);
	__atomic_store_n(&hrt_last_run, ktime_get(), __ATOMIC_RELAXED);
	__atomic_add_fetch(&hrt_count, 1, __ATOMIC_RELEASE);
	return HRTIMER_RESTART;
}

static void run_periodic_hrtimer(enum hrtimer_mode mode)
{
	ktime_t t0, elapsed;
	double expected;
	int count;

	hrt_count = hrt_hardirq = hrt_softirq = 0;
	hrt_forwarded = 0;
	hrt_period = ms_to_ktime(5);
	hrtimer_init(&hrt, CLOCK_MONOTONIC, mode);
	hrt.function = hrt_fn;
	t0 = ktime_get();
	hrtimer_start(&hrt, hrt_period, mode);
	cr_assert(hrtimer_active(&hrt));
	msleep(500);
	cr_assert_eq(hrtimer_cancel(&hrt), 1);
	elapsed = ktime_get() - t0;
	count = hrt_count;
	cr_assert_not(hrtimer_active(&hrt));
	expected = (double)elapsed / (double)hrt_period;
	cr_assert_gt(count, 0);
	cr_assert_lt(count, expected + 2, "forwarding never adds periods: %d", count);
	/* However late the handler ran on a busy machine, forwarding kept the timer on its
	 * grid: the periods forwarded cover the time up to its last run. */
	cr_assert_geq((double)hrt_forwarded + 2,
		      (double)(hrt_last_run - t0) / (double)hrt_period,
		      "%llu periods forwarded by %lld ns", (unsigned long long)hrt_forwarded,
		      (long long)(hrt_last_run - t0));
	cr_assert_leq((double)hrt_forwarded, expected + 2);
	msleep(20);
	cr_assert_eq(hrt_count, count, "nothing after hrtimer_cancel");
}

Test(timer, hrtimer_forward_periodic_hard_and_soft)
{
	boot();
	run_periodic_hrtimer(HRTIMER_MODE_REL);
	cr_assert_eq(hrt_hardirq, hrt_count, "hard: every run in hardirq context");
	run_periodic_hrtimer(HRTIMER_MODE_REL_SOFT);
	cr_assert_eq(hrt_softirq, hrt_count, "soft: every run in softirq context");
	ukmem_shutdown();
}

Test(timer, hrtimer_forward_counts_overruns)
{
	struct hrtimer t;

	boot();
	hrtimer_init(&t, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	hrtimer_set_expires(&t, 1000);
	cr_assert_eq(hrtimer_forward(&t, 999, 100), 0);
	cr_assert_eq(hrtimer_forward(&t, 1000, 100), 1);
	cr_assert_eq(hrtimer_get_expires(&t), 1100);
	cr_assert_eq(hrtimer_forward(&t, 1450, 100), 4);
	cr_assert_eq(hrtimer_get_expires(&t), 1500);
	ukmem_shutdown();
}
