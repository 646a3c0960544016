/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/time.h: the kernel's time types and conversions (struct timespec64 and friends
 * are in <linux/time64.h>). */
#ifndef UKMEM_LINUX_TIME_H
#define UKMEM_LINUX_TIME_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/math64.h>
#include <linux/time64.h>

#ifdef __KERNEL__
/* A broken-down calendar time (programs mixing libc use the C library's struct tm). */
struct tm {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	long tm_year;	/* years since 1900 */
	int tm_wday;
	int tm_yday;
};

/* Seconds since the epoch, plus offset, as a calendar date (kernel/time/timeconv.c). */
void time64_to_tm(time64_t totalsecs, int offset, struct tm *result);
#endif

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/time.h> brings with it, once this header is complete. */
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
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
