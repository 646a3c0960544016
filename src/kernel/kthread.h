/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/kthread.h: the kthread registry's shutdown hooks and counts. */
#ifndef UKMEM_KERNEL_KTHREAD_H
#define UKMEM_KERNEL_KTHREAD_H

void kthreads_reap_all(void);	/* joins every kthread; stops (with a warning) live ones */
void kthreads_forget_all(void);	/* fork child: the threads are the parent's */
unsigned long kthreads_started(void);	/* since boot */
void kthreads_count_states(unsigned int *running, unsigned int *blocked);

#endif
