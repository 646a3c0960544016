/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/helpers/fake_clock.h: a clock the test steps by hand, installed as the device
 * models' clock (drivers/model_clock.h), so that timer and RTC tests check exact counts
 * and flags at chosen instants instead of watching the host's clock. Both clocks
 * (realtime and monotonic) start where fake_clock_install() puts them and move only
 * when fake_clock_advance() is called. Header-only: each test program has its own. */
#ifndef UKMEM_TEST_FAKE_CLOCK_H
#define UKMEM_TEST_FAKE_CLOCK_H
#include <time.h>
#include "drivers/model_clock.h"

static struct timespec fake_clock_realtime, fake_clock_monotonic;

static inline void fake_clock_read(clockid_t id, struct timespec *ts)
{
	*ts = id == CLOCK_REALTIME ? fake_clock_realtime : fake_clock_monotonic;
}

static inline void fake_clock_add(struct timespec *ts, long long ns)
{
	long long total = (long long)ts->tv_nsec + ns;

	ts->tv_sec += (time_t)(total / 1000000000LL);
	ts->tv_nsec = (long)(total % 1000000000LL);
	if (ts->tv_nsec < 0) {
		ts->tv_nsec += 1000000000L;
		ts->tv_sec--;
	}
}

/* Realtime at sec.nsec, monotonic at 1000.nsec; the models read them from now on. */
static inline void fake_clock_install(time_t sec, long nsec)
{
	fake_clock_realtime = (struct timespec){ sec, nsec };
	fake_clock_monotonic = (struct timespec){ 1000, nsec };
	model_clock_set(fake_clock_read);
}

static inline void fake_clock_advance(long long ns)
{
	fake_clock_add(&fake_clock_realtime, ns);
	fake_clock_add(&fake_clock_monotonic, ns);
}

/* Moves realtime to the nsec point of its current second (or of the next, if past). */
static inline void fake_clock_realtime_at(long nsec)
{
	long long delta = nsec - fake_clock_realtime.tv_nsec;

	fake_clock_advance(delta >= 0 ? delta : delta + 1000000000LL);
}
#endif
