// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/math/lcm.c: least common multiple through gcd (divided first, so that only a
 * result too large for unsigned long overflows). */
#include <linux/gcd.h>
#include <linux/lcm.h>
#include <linux/export.h>

/* lcm(a, b), 0 if either is 0. Context: any. */
unsigned long lcm(unsigned long a, unsigned long b)
{
	if (!a || !b)
		return 0;
	return (a / gcd(a, b)) * b;
}
EXPORT_SYMBOL_GPL(lcm);

/* As lcm, but with one of them 0 the other. Context: any. */
unsigned long lcm_not_zero(unsigned long a, unsigned long b)
{
	unsigned long l = lcm(a, b);

	return l ? l : (b ? b : a);
}
EXPORT_SYMBOL_GPL(lcm_not_zero);
