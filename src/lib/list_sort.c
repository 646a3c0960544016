// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/list_sort.c: bottom-up merge sort of a circular list. The list is cut into a
 * NULL-terminated singly linked chain (next pointers only), sorted runs are merged in
 * passes of doubling width, and the prev pointers are rebuilt at the end. Stable: equal
 * elements keep their order (cmp <= 0 takes from the left run). */
#include <linux/list.h>
#include <linux/list_sort.h>
#include <linux/export.h>

static struct list_head *merge(void *priv, list_cmp_func_t cmp, struct list_head *a,
			       struct list_head *b)
{
	struct list_head head, *tail = &head;

	while (a && b) {
		if (cmp(priv, a, b) <= 0) {
			tail->next = a;
			a = a->next;
		} else {
			tail->next = b;
			b = b->next;
		}
		tail = tail->next;
	}
	tail->next = a ? a : b;
	return head.next;
}

/* Splits off the first n elements of *chain; returns them, leaves the rest in *chain. */
static struct list_head *take(struct list_head **chain, size_t n)
{
	struct list_head *first = *chain, *p = first;

	if (!p)
		return NULL;
	while (--n && p->next)
		p = p->next;
	*chain = p->next;
	p->next = NULL;
	return first;
}

/**
 * list_sort - sort a linked list, stably, by merge sort
 * @priv: passed to @cmp
 * @head: the list
 * @cmp: returns > 0 when its second argument should go after its third
 *
 * Equal elements keep their order. Takes O(n log n) comparisons and no memory.
 *
 * Context: any context where @cmp may run; takes no lock (the caller's list).
 */
void list_sort(void *priv, struct list_head *head, list_cmp_func_t cmp)
{
	struct list_head *chain, *prev;
	size_t n = 0, width;

	if (list_empty(head) || list_is_singular(head))
		return;
	head->prev->next = NULL;
	chain = head->next;
	for (struct list_head *p = chain; p; p = p->next)
		n++;
	for (width = 1; width < n; width *= 2) {
		struct list_head *rest = chain, *out = NULL, **link = &out;

		while (rest) {
			struct list_head *a = take(&rest, width), *b = take(&rest, width);

			*link = merge(priv, cmp, a, b);
			while (*link)
				link = &(*link)->next;
		}
		chain = out;
	}
	prev = head;
	for (struct list_head *p = chain; p; prev = p, p = p->next) {
		prev->next = p;
		p->prev = prev;
	}
	prev->next = head;
	head->prev = prev;
}
EXPORT_SYMBOL(list_sort);
