// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_autoprobe.c: finding which line a device uses, as old ISA drivers do.
 * probe_irq_on() arms every legacy line (0-15 but the cascade, 2) that has no handler,
 * waits 100 ms and drops the lines that fired meanwhile (noise); the driver then makes
 * its device interrupt and probe_irq_off() names the line that fired. Invariant: only
 * one probe at a time (probing_active); armed lines are marked IRQS_AUTODETECT and
 * lose IRQS_WAITING when their input rises (kernel/irq_chip.c). */
#include <linux/delay.h>
#include <linux/export.h>
#include <linux/mutex.h>
#include "kernel/irq_internal.h"
#include "machine/boot.h"

static DEFINE_MUTEX(probing_active);

static bool probeable(struct irq_desc *desc)
{
	return desc->irq < NR_IRQS_LEGACY && desc->irq != 2 && !desc->action;
}

/**
 * probe_irq_on - begin an interrupt autodetect
 *
 * Context: process context, sleeps about 100 ms. Return: a mask of the armed lines
 * that did not fire while waiting, to pass to probe_irq_off().
 */
unsigned long probe_irq_on(void)
{
	unsigned long mask = 0, flags;

	ukmem_ensure_booted();
	mutex_lock(&probing_active);
	for (unsigned int i = 0; i < NR_IRQS; i++) {
		struct irq_desc *desc = &irq_descs[i];

		raw_spin_lock_irqsave(&desc->lock, flags);
		if (probeable(desc))
			desc->istate |= IRQS_AUTODETECT | IRQS_WAITING;
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	}
	msleep(100);	/* let spurious interrupts show themselves */
	for (unsigned int i = 0; i < NR_IRQS; i++) {
		struct irq_desc *desc = &irq_descs[i];

		raw_spin_lock_irqsave(&desc->lock, flags);
		if (desc->istate & IRQS_AUTODETECT) {
			if (!(desc->istate & IRQS_WAITING))
				desc->istate &= ~IRQS_AUTODETECT;
			else if (i < 32)
				mask |= 1UL << i;
		}
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	}
	return mask;
}
EXPORT_SYMBOL(probe_irq_on);

/* Ends the probe: the armed lines of val that fired, and disarms every line. */
static unsigned long probe_finish(unsigned long val, int *found, int *nr)
{
	unsigned long mask = 0, flags;

	for (unsigned int i = 0; i < NR_IRQS; i++) {
		struct irq_desc *desc = &irq_descs[i];

		raw_spin_lock_irqsave(&desc->lock, flags);
		if (desc->istate & IRQS_AUTODETECT) {
			if (!(desc->istate & IRQS_WAITING)) {
				if (!*nr)
					*found = (int)i;
				(*nr)++;
			} else if (i < 32) {
				mask |= 1UL << i;
			}
			desc->istate &= ~(IRQS_AUTODETECT | IRQS_WAITING);
		}
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	}
	mutex_unlock(&probing_active);
	return mask & val;
}

/**
 * probe_irq_off - end an interrupt autodetect
 * @val: what probe_irq_on() returned
 *
 * Context: process context. Return: the line that fired; 0 if none did; the negated
 * first line if several did.
 */
int probe_irq_off(unsigned long val)
{
	int found = 0, nr = 0;

	probe_finish(val, &found, &nr);
	return nr > 1 ? -found : found;
}
EXPORT_SYMBOL(probe_irq_off);

/**
 * probe_irq_mask - end an interrupt autodetect, giving the lines that did not fire
 * @val: what probe_irq_on() returned
 *
 * Context: process context. Return: the armed lines of @val that did not fire.
 */
unsigned int probe_irq_mask(unsigned long val)
{
	int found = 0, nr = 0;

	return (unsigned int)probe_finish(val, &found, &nr);
}
EXPORT_SYMBOL(probe_irq_mask);
