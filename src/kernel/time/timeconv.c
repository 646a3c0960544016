// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/time/timeconv.c: seconds since the epoch to a broken-down calendar date
 * (time64_to_tm), in the proleptic Gregorian calendar for any time64_t whose year fits,
 * negative times included. The date is found from the day number by counting in
 * 400-year eras (146097 days each) of years that start on 1 March, so that the leap day
 * is the last day of its year and needs no special case. */
#define __KERNEL__	/* struct tm is the kernel's (tm_year a long), not the C library's */
#include <linux/export.h>
#include <linux/math64.h>
#include <linux/time.h>

#define SECS_PER_HOUR	(60 * 60)
#define SECS_PER_DAY	(SECS_PER_HOUR * 24)
#define DAYS_PER_ERA	146097		/* 400 years */
#define DAYS_0000_03_01_TO_EPOCH 719468	/* from 0000-03-01 to 1970-01-01 */

static bool is_leap_year(long year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/* An integer division rounding down, for a possibly negative dividend. */
static s64 div_floor(s64 n, s64 d)
{
	s64 q = n / d;

	return (n % d < 0) ? q - 1 : q;
}

/**
 * time64_to_tm() - convert seconds since 1970-01-01 00:00 UTC to a calendar date
 * @totalsecs: the time, seconds since the epoch (negative: before it)
 * @offset: seconds added first (a timezone's offset from UTC)
 * @result: the date: tm_year is years since 1900, tm_mon 0..11, tm_mday 1..31,
 *          tm_yday 0..365, tm_wday 0..6 (0 Sunday), tm_hour, tm_min, tm_sec
 *
 * Context: any; no locks, no sleeping.
 */
void time64_to_tm(time64_t totalsecs, int offset, struct tm *result)
{
	s64 secs = totalsecs + offset;
	s64 days = div_floor(secs, SECS_PER_DAY);
	int rem = (int)(secs - days * SECS_PER_DAY);
	s64 era, day_of_era, year_of_era, day_of_year, mp, z;
	long year;
	int month, mday;

	result->tm_hour = rem / SECS_PER_HOUR;
	rem %= SECS_PER_HOUR;
	result->tm_min = rem / 60;
	result->tm_sec = rem % 60;
	/* 1970-01-01 was a Thursday. */
	result->tm_wday = (int)((days % 7 + 4 + 7) % 7);

	z = days + DAYS_0000_03_01_TO_EPOCH;
	era = div_floor(z, DAYS_PER_ERA);
	day_of_era = z - era * DAYS_PER_ERA;				/* 0 .. 146096 */
	year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
		       day_of_era / (DAYS_PER_ERA - 1)) / 365;		/* 0 .. 399 */
	day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	mp = (5 * day_of_year + 2) / 153;				/* 0 = March */
	mday = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
	month = (int)(mp < 10 ? mp + 3 : mp - 9);			/* 1 .. 12 */
	year = (long)(year_of_era + era * 400) + (month <= 2);

	result->tm_year = year - 1900;
	result->tm_mon = month - 1;
	result->tm_mday = mday;
	/* 1 January is day 306 of the year that began on 1 March. */
	result->tm_yday = (int)(day_of_year >= 306 ? day_of_year - 306
						  : day_of_year + 59 + is_leap_year(year));
}
EXPORT_SYMBOL(time64_to_tm);
