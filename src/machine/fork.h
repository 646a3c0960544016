/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/fork.h: keeping the machine whole across fork(2). machine/fork.c copies the
 * memory file; the layers above register their parts with FORK_LOCK() and FORK_HOOK()
 * (a section, read by machine/fork.c), so that this layer names none of them. A lock
 * hook's lock() takes every lock its subsystem's shared state is under, so that no
 * other thread is half-way through a change when memory is copied; unlock() releases
 * them (in the parent, and in the child, where the forking thread owns them).
 * Prepare hooks run in ascending order, outermost first (a subsystem may call into one
 * with a higher order while holding its locks, never the other way round); parent and
 * child hooks run in descending order, after the memory file is dealt with. */
#ifndef UKMEM_MACHINE_FORK_H
#define UKMEM_MACHINE_FORK_H

struct fork_hook {
	int order;
	void (*prepare)(void);		/* before fork(2), in the forking thread */
	void (*parent)(void);		/* after, in the parent */
	void (*child)(void);		/* after, in the child */
};

#define FORK_HOOK(name, order_, prepare_, parent_, child_)				static const struct fork_hook __fork_hook_##name				__attribute__((used, section("ukmem_fork_hooks"), aligned(sizeof(void *)))) = 		{ order_, prepare_, parent_, child_ }
#define FORK_LOCK(name, order, lock, unlock)	FORK_HOOK(name, order, lock, unlock, unlock)

/* The order of the parts registered today, outermost first. */
enum {
	FORK_ORDER_CPU_THREADS = 0,	/* child: the machine's threads are restarted last */
	FORK_ORDER_SLAB = 10,
	FORK_ORDER_VMAP = 20,
	FORK_ORDER_PGTABLE = 30,
	FORK_ORDER_PAGE_ALLOC = 40,
	FORK_ORDER_PRINTK = 50,
};

/* The memory file: copied before the fork, the child's mappings moved onto the copy. */
int physmem_fork_prepare(void);		/* 0 or -errno */
void physmem_fork_parent(void);
int physmem_fork_child(void);		/* 0 or -errno */

#endif
