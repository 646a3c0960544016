// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/lockdep_proc.c: /proc/lockdep_stats, in Linux 6.1's format, for a machine
 * booted with lock validation (lockdep=on or lockdep.prove_locking=1; without it the
 * file does not exist, as on a kernel built without CONFIG_LOCKDEP). Every number is
 * counted by kernel/lockdep.c over this boot. The maxima are ukmem's own table sizes.
 * Not printed: "number of stack hash chains" (ukmem does not share stack traces
 * between locks, so it has no such hash) and the CONFIG_DEBUG_LOCKDEP counters (off in
 * Debian's kernels too). Classes are never freed, so nothing is zapped, and chains
 * are keys in one table, so there are no chain blocks. */
#include <linux/debug_locks.h>
#include <linux/seq_file.h>
#include "fs/proc.h"
#include "kernel/lockdep_internals.h"

static int lockdep_stats_show(struct seq_file *m, void *v)
{
	struct lockdep_stats st;

	lockdep_stats_snapshot(&st);
	seq_printf(m, " lock-classes:                  %11lu [max: %lu]\n",
		   st.nr_lock_classes, (unsigned long)MAX_LOCKDEP_KEYS);
	seq_printf(m, " direct dependencies:           %11lu [max: %lu]\n",
		   st.nr_list_entries, (unsigned long)MAX_LOCKDEP_ENTRIES);
	seq_printf(m, " indirect dependencies:         %11lu\n", st.sum_forward_deps);
	seq_printf(m, " all direct dependencies:       %11lu\n",
		   st.nr_irq_unsafe * st.nr_irq_safe +
		   st.usage[LOCK_ENABLED_HARDIRQ] * st.usage[LOCK_USED_IN_HARDIRQ] +
		   st.nr_list_entries);
	seq_printf(m, " dependency chains:             %11lu [max: %lu]\n",
		   st.nr_lock_chains, (unsigned long)MAX_LOCKDEP_CHAINS);
	seq_printf(m, " dependency chain hlocks used:  %11lu [max: %lu]\n",
		   st.nr_chain_hlocks, (unsigned long)MAX_LOCKDEP_CHAIN_HLOCKS);
	seq_printf(m, " dependency chain hlocks lost:  %11u\n", 0);
	seq_printf(m, " in-hardirq chains:             %11u\n", st.nr_hardirq_chains);
	seq_printf(m, " in-softirq chains:             %11u\n", st.nr_softirq_chains);
	seq_printf(m, " in-process chains:             %11u\n", st.nr_process_chains);
	seq_printf(m, " stack-trace entries:           %11lu [max: %lu]\n",
		   st.nr_stack_trace_entries, (unsigned long)MAX_STACK_TRACE_ENTRIES);
	seq_printf(m, " number of stack traces:        %11llu\n",
		   (unsigned long long)st.nr_stack_traces);
	seq_printf(m, " combined max dependencies:     %11u\n",
		   (st.nr_hardirq_chains + 1) * (st.nr_softirq_chains + 1) *
		   (st.nr_process_chains + 1));
	seq_printf(m, " hardirq-safe locks:            %11lu\n", st.usage[LOCK_USED_IN_HARDIRQ]);
	seq_printf(m, " hardirq-unsafe locks:          %11lu\n", st.usage[LOCK_ENABLED_HARDIRQ]);
	seq_printf(m, " softirq-safe locks:            %11lu\n", st.usage[LOCK_USED_IN_SOFTIRQ]);
	seq_printf(m, " softirq-unsafe locks:          %11lu\n", st.usage[LOCK_ENABLED_SOFTIRQ]);
	seq_printf(m, " irq-safe locks:                %11lu\n", st.nr_irq_safe);
	seq_printf(m, " irq-unsafe locks:              %11lu\n", st.nr_irq_unsafe);
	seq_printf(m, " hardirq-read-safe locks:       %11lu\n",
		   st.usage[LOCK_USED_IN_HARDIRQ_READ]);
	seq_printf(m, " hardirq-read-unsafe locks:     %11lu\n",
		   st.usage[LOCK_ENABLED_HARDIRQ_READ]);
	seq_printf(m, " softirq-read-safe locks:       %11lu\n",
		   st.usage[LOCK_USED_IN_SOFTIRQ_READ]);
	seq_printf(m, " softirq-read-unsafe locks:     %11lu\n",
		   st.usage[LOCK_ENABLED_SOFTIRQ_READ]);
	seq_printf(m, " irq-read-safe locks:           %11lu\n", st.nr_irq_read_safe);
	seq_printf(m, " irq-read-unsafe locks:         %11lu\n", st.nr_irq_read_unsafe);
	seq_printf(m, " uncategorized locks:           %11lu\n", st.nr_uncategorized);
	seq_printf(m, " unused locks:                  %11lu\n", st.nr_unused);
	seq_printf(m, " max locking depth:             %11u\n", st.max_lockdep_depth);
	seq_printf(m, " max bfs queue depth:           %11u\n", st.max_bfs_queue_depth);
	seq_printf(m, " max lock class index:          %11lu\n", st.max_lock_class_idx);
	seq_printf(m, " debug_locks:                   %11u\n",
		   (unsigned int)__atomic_load_n(&debug_locks, __ATOMIC_RELAXED));
	seq_puts(m, "\n");
	seq_printf(m, " zapped classes:                %11lu\n", 0UL);
	seq_printf(m, " zapped lock chains:            %11lu\n", 0UL);
	seq_printf(m, " large chain blocks:            %11u\n", 0);
	return 0;
}

/**
 * lockdep_proc_init - makes /proc/lockdep_stats when lock validation is on
 *
 * Context: boot, process context. Return: 0 or the view's error.
 */
int lockdep_proc_init(void)
{
	if (!prove_locking_enabled())
		return 0;
	return proc_create_view("/proc/lockdep_stats", lockdep_stats_show, NULL);
}
