/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host/stacks.h: the process's memory that a conservative pointer scan (kmemleak) reads
 * as roots: the writable segments (data, bss) of every loaded object, and the live part
 * of each thread's stack. Each range is handed to a callback as [start, end). */
#ifndef UKMEM_HOST_STACKS_H
#define UKMEM_HOST_STACKS_H

typedef void (*host_range_fn)(unsigned long start, unsigned long end, void *arg);

/* Data and bss of the program and of every shared object it has loaded. */
void host_for_each_writable_segment(host_range_fn fn, void *arg);
/* The calling thread's stack from sp up to its top. */
void host_current_stack(unsigned long sp, host_range_fn fn, void *arg);
/* Every other thread that sits in a system call (as idle and waiting threads do): its
 * stack from its stack pointer (/proc/self/task/N/syscall) to the end of the mapping
 * holding it. Threads running at the moment are skipped; returns how many were. */
int host_other_thread_stacks(host_range_fn fn, void *arg);

#endif
