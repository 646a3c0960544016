// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/exit.c: make_task_dead() -- how a task ends after an oops -- and the places a
 * task may end at. A kthread's function, a workqueue item's function, a module's init
 * and exit run through task_run_killable(): an oops in them returns there (the task's
 * frames are abandoned, as the kernel rewinds the stack), never into the faulting code.
 * Invariants: each thread's exit points form a stack (innermost first) living in the
 * frames of task_run_killable(); a thread with no exit point is not ended by an oops
 * (the fault goes on to the process, see kernel/traps.c). */
#include <setjmp.h>
#include <stddef.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include "kernel/traps.h"

struct task_exit {
	sigjmp_buf env;
	struct task_exit *prev;
};

static __thread struct task_exit *exit_point;

/**
 * task_run_killable - run a task's function where an oops can end it
 * @fn: the function
 * @arg: its argument
 *
 * Context: process context, any thread. Return: true when @fn returned, false when the
 * task died in an oops inside it (its locks, references and memory stay as it left them).
 */
bool task_run_killable(void (*fn)(void *), void *arg)
{
	struct task_exit here = { .prev = exit_point };

	if (sigsetjmp(here.env, 1)) {
		exit_point = here.prev;
		return false;
	}
	exit_point = &here;
	fn(arg);
	exit_point = here.prev;
	return true;
}

bool task_can_die(void)
{
	return exit_point != NULL;
}

/**
 * make_task_dead - end the current task after an oops
 * @signr: the signal the task dies of
 *
 * Notes, as the kernel does, a task that dies with interrupts off or preemption
 * disabled, and restores both; then returns to the innermost exit point.
 * Context: the oops path, in the fault's signal handler. Only for a task with an exit
 * point (task_can_die()).
 */
void __noreturn make_task_dead(int signr)
{
	struct task_exit *here = exit_point;

	if (irqs_disabled()) {
		pr_info("note: %s[%d] exited with irqs disabled\n", current->comm, current->pid);
		local_irq_enable();
	}
	if (preempt_count()) {
		pr_info("note: %s[%d] exited with preempt_count %d\n", current->comm,
			current->pid, preempt_count());
		current->preempt_count = 0;
	}
	siglongjmp(here->env, signr);
}
