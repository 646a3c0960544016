// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/fcntl.c: signal-driven I/O. A driver keeps a list of fasync_structs, one per file
 * that asked for SIGIO (FIOASYNC, or F_SETFL with O_ASYNC in Linux); fasync_helper adds
 * or removes the file's entry, kill_fasync signals every file on the list. ukmem's user
 * side is the process itself, so the signal goes to the process. One mutex guards every
 * list (they are short and rarely changed); the entries are host memory. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/export.h>

static pthread_mutex_t fasync_lock = PTHREAD_MUTEX_INITIALIZER;

static int fasync_remove_entry(struct file *filp, struct fasync_struct **fapp)
{
	struct fasync_struct *fa, **fp;
	int removed = 0;

	pthread_mutex_lock(&fasync_lock);
	for (fp = fapp; (fa = *fp) != NULL; fp = &fa->fa_next) {
		if (fa->fa_file != filp)
			continue;
		*fp = fa->fa_next;
		free(fa);
		removed = 1;
		break;
	}
	pthread_mutex_unlock(&fasync_lock);
	return removed;
}

static int fasync_add_entry(int fd, struct file *filp, struct fasync_struct **fapp)
{
	struct fasync_struct *fa, *new = malloc(sizeof(*new));

	if (!new)
		return -ENOMEM;
	pthread_mutex_lock(&fasync_lock);
	for (fa = *fapp; fa; fa = fa->fa_next) {
		if (fa->fa_file == filp) {
			fa->fa_fd = fd;
			pthread_mutex_unlock(&fasync_lock);
			free(new);
			return 0;
		}
	}
	*new = (struct fasync_struct){ .magic = FASYNC_MAGIC, .fa_fd = fd, .fa_file = filp,
				       .fa_next = *fapp };
	*fapp = new;
	pthread_mutex_unlock(&fasync_lock);
	return 1;
}

/**
 * fasync_helper - add or remove @filp on a driver's fasync list (its fasync method)
 * @fd: the descriptor (reported to the signal handler)
 * @filp: the file
 * @on: add (nonzero) or remove (0)
 * @fapp: the driver's list
 *
 * Context: process; may sleep. Returns 1 when the list changed, 0 when it had nothing to
 * change, -ENOMEM.
 */
int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp)
{
	if (!on)
		return fasync_remove_entry(filp, fapp);
	return fasync_add_entry(fd, filp, fapp);
}
EXPORT_SYMBOL(fasync_helper);

/**
 * kill_fasync - signal every file on the list (data arrived: @band POLL_IN, ...)
 * @fp: the driver's list
 * @sig: the signal (SIGIO)
 * @band: the event, as si_band (not delivered by ukmem)
 *
 * Context: any, also under the driver's spinlocks: the signal is queued, never handled
 * here.
 */
void kill_fasync(struct fasync_struct **fp, int sig, int band)
{
	struct fasync_struct *fa;

	if (!*fp)
		return;
	pthread_mutex_lock(&fasync_lock);
	for (fa = *fp; fa; fa = fa->fa_next) {
		if (fa->magic != FASYNC_MAGIC) {
			printk(KERN_ERR "kill_fasync: bad magic number in fasync_struct!\n");
			break;
		}
		if (fa->fa_file)
			kill(getpid(), sig);
	}
	pthread_mutex_unlock(&fasync_lock);
}
EXPORT_SYMBOL(kill_fasync);
