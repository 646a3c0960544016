/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/signal.h: signals for the threads that call ukmem's user API. A user call runs
 * between syscall_enter() and syscall_exit(); from its first interruptible sleep on the
 * caller's catchable signals are blocked, so a signal that arrives stays pending on the
 * host, makes signal_pending() true and ends interruptible sleeps. On the way out the
 * caller's mask comes back (its handlers run then, as Linux runs them on the return to
 * user space) and the kernel's restart codes become EINTR or a restart. */
#ifndef UKMEM_KERNEL_SIGNAL_H
#define UKMEM_KERNEL_SIGNAL_H

#include <stdbool.h>
#include <linux/sched.h>

void syscall_enter(void);
/* Resolves *ret's restart code; true when the call is to run again. */
bool syscall_exit(long *ret);

/* A user call: expr runs as the kernel's system call would, again while it restarts. */
#define SYSCALL_RUN(expr) ({						\
	long __sys_ret;							\
	do {								\
		syscall_enter();					\
		__sys_ret = (long)(expr);				\
	} while (syscall_exit(&__sys_ret));				\
	__sys_ret;							\
})

/* The sleep of a task in a user call whose state lets a signal end it (state is
 * TASK_INTERRUPTIBLE or has TASK_WAKEKILL): until woken, timeout_ns passed (< 0: no
 * limit) or such a signal is pending. False when it could not sleep this way (no
 * descriptors left, or the program closed them): the caller then sleeps as for an
 * uninterruptible state. */
bool signal_sleep(struct task_struct *task, long state, long long timeout_ns);
/* Called by wake_up_state() once it has set the task running. */
void signal_wake(struct task_struct *task);

/* Sleeps while *word == expected, for the locks that sleep on a futex word: a task in
 * a user call also wakes for a signal that state lets through. Wakers of the word call
 * word_wake() after changing it (and their futex wake-up). */
void wait_on_word(int *word, int expected, unsigned int state);
void word_wake(int *word);

/* Blocks every signal but the faults' in the calling (service) thread: kthreads and
 * ukmem's own threads never take a user's signal. Returns the old mask for
 * unblock_after_create(); threads created in between inherit the full mask. */
unsigned long block_signals_for_create(void);
void unblock_after_create(unsigned long old);

#endif
