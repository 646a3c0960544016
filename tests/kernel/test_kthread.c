// SPDX-License-Identifier: LGPL-2.1-or-later
/* kthreads: created asleep, run once woken, kthread_stop wakes a thread sleeping in
 * schedule_timeout and returns its result, parking, comm and pid per thread, and
 * set_current_state + schedule() sleeping until wake_up_process. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/ktime.h>
#include "kmsg.h"
#include "poll.h"

static int loops, started;

static int sleeper(void *data)
{
	__atomic_store_n(&started, 1, __ATOMIC_RELEASE);
	while (!kthread_should_stop()) {
		schedule_timeout_interruptible(10 * HZ);	/* woken by kthread_stop */
		__atomic_add_fetch(&loops, 1, __ATOMIC_RELAXED);
	}
	return 42;
}

Test(kthread, stop_wakes_a_thread_sleeping_in_schedule_timeout)
{
	struct task_struct *t;
	ktime_t t0;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	started = loops = 0;
	t = kthread_create(sleeper, NULL, "ukmem_sleeper/%d", 3);
	cr_assert_not(IS_ERR(t));
	cr_assert_str_eq(t->comm, "ukmem_sleeper/3");
	cr_assert_neq(t->pid, current->pid);
	cr_assert(t->flags & PF_KTHREAD);
	msleep(20);
	cr_assert_eq(started, 0, "not run before it is woken");
	wake_up_process(t);
	cr_assert(poll_until_geq(&started, 1));
	msleep(10);
	t0 = ktime_get();
	cr_assert_eq(kthread_stop(t), 42);
	cr_assert_lt(ktime_ms_delta(ktime_get(), t0), 5000, "woken, not timed out");
	ukmem_shutdown();
}

static int never_run(void *data)
{
	return 1;
}

Test(kthread, stop_before_wake_never_runs_the_function)
{
	struct task_struct *t;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	t = kthread_create(never_run, NULL, "ukmem_never");
	cr_assert_eq(kthread_stop(t), -EINTR);
	ukmem_shutdown();
}

static int parks, unparks;

static int parker(void *data)
{
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			__atomic_add_fetch(&parks, 1, __ATOMIC_RELEASE);
			kthread_parkme();
			__atomic_add_fetch(&unparks, 1, __ATOMIC_RELEASE);
		}
		msleep(1);
	}
	return 0;
}

Test(kthread, park_and_unpark)
{
	struct task_struct *t;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	parks = unparks = 0;
	t = kthread_run(parker, NULL, "ukmem_parker");
	cr_assert_eq(kthread_park(t), 0);
	cr_assert_eq(parks, 1, "parked when kthread_park returns");
	msleep(20);
	cr_assert_eq(unparks, 0, "stays parked");
	kthread_unpark(t);
	cr_assert(poll_until_geq(&unparks, 1));
	kthread_park(t);
	cr_assert_eq(kthread_stop(t), 0, "stop also ends a park");
	ukmem_shutdown();
}

static struct task_struct *waiter;
static int woken;

static int wait_for_wake(void *data)
{
	set_current_state(TASK_INTERRUPTIBLE);
	while (!__atomic_load_n(&woken, __ATOMIC_ACQUIRE) && !kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return __atomic_load_n(&woken, __ATOMIC_ACQUIRE);
}

Test(kthread, schedule_sleeps_until_wake_up_process)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	woken = 0;
	waiter = kthread_run(wait_for_wake, NULL, "ukmem_waiter");
	msleep(20);
	__atomic_store_n(&woken, 1, __ATOMIC_RELEASE);
	wake_up_process(waiter);
	cr_assert_eq(kthread_stop(waiter), 1);
	ukmem_shutdown();
}

static int exits_early(void *data)
{
	return 7;
}

Test(kthread, a_thread_that_returned_is_reaped_at_shutdown)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	kthread_run(exits_early, NULL, "ukmem_oneshot");
	msleep(10);
	ukmem_shutdown();	/* joins it: nothing left running */
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	ukmem_shutdown();
}
