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
#include "kernel/cpu.h"
#include "machine/fork.h"

struct fork_lock {
	void (*lock)(void);
	void (*unlock)(void);
};

/* Outermost first: a subsystem earlier here may call into a later one with its locks
 * held, never the other way round. */
static const struct fork_lock fork_locks[] = {
	{ slab_fork_lock, slab_fork_unlock },
	{ vmap_fork_lock, vmap_fork_unlock },
	{ pgtable_fork_lock, pgtable_fork_unlock },
	{ page_alloc_fork_lock, page_alloc_fork_unlock },
	{ printk_fork_lock, printk_fork_unlock },
};
#define NR_FORK_LOCKS ((int)(sizeof(fork_locks) / sizeof(fork_locks[0])))

static bool forking;		/* the handlers took the locks (the machine was up) */
static int copy_error;

static void unlock_all(void)
{
	for (int i = NR_FORK_LOCKS - 1; i >= 0; i--)
		fork_locks[i].unlock();
}

static void fork_prepare(void)
{
	forking = ukmem_is_booted();
	if (!forking)
		return;
	for (int i = 0; i < NR_FORK_LOCKS; i++)
		fork_locks[i].lock();
	copy_error = physmem_fork_prepare();
}

static void fork_parent(void)
{
	if (!forking)
		return;
	physmem_fork_parent();
	unlock_all();
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
	unlock_all();
	cpu_threads_after_fork();
}

static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;

static void register_handlers(void)
{
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}

/* Registered at the first boot, once per process (handlers cannot be removed; they do
 * nothing while no machine is up). */
int fork_init(void)
{
	return -pthread_once(&handlers_once, register_handlers);
}
