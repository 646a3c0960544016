// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_manage.c: installing and removing interrupt handlers, and turning lines on
 * and off -- Linux 6.1's request_threaded_irq(), free_irq(), disable_irq() & co, with
 * their rules and error codes: a shared line needs IRQF_SHARED and a dev_id from every
 * requester and one trigger type and oneshot setting; a threaded handler without a
 * primary one needs IRQF_ONESHOT. Each action with a thread_fn has its own kthread
 * "irq/N-name", which runs thread_fn in process context whenever the primary handler
 * returns IRQ_WAKE_THREAD; with IRQF_ONESHOT a level line stays masked until the
 * threads finish. Invariants: desc->request_mutex serialises request and free of a
 * line; an action is unlinked under desc->lock and freed only after the line's
 * deliveries and its thread are done with it. */
#include <linux/bitops.h>
#include <linux/export.h>
#include <linux/kthread.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include "kernel/irq_internal.h"
#include "machine/boot.h"

static irqreturn_t irq_default_primary_handler(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

/* The thread has run: unmask a oneshot line once all its threads are done. */
static void irq_finalize_oneshot(struct irq_desc *desc, struct irqaction *action)
{
	unsigned long flags;

	if (!(action->flags & IRQF_ONESHOT))
		return;
	for (;;) {
		raw_spin_lock_irqsave(&desc->lock, flags);
		if (!desc->inprogress)
			break;
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		cpu_relax();	/* the primary handlers are running: they may wake us again */
	}
	if (!test_bit(IRQTF_RUNTHREAD, &action->thread_flags)) {
		desc->threads_oneshot &= ~action->thread_mask;
		if (!desc->threads_oneshot && desc->oneshot_masked) {
			desc->oneshot_masked = false;
			irq_desc_kick(desc);
		}
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

static int irq_thread(void *data)
{
	struct irqaction *action = data;
	struct irq_desc *desc = &irq_descs[action->irq];

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (test_and_clear_bit(IRQTF_RUNTHREAD, &action->thread_flags)) {
			__set_current_state(TASK_RUNNING);
			action->thread_fn((int)action->irq, action->dev_id);
			irq_finalize_oneshot(desc, action);
			if (atomic_dec_and_test(&desc->threads_active))
				wake_up_all(&desc->wait_for_threads);
			continue;
		}
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Links new into desc's action list, or says why not (Linux's __setup_irq). */
static int setup_action(struct irq_desc *desc, struct irqaction *new)
{
	struct irqaction *old, **old_ptr = &desc->action;
	unsigned long thread_mask = 0, flags;
	bool shared = false;

	raw_spin_lock_irqsave(&desc->lock, flags);
	old = *old_ptr;
	if (old) {
		if (!((old->flags & new->flags) & IRQF_SHARED) ||
		    (old->flags & IRQF_TRIGGER_MASK) != (new->flags & IRQF_TRIGGER_MASK) ||
		    ((old->flags ^ new->flags) & IRQF_ONESHOT) ||
		    ((old->flags ^ new->flags) & IRQF_PERCPU))
			goto mismatch;
		do {
			thread_mask |= old->thread_mask;
			old_ptr = &old->next;
			old = *old_ptr;
		} while (old);
		shared = true;
	}
	if (new->flags & IRQF_ONESHOT) {
		if (thread_mask == ~0UL) {
			raw_spin_unlock_irqrestore(&desc->lock, flags);
			return -EBUSY;
		}
		new->thread_mask = 1UL << ffz(thread_mask);
	} else if (new->handler == irq_default_primary_handler) {
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		pr_err("Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %d)\n",
		       new->name, desc->irq);
		return -EINVAL;
	}
	if (!shared) {
		desc->istate &= ~(IRQS_AUTODETECT | IRQS_SPURIOUS_DISABLED | IRQS_ONESHOT |
				  IRQS_WAITING | IRQS_PENDING);
		if (new->flags & IRQF_ONESHOT)
			desc->istate |= IRQS_ONESHOT;
		desc->oneshot_masked = false;
		desc->threads_oneshot = 0;
		desc->depth = new->flags & IRQF_NO_AUTOEN ? 1 : 0;
	}
	smp_store_release(old_ptr, new);	/* handlers walk the list unlocked */
	desc->irq_count = 0;
	desc->irqs_unhandled = 0;
	if (shared && (desc->istate & IRQS_SPURIOUS_DISABLED)) {
		desc->istate &= ~IRQS_SPURIOUS_DISABLED;
		if (desc->depth)
			desc->depth--;
	}
	irq_desc_kick(desc);	/* a level line already high */
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return 0;

mismatch:
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (!(new->flags & IRQF_PROBE_SHARED))
		pr_err("Flags mismatch irq %d. %08x (%s) vs. %08x (%s)\n", desc->irq, new->flags,
		       new->name, old->flags, old->name);
	return -EBUSY;
}

/**
 * request_threaded_irq - install a handler on an interrupt line
 * @irq: the line (0..nr_irqs-1)
 * @handler: primary handler, run in hardirq context; NULL for the default one, which
 *	     wakes @thread_fn (then IRQF_ONESHOT is required)
 * @thread_fn: handler run in the action's "irq/N-name" kthread, or NULL
 * @irqflags: IRQF_*
 * @devname: the name shown in /proc/interrupts (kept, not copied)
 * @dev_id: passed to the handlers; required with IRQF_SHARED, and what free_irq()
 *	    identifies the action by
 *
 * The line is enabled (unless IRQF_NO_AUTOEN) and the handler may run before this
 * returns.
 *
 * Context: process context, may sleep.
 * Return: 0; -EINVAL for a bad line, bad flags or no handler; -EBUSY when the line is
 * taken and cannot be shared (with the kernel's "Flags mismatch" message); -ENOMEM. On
 * error nothing changed.
 */
int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			 unsigned long irqflags, const char *devname, void *dev_id)
{
	struct irq_desc *desc;
	struct irqaction *action;
	int ret;

	might_sleep();
	if (irq == IRQ_NOTCONNECTED)
		return -ENOTCONN;
	if (((irqflags & IRQF_SHARED) && !dev_id) ||
	    ((irqflags & IRQF_SHARED) && (irqflags & IRQF_NO_AUTOEN)) ||
	    (!(irqflags & IRQF_SHARED) && (irqflags & IRQF_COND_SUSPEND)) ||
	    (!(irqflags & IRQF_NO_SUSPEND) && (irqflags & IRQF_EARLY_RESUME)))
		return -EINVAL;
	ukmem_ensure_booted();
	desc = irq_to_desc_checked(irq);
	if (!desc)
		return -EINVAL;
	if (!handler) {
		if (!thread_fn)
			return -EINVAL;
		handler = irq_default_primary_handler;
	}
	action = kzalloc(sizeof(*action), GFP_KERNEL);
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->thread_fn = thread_fn;
	action->flags = (unsigned int)irqflags;
	action->name = devname;
	action->dev_id = dev_id;
	action->irq = irq;

	mutex_lock(&desc->request_mutex);
	if (thread_fn) {
		struct task_struct *t = kthread_create(irq_thread, action, "irq/%d-%s", irq,
						       devname);

		if (IS_ERR(t)) {
			mutex_unlock(&desc->request_mutex);
			kfree(action);
			return PTR_ERR(t);
		}
		action->thread = t;
	}
	ret = setup_action(desc, action);
	if (ret) {
		if (action->thread)
			kthread_stop(action->thread);
		kfree(action);
	} else if (action->thread) {
		wake_up_process(action->thread);
	}
	if (!ret && desc->mask && desc->action == action && !action->next)
		desc->mask(desc->mask_data, false);	/* startup: unmask in the device */
	mutex_unlock(&desc->request_mutex);
	return ret;
}
EXPORT_SYMBOL(request_threaded_irq);

/**
 * request_any_context_irq - request_irq(); ukmem's lines are never nested
 * @irq: the line
 * @handler: the handler, run in hardirq context
 * @flags: IRQF_*
 * @name: the name in /proc/interrupts
 * @dev_id: the handler's cookie
 *
 * Context: process context, may sleep. Return: IRQC_IS_HARDIRQ (0) or -errno.
 */
int request_any_context_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
			    const char *name, void *dev_id)
{
	return request_threaded_irq(irq, handler, NULL, flags, name, dev_id);
}
EXPORT_SYMBOL_GPL(request_any_context_irq);

static void wait_for_deliveries(struct irq_desc *desc)
{
	unsigned long flags;

	for (;;) {
		bool busy;

		raw_spin_lock_irqsave(&desc->lock, flags);
		busy = desc->queued || desc->inprogress;
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		if (!busy)
			return;
		wait_event_timeout(desc->wait_for_threads,
				   !READ_ONCE(desc->queued) && !READ_ONCE(desc->inprogress), 1);
	}
}

/**
 * synchronize_hardirq - wait for the line's primary handlers to return
 * @irq: the line
 *
 * Waits until no delivery of the line is queued or running.
 *
 * Context: process context (must not be called holding anything its handler needs).
 * Return: whether no threaded handler is active either.
 */
bool synchronize_hardirq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);

	if (!desc)
		return true;
	wait_for_deliveries(desc);
	return !atomic_read(&desc->threads_active);
}
EXPORT_SYMBOL(synchronize_hardirq);

/**
 * synchronize_irq - wait for the line's handlers, primary and threaded, to finish
 * @irq: the line
 *
 * On return no handler of the line runs, and none will for interrupts raised before
 * the call unless the line is raised again.
 *
 * Context: process context, may sleep.
 */
void synchronize_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);

	might_sleep();
	if (!desc)
		return;
	wait_for_deliveries(desc);
	wait_event(desc->wait_for_threads, !atomic_read(&desc->threads_active));
}
EXPORT_SYMBOL(synchronize_irq);

/**
 * free_irq - remove a handler installed by request_irq()
 * @irq: the line
 * @dev_id: the cookie the handler was requested with
 *
 * Waits for the handler (and its thread) to finish; the line is masked when its last
 * handler goes. Freeing what is not installed gives the kernel's WARNING "Trying to
 * free already-free IRQ N".
 *
 * Context: process context, may sleep.
 * Return: the devname given to request_irq(), or NULL.
 */
const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);
	struct irqaction *action, **action_ptr;
	const char *devname;
	unsigned long flags;

	might_sleep();
	if (!desc)
		return NULL;
	mutex_lock(&desc->request_mutex);
	raw_spin_lock_irqsave(&desc->lock, flags);
	action_ptr = &desc->action;
	for (;;) {
		action = *action_ptr;
		if (!action) {
			raw_spin_unlock_irqrestore(&desc->lock, flags);
			mutex_unlock(&desc->request_mutex);
			WARN(1, "Trying to free already-free IRQ %d\n", irq);
			return NULL;
		}
		if (action->dev_id == dev_id)
			break;
		action_ptr = &action->next;
	}
	WRITE_ONCE(*action_ptr, action->next);	/* handlers walk the list unlocked */
	if (!desc->action) {
		desc->depth = 1;
		desc->istate &= ~IRQS_PENDING;
		desc->oneshot_masked = false;
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (!desc->action && desc->mask)
		desc->mask(desc->mask_data, true);	/* shutdown: mask in the device */

	wait_for_deliveries(desc);	/* no primary handler still sees the action */
	if (action->thread) {
		wait_event(desc->wait_for_threads,
			   !test_bit(IRQTF_RUNTHREAD, &action->thread_flags) &&
			   !atomic_read(&desc->threads_active));
		kthread_stop(action->thread);
	}
	raw_spin_lock_irqsave(&desc->lock, flags);
	desc->threads_oneshot &= ~action->thread_mask;
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	mutex_unlock(&desc->request_mutex);
	devname = action->name;
	kfree(action);
	return devname;
}
EXPORT_SYMBOL(free_irq);

static struct irq_desc *disable_desc(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);
	unsigned long flags;

	if (!desc)
		return NULL;
	raw_spin_lock_irqsave(&desc->lock, flags);
	desc->depth++;
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return desc;
}

/**
 * disable_irq_nosync - disable a line without waiting
 * @irq: the line
 *
 * Disables nest: the line is enabled again by as many enable_irq() calls. An edge
 * raised meanwhile is delivered at the enable.
 *
 * Context: any.
 */
void disable_irq_nosync(unsigned int irq)
{
	disable_desc(irq);
}
EXPORT_SYMBOL(disable_irq_nosync);

/**
 * disable_irq - disable a line and wait for its handlers to finish
 * @irq: the line
 *
 * Context: process context, may sleep; never from the line's own handler (it would
 * wait for itself, as in the kernel).
 */
void disable_irq(unsigned int irq)
{
	might_sleep();
	if (disable_desc(irq))
		synchronize_irq(irq);
}
EXPORT_SYMBOL(disable_irq);

/**
 * disable_hardirq - disable a line and wait for its primary handlers only
 * @irq: the line
 *
 * Context: any but the line's own handler. Return: whether no threaded handler is
 * active.
 */
bool disable_hardirq(unsigned int irq)
{
	if (!disable_desc(irq))
		return false;
	return synchronize_hardirq(irq);
}
EXPORT_SYMBOL_GPL(disable_hardirq);

/**
 * enable_irq - undo one disable_irq()
 * @irq: the line
 *
 * At the last enable, an edge that arrived while the line was disabled is delivered.
 * More enables than disables give the kernel's "Unbalanced enable for IRQ N" warning.
 * Context: any.
 */
void enable_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);
	unsigned long flags;
	bool unbalanced;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	unbalanced = !desc->depth;
	if (!unbalanced && !--desc->depth)
		irq_desc_kick(desc);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	WARN(unbalanced, KERN_WARNING "Unbalanced enable for IRQ %d\n", irq);
}
EXPORT_SYMBOL(enable_irq);

/**
 * irq_wake_thread - wake the thread of the action installed with dev_id
 * @irq: the line
 * @dev_id: the action's cookie
 *
 * Context: any.
 */
void irq_wake_thread(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);
	struct irqaction *found = NULL;
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	for (struct irqaction *action = desc->action; action; action = action->next)
		if (action->dev_id == dev_id) {
			found = action->thread ? action : NULL;
			break;
		}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (found)
		irq_wake_thread_action(desc, found);
}
EXPORT_SYMBOL_GPL(irq_wake_thread);

/**
 * irq_set_irq_wake - mark a line as a wake-up source (or not)
 * @irq: the line
 * @on: 1 to count one more user, 0 for one less
 *
 * The IO-APIC has no wake-up logic of its own, so only the count is kept, as on a PC.
 * Context: process context. Return: 0, or -EINVAL for a line that does not exist.
 */
int irq_set_irq_wake(unsigned int irq, unsigned int on)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);
	unsigned long flags;
	bool unbalanced = false;

	if (!desc)
		return -EINVAL;
	raw_spin_lock_irqsave(&desc->lock, flags);
	if (on)
		desc->wake_depth++;
	else if (!desc->wake_depth)
		unbalanced = true;
	else
		desc->wake_depth--;
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	WARN(unbalanced, "Unbalanced IRQ %d wake disable\n", irq);
	return 0;
}
EXPORT_SYMBOL(irq_set_irq_wake);

/* Shutdown: handlers nobody freed are removed (their threads stopped). */
void irq_free_all(void)
{
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		struct irq_desc *desc = &irq_descs[irq];

		while (READ_ONCE(desc->action))
			free_irq(irq, desc->action->dev_id);
	}
}
