/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/traps.h: the oops -- faults in kernel code reported as Linux 6.1 reports them
 * (kernel/traps.c) -- and the ends of tasks that die of one (kernel/exit.c). */
#ifndef UKMEM_KERNEL_TRAPS_H
#define UKMEM_KERNEL_TRAPS_H

#include <stdbool.h>
#include <linux/compiler.h>

/* Runs fn(arg); false when the task died in an oops inside it. */
bool task_run_killable(void (*fn)(void *), void *arg);
/* Whether the current thread has a place to end at (a kthread, a worker, a module's
 * init or exit). */
bool task_can_die(void);
void __noreturn make_task_dead(int signr);

int trap_init(void);	/* installs the oops as the last fault handler (boot) */
void trap_exit(void);

#endif
