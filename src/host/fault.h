/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host/fault.h: one handler of the fault signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL) for
 * the whole library. Subsystems that give SIGSEGV faults a meaning (fault-driven user
 * mappings, plain accesses to MMIO register windows, user copies) register a callback;
 * the first that claims a fault handles it. Then the kernel's handler (the oops) sees
 * any fault signal no owner claimed. A fault nobody takes goes to the handler installed
 * before ukmem's, or -- when that was the default action -- the default is restored and
 * the access faults again, ending the process as it would have without ukmem. The
 * order is stated in fault.c. */
#ifndef UKMEM_HOST_FAULT_H
#define UKMEM_HOST_FAULT_H

#include <signal.h>
#include <stdbool.h>

/* Returns true when it handled the fault (the access is retried); it may also not
 * return at all (report and abort, or jump to a recovery point). */
typedef bool (*host_fault_fn)(siginfo_t *info, void *ucontext);

int host_fault_handler_add(host_fault_fn fn);	/* 0 or -errno; idempotent */
void host_fault_handler_remove(host_fault_fn fn);
/* The handler of faults no owner claims, for all four signals (NULL removes it); it
 * returns false for a fault that is not the kernel's, and does not return otherwise. */
int host_fault_set_kernel_handler(host_fault_fn fn);
/* True for a write access, from the x86 page-fault error code in the context. */
bool host_fault_is_write(void *ucontext);
unsigned long host_fault_error_code(void *ucontext);

#endif
