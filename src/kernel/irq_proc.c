// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_proc.c: /proc/interrupts in Linux 6.1's x86 format: a CPU column per online
 * CPU, then a row per line that has a handler or has counted interrupts ("IO-APIC",
 * the pin, "-edge" or "-fasteoi", the handlers' names), then the per-CPU summary rows.
 * LOC counts each CPU's clock events (the tick and hard hrtimers), CAL its cross-CPU
 * calls; ukmem has no NMIs, performance counters, TLB shootdowns or machine checks, so
 * those rows stay 0. */
#include <linux/cpumask.h>
#include <linux/seq_file.h>
#include "fs/proc.h"
#include "kernel/irq_internal.h"

static void show_line(struct seq_file *p, struct irq_desc *desc, int prec)
{
	unsigned long any = 0, flags;
	unsigned int cpu;

	if (!READ_ONCE(desc->present))
		return;
	for_each_online_cpu(cpu)
		any |= READ_ONCE(desc->kstat[cpu]);
	if (!READ_ONCE(desc->action) && !any)
		return;
	seq_printf(p, "%*d: ", prec, desc->irq);
	for_each_online_cpu(cpu)
		seq_printf(p, "%10u ", READ_ONCE(desc->kstat[cpu]));
	raw_spin_lock_irqsave(&desc->lock, flags);
	seq_printf(p, " %8s", desc->msi ? "PCI-MSI" : "IO-APIC");
	seq_printf(p, " %*lu", prec, desc->hwirq);
	seq_printf(p, "-%-8s", desc->level ? "fasteoi" : "edge");
	for (struct irqaction *action = desc->action; action; action = action->next)
		seq_printf(p, action == desc->action ? "  %s" : ", %s", action->name);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	seq_putc(p, '\n');
}

static void show_summary(struct seq_file *p, int prec, const char *name, int which,
			 const char *what)
{
	unsigned int cpu, timer_irqs, call_irqs;

	seq_printf(p, "%*s: ", prec, name);
	for_each_online_cpu(cpu) {
		cpu_irq_stats(cpu, &timer_irqs, &call_irqs);
		seq_printf(p, "%10u ", which == 1 ? timer_irqs : which == 2 ? call_irqs : 0);
	}
	seq_printf(p, "  %s\n", what);
}

static int interrupts_show(struct seq_file *p, void *data)
{
	static const struct { const char *name; int which; const char *what; } rows[] = {
		{ "NMI", 0, "Non-maskable interrupts" },
		{ "LOC", 1, "Local timer interrupts" },
		{ "SPU", 0, "Spurious interrupts" },
		{ "PMI", 0, "Performance monitoring interrupts" },
		{ "IWI", 0, "IRQ work interrupts" },
		{ "RTR", 0, "APIC ICR read retries" },
		{ "RES", 0, "Rescheduling interrupts" },
		{ "CAL", 2, "Function call interrupts" },
		{ "TLB", 0, "TLB shootdowns" },
		{ "TRM", 0, "Thermal event interrupts" },
		{ "THR", 0, "Threshold APIC interrupts" },
		{ "DFR", 0, "Deferred Error APIC interrupts" },
		{ "MCE", 0, "Machine check exceptions" },
		{ "MCP", 0, "Machine check polls" },
	};
	int prec, j;
	unsigned int cpu;

	for (prec = 3, j = 1000; prec < 10 && j <= nr_irqs; ++prec)
		j *= 10;
	seq_printf(p, "%*s", prec + 8, "");
	for_each_online_cpu(cpu)
		seq_printf(p, "CPU%-8u", cpu);
	seq_putc(p, '\n');
	for (int irq = 0; irq < nr_irqs; irq++)
		show_line(p, &irq_descs[irq], prec);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		show_summary(p, prec, rows[i].name, rows[i].which, rows[i].what);
	seq_printf(p, "%*s: %10u\n", prec, "ERR", 0);
	seq_printf(p, "%*s: %10u\n", prec, "MIS", 0);
	show_summary(p, prec, "PIN", 0, "Posted-interrupt notification event");
	show_summary(p, prec, "NPI", 0, "Nested posted-interrupt event");
	show_summary(p, prec, "PIW", 0, "Posted-interrupt wakeup event");
	return 0;
}

int irq_proc_init(void)
{
	return proc_create_view("/proc/interrupts", interrupts_show, NULL);
}
