// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/bitmap.c: whole-bitmap operations. Queries mask the last word to nbits, so stray
 * bits beyond the end never change an answer. */
#include <linux/bitmap.h>
#include <linux/export.h>

#define LAST_WORD(nbits)	(BITS_TO_LONGS(nbits) - 1)

void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__set_bit(i, map);
}
EXPORT_SYMBOL(bitmap_set);

void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__clear_bit(i, map);
}
EXPORT_SYMBOL(bitmap_clear);

/* The k-th word of a op b, the last one masked to nbits. */
#define FOR_EACH_WORD(k, nbits) for (unsigned int k = 0; k < BITS_TO_LONGS(nbits); k++)
#define WORD_MASK(k, nbits) ((k) == LAST_WORD(nbits) ? BITMAP_LAST_WORD_MASK(nbits) : ~0UL)

unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int weight = 0;

	FOR_EACH_WORD(k, nbits)
		weight += (unsigned int)hweight_long(src[k] & WORD_MASK(k, nbits));
	return weight;
}
EXPORT_SYMBOL(bitmap_weight);

bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) >= nbits;
}
EXPORT_SYMBOL(bitmap_empty);

bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) >= nbits;
}
EXPORT_SYMBOL(bitmap_full);

bool bitmap_equal(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		if ((a[k] ^ b[k]) & WORD_MASK(k, nbits))
			return false;
	return true;
}
EXPORT_SYMBOL(bitmap_equal);

bool bitmap_intersects(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		if (a[k] & b[k] & WORD_MASK(k, nbits))
			return true;
	return false;
}
EXPORT_SYMBOL(bitmap_intersects);

bool bitmap_subset(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		if (a[k] & ~b[k] & WORD_MASK(k, nbits))
			return false;
	return true;
}
EXPORT_SYMBOL(bitmap_subset);

bool bitmap_and(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		unsigned int nbits)
{
	unsigned long any = 0;

	FOR_EACH_WORD(k, nbits)
		any |= (dst[k] = a[k] & b[k]) & WORD_MASK(k, nbits);
	return any != 0;
}
EXPORT_SYMBOL(bitmap_and);

void bitmap_or(unsigned long *dst, const unsigned long *a, const unsigned long *b,
	       unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		dst[k] = a[k] | b[k];
}
EXPORT_SYMBOL(bitmap_or);

void bitmap_xor(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		dst[k] = a[k] ^ b[k];
}
EXPORT_SYMBOL(bitmap_xor);

bool bitmap_andnot(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		   unsigned int nbits)
{
	unsigned long any = 0;

	FOR_EACH_WORD(k, nbits)
		any |= (dst[k] = a[k] & ~b[k]) & WORD_MASK(k, nbits);
	return any != 0;
}
EXPORT_SYMBOL(bitmap_andnot);

void bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		dst[k] = ~src[k];
}
EXPORT_SYMBOL(bitmap_complement);

unsigned long bitmap_find_next_zero_area(unsigned long *map, unsigned long size,
					 unsigned long start, unsigned int nr,
					 unsigned long align_mask)
{
	for (;;) {
		unsigned long index = find_next_zero_bit(map, size, start);
		unsigned long end, busy;

		index = (index + align_mask) & ~align_mask;
		end = index + nr;
		if (end > size)
			return end;
		busy = find_next_bit(map, end, index);
		if (busy >= end)
			return index;
		start = busy + 1;
	}
}
EXPORT_SYMBOL(bitmap_find_next_zero_area);
