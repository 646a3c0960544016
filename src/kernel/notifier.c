// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/notifier.c: notifier chains. A chain is a singly linked list sorted by
 * descending priority (equal priorities in registration order). Callbacks run in order
 * until one returns a value with NOTIFY_STOP_MASK. */
#include <linux/errno.h>
#include <linux/notifier.h>
#include <linux/rwsem.h>
#include <linux/export.h>

static void chain_insert(struct notifier_block **list, struct notifier_block *nb)
{
	while (*list && (*list)->priority >= nb->priority)
		list = &(*list)->next;
	nb->next = *list;
	*list = nb;
}

static int chain_remove(struct notifier_block **list, struct notifier_block *nb)
{
	for (; *list; list = &(*list)->next) {
		if (*list == nb) {
			*list = nb->next;
			return 0;
		}
	}
	return -ENOENT;
}

static int chain_call(struct notifier_block *nb, unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;

	for (; nb; nb = nb->next) {
		ret = nb->notifier_call(nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
	}
	return ret;
}

/**
 * blocking_notifier_chain_register - add a callback to a blocking notifier chain
 * @nh: the chain
 * @nb: the notifier block; callbacks run in order of ->priority, highest first
 *
 * Context: process context; may sleep (takes the chain's rwsem for writing).
 * Return: 0.
 */
int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	down_write(&nh->rwsem);
	chain_insert(&nh->head, nb);
	up_write(&nh->rwsem);
	return 0;
}
EXPORT_SYMBOL_GPL(blocking_notifier_chain_register);

/**
 * blocking_notifier_chain_unregister - remove a callback from a blocking notifier chain
 * @nh: the chain
 * @nb: the notifier block
 *
 * Returns after any call of the chain in progress has finished.
 *
 * Context: process context; may sleep.
 * Return: 0, or -ENOENT if @nb was not on the chain.
 */
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	int ret;

	down_write(&nh->rwsem);
	ret = chain_remove(&nh->head, nb);
	up_write(&nh->rwsem);
	return ret;
}
EXPORT_SYMBOL_GPL(blocking_notifier_chain_unregister);

/**
 * blocking_notifier_call_chain - call every callback of a blocking notifier chain
 * @nh: the chain
 * @val: passed to each callback
 * @v: passed to each callback
 *
 * Stops at a callback whose result has NOTIFY_STOP_MASK.
 *
 * Context: process context; may sleep (takes the chain's rwsem for reading; callbacks may
 * sleep).
 * Return: the last callback's result, or NOTIFY_DONE for an empty chain.
 */
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;

	if (!READ_ONCE(nh->head))
		return ret;
	down_read(&nh->rwsem);
	ret = chain_call(nh->head, val, v);
	up_read(&nh->rwsem);
	return ret;
}
EXPORT_SYMBOL_GPL(blocking_notifier_call_chain);

/**
 * atomic_notifier_chain_register - add a callback to an atomic notifier chain
 * @nh: the chain
 * @nb: the notifier block
 *
 * Context: any context; takes the chain's spinlock with interrupts saved.
 * Return: 0.
 */
int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	unsigned long flags;

	spin_lock_irqsave(&nh->lock, flags);
	chain_insert(&nh->head, nb);
	spin_unlock_irqrestore(&nh->lock, flags);
	return 0;
}
EXPORT_SYMBOL_GPL(atomic_notifier_chain_register);

/**
 * atomic_notifier_chain_unregister - remove a callback from an atomic notifier chain
 * @nh: the chain
 * @nb: the notifier block
 *
 * Context: any context; takes the chain's spinlock with interrupts saved.
 * Return: 0, or -ENOENT if @nb was not on the chain.
 */
int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = chain_remove(&nh->head, nb);
	spin_unlock_irqrestore(&nh->lock, flags);
	return ret;
}
EXPORT_SYMBOL_GPL(atomic_notifier_chain_unregister);

/**
 * atomic_notifier_call_chain - call every callback of an atomic notifier chain
 * @nh: the chain
 * @val: passed to each callback
 * @v: passed to each callback
 *
 * The callbacks run under the chain's spinlock with interrupts off; Linux 6.1 runs
 * them under RCU instead. Either way they must not sleep.
 *
 * Context: any context, interrupts included.
 * Return: the last callback's result, or NOTIFY_DONE.
 */
int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = chain_call(nh->head, val, v);
	spin_unlock_irqrestore(&nh->lock, flags);
	return ret;
}
EXPORT_SYMBOL_GPL(atomic_notifier_call_chain);
