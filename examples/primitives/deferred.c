// SPDX-License-Identifier: LGPL-2.1-or-later
/* deferred: the ways a driver defers work -- a timer (softirq context on the CPU that
 * armed it), a tasklet, a hrtimer (hardirq context), a work item and a kthread -- each
 * counting into a per-CPU counter; init waits until all have run and prints the total. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/percpu.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

static DEFINE_PER_CPU(unsigned long, events);
static struct timer_list timer;
static struct tasklet_struct tasklet;
static struct hrtimer hrtimer;
static struct work_struct work;
static struct task_struct *thread;
static DECLARE_COMPLETION(all_ran);
static atomic_t pending = ATOMIC_INIT(5);
static bool context_ok = true;

static void ran(bool right_context)
{
	this_cpu_inc(events);
	if (!right_context)
		WRITE_ONCE(context_ok, false);
	if (atomic_dec_and_test(&pending))
		complete(&all_ran);
}

static void timer_fn(struct timer_list *t)
{
	ran(in_serving_softirq());
	tasklet_schedule(&tasklet);
}

static void tasklet_fn(struct tasklet_struct *t)
{
	ran(in_serving_softirq());
}

static enum hrtimer_restart hrtimer_fn(struct hrtimer *t)
{
	ran(in_hardirq());
	schedule_work(&work);
	return HRTIMER_NORESTART;
}

static void work_fn(struct work_struct *w)
{
	ran(in_task());
}

static int thread_fn(void *data)
{
	ran(in_task());
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init deferred_init(void)
{
	unsigned long total = 0;
	unsigned int cpu;

	timer_setup(&timer, timer_fn, 0);
	tasklet_setup(&tasklet, tasklet_fn);
	hrtimer_init(&hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hrtimer.function = hrtimer_fn;
	INIT_WORK(&work, work_fn);
	mod_timer(&timer, jiffies + 1);
	hrtimer_start(&hrtimer, ms_to_ktime(2), HRTIMER_MODE_REL);
	thread = kthread_run(thread_fn, NULL, "deferred");
	if (IS_ERR(thread))
		return PTR_ERR(thread);
	if (!wait_for_completion_timeout(&all_ran, 10 * HZ)) {
		kthread_stop(thread);
		return -ETIMEDOUT;
	}
	for_each_possible_cpu(cpu)
		total += per_cpu(events, cpu);
	pr_info("timer, tasklet, hrtimer, work and kthread ran%s; %lu events on %u CPUs\n",
		READ_ONCE(context_ok) ? " in their contexts" : " IN A WRONG CONTEXT", total,
		num_possible_cpus());
	return 0;
}

static void __exit deferred_exit(void)
{
	kthread_stop(thread);
	del_timer_sync(&timer);
	tasklet_kill(&tasklet);
	hrtimer_cancel(&hrtimer);
	cancel_work_sync(&work);
}

module_init(deferred_init);
module_exit(deferred_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("timers, tasklets, hrtimers, work items and kthreads");
