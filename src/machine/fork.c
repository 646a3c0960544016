// SPDX-License-Identifier: LGPL-2.1-or-later
/* machine/fork.c: a booted machine across fork(2). The direct map and vmalloc map the
 * memory file shared, while struct pages, page tables' bookkeeping and every allocator's
 * lists live in private memory that fork copies; a child left on the parent's file would
 * share "physical" pages that its own allocator believes free. So, at fork:
 *   prepare  every allocator lock is taken (outermost first), then the memory file is
 *            copied -- memory and bookkeeping are one consistent snapshot;
 *   child    every shared mapping of the file moves onto the copy, the locks are let go;
 *            the forking thread's task gets the child's pid;
 *   parent   the copy is dropped and the locks are let go.
 * The copy costs the memory in use; vfork() and posix_spawn() run no handlers and copy
 * nothing. Threads writing their own objects while another thread forks may leave those
 * objects torn in the child (the copy is not one instant for them). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/sched.h>
#include <ukmem.h>
#include "machine/fork.h"

/* The registered hooks (FORK_HOOK), sorted by order when the handlers are registered. */
extern const struct fork_hook __start_ukmem_fork_hooks[], __stop_ukmem_fork_hooks[];
#define MAX_FORK_HOOKS	32
static const struct fork_hook *hooks[MAX_FORK_HOOKS];
static int nr_hooks;

static bool forking;		/* the handlers took the locks (the machine was up) */
static int copy_error;

static void run_after(bool child)
{
	for (int i = nr_hooks - 1; i >= 0; i--) {
		void (*fn)(void) = child ? hooks[i]->child : hooks[i]->parent;

		if (fn)
			fn();
	}
}

static void fork_prepare(void)
{
	forking = ukmem_is_booted();
	if (!forking)
		return;
	for (int i = 0; i < nr_hooks; i++)
		if (hooks[i]->prepare)
			hooks[i]->prepare();
	copy_error = physmem_fork_prepare();
}

static void fork_parent(void)
{
	if (!forking)
		return;
	physmem_fork_parent();
	run_after(false);
}

static void fork_child(void)
{
	if (!forking)
		return;
	if (!copy_error)
		copy_error = physmem_fork_child();
	if (copy_error) {
		/* Going on would let two processes write one machine's memory. */
		fprintf(stderr, "ukmem: fork: the child cannot get its own copy of memory (%s)\n",
			strerror(-copy_error));
		_exit(127);
	}
	current->pid = (pid_t)getpid();
	run_after(true);
}

static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;

static int compare_order(const void *a, const void *b)
{
	return (*(const struct fork_hook *const *)a)->order -
	       (*(const struct fork_hook *const *)b)->order;
}

static void register_handlers(void)
{
	for (const struct fork_hook *h = __start_ukmem_fork_hooks;
	     h < __stop_ukmem_fork_hooks && nr_hooks < MAX_FORK_HOOKS; h++)
		hooks[nr_hooks++] = h;
	qsort(hooks, (size_t)nr_hooks, sizeof(hooks[0]), compare_order);
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}

/* Registered at the first boot, once per process (handlers cannot be removed; they do
 * nothing while no machine is up). */
int fork_init(void)
{
	return -pthread_once(&handlers_once, register_handlers);
}
