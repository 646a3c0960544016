// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/sync.c: fsync -- asking a file's driver to make what was written durable. The
 * driver's fsync gets the byte range and whether only the data (not the metadata) must
 * reach the device; a file without fsync cannot be synced (-EINVAL, as Linux's
 * vfs_fsync_range). msync(MS_SYNC) and ukmem_fsync/ukmem_fdatasync come here. */
#include <errno.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/export.h>
#include "fs/file.h"
#include "kernel/signal.h"
#include "machine/boot.h"

/**
 * vfs_fsync_range - the file's fsync for bytes @start..@end
 * @file: the file
 * @start: first byte
 * @end: last byte (LLONG_MAX: to the end)
 * @datasync: only the data, not the metadata
 *
 * Context: process; may sleep (the driver's fsync may). Returns its result, or -EINVAL
 * when the file has none.
 */
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync)
{
	if (!file->f_op->fsync)
		return -EINVAL;
	return file->f_op->fsync(file, start, end, datasync);
}
EXPORT_SYMBOL(vfs_fsync_range);

/**
 * vfs_fsync - vfs_fsync_range() over the whole file
 * @file: the file
 * @datasync: only the data
 *
 * Context: process context; may sleep in the file's fsync method.
 * Return: 0, -EINVAL without an fsync method, or the method's error.
 */
int vfs_fsync(struct file *file, int datasync)
{
	return vfs_fsync_range(file, 0, LLONG_MAX, datasync);
}
EXPORT_SYMBOL(vfs_fsync);

static int do_fsync(int fd, int datasync)
{
	struct file *file = fget(fd);
	int err;

	if (!file)
		return -EBADF;
	err = vfs_fsync(file, datasync);
	fput(file);
	return err;
}

int ukmem_fsync(int fd)
{
	ukmem_ensure_booted();
	return (int)user_error(SYSCALL_RUN(do_fsync(fd, 0)));
}

int ukmem_fdatasync(int fd)
{
	ukmem_ensure_booted();
	return (int)user_error(SYSCALL_RUN(do_fsync(fd, 1)));
}
