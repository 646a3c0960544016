// SPDX-License-Identifier: LGPL-2.1-or-later
/* list_sort: sorted, stable, every element kept, links consistent both ways. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <linux/list.h>
#include <linux/list_sort.h>

struct item { int key, seq; struct list_head node; };

static int by_key(void *priv, const struct list_head *a, const struct list_head *b)
{
	(*(int *)priv)++;
	return list_entry(a, struct item, node)->key - list_entry(b, struct item, node)->key;
}

Test(list_sort, sorts_stably)
{
	for (int n = 0; n < 300; n += 37) {
		struct item *items = calloc((size_t)n + 1, sizeof(*items));
		LIST_HEAD(head);
		int calls = 0, count = 0;
		unsigned int seed = (unsigned int)n;

		for (int i = 0; i < n; i++) {
			items[i].key = rand_r(&seed) % 10;
			items[i].seq = i;
			list_add_tail(&items[i].node, &head);
		}
		list_sort(&calls, &head, by_key);
		struct item *prev = NULL, *it;
		list_for_each_entry(it, &head, node) {
			if (prev) {
				cr_assert_leq(prev->key, it->key);
				if (prev->key == it->key)
					cr_assert_lt(prev->seq, it->seq, "stable");
				cr_assert_eq(it->node.prev, &prev->node);
			}
			prev = it;
			count++;
		}
		cr_assert_eq(count, n);
		cr_assert_eq(head.prev, n ? &prev->node : &head);
		free(items);
	}
}
