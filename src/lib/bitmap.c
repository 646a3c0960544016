// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/bitmap.c: whole-bitmap operations. Queries mask the last word to nbits, so stray
 * bits beyond the end never change an answer. */
#include <linux/bitmap.h>
#include <linux/export.h>

#define LAST_WORD(nbits)	(BITS_TO_LONGS(nbits) - 1)

/**
 * bitmap_set - set a run of bits
 * @map: the bitmap
 * @start: the first bit
 * @nbits: how many
 *
 * Context: any context; not atomic (the caller serialises changes to @map).
 */
void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__set_bit(i, map);
}
EXPORT_SYMBOL(bitmap_set);

/**
 * bitmap_clear - clear a run of bits
 * @map: the bitmap
 * @start: the first bit
 * @nbits: how many
 *
 * Context: any context; not atomic.
 */
void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits)
{
	for (unsigned int i = start; i < start + nbits; i++)
		__clear_bit(i, map);
}
EXPORT_SYMBOL(bitmap_clear);

/* The k-th word of a op b, the last one masked to nbits. */
#define FOR_EACH_WORD(k, nbits) for (unsigned int k = 0; k < BITS_TO_LONGS(nbits); k++)
#define WORD_MASK(k, nbits) ((k) == LAST_WORD(nbits) ? BITMAP_LAST_WORD_MASK(nbits) : ~0UL)

/**
 * bitmap_weight - count the set bits of a bitmap
 * @src: the bitmap
 * @nbits: its size in bits
 *
 * Context: any context.
 * Return: the number of set bits.
 */
unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int weight = 0;

	FOR_EACH_WORD(k, nbits)
		weight += (unsigned int)hweight_long(src[k] & WORD_MASK(k, nbits));
	return weight;
}
EXPORT_SYMBOL(bitmap_weight);

/**
 * bitmap_empty - whether no bit of a bitmap is set
 * @src: the bitmap
 * @nbits: its size in bits
 *
 * Context: any context.
 * Return: true if all @nbits bits are clear.
 */
bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) >= nbits;
}
EXPORT_SYMBOL(bitmap_empty);

/**
 * bitmap_full - whether every bit of a bitmap is set
 * @src: the bitmap
 * @nbits: its size in bits
 *
 * Context: any context.
 * Return: true if all @nbits bits are set.
 */
bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) >= nbits;
}
EXPORT_SYMBOL(bitmap_full);

/**
 * bitmap_equal - whether two bitmaps have the same bits
 * @a: a bitmap
 * @b: another
 * @nbits: their size in bits (bits past it are not looked at)
 *
 * Context: any context.
 * Return: true if equal.
 */
bool bitmap_equal(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		if ((a[k] ^ b[k]) & WORD_MASK(k, nbits))
			return false;
	return true;
}
EXPORT_SYMBOL(bitmap_equal);

/**
 * bitmap_intersects - whether two bitmaps share a set bit
 * @a: a bitmap
 * @b: another
 * @nbits: their size in bits
 *
 * Context: any context.
 * Return: true if some bit is set in both.
 */
bool bitmap_intersects(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		if (a[k] & b[k] & WORD_MASK(k, nbits))
			return true;
	return false;
}
EXPORT_SYMBOL(bitmap_intersects);

/**
 * bitmap_subset - whether every bit set in one bitmap is set in another
 * @a: the bitmap that may be the subset
 * @b: the other
 * @nbits: their size in bits
 *
 * Context: any context.
 * Return: true if @a is a subset of @b.
 */
bool bitmap_subset(const unsigned long *a, const unsigned long *b, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		if (a[k] & ~b[k] & WORD_MASK(k, nbits))
			return false;
	return true;
}
EXPORT_SYMBOL(bitmap_subset);

/**
 * bitmap_and - AND two bitmaps into a third
 * @dst: the result (may be @a or @b)
 * @a: a bitmap
 * @b: another
 * @nbits: their size in bits
 *
 * Context: any context; not atomic.
 * Return: true if the result has a bit set.
 */
bool bitmap_and(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		unsigned int nbits)
{
	unsigned long any = 0;

	FOR_EACH_WORD(k, nbits)
		any |= (dst[k] = a[k] & b[k]) & WORD_MASK(k, nbits);
	return any != 0;
}
EXPORT_SYMBOL(bitmap_and);

/**
 * bitmap_or - OR two bitmaps into a third
 * @dst: the result (may be @a or @b)
 * @a: a bitmap
 * @b: another
 * @nbits: their size in bits
 *
 * Context: any context; not atomic.
 */
void bitmap_or(unsigned long *dst, const unsigned long *a, const unsigned long *b,
	       unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		dst[k] = a[k] | b[k];
}
EXPORT_SYMBOL(bitmap_or);

/**
 * bitmap_xor - XOR two bitmaps into a third
 * @dst: the result (may be @a or @b)
 * @a: a bitmap
 * @b: another
 * @nbits: their size in bits
 *
 * Context: any context; not atomic.
 */
void bitmap_xor(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		dst[k] = a[k] ^ b[k];
}
EXPORT_SYMBOL(bitmap_xor);

/**
 * bitmap_andnot - the bits of one bitmap that are clear in another
 * @dst: the result (may be @a or @b)
 * @a: a bitmap
 * @b: the bits to take away
 * @nbits: their size in bits
 *
 * Context: any context; not atomic.
 * Return: true if the result has a bit set.
 */
bool bitmap_andnot(unsigned long *dst, const unsigned long *a, const unsigned long *b,
		   unsigned int nbits)
{
	unsigned long any = 0;

	FOR_EACH_WORD(k, nbits)
		any |= (dst[k] = a[k] & ~b[k]) & WORD_MASK(k, nbits);
	return any != 0;
}
EXPORT_SYMBOL(bitmap_andnot);

/**
 * bitmap_complement - invert a bitmap into another
 * @dst: the result (may be @src)
 * @src: the bitmap
 * @nbits: its size in bits
 *
 * Context: any context; not atomic.
 */
void bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	FOR_EACH_WORD(k, nbits)
		dst[k] = ~src[k];
}
EXPORT_SYMBOL(bitmap_complement);

/**
 * bitmap_find_next_zero_area - find a run of clear bits, aligned
 * @map: the bitmap
 * @size: its size in bits
 * @start: the bit to search from
 * @nr: the length of the run
 * @align_mask: the run's start is a multiple of @align_mask + 1
 *
 * Context: any context; takes no lock.
 * Return: the run's first bit, or a value greater than @size - @nr if there is none.
 */
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
