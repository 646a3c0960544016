// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/semaphore.c: the counting semaphore on a futex word holding the free units.
 * down() takes a unit with compare-and-swap and sleeps while the count is 0; up() adds a
 * unit and wakes one sleeper. down_interruptible/down_killable give up with -EINTR for
 * a signal (kernel/signal.c wakes their sleep). */
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/semaphore.h>
#include <linux/jiffies.h>
#include <linux/export.h>
#include "kernel/futex.h"
#include "kernel/signal.h"

/**
 * down_trylock - take a unit of a counting semaphore if one is free
 * @sem: the semaphore
 *
 * Note the inverted result, as in Linux.
 *
 * Context: any context, interrupts included; never sleeps.
 * Return: 0 with a unit taken, 1 if none was free.
 */
int down_trylock(struct semaphore *sem)
{
	int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	while (count > 0)
		if (__atomic_compare_exchange_n(&sem->count, &count, count - 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 0;
	return 1;
}
EXPORT_SYMBOL(down_trylock);

/**
 * ukmem_down_state - take a unit of @sem, sleeping in @state while none is left
 * @sem: the semaphore
 * @state: TASK_UNINTERRUPTIBLE, TASK_INTERRUPTIBLE or TASK_KILLABLE
 *
 * Context: process; sleeps. Returns 0 with the unit taken, or -EINTR when a signal
 * @state lets through (only a task in a user call has signals) came first.
 */
int ukmem_down_state(struct semaphore *sem, unsigned int state)
{
	while (down_trylock(sem)) {
		if (signal_pending_state(state, current))
			return -EINTR;
		wait_on_word(&sem->count, 0, state);
	}
	return 0;
}
EXPORT_SYMBOL(ukmem_down_state);

/**
 * ukmem_down_interruptible - take a unit of a semaphore unless a signal comes first
 * @sem: the semaphore
 *
 * What down_interruptible() calls.
 *
 * Context: process context; sleeps until a unit is free.
 * Return: 0 with a unit taken, or -EINTR.
 */
int ukmem_down_interruptible(struct semaphore *sem)
{
	return ukmem_down_state(sem, TASK_INTERRUPTIBLE);
}
EXPORT_SYMBOL(ukmem_down_interruptible);

/**
 * ukmem_down_killable - take a unit of a semaphore unless a fatal signal comes first
 * @sem: the semaphore
 *
 * What down_killable() calls.
 *
 * Context: process context; sleeps until a unit is free.
 * Return: 0 with a unit taken, or -EINTR.
 */
int ukmem_down_killable(struct semaphore *sem)
{
	return ukmem_down_state(sem, TASK_KILLABLE);
}
EXPORT_SYMBOL(ukmem_down_killable);

/**
 * ukmem_down - take a unit of a semaphore, waiting uninterruptibly
 * @sem: the semaphore
 *
 * What down() calls.
 *
 * Context: process context; sleeps until a unit is free.
 */
void ukmem_down(struct semaphore *sem)
{
	(void)ukmem_down_state(sem, TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(ukmem_down);

/**
 * ukmem_down_timeout - take a unit of a semaphore, waiting at most a while
 * @sem: the semaphore
 * @timeout: the longest wait, in jiffies
 *
 * What down_timeout() calls.
 *
 * Context: process context; sleeps.
 * Return: 0 with a unit taken, or -ETIME when @timeout passed first.
 */
int ukmem_down_timeout(struct semaphore *sem, long timeout)
{
	u64 deadline = get_jiffies_64() + (u64)timeout;

	while (down_trylock(sem)) {
		s64 left = (s64)(deadline - get_jiffies_64());

		if (left <= 0)
			return -ETIME;
		futex_wait(&sem->count, 0, (long long)jiffies_to_nsecs((unsigned long)left));
	}
	return 0;
}
EXPORT_SYMBOL(ukmem_down_timeout);

/**
 * up - give back a unit of a counting semaphore
 * @sem: the semaphore
 *
 * Any task (or interrupt) may release a unit, not only one that took it; one waiter is
 * woken.
 *
 * Context: any context, interrupts included; does not sleep.
 */
void up(struct semaphore *sem)
{
	__atomic_fetch_add(&sem->count, 1, __ATOMIC_RELEASE);
	futex_wake(&sem->count, 1);
	word_wake(&sem->count);
}
EXPORT_SYMBOL(up);
