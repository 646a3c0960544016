// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/cpu.c: the machine's virtual CPUs. nr_cpu_ids comes from nr_cpus= and
 * possible_cpus= (default: the host's CPU count, at most NR_CPUS); every CPU is
 * possible, present and online from boot to shutdown. An unpinned thread is on its host
 * CPU modulo nr_cpu_ids. Each CPU can have a hardirq thread ("hardirq/N") that plays
 * its interrupts: queued irq work, the clock event (tick, hard hrtimers) and device
 * interrupts, in hardirq context. Device interrupts wait while any thread of the CPU
 * has interrupts off (ukmem_irq_hold), and such a thread waits for one running.
 * Invariants: a CPU's thread is started at most once per boot (under
 * threads_lock) and stopped at shutdown after every other user of it. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/time64.h>
#include <linux/cpumask.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include "host/host.h"
#include "kernel/cpu.h"
#include "kernel/futex.h"
#include "kernel/kthread.h"
#include "kernel/params.h"
#include "kernel/report.h"
#include "machine/fork.h"
#include "machine/initcalls.h"

unsigned int nr_cpu_ids = 1;
EXPORT_SYMBOL(nr_cpu_ids);
struct cpumask __cpu_possible_mask, __cpu_online_mask, __cpu_present_mask, __cpu_active_mask;
EXPORT_SYMBOL(__cpu_active_mask);
EXPORT_SYMBOL(__cpu_online_mask);
EXPORT_SYMBOL(__cpu_possible_mask);
EXPORT_SYMBOL(__cpu_present_mask);
struct cpumask ukmem_cpu_single_masks[NR_CPUS];
EXPORT_SYMBOL(ukmem_cpu_single_masks);
static unsigned int nr_cpus_param, possible_cpus_param;

static int parse_cpu_count(const char *v, unsigned int *out)
{
	char *end;
	unsigned long n = strtoul(v, &end, 0);

	if (*end || (n == 0 && strcmp(v, "0")))
		return -EINVAL;
	*out = (unsigned int)min(n, (unsigned long)NR_CPUS);
	return 0;
}
static int set_nr_cpus(const char *v) { return parse_cpu_count(v, &nr_cpus_param); }
static int set_possible_cpus(const char *v) { return parse_cpu_count(v, &possible_cpus_param); }
UKMEM_SETUP("nr_cpus=", set_nr_cpus, "0");
UKMEM_SETUP("possible_cpus=", set_possible_cpus, "0");

/**
 * ukmem_unpinned_cpu - the CPU the calling thread runs on when it is not pinned
 * The spinlock debug code records it as a lock's owner CPU; a virtual CPU of ukmem is
 * the host CPU then.
 *
 * Context: any context.
 * Return: the CPU number.
 */
unsigned int ukmem_unpinned_cpu(void)
{
	return cpu_current();	/* callers checked the pin: this is the host's CPU */
}
EXPORT_SYMBOL(ukmem_unpinned_cpu);

/* ---- smp_processor_id() in preemptible code ---------------------------------------- */

static u64 last_report_ns;	/* reports are rate-limited: one per 5 s */

static noinline unsigned int check_preemption_disabled(const char *what1, const char *what2,
							void *caller)
{
	unsigned int cpu = raw_smp_processor_id();
	struct task_struct *task = current;
	char sym[160];
	u64 now;

	if (likely(preempt_count()) || irqs_disabled() || task->ukmem_cpu_pin)
		return cpu;
	now = cpu_monotonic_ns();
	if (last_report_ns && now - last_report_ns < 5 * NSEC_PER_SEC)
		return cpu;
	last_report_ns = now;
	report_begin();
	printk(KERN_ERR "BUG: using %s%s() in preemptible [%08x] code: %s/%d\n",
	       what1, what2, preempt_count(), task->comm, task->pid);
	printk(KERN_ERR "caller is %s\n", ukmem_symbolize(caller, sym, sizeof(sym)));
	dump_stack();
	return cpu;
}

/**
 * debug_smp_processor_id - smp_processor_id() with CONFIG_DEBUG_PREEMPT's check
 * Reports "BUG: using smp_processor_id() in preemptible code" (at most every 5 seconds)
 * when the caller is preemptible, not pinned to a CPU and has interrupts on.
 *
 * Context: any context; meant for callers with preemption disabled.
 * Return: the calling task's CPU.
 */
unsigned int debug_smp_processor_id(void)
{
	return check_preemption_disabled("smp_processor_id", "", __builtin_return_address(0));
}
EXPORT_SYMBOL(debug_smp_processor_id);

/**
 * __this_cpu_preempt_check - CONFIG_DEBUG_PREEMPT's check for a __this_cpu_*() operation
 * @op: the operation's name, for the report
 *
 * Context: any context; reports a preemptible caller as debug_smp_processor_id() does.
 */
void __this_cpu_preempt_check(const char *op)
{
	check_preemption_disabled("__this_cpu_", op, __builtin_return_address(0));
}
EXPORT_SYMBOL(__this_cpu_preempt_check);

/* ---- hardirq threads ----------------------------------------------------------------- */

struct cpu_irq {
	raw_spinlock_t lock;
	struct list_head work;
	struct list_head dev_work;	/* device interrupts: held off while irqs are off */
	int hold;			/* threads of this CPU with interrupts off */
	int dev_running;		/* 1 while a device interrupt runs here */
	u64 clock_event;		/* CLOCK_MONOTONIC ns; U64_MAX: none */
	struct task_struct *thread;
	unsigned int timer_irqs;	/* clock events handled (LOC) */
	unsigned int call_irqs;		/* irq work run (CAL) */
};

static struct cpu_irq cpu_irqs[NR_CPUS];
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static bool threads_stopping;

u64 cpu_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

void cpu_hardirq_enter(void)
{
	current->irqs_off = true;
	__preempt_count_add(HARDIRQ_OFFSET);
}

void cpu_hardirq_exit(void)
{
	__preempt_count_sub(HARDIRQ_OFFSET);
	current->irqs_off = false;
}

/* ---- local_irq_disable() on a CPU holds its device interrupts off ------------------- */

/* 1 + the CPU whose device interrupts this thread holds off, or 0. */
static __thread unsigned int irq_hold_cpu;

static bool dev_work_waiting(struct cpu_irq *ci)
{
	return READ_ONCE(ci->dev_work.next) != &ci->dev_work;
}

/**
 * ukmem_irq_hold - the outermost local_irq_disable() of a task: hold off this CPU's
 * device interrupts
 *
 * Pins the thread to its CPU and counts it among the CPU's holders; if a device
 * interrupt handler is running on the CPU, waits for it to return first (on a real
 * CPU the handler would have interrupted this code). Not counted in hardirq context,
 * where interrupts are already off.
 *
 * Context: any; spins or waits only while a handler runs on this CPU.
 */
void ukmem_irq_hold(void)
{
	struct cpu_irq *ci;
	unsigned int cpu;

	if (irq_hold_cpu || (preempt_count() & (HARDIRQ_MASK | NMI_MASK)))
		return;
	cpu = ukmem_cpu_pin();
	ci = &cpu_irqs[cpu];
	for (;;) {
		__atomic_add_fetch(&ci->hold, 1, __ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&ci->dev_running, __ATOMIC_SEQ_CST))
			break;
		__atomic_sub_fetch(&ci->hold, 1, __ATOMIC_SEQ_CST);
		futex_wait(&ci->dev_running, 1, -1);
	}
	irq_hold_cpu = cpu + 1;
}
EXPORT_SYMBOL(ukmem_irq_hold);

/**
 * ukmem_irq_release - the matching local_irq_enable(): let this CPU's device
 * interrupts in again
 *
 * When the last holder of the CPU lets go and interrupts wait, the CPU's hardirq
 * thread is woken to deliver them.
 *
 * Context: any; never sleeps.
 */
void ukmem_irq_release(void)
{
	struct cpu_irq *ci;

	if (!irq_hold_cpu)
		return;
	ci = &cpu_irqs[irq_hold_cpu - 1];
	irq_hold_cpu = 0;
	ukmem_cpu_unpin();
	if (!__atomic_sub_fetch(&ci->hold, 1, __ATOMIC_SEQ_CST) && dev_work_waiting(ci) &&
	    __atomic_load_n(&ci->thread, __ATOMIC_ACQUIRE))
		wake_up_process(ci->thread);
}
EXPORT_SYMBOL(ukmem_irq_release);

/* Runs the device interrupts queued on ci unless a thread of the CPU holds them off. */
static void run_dev_work(struct cpu_irq *ci)
{
	while (dev_work_waiting(ci)) {
		struct cpu_irq_work *w = NULL;

		__atomic_store_n(&ci->dev_running, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&ci->hold, __ATOMIC_SEQ_CST)) {
			__atomic_store_n(&ci->dev_running, 0, __ATOMIC_SEQ_CST);
			futex_wake_all(&ci->dev_running);
			return;		/* the last holder's release wakes us */
		}
		raw_spin_lock(&ci->lock);
		if (!list_empty(&ci->dev_work)) {
			w = list_first_entry(&ci->dev_work, struct cpu_irq_work, node);
			list_del_init(&w->node);
		}
		raw_spin_unlock(&ci->lock);
		if (w) {
			cpu_hardirq_enter();
			w->func(w);
			cpu_hardirq_exit();
		}
		__atomic_store_n(&ci->dev_running, 0, __ATOMIC_SEQ_CST);
		futex_wake_all(&ci->dev_running);
	}
}

static void run_irq_work(struct cpu_irq *ci)
{
	for (;;) {
		struct cpu_irq_work *w = NULL;

		raw_spin_lock(&ci->lock);
		if (!list_empty(&ci->work)) {
			w = list_first_entry(&ci->work, struct cpu_irq_work, node);
			list_del_init(&w->node);
		}
		raw_spin_unlock(&ci->lock);
		if (!w)
			return;
		cpu_hardirq_enter();
		w->func(w);
		cpu_hardirq_exit();
		WRITE_ONCE(ci->call_irqs, ci->call_irqs + 1);
	}
}

void cpu_irq_stats(unsigned int cpu, unsigned int *timer_irqs, unsigned int *call_irqs)
{
	*timer_irqs = READ_ONCE(cpu_irqs[cpu].timer_irqs);
	*call_irqs = READ_ONCE(cpu_irqs[cpu].call_irqs);
}

static int hardirq_thread(void *arg)
{
	unsigned int cpu = (unsigned int)(unsigned long)arg;
	struct cpu_irq *ci = &cpu_irqs[cpu];

	while (!kthread_should_stop()) {
		u64 now = cpu_monotonic_ns(), next;

		set_current_state(TASK_INTERRUPTIBLE);
		if (now >= __atomic_load_n(&ci->clock_event, __ATOMIC_ACQUIRE)) {
			__set_current_state(TASK_RUNNING);
			__atomic_store_n(&ci->clock_event, U64_MAX, __ATOMIC_RELEASE);
			WRITE_ONCE(ci->timer_irqs, ci->timer_irqs + 1);
			cpu_hardirq_enter();
			next = hrtimer_cpu_interrupt(cpu, now);
			if (cpu == 0)
				next = min(next, tick_handle(now));
			cpu_hardirq_exit();
			cpu_clock_program(cpu, next);
			continue;
		}
		if (!list_empty(&ci->work)) {
			__set_current_state(TASK_RUNNING);
			run_irq_work(ci);
			continue;
		}
		if (dev_work_waiting(ci) && !__atomic_load_n(&ci->hold, __ATOMIC_SEQ_CST)) {
			__set_current_state(TASK_RUNNING);
			run_dev_work(ci);
			continue;
		}
		next = __atomic_load_n(&ci->clock_event, __ATOMIC_ACQUIRE);
		if (!kthread_should_stop())
			schedule_ns(next == U64_MAX ? -1 : (long long)(next - now));
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Set in a fork(2) child until its first need of a CPU thread restarts them. */
static bool restart_after_fork;
static void threads_restart_after_fork(void);

/**
 * cpu_restart_if_forked - in a fork(2) child, start the CPU threads on first use
 *
 * Context: process context, no spinlock held (may create host threads). One relaxed
 * load when there is nothing to do.
 */
void cpu_restart_if_forked(void)
{
	if (unlikely(__atomic_load_n(&restart_after_fork, __ATOMIC_RELAXED)) &&
	    __atomic_exchange_n(&restart_after_fork, false, __ATOMIC_ACQ_REL))
		threads_restart_after_fork();
}

/**
 * cpu_thread_get - a CPU's service thread, started on first use
 * @slot: where the thread is kept (NULL until started)
 * @fn: its function, given the CPU number
 * @cpu: the CPU it is bound to
 * @namefmt: its name, with %u for the CPU
 *
 * Context: any (may create a host thread). Return: the thread, or NULL once the
 * machine's shutdown began or if it cannot be created.
 */
struct task_struct *cpu_thread_get(struct task_struct **slot, int (*fn)(void *),
				   unsigned int cpu, const char *namefmt)
{
	struct task_struct *t = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

	if (likely(t))
		return t;
	cpu_restart_if_forked();
	pthread_mutex_lock(&threads_lock);
	t = *slot;
	if (!t && !threads_stopping) {
		t = kthread_create_on_cpu(fn, (void *)(unsigned long)cpu, cpu, namefmt);
		if (IS_ERR(t)) {
			t = NULL;
		} else {
			__atomic_store_n(slot, t, __ATOMIC_RELEASE);
			wake_up_process(t);
		}
	}
	pthread_mutex_unlock(&threads_lock);
	return t;
}

/* Stops a CPU's service thread; no new one starts until the next boot. */
void cpu_thread_stop(struct task_struct **slot)
{
	pthread_mutex_lock(&threads_lock);
	threads_stopping = true;
	pthread_mutex_unlock(&threads_lock);
	if (*slot) {
		kthread_stop(*slot);
		__atomic_store_n(slot, NULL, __ATOMIC_RELEASE);
	}
}

static struct task_struct *cpu_irq_thread(unsigned int cpu)
{
	return cpu_thread_get(&cpu_irqs[cpu].thread, hardirq_thread, cpu, "hardirq/%u");
}

static void kick(struct cpu_irq *ci)
{
	wake_up_process(ci->thread);
}

void cpu_irq_queue(unsigned int cpu, struct cpu_irq_work *work)
{
	struct cpu_irq *ci = &cpu_irqs[cpu];

	raw_spin_lock(&ci->lock);
	list_add_tail(&work->node, &ci->work);
	raw_spin_unlock(&ci->lock);
	if (cpu_irq_thread(cpu))
		kick(ci);
}

void cpu_irq_queue_device(unsigned int cpu, struct cpu_irq_work *work)
{
	struct cpu_irq *ci = &cpu_irqs[cpu];

	raw_spin_lock(&ci->lock);
	list_add_tail(&work->node, &ci->dev_work);
	raw_spin_unlock(&ci->lock);
	if (cpu_irq_thread(cpu) && !__atomic_load_n(&ci->hold, __ATOMIC_SEQ_CST))
		kick(ci);
}

void cpu_clock_program(unsigned int cpu, u64 expires_ns)
{
	struct cpu_irq *ci = &cpu_irqs[cpu];
	u64 old;

	cpu_restart_if_forked();
	old = __atomic_load_n(&ci->clock_event, __ATOMIC_RELAXED);

	while (expires_ns < old)
		if (__atomic_compare_exchange_n(&ci->clock_event, &old, expires_ns, false,
						__ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
			if (current->ukmem_kthread != NULL && ci->thread == current)
				return;	/* the thread itself: it looks again before sleeping */
			cpu_clock_kick(cpu);
			return;
		}
}

void cpu_clock_kick(unsigned int cpu)
{
	if (cpu_irq_thread(cpu))
		kick(&cpu_irqs[cpu]);
}

/*
 * The second half of cpu_threads_after_fork(), run by the child's first need of a CPU
 * thread: the tick and the CPUs with hrtimers queued look at their events again, and
 * pools with work waiting start workers.
 */
static void threads_restart_after_fork(void)
{
	u64 now = cpu_monotonic_ns();

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct cpu_irq *ci = &cpu_irqs[cpu];

		if (cpu == 0 || !list_empty(&ci->work) || ci->clock_event != U64_MAX) {
			ci->clock_event = U64_MAX;
			cpu_clock_program(cpu, now);
		}
	}
	workqueue_restart_workers();
}

/**
 * cpu_threads_after_fork - give a fork(2) child its own CPU threads
 *
 * Only the forking thread exists in the child: every record of a machine thread is
 * dropped (locks a vanished thread may have held are re-initialised). No thread is
 * started here: a child handler runs while allocator locks of vanished threads may
 * still be held (the C library's or a sanitizer's), and starting a thread allocates.
 * The child's first use of a CPU thread (a timer, a work item, a cross-CPU call)
 * starts the tick again and whatever had events pending. Context: fork's child
 * handler, machine up.
 */
void cpu_threads_after_fork(void)
{
	pthread_mutex_init(&threads_lock, NULL);
	kthreads_forget_all();
	softirq_forget_threads();
	workqueue_forget_workers();
	timers_after_fork();
	hrtimers_after_fork();
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		raw_spin_lock_init(&cpu_irqs[cpu].lock);
		cpu_irqs[cpu].thread = NULL;
		cpu_irqs[cpu].dev_running = 0;
		cpu_irqs[cpu].hold = irq_hold_cpu == cpu + 1;
	}
	restart_after_fork = true;
}
FORK_HOOK(cpu_threads, FORK_ORDER_CPU_THREADS, NULL, NULL, cpu_threads_after_fork);

/* Stops every CPU's hardirq thread (shutdown: after the timers are gone). */
void cpu_threads_stop(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		cpu_thread_stop(&cpu_irqs[cpu].thread);
		run_irq_work(&cpu_irqs[cpu]);	/* nothing queued is lost silently */
		INIT_LIST_HEAD(&cpu_irqs[cpu].dev_work);	/* device interrupts are dropped */
	}
}

int cpus_init(void)
{
	unsigned int n = (unsigned int)min(host_cpu_count(), NR_CPUS);

	/* Either parameter alone sets the count; together, the smaller wins. */
	if (possible_cpus_param && nr_cpus_param)
		n = min(possible_cpus_param, nr_cpus_param);
	else if (possible_cpus_param || nr_cpus_param)
		n = possible_cpus_param | nr_cpus_param;
	nr_cpu_ids = max(n, 1U);
	cpumask_clear(&__cpu_possible_mask);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct cpu_irq *ci = &cpu_irqs[cpu];

		cpumask_clear(&ukmem_cpu_single_masks[cpu]);
		cpumask_set_cpu(cpu, &ukmem_cpu_single_masks[cpu]);
		if (cpu < nr_cpu_ids)
			cpumask_set_cpu(cpu, &__cpu_possible_mask);
		raw_spin_lock_init(&ci->lock);
		INIT_LIST_HEAD(&ci->work);
		INIT_LIST_HEAD(&ci->dev_work);
		ci->hold = irq_hold_cpu == cpu + 1;
		ci->dev_running = 0;
		ci->timer_irqs = ci->call_irqs = 0;
		ci->clock_event = U64_MAX;
		ci->thread = NULL;
	}
	cpumask_copy(&__cpu_online_mask, &__cpu_possible_mask);
	cpumask_copy(&__cpu_present_mask, &__cpu_possible_mask);
	cpumask_copy(&__cpu_active_mask, &__cpu_possible_mask);
	threads_stopping = false;
	last_report_ns = 0;
	pr_info("smpboot: Allowing %u CPUs, 0 hotplug CPUs\n", nr_cpu_ids);
	return 0;
}

