// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/sort.c: sort() and sort_r(), a bottom-up heapsort as Linux's: no memory, no
 * recursion, at most about n log2 n comparisons, not stable. The default swap moves
 * 8-byte words, 4-byte words or bytes, whichever the size and base alignment allow. */
#include <linux/sort.h>
#include <linux/kernel.h>
#include <linux/export.h>

static void swap_u64s(void *a, void *b, size_t n)
{
	u64 *x = a, *y = b;

	for (n /= 8; n; n--, x++, y++) {
		u64 t = *x;

		*x = *y;
		*y = t;
	}
}

static void swap_u32s(void *a, void *b, size_t n)
{
	u32 *x = a, *y = b;

	for (n /= 4; n; n--, x++, y++) {
		u32 t = *x;

		*x = *y;
		*y = t;
	}
}

static void swap_u8s(void *a, void *b, size_t n)
{
	u8 *x = a, *y = b;

	for (; n; n--, x++, y++) {
		u8 t = *x;

		*x = *y;
		*y = t;
	}
}

typedef void (*plain_swap_t)(void *a, void *b, size_t n);

struct sorter {
	cmp_r_func_t cmp;
	swap_r_func_t swap_r;		/* the caller's, or NULL */
	swap_func_t swap_plain;		/* sort()'s caller's, or NULL */
	cmp_func_t cmp_plain;		/* sort()'s, called without priv */
	plain_swap_t mover;		/* the default, when neither is given */
	size_t size;
	const void *priv;
};

static inline int do_cmp(const struct sorter *s, const void *a, const void *b)
{
	if (s->cmp_plain)
		return s->cmp_plain(a, b);
	return s->cmp(a, b, s->priv);
}

static inline void do_swap(const struct sorter *s, void *a, void *b)
{
	if (s->swap_r)
		s->swap_r(a, b, (int)s->size, s->priv);
	else if (s->swap_plain)
		s->swap_plain(a, b, (int)s->size);
	else
		s->mover(a, b, s->size);
}

static plain_swap_t pick_mover(const void *base, size_t size)
{
	unsigned long bits = (unsigned long)base | size;

	if (!(bits & 7))
		return swap_u64s;
	if (!(bits & 3))
		return swap_u32s;
	return swap_u8s;
}

/*
 * Heap of n elements at base (offsets in bytes, the children of element i at 2i+1 and
 * 2i+2). Bottom-up sift: walk down to a leaf choosing the larger child each time (one
 * comparison a level), climb back to where the root element belongs, then rotate it
 * into place with swaps along the path.
 */
static void sift_down(const struct sorter *s, char *base, size_t root, size_t n)
{
	size_t size = s->size, i = root, c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && do_cmp(s, base + c * size, base + (c + 1) * size) < 0)
			c++;
		i = c;
	}
	while (i != root && do_cmp(s, base + root * size, base + i * size) >= 0)
		i = (i - 1) / 2;
	/* base[root] belongs at i: shift the path root..i up one level. */
	while (i != root) {
		do_swap(s, base + root * size, base + i * size);
		i = (i - 1) / 2;
	}
}

static void heapsort_run(const struct sorter *s, void *base, size_t num)
{
	char *b = base;

	if (num < 2 || !s->size)
		return;
	for (size_t i = num / 2; i-- > 0;)
		sift_down(s, b, i, num);
	for (size_t n = num - 1; n > 0; n--) {
		do_swap(s, b, b + n * s->size);
		sift_down(s, b, 0, n);
	}
}

/**
 * sort_r - sort an array in place, with a private argument for the callbacks
 * @base: the array
 * @num: number of elements
 * @size: size of one element
 * @cmp_func: returns <0, 0, >0 as a sorts before, equal to, after b
 * @swap_func: exchanges two elements, or NULL for the default
 * @priv: passed to both callbacks
 *
 * Context: any; does not sleep or allocate (the callbacks must not either in atomic
 * context). Ascending order; equal elements may be reordered.
 */
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv)
{
	struct sorter s = { .cmp = cmp_func, .swap_r = swap_func, .size = size, .priv = priv,
			    .mover = pick_mover(base, size) };

	heapsort_run(&s, base, num);
}
EXPORT_SYMBOL(sort_r);

/**
 * sort - sort an array in place
 * @base: the array
 * @num: number of elements
 * @size: size of one element
 * @cmp_func: returns <0, 0, >0 as a sorts before, equal to, after b
 * @swap_func: exchanges two elements (given the size), or NULL for the default
 *
 * Context: any; as sort_r.
 */
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func)
{
	struct sorter s = { .cmp_plain = cmp_func, .swap_plain = swap_func, .size = size,
			    .mover = pick_mover(base, size) };

	heapsort_run(&s, base, num);
}
EXPORT_SYMBOL(sort);
