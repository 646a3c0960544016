// SPDX-License-Identifier: LGPL-2.1-or-later
/* time64_to_tm() (kernel/time/timeconv.c): known dates, the offset, negative times and
 * far years, then agreement with the C library's gmtime_r() over a wide range. The
 * kernel's struct tm (tm_year is a long) is not the C library's: this file, which needs
 * the C library's too, declares the kernel's under another name. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ktm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon;
	long tm_year;
	int tm_wday, tm_yday;
};
void time64_to_tm(int64_t totalsecs, int offset, struct ktm *result);

static void expect_date(int64_t t, int offset, long year, int mon, int mday, int yday, int wday,
			int hour, int min, int sec)
{
	struct ktm tm;

	memset(&tm, 0x5a, sizeof(tm));
	time64_to_tm(t, offset, &tm);
	cr_expect_eq(tm.tm_year, year - 1900, "%lld: year %ld", (long long)t, tm.tm_year + 1900);
	cr_expect_eq(tm.tm_mon, mon - 1, "%lld: month %d", (long long)t, tm.tm_mon + 1);
	cr_expect_eq(tm.tm_mday, mday, "%lld: mday %d", (long long)t, tm.tm_mday);
	cr_expect_eq(tm.tm_yday, yday, "%lld: yday %d", (long long)t, tm.tm_yday);
	cr_expect_eq(tm.tm_wday, wday, "%lld: wday %d", (long long)t, tm.tm_wday);
	cr_expect_eq(tm.tm_hour, hour, "%lld: hour %d", (long long)t, tm.tm_hour);
	cr_expect_eq(tm.tm_min, min, "%lld: min %d", (long long)t, tm.tm_min);
	cr_expect_eq(tm.tm_sec, sec, "%lld: sec %d", (long long)t, tm.tm_sec);
}

Test(timeconv, known_dates)
{
	expect_date(0, 0, 1970, 1, 1, 0, 4, 0, 0, 0);			/* a Thursday */
	expect_date(-1, 0, 1969, 12, 31, 364, 3, 23, 59, 59);
	expect_date(951782400, 0, 2000, 2, 29, 59, 2, 0, 0, 0);		/* 400-year leap day */
	expect_date(951868799, 0, 2000, 2, 29, 59, 2, 23, 59, 59);
	expect_date(978307199, 0, 2000, 12, 31, 365, 0, 23, 59, 59);	/* day 366 of 2000 */
	expect_date(4107542400LL, 0, 2100, 3, 1, 59, 1, 0, 0, 0);	/* 2100: no 29 February */
	expect_date(2147483647, 0, 2038, 1, 19, 18, 2, 3, 14, 7);
	expect_date(-62135596800LL, 0, 1, 1, 1, 0, 1, 0, 0, 0);		/* 0001-01-01, a Monday */
	expect_date(-62167219200LL, 0, 0, 1, 1, 0, 6, 0, 0, 0);		/* year 0 is a leap year */
	expect_date(-62162121600LL, 0, 0, 2, 29, 59, 2, 0, 0, 0);
	/* The offset moves the time first, across days and years. */
	expect_date(0, -1, 1969, 12, 31, 364, 3, 23, 59, 59);
	expect_date(0, 3600 * 14, 1970, 1, 1, 0, 4, 14, 0, 0);
	expect_date(1704067199, 1, 2024, 1, 1, 0, 1, 0, 0, 0);
}

/* time64_to_tm(t) gives what gmtime_r() gives. */
static void expect_gmtime(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm want;
	struct ktm got;

	cr_assert_not_null(gmtime_r(&tt, &want));
	time64_to_tm(t, 0, &got);
	cr_assert(got.tm_year == want.tm_year && got.tm_mon == want.tm_mon &&
		  got.tm_mday == want.tm_mday && got.tm_yday == want.tm_yday &&
		  got.tm_wday == want.tm_wday && got.tm_hour == want.tm_hour &&
		  got.tm_min == want.tm_min && got.tm_sec == want.tm_sec, "%lld", (long long)t);
}

/* Every day from 1900 to 2200 and random seconds over +-30000 years agree with glibc. */
Test(timeconv, agrees_with_gmtime)
{
	int64_t t;
	unsigned int seed = 1;

	for (t = -2208988800LL; t < 7258118400LL; t += 86400 + 3607)
		expect_gmtime(t);
	for (int i = 0; i < 200000; i++) {
		int64_t r = ((int64_t)rand_r(&seed) << 31 | rand_r(&seed)) % 946728000000LL;

		expect_gmtime(rand_r(&seed) & 1 ? -r : r);
	}
}
