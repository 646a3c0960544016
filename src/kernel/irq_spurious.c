// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_spurious.c: lines nobody handles. As Linux 6.1's note_interrupt(): of every
 * 100,000 interrupts of a line, if more than 99,900 went unhandled (IRQ_NONE from every
 * handler, each within HZ/10 of the last), the line is reported -- "irq N: nobody cared"
 * with its handlers -- and disabled ("Disabling IRQ #N"). A result that is not a
 * combination of IRQ_HANDLED and IRQ_WAKE_THREAD is reported as a bogus return value.
 * At most 100 such reports per boot, as the kernel's. Not done: irqpoll/irqfixup and
 * the poll of a disabled line. */
#include <linux/jiffies.h>
#include <linux/printk.h>
#include "kernel/irq_internal.h"
#include "kernel/report.h"

static int reports_left;

void irq_spurious_reset(void)
{
	reports_left = 100;
}

static bool bad_action_ret(irqreturn_t action_ret)
{
	return (unsigned int)action_ret > (IRQ_HANDLED | IRQ_WAKE_THREAD);
}

static void __report_bad_irq(struct irq_desc *desc, irqreturn_t action_ret)
{
	unsigned int irq = desc->irq;
	unsigned long flags;

	report_begin();
	if (bad_action_ret(action_ret))
		printk(KERN_ERR "irq event %d: bogus return value %x\n", irq, action_ret);
	else
		printk(KERN_ERR "irq %d: nobody cared (try booting with "
		       "the \"irqpoll\" option)\n", irq);
	dump_stack();
	printk(KERN_ERR "handlers:\n");
	raw_spin_lock_irqsave(&desc->lock, flags);
	for (struct irqaction *action = desc->action; action; action = action->next) {
		printk(KERN_ERR "[<%p>] %ps", action->handler, action->handler);
		if (action->thread_fn)
			printk(KERN_CONT " threaded [<%p>] %ps", action->thread_fn,
			       action->thread_fn);
		printk(KERN_CONT "\n");
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

static void report_bad_irq(struct irq_desc *desc, irqreturn_t action_ret)
{
	if (__atomic_fetch_sub(&reports_left, 1, __ATOMIC_RELAXED) > 0)
		__report_bad_irq(desc, action_ret);
}

/* Accounts one delivery's result; hardirq context on the line's CPU. */
void note_interrupt(struct irq_desc *desc, irqreturn_t action_ret)
{
	unsigned long flags;

	if (bad_action_ret(action_ret)) {
		report_bad_irq(desc, action_ret);
		return;
	}
	if (action_ret == IRQ_NONE) {
		if (time_after(jiffies, desc->last_unhandled + HZ / 10))
			desc->irqs_unhandled = 1;
		else
			desc->irqs_unhandled++;
		desc->last_unhandled = jiffies;
	}
	if (likely(++desc->irq_count < 100000))
		return;
	desc->irq_count = 0;
	if (unlikely(desc->irqs_unhandled > 99900)) {
		__report_bad_irq(desc, action_ret);
		printk(KERN_EMERG "Disabling IRQ #%d\n", desc->irq);
		raw_spin_lock_irqsave(&desc->lock, flags);
		desc->istate |= IRQS_SPURIOUS_DISABLED;
		desc->depth++;
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	}
	desc->irqs_unhandled = 0;
}
