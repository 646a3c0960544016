// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/select.c: ukmem_poll and the waiting behind poll_wait(). One poll call asks each
 * file's poll method for its events; on the first pass the poll table's queueing
 * function puts an entry on every wait queue the driver names, so that a wake-up on any
 * of them sets the caller's `triggered` flag and wakes its task. Nothing is lost between a
 * pass and the sleep: the entries are queued before the drivers look at their state, and
 * the flag stays set until the caller has looked again. The sleep is interruptible: a
 * signal ends the call with EINTR (-ERESTARTNOHAND: restarted, with the time left, only
 * when no handler runs). The entries hold a reference on their files and stay queued
 * until the call returns. */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include "fs/file.h"
#include "kernel/cpu.h"
#include "kernel/signal.h"
#include "machine/boot.h"

#define POLL_MAX_FDS	1024	/* as the descriptor table */

/* The kernel's poll_wqueues: one poll call's table and wake-up state. */
struct poll_waiter {
	poll_table pt;
	struct task_struct *polling_task;
	int triggered;
	int error;
	struct list_head entries;
};

struct poll_entry {
	struct list_head list;
	struct file *filp;
	wait_queue_head_t *wq;
	wait_queue_entry_t wait;
	__poll_t key;
	struct poll_waiter *pw;
};

/* Called under the queue's lock by the driver's wake_up. */
static int pollwake(wait_queue_entry_t *wait, unsigned int mode, int sync, void *key)
{
	struct poll_entry *entry = container_of(wait, struct poll_entry, wait);
	struct poll_waiter *pw = entry->pw;

	if (key && !((__poll_t)(unsigned long)key & entry->key))
		return 0;	/* a wake-up for events nobody here waits for */
	__atomic_store_n(&pw->triggered, 1, __ATOMIC_SEQ_CST);
	return wake_up_state(pw->polling_task, mode);
}

static void pollwait_queue(struct file *filp, wait_queue_head_t *wq, poll_table *pt)
{
	struct poll_waiter *pw = container_of(pt, struct poll_waiter, pt);
	struct poll_entry *entry = malloc(sizeof(*entry));

	if (!entry) {
		pw->error = -ENOMEM;
		return;
	}
	entry->filp = get_file(filp);
	entry->wq = wq;
	entry->key = pt->_key;
	entry->pw = pw;
	init_waitqueue_func_entry(&entry->wait, pollwake);
	add_wait_queue(wq, &entry->wait);
	list_add(&entry->list, &pw->entries);
}

static void poll_waiter_init(struct poll_waiter *pw)
{
	init_poll_funcptr(&pw->pt, pollwait_queue);
	pw->polling_task = current;
	pw->triggered = 0;
	pw->error = 0;
	INIT_LIST_HEAD(&pw->entries);
}

static void poll_waiter_free(struct poll_waiter *pw)
{
	struct poll_entry *entry, *tmp;

	list_for_each_entry_safe(entry, tmp, &pw->entries, list) {
		remove_wait_queue(entry->wq, &entry->wait);
		fput(entry->filp);
		free(entry);
	}
}

static long long monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Sleeps (interruptibly) until a wake-up, a signal or the deadline in CLOCK_MONOTONIC
 * nanoseconds (< 0: none), as the kernel's poll_schedule_timeout. False once the
 * deadline passed. */
static bool poll_schedule(struct poll_waiter *pw, long long deadline)
{
	long long left = deadline < 0 ? -1 : deadline - monotonic_ns();

	set_current_state(TASK_INTERRUPTIBLE);
	if (!__atomic_load_n(&pw->triggered, __ATOMIC_SEQ_CST) && (deadline < 0 || left > 0))
		schedule_ns(left);
	__set_current_state(TASK_RUNNING);
	__atomic_store_n(&pw->triggered, 0, __ATOMIC_SEQ_CST);
	return deadline < 0 || monotonic_ns() < deadline;
}

/* The events of one descriptor (the kernel's do_pollfd). */
static __poll_t poll_one(struct pollfd *pfd, poll_table *pt)
{
	__poll_t filter = demangle_poll((u16)pfd->events) | EPOLLERR | EPOLLHUP;
	struct file *file;
	__poll_t mask;

	if (pfd->fd < 0)
		return 0;
	file = fget(pfd->fd);
	if (!file)
		return EPOLLNVAL;
	if (pt)
		pt->_key = filter;
	mask = vfs_poll(file, pt) & filter;
	fput(file);
	return mask;
}

/* Polls until an event, the deadline (CLOCK_MONOTONIC ns; < 0 none) or a signal. */
static long do_poll(struct pollfd *fds, unsigned long nfds, long long deadline)
{
	struct poll_waiter pw;
	bool timed_out = deadline >= 0 && monotonic_ns() >= deadline;
	long count;

	poll_waiter_init(&pw);
	for (;;) {
		poll_table *pt = timed_out ? NULL : &pw.pt;

		count = 0;
		for (unsigned long i = 0; i < nfds; i++) {
			__poll_t mask = poll_one(&fds[i], pt);

			fds[i].revents = (short)mangle_poll(mask);
			if (mask) {
				count++;
				pt = NULL;	/* an answer is ready: no need to wait */
			}
		}
		pw.pt._qproc = NULL;	/* queued once, on the first pass */
		if (!count) {
			count = pw.error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		if (count || timed_out)
			break;
		if (!poll_schedule(&pw, deadline))
			timed_out = true;	/* one last look, then 0 */
	}
	poll_waiter_free(&pw);
	return count;
}

/* The kernel's do_sys_poll: the descriptors copied in, polled, the events copied out. */
static long do_sys_poll(struct pollfd *ufds, unsigned long nfds, long long deadline)
{
	struct pollfd *fds;
	long ret;

	if (nfds > POLL_MAX_FDS)
		return -EINVAL;
	fds = calloc(nfds ? nfds : 1, sizeof(*fds));
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, (const void __user *)ufds, nfds * sizeof(*fds))) {
		free(fds);
		return -EFAULT;
	}
	ret = do_poll(fds, nfds, deadline);
	for (unsigned long i = 0; i < nfds && ret >= 0; i++)
		if (put_user(fds[i].revents, &((struct pollfd __user *)ufds)[i].revents))
			ret = -EFAULT;
	free(fds);
	return ret;
}

int ukmem_poll(struct pollfd *ufds, unsigned long nfds, int timeout)
{
	/* The deadline is fixed once: a restart (no handler ran) waits out what is left. */
	long long deadline = timeout < 0 ? -1 : monotonic_ns() + timeout * 1000000LL;

	ukmem_ensure_booted();
	return (int)user_error(SYSCALL_RUN(do_sys_poll(ufds, nfds, deadline)));
}
