// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/sched.c: `current` for each host thread, the sleeping-in-atomic check and
 * task sleep/wake-up. A task is set up lazily on the thread's first kernel call (pid =
 * thread id, comm = thread name). __might_sleep reports each offending call site once.
 * A task sleeps in schedule() until wake_up_process() sets it TASK_RUNNING, or, asleep
 * interruptibly (or killably) inside a user call, until a signal arrives (signal.c). */
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/export.h>
#include "kernel/futex.h"
#include "kernel/report.h"
#include "kernel/signal.h"

__thread struct task_struct ukmem_current_task __attribute__((tls_model("initial-exec")));
EXPORT_THREAD_SYMBOL(ukmem_current_task);

/**
 * ukmem_task_init - fill in the task_struct of a host thread seen for the first time
 * @task: the thread's task_struct
 *
 * Sets the pid (the thread id), tgid and comm (the thread's name). current calls it on a
 * thread's first use; there is no Linux counterpart.
 *
 * Context: the thread @task describes; takes no lock.
 */
void ukmem_task_init(struct task_struct *task)
{
	task->pid = (pid_t)gettid();
	task->tgid = getpid();
	if (prctl(PR_GET_NAME, task->comm, 0, 0, 0) < 0)
		strcpy(task->comm, "ukmem");
	task->comm[TASK_COMM_LEN - 1] = '\0';
}
EXPORT_SYMBOL(ukmem_task_init);

#define MIGHT_SLEEP_SITES 256

static struct { const char *file; int line; } reported_sites[MIGHT_SLEEP_SITES];
static pthread_mutex_t sites_lock = PTHREAD_MUTEX_INITIALIZER;

/* True the first time a site is seen (the table, once full, reports every time). */
static bool first_report_at(const char *file, int line)
{
	bool first = true;

	pthread_mutex_lock(&sites_lock);
	for (int i = 0; i < MIGHT_SLEEP_SITES; i++) {
		if (!reported_sites[i].file) {
			reported_sites[i].file = file;
			reported_sites[i].line = line;
			break;
		}
		if (reported_sites[i].line == line && !strcmp(reported_sites[i].file, file)) {
			first = false;
			break;
		}
	}
	pthread_mutex_unlock(&sites_lock);
	return first;
}

void might_sleep_reset(void)
{
	pthread_mutex_lock(&sites_lock);
	memset(reported_sites, 0, sizeof(reported_sites));
	pthread_mutex_unlock(&sites_lock);
}

/**
 * __might_sleep - report a call that may sleep from atomic context
 * @file: the source file of the might_sleep()
 * @line: its line
 *
 * might_sleep() calls it only when sleeping is forbidden (preemption or interrupts
 * disabled, in an interrupt, or in an RCU read-side section); it prints "BUG: sleeping
 * function called from invalid context" once per place, with a stack, and taints the
 * kernel (and panics with panic_on_warn).
 *
 * Context: any context; does not sleep.
 */
void __might_sleep(const char *file, int line)
{
	struct task_struct *task = current;

	if (!first_report_at(file, line))
		return;
	report_begin();
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       in_atomic() ? 1 : 0, irqs_disabled() ? 1 : 0, task->pid, task->comm);
	pr_err("preempt_count: %x, expected: 0\n", task->preempt_count);
	pr_err("RCU nest depth: %d, expected: 0\n", task->rcu_read_lock_nesting);
	dump_stack();
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
	check_panic_on_warn("might_sleep");
}
EXPORT_SYMBOL(__might_sleep);

/* Task sleep. The futex word is the low half of task->state (x86-64 is little-endian
 * and every state value fits in 31 bits), so a wake-up that lands between the sleeper's
 * state check and its futex wait is never lost. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "task state futex needs LE");

static int *state_word(struct task_struct *task)
{
	return (int *)&task->state;
}

/* Sleeps while the state is not TASK_RUNNING, at most timeout_ns (< 0: no limit). A
 * task in a user call whose state a signal may end sleeps in signal_sleep(). */
static void sleep_until_woken(struct task_struct *task, long long timeout_ns)
{
	long state = __atomic_load_n(&task->state, __ATOMIC_RELAXED);
	struct timespec start;
	long long slept = 0;

	if ((state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) && task->ukmem_syscall &&
	    signal_sleep(task, state, timeout_ns))
		return;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		int seen = (int)__atomic_load_n(&task->state, __ATOMIC_ACQUIRE);

		if (seen == TASK_RUNNING)
			return;
		if (futex_wait(state_word(task), seen, timeout_ns < 0 ? -1 : timeout_ns - slept)
		    == -ETIMEDOUT)
			break;
		if (timeout_ns >= 0) {
			struct timespec now;

			clock_gettime(CLOCK_MONOTONIC, &now);
			slept = (now.tv_sec - start.tv_sec) * 1000000000LL + now.tv_nsec - start.tv_nsec;
			if (slept >= timeout_ns)
				break;
		}
	}
	__atomic_store_n(&task->state, TASK_RUNNING, __ATOMIC_RELEASE);
}

/* Sleeps like schedule(), at most timeout_ns (< 0: no limit); for ukmem's per-CPU
 * threads, whose clock events need nanoseconds. */
void schedule_ns(long long timeout_ns)
{
	struct task_struct *task = current;

	if (smp_load_acquire(&task->state) != TASK_RUNNING)
		sleep_until_woken(task, timeout_ns);
}

/**
 * schedule - sleep until woken, if the task state says so
 * Sleeps when the calling task's state is not TASK_RUNNING (set it with
 * set_current_state() before testing the condition); otherwise yields the host CPU.
 *
 * Context: process context; sleeps. Not in atomic context.
 */
void schedule(void)
{
	struct task_struct *task = current;

	if (smp_load_acquire(&task->state) == TASK_RUNNING)
		sched_yield();
	else
		sleep_until_woken(task, -1);
}
EXPORT_SYMBOL(schedule);

/**
 * schedule_timeout - sleep until woken or until a number of jiffies passed
 * @timeout: the jiffies, or MAX_SCHEDULE_TIMEOUT for no limit
 *
 * Set the task state first; in TASK_RUNNING this only yields.
 *
 * Context: process context; sleeps.
 * Return: 0 if the timeout passed, else the jiffies that were left (MAX_SCHEDULE_TIMEOUT
 * for no limit); a negative @timeout is reported and returns 0.
 */
long schedule_timeout(long timeout)
{
	struct task_struct *task = current;
	u64 start, elapsed;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("schedule_timeout: wrong timeout value %lx\n", (unsigned long)timeout);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	start = get_jiffies_64();
	if (smp_load_acquire(&task->state) == TASK_RUNNING)
		sched_yield();
	else
		sleep_until_woken(task, (long long)jiffies_to_nsecs((unsigned long)timeout));
	elapsed = get_jiffies_64() - start;
	return elapsed >= (u64)timeout ? 0 : timeout - (long)elapsed;
}
EXPORT_SYMBOL(schedule_timeout);

/**
 * schedule_timeout_interruptible - sleep in TASK_INTERRUPTIBLE for at most @timeout jiffies
 * @timeout: the jiffies
 *
 * Context: process context; sleeps.
 * Return: as schedule_timeout().
 */
long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_interruptible);

/**
 * schedule_timeout_uninterruptible - sleep in TASK_UNINTERRUPTIBLE for at most @timeout jiffies
 * @timeout: the jiffies
 *
 * Context: process context; sleeps.
 * Return: as schedule_timeout().
 */
long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_uninterruptible);

/**
 * schedule_timeout_killable - sleep in TASK_KILLABLE for at most @timeout jiffies
 * @timeout: the jiffies
 *
 * Context: process context; sleeps.
 * Return: as schedule_timeout().
 */
long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_killable);

/**
 * schedule_timeout_idle - sleep for at most @timeout jiffies without counting as load
 * @timeout: the jiffies
 *
 * ukmem has no load average: this is schedule_timeout_uninterruptible().
 *
 * Context: process context; sleeps.
 * Return: as schedule_timeout().
 */
long schedule_timeout_idle(long timeout)
{
	return schedule_timeout_uninterruptible(timeout);
}
EXPORT_SYMBOL(schedule_timeout_idle);

int wake_up_state(struct task_struct *task, unsigned int state)
{
	long old = __atomic_load_n(&task->state, __ATOMIC_ACQUIRE);

	if (!(old & state))
		return 0;
	if (!__atomic_compare_exchange_n(&task->state, &old, TASK_RUNNING, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		return 0;
	futex_wake(state_word(task), 1);
	signal_wake(task);
	return 1;
}

/**
 * wake_up_process - wake a sleeping task
 * @task: the task
 *
 * Context: any context, interrupts included; does not sleep.
 * Return: 1 if @task was sleeping and is woken, 0 if it was running.
 */
int wake_up_process(struct task_struct *task)
{
	return wake_up_state(task, TASK_NORMAL);
}
EXPORT_SYMBOL(wake_up_process);

/**
 * yield - let other tasks run
 * Gives up the host CPU once.
 *
 * Context: process context.
 */
void yield(void)
{
	sched_yield();
}
EXPORT_SYMBOL(yield);

/**
 * _cond_resched - a point where a long loop lets others run
 * ukmem's tasks are host threads, preempted by the host, so nothing is needed here.
 *
 * Context: process context.
 * Return: 0 (no reschedule happened).
 */
int _cond_resched(void)
{
	return 0;
}
EXPORT_SYMBOL(_cond_resched);
