/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/cpu.h: ukmem's virtual CPUs inside the kernel layer. Each CPU may have a
 * hardirq thread ("hardirq/N", started at first use; CPU 0's at boot for the tick)
 * that plays the CPU's interrupts: queued irq work and the clock event, both run in
 * hardirq context (HARDIRQ_OFFSET in the preempt count, interrupts disabled). Interrupt
 * delivery for devices can queue irq work the same way. */
#ifndef UKMEM_KERNEL_CPU_H
#define UKMEM_KERNEL_CPU_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/sched.h>
#include "host/host.h"

extern unsigned int nr_cpu_ids;

/* raw_smp_processor_id() without a call: the pinned CPU, else the host CPU modulo
 * nr_cpu_ids (rseq's cpu id: two loads). For the allocators' fast paths. */
static inline unsigned int cpu_current(void)
{
	struct task_struct *task = &ukmem_current_task;
	unsigned int cpu;

	if (task->ukmem_cpu_pin)
		return task->ukmem_cpu;
	cpu = (unsigned int)host_current_cpu();
	return __builtin_expect(cpu < nr_cpu_ids, 1) ? cpu : cpu % nr_cpu_ids;
}

struct cpu_irq_work {
	struct list_head node;
	void (*func)(struct cpu_irq_work *work);
};

/* Runs work->func on cpu's hardirq thread, in hardirq context. Any context. */
void cpu_irq_queue(unsigned int cpu, struct cpu_irq_work *work);
/* The same for a device interrupt, which also waits while a thread of that CPU has
 * interrupts off (local_irq_disable and friends). Any context. */
void cpu_irq_queue_device(unsigned int cpu, struct cpu_irq_work *work);
/* What /proc/interrupts shows of a CPU: clock events (LOC) and irq work (CAL). */
void cpu_irq_stats(unsigned int cpu, unsigned int *timer_irqs, unsigned int *call_irqs);
/* The cpu's clock event is due at expires_ns (CLOCK_MONOTONIC) or earlier. Any context. */
void cpu_clock_program(unsigned int cpu, u64 expires_ns);
/* Wakes cpu's hardirq thread (starting it if needed) to look at its clock event. */
void cpu_clock_kick(unsigned int cpu);
u64 cpu_monotonic_ns(void);
/* schedule() for at most timeout_ns (< 0: no limit), in kernel/sched.c. */
void schedule_ns(long long timeout_ns);

/* Clock event handlers, called on the CPU's hardirq thread in hardirq context; each
 * returns its next event (U64_MAX: none). */
u64 tick_handle(u64 now);			/* CPU 0: jiffies and timer wheels */
u64 hrtimer_cpu_interrupt(unsigned int cpu, u64 now);

/* Enter and leave interrupt context on this thread (preempt count and irq flag). */
void cpu_hardirq_enter(void);
void cpu_hardirq_exit(void);

struct task_struct;
struct task_struct *cpu_thread_get(struct task_struct **slot, int (*fn)(void *),
				   unsigned int cpu, const char *namefmt);
void cpu_thread_stop(struct task_struct **slot);

/* A fork(2) child keeps the machine but not its threads (a fork hook, machine/fork.h). */
void cpu_threads_after_fork(void);
void cpu_restart_if_forked(void);	/* a fork child: start its CPU threads now */
void softirq_forget_threads(void);
void workqueue_forget_workers(void);
void workqueue_restart_workers(void);
void timers_after_fork(void);
void hrtimers_after_fork(void);

/* Boot and shutdown of the pieces above (kernel/cpu.c, softirq.c, timer.c,
 * hrtimer.c, workqueue.c). */
void cpu_threads_stop(void);
int softirq_start(void);
void softirq_stop(void);
void timers_init_cpus(void);
void timers_drop_all(void);
void hrtimers_init_cpus(void);
void hrtimers_drop_all(void);

#endif
