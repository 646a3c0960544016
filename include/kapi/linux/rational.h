/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/rational.h: the fraction with bounded numerator and denominator closest to a
 * given one (clock and baud-rate dividers). */
#ifndef UKMEM_LINUX_RATIONAL_H
#define UKMEM_LINUX_RATIONAL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

void rational_best_approximation(unsigned long given_numerator, unsigned long given_denominator,
				 unsigned long max_numerator, unsigned long max_denominator,
				 unsigned long *best_numerator, unsigned long *best_denominator);

#pragma pop_macro("__UKMEM_INNER")
#endif
