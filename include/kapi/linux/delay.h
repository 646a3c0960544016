/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/delay.h: delays. udelay/ndelay/mdelay busy-wait and are allowed in atomic
 * context; msleep, usleep_range, ssleep and fsleep sleep and are sleeping calls,
 * reported from atomic context at the caller's line. */
#ifndef UKMEM_LINUX_DELAY_H
#define UKMEM_LINUX_DELAY_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/kernel.h>
#include <linux/jiffies.h>

void ukmem_busy_wait_ns(u64 ns);
void ukmem_msleep(unsigned int msecs);
void ukmem_usleep(unsigned long usecs);

#define ndelay(n)	ukmem_busy_wait_ns((u64)(n))
#define udelay(n)	ukmem_busy_wait_ns((u64)(n) * NSEC_PER_USEC)
#define mdelay(n)	ukmem_busy_wait_ns((u64)(n) * NSEC_PER_MSEC)
#define msleep(ms)	do { might_sleep(); ukmem_msleep(ms); } while (0)
unsigned long msleep_interruptible(unsigned int msecs);
#define ssleep(s)	msleep((s) * 1000)
#define usleep_range(min, max)	do { might_sleep(); ukmem_usleep(min); } while (0)
#define usleep_range_state(min, max, state)	usleep_range(min, max)
#define usleep_idle_range(min, max)	usleep_range(min, max)
#define fsleep(usecs)	usleep_range(usecs, (usecs) * 2)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/delay.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#endif
#endif
