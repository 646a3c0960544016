// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/time.c: jiffies and the delays. jiffies_64 (and jiffies, the same storage)
 * count HZ ticks of the host's monotonic clock since boot, from INITIAL_JIFFIES: the
 * tick (CPU 0's hardirq thread, HZ times a second while a machine is up) stores the
 * value the clock gives, so it never drifts, and get_jiffies_64() refreshes it first,
 * so callers that need it exact (schedule_timeout, the semaphores) see it exact.
 * The value only grows (a compare-and-swap keeps the larger). msleep sleeps in
 * schedule_timeout; udelay and friends spin on the clock, as they may be used in
 * atomic context. */
#define UKMEM_JIFFIES_DEFINITION	/* jiffies itself, not its reads (see <linux/jiffies.h>) */
#include <time.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/export.h>
#include "kernel/cpu.h"
#include "machine/initcalls.h"

u64 jiffies_64 __attribute__((aligned(64))) = INITIAL_JIFFIES;
EXPORT_SYMBOL(jiffies_64);
extern unsigned long volatile jiffies __attribute__((alias("jiffies_64")));

static u64 boot_ns;	/* monotonic clock at boot; 0 until the first boot or tick read */

static u64 monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

static u64 boot_clock(void)
{
	u64 base = __atomic_load_n(&boot_ns, __ATOMIC_RELAXED), zero = 0;

	if (unlikely(!base)) {
		base = monotonic_ns();
		if (!__atomic_compare_exchange_n(&boot_ns, &zero, base, false, __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED))
			base = zero;
	}
	return base;
}

/* Sets jiffies from the clock reading now (never backwards); returns the value. */
static u64 jiffies_update(u64 now)
{
	u64 fresh = INITIAL_JIFFIES + (now - boot_clock()) / TICK_NSEC;
	u64 old = __atomic_load_n(&jiffies_64, __ATOMIC_RELAXED);

	while (fresh > old)
		if (__atomic_compare_exchange_n(&jiffies_64, &old, fresh, false,
						__ATOMIC_RELEASE, __ATOMIC_RELAXED))
			return fresh;
	return old;
}

/**
 * get_jiffies_64 - the 64-bit jiffies count, brought up to date first
 * ukmem's jiffies follow the host's monotonic clock: this refreshes them from it.
 *
 * Context: any context; takes no lock.
 * Return: the jiffies since boot (from INITIAL_JIFFIES).
 */
u64 get_jiffies_64(void)
{
	return jiffies_update(monotonic_ns());
}
EXPORT_SYMBOL(get_jiffies_64);

void timers_tick(unsigned long now);

/* The tick: jiffies, then the timer wheels that are due; the next tick's time. */
u64 tick_handle(u64 now)
{
	u64 now_jiffies = jiffies_update(now), ticks = now_jiffies - INITIAL_JIFFIES;

	timers_tick((unsigned long)now_jiffies);
	return boot_clock() + (ticks + 1) * TICK_NSEC;
}

int time_init(void)
{
	__atomic_store_n(&boot_ns, monotonic_ns(), __ATOMIC_RELAXED);
	__atomic_store_n(&jiffies_64, INITIAL_JIFFIES, __ATOMIC_RELAXED);
	return 0;
}

/**
 * ukmem_busy_wait_ns - spin for a number of nanoseconds
 * @ns: how long
 *
 * What ndelay(), udelay() and mdelay() call: a busy wait on the host's monotonic clock,
 * which also brings jiffies up to date.
 *
 * Context: any context, atomic included; never sleeps.
 */
void ukmem_busy_wait_ns(u64 ns)
{
	u64 now, end = monotonic_ns() + ns;

	while ((now = monotonic_ns()) < end)
		__builtin_ia32_pause();
	/* jiffies counts the wait even when no tick ran meanwhile (a busy host, or a fork
	 * child whose tick starts at its first timer). */
	jiffies_update(now);
}
EXPORT_SYMBOL(ukmem_busy_wait_ns);

/**
 * ukmem_msleep - sleep uninterruptibly for at least a number of milliseconds
 * @msecs: how long
 *
 * What msleep() calls, after might_sleep(); sleeps for at least one jiffy more, as Linux.
 *
 * Context: process context; sleeps.
 */
void ukmem_msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}
EXPORT_SYMBOL(ukmem_msleep);

/**
 * msleep_interruptible - sleep for some milliseconds unless a signal comes
 * @msecs: how long
 *
 * Context: process context; sleeps.
 * Return: the milliseconds left when a signal ended the sleep, else 0.
 */
unsigned long msleep_interruptible(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;

	while (timeout && !signal_pending(current))
		timeout = schedule_timeout_interruptible(timeout);
	return jiffies_to_msecs((unsigned long)timeout);
}
EXPORT_SYMBOL(msleep_interruptible);

/**
 * ukmem_usleep - sleep for a number of microseconds
 * @usecs: how long
 *
 * What usleep_range() calls (with its minimum), after might_sleep(); a host nanosleep,
 * restarted when a host signal breaks it.
 *
 * Context: process context; sleeps.
 */
void ukmem_usleep(unsigned long usecs)
{
	struct timespec ts = { (time_t)(usecs / USEC_PER_SEC),
			       (long)(usecs % USEC_PER_SEC) * NSEC_PER_USEC };

	while (nanosleep(&ts, &ts))
		;
}
EXPORT_SYMBOL(jiffies);
EXPORT_SYMBOL(ukmem_usleep);
