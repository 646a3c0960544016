// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/wait.c: wait queues. The queue's spinlock guards its list; an entry is on the
 * list from prepare_to_wait* until it is woken (autoremove) or finish_wait. Exclusive
 * entries go to the tail, so a wake-up of nr reaches every non-exclusive waiter first. */
#include <linux/errno.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/export.h>

/**
 * init_wait_entry - set up a wait-queue entry for the calling task
 * @wq_entry: the entry
 * @flags: WQ_FLAG_* flags (WQ_FLAG_EXCLUSIVE, ...)
 *
 * The entry wakes the calling task and takes itself off the queue when it does
 * (autoremove_wake_function()).
 *
 * Context: any context; takes no lock.
 */
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = (unsigned int)flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}
EXPORT_SYMBOL(init_wait_entry);

/**
 * add_wait_queue - put a non-exclusive entry at the head of a wait queue
 * @wq_head: the queue
 * @wq_entry: the entry
 *
 * Context: any context; takes the queue's spinlock with interrupts saved.
 */
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add(&wq_entry->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}
EXPORT_SYMBOL(add_wait_queue);

/**
 * add_wait_queue_exclusive - put an exclusive entry at the tail of a wait queue
 * @wq_head: the queue
 * @wq_entry: the entry; a wake-up for one wakes only the first exclusive entry
 *
 * Context: any context; takes the queue's spinlock with interrupts saved.
 */
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

/**
 * remove_wait_queue - take an entry off a wait queue
 * @wq_head: the queue
 * @wq_entry: the entry, which must be on it
 *
 * Context: any context; takes the queue's spinlock with interrupts saved.
 */
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

/**
 * prepare_to_wait - queue a non-exclusive entry (if not queued) and set the task state
 * @wq_head: the queue
 * @wq_entry: the entry, from DEFINE_WAIT()
 * @state: TASK_UNINTERRUPTIBLE, TASK_INTERRUPTIBLE, ...
 *
 * Test the condition after this and before schedule(); end with finish_wait().
 *
 * Context: process context; takes the queue's spinlock with interrupts saved; does not
 * sleep itself.
 */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	queue_and_set_state(wq_head, wq_entry, state);
}
EXPORT_SYMBOL(prepare_to_wait);

/**
 * prepare_to_wait_exclusive - queue an exclusive entry (if not queued) and set the task state
 * @wq_head: the queue
 * @wq_entry: the entry
 * @state: the task state
 *
 * Context: process context; takes the queue's spinlock with interrupts saved.
 * Return: true if the queue was empty before.
 */
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state)
{
	bool was_empty = list_empty(&wq_head->head);

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	queue_and_set_state(wq_head, wq_entry, state);
	return was_empty;
}
EXPORT_SYMBOL(prepare_to_wait_exclusive);

/**
 * prepare_to_wait_event - prepare one turn of a wait_event*() loop
 * @wq_head: the queue
 * @wq_entry: the entry (its flags say exclusive or not)
 * @state: the task state
 *
 * Context: process context; takes the queue's spinlock with interrupts saved.
 * Return: 0, or -ERESTARTSYS when a signal @state lets through is pending (the entry
 * is then taken off the queue).
 */
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

/**
 * finish_wait - end a wait: set TASK_RUNNING and take the entry off the queue
 * @wq_head: the queue
 * @wq_entry: the entry
 *
 * Context: process context; takes the queue's spinlock only if the entry is still queued.
 */
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

/**
 * default_wake_function - the wake function that wakes the entry's task
 * @wq_entry: the entry; ->private is the task
 * @mode: the task states to wake (TASK_NORMAL, ...)
 * @flags: wake flags (unused)
 * @key: the wake-up's key (unused)
 *
 * Context: any context; called with the queue's spinlock held.
 * Return: 1 if the task was woken, 0 if it was not in a state of @mode.
 */
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key)
{
	return wake_up_state(wq_entry->private, mode);
}
EXPORT_SYMBOL(default_wake_function);

/**
 * autoremove_wake_function - wake the entry's task and take the entry off the queue
 * @wq_entry: the entry
 * @mode: the task states to wake
 * @flags: wake flags
 * @key: the wake-up's key
 *
 * Context: any context; called with the queue's spinlock held.
 * Return: as default_wake_function().
 */
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			     int flags, void *key)
{
	int woken = default_wake_function(wq_entry, mode, flags, key);

	if (woken)
		list_del_init_careful(&wq_entry->entry);	/* pairs with finish_wait() */
	return woken;
}
EXPORT_SYMBOL(autoremove_wake_function);

/**
 * woken_wake_function - mark the entry woken and wake its task, for wait_woken()
 * @wq_entry: the entry
 * @mode: the task states to wake
 * @flags: wake flags
 * @key: the wake-up's key
 *
 * Context: any context; called with the queue's spinlock held.
 * Return: as default_wake_function().
 */
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			void *key)
{
	__atomic_fetch_or(&wq_entry->flags, WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
	return default_wake_function(wq_entry, mode, flags, key);
}
EXPORT_SYMBOL(woken_wake_function);

/**
 * wait_woken - sleep until woken_wake_function() marks the entry, or a timeout
 * @wq_entry: the entry, queued with woken_wake_function()
 * @mode: the task state to sleep in
 * @timeout: the longest sleep in jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * Does not sleep if the entry was woken already; clears the mark either way.
 *
 * Context: process context; sleeps.
 * Return: the jiffies left of @timeout (0 if it passed).
 */
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

/**
 * __wake_up_locked - wake waiters of a queue whose lock the caller holds
 * @wq_head: the queue, with its spinlock held
 * @mode: the task states to wake
 * @nr: how many exclusive waiters to wake (0: all)
 *
 * Context: any context, with @wq_head->lock held.
 */
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
	wake_up_common(wq_head, mode, nr, NULL);
}
EXPORT_SYMBOL_GPL(__wake_up_locked);

/**
 * __wake_up - wake waiters of a wait queue; what wake_up() and its relatives call
 * @wq_head: the queue
 * @mode: the task states to wake
 * @nr_exclusive: how many exclusive waiters to wake (0: all); every non-exclusive one wakes
 * @key: passed to each entry's wake function
 *
 * Context: any context, interrupts included; takes the queue's spinlock with interrupts
 * saved.
 */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	wake_up_common(wq_head, mode, nr_exclusive, key);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}
EXPORT_SYMBOL(__wake_up);
