// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/signal.c: signals of the threads that call ukmem's user API, as Linux 6.1 lets
 * them end a driver's sleep. A user call only counts itself in its task (no host call:
 * most calls never sleep). Its first interruptible sleep blocks the caller's catchable
 * signals until the call ends (the caller's mask is kept in its task), so from then on
 * a signal stays pending on the host: signal_pending() reads the host's pending set,
 * less what the caller's mask blocks and what is ignored. An interruptible sleep waits
 * in ppoll() on two descriptors of the thread's own: an eventfd that wake_up_state()
 * writes and a signalfd watching the signals that may end the sleep, so a signal sent
 * before or during the sleep ends it with nothing lost and no polling. Nothing is read
 * from the signalfd: the signal stays pending and is delivered when the call gives the
 * caller its mask back, after the kernel's -ERESTARTSYS has become EINTR or a restart.
 * A signal handled before the call's first interruptible sleep is gone, as if it had
 * come just before the call: it ends no sleep.
 * Invariants: a waker writes the eventfd only while the sleeper says it polls it, and
 * the sleeper does not leave its sleep while a waker is between that check and its
 * write (ukmem_wakers), so no write reaches a descriptor after its thread is gone.
 * The descriptors are closed when their thread exits. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/export.h>
#include "kernel/futex.h"
#include "kernel/signal.h"

#define SIGBIT(sig)	(1UL << ((sig) - 1))

/* Never blocked by a user call: the faults (ukmem's user copies and MMIO catch them),
 * and what cannot be blocked. The C library keeps its own two signals out by itself. */
#define KEPT_OPEN	(SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGFPE) | \
			 SIGBIT(SIGTRAP) | SIGBIT(SIGSYS) | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
/* Those whose default action is to do nothing (Linux's sig_kernel_ignore) or to stop. */
#define DEFAULT_IGNORED	(SIGBIT(SIGCHLD) | SIGBIT(SIGCONT) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH))
#define DEFAULT_STOP	(SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

/* Signals 1..64 of a host set (glibc keeps them in its first word, bit sig - 1). */
static unsigned long set_word(const sigset_t *set)
{
	unsigned long word;

	memcpy(&word, set, sizeof(word));
	return word;
}

static void word_set(sigset_t *set, unsigned long word)
{
	sigemptyset(set);
	memcpy(set, &word, sizeof(word));
}

static unsigned long host_mask(int how, unsigned long word)
{
	sigset_t set, old;

	word_set(&set, word);
	pthread_sigmask(how, &set, &old);
	return set_word(&old);
}

/* What the caller's mask lets through, of what a call blocks. */
static unsigned long let_through(const struct task_struct *task)
{
	return ~task->ukmem_sigmask & ~KEPT_OPEN;
}

static unsigned long host_pending(void)
{
	sigset_t set;

	return sigpending(&set) ? 0 : set_word(&set);
}

/* Takes the lowest signal out of *set (not empty). */
static int pop_signal(unsigned long *set)
{
	int sig = __builtin_ctzl(*set) + 1;

	*set &= ~SIGBIT(sig);
	return sig;
}

enum sig_kind { SIG_KIND_IGNORED, SIG_KIND_HANDLED, SIG_KIND_FATAL, SIG_KIND_STOP };

static enum sig_kind sig_kind(int sig, struct sigaction *sa)
{
	if (sigaction(sig, NULL, sa))
		return SIG_KIND_IGNORED;
	if (sa->sa_handler == SIG_IGN)
		return SIG_KIND_IGNORED;
	if (sa->sa_handler != SIG_DFL)
		return SIG_KIND_HANDLED;
	if (SIGBIT(sig) & DEFAULT_IGNORED)
		return SIG_KIND_IGNORED;
	return SIGBIT(sig) & DEFAULT_STOP ? SIG_KIND_STOP : SIG_KIND_FATAL;
}

/* Of the signals in set, those that end a sleep in state (interruptible: any that is
 * not ignored; killable: the fatal ones). */
static unsigned long waking_signals(unsigned long set, unsigned int state)
{
	unsigned long waking = 0;
	struct sigaction sa;

	while (set) {
		int sig = pop_signal(&set);
		enum sig_kind kind = sig_kind(sig, &sa);

		if (kind == SIG_KIND_FATAL ||
		    (kind != SIG_KIND_IGNORED && (state & TASK_INTERRUPTIBLE)))
			waking |= SIGBIT(sig);
	}
	return waking;
}

/**
 * ukmem_signal_pending - whether the calling task has a signal that @state lets wake it
 * @state: TASK_INTERRUPTIBLE (any signal not ignored) or TASK_WAKEKILL (a fatal one)
 *
 * The worker of signal_pending(), fatal_signal_pending() and signal_pending_state() for
 * a task in a user call: the host's pending signals (the thread's and the process's)
 * that the caller's own mask lets through. One host call, plus one per such signal.
 *
 * Context: the calling thread's own task only; any context.
 */
int ukmem_signal_pending(unsigned int state)
{
	struct task_struct *task = current;
	unsigned long pending;

	if (!task->ukmem_sigheld)
		return 0;
	pending = host_pending() & let_through(task);
	return pending && waking_signals(pending, state) ? 1 : 0;
}
EXPORT_SYMBOL(ukmem_signal_pending);

/* ---- the user call's entry and exit ---- */

void syscall_enter(void)
{
	current->ukmem_syscall++;	/* more than 1: a driver calling ukmem_read */
}

/* The call's catchable signals stay pending from here to its end. */
static void hold_signals(struct task_struct *task)
{
	if (task->ukmem_sigheld)
		return;
	task->ukmem_sigmask = host_mask(SIG_BLOCK, ~KEPT_OPEN);
	task->ukmem_sigheld = 1;
}

static bool is_restart_code(long ret)
{
	return ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND ||
	       ret == -ERESTART_RESTARTBLOCK;
}

/* As Linux 6.1's x86 signal delivery: the first signal to be delivered (the lowest
 * pending one) decides. With a handler, -ERESTARTSYS restarts only for SA_RESTART,
 * -ERESTARTNOINTR always, the others become EINTR; without one (a stop) the call
 * restarts. No signal: the code stays, as a kernel without TIF_SIGPENDING leaves it. */
static bool resolve_restart(const struct task_struct *task, long *ret)
{
	unsigned long pending = host_pending() & let_through(task);
	struct sigaction sa;

	while (pending) {
		enum sig_kind kind = sig_kind(pop_signal(&pending), &sa);

		if (kind == SIG_KIND_IGNORED)
			continue;
		if (kind != SIG_KIND_HANDLED)
			return kind == SIG_KIND_STOP;	/* a fatal one ends the process */
		if (*ret == -ERESTARTNOINTR ||
		    (*ret == -ERESTARTSYS && (sa.sa_flags & SA_RESTART)))
			return true;
		*ret = -EINTR;
		return false;
	}
	return false;
}

bool syscall_exit(long *ret)
{
	struct task_struct *task = current;
	bool restart = false;

	if (--task->ukmem_syscall || !task->ukmem_sigheld)
		return false;	/* an inner call, or no signal can have been seen */
	if (is_restart_code(*ret))
		restart = resolve_restart(task, ret);
	task->ukmem_sigheld = 0;
	host_mask(SIG_SETMASK, task->ukmem_sigmask);	/* pending handlers run here */
	return restart;
}

/* ---- the sleep a signal can end ---- */

static pthread_key_t fds_key;
static pthread_once_t fds_once = PTHREAD_ONCE_INIT;

static void close_sleep_fds(void *arg)
{
	struct task_struct *task = arg;

	if (task->ukmem_wake_fd)
		close(task->ukmem_wake_fd - 1);
	if (task->ukmem_signal_fd)
		close(task->ukmem_signal_fd - 1);
	task->ukmem_wake_fd = task->ukmem_signal_fd = 0;
}

static void make_fds_key(void)
{
	pthread_key_create(&fds_key, close_sleep_fds);
}

static bool open_sleep_fds(struct task_struct *task)
{
	sigset_t none;
	int efd, sfd;

	if (task->ukmem_wake_fd)
		return true;
	pthread_once(&fds_once, make_fds_key);
	sigemptyset(&none);
	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (efd < 0)
		return false;
	sfd = signalfd(-1, &none, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sfd < 0) {
		close(efd);
		return false;
	}
	task->ukmem_signal_fd = sfd + 1;
	task->ukmem_signal_fd_mask = 0;
	__atomic_store_n(&task->ukmem_wake_fd, efd + 1, __ATOMIC_SEQ_CST);
	pthread_setspecific(fds_key, task);
	return true;
}

static void watch_signals(struct task_struct *task, unsigned long watch)
{
	sigset_t set;

	if (task->ukmem_signal_fd_mask == watch)
		return;
	word_set(&set, watch);
	if (signalfd(task->ukmem_signal_fd - 1, &set, 0) >= 0)
		task->ukmem_signal_fd_mask = watch;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

bool signal_sleep(struct task_struct *task, long state, long long timeout_ns)
{
	long long deadline = timeout_ns < 0 ? -1 : now_ns() + timeout_ns;
	struct pollfd fds[2];
	unsigned long watch;
	bool lost = false;
	uint64_t count;

	if (!open_sleep_fds(task))
		return false;
	hold_signals(task);
	watch = let_through(task);
	fds[0] = (struct pollfd){ .fd = task->ukmem_wake_fd - 1, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = task->ukmem_signal_fd - 1, .events = POLLIN };
	__atomic_store_n(&task->ukmem_sleep_poll, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		struct timespec left, *until = NULL;

		if (__atomic_load_n(&task->state, __ATOMIC_SEQ_CST) == TASK_RUNNING)
			break;
		if (deadline >= 0) {
			long long ns = deadline - now_ns();

			if (ns <= 0)
				break;
			left = (struct timespec){ ns / 1000000000LL, ns % 1000000000LL };
			until = &left;
		}
		watch_signals(task, watch);
		if (ppoll(fds, 2, until, NULL) <= 0)
			continue;	/* timed out (checked above) or a stop and continue */
		if ((fds[0].revents | fds[1].revents) & POLLNVAL) {
			lost = true;	/* the program closed them: sleep as before */
			break;
		}
		if (fds[0].revents & POLLIN)
			while (read(fds[0].fd, &count, sizeof(count)) == sizeof(count))
				;
		if (fds[1].revents & POLLIN) {
			unsigned long pending = host_pending() & watch;

			if (waking_signals(pending, (unsigned int)state))
				break;
			watch &= ~pending;	/* ignored here: not watched for this sleep */
		}
	}
	__atomic_store_n(&task->ukmem_sleep_poll, 0, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&task->ukmem_wakers, __ATOMIC_SEQ_CST))
		sched_yield();		/* a waker about to write: a few instructions away */
	if (lost) {
		__atomic_store_n(&task->ukmem_wake_fd, 0, __ATOMIC_SEQ_CST);	/* new ones next */
		task->ukmem_signal_fd = 0;
		return false;
	}
	__atomic_store_n(&task->state, TASK_RUNNING, __ATOMIC_RELEASE);
	return true;
}

void signal_wake(struct task_struct *task)
{
	static const uint64_t one = 1;

	if (!__atomic_load_n(&task->ukmem_wake_fd, __ATOMIC_SEQ_CST))
		return;		/* it never slept this way: its state change woke it */
	__atomic_add_fetch(&task->ukmem_wakers, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&task->ukmem_sleep_poll, __ATOMIC_SEQ_CST)) {
		int fd = __atomic_load_n(&task->ukmem_wake_fd, __ATOMIC_RELAXED) - 1;

		if (write(fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
			errno = 0;	/* the count is full: the sleeper is awake anyway */
	}
	__atomic_sub_fetch(&task->ukmem_wakers, 1, __ATOMIC_SEQ_CST);
}

/* ---- locks sleeping on a futex word ---- */

/* A task in a user call sleeping on a word: word_wake() wakes it as a task. */
struct word_waiter {
	struct list_head node;
	const int *word;
	struct task_struct *task;
};

static LIST_HEAD(word_waiters);
static pthread_mutex_t word_waiters_lock = PTHREAD_MUTEX_INITIALIZER;
static int nr_word_waiters;

void wait_on_word(int *word, int expected, unsigned int state)
{
	struct task_struct *task = current;
	struct word_waiter waiter = { .word = word, .task = task };

	if (!task->ukmem_syscall || !(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL))) {
		futex_wait(word, expected, -1);
		return;
	}
	pthread_mutex_lock(&word_waiters_lock);
	list_add_tail(&waiter.node, &word_waiters);
	__atomic_add_fetch(&nr_word_waiters, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&word_waiters_lock);
	set_current_state(state);
	/* A waker that changed the word before this load sees this waiter listed. */
	if (__atomic_load_n(word, __ATOMIC_SEQ_CST) == expected &&
	    !signal_pending_state(state, task))
		schedule();
	__set_current_state(TASK_RUNNING);
	pthread_mutex_lock(&word_waiters_lock);
	list_del(&waiter.node);
	__atomic_sub_fetch(&nr_word_waiters, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&word_waiters_lock);
}

void word_wake(int *word)
{
	struct word_waiter *waiter;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* the word's change, then the count */
	if (!__atomic_load_n(&nr_word_waiters, __ATOMIC_SEQ_CST))
		return;
	pthread_mutex_lock(&word_waiters_lock);
	list_for_each_entry(waiter, &word_waiters, node)
		if (waiter->word == word)
			wake_up_process(waiter->task);
	pthread_mutex_unlock(&word_waiters_lock);
}

/* ---- service threads ---- */

unsigned long block_signals_for_create(void)
{
	return host_mask(SIG_BLOCK, ~KEPT_OPEN);
}

void unblock_after_create(unsigned long old)
{
	host_mask(SIG_SETMASK, old);
}
