// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/read_write.c: ukmem_read/write, their vector (readv/writev) and positioned
 * (pread/pwrite) forms and ukmem_lseek, with the kernel's checks (mode, an operation to
 * call, the user buffers, the position), and the llseek helpers drivers put in their
 * file_operations. A file without read/write is served by read_iter/write_iter, as the
 * VFS does; a vector read on a file without read_iter calls read once per segment until
 * one comes up short. As for the kernel's character devices, the position is not locked:
 * the call works on a copy of f_pos and stores it back. */
#include <errno.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/export.h>
#include "fs/file.h"
#include "kernel/signal.h"
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

/* A read_iter or write_iter call on an iterator, at *pos (a stream: at 0, not kept). */
static ssize_t call_iter(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	struct kiocb kiocb;
	ssize_t ret;

	init_sync_kiocb(&kiocb, file);
	kiocb.ki_pos = pos ? *pos : 0;
	if (iov_iter_rw(iter) == WRITE)
		ret = file->f_op->write_iter(&kiocb, iter);
	else
		ret = file->f_op->read_iter(&kiocb, iter);
	if (ret > 0 && pos)
		*pos = kiocb.ki_pos;
	return ret;
}

/* One buffer through read_iter/write_iter, for files without read/write. */
static ssize_t new_sync_rw(struct file *file, char __user *buf, size_t count, loff_t *pos,
			   unsigned int direction)
{
	struct iovec iov = { .iov_base = buf, .iov_len = count };
	struct iov_iter iter;

	iov_iter_init(&iter, direction, &iov, 1, count);
	return call_iter(file, &iter, pos);
}

ssize_t file_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	int err = rw_checks(file, buf, &count, pos, FMODE_READ, FMODE_CAN_READ);

	if (err)
		return err;
	if (file->f_op->read)
		return file->f_op->read(file, buf, count, pos);
	return new_sync_rw(file, buf, count, pos, ITER_DEST);
}

static ssize_t file_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	int err = rw_checks(file, buf, &count, pos, FMODE_WRITE, FMODE_CAN_WRITE);

	if (err)
		return err;
	if (file->f_op->write)
		return file->f_op->write(file, buf, count, pos);
	return new_sync_rw(file, (char __user *)buf, count, pos, ITER_SOURCE);
}

typedef ssize_t (*rw_fn)(struct file *, char __user *, size_t, loff_t *);

/* What a call on fd does with its file, given a position to use (NULL for streams). */
struct fd_call {
	ssize_t (*op)(struct file *file, loff_t *ppos, const struct fd_call *call);
	char __user *buf;
	size_t count;
	rw_fn fn;
	int nr_segs;
	unsigned int dir;
};

/* Runs call on fd's file with a copy of its position, stored back after success. */
static ssize_t on_fd_at_pos(int fd, const struct fd_call *call)
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
	ret = call->op(file, ppos, call);
	if (ret >= 0 && ppos)
		file->f_pos = pos;
	fput(file);
	return ret;
}

static ssize_t rw_op(struct file *file, loff_t *ppos, const struct fd_call *call)
{
	return call->fn(file, call->buf, call->count, ppos);
}

static ssize_t ksys_rw(int fd, char __user *buf, size_t count, rw_fn fn)
{
	struct fd_call call = { .op = rw_op, .buf = buf, .count = count, .fn = fn };

	return on_fd_at_pos(fd, &call);
}

ssize_t ukmem_read(int fd, void *buf, size_t count)
{
	ukmem_ensure_booted();
	return user_error(SYSCALL_RUN(ksys_rw(fd, buf, count, file_read)));
}

ssize_t ukmem_write(int fd, const void *buf, size_t count)
{
	ukmem_ensure_booted();
	return user_error(SYSCALL_RUN(ksys_rw(fd, (char __user *)buf, count,
					       (rw_fn)file_write)));
}

/* ---- pread/pwrite: at a given position, f_pos untouched ---- */

static ssize_t ksys_prw(int fd, char __user *buf, size_t count, loff_t pos, rw_fn fn,
			fmode_t need)
{
	struct file *file;
	ssize_t ret = -ESPIPE;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (file->f_mode & need)
		ret = fn(file, buf, count, &pos);
	fput(file);
	return ret;
}

ssize_t ukmem_pread(int fd, void *buf, size_t count, off_t offset)
{
	ukmem_ensure_booted();
	return user_error(SYSCALL_RUN(ksys_prw(fd, buf, count, offset, file_read, FMODE_PREAD)));
}

ssize_t ukmem_pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	ukmem_ensure_booted();
	return user_error(SYSCALL_RUN(ksys_prw(fd, (char __user *)buf, count, offset,
					       (rw_fn)file_write, FMODE_PWRITE)));
}

/* ---- readv/writev ---- */

/* The kernel's import_iovec: the vector copied in from the caller (it is user memory
 * too), each segment checked, the total clamped to MAX_RW_COUNT. Returns the total. */
static ssize_t import_user_iovec(const struct iovec __user *uvec, int nr_segs,
				 struct iovec *iov)
{
	size_t total = 0;

	if (nr_segs < 0 || nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (copy_from_user(iov, uvec, (unsigned long)nr_segs * sizeof(*iov)))
		return -EFAULT;
	for (int seg = 0; seg < nr_segs; seg++) {
		size_t len = iov[seg].iov_len;

		if ((ssize_t)len < 0)
			return -EINVAL;
		if (!access_ok(iov[seg].iov_base, len))
			return -EFAULT;
		if (len > MAX_RW_COUNT - total) {
			len = MAX_RW_COUNT - total;
			iov[seg].iov_len = len;
		}
		total += len;
	}
	return (ssize_t)total;
}

/* Segment by segment through read/write, stopping at the first short transfer. */
static ssize_t loop_rw(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	ssize_t done = 0;

	while (iov_iter_count(iter)) {
		size_t len = iov_iter_single_seg_count(iter);
		/* as an address: a NULL segment (EFAULT from the copy) is no pointer arithmetic */
		char __user *base = (char __user *)((unsigned long)iter->iov->iov_base +
						    iter->iov_offset);
		ssize_t n;

		if (!len) {		/* an empty segment */
			iter->iov++;
			iter->nr_segs--;
			iter->iov_offset = 0;
			continue;
		}
		if (iov_iter_rw(iter) == WRITE)
			n = file->f_op->write(file, base, len, pos);
		else
			n = file->f_op->read(file, base, len, pos);
		if (n < 0) {
			if (!done)
				done = n;
			break;
		}
		done += n;
		if ((size_t)n != len)
			break;
		iov_iter_advance(iter, (size_t)n);
	}
	return done;
}

static ssize_t file_rw_vec(struct file *file, const struct iovec __user *uvec, int nr_segs,
			   loff_t *pos, unsigned int direction)
{
	fmode_t mode = direction == WRITE ? FMODE_WRITE : FMODE_READ;
	fmode_t can = direction == WRITE ? FMODE_CAN_WRITE : FMODE_CAN_READ;
	struct iovec iov[UIO_MAXIOV > 64 ? 64 : UIO_MAXIOV], *vec = iov;
	struct iov_iter iter;
	ssize_t total;
	bool iter_op;

	if (!(file->f_mode & mode))
		return -EBADF;
	if (!(file->f_mode & can))
		return -EINVAL;
	if (nr_segs < 0 || nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs > (int)ARRAY_SIZE(iov)) {
		vec = malloc((size_t)nr_segs * sizeof(*vec));
		if (!vec)
			return -ENOMEM;
	}
	total = import_user_iovec(uvec, nr_segs, vec);
	if (total > 0)
		total = rw_verify_area(file, pos, (size_t)total) ?: total;
	if (total > 0) {
		iov_iter_init(&iter, direction, vec, (unsigned long)nr_segs, (size_t)total);
		iter_op = direction == WRITE ? file->f_op->write_iter != NULL :
					       file->f_op->read_iter != NULL;
		total = iter_op ? call_iter(file, &iter, pos) : loop_rw(file, &iter, pos);
	}
	if (vec != iov)
		free(vec);
	return total;
}

static ssize_t rw_vec_op(struct file *file, loff_t *ppos, const struct fd_call *call)
{
	return file_rw_vec(file, (const struct iovec __user *)call->buf, call->nr_segs, ppos,
			   call->dir);
}

static ssize_t ksys_rw_vec(int fd, const struct iovec *uvec, int nr_segs, unsigned int dir)
{
	struct fd_call call = { .op = rw_vec_op, .buf = (char __user *)uvec,
				.nr_segs = nr_segs, .dir = dir };

	return on_fd_at_pos(fd, &call);
}

ssize_t ukmem_readv(int fd, const struct iovec *iov, int iovcnt)
{
	ukmem_ensure_booted();
	return user_error(SYSCALL_RUN(ksys_rw_vec(fd, iov, iovcnt, READ)));
}

ssize_t ukmem_writev(int fd, const struct iovec *iov, int iovcnt)
{
	ukmem_ensure_booted();
	return user_error(SYSCALL_RUN(ksys_rw_vec(fd, iov, iovcnt, WRITE)));
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

/**
 * no_llseek - an llseek method that refuses
 * @file: the file
 * @offset: unused
 * @whence: unused
 *
 * Context: process context.
 * Return: -ESPIPE.
 */
loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}
EXPORT_SYMBOL(no_llseek);

/**
 * noop_llseek - an llseek method that keeps the position
 * @file: the file
 * @offset: unused
 * @whence: unused
 *
 * Context: process context.
 * Return: the current position.
 */
loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}
EXPORT_SYMBOL(noop_llseek);

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

/**
 * generic_file_llseek_size - llseek with a maximum and an end of file
 * @file: the file
 * @offset: the offset
 * @whence: SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA or SEEK_HOLE
 * @maxsize: the largest position allowed
 * @eof: the file's end, for SEEK_END, SEEK_DATA and SEEK_HOLE
 *
 * Context: process context; takes no lock (Linux 6.1 takes f_lock for SEEK_CUR).
 * Return: the new position, or -EINVAL (negative or beyond @maxsize), -ENXIO (SEEK_DATA
 * or SEEK_HOLE past the end).
 */
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof)
{
	switch (whence) {
	/* The sums wrap, as in the kernel (built with -fno-strict-overflow): a negative
	 * result is then refused by set_pos(). */
	case SEEK_END:
		offset = (loff_t)((u64)offset + (u64)eof);
		break;
	case SEEK_CUR:
		if (offset == 0)
			return file->f_pos;
		offset = (loff_t)((u64)offset + (u64)file->f_pos);
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
EXPORT_SYMBOL(generic_file_llseek_size);

/**
 * fixed_size_llseek - llseek for a file of a fixed size
 * @file: the file
 * @offset: the offset
 * @whence: SEEK_SET, SEEK_CUR or SEEK_END
 * @size: the file's size, also the largest position
 *
 * Context: process context.
 * Return: the new position, or -EINVAL.
 */
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
EXPORT_SYMBOL(fixed_size_llseek);

/**
 * generic_file_llseek - llseek by the inode's size
 * @file: the file
 * @offset: the offset
 * @whence: SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA or SEEK_HOLE
 *
 * Context: process context.
 * Return: the new position, or -EINVAL or -ENXIO.
 */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, LLONG_MAX,
					i_size_read(file_inode(file)));
}
EXPORT_SYMBOL(generic_file_llseek);

/**
 * default_llseek - the llseek used when a file has none, by the inode's size
 * @file: the file
 * @offset: the offset
 * @whence: SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA or SEEK_HOLE
 *
 * Context: process context.
 * Return: the new position, or -EINVAL or -ENXIO.
 */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	return generic_file_llseek_size(file, offset, whence, LLONG_MAX,
					i_size_read(file_inode(file)));
}
EXPORT_SYMBOL(default_llseek);
