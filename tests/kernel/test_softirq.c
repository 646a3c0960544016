// SPDX-License-Identifier: LGPL-2.1-or-later
/* Softirqs and tasklets: a tasklet runs once per schedule in softirq context on the
 * scheduling CPU, not while disabled, not while that CPU's softirqs are held off with
 * local_bh_disable(); tasklet_kill waits; /proc/softirqs counts per CPU in 6.1's format. */
#include <criterion/criterion.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/delay.h>
#include "kmsg.h"
#include "poll.h"

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
}


struct counter {
	struct tasklet_struct tasklet;
	int runs, in_softirq, cpu;
};

static void count_fn(struct tasklet_struct *t)
{
	struct counter *c = from_tasklet(c, t, tasklet);

	c->in_softirq = in_serving_softirq() && !in_task();
	c->cpu = (int)smp_processor_id();
	__atomic_add_fetch(&c->runs, 1, __ATOMIC_RELEASE);
}

Test(softirq, tasklet_runs_in_softirq_on_the_scheduling_cpu)
{
	struct counter c = { 0 };
	int cpu;

	boot();
	tasklet_setup(&c.tasklet, count_fn);
	cpu = (int)get_cpu();
	tasklet_schedule(&c.tasklet);
	put_cpu();
	cr_assert(poll_until_geq(&c.runs, 1));
	cr_assert(c.in_softirq);
	cr_assert_eq(c.cpu, cpu);
	tasklet_hi_schedule(&c.tasklet);
	cr_assert(poll_until_geq(&c.runs, 2));
	tasklet_kill(&c.tasklet);
	cr_assert_eq(c.runs, 2);
	ukmem_shutdown();
}

Test(softirq, disabled_tasklet_waits_for_enable)
{
	struct counter c = { 0 };

	boot();
	tasklet_setup(&c.tasklet, count_fn);
	tasklet_disable(&c.tasklet);
	tasklet_schedule(&c.tasklet);
	msleep(50);
	cr_assert_eq(c.runs, 0, "disabled: not run");
	tasklet_enable(&c.tasklet);
	cr_assert(poll_until_geq(&c.runs, 1), "runs once enabled");
	tasklet_kill(&c.tasklet);
	ukmem_shutdown();
}

static unsigned long old_data;
static void old_fn(unsigned long data)
{
	__atomic_store_n(&old_data, data, __ATOMIC_RELEASE);
}
static DECLARE_TASKLET_OLD(old_tasklet, old_fn);

Test(softirq, old_style_tasklets)
{
	struct tasklet_struct t;

	boot();
	tasklet_init(&t, old_fn, 42);
	tasklet_schedule(&t);
	for (int i = 0; i < 5000 && __atomic_load_n(&old_data, __ATOMIC_ACQUIRE) != 42; i++)
		msleep(1);
	cr_assert_eq(old_data, 42);
	tasklet_kill(&t);
	old_tasklet.data = 7;
	tasklet_schedule(&old_tasklet);
	tasklet_kill(&old_tasklet);
	cr_assert_eq(old_data, 7);
	ukmem_shutdown();
}

static DEFINE_SPINLOCK(bh_lock);

Test(softirq, local_bh_disable_holds_off_the_cpus_tasklets)
{
	struct counter c = { 0 };

	boot();
	tasklet_setup(&c.tasklet, count_fn);
	local_bh_disable();
	cr_assert(in_softirq() && !in_serving_softirq());
	tasklet_schedule(&c.tasklet);	/* queued on the CPU whose softirqs we hold */
	mdelay(50);			/* busy: no sleeping with bh disabled */
	cr_assert_eq(__atomic_load_n(&c.runs, __ATOMIC_ACQUIRE), 0, "held off");
	local_bh_enable();
	cr_assert_not(in_softirq());
	cr_assert(poll_until_geq(&c.runs, 1), "runs once bottom halves are enabled");
	spin_lock_bh(&bh_lock);
	tasklet_schedule(&c.tasklet);
	mdelay(20);
	cr_assert_eq(__atomic_load_n(&c.runs, __ATOMIC_ACQUIRE), 1, "spin_lock_bh holds off too");
	spin_unlock_bh(&bh_lock);
	cr_assert(poll_until_geq(&c.runs, 2));
	tasklet_kill(&c.tasklet);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(softirq, proc_softirqs_format)
{
	struct counter c = { 0 };
	char *text, header[256] = "                    ";
	int cpu;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=3"), 0);
	tasklet_setup(&c.tasklet, count_fn);
	cpu = (int)get_cpu();
	tasklet_schedule(&c.tasklet);
	put_cpu();
	cr_assert(poll_until_geq(&c.runs, 1));
	tasklet_kill(&c.tasklet);
	text = proc_text("/proc/softirqs");
	cr_assert_not_null(text);
	strcat(header, "CPU0       CPU1       CPU2       \n");
	cr_assert_eq(strncmp(text, header, strlen(header)), 0, "header: [%s]", text);
	cr_assert(strstr(text, "\n          HI:          0          0          0\n"));
	cr_assert(strstr(text, "\n         RCU:"));
	char *line = strstr(text, "     TASKLET:");
	cr_assert_not_null(line);
	unsigned int n[3];
	cr_assert_eq(sscanf(line, "     TASKLET: %u %u %u", &n[0], &n[1], &n[2]), 3);
	cr_assert_geq(n[cpu], 1);
	free(text);
	ukmem_shutdown();
}
