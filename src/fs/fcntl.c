// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/fcntl.c: ukmem_fcntl and signal-driven I/O. A driver keeps a list of fasync_structs,
 * one per file that asked for SIGIO (FIOASYNC, or F_SETFL with O_ASYNC); fasync_helper
 * adds or removes the file's entry and sets or clears FASYNC in its flags, kill_fasync
 * signals the owner of every file on the list (F_SETOWN: a host process or process group;
 * F_SETOWN_EX also a thread; none, no signal) with F_SETSIG's signal or SIGIO, as Linux
 * 6.1 does. F_GETFD/F_SETFD keep FD_CLOEXEC per descriptor (fs/file.c). One mutex guards
 * every list (they are short and rarely changed); the entries are host memory. Flags
 * change by compare-and-swap, an owner is one word read and written atomically. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/printk.h>
#include <linux/export.h>
#include "fs/file.h"
#include "machine/boot.h"

static pthread_mutex_t fasync_lock = PTHREAD_MUTEX_INITIALIZER;

void file_set_flags(struct file *file, unsigned int mask, unsigned int value)
{
	unsigned int old = __atomic_load_n(&file->f_flags, __ATOMIC_RELAXED);

	while (!__atomic_compare_exchange_n(&file->f_flags, &old, (old & ~mask) | (value & mask),
					    false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		;
}

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
		file_set_flags(filp, FASYNC, 0);
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
	file_set_flags(filp, FASYNC, FASYNC);
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
 * Sets FASYNC in the file's flags with the entry and clears it with the entry, as Linux
 * 6.1's does (FIOASYNC and F_SETFL leave the bit to the driver's fasync).
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

/* What each reason (POLL_IN ... POLL_HUP) tells in si_band, as Linux 6.1's table. */
static const __poll_t band_table[] = {
	EPOLLIN | EPOLLRDNORM,			/* POLL_IN */
	EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND,	/* POLL_OUT */
	EPOLLIN | EPOLLRDNORM | EPOLLMSG,	/* POLL_MSG */
	EPOLLERR,				/* POLL_ERR */
	EPOLLPRI | EPOLLRDBAND,			/* POLL_PRI */
	EPOLLHUP | EPOLLERR			/* POLL_HUP */
};

static long owner_word(int type, int id)
{
	return (long)type << 32 | (unsigned int)id;
}

static int owner_id(long owner)
{
	return (int)(owner & 0xffffffffL);
}

static int owner_type(long owner)
{
	return (int)(owner >> 32);
}

/* The process of host thread tid (any process's), or -1 when there is no such thread. */
static pid_t thread_group_of(pid_t tid)
{
	char path[40], line[128];
	pid_t tgid = -1;
	FILE *status;

	if (tid <= 0)
		return -1;
	if (!syscall(SYS_tgkill, getpid(), tid, 0))
		return getpid();	/* one of this process's threads */
	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	status = fopen(path, "re");
	if (!status)
		return -1;
	while (fgets(line, sizeof(line), status))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(status);
	return tgid;
}

/* Sends sig to the owner, queued with si when given (not to a process group). */
static int owner_signal(int type, int id, int sig, siginfo_t *si)
{
	pid_t tgid;

	switch (type) {
	case F_OWNER_TID:
		tgid = thread_group_of(id);
		if (tgid < 0)
			return -1;
		if (si)
			return (int)syscall(SYS_rt_tgsigqueueinfo, tgid, id, sig, si);
		return (int)syscall(SYS_tgkill, tgid, id, sig);
	case F_OWNER_PGRP:
		return kill(-id, sig);
	}
	return si ? (int)syscall(SYS_rt_sigqueueinfo, id, sig, si) : kill(id, sig);
}

/* The owner's signal for an event of fd (reason POLL_IN...). F_SETSIG's signal is queued
 * to a process or thread with si_fd and si_band, si_code SI_SIGIO (the host lets no
 * process queue POLL_IN's positive code), or sent with kill to a process group; SIGIO is
 * sent plainly, as is the old SIGIO when queueing fails. */
static void send_sigio(struct fown_struct *fown, int fd, int reason)
{
	long owner = __atomic_load_n(&fown->ukmem_owner, __ATOMIC_ACQUIRE);
	int signum = __atomic_load_n(&fown->signum, __ATOMIC_RELAXED);
	int id = owner_id(owner), type = owner_type(owner);

	if (!id)
		return;
	if (signum) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		si.si_signo = signum;
		si.si_code = SI_SIGIO;
		si.si_band = reason >= POLL_IN && reason - POLL_IN < (int)ARRAY_SIZE(band_table) ?
			     (long)band_table[reason - POLL_IN] : ~0L;
		si.si_fd = fd;
		if (!owner_signal(type, id, signum, type == F_OWNER_PGRP ? NULL : &si))
			return;
	}
	owner_signal(type, id, SIGIO, NULL);
}

/**
 * kill_fasync - signal the owner of every file on the list (data arrived: @band POLL_IN...)
 * @fp: the driver's list
 * @sig: SIGIO (SIGURG goes only to owners that chose a signal with F_SETSIG)
 * @band: the reason, POLL_IN ... POLL_HUP
 *
 * A file without an owner (F_SETOWN) gets nothing, as in Linux.
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
		struct fown_struct *fown;

		if (fa->magic != FASYNC_MAGIC) {
			printk(KERN_ERR "kill_fasync: bad magic number in fasync_struct!\n");
			break;
		}
		if (!fa->fa_file)
			continue;
		fown = &fa->fa_file->f_owner;
		if (!(sig == SIGURG && !__atomic_load_n(&fown->signum, __ATOMIC_RELAXED)))
			send_sigio(fown, fa->fa_fd, band);
	}
	pthread_mutex_unlock(&fasync_lock);
}
EXPORT_SYMBOL(kill_fasync);

/* Whether a thread, process or process group of that id exists on the host. */
static bool owner_exists(int type, int id)
{
	if (type == F_OWNER_TID)
		return thread_group_of(id) > 0;
	return !kill(type == F_OWNER_PGRP ? -id : id, 0) || errno != ESRCH;
}

static void set_owner(struct file *filp, int type, int id)
{
	const struct cred *cred = current_cred();

	filp->f_owner.uid = cred->uid;
	filp->f_owner.euid = cred->euid;
	__atomic_store_n(&filp->f_owner.ukmem_owner, owner_word(type, id), __ATOMIC_RELEASE);
}

/**
 * f_setown - make a process or process group the owner of @filp's signals (F_SETOWN)
 * @filp: the file
 * @arg: a pid, minus a process group id, or 0 for no owner
 * @force: set even if an owner is set (ukmem always sets)
 *
 * Context: process. Returns 0, -EINVAL for INT_MIN, -ESRCH when no such process or group
 * exists.
 */
int f_setown(struct file *filp, unsigned long arg, int force)
{
	int who = (int)arg;
	int type = who < 0 ? F_OWNER_PGRP : F_OWNER_PID;

	if (who == INT_MIN)
		return -EINVAL;
	if (who < 0)
		who = -who;
	if (who && !owner_exists(type, who))
		return -ESRCH;
	set_owner(filp, type, who);
	return 0;
}
EXPORT_SYMBOL(f_setown);

/* The owner's id while it exists, else 0. */
static int live_owner(long owner)
{
	int id = owner_id(owner);

	return id && owner_exists(owner_type(owner), id) ? id : 0;
}

/* F_GETOWN: the owner, negative for a process group; 0 once it no longer exists. */
static int f_getown(struct file *filp)
{
	long owner = __atomic_load_n(&filp->f_owner.ukmem_owner, __ATOMIC_ACQUIRE);
	int id = live_owner(owner);

	return owner_type(owner) == F_OWNER_PGRP ? -id : id;
}

/* F_SETOWN_EX: a thread (F_OWNER_TID), process or process group, as 6.1's f_setown_ex. */
static int f_setown_ex(struct file *filp, unsigned long arg)
{
	struct f_owner_ex owner;

	if (copy_from_user(&owner, (const void __user *)arg, sizeof(owner)))
		return -EFAULT;
	if (owner.type != F_OWNER_TID && owner.type != F_OWNER_PID &&
	    owner.type != F_OWNER_PGRP)
		return -EINVAL;
	if (owner.pid && (owner.pid < 0 || !owner_exists(owner.type, owner.pid)))
		return -ESRCH;
	set_owner(filp, owner.type, owner.pid);
	return 0;
}

/* F_GETOWN_EX: the kind and the id (0 once gone); a file never given an owner says
 * F_OWNER_TID and 0, as Linux's zeroed fown_struct does. */
static int f_getown_ex(struct file *filp, unsigned long arg)
{
	long word = __atomic_load_n(&filp->f_owner.ukmem_owner, __ATOMIC_ACQUIRE);
	struct f_owner_ex owner = { .type = owner_type(word), .pid = live_owner(word) };

	if (copy_to_user((void __user *)arg, &owner, sizeof(owner)))
		return -EFAULT;
	return 0;
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME)

/* F_SETFL by Linux 6.1's rules for a file of ukmem's (no append-only inodes, no direct
 * I/O unless the driver's open set FMODE_CAN_ODIRECT): O_ASYNC goes to the driver's
 * fasync, which sets FASYNC; other flags outside SETFL_MASK are ignored. */
static long setfl(int fd, struct file *filp, unsigned long arg)
{
	struct inode *inode = file_inode(filp);
	int error;

	if ((arg & O_NOATIME) && !(filp->f_flags & O_NOATIME) &&
	    !uid_eq(current_fsuid(), inode->i_uid) && !capable(CAP_FOWNER))
		return -EPERM;
	if ((arg & O_DIRECT) && !(filp->f_mode & FMODE_CAN_ODIRECT))
		return -EINVAL;
	if (filp->f_op->check_flags) {
		error = filp->f_op->check_flags((int)arg);
		if (error)
			return error;
	}
	if (((arg ^ filp->f_flags) & FASYNC) && filp->f_op->fasync) {
		error = filp->f_op->fasync(fd, filp, (arg & FASYNC) != 0);
		if (error < 0)
			return error;
	}
	file_set_flags(filp, SETFL_MASK, (unsigned int)arg);
	return 0;
}

static long do_fcntl(int fd, int cmd, unsigned long arg, struct file *filp)
{
	switch (cmd) {
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return filp->f_flags;
	case F_SETFL:
		return setfl(fd, filp, arg);
	case F_GETOWN:
		return f_getown(filp);
	case F_SETOWN:
		return f_setown(filp, arg, 1);
	case F_GETOWN_EX:
		return f_getown_ex(filp, arg);
	case F_SETOWN_EX:
		return f_setown_ex(filp, arg);
	case F_GETSIG:
		return __atomic_load_n(&filp->f_owner.signum, __ATOMIC_RELAXED);
	case F_SETSIG:
		if (arg > 64)	/* valid_signal(), the kernel's _NSIG; 0 restores SIGIO */
			return -EINVAL;
		__atomic_store_n(&filp->f_owner.signum, (int)arg, __ATOMIC_RELAXED);
		return 0;
	}
	return -EINVAL;
}

int ukmem_fcntl(int fd, int cmd, ...)
{
	unsigned long arg = 0;
	struct file *filp;
	long ret;
	va_list ap;

	if (cmd == F_SETFD || cmd == F_SETFL || cmd == F_SETOWN || cmd == F_SETSIG ||
	    cmd == F_SETOWN_EX || cmd == F_GETOWN_EX) {
		va_start(ap, cmd);
		arg = va_arg(ap, unsigned long);
		va_end(ap);
	}
	ukmem_ensure_booted();
	filp = fget(fd);
	if (!filp)
		return (int)user_error(-EBADF);
	ret = do_fcntl(fd, cmd, arg, filp);
	fput(filp);
	if (cmd == F_GETOWN)
		return (int)ret;	/* a process group is negative, not an error */
	return (int)user_error(ret);
}
