// SPDX-License-Identifier: LGPL-2.1-or-later
/* jiffies, the conversions and the delays. Only lower bounds of sleeps are checked. */
#include <criterion/criterion.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/timex.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <sys/wait.h>
#include <unistd.h>

Test(time, jiffies_start_at_initial_jiffies_and_advance)
{
	unsigned long start;
	ktime_t t0;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	start = jiffies;
	cr_assert(time_after_eq(start, INITIAL_JIFFIES));
	cr_assert(time_before(start, INITIAL_JIFFIES + 10 * HZ));
	t0 = ktime_get();
	msleep(20);
	cr_assert(time_after_eq(jiffies, start + msecs_to_jiffies(20)), "msleep sleeps at least");
	cr_assert_geq(ktime_ms_delta(ktime_get(), t0), 20);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(time, conversions_round_up)
{
	cr_assert_eq(HZ, 250);
	cr_assert_eq(msecs_to_jiffies(0), 0);
	cr_assert_eq(msecs_to_jiffies(1), 1);
	cr_assert_eq(msecs_to_jiffies(4), 1);
	cr_assert_eq(msecs_to_jiffies(5), 2);
	cr_assert_eq(msecs_to_jiffies(1000), HZ);
	cr_assert_eq(jiffies_to_msecs(HZ), 1000);
	cr_assert_eq(usecs_to_jiffies(4001), 2);
	cr_assert_eq(nsecs_to_jiffies(NSEC_PER_SEC), HZ);
	cr_assert_eq(ktime_to_ms(ms_to_ktime(1234)), 1234);
	cr_assert_eq(ktime_set(1, 5), NSEC_PER_SEC + 5);
}

Test(time, comparisons_survive_wrap)
{
	unsigned long before_wrap = ULONG_MAX - 5, after_wrap = 10;

	cr_assert(time_after(after_wrap, before_wrap));
	cr_assert(time_before(before_wrap, after_wrap));
	cr_assert(time_in_range(ULONG_MAX, before_wrap, after_wrap));
	cr_assert_not(time_after(before_wrap, after_wrap));
}

Test(time, busy_delays_and_schedule_timeout)
{
	ktime_t t0;
	long left;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	t0 = ktime_get();
	udelay(2000);
	cr_assert_geq(ktime_us_delta(ktime_get(), t0), 2000);
	t0 = ktime_get();
	mdelay(3);
	cr_assert_geq(ktime_ms_delta(ktime_get(), t0), 3);
	left = schedule_timeout_uninterruptible(2);
	cr_assert_eq(left, 0, "nobody woke us: the whole timeout passed");
	cr_assert_eq(current->state, TASK_RUNNING);
	cr_assert_eq(cond_resched(), 0);
	ukmem_shutdown();
}

Test(time, jiffies_is_a_variable_the_tick_advances)
{
	unsigned long *p = (unsigned long *)&jiffies, j0;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_eq((void *)&jiffies, (void *)&jiffies_64, "jiffies is jiffies_64's low word");
	j0 = *p;
	udelay(30 * 1000);		/* busy: only the tick moves it */
	cr_assert(time_after(*p, j0), "advanced by the tick: %lu -> %lu", j0, *p);
	cr_assert(time_before_eq(jiffies, get_jiffies_64()));
	cr_assert_leq(get_jiffies_64() - jiffies_64, 2);
	ukmem_shutdown();
}

Test(time, clocks)
{
	struct timespec64 ts;
	cycles_t c0 = get_cycles();

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	ktime_get_boottime_ts64(&ts);
	cr_assert_geq(timespec64_to_ns(&ts), ktime_get_ns() - NSEC_PER_SEC, "boot time >= monotonic");
	ktime_get_coarse_real_ts64(&ts);
	cr_assert_gt(ts.tv_sec, 1600000000);
	cr_assert_geq(ktime_get_real_seconds(), ts.tv_sec);
	cr_assert_eq(ktime_get_clocktai_seconds() - ktime_get_real_seconds() >= 36, true);
	cr_assert_leq(ktime_get_coarse_ns(), ktime_get_ns());
	cr_assert_gt(get_cycles(), c0);
	cr_assert_eq(nsecs_to_jiffies(4 * NSEC_PER_MSEC), 1);
	cr_assert_eq(jiffies_to_usecs(1), 4000);
	cr_assert_eq(msleep_interruptible(1), 0);
	ukmem_shutdown();
}

static int child_timer_fired, child_work_ran;
static void child_timer_fn(struct timer_list *t) { WRITE_ONCE(child_timer_fired, 1); }
static void child_work_fn(struct work_struct *w) { WRITE_ONCE(child_work_ran, 1); }

/* The child of a fork keeps the machine: a tick of its own, timers and workers. */
static int child_checks(void)
{
	struct timer_list t;
	struct work_struct w;
	unsigned long j0 = jiffies;

	udelay(30 * 1000);
	if (!time_after(jiffies, j0))
		return 1;
	timer_setup(&t, child_timer_fn, 0);
	mod_timer(&t, jiffies + 1);
	INIT_WORK(&w, child_work_fn);
	schedule_work(&w);
	flush_work(&w);
	for (int i = 0; i < 2000 && !READ_ONCE(child_timer_fired); i++)
		msleep(1);
	del_timer_sync(&t);
	if (!READ_ONCE(child_timer_fired))
		return 2;
	return READ_ONCE(child_work_ran) ? 0 : 3;
}

Test(time, a_forked_child_has_its_own_tick_timers_and_workers)
{
	struct work_struct w;
	int status;
	pid_t pid;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	INIT_WORK(&w, child_work_fn);
	schedule_work(&w);	/* workers and ksoftirqd exist in the parent */
	flush_work(&w);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (!pid)
		_exit(child_checks());
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status));
	cr_assert_eq(WEXITSTATUS(status), 0, "child check %d failed", WEXITSTATUS(status));
	ukmem_shutdown();
}
