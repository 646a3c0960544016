// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/math/lcm.c: least common multiple through gcd (divided first, so that only a
 * result too large for unsigned long overflows). */
#include <linux/gcd.h>
#include <linux/lcm.h>
#include <linux/export.h>

/**
 * lcm - the least common multiple of two numbers
 * @a: a number
 * @b: another
 *
 * Context: any context.
 * Return: the multiple, or 0 if either is 0.
 */
unsigned long lcm(unsigned long a, unsigned long b)
{
	if (!a || !b)
		return 0;
	return (a / gcd(a, b)) * b;
}
EXPORT_SYMBOL_GPL(lcm);

/**
 * lcm_not_zero - lcm(), but the nonzero number when one is 0
 * @a: a number
 * @b: another
 *
 * Context: any context.
 * Return: the multiple, or the nonzero one of @a and @b, or 0 if both are 0.
 */
unsigned long lcm_not_zero(unsigned long a, unsigned long b)
{
	unsigned long l = lcm(a, b);

	return l ? l : (b ? b : a);
}
EXPORT_SYMBOL_GPL(lcm_not_zero);
