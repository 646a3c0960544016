/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bsearch.h: binary search of a sorted array. cmp(key, element) returns <0, 0 or
 * >0 as the key sorts before, equal to or after the element; the result is a matching
 * element or NULL. The kernel's semantics are C's, so bsearch here is libc's function of
 * the same prototype; __inline_bsearch is the kernel's inline form. */
#ifndef UKMEM_LINUX_BSEARCH_H
#define UKMEM_LINUX_BSEARCH_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

static __always_inline void *__inline_bsearch(const void *key, const void *base, size_t num,
					      size_t size, cmp_func_t cmp)
{
	const char *lo = base;

	while (num > 0) {
		const char *mid = lo + (num >> 1) * size;
		int res = cmp(key, mid);

		if (res == 0)
			return (void *)mid;
		if (res > 0) {
			lo = mid + size;
			num--;
		}
		num >>= 1;
	}
	return NULL;
}

extern void *bsearch(const void *key, const void *base, size_t num, size_t size, cmp_func_t cmp);

#pragma pop_macro("__UKMEM_INNER")
#endif
