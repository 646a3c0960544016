// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_handle.c: running a line's actions. The primary handlers of a line run one
 * after another in hardirq context (the line's delivery, kernel/irq_chip.c); a handler
 * returning IRQ_WAKE_THREAD wakes its action's thread. Their results, or-ed together,
 * go to the spurious-interrupt accounting (kernel/irq_spurious.c). Invariant: a thread
 * is woken at most once per run (IRQTF_RUNTHREAD), and desc->threads_active counts the
 * threads woken and not finished, which synchronize_irq() waits for. */
#include <linux/bitops.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include "kernel/irq_internal.h"

enum { IRQTF_WARNED = 8 };

static void warn_no_thread(unsigned int irq, struct irqaction *action)
{
	if (test_and_set_bit(IRQTF_WARNED, &action->thread_flags))
		return;
	printk(KERN_WARNING "IRQ %d device %s returned IRQ_WAKE_THREAD "
	       "but no thread function available.", irq, action->name);
}

/* Wakes action's thread, once until it has run. Any context. */
void irq_wake_thread_action(struct irq_desc *desc, struct irqaction *action)
{
	unsigned long flags;

	if (test_and_set_bit(IRQTF_RUNTHREAD, &action->thread_flags))
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	desc->threads_oneshot |= action->thread_mask;
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	atomic_inc(&desc->threads_active);
	wake_up_process(action->thread);
}

/* Runs every primary handler of the line; hardirq context, desc->lock not held. */
irqreturn_t handle_irq_event_percpu(struct irq_desc *desc)
{
	unsigned int irq = desc->irq;
	irqreturn_t retval = IRQ_NONE;

	for (struct irqaction *action = smp_load_acquire(&desc->action); action;
	     action = smp_load_acquire(&action->next)) {
		irqreturn_t res = action->handler((int)irq, action->dev_id);

		if (WARN_ONCE(!irqs_disabled(), "irq %u handler %pS enabled interrupts\n",
			      irq, action->handler))
			current->irqs_off = true;	/* hardirq context: no CPU hold */
		if (res == IRQ_WAKE_THREAD) {
			if (!action->thread_fn)
				warn_no_thread(irq, action);
			else
				irq_wake_thread_action(desc, action);
		}
		retval |= res;
	}
	note_interrupt(desc, retval);
	return retval;
}
