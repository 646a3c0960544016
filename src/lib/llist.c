// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/llist.c: the out-of-line lock-less list operations. Adds are a compare-and-swap
 * of the head; llist_del_first is one too, and so is safe against adders but needs a
 * lock among several deleters (an entry deleted and re-added between the load and the
 * swap would otherwise be lost). */
#include <linux/llist.h>
#include <linux/export.h>

/**
 * llist_add_batch - add a chain of entries to a lock-less list
 * @new_first: first entry of the chain
 * @new_last: last entry of the chain (its next is overwritten)
 * @head: the list
 *
 * Context: any, including interrupt context; never sleeps, takes no lock.
 * Return: true if the list was empty before.
 */
bool llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
		     struct llist_head *head)
{
	struct llist_node *first = READ_ONCE(head->first);

	do {
		new_last->next = first;
	} while (!__atomic_compare_exchange_n(&head->first, &first, new_first, false,
					      __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	return first == NULL;
}
EXPORT_SYMBOL_GPL(llist_add_batch);

/**
 * llist_del_first - take the newest entry off a lock-less list
 * @head: the list
 *
 * Context: any; concurrent llist_add and llist_del_all are fine, concurrent
 * llist_del_first callers must share a lock.
 * Return: the entry, or NULL if the list was empty.
 */
struct llist_node *llist_del_first(struct llist_head *head)
{
	struct llist_node *entry = __atomic_load_n(&head->first, __ATOMIC_ACQUIRE);

	do {
		if (!entry)
			return NULL;
	} while (!__atomic_compare_exchange_n(&head->first, &entry, READ_ONCE(entry->next),
					      false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE));
	return entry;
}
EXPORT_SYMBOL_GPL(llist_del_first);

/**
 * llist_reverse_order - reverse a chain taken off a lock-less list
 * @head: first entry of the chain (as returned by llist_del_all)
 *
 * Context: any; the chain must be private to the caller.
 * Return: the new first entry (the oldest one added).
 */
struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *rev = NULL;

	while (head) {
		struct llist_node *next = head->next;

		head->next = rev;
		rev = head;
		head = next;
	}
	return rev;
}
EXPORT_SYMBOL_GPL(llist_reverse_order);
