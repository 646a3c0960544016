/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/jiffies.h: the tick counter. HZ is 250; jiffies counts ticks of the host's
 * monotonic clock since boot, starting at INITIAL_JIFFIES as the kernel does so that
 * 32-bit wrap bugs show up early; it is a variable the tick advances (kernel/time.c).
 * The time_* comparisons are wrap-safe. */
#ifndef UKMEM_LINUX_JIFFIES_H
#define UKMEM_LINUX_JIFFIES_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/types.h>
#include <linux/time64.h>

#define HZ		250
#define USER_HZ		100
#define TICK_NSEC	(NSEC_PER_SEC / HZ)
#define INITIAL_JIFFIES	((unsigned long)(unsigned int)(-300 * HZ))
#define MAX_JIFFY_OFFSET	((LONG_MAX >> 1) - 1)

/* Both advance with the tick, HZ times a second, computed from the monotonic clock;
 * get_jiffies_64() brings them up to date first, so it is exact between ticks. */
extern u64 jiffies_64;
extern unsigned long volatile jiffies;
u64 get_jiffies_64(void);
#if defined(__SANITIZE_THREAD__) && !defined(UKMEM_JIFFIES_DEFINITION)
/* Linux reads jiffies as a plain volatile word while the tick writes it; under
 * ThreadSanitizer each read is the relaxed atomic load that such a read is. */
#define jiffies (READ_ONCE(jiffies))
#endif

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_in_range(a, b, c)	(time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c)	(time_after_eq(a, b) && time_before(a, c))
#define time_after64(a, b)	((s64)((b) - (a)) < 0)
#define time_before64(a, b)	time_after64(b, a)
#define time_after_eq64(a, b)	((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b)	time_after_eq64(b, a)
#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)
#define time_is_before_eq_jiffies(a)	time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a)	time_before_eq(jiffies, a)

static inline unsigned int jiffies_to_msecs(const unsigned long j) { return (unsigned int)(j * (MSEC_PER_SEC / HZ)); }
static inline unsigned int jiffies_to_usecs(const unsigned long j) { return (unsigned int)(j * (USEC_PER_SEC / HZ)); }
static inline u64 jiffies_to_nsecs(const unsigned long j) { return (u64)j * TICK_NSEC; }
static inline u64 jiffies64_to_nsecs(u64 j) { return j * TICK_NSEC; }
static inline u64 jiffies64_to_msecs(u64 j) { return j * (MSEC_PER_SEC / HZ); }

/* Rounds up: a positive duration never becomes 0 ticks. */
static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}
static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (unsigned long)(((u64)u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ));
}
static inline unsigned long nsecs_to_jiffies(u64 n) { return (unsigned long)(n / TICK_NSEC); }
static inline u64 nsecs_to_jiffies64(u64 n) { return n / TICK_NSEC; }
/* Rounds an absolute time to a whole second (down when less than a quarter second
 * over), never into the past. */
static inline unsigned long round_jiffies(unsigned long j)
{
	unsigned long now = jiffies, rem = j % HZ;
	unsigned long rounded = rem < HZ / 4 ? j - rem : j - rem + HZ;

	return time_is_after_jiffies(rounded) ? rounded : (time_after(j, now) ? j : now);
}
static inline unsigned long round_jiffies_relative(unsigned long j)
{
	unsigned long now = jiffies;

	return round_jiffies(j + now) - now;
}
#define round_jiffies_up(j)	round_jiffies(j)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/jiffies.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/atomic.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
