// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/math/rational.c: best rational approximation by continued fractions. The
 * convergents h/k of given_numerator/given_denominator are computed until one exceeds a
 * bound; then the answer is the previous convergent or the largest semi-convergent
 * within the bounds, whichever is closer (Linux's rule, ties included). */
#include <linux/kernel.h>
#include <linux/rational.h>
#include <linux/export.h>

/**
 * rational_best_approximation - the closest fraction within bounds
 * @given_numerator: numerator of the fraction to approximate
 * @given_denominator: its denominator
 * @max_numerator: largest numerator allowed
 * @max_denominator: largest denominator allowed
 * @best_numerator: gets the numerator found
 * @best_denominator: gets the denominator found
 *
 * Context: any.
 */
void rational_best_approximation(unsigned long given_numerator, unsigned long given_denominator,
				 unsigned long max_numerator, unsigned long max_denominator,
				 unsigned long *best_numerator, unsigned long *best_denominator)
{
	/* h_prev/k_prev and h/k: the last two convergents (starting with 0/1 and 1/0). */
	unsigned long num = given_numerator, den = given_denominator;
	unsigned long h_prev = 0, k_prev = 1, h = 1, k = 0;

	while (den) {
		unsigned long term = num / den, rem = num % den, old_den = den;
		unsigned long h_next = h_prev + term * h, k_next = k_prev + term * k;

		num = old_den;
		den = rem;
		if (h_next > max_numerator || k_next > max_denominator) {
			/* Largest t with h_prev + t*h and k_prev + t*k within the bounds. */
			unsigned long t = ULONG_MAX;

			if (k)
				t = (max_denominator - k_prev) / k;
			if (h)
				t = min(t, (max_numerator - h_prev) / h);
			/* The semi-convergent wins if t > term/2, or at exactly half if it
			 * is closer (compared without division); with no previous convergent
			 * it is the only candidate. */
			if (!k || 2 * t > term || (2 * t == term && k_prev * old_den > k * den)) {
				h = h_prev + t * h;
				k = k_prev + t * k;
			}
			break;
		}
		h_prev = h;
		k_prev = k;
		h = h_next;
		k = k_next;
	}
	*best_numerator = h;
	*best_denominator = k;
}
EXPORT_SYMBOL(rational_best_approximation);
