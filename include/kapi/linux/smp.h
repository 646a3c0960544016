/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/smp.h: which CPU the calling thread is on, and running a function on other CPUs.
 * Every thread running kernel code is on a virtual CPU: its host CPU modulo nr_cpu_ids,
 * or, while pinned (get_cpu(), local_bh_disable(), a per-CPU kthread, a softirq or
 * hardirq thread), the CPU it was pinned to. smp_processor_id() in preemptible code
 * gives Linux's DEBUG_PREEMPT report. Cross-CPU calls run on that CPU's hardirq
 * thread, in hardirq context with interrupts disabled (kernel/smp.c). */
#ifndef UKMEM_LINUX_SMP_H
#define UKMEM_LINUX_SMP_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <asm/barrier.h>

typedef void (*smp_call_func_t)(void *info);
typedef bool (*smp_cond_func_t)(int cpu, void *info);

unsigned int ukmem_unpinned_cpu(void);

/* The calling thread's CPU, with no check (may change at once unless pinned). */
static inline unsigned int raw_smp_processor_id(void)
{
	struct task_struct *task = &ukmem_current_task;

	if (task->ukmem_cpu_pin)
		return task->ukmem_cpu;
	return ukmem_unpinned_cpu();
}

unsigned int debug_smp_processor_id(void);
#define smp_processor_id()	debug_smp_processor_id()
#define __smp_processor_id()	raw_smp_processor_id()

/* Pins the thread to its CPU (nested calls count) and disables preemption. */
static inline unsigned int ukmem_cpu_pin(void)
{
	struct task_struct *task = &ukmem_current_task;

	if (!task->ukmem_cpu_pin)
		task->ukmem_cpu = ukmem_unpinned_cpu();
	task->ukmem_cpu_pin++;
	return task->ukmem_cpu;
}

static inline void ukmem_cpu_unpin(void)
{
	ukmem_current_task.ukmem_cpu_pin--;
}

#define get_cpu()	({ preempt_disable(); ukmem_cpu_pin(); })
#define put_cpu()	do { ukmem_cpu_unpin(); preempt_enable(); } while (0)

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
void smp_call_function(smp_call_func_t func, void *info, int wait);
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func,
			    void *info, bool wait);
int smp_call_function_any(const struct cpumask *mask, smp_call_func_t func,
			  void *info, int wait);
void on_each_cpu_cond_mask(smp_cond_func_t cond_func, smp_call_func_t func,
			   void *info, bool wait, const struct cpumask *mask);

static inline void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	on_each_cpu_cond_mask(NULL, func, info, wait, cpu_online_mask);
}
static inline void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func,
				    void *info, bool wait)
{
	on_each_cpu_cond_mask(NULL, func, info, wait, mask);
}
static inline void on_each_cpu_cond(smp_cond_func_t cond_func, smp_call_func_t func,
				    void *info, bool wait)
{
	on_each_cpu_cond_mask(cond_func, func, info, wait, cpu_online_mask);
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/smp.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
