/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bitmap.h: fixed-size bit arrays (DECLARE_BITMAP) and whole-bitmap operations.
 * Bits past nbits in the last word are ignored by every query. */
#ifndef UKMEM_LINUX_BITMAP_H
#define UKMEM_LINUX_BITMAP_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/string.h>
#include <linux/types.h>
#include <linux/bitops.h>

#define BITMAP_FIRST_WORD_MASK(start)	(~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits)	(~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0xff, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	memcpy(dst, src, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

void bitmap_set(unsigned long *map, unsigned int start, unsigned int nbits);
void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nbits);
unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits);
bool bitmap_empty(const unsigned long *src, unsigned int nbits);
bool bitmap_full(const unsigned long *src, unsigned int nbits);
bool bitmap_equal(const unsigned long *a, const unsigned long *b, unsigned int nbits);
bool bitmap_intersects(const unsigned long *a, const unsigned long *b, unsigned int nbits);
bool bitmap_subset(const unsigned long *a, const unsigned long *b, unsigned int nbits);
bool bitmap_and(unsigned long *dst, const unsigned long *a, const unsigned long *b, unsigned int nbits);
void bitmap_or(unsigned long *dst, const unsigned long *a, const unsigned long *b, unsigned int nbits);
void bitmap_xor(unsigned long *dst, const unsigned long *a, const unsigned long *b, unsigned int nbits);
bool bitmap_andnot(unsigned long *dst, const unsigned long *a, const unsigned long *b, unsigned int nbits);
void bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits);
/* First index >= start of a run of nr zero bits whose index & align_mask == 0;
 * a value > size - nr when there is none. */
unsigned long bitmap_find_next_zero_area(unsigned long *map, unsigned long size,
					 unsigned long start, unsigned int nr,
					 unsigned long align_mask);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/bitmap.h> brings with it, once this header is complete. */
#include <linux/align.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/byteorder/little_endian.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/jump_label.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/overflow.h>
#endif
#endif
