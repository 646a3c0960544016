/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/sort.h: in-place array sort, the kernel's heapsort: O(n log n) always, no
 * allocation, no recursion, not stable. A NULL swap_func swaps elements by words when
 * base and size allow it, by bytes otherwise. */
#ifndef UKMEM_LINUX_SORT_H
#define UKMEM_LINUX_SORT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv);
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func);

#pragma pop_macro("__UKMEM_INNER")
#endif
