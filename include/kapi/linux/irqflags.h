/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/irqflags.h: "interrupts" on a ukmem thread. Each thread has its irq flag
 * (current->irqs_off); disabling makes the context atomic exactly as in the kernel, and
 * flags hold the previous state. The outermost disable in task context also pins the
 * thread to its virtual CPU and holds that CPU's device interrupts off: a handler due
 * on that CPU waits until the last thread there enables again, and the disable waits
 * for a handler already running there (kernel/cpu.c). In hardirq context (the flag is
 * already set) these are plain flag changes. */
#ifndef UKMEM_LINUX_IRQFLAGS_H
#define UKMEM_LINUX_IRQFLAGS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/sched.h>

void ukmem_irq_hold(void);
void ukmem_irq_release(void);

static __always_inline void ukmem_local_irq_off(void)
{
	struct task_struct *task = current;

	if (!task->irqs_off) {
		ukmem_irq_hold();
		task->irqs_off = true;
	}
	barrier();
}

static __always_inline void ukmem_local_irq_on(void)
{
	struct task_struct *task = current;

	barrier();
	if (task->irqs_off) {
		task->irqs_off = false;
		ukmem_irq_release();
	}
}

#define local_irq_disable()	ukmem_local_irq_off()
#define local_irq_enable()	ukmem_local_irq_on()
#define local_irq_save(flags)	do { (flags) = current->irqs_off; ukmem_local_irq_off(); } while (0)
#define local_irq_restore(flags) \
	do { if (flags) ukmem_local_irq_off(); else ukmem_local_irq_on(); } while (0)
#define local_save_flags(flags)	do { (flags) = current->irqs_off; } while (0)
#define irqs_disabled()		(current->irqs_off)
#define irqs_disabled_flags(flags) (!!(flags))
#define raw_local_irq_save	local_irq_save
#define raw_local_irq_restore	local_irq_restore
#define raw_local_irq_disable	local_irq_disable
#define raw_local_irq_enable	local_irq_enable

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/irqflags.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#endif
#endif
