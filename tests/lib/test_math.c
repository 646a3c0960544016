// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/gcd.h, lcm.h, rational.h, bcd.h, circ_buf.h, average.h: the values Linux gives
 * (rational: the cases of lib/math/rational-test.c). */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/gcd.h>
#include <linux/lcm.h>
#include <linux/rational.h>
#include <linux/bcd.h>
#include <linux/circ_buf.h>
#include <linux/average.h>

Test(math, gcd_lcm)
{
	cr_assert_eq(gcd(12, 18), 6);
	cr_assert_eq(gcd(17, 5), 1);
	cr_assert_eq(gcd(0, 7), 7);
	cr_assert_eq(gcd(7, 0), 7);
	cr_assert_eq(gcd(0, 0), 0);
	cr_assert_eq(gcd(1UL << 40, 3UL << 20), 1UL << 20);
	cr_assert_eq(gcd(48000, 44100), 300);
	cr_assert_eq(lcm(4, 6), 12);
	cr_assert_eq(lcm(0, 6), 0);
	cr_assert_eq(lcm_not_zero(0, 6), 6);
	cr_assert_eq(lcm_not_zero(5, 0), 5);
}

Test(math, rational_best_approximation_linux_cases)
{
	static const struct {
		unsigned long num, den, max_num, max_den, exp_num, exp_den;
	} cases[] = {
		{ 1230, 10, 100, 20, 100, 1 },
		{ 34567, 100, 120, 20, 120, 1 },
		{ 1, 30, 100, 10, 0, 1 },
		{ 1, 19, 100, 10, 1, 10 },
		{ 27, 32, 16, 16, 11, 13 },
		{ 1155, 7735, 255, 255, 33, 221 },
		{ 87, 32, 70, 32, 68, 25 },
		{ 14533, 4626, 15000, 2400, 7433, 2366 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long n, d;

		rational_best_approximation(cases[i].num, cases[i].den, cases[i].max_num,
					    cases[i].max_den, &n, &d);
		cr_assert(n == cases[i].exp_num && d == cases[i].exp_den,
			  "case %zu: %lu/%lu", i, n, d);
	}
}

Test(math, bcd)
{
	unsigned char v = 0x59;
	unsigned int b = 42;

	cr_assert_eq(bcd2bin(v), 59);
	cr_assert_eq(bin2bcd(b), 0x42);
	cr_assert_eq(bcd2bin(0x23), 23);
	cr_assert_eq(bin2bcd(99), 0x99);
}

Test(math, circ_buf)
{
	cr_assert_eq(CIRC_CNT(5, 2, 8), 3);
	cr_assert_eq(CIRC_SPACE(5, 2, 8), 4, "one slot stays empty");
	cr_assert_eq(CIRC_CNT(1, 6, 8), 3);
	cr_assert_eq(CIRC_CNT_TO_END(1, 6, 8), 2);
	cr_assert_eq(CIRC_SPACE_TO_END(6, 1, 8), 2);
	cr_assert_eq(CIRC_SPACE(0, 0, 8), 7);
}

DECLARE_EWMA(test, 4, 8)

Test(math, ewma)
{
	struct ewma_test e;

	ewma_test_init(&e);
	cr_assert_eq(ewma_test_read(&e), 0);
	ewma_test_add(&e, 100);
	cr_assert_eq(ewma_test_read(&e), 100, "the first sample is taken whole");
	ewma_test_add(&e, 20);
	cr_assert_eq(ewma_test_read(&e), 90, "moves 1/8 of the way");
	for (int i = 0; i < 200; i++)
		ewma_test_add(&e, 20);
	cr_assert_leq(ewma_test_read(&e), 21);
	cr_assert_geq(ewma_test_read(&e), 20);
}
