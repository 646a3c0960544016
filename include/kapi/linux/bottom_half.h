/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bottom_half.h: holding off softirqs on this CPU. The outermost
 * local_bh_disable() in task context pins the thread to its CPU and waits while that
 * CPU's softirqs run; until the matching local_bh_enable() none start there (softirqs
 * raised meanwhile run after it). Nested calls, and calls in softirq or hardirq context,
 * only count in the preempt count (in_softirq() is true until re-enabled). */
#ifndef UKMEM_LINUX_BOTTOM_HALF_H
#define UKMEM_LINUX_BOTTOM_HALF_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/preempt.h>

void ukmem_bh_hold(void);
void ukmem_bh_release(void);

static inline void local_bh_disable(void)
{
	if (!(preempt_count() & (SOFTIRQ_MASK | HARDIRQ_MASK | NMI_MASK)))
		ukmem_bh_hold();
	__preempt_count_add(SOFTIRQ_DISABLE_OFFSET);
}

static inline void local_bh_enable(void)
{
	__preempt_count_sub(SOFTIRQ_DISABLE_OFFSET);
	if (ukmem_current_task.ukmem_bh_cpu && !(preempt_count() & SOFTIRQ_MASK))
		ukmem_bh_release();
}

#define _local_bh_enable()	local_bh_enable()
#define local_bh_enable_ip(ip)	local_bh_enable()
#define local_bh_disable_ip(ip, cnt)	local_bh_disable()

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/bottom_half.h> brings with it, once this header is complete. */
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
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
