/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/llist.h: lock-less singly linked lists. Any number of producers may add
 * (llist_add, llist_add_batch) and any thread may take the whole list (llist_del_all)
 * at once without a lock; llist_del_first with several concurrent deleters needs a lock
 * among the deleters (the ABA problem), as in Linux. The list is a stack: entries come
 * back newest first, llist_reverse_order gives them in insertion order. */
#ifndef UKMEM_LINUX_LLIST_H
#define UKMEM_LINUX_LLIST_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/atomic.h>
#include <linux/container_of.h>
#include <linux/stddef.h>
#include <linux/types.h>

struct llist_head {
	struct llist_node *first;
};

struct llist_node {
	struct llist_node *next;
};

#define LLIST_HEAD_INIT(name)	{ NULL }
#define LLIST_HEAD(name)	struct llist_head name = LLIST_HEAD_INIT(name)

static inline void init_llist_head(struct llist_head *list)
{
	list->first = NULL;
}

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)
#define member_address_is_nonnull(ptr, member)	\
	((unsigned long)(ptr) + offsetof(typeof(*(ptr)), member) != 0)

#define llist_for_each(pos, node)	for ((pos) = (node); pos; (pos) = (pos)->next)
#define llist_for_each_safe(pos, n, node)				\
	for ((pos) = (node); (pos) && ((n) = (pos)->next, true); (pos) = (n))
#define llist_for_each_entry(pos, node, member)				\
	for ((pos) = llist_entry((node), typeof(*(pos)), member);	\
	     member_address_is_nonnull(pos, member);			\
	     (pos) = llist_entry((pos)->member.next, typeof(*(pos)), member))
#define llist_for_each_entry_safe(pos, n, node, member)			\
	for (pos = llist_entry((node), typeof(*pos), member);		\
	     member_address_is_nonnull(pos, member) &&			\
		(n = llist_entry(pos->member.next, typeof(*n), member), true); \
	     pos = n)

static inline bool llist_empty(const struct llist_head *head)
{
	return READ_ONCE(head->first) == NULL;
}

static inline struct llist_node *llist_next(struct llist_node *node)
{
	return node->next;
}

/* Add the chain new_first..new_last; true if the list was empty before. */
bool llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
		     struct llist_head *head);

/* The same for a list only ever touched under a lock of the caller's. */
static inline bool __llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
				     struct llist_head *head)
{
	new_last->next = head->first;
	head->first = new_first;
	return new_last->next == NULL;
}

static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	return llist_add_batch(new, new, head);
}

static inline bool __llist_add(struct llist_node *new, struct llist_head *head)
{
	return __llist_add_batch(new, new, head);
}

/* Take every entry at once (newest first); safe against concurrent adds and deletes. */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return __atomic_exchange_n(&head->first, NULL, __ATOMIC_ACQ_REL);
}

static inline struct llist_node *__llist_del_all(struct llist_head *head)
{
	struct llist_node *first = head->first;

	head->first = NULL;
	return first;
}

struct llist_node *llist_del_first(struct llist_head *head);
struct llist_node *llist_reverse_order(struct llist_node *head);

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/llist.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/byteorder/little_endian.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/panic.h>
#endif
#endif
