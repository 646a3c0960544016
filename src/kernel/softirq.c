// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/softirq.c: softirqs, bottom-half disabling and tasklets. Each CPU has a
 * pending mask and a "ksoftirqd/N" thread (started when a softirq is first raised
 * there) that runs the pending handlers in softirq context. Holding softirqs off is a
 * handshake on two words per CPU: a thread entering local_bh_disable() counts itself in
 * bh_count and then checks `serving`; ksoftirqd sets `serving` and then checks
 * bh_count (both sequentially consistent), so either the holder waits for the running
 * handlers or ksoftirqd waits for the holders. Tasklets queue per CPU under the CPU's
 * lock; TASKLET_STATE_RUN keeps one from running on two CPUs at once. */
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>
#include <linux/export.h>
#include "fs/proc.h"
#include "kernel/cpu.h"
#include "machine/boot.h"
#include "kernel/futex.h"
#include "kernel/kthread.h"

#define MAX_SOFTIRQ_RESTART	10

const char *const softirq_to_name[NR_SOFTIRQS] = {
	"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED",
	"HRTIMER", "RCU"
};

struct tasklet_head {
	struct tasklet_struct *head, **tail;
};

struct softirq_cpu {
	unsigned int pending;		/* bit per softirq */
	int bh_count;			/* threads holding this CPU's softirqs off */
	int serving;			/* ksoftirqd is running handlers */
	struct task_struct *thread;
	raw_spinlock_t lock;		/* the tasklet lists */
	struct tasklet_head tasklets, hi_tasklets;
	unsigned int counts[NR_SOFTIRQS];
} __attribute__((aligned(64)));

static struct softirq_cpu softirq_cpus[NR_CPUS];
static struct softirq_action softirq_vec[NR_SOFTIRQS];

/**
 * kstat_softirqs_cpu - how often a softirq has run on a CPU
 * @irq: the softirq (TIMER_SOFTIRQ, ...)
 * @cpu: the CPU
 *
 * Context: any context; a relaxed read.
 * Return: the count (as /proc/softirqs shows it).
 */
unsigned int kstat_softirqs_cpu(unsigned int irq, int cpu)
{
	return __atomic_load_n(&softirq_cpus[cpu].counts[irq], __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(kstat_softirqs_cpu);

void open_softirq(int nr, void (*action)(struct softirq_action *))
{
	softirq_vec[nr].action = action;
}

static void kick_ksoftirqd(struct softirq_cpu *sc)
{
	struct task_struct *t = __atomic_load_n(&sc->thread, __ATOMIC_ACQUIRE);

	if (t)
		wake_up_process(t);
}

static void handle_pending(struct softirq_cpu *sc)
{
	unsigned int prev = preempt_count();

	__preempt_count_add(SOFTIRQ_OFFSET);
	for (int restart = 0; restart < MAX_SOFTIRQ_RESTART; restart++) {
		unsigned int pending = __atomic_exchange_n(&sc->pending, 0, __ATOMIC_ACQ_REL);

		if (!pending)
			break;
		while (pending) {
			int nr = __builtin_ctz(pending);

			pending &= pending - 1;
			__atomic_add_fetch(&sc->counts[nr], 1, __ATOMIC_RELAXED);
			if (softirq_vec[nr].action)
				softirq_vec[nr].action(&softirq_vec[nr]);
			if (preempt_count() != prev + SOFTIRQ_OFFSET) {
				pr_err("huh, entered softirq %d %s %p with preempt_count %08x, exited with %08x?\n",
				       nr, softirq_to_name[nr], softirq_vec[nr].action,
				       prev + SOFTIRQ_OFFSET, preempt_count());
				current->preempt_count = prev + SOFTIRQ_OFFSET;
			}
		}
	}
	__preempt_count_sub(SOFTIRQ_OFFSET);
}

static int ksoftirqd(void *arg)
{
	struct softirq_cpu *sc = &softirq_cpus[(unsigned long)arg];

	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (__atomic_load_n(&sc->pending, __ATOMIC_SEQ_CST) &&
		    !__atomic_load_n(&sc->bh_count, __ATOMIC_SEQ_CST)) {
			__set_current_state(TASK_RUNNING);
			__atomic_store_n(&sc->serving, 1, __ATOMIC_SEQ_CST);
			if (!__atomic_load_n(&sc->bh_count, __ATOMIC_SEQ_CST))
				handle_pending(sc);
			__atomic_store_n(&sc->serving, 0, __ATOMIC_SEQ_CST);
			futex_wake_all(&sc->serving);
			continue;
		}
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Marks softirq nr pending on cpu and wakes its ksoftirqd (unless its softirqs are
 * held off: the last local_bh_enable() wakes it then). Any context. */
void raise_softirq_on(unsigned int cpu, unsigned int nr)
{
	struct softirq_cpu *sc = &softirq_cpus[cpu];

	__atomic_or_fetch(&sc->pending, 1U << nr, __ATOMIC_SEQ_CST);
	if (!cpu_thread_get(&sc->thread, ksoftirqd, cpu, "ksoftirqd/%u"))
		return;
	if (!__atomic_load_n(&sc->bh_count, __ATOMIC_SEQ_CST) ||
	    current->ukmem_bh_cpu != cpu + 1)
		kick_ksoftirqd(sc);
}

void raise_softirq(unsigned int nr)
{
	raise_softirq_on(raw_smp_processor_id(), nr);
}

void raise_softirq_irqoff(unsigned int nr)
{
	raise_softirq(nr);
}

void __raise_softirq_irqoff(unsigned int nr)
{
	raise_softirq(nr);
}

/* ---- local_bh_disable / local_bh_enable ---------------------------------------------- */

/**
 * ukmem_bh_hold - keep softirqs off the calling task's CPU
 * What local_bh_disable() calls on the outermost disable: pins the task to its virtual CPU
 * and waits while that CPU is running softirqs.
 *
 * Context: process context; may wait (not sleep) for a softirq run to end.
 */
void ukmem_bh_hold(void)
{
	unsigned int cpu = ukmem_cpu_pin();
	struct softirq_cpu *sc = &softirq_cpus[cpu];

	for (;;) {
		__atomic_add_fetch(&sc->bh_count, 1, __ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&sc->serving, __ATOMIC_SEQ_CST))
			break;
		__atomic_sub_fetch(&sc->bh_count, 1, __ATOMIC_SEQ_CST);
		futex_wait(&sc->serving, 1, -1);
	}
	current->ukmem_bh_cpu = cpu + 1;
}
EXPORT_SYMBOL(ukmem_bh_hold);

/**
 * ukmem_bh_release - end ukmem_bh_hold(): unpin the task and run pending softirqs
 * What local_bh_enable() calls on the outermost enable; softirqs raised meanwhile are
 * handed to the CPU's ksoftirqd.
 *
 * Context: the task that called ukmem_bh_hold(); does not sleep.
 */
void ukmem_bh_release(void)
{
	struct task_struct *task = current;
	struct softirq_cpu *sc = &softirq_cpus[task->ukmem_bh_cpu - 1];

	task->ukmem_bh_cpu = 0;
	ukmem_cpu_unpin();
	if (!__atomic_sub_fetch(&sc->bh_count, 1, __ATOMIC_SEQ_CST) &&
	    __atomic_load_n(&sc->pending, __ATOMIC_SEQ_CST))
		kick_ksoftirqd(sc);
}
EXPORT_SYMBOL(ukmem_bh_release);

/* ---- tasklets -------------------------------------------------------------------------- */

static void tasklet_enqueue(struct tasklet_struct *t, bool hi)
{
	unsigned int cpu;

	ukmem_ensure_booted();
	cpu = ukmem_cpu_pin();
	struct softirq_cpu *sc = &softirq_cpus[cpu];
	struct tasklet_head *list = hi ? &sc->hi_tasklets : &sc->tasklets;

	raw_spin_lock(&sc->lock);
	t->next = NULL;
	WRITE_ONCE(*list->tail, t);
	list->tail = &t->next;
	raw_spin_unlock(&sc->lock);
	raise_softirq_on(cpu, hi ? HI_SOFTIRQ : TASKLET_SOFTIRQ);
	ukmem_cpu_unpin();
}

/**
 * __tasklet_schedule - queue a tasklet on the calling CPU's TASKLET_SOFTIRQ list
 * @t: the tasklet, whose TASKLET_STATE_SCHED bit the caller has just set
 *
 * What tasklet_schedule() calls.
 *
 * Context: any context, interrupts included; does not sleep.
 */
void __tasklet_schedule(struct tasklet_struct *t)
{
	tasklet_enqueue(t, false);
}
EXPORT_SYMBOL(__tasklet_schedule);

/**
 * __tasklet_hi_schedule - queue a tasklet on the calling CPU's HI_SOFTIRQ list
 * @t: the tasklet, whose TASKLET_STATE_SCHED bit the caller has just set
 *
 * Context: any context, interrupts included; does not sleep.
 */
void __tasklet_hi_schedule(struct tasklet_struct *t)
{
	tasklet_enqueue(t, true);
}
EXPORT_SYMBOL(__tasklet_hi_schedule);

static void run_tasklets(struct softirq_cpu *sc, struct tasklet_head *list)
{
	struct tasklet_struct *t, *disabled = NULL, **disabled_tail = &disabled;
	bool busy = false;

	raw_spin_lock(&sc->lock);
	t = list->head;
	WRITE_ONCE(list->head, NULL);	/* tasklet_enable() looks unlocked */
	list->tail = &list->head;
	raw_spin_unlock(&sc->lock);
	while (t) {
		struct tasklet_struct *next = t->next;

		if (tasklet_trylock(t)) {
			if (!atomic_read(&t->count)) {
				if (!test_and_clear_bit(TASKLET_STATE_SCHED, &t->state))
					BUG();
				if (t->use_callback)
					t->callback(t);
				else
					t->func(t->data);
				tasklet_unlock(t);
				t = next;
				continue;
			}
			tasklet_unlock(t);
		} else {
			busy = true;	/* running on another CPU: try again soon */
		}
		t->next = NULL;		/* disabled or busy: it waits on this CPU */
		*disabled_tail = t;
		disabled_tail = &t->next;
		t = next;
	}
	if (!disabled)
		return;
	raw_spin_lock(&sc->lock);
	WRITE_ONCE(*list->tail, disabled);
	list->tail = disabled_tail;
	raw_spin_unlock(&sc->lock);
	if (busy)
		__atomic_or_fetch(&sc->pending, 1U << (list == &sc->hi_tasklets ? HI_SOFTIRQ :
						       TASKLET_SOFTIRQ), __ATOMIC_SEQ_CST);
}

static void tasklet_action(struct softirq_action *a)
{
	struct softirq_cpu *sc = &softirq_cpus[raw_smp_processor_id()];

	run_tasklets(sc, &sc->tasklets);
}

static void tasklet_hi_action(struct softirq_action *a)
{
	struct softirq_cpu *sc = &softirq_cpus[raw_smp_processor_id()];

	run_tasklets(sc, &sc->hi_tasklets);
}

/**
 * tasklet_setup - set up a tasklet whose callback gets the tasklet itself
 * @t: the tasklet
 * @callback: the function (use from_tasklet() to reach the containing structure)
 *
 * Context: any context; takes no lock. @t must not be scheduled.
 */
void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *))
{
	t->next = NULL;
	t->state = 0;
	atomic_set(&t->count, 0);
	t->callback = callback;
	t->use_callback = true;
	t->data = 0;
}
EXPORT_SYMBOL(tasklet_setup);

/**
 * tasklet_init - set up a tasklet with an old-style function and data word
 * @t: the tasklet
 * @func: the function
 * @data: its argument
 *
 * Context: any context; takes no lock. @t must not be scheduled.
 */
void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
	t->next = NULL;
	t->state = 0;
	atomic_set(&t->count, 0);
	t->func = func;
	t->use_callback = false;
	t->data = data;
}
EXPORT_SYMBOL(tasklet_init);

/**
 * tasklet_unlock - clear a tasklet's running bit, with release ordering
 * @t: the tasklet
 *
 * Context: any context; does not sleep.
 */
void tasklet_unlock(struct tasklet_struct *t)
{
	clear_bit_unlock(TASKLET_STATE_RUN, &t->state);	/* the run's effects, then the bit */
	smp_mb__after_atomic();
}
EXPORT_SYMBOL_GPL(tasklet_unlock);

/**
 * tasklet_unlock_spin_wait - spin until a tasklet is not running
 * @t: the tasklet
 *
 * Context: any context, atomic included; spins, never sleeps. Not from the tasklet itself.
 */
void tasklet_unlock_spin_wait(struct tasklet_struct *t)
{
	while (test_bit_acquire(TASKLET_STATE_RUN, &t->state))
		__builtin_ia32_pause();
}
EXPORT_SYMBOL(tasklet_unlock_spin_wait);

/**
 * tasklet_unlock_wait - wait until a tasklet is not running
 * @t: the tasklet
 *
 * Context: process context; yields the host CPU while waiting.
 */
void tasklet_unlock_wait(struct tasklet_struct *t)
{
	while (test_bit_acquire(TASKLET_STATE_RUN, &t->state))
		sched_yield();
}
EXPORT_SYMBOL_GPL(tasklet_unlock_wait);

/**
 * tasklet_enable - undo one tasklet_disable()
 * @t: the tasklet
 *
 * When the last disable is undone and the tasklet was scheduled meanwhile, its CPU's
 * softirq is raised so that it runs.
 *
 * Context: any context; does not sleep.
 */
void tasklet_enable(struct tasklet_struct *t)
{
	smp_mb__before_atomic();
	if (atomic_dec_return(&t->count) || !test_bit(TASKLET_STATE_SCHED, &t->state))
		return;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct softirq_cpu *sc = &softirq_cpus[cpu];

		if (READ_ONCE(sc->tasklets.head))
			raise_softirq_on(cpu, TASKLET_SOFTIRQ);
		if (READ_ONCE(sc->hi_tasklets.head))
			raise_softirq_on(cpu, HI_SOFTIRQ);
	}
}
EXPORT_SYMBOL(tasklet_enable);

/**
 * tasklet_kill - wait until a tasklet is neither scheduled nor running
 * @t: the tasklet; it must not be disabled while scheduled, nor reschedule itself
 *
 * Context: process context, may sleep.
 */
void tasklet_kill(struct tasklet_struct *t)
{
	if (in_interrupt())
		pr_notice("Attempt to kill tasklet from interrupt\n");
	while (test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		sched_yield();
	tasklet_unlock_wait(t);
	clear_bit(TASKLET_STATE_SCHED, &t->state);
}
EXPORT_SYMBOL(tasklet_kill);

/* ---- /proc/softirqs, boot and shutdown ------------------------------------------------ */

static int softirqs_show(struct seq_file *m, void *data)
{
	unsigned int cpu;

	seq_puts(m, "                    ");
	for_each_possible_cpu(cpu)
		seq_printf(m, "CPU%-8u", cpu);
	seq_putc(m, '\n');
	for (int i = 0; i < NR_SOFTIRQS; i++) {
		seq_printf(m, "%12s:", softirq_to_name[i]);
		for_each_possible_cpu(cpu)
			seq_printf(m, " %10u", kstat_softirqs_cpu((unsigned int)i, (int)cpu));
		seq_putc(m, '\n');
	}
	return 0;
}

int softirq_start(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct softirq_cpu *sc = &softirq_cpus[cpu];

		sc->pending = 0;
		sc->bh_count = 0;
		sc->serving = 0;
		sc->thread = NULL;
		raw_spin_lock_init(&sc->lock);
		sc->tasklets.head = sc->hi_tasklets.head = NULL;
		sc->tasklets.tail = &sc->tasklets.head;
		sc->hi_tasklets.tail = &sc->hi_tasklets.head;
		memset(sc->counts, 0, sizeof(sc->counts));
	}
	open_softirq(TASKLET_SOFTIRQ, tasklet_action);
	open_softirq(HI_SOFTIRQ, tasklet_hi_action);
	return proc_create_view("/proc/softirqs", softirqs_show, NULL);
}

/* Stops every ksoftirqd; tasklets still scheduled are dropped (with a notice). */
void softirq_stop(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct softirq_cpu *sc = &softirq_cpus[cpu];

		cpu_thread_stop(&sc->thread);
		if (sc->tasklets.head || sc->hi_tasklets.head)
			pr_notice("CPU%u: tasklets still scheduled at shutdown\n", cpu);
	}
}

/* In a child of fork(2): no ksoftirqd exists; they start again at the next raise. */
void softirq_forget_threads(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct softirq_cpu *sc = &softirq_cpus[cpu];

		sc->thread = NULL;
		sc->serving = 0;
		sc->bh_count = current->ukmem_bh_cpu == cpu + 1;
		raw_spin_lock_init(&sc->lock);
	}
}

/* Boot: softirqs, the timer wheels and hrtimers, and the tick on CPU 0. */
int softirq_init(void)
{
	int err = softirq_start();

	timers_init_cpus();
	hrtimers_init_cpus();
	cpu_clock_program(0, cpu_monotonic_ns());
	return err;
}

/* Shutdown (after the workqueues drained): no tick, no hardirq or softirq thread, no
 * kthread left; timers still queued are dropped. */
void softirq_exit(void)
{
	cpu_threads_stop();
	softirq_stop();
	timers_drop_all();
	hrtimers_drop_all();
	kthreads_reap_all();
}
