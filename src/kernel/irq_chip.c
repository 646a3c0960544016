// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_chip.c: the machine's interrupt lines -- the IO-APIC's 24 pins, 0-15 edge
 * triggered and 16-23 level triggered ("fasteoi"), and the edge-triggered message
 * signalled interrupts above them (kernel/irq_msi.c) -- and the flow that delivers them.
 * A device drives its line's input (ukmem_irq_set_level, ukmem_irq_raise); a rising
 * input on an edge line is an edge, remembered in IRQS_PENDING until handled, so edges
 * arriving while the line is masked or its handlers run are not lost but merged, as the
 * kernel's handle_edge_irq does. A level line is delivered while its input is high.
 * Delivery is queued on the line's CPU's hardirq thread (kernel/cpu.c), which runs it
 * in hardirq context once no thread of that CPU has interrupts off. Invariants: at most
 * one delivery of a line is queued or running (desc->queued, desc->inprogress); all
 * state changes are under desc->lock. */
#include <ukmem.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/smp.h>
#include "kernel/irq_internal.h"

int nr_irqs = NR_IRQS;
EXPORT_SYMBOL_GPL(nr_irqs);
struct irq_desc irq_descs[NR_IRQS];
static bool lines_up;		/* between boot and shutdown */

/* Masked: no handler, disabled, or waiting for its oneshot threads. desc->lock held. */
bool irq_desc_masked(struct irq_desc *desc)
{
	return !desc->action || desc->depth || desc->oneshot_masked;
}

/* Whether a delivery must be queued now; marks it queued. desc->lock held. */
static bool irq_desc_due(struct irq_desc *desc)
{
	bool due = desc->level ? desc->line_high : (desc->istate & IRQS_PENDING);

	if (!due || irq_desc_masked(desc) || desc->queued || desc->inprogress ||
	    !READ_ONCE(lines_up))
		return false;
	WRITE_ONCE(desc->queued, true);	/* waiters poll it unlocked */
	return true;
}

/*
 * Queues a delivery if one is due. Called with desc->lock held; the hardirq thread of
 * CPU 0 always exists while the machine is up (it runs the tick), so queueing never
 * starts a thread here.
 */
void irq_desc_kick(struct irq_desc *desc)
{
	if (irq_desc_due(desc))
		cpu_irq_queue_device(desc->cpu, &desc->work);
}

/* The flow handler: runs on the line's CPU in hardirq context. */
static void irq_deliver(struct cpu_irq_work *work)
{
	struct irq_desc *desc = container_of(work, struct irq_desc, work);
	unsigned int cpu = raw_smp_processor_id();

	raw_spin_lock(&desc->lock);
	WRITE_ONCE(desc->queued, false);
	for (;;) {
		bool due = desc->level ? desc->line_high : (desc->istate & IRQS_PENDING);

		if (!due || irq_desc_masked(desc))
			break;
		desc->istate &= ~IRQS_PENDING;
		WRITE_ONCE(desc->inprogress, true);
		desc->kstat[cpu]++;
		raw_spin_unlock(&desc->lock);
		handle_irq_event_percpu(desc);
		raw_spin_lock(&desc->lock);
		WRITE_ONCE(desc->inprogress, false);
		if (desc->level && desc->threads_oneshot)
			desc->oneshot_masked = true;	/* until the threads finish */
	}
	raw_spin_unlock(&desc->lock);
	if (wq_has_sleeper(&desc->wait_for_threads))
		wake_up_all(&desc->wait_for_threads);
}

static struct irq_desc *device_desc(unsigned int irq)
{
	struct irq_desc *desc = irq < NR_IRQS_IOAPIC ? irq_to_desc_checked(irq) : NULL;

	return desc && READ_ONCE(lines_up) ? desc : NULL;
}

/* The line's input becomes high; a rising input is an interrupt. desc->lock held. */
static void desc_set_level(struct irq_desc *desc, bool high)
{
	bool rising = high && !desc->line_high;

	desc->line_high = high;
	if (rising) {
		if (desc->istate & IRQS_AUTODETECT)
			desc->istate &= ~IRQS_WAITING;
		if (desc->action && !desc->level)
			desc->istate |= IRQS_PENDING;
		irq_desc_kick(desc);
	}
}

/**
 * ukmem_irq_set_level - a device drives its interrupt line
 * @irq: the IO-APIC line (0..23; others are ignored)
 * @high: the device's interrupt output
 *
 * On a level line the handlers run while @high stays set and the line is unmasked; on
 * an edge line a rising output is one interrupt. While autoprobing, any rising output
 * marks the line as having fired. Context: any (device models call it with their own
 * locks held; handlers always run later, on the line's CPU). Never sleeps.
 */
void ukmem_irq_set_level(unsigned int irq, bool high)
{
	struct irq_desc *desc = device_desc(irq);
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	desc_set_level(desc, high);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

/**
 * ukmem_irq_raise - a device pulses its interrupt line
 * @irq: the line
 *
 * One interrupt on an edge line (the output rises and falls, in one step, so the
 * pulse never waits for the handler it starts). Context: any; never sleeps.
 */
void ukmem_irq_raise(unsigned int irq)
{
	struct irq_desc *desc = device_desc(irq);
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	desc_set_level(desc, true);
	desc_set_level(desc, false);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

void irq_descs_init(void)
{
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		struct irq_desc *desc = &irq_descs[irq];

		memset(desc, 0, sizeof(*desc));
		raw_spin_lock_init(&desc->lock);
		desc->irq = irq;
		desc->level = irq >= NR_IRQS_LEGACY && irq < NR_IRQS_IOAPIC;
		desc->present = irq < NR_IRQS_IOAPIC;
		desc->msi = irq >= NR_IRQS_IOAPIC;
		desc->hwirq = irq;
		desc->depth = 1;
		desc->cpu = 0;
		init_waitqueue_head(&desc->wait_for_threads);
		mutex_init(&desc->request_mutex);
		INIT_LIST_HEAD(&desc->work.node);
		desc->work.func = irq_deliver;
	}
}

/* Boot: every line masked and without handlers. */
int irqs_init(void)
{
	irq_descs_init();
	irq_msi_reset();
	irq_spurious_reset();
	WRITE_ONCE(lines_up, true);
	return irq_proc_init();
}

/* Shutdown (before the CPUs' threads stop): handlers still installed are freed. */
void irqs_exit(void)
{
	WRITE_ONCE(lines_up, false);
	irq_free_all();
}

/**
 * kstat_irqs_cpu - how many times an interrupt line fired on a CPU
 * @irq: the line
 * @cpu: the CPU
 *
 * Context: any context; a lockless read.
 * Return: the count, or 0 for a bad line or CPU.
 */
unsigned int kstat_irqs_cpu(unsigned int irq, int cpu)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);

	return desc && cpu >= 0 && cpu < NR_CPUS ? READ_ONCE(desc->kstat[cpu]) : 0;
}
EXPORT_SYMBOL(kstat_irqs_cpu);

/**
 * kstat_irqs_usr - how many times an interrupt line fired, over all CPUs
 * @irq: the line
 *
 * Context: any context; lockless reads.
 * Return: the sum, as /proc/interrupts shows it.
 */
unsigned int kstat_irqs_usr(unsigned int irq)
{
	unsigned int sum = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		sum += kstat_irqs_cpu(irq, cpu);
	return sum;
}
EXPORT_SYMBOL(kstat_irqs_usr);
