/* host/fault.c: the SIGSEGV dispatcher (see fault.h). A fault in the KFENCE pool goes to
 * kfence_handle_page_fault() first, as Linux's page-fault path calls it. Invariant: the host handler is
 * installed exactly while at least one callback is registered. Callbacks are read by
 * the signal handler without a lock; they are only added and removed at boot and
 * shutdown, when no fault can be in flight. */
#include <errno.h>
#include <string.h>
#include <ucontext.h>
#include <linux/kfence.h>
#include "host/fault.h"

#define MAX_FAULT_HANDLERS 4
#define X86_PF_WRITE 0x2

static host_fault_fn handlers[MAX_FAULT_HANDLERS];
/* Nonzero while the thread runs ukmem code on a malloc's behalf (libukmem-malloc) or
 * reports a KFENCE fault here: mallocs made meanwhile go to the C library, so that a report
 * from a fault in the program's own code never re-enters the allocators. */
__thread unsigned int ukmem_inside __attribute__((tls_model("initial-exec")));
static int nr_handlers;
static struct sigaction previous_action;

unsigned long host_fault_error_code(void *ucontext)
{
	return (unsigned long)((ucontext_t *)ucontext)->uc_mcontext.gregs[REG_ERR];
}

bool host_fault_is_write(void *ucontext)
{
	return host_fault_error_code(ucontext) & X86_PF_WRITE;
}

static void pass_on(int sig, siginfo_t *info, void *ucontext)
{
	if ((previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_sigaction) {
		previous_action.sa_sigaction(sig, info, ucontext);
		return;
	}
	if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
		previous_action.sa_handler(sig);
		return;
	}
	sigaction(SIGSEGV, &previous_action, NULL);
	nr_handlers = 0;
}

static void dispatch(int sig, siginfo_t *info, void *ucontext)
{
	int saved_errno = errno;
	bool handled;

	ukmem_inside++;		/* KFENCE's report always returns */
	handled = kfence_handle_page_fault((unsigned long)info->si_addr,
					   host_fault_is_write(ucontext), (struct pt_regs *)ucontext);
	ukmem_inside--;
	for (int i = 0; !handled && i < nr_handlers; i++)
		handled = handlers[i](info, ucontext);
	errno = saved_errno;
	if (!handled)
		pass_on(sig, info, ucontext);
}

int host_fault_handler_add(host_fault_fn fn)
{
	struct sigaction action;

	for (int i = 0; i < nr_handlers; i++)
		if (handlers[i] == fn)
			return 0;
	if (nr_handlers == MAX_FAULT_HANDLERS)
		return -ENOSPC;
	if (!nr_handlers) {
		memset(&action, 0, sizeof(action));
		action.sa_sigaction = dispatch;
		action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
		sigemptyset(&action.sa_mask);
		if (sigaction(SIGSEGV, &action, &previous_action))
			return -errno;
	}
	handlers[nr_handlers++] = fn;
	return 0;
}

void host_fault_handler_remove(host_fault_fn fn)
{
	for (int i = 0; i < nr_handlers; i++) {
		if (handlers[i] != fn)
			continue;
		memmove(&handlers[i], &handlers[i + 1], (size_t)(nr_handlers - i - 1) * sizeof(*handlers));
		if (--nr_handlers == 0)
			sigaction(SIGSEGV, &previous_action, NULL);
		return;
	}
}
