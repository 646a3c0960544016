/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/fork.h: the subsystems' parts in keeping the machine whole across fork(2)
 * (machine/fork.c runs them). Each *_fork_lock() takes every lock its subsystem's
 * shared state is under, so that no other thread is half-way through a change when
 * memory is copied; *_fork_unlock() releases them (in the parent, and in the child,
 * where the forking thread owns them). */
#ifndef UKMEM_MACHINE_FORK_H
#define UKMEM_MACHINE_FORK_H

void slab_fork_lock(void);		void slab_fork_unlock(void);
void vmap_fork_lock(void);		void vmap_fork_unlock(void);
void pgtable_fork_lock(void);		void pgtable_fork_unlock(void);
void page_alloc_fork_lock(void);	void page_alloc_fork_unlock(void);
void printk_fork_lock(void);		void printk_fork_unlock(void);

/* The memory file: copied before the fork, the child's mappings moved onto the copy. */
int physmem_fork_prepare(void);		/* 0 or -errno */
void physmem_fork_parent(void);
int physmem_fork_child(void);		/* 0 or -errno */

#endif
