// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/find_bit.c: searching bitmaps word by word. Every search returns size when no
 * bit qualifies; bits at or past size are never reported. */
#include <linux/bitops.h>
#include <linux/bitmap.h>
#include <linux/export.h>

/* Scans for a set bit in (word ^ invert), starting at offset. */
static unsigned long find_next(const unsigned long *addr, unsigned long size,
			       unsigned long offset, unsigned long invert)
{
	unsigned long word;

	if (offset >= size)
		return size;
	word = (addr[BIT_WORD(offset)] ^ invert) & BITMAP_FIRST_WORD_MASK(offset);
	offset &= ~(BITS_PER_LONG - 1);
	while (!word) {
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		word = addr[BIT_WORD(offset)] ^ invert;
	}
	offset += __ffs(word);
	return offset < size ? offset : size;
}

/**
 * find_next_bit - the next set bit of a bitmap at or after a position
 * @addr: the bitmap
 * @size: its size in bits
 * @offset: the bit to start at
 *
 * Context: any context; takes no lock.
 * Return: the bit number, or @size if there is none.
 */
unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return find_next(addr, size, offset, 0);
}
EXPORT_SYMBOL(find_next_bit);

/**
 * find_next_zero_bit - the next clear bit of a bitmap at or after a position
 * @addr: the bitmap
 * @size: its size in bits
 * @offset: the bit to start at
 *
 * Context: any context; takes no lock.
 * Return: the bit number, or @size if there is none.
 */
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset)
{
	return find_next(addr, size, offset, ~0UL);
}
EXPORT_SYMBOL(find_next_zero_bit);

/**
 * find_last_bit - the last set bit of a bitmap
 * @addr: the bitmap
 * @size: its size in bits
 *
 * Context: any context; takes no lock.
 * Return: the bit number, or @size if no bit is set.
 */
unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long idx;

	if (!size)
		return size;
	idx = (size - 1) / BITS_PER_LONG;
	for (unsigned long mask = BITMAP_LAST_WORD_MASK(size);; mask = ~0UL) {
		unsigned long word = addr[idx] & mask;

		if (word)
			return idx * BITS_PER_LONG + __fls(word);
		if (!idx--)
			return size;
	}
}
EXPORT_SYMBOL(find_last_bit);
