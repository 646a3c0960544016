/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/irq_internal.h: the interrupt descriptors shared by kernel/irq_*.c. One
 * descriptor per IO-APIC line; its lock guards the action list and the state bits.
 * A line is masked while it has no action, while disabled (depth > 0) and while a
 * oneshot thread runs; an edge arriving then is remembered (IRQS_PENDING) and replayed
 * when it is unmasked, a level line is looked at again. Delivery runs on the line's
 * CPU's hardirq thread (kernel/cpu.c), one delivery of a line at a time. */
#ifndef UKMEM_KERNEL_IRQ_INTERNAL_H
#define UKMEM_KERNEL_IRQ_INTERNAL_H

#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/threads.h>
#include <linux/wait.h>
#include "kernel/cpu.h"

/* desc->istate bits (Linux's names) */
#define IRQS_AUTODETECT		0x00000001
#define IRQS_SPURIOUS_DISABLED	0x00000002
#define IRQS_WAITING		0x00000080
#define IRQS_PENDING		0x00000200
#define IRQS_ONESHOT		0x00002000

/* action->thread_flags bits */
enum { IRQTF_RUNTHREAD };

struct irq_desc {
	raw_spinlock_t lock;
	unsigned int irq;
	bool level;			/* fasteoi (level) line, else edge */
	bool line_high;			/* a level line's input */
	bool queued;			/* a delivery waits on the CPU's hardirq thread */
	bool inprogress;		/* the primary handlers run */
	bool oneshot_masked;		/* masked until the oneshot threads finish */
	bool present;			/* IO-APIC pin, or an allocated MSI */
	bool msi;			/* a message signalled interrupt (edge) */
	unsigned long hwirq;		/* /proc/interrupts: the pin, or the MSI's hwirq */
	/* An MSI-X vector's mask in its device (irq_msi_set_mask()): masked from
	 * allocation, unmasked when the first handler is installed and masked when the
	 * last goes, as the kernel's irq_startup/irq_shutdown do; called under
	 * request_mutex, without the lock. NULL for others. */
	void (*mask)(void *data, bool masked);
	void *mask_data;
	unsigned int cpu;		/* where it is delivered */
	struct irqaction *action;
	unsigned int depth;		/* disable depth; 1 while there is no action */
	unsigned int wake_depth;
	unsigned int istate;
	unsigned long threads_oneshot;	/* oneshot threads still to finish */
	atomic_t threads_active;	/* threads woken and not yet done */
	wait_queue_head_t wait_for_threads;	/* synchronize_irq() waits here */
	unsigned int kstat[NR_CPUS];
	unsigned int irq_count, irqs_unhandled;
	unsigned long last_unhandled;	/* jiffies */
	struct mutex request_mutex;	/* request and free */
	struct cpu_irq_work work;
};

extern struct irq_desc irq_descs[NR_IRQS];

static inline struct irq_desc *irq_to_desc_checked(unsigned int irq)
{
	return irq < (unsigned int)nr_irqs && READ_ONCE(irq_descs[irq].present) ?
	       &irq_descs[irq] : NULL;
}

/* irq_chip.c: the IO-APIC lines */
bool irq_desc_masked(struct irq_desc *desc);	/* desc->lock held */
void irq_desc_kick(struct irq_desc *desc);	/* desc->lock held: deliver if due */
void irq_descs_init(void);
/* irq_msi.c: the MSI vectors' bookkeeping is reset at boot */
void irq_msi_reset(void);
/* irq_handle.c */
irqreturn_t handle_irq_event_percpu(struct irq_desc *desc);
void irq_wake_thread_action(struct irq_desc *desc, struct irqaction *action);
/* irq_spurious.c */
void note_interrupt(struct irq_desc *desc, irqreturn_t action_ret);
void irq_spurious_reset(void);
/* irq_manage.c */
void irq_free_all(void);
/* irq_proc.c */
int irq_proc_init(void);

#endif
