// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/ioctl.c: ukmem_ioctl. FIONBIO and FIOASYNC, which the kernel answers itself for any
 * file (FIONBIO sets O_NONBLOCK in f_flags; FIOASYNC calls the driver's fasync, whose
 * fasync_helper sets FASYNC), are handled here; everything else goes to the driver's
 * unlocked_ioctl, and a driver without one, or answering -ENOIOCTLCMD, gives ENOTTY as
 * in Linux. */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include "fs/file.h"
#include "kernel/signal.h"
#include "machine/boot.h"

static long set_nonblock_from_user(struct file *file, unsigned long arg)
{
	int on;

	if (get_user(on, (int __user *)arg))
		return -EFAULT;
	file_set_flags(file, O_NONBLOCK, on ? O_NONBLOCK : 0);
	return 0;
}

/* As Linux 6.1's ioctl_fioasync: the driver's fasync (with fasync_helper) sets FASYNC. */
static long set_async_from_user(struct file *file, unsigned int fd, unsigned long arg)
{
	int on, err = 0;

	if (get_user(on, (int __user *)arg))
		return -EFAULT;
	if (!!on != !!(file->f_flags & FASYNC)) {
		if (!file->f_op->fasync)
			return -ENOTTY;
		err = file->f_op->fasync((int)fd, file, on);
	}
	return err < 0 ? err : 0;
}

static long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long err;

	if (!file->f_op->unlocked_ioctl)
		return -ENOTTY;
	err = file->f_op->unlocked_ioctl(file, cmd, arg);
	return err == -ENOIOCTLCMD ? -ENOTTY : err;
}

static long do_vfs_ioctl(struct file *file, unsigned int fd, unsigned int cmd,
			 unsigned long arg)
{
	if (cmd == FIONBIO)
		return set_nonblock_from_user(file, arg);
	if (cmd == FIOASYNC)
		return set_async_from_user(file, fd, arg);
	return vfs_ioctl(file, cmd, arg);
}

static long ksys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *file = fget(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = do_vfs_ioctl(file, (unsigned int)fd, cmd, arg);
	fput(file);
	return ret;
}

int ukmem_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	ukmem_ensure_booted();
	return (int)user_error(SYSCALL_RUN(ksys_ioctl(fd, (unsigned int)cmd, arg)));
}
