/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/preempt.h: the per-thread preempt count and the context it encodes.
 * Invariant: every *_disable/_enter is paired with its *_enable/_exit on the same thread. */
#ifndef UKMEM_LINUX_PREEMPT_H
#define UKMEM_LINUX_PREEMPT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/sched.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4
#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)
#define PREEMPT_MASK	(((1U << PREEMPT_BITS) - 1) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(((1U << SOFTIRQ_BITS) - 1) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(((1U << HARDIRQ_BITS) - 1) << HARDIRQ_SHIFT)
#define NMI_MASK	(((1U << NMI_BITS) - 1) << NMI_SHIFT)
#define PREEMPT_OFFSET	(1U << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1U << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1U << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1U << NMI_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)

#define preempt_count()		(current->preempt_count)
#define __preempt_count_add(v)	(current->preempt_count += (v))
#define __preempt_count_sub(v)	(current->preempt_count -= (v))
#define preempt_count_add(v)	__preempt_count_add(v)
#define preempt_count_sub(v)	__preempt_count_sub(v)

#define preempt_disable()		do { __preempt_count_add(1); barrier(); } while (0)
#define preempt_enable()		do { barrier(); __preempt_count_sub(1); } while (0)
#define preempt_enable_no_resched()	preempt_enable()
#define preempt_disable_notrace()	preempt_disable()
#define preempt_enable_notrace()	preempt_enable()

#define hardirq_count()	(preempt_count() & HARDIRQ_MASK)
#define softirq_count()	(preempt_count() & SOFTIRQ_MASK)
#define irq_count()	(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))
#define in_nmi()	(preempt_count() & NMI_MASK)
#define in_hardirq()	(hardirq_count())
#define in_irq()	in_hardirq()
#define in_softirq()	(softirq_count())
#define in_serving_softirq() (softirq_count() & SOFTIRQ_OFFSET)
#define in_interrupt()	(irq_count())
#define in_task()	(!(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET)))
#define in_atomic()	(preempt_count() != 0)
#define preemptible()	(preempt_count() == 0 && !current->irqs_off)

/* Keep the task on its CPU while leaving it preemptible: ukmem pins the thread's virtual
 * CPU, as get_cpu() does without disabling preemption (<linux/smp.h>). Nested calls
 * count. */
#define migrate_disable()	((void)ukmem_cpu_pin())
#define migrate_enable()	ukmem_cpu_unpin()

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/preempt.h> brings with it, once this header is complete. */
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
