/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/stacktrace.h: saving the current call chain as an array of return addresses,
 * and printing one (CONFIG_STACKTRACE). ukmem walks the calling thread's own stack;
 * traces of other tasks and of saved registers are not offered (each task is a host
 * thread whose stack ukmem cannot walk from outside). */
#ifndef UKMEM_LINUX_STACKTRACE_H
#define UKMEM_LINUX_STACKTRACE_H

#include <linux/types.h>
#include <asm/errno.h>

struct task_struct;
struct pt_regs;

void stack_trace_print(const unsigned long *trace, unsigned int nr_entries, int spaces);
int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces);
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);
unsigned int filter_irq_stacks(unsigned long *entries, unsigned int nr_entries);

#endif
