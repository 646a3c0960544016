/* fs/read_write.c: ukmem_read, ukmem_write and ukmem_lseek with the kernel's checks
 * (mode, an operation to call, the user buffer, the position), and the llseek helpers
 * drivers put in their file_operations. As for the kernel's character devices, the
 * position is not locked: the call works on a copy of f_pos and stores it back. */
#include <errno.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include "fs/file.h"
#include "machine/boot.h"

/* Positions must be valid for the file: no negative ones unless the driver allows. */
static int rw_verify_area(struct file *file, const loff_t *ppos, size_t count)
{
	loff_t pos;

	if ((ssize_t)count < 0)
		return -EINVAL;
	if (!ppos)
		return 0;
	pos = *ppos;
	if (pos < 0 && !(file->f_mode & FMODE_UNSIGNED_OFFSET))
		return -EINVAL;
	if (count >= (size_t)(LLONG_MAX - (pos < 0 ? 0 : pos)) &&
	    !(file->f_mode & FMODE_UNSIGNED_OFFSET))
		return -EINVAL;
	return 0;
}

/* What the kernel checks before a read or write reaches the driver: the file's mode,
 * the operation, the user buffer and the position. Clamps *count to MAX_RW_COUNT. */
static int rw_checks(struct file *file, const void __user *buf, size_t *count,
		     const loff_t *pos, fmode_t mode, fmode_t can)
{
	if (!(file->f_mode & mode))
		return -EBADF;
	if (!(file->f_mode & can))
		return -EINVAL;
	if (!access_ok(buf, *count))
		return -EFAULT;
	if (*count > MAX_RW_COUNT)
		*count = MAX_RW_COUNT;
	return rw_verify_area(file, pos, *count);
}

static ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	int err = rw_checks(file, buf, &count, pos, FMODE_READ, FMODE_CAN_READ);

	return err ? err : file->f_op->read(file, buf, count, pos);
}

static ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	int err = rw_checks(file, buf, &count, pos, FMODE_WRITE, FMODE_CAN_WRITE);

	return err ? err : file->f_op->write(file, buf, count, pos);
}

typedef ssize_t (*rw_fn)(struct file *, char __user *, size_t, loff_t *);

/* Runs a read or write on fd with a copy of its position (none for streams). */
static ssize_t ksys_rw(int fd, char __user *buf, size_t count, rw_fn fn)
{
	struct file *file = fget(fd);
	loff_t pos, *ppos = NULL;
	ssize_t ret;

	if (!file)
		return -EBADF;
	if (!(file->f_mode & FMODE_STREAM)) {
		pos = file->f_pos;
		ppos = &pos;
	}
	ret = fn(file, buf, count, ppos);
	if (ret >= 0 && ppos)
		file->f_pos = pos;
	fput(file);
	return ret;
}

ssize_t ukmem_read(int fd, void *buf, size_t count)
{
	ukmem_ensure_booted();
	return user_error(ksys_rw(fd, buf, count, vfs_read));
}

ssize_t ukmem_write(int fd, const void *buf, size_t count)
{
	ukmem_ensure_booted();
	return user_error(ksys_rw(fd, (char __user *)buf, count, (rw_fn)vfs_write));
}

off_t ukmem_lseek(int fd, off_t offset, int whence)
{
	struct file *file;
	loff_t ret;

	ukmem_ensure_booted();
	file = fget(fd);
	if (!file)
		return user_error(-EBADF);
	if (whence < SEEK_SET || whence > SEEK_MAX)
		ret = -EINVAL;
	else if (!(file->f_mode & FMODE_LSEEK))
		ret = -ESPIPE;
	else
		ret = file->f_op->llseek(file, offset, whence);
	fput(file);
	return user_error(ret);
}

/* ---- llseek helpers ---- */

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

static loff_t set_pos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 && !(file->f_mode & FMODE_UNSIGNED_OFFSET))
		return -EINVAL;
	if (offset > maxsize)
		return -EINVAL;
	if (offset != file->f_pos) {
		file->f_pos = offset;
		file->f_version = 0;
	}
	return offset;
}

loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof)
{
	switch (whence) {
	case SEEK_END:
		offset += eof;
		break;
	case SEEK_CUR:
		if (offset == 0)
			return file->f_pos;
		offset += file->f_pos;
		break;
	case SEEK_DATA:
		if ((unsigned long long)offset >= (unsigned long long)eof)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if ((unsigned long long)offset >= (unsigned long long)eof)
			return -ENXIO;
		offset = eof;
		break;
	}
	return set_pos(file, offset, maxsize);
}

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
	switch (whence) {
	case SEEK_SET:
	case SEEK_CUR:
	case SEEK_END:
		return generic_file_llseek_size(file, offset, whence, size, size);
	default:
		return -EINVAL;
	}
}

/* The kernel's default_llseek: positions up to the largest loff_t, the end at i_size. */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, LLONG_MAX,
					i_size_read(file_inode(file)));
}
