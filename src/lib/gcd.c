// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/math/gcd.c: Stein's binary algorithm (shifts and subtractions, no division). */
#include <linux/gcd.h>
#include <linux/export.h>

/**
 * gcd - greatest common divisor
 * @a: first number
 * @b: second number
 *
 * Context: any. Return: the divisor; gcd(x, 0) is x, gcd(0, 0) is 0.
 */
unsigned long gcd(unsigned long a, unsigned long b)
{
	int shift;

	if (!a || !b)
		return a | b;
	shift = __builtin_ctzl(a | b);	/* the power of two both share */
	a >>= __builtin_ctzl(a);
	do {
		b >>= __builtin_ctzl(b);
		if (a > b) {
			unsigned long t = a;

			a = b;
			b = t;
		}
		b -= a;
	} while (b);
	return a << shift;
}
EXPORT_SYMBOL_GPL(gcd);
