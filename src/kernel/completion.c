// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/completion.c: completions on a wait queue. done counts completions not yet
 * consumed, or is UINT_MAX after complete_all() (then waiters never consume it). All
 * changes to done happen under the queue's lock. */
#include <limits.h>
#include <linux/errno.h>
#include <linux/completion.h>
#include <linux/export.h>

/**
 * complete - signal a completion, waking one waiter
 * @x: the completion
 *
 * Each complete() lets one wait_for_completion() through, waiting now or later.
 *
 * Context: any context, interrupts included; takes the completion's wait-queue spinlock
 * with interrupts saved.
 */
void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done + 1);	/* completion_done() reads it unlocked */
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}
EXPORT_SYMBOL(complete);

/**
 * complete_all - signal a completion for good, waking every waiter
 * @x: the completion
 *
 * Every wait after this returns at once, until reinit_completion().
 *
 * Context: any context, interrupts included; takes the wait-queue spinlock.
 */
void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	WRITE_ONCE(x->done, UINT_MAX);
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}
EXPORT_SYMBOL(complete_all);

/* Takes one completion if there is one; the caller holds the lock. */
static bool consume_done(struct completion *x)
{
	if (!x->done)
		return false;
	if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done - 1);
	return true;
}

/**
 * ukmem_wait_for_completion_state - the wait_for_completion* forms
 * @x: the completion
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 * @state: TASK_UNINTERRUPTIBLE, TASK_INTERRUPTIBLE or TASK_KILLABLE
 *
 * Context: process; sleeps. Returns the jiffies left (at least 1) once it took a
 * completion, 0 on timeout, -ERESTARTSYS when a signal @state lets through came first.
 */
long ukmem_wait_for_completion_state(struct completion *x, unsigned long timeout,
				     unsigned int state)
{
	long left = (long)timeout;
	struct wait_queue_entry wait;
	bool got;

	init_wait_entry(&wait, WQ_FLAG_EXCLUSIVE);
	wait.func = default_wake_function;
	spin_lock_irq(&x->wait.lock);
	while (!(got = consume_done(x)) && left) {
		if (signal_pending_state(state, current)) {
			left = -ERESTARTSYS;
			break;
		}
		if (list_empty(&wait.entry))
			list_add_tail(&wait.entry, &x->wait.head);
		__set_current_state(state);
		spin_unlock_irq(&x->wait.lock);
		left = schedule_timeout(left);
		spin_lock_irq(&x->wait.lock);
	}
	if (!list_empty(&wait.entry))
		list_del(&wait.entry);
	spin_unlock_irq(&x->wait.lock);
	if (!got)
		return left < 0 ? left : 0;
	return left ? left : 1;
}
EXPORT_SYMBOL(ukmem_wait_for_completion_state);

/**
 * ukmem_wait_for_completion_timeout - wait, uninterruptibly, for a completion
 * @x: the completion
 * @timeout: the longest wait in jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * What wait_for_completion() and wait_for_completion_timeout() call, after might_sleep().
 *
 * Context: process context; sleeps.
 * Return: 0 if @timeout passed, else the jiffies that were left (at least 1).
 */
unsigned long ukmem_wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return (unsigned long)ukmem_wait_for_completion_state(x, timeout, TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(ukmem_wait_for_completion_timeout);

/**
 * try_wait_for_completion - take a completion's signal if there is one, without waiting
 * @x: the completion
 *
 * Context: any context; takes the wait-queue spinlock.
 * Return: true if a complete() was consumed (or complete_all() was called), else false.
 */
bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool taken;

	if (!READ_ONCE(x->done))
		return false;
	spin_lock_irqsave(&x->wait.lock, flags);
	taken = consume_done(x);
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return taken;
}
EXPORT_SYMBOL(try_wait_for_completion);

/**
 * completion_done - whether a wait for a completion would return at once
 * @x: the completion
 *
 * Waits for a complete() in progress to release the lock, so that the completion may be
 * freed after true.
 *
 * Context: any context; takes the wait-queue spinlock.
 * Return: true if signalled and not consumed.
 */
bool completion_done(struct completion *x)
{
	unsigned long flags;

	if (!READ_ONCE(x->done))
		return false;
	/* Wait for a complete() in progress to release the lock. */
	spin_lock_irqsave(&x->wait.lock, flags);
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return true;
}
EXPORT_SYMBOL(completion_done);
