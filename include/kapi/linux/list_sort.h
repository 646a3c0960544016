/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/list_sort.h: stable merge sort of a list_head list, O(n log n), no allocation. */
#ifndef UKMEM_LINUX_LIST_SORT_H
#define UKMEM_LINUX_LIST_SORT_H

#include <linux/types.h>

struct list_head;
typedef int (*list_cmp_func_t)(void *priv, const struct list_head *a, const struct list_head *b);

void list_sort(void *priv, struct list_head *head, list_cmp_func_t cmp);

#endif
