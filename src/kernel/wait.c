// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/wait.c: wait queues. The queue's spinlock guards its list; an entry is on the
 * list from prepare_to_wait* until it is woken (autoremove) or finish_wait. Exclusive
 * entries go to the tail, so a wake-up of nr reaches every non-exclusive waiter first. */
#include <linux/errno.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/export.h>

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = (unsigned int)flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}
EXPORT_SYMBOL(init_wait_entry);

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add(&wq_entry->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}
EXPORT_SYMBOL(add_wait_queue);

void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add_tail(&wq_entry->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}
EXPORT_SYMBOL(add_wait_queue_exclusive);

void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	list_del(&wq_entry->entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}
EXPORT_SYMBOL(remove_wait_queue);

/* Queues the entry (if not queued yet) and sets the task state, under the queue lock,
 * so a waker that runs after this sees the entry and resets the state. */
static void queue_and_set_state(struct wait_queue_head *wq_head,
				struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry)) {
		if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
			list_add_tail(&wq_entry->entry, &wq_head->head);
		else
			list_add(&wq_entry->entry, &wq_head->head);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	queue_and_set_state(wq_head, wq_entry, state);
}
EXPORT_SYMBOL(prepare_to_wait);

bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state)
{
	bool was_empty = list_empty(&wq_head->head);

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	queue_and_set_state(wq_head, wq_entry, state);
	return was_empty;
}
EXPORT_SYMBOL(prepare_to_wait_exclusive);

/* As Linux 6.1's: with a signal that state lets through pending, the entry leaves the
 * queue (a wake-up after the caller's next look at its condition goes to another
 * waiter) and the call returns -ERESTARTSYS; the caller returns that unless its
 * condition holds. */
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state)
{
	unsigned long flags;

	if (signal_pending_state((unsigned int)state, current)) {
		spin_lock_irqsave(&wq_head->lock, flags);
		list_del_init(&wq_entry->entry);
		spin_unlock_irqrestore(&wq_head->lock, flags);
		return -ERESTARTSYS;
	}
	queue_and_set_state(wq_head, wq_entry, state);
	return 0;
}
EXPORT_SYMBOL(prepare_to_wait_event);

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	/* Lockless peek: an autoremoved entry is already off the list and re-initialised
	 * (the waker's last store to it released it). */
	if (!list_empty_careful(&wq_entry->entry)) {
		spin_lock_irqsave(&wq_head->lock, flags);
		list_del_init(&wq_entry->entry);
		spin_unlock_irqrestore(&wq_head->lock, flags);
	}
}
EXPORT_SYMBOL(finish_wait);

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key)
{
	return wake_up_state(wq_entry->private, mode);
}
EXPORT_SYMBOL(default_wake_function);

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			     int flags, void *key)
{
	int woken = default_wake_function(wq_entry, mode, flags, key);

	if (woken)
		list_del_init_careful(&wq_entry->entry);	/* pairs with finish_wait() */
	return woken;
}
EXPORT_SYMBOL(autoremove_wake_function);

int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			void *key)
{
	__atomic_fetch_or(&wq_entry->flags, WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
	return default_wake_function(wq_entry, mode, flags, key);
}
EXPORT_SYMBOL(woken_wake_function);

long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout)
{
	set_current_state(mode);
	if (!(__atomic_load_n(&wq_entry->flags, __ATOMIC_ACQUIRE) & WQ_FLAG_WOKEN))
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	__atomic_fetch_and(&wq_entry->flags, ~WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
	return timeout;
}
EXPORT_SYMBOL(wait_woken);

/* Calls each entry's wake function in queue order, stopping after nr exclusive
 * wake-ups (nr 0: never stops). The caller holds wq_head->lock. */
static void wake_up_common(struct wait_queue_head *wq_head, unsigned int mode, int nr,
			   void *key)
{
	struct wait_queue_entry *curr, *next;

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int flags = curr->flags;
		int woken = curr->func(curr, mode, 0, key);

		if (woken < 0)
			break;
		if (woken && (flags & WQ_FLAG_EXCLUSIVE) && !--nr)
			break;
	}
}

void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
	wake_up_common(wq_head, mode, nr, NULL);
}
EXPORT_SYMBOL_GPL(__wake_up_locked);

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	wake_up_common(wq_head, mode, nr_exclusive, key);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}
EXPORT_SYMBOL(__wake_up);
