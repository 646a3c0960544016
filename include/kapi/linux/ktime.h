/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/ktime.h: ktime_t, nanoseconds in an s64, and its arithmetic. The clocks that
 * produce it are in linux/timekeeping.h. */
#ifndef UKMEM_LINUX_KTIME_H
#define UKMEM_LINUX_KTIME_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/time64.h>
#include <linux/jiffies.h>

typedef s64 ktime_t;

static inline ktime_t ktime_set(s64 secs, unsigned long nsecs)
{
	if (unlikely(secs >= KTIME_SEC_MAX))
		return KTIME_MAX;
	return secs * NSEC_PER_SEC + (s64)nsecs;
}

#define ktime_sub(lhs, rhs)	((lhs) - (rhs))
#define ktime_add(lhs, rhs)	((lhs) + (rhs))
#define ktime_add_unsafe(lhs, rhs)	((u64)(lhs) + (rhs))
#define ktime_add_ns(kt, nsval)	((kt) + (nsval))
#define ktime_sub_ns(kt, nsval)	((kt) - (nsval))
#define ktime_add_us(kt, usec)	ktime_add_ns(kt, (u64)(usec) * NSEC_PER_USEC)
#define ktime_add_ms(kt, msec)	ktime_add_ns(kt, (u64)(msec) * NSEC_PER_MSEC)
#define ktime_sub_us(kt, usec)	ktime_sub_ns(kt, (u64)(usec) * NSEC_PER_USEC)
#define ktime_sub_ms(kt, msec)	ktime_sub_ns(kt, (u64)(msec) * NSEC_PER_MSEC)

static inline ktime_t timespec64_to_ktime(struct timespec64 ts) { return ktime_set(ts.tv_sec, ts.tv_nsec); }
static inline s64 ktime_to_ns(const ktime_t kt) { return kt; }
static inline s64 ktime_to_us(const ktime_t kt) { return kt / NSEC_PER_USEC; }
static inline s64 ktime_to_ms(const ktime_t kt) { return kt / NSEC_PER_MSEC; }
static inline ktime_t ns_to_ktime(u64 ns) { return (ktime_t)ns; }
static inline ktime_t us_to_ktime(u64 us) { return (ktime_t)(us * NSEC_PER_USEC); }
static inline ktime_t ms_to_ktime(u64 ms) { return (ktime_t)(ms * NSEC_PER_MSEC); }
static inline struct timespec64 ktime_to_timespec64(ktime_t kt) { return ns_to_timespec64(kt); }
static inline int ktime_compare(const ktime_t a, const ktime_t b) { return a < b ? -1 : a > b; }
static inline bool ktime_after(const ktime_t a, const ktime_t b) { return ktime_compare(a, b) > 0; }
static inline bool ktime_before(const ktime_t a, const ktime_t b) { return ktime_compare(a, b) < 0; }
static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_us(ktime_sub(later, earlier));
}
static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_ms(ktime_sub(later, earlier));
}
static inline ktime_t ktime_divns(const ktime_t kt, s64 div) { return kt / div; }

#include <linux/timekeeping.h>

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/ktime.h> brings with it, once this header is complete. */
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
