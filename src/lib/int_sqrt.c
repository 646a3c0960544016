// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/int_sqrt.c: floor of the square root of an unsigned long, bit by bit from the
 * highest even power of four down (no floating point, no libm). */
#include <linux/int_sqrt.h>
#include <linux/export.h>

/**
 * int_sqrt - the integer square root, rounded down
 * @x: the number
 *
 * Context: any context.
 * Return: the largest r with r * r <= @x.
 */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit;

	if (x < 2)
		return x;
	bit = 1UL << ((63 - __builtin_clzl(x)) & ~1);
	for (; bit; bit >>= 2) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
	}
	return root;
}
EXPORT_SYMBOL(int_sqrt);
