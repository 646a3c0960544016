/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/sched.h: the calling thread as a kernel task (`current`): pid, comm and the
 * context it runs in (preempt count, irq state). Each host thread has its own task. */
#ifndef UKMEM_LINUX_SCHED_H
#define UKMEM_LINUX_SCHED_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/types.h>

#define TASK_COMM_LEN 16
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_PARKED		0x0040
#define TASK_WAKEKILL		0x0100
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)

struct task_struct {
	pid_t pid;			/* the host thread's id */
	pid_t tgid;			/* the host process's id */
	char comm[TASK_COMM_LEN];
	unsigned int preempt_count;	/* preempt | softirq << 8 | hardirq << 16 | nmi << 20 */
	bool irqs_off;			/* local_irq_disable()/save() state */
	int rcu_read_lock_nesting;
	unsigned int flags;		/* PF_* */
	long state;
	void *ukmem_data;		/* per-thread state owned by ukmem subsystems */
	/* The virtual CPU (kernel/smp.c): while ukmem_cpu_pin > 0 the thread stays on
	 * ukmem_cpu (get_cpu(), local_bh_disable(), a per-CPU kthread); otherwise it is on
	 * its host CPU modulo nr_cpu_ids. */
	unsigned int ukmem_cpu;
	unsigned int ukmem_cpu_pin;
	unsigned int ukmem_bh_cpu;	/* 1 + the CPU whose softirqs it holds off, or 0 */
	void *ukmem_kthread;		/* kthread record (kernel/kthread.c) */
	void *ukmem_worker;		/* workqueue worker (kernel/workqueue.c) */
	struct kunit *kunit_test;	/* the KUnit case this thread runs, or NULL */
	struct capture_control *capture_control;	/* its direct compaction (mm/compaction.c) */
	/* Signals (kernel/signal.c): while ukmem_syscall > 0 the thread is in a user call
	 * (ukmem_read...); from its first interruptible sleep on (ukmem_sigheld) its
	 * catchable signals are blocked, ukmem_sigmask the mask it had, and only then does
	 * it see signals. The rest is the sleep that a signal can end. */
	unsigned int ukmem_syscall;
	unsigned int ukmem_sigheld;
	unsigned long ukmem_sigmask;
	int ukmem_sleep_poll;		/* sleeping on ukmem_wake_fd: wakers write it */
	int ukmem_wakers;		/* wakers between that check and their write */
	int ukmem_wake_fd, ukmem_signal_fd;	/* descriptor + 1, 0 before the first such sleep */
	unsigned long ukmem_signal_fd_mask;
};

#define PF_WQ_WORKER	0x00000020
#define PF_MEMALLOC	0x00000800
#define PF_NO_SETAFFINITY	0x04000000
#define PF_KTHREAD	0x00200000

extern __thread struct task_struct ukmem_current_task
	__attribute__((tls_model("initial-exec")));
void ukmem_task_init(struct task_struct *task);

static inline struct task_struct *get_current(void)
{
	struct task_struct *task = &ukmem_current_task;

	if (unlikely(!task->pid))
		ukmem_task_init(task);
	return task;
}
#define current get_current()

static inline pid_t task_pid_nr(struct task_struct *task) { return task->pid; }
static inline pid_t task_tgid_nr(struct task_struct *task) { return task->tgid; }

/* Sleeping and waking (src/kernel/sched.c). A task sleeps in schedule() while its state
 * is not TASK_RUNNING; wake_up_process() sets TASK_RUNNING and wakes it. Signals
 * (src/kernel/signal.c): a thread inside a user call (ukmem_read, ukmem_ioctl, ...)
 * that has slept interruptibly in it has a signal pending when one its own mask lets
 * through is pending for it and not ignored; fatal_signal_pending() when that signal's
 * action is the default one that ends the process. A TASK_INTERRUPTIBLE sleep ends when
 * such a signal arrives, a TASK_KILLABLE one only for a fatal signal. Other threads
 * (kthreads, workers, the CPUs') never have signals pending. The host scheduler preempts threads by itself, so
 * cond_resched() only checks the context. */
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE		TASK_UNINTERRUPTIBLE
#define MAX_SCHEDULE_TIMEOUT	__LONG_MAX__
#define __set_current_state(s)	WRITE_ONCE(current->state, (s))
#define set_current_state(s)	\
	do { WRITE_ONCE(current->state, (s)); __atomic_thread_fence(__ATOMIC_SEQ_CST); } while (0)

void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_idle(long timeout);
int wake_up_process(struct task_struct *task);
int wake_up_state(struct task_struct *task, unsigned int state);
void yield(void);
int _cond_resched(void);
#define cond_resched()	({ might_sleep(); _cond_resched(); })
int ukmem_signal_pending(unsigned int state);

/* Only the calling thread's own signals are seen: another task's are always 0. */
static inline int signal_pending_state(unsigned int state, struct task_struct *task)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (task != &ukmem_current_task || likely(!task->ukmem_sigheld))
		return 0;
	return ukmem_signal_pending(state);
}
static inline int signal_pending(struct task_struct *task)
{
	return signal_pending_state(TASK_INTERRUPTIBLE, task);
}
static inline int fatal_signal_pending(struct task_struct *task)
{
	return signal_pending_state(TASK_WAKEKILL, task);
}
static inline int __fatal_signal_pending(struct task_struct *task)
{
	return fatal_signal_pending(task);
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/sched.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#endif
#endif
