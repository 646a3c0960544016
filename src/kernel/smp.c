// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/smp.c: running a function on other CPUs. A cross-CPU call is queued as irq
 * work on the target CPU's hardirq thread and runs there in hardirq context with
 * interrupts disabled, as an IPI handler does; a call aimed at the calling CPU runs at
 * once with interrupts disabled. With wait, the caller returns after every function
 * returned. Calls that do not wait own a heap copy freed after it ran. */
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/export.h>
#include "kernel/cpu.h"
#include "kernel/futex.h"

struct call_single {
	struct cpu_irq_work work;
	smp_call_func_t func;
	void *info;
	int *pending;		/* calls left in the caller's batch; NULL: not waited for */
	bool heap;
};

static void call_single_run(struct cpu_irq_work *work)
{
	struct call_single *cs = container_of(work, struct call_single, work);
	int *pending = cs->pending;

	cs->func(cs->info);
	if (cs->heap)
		free(cs);
	else if (!__atomic_sub_fetch(pending, 1, __ATOMIC_ACQ_REL))
		futex_wake_all(pending);
}

static void run_here(smp_call_func_t func, void *info)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

/* Queues func on cpu; with wait, counts it in *pending and uses slot (caller's). */
static int queue_call(unsigned int cpu, smp_call_func_t func, void *info,
		      struct call_single *slot, int *pending)
{
	struct call_single *cs = slot;

	if (!cs) {
		cs = malloc(sizeof(*cs));
		if (!cs)
			return -ENOMEM;
	}
	cs->work.func = call_single_run;
	cs->func = func;
	cs->info = info;
	cs->heap = !slot;
	cs->pending = pending;
	if (pending)
		__atomic_add_fetch(pending, 1, __ATOMIC_ACQ_REL);
	cpu_irq_queue(cpu, &cs->work);
	return 0;
}

static void wait_pending(int *pending)
{
	int left;

	while ((left = __atomic_load_n(pending, __ATOMIC_ACQUIRE)) != 0)
		futex_wait(pending, left, -1);
}

/**
 * on_each_cpu_cond_mask - run a function on a set of CPUs
 * @cond_func: called first for each CPU (on the caller); NULL: every CPU
 * @func: run on each chosen CPU, in hardirq context with interrupts disabled
 * @info: @func's argument
 * @wait: return only after every @func returned
 * @mask: the CPUs
 *
 * Context: process context when @wait; the calling CPU's call runs at once.
 */
void on_each_cpu_cond_mask(smp_cond_func_t cond_func, smp_call_func_t func, void *info,
			   bool wait, const struct cpumask *mask)
{
	struct call_single *slots = NULL;
	unsigned int self = get_cpu(), cpu;
	int pending = 0;

	if (wait)
		slots = calloc(nr_cpu_ids, sizeof(*slots));
	for_each_cpu(cpu, mask) {
		if ((cond_func && !cond_func((int)cpu, info)) || cpu == self)
			continue;
		queue_call(cpu, func, info, slots ? &slots[cpu] : NULL, slots ? &pending : NULL);
	}
	if (cpumask_test_cpu((int)self, mask) && (!cond_func || cond_func((int)self, info)))
		run_here(func, info);
	put_cpu();
	if (slots) {
		wait_pending(&pending);
		free(slots);
	}
}
EXPORT_SYMBOL(on_each_cpu_cond_mask);

/**
 * smp_call_function_many - run a function on the CPUs of a mask, except the caller's
 * @mask: the CPUs
 * @func: the function, run on each CPU in interrupt context
 * @info: its argument
 * @wait: whether to wait until every call has returned
 *
 * Context: process context with interrupts on (the caller's CPU may not be waited on from
 * an interrupt); may wait.
 */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait)
{
	struct cpumask others;

	cpumask_copy(&others, mask);
	cpumask_clear_cpu(raw_smp_processor_id(), &others);
	on_each_cpu_cond_mask(NULL, func, info, wait, &others);
}
EXPORT_SYMBOL(smp_call_function_many);

/**
 * smp_call_function - run a function on every other online CPU
 * @func: the function, run in interrupt context
 * @info: its argument
 * @wait: whether to wait for every call to return
 *
 * Context: as smp_call_function_many().
 */
void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	smp_call_function_many(cpu_online_mask, func, info, wait);
}
EXPORT_SYMBOL(smp_call_function);

/**
 * smp_call_function_single - run a function on one CPU
 * @cpu: the CPU
 * @func: run there in hardirq context with interrupts disabled
 * @info: its argument
 * @wait: return after it returned
 *
 * Context: process context when @wait. Return: 0, -ENXIO for a CPU that is not online.
 */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	struct call_single slot;
	int pending = 0, err = 0;

	if (cpu < 0 || (unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu))
		return -ENXIO;
	if ((unsigned int)cpu == get_cpu()) {
		run_here(func, info);
		put_cpu();
		return 0;
	}
	put_cpu();
	err = queue_call((unsigned int)cpu, func, info, wait ? &slot : NULL,
			 wait ? &pending : NULL);
	if (!err && wait)
		wait_pending(&pending);
	return err;
}
EXPORT_SYMBOL(smp_call_function_single);

/**
 * smp_call_function_any - run a function on one CPU of a mask, the caller's if it can
 * @mask: the CPUs
 * @func: the function
 * @info: its argument
 * @wait: whether to wait for it to return
 *
 * Context: process context with interrupts on.
 * Return: 0, or -ENXIO if the chosen CPU is offline.
 */
int smp_call_function_any(const struct cpumask *mask, smp_call_func_t func, void *info,
			  int wait)
{
	unsigned int cpu = get_cpu();

	if (!cpumask_test_cpu((int)cpu, mask))
		cpu = cpumask_first(mask);
	put_cpu();
	return smp_call_function_single((int)cpu, func, info, wait);
}
EXPORT_SYMBOL_GPL(smp_call_function_any);
