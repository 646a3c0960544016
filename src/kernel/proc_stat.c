// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/proc_stat.c: /proc/stat in Linux 6.1's format (fs/proc/stat.c there).
 *
 * What ukmem measures is real: the "intr" line (every IO-APIC line's count, the total
 * adding the per-CPU local timer and function-call interrupts as x86's arch counts do),
 * "ctxt" (the host's context switches of the process's threads since boot), "btime",
 * "processes" (kernel threads started since boot), "procs_running"/"procs_blocked"
 * (kernel threads running or in uninterruptible sleep, plus the reader) and the
 * "softirq" line. ukmem does not account CPU time per virtual CPU: the "cpu" lines
 * count the time since boot as idle and the other columns stay 0.
 */
#include <sys/resource.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>
#include "fs/proc.h"
#include "kernel/cpu.h"
#include "kernel/irq_internal.h"
#include "kernel/kthread.h"

#define USER_HZ 100

static unsigned long long ctxt_at_boot;
/* The wall-clock second the machine booted in, fixed at boot as Linux's boot time is (a
 * value recomputed from jiffies at each read could land a second late). */
static unsigned long long btime;

static unsigned long long host_context_switches(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return (unsigned long long)ru.ru_nvcsw + (unsigned long long)ru.ru_nivcsw;
}

static void show_cpu_line(struct seq_file *p, const char *name, unsigned long long idle)
{
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	seq_printf(p, "%s %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n", name,
		   0ULL, 0ULL, 0ULL, idle, 0ULL, 0ULL, 0ULL, 0ULL, 0ULL, 0ULL);
}

static int stat_show(struct seq_file *p, void *data)
{
	/* The machine's uptime: jiffies since its boot, as the log's timestamps count. */
	unsigned long long up_jiffies = get_jiffies_64() - INITIAL_JIFFIES;
	unsigned long long uptime = up_jiffies / (HZ / USER_HZ);
	unsigned long long intr = 0, softirqs = 0;
	unsigned int cpu, timer_irqs, call_irqs, running, blocked;
	char name[16];

	for_each_online_cpu(cpu) {
		for (int irq = 0; irq < nr_irqs; irq++)
			intr += READ_ONCE(irq_descs[irq].kstat[cpu]);
		cpu_irq_stats(cpu, &timer_irqs, &call_irqs);
		intr += timer_irqs + call_irqs;
		for (unsigned int i = 0; i < NR_SOFTIRQS; i++)
			softirqs += kstat_softirqs_cpu(i, (int)cpu);
	}
	show_cpu_line(p, "cpu ", uptime * num_online_cpus());
	for_each_online_cpu(cpu) {
		snprintf(name, sizeof(name), "cpu%u", cpu);
		show_cpu_line(p, name, uptime);
	}
	seq_printf(p, "intr %llu", intr);
	for (int irq = 0; irq < nr_irqs; irq++) {
		unsigned long long n = 0;

		for_each_online_cpu(cpu)
			n += READ_ONCE(irq_descs[irq].kstat[cpu]);
		seq_printf(p, " %llu", n);
	}
	kthreads_count_states(&running, &blocked);
	seq_printf(p, "\nctxt %llu\nbtime %llu\nprocesses %lu\nprocs_running %u\nprocs_blocked %u\n",
		   host_context_switches() - ctxt_at_boot,
		   btime,
		   kthreads_started(), running + 1, blocked);
	seq_printf(p, "softirq %llu", softirqs);
	for (unsigned int i = 0; i < NR_SOFTIRQS; i++) {
		unsigned long long n = 0;

		for_each_online_cpu(cpu)
			n += kstat_softirqs_cpu(i, (int)cpu);
		seq_printf(p, " %llu", n);
	}
	seq_putc(p, '\n');
	return 0;
}

int proc_stat_init(void)
{
	ctxt_at_boot = host_context_switches();
	btime = (unsigned long long)ktime_get_real_seconds() -
		(get_jiffies_64() - INITIAL_JIFFIES) / HZ;
	return proc_create_view("/proc/stat", stat_show, NULL);
}
