// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/select.c: ukmem_poll and the waiting behind poll_wait(). One poll call asks each
 * file's poll method for its events; on the first pass the poll table's queueing
 * function puts an entry on every wait queue the driver names, so that a wake-up on any
 * of them sets the caller's `triggered` flag and wakes it. Nothing is lost between a pass
 * and the sleep: the entries are queued before the drivers look at their state, and the
 * flag stays set until the caller has looked again. The entries hold a reference on their
 * files and stay queued until the call returns. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include "fs/file.h"
#include "machine/boot.h"

#define POLL_MAX_FDS	1024	/* as the descriptor table */

/* The kernel's poll_wqueues: one poll call's table and wake-up state. */
struct poll_waiter {
	poll_table pt;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool triggered;
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
	pthread_mutex_lock(&pw->lock);
	pw->triggered = true;
	pthread_cond_signal(&pw->cond);
	pthread_mutex_unlock(&pw->lock);
	return 1;
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
	pthread_condattr_t attr;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&pw->cond, &attr);
	pthread_condattr_destroy(&attr);
	pthread_mutex_init(&pw->lock, NULL);
	init_poll_funcptr(&pw->pt, pollwait_queue);
	pw->triggered = false;
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
	pthread_cond_destroy(&pw->cond);
	pthread_mutex_destroy(&pw->lock);
}

/* Sleeps until a wake-up or the deadline (NULL: none). False once the deadline passed. */
static bool poll_schedule(struct poll_waiter *pw, const struct timespec *deadline)
{
	bool in_time = true;

	pthread_mutex_lock(&pw->lock);
	while (!pw->triggered && in_time) {
		if (deadline)
			in_time = pthread_cond_timedwait(&pw->cond, &pw->lock, deadline) != ETIMEDOUT;
		else
			pthread_cond_wait(&pw->cond, &pw->lock);
	}
	in_time |= pw->triggered;
	pw->triggered = false;
	pthread_mutex_unlock(&pw->lock);
	return in_time;
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

static long do_poll(struct pollfd *fds, unsigned long nfds, int timeout)
{
	struct timespec deadline, *until = NULL;
	struct poll_waiter pw;
	bool timed_out = timeout == 0;
	long count;

	if (timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += timeout / 1000;
		deadline.tv_nsec += (long)(timeout % 1000) * 1000000L;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
		until = &deadline;
	}
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
		if (count || timed_out || pw.error)
			break;
		if (!poll_schedule(&pw, until))
			timed_out = true;	/* one last look, then 0 */
	}
	poll_waiter_free(&pw);
	return count ? count : pw.error;
}

int ukmem_poll(struct pollfd *ufds, unsigned long nfds, int timeout)
{
	struct pollfd *fds;
	long ret;

	ukmem_ensure_booted();
	if (nfds > POLL_MAX_FDS)
		return (int)user_error(-EINVAL);
	fds = calloc(nfds ? nfds : 1, sizeof(*fds));
	if (!fds)
		return (int)user_error(-ENOMEM);
	if (copy_from_user(fds, (const void __user *)ufds, nfds * sizeof(*fds))) {
		free(fds);
		return (int)user_error(-EFAULT);
	}
	ret = do_poll(fds, nfds, timeout);
	for (unsigned long i = 0; i < nfds && ret >= 0; i++)
		if (put_user(fds[i].revents, &((struct pollfd __user *)ufds)[i].revents))
			ret = -EFAULT;
	free(fds);
	return (int)user_error(ret);
}
