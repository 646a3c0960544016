// SPDX-License-Identifier: LGPL-2.1-or-later
/* host/fault.c: the dispatcher of the synchronous fault signals (see fault.h).
 *
 * Dispatch order, for each SIGSEGV (and only there, KFENCE and the owners):
 *   0. kfence_handle_page_fault(): a fault in the KFENCE pool, as Linux's page-fault
 *      path calls it;
 *   1. the owners registered with host_fault_handler_add(), in registration order:
 *      fault-driven user mappings, plain accesses to MMIO register windows, ...; the
 *      first that claims the fault handles it (the access is retried);
 *   2. the kernel's fault handler (host_fault_set_kernel_handler: the oops), for
 *      SIGSEGV, SIGBUS, SIGFPE and SIGILL: it decides whether kernel code faulted
 *      and, if so, reports and ends the task (it does not return);
 *   3. the handler installed before ukmem's (ASan's, a program's), or the default
 *      action: restored, and the instruction faults again, ending the process.
 * Invariants: the handlers are installed exactly while an owner or the kernel handler
 * is registered. Registrations are read by the signal handler without a lock; they
 * change only at boot and shutdown, when no fault can be in flight. */
#include <errno.h>
#include <string.h>
#include <ucontext.h>
#include <linux/kfence.h>
#include "host/fault.h"

#define MAX_FAULT_HANDLERS 8
#define X86_PF_WRITE 0x2

static const int fault_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
#define NR_SIGNALS ((int)(sizeof(fault_signals) / sizeof(fault_signals[0])))

static host_fault_fn handlers[MAX_FAULT_HANDLERS];
/* Nonzero while the thread runs ukmem code on a malloc's behalf (libukmem-malloc) or
 * reports a KFENCE fault here: mallocs made meanwhile go to the C library, so that a report
 * from a fault in the program's own code never re-enters the allocators. */
__thread unsigned int ukmem_inside __attribute__((tls_model("initial-exec")));
static int nr_handlers;
static host_fault_fn kernel_handler;
static bool installed;
static struct sigaction previous_action[NR_SIGNALS];

unsigned long host_fault_error_code(void *ucontext)
{
	return (unsigned long)((ucontext_t *)ucontext)->uc_mcontext.gregs[REG_ERR];
}

bool host_fault_is_write(void *ucontext)
{
	return host_fault_error_code(ucontext) & X86_PF_WRITE;
}

static int signal_index(int sig)
{
	for (int i = 0; i < NR_SIGNALS; i++)
		if (fault_signals[i] == sig)
			return i;
	return 0;
}

static void pass_on(int sig, siginfo_t *info, void *ucontext)
{
	struct sigaction *prev = &previous_action[signal_index(sig)];

	if ((prev->sa_flags & SA_SIGINFO) && prev->sa_sigaction) {
		prev->sa_sigaction(sig, info, ucontext);
		return;
	}
	if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
		prev->sa_handler(sig);
		return;
	}
	sigaction(sig, prev, NULL);	/* the default: the access faults again */
}

static void dispatch(int sig, siginfo_t *info, void *ucontext)
{
	int saved_errno = errno;
	bool handled = false;

	if (sig == SIGSEGV) {
		ukmem_inside++;		/* KFENCE's report always returns */
		handled = kfence_handle_page_fault((unsigned long)info->si_addr,
						   host_fault_is_write(ucontext),
						   (struct pt_regs *)ucontext);
		ukmem_inside--;
	}
	for (int i = 0; !handled && sig == SIGSEGV && i < nr_handlers; i++)
		handled = handlers[i](info, ucontext);
	if (!handled && kernel_handler)
		kernel_handler(info, ucontext);
	errno = saved_errno;
	if (!handled)
		pass_on(sig, info, ucontext);
}

static int install(void)
{
	struct sigaction action;

	if (installed)
		return 0;
	memset(&action, 0, sizeof(action));
	action.sa_sigaction = dispatch;
	/* Not SA_ONSTACK: the handler runs on the faulting thread's own stack. An oops with
	 * symbolised frames (libdw) needs far more than the small alternate stacks that
	 * AddressSanitizer and programs set up, and overflowing one corrupts what lies
	 * below it. */
	action.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&action.sa_mask);
	for (int i = 0; i < NR_SIGNALS; i++) {
		if (sigaction(fault_signals[i], &action, &previous_action[i])) {
			int err = -errno;

			while (i-- > 0)
				sigaction(fault_signals[i], &previous_action[i], NULL);
			return err;
		}
	}
	installed = true;
	return 0;
}

static void uninstall_if_unused(void)
{
	if (!installed || nr_handlers || kernel_handler)
		return;
	for (int i = 0; i < NR_SIGNALS; i++)
		sigaction(fault_signals[i], &previous_action[i], NULL);
	installed = false;
}

int host_fault_handler_add(host_fault_fn fn)
{
	int err;

	for (int i = 0; i < nr_handlers; i++)
		if (handlers[i] == fn)
			return 0;
	if (nr_handlers == MAX_FAULT_HANDLERS)
		return -ENOSPC;
	err = install();
	if (err)
		return err;
	handlers[nr_handlers++] = fn;
	return 0;
}

void host_fault_handler_remove(host_fault_fn fn)
{
	for (int i = 0; i < nr_handlers; i++) {
		if (handlers[i] != fn)
			continue;
		memmove(&handlers[i], &handlers[i + 1], (size_t)(nr_handlers - i - 1) * sizeof(*handlers));
		nr_handlers--;
		uninstall_if_unused();
		return;
	}
}

int host_fault_set_kernel_handler(host_fault_fn fn)
{
	int err = fn ? install() : 0;

	if (err)
		return err;
	kernel_handler = fn;
	uninstall_if_unused();
	return 0;
}
