/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/min_heap.h: a binary min-heap over a caller's array of elem_size-byte elements,
 * ordered by the caller's less() and moved by its swp(). Header-only, as in Linux. */
#ifndef UKMEM_LINUX_MIN_HEAP_H
#define UKMEM_LINUX_MIN_HEAP_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/bug.h>
#include <linux/string.h>
#include <linux/types.h>

struct min_heap {
	void *data;
	int nr;		/* elements in the heap */
	int size;	/* room in data */
};

struct min_heap_callbacks {
	int elem_size;
	bool (*less)(const void *lhs, const void *rhs);
	void (*swp)(void *lhs, void *rhs);
};

static __always_inline void *__min_heap_elem(struct min_heap *heap, int i,
					     const struct min_heap_callbacks *func)
{
	return (char *)heap->data + (size_t)i * func->elem_size;
}

/* Moves the element at pos down until neither child is less than it. */
static __always_inline void min_heapify(struct min_heap *heap, int pos,
					const struct min_heap_callbacks *func)
{
	for (;;) {
		int left = 2 * pos + 1, right = left + 1, least = pos;

		if (left < heap->nr && func->less(__min_heap_elem(heap, left, func),
						  __min_heap_elem(heap, least, func)))
			least = left;
		if (right < heap->nr && func->less(__min_heap_elem(heap, right, func),
						   __min_heap_elem(heap, least, func)))
			least = right;
		if (least == pos)
			return;
		func->swp(__min_heap_elem(heap, pos, func), __min_heap_elem(heap, least, func));
		pos = least;
	}
}

/* Makes a heap of the first nr elements, in place. */
static __always_inline void min_heapify_all(struct min_heap *heap,
					    const struct min_heap_callbacks *func)
{
	for (int i = heap->nr / 2 - 1; i >= 0; i--)
		min_heapify(heap, i, func);
}

/* Removes the least element. */
static __always_inline void min_heap_pop(struct min_heap *heap,
					 const struct min_heap_callbacks *func)
{
	if (WARN_ONCE(heap->nr <= 0, "Popping an empty heap"))
		return;
	heap->nr--;
	memcpy(heap->data, __min_heap_elem(heap, heap->nr, func), func->elem_size);
	min_heapify(heap, 0, func);
}

/* Replaces the least element by element: a pop and a push in one sift. */
static __always_inline void min_heap_pop_push(struct min_heap *heap, const void *element,
					      const struct min_heap_callbacks *func)
{
	memcpy(heap->data, element, func->elem_size);
	min_heapify(heap, 0, func);
}

/* Adds element (copied in), moving it up past every greater parent. */
static __always_inline void min_heap_push(struct min_heap *heap, const void *element,
					  const struct min_heap_callbacks *func)
{
	int pos;

	if (WARN_ONCE(heap->nr >= heap->size, "Pushing on a full heap"))
		return;
	pos = heap->nr++;
	memcpy(__min_heap_elem(heap, pos, func), element, func->elem_size);
	while (pos > 0) {
		int parent = (pos - 1) / 2;

		if (!func->less(__min_heap_elem(heap, pos, func),
				__min_heap_elem(heap, parent, func)))
			break;
		func->swp(__min_heap_elem(heap, pos, func), __min_heap_elem(heap, parent, func));
		pos = parent;
	}
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/min_heap.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/byteorder/little_endian.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/jump_label.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/overflow.h>
#endif
#endif
