/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/hardirq.h: interrupt context tests (linux/preempt.h) and irq_enter/irq_exit,
 * which put the calling thread in and out of hardirq context. */
#ifndef UKMEM_LINUX_HARDIRQ_H
#define UKMEM_LINUX_HARDIRQ_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/preempt.h>
#include <linux/irqflags.h>

#define irq_enter()	do { local_irq_disable(); __preempt_count_add(HARDIRQ_OFFSET); } while (0)
#define irq_exit()	do { __preempt_count_sub(HARDIRQ_OFFSET); local_irq_enable(); } while (0)
#define lockdep_assert_in_irq()	do { } while (0)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/hardirq.h> brings with it, once this header is complete. */
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
