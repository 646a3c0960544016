// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/file.c: open files and the descriptor table of ukmem's user side. A path names a
 * file of one of the mounted file systems (fs/mount.h: ukmem's /dev, the /proc registry
 * with ukmem's own views such as /dev/kmsg, ...); the open starts with the inode's i_fop, as the
 * kernel's do_dentry_open does. A struct file is counted (f_count): the descriptor holds
 * one reference, each mapping another (vma->vm_file), and the driver's release runs when
 * the last goes; then the inode's owner gets it back (inode->ukmem_put). Descriptors are the
 * lowest free numbers from 0, in a table of their own (not the host's descriptors);
 * lookups take a reference under the table lock, so a close racing with a read leaves
 * the file alive until that read is done. An open file holds its operations' owner
 * module (fops_get at open, fops_put after release), so the module cannot be unloaded
 * while it is open. A file keeps its opener's credentials (f_cred) until its release. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/err.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/export.h>
#include "fs/chrdev.h"
#include "fs/file.h"
#include "fs/mount.h"
#include "kernel/signal.h"
#include "machine/boot.h"

#define NR_OPEN	1024

static struct file *fd_table[NR_OPEN];
static bool fd_cloexec[NR_OPEN];	/* FD_CLOEXEC, the descriptor's own */
static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;

long user_error(long err)
{
	if (err >= 0)
		return err;
	errno = (int)-err;
	return -1;
}

/**
 * get_file - take another reference to an open file
 * @f: the file
 *
 * Context: any context; does not sleep.
 * Return: @f.
 */
struct file *get_file(struct file *f)
{
	__atomic_fetch_add(&f->f_count.counter, 1, __ATOMIC_RELAXED);
	return f;
}
EXPORT_SYMBOL(get_file);

static void file_free(struct file *f)
{
	free((void *)f->f_cred);
	free(f);
}

/**
 * fput - drop a reference to an open file; the last one closes it
 * @f: the file
 *
 * On the last reference the file's fasync and release methods run, its module reference
 * and cdev hold go, and the file is freed. Linux 6.1 defers that to task work; ukmem
 * releases at once, in the caller.
 *
 * Context: process context when it may be the last reference (release may sleep).
 */
void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count.counter, 1, __ATOMIC_ACQ_REL))
		return;
	if ((f->f_flags & FASYNC) && f->f_op->fasync)
		f->f_op->fasync(-1, f, 0);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	fops_put(f->f_op);		/* the owner module may go now */
	if (__atomic_load_n(&f->ukmem_cdev, __ATOMIC_ACQUIRE))
		chrdev_file_put(f);	/* cdev_del may have let it go already */
	f->f_inode->ukmem_put(f->f_inode);
	file_free(f);
}
EXPORT_SYMBOL(fput);

struct file *fget(int fd)
{
	struct file *f = NULL;

	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	pthread_mutex_lock(&fd_lock);
	if (fd_table[fd])
		f = get_file(fd_table[fd]);
	pthread_mutex_unlock(&fd_lock);
	return f;
}

static int fd_install(struct file *f, bool cloexec)
{
	int fd;

	pthread_mutex_lock(&fd_lock);
	for (fd = 0; fd < NR_OPEN && fd_table[fd]; fd++)
		;
	if (fd < NR_OPEN) {
		fd_table[fd] = f;
		fd_cloexec[fd] = cloexec;
	}
	pthread_mutex_unlock(&fd_lock);
	return fd < NR_OPEN ? fd : -EMFILE;
}

bool get_close_on_exec(int fd)
{
	bool on;

	pthread_mutex_lock(&fd_lock);
	on = fd >= 0 && fd < NR_OPEN && fd_cloexec[fd];
	pthread_mutex_unlock(&fd_lock);
	return on;
}

void set_close_on_exec(int fd, bool on)
{
	pthread_mutex_lock(&fd_lock);
	if (fd >= 0 && fd < NR_OPEN && fd_table[fd])
		fd_cloexec[fd] = on;
	pthread_mutex_unlock(&fd_lock);
}

/**
 * nonseekable_open - mark a file as not seekable, from an open method
 * @inode: the file's inode
 * @filp: the file
 *
 * llseek, pread and pwrite then fail with -ESPIPE.
 *
 * Context: process context.
 * Return: 0.
 */
int nonseekable_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}
EXPORT_SYMBOL(nonseekable_open);

/**
 * stream_open - mark a file as a stream, from an open method
 * @inode: the file's inode
 * @filp: the file
 *
 * Like nonseekable_open(), and read and write no longer use or update the position.
 *
 * Context: process context.
 * Return: 0.
 */
int stream_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);
	filp->f_mode |= FMODE_STREAM;
	return 0;
}
EXPORT_SYMBOL(stream_open);

/* O_RDONLY/O_WRONLY/O_RDWR -> FMODE_READ/FMODE_WRITE; 3 gives neither (ioctl only). */
static fmode_t open_fmode(int flags)
{
	return (fmode_t)(((unsigned int)flags + 1) & O_ACCMODE);	/* any flags: no overflow */
}

/* The open as the kernel's do_dentry_open does it, once the driver said yes. */
static void finish_open(struct file *f)
{
	f->f_mode |= FMODE_OPENED;
	if ((f->f_mode & FMODE_READ) && (f->f_op->read || f->f_op->read_iter))
		f->f_mode |= FMODE_CAN_READ;
	if ((f->f_mode & FMODE_WRITE) && (f->f_op->write || f->f_op->write_iter))
		f->f_mode |= FMODE_CAN_WRITE;
	if ((f->f_mode & FMODE_LSEEK) && !f->f_op->llseek)
		f->f_mode &= ~FMODE_LSEEK;
}

/* f_cred: a copy of the opener's credentials, as Linux 6.1 takes a reference on them at
 * open (ukmem's current_cred() is the thread's, rewritten at its next call). */
static const struct cred *opener_cred(void)
{
	struct cred *cred = malloc(sizeof(*cred));

	if (cred)
		*cred = *current_cred();
	return cred;
}

/**
 * filp_open - open the file at @path (in /dev, /proc or another mounted file system)
 * @path: absolute path
 * @flags: O_RDONLY/O_WRONLY/O_RDWR and O_NONBLOCK, O_APPEND...
 * @mode: ignored (nothing is created)
 *
 * Context: process; may sleep (runs the driver's open). Returns the file, to be let go
 * with filp_close() or fput(), or ERR_PTR(-ENOENT, -EISDIR, -ENOMEM, open's error, or
 * -EINVAL for O_DIRECT on a file whose open did not set FMODE_CAN_ODIRECT).
 */
struct file *filp_open(const char *path, int flags, umode_t mode)
{
	struct dentry *dentry = vfs_lookup_path(path);
	struct inode *inode;
	struct file *f;
	int err;

	if (IS_ERR(dentry))
		return ERR_CAST(dentry);
	inode = dentry->d_inode;
	f = calloc(1, sizeof(*f));
	if (f && !(f->f_cred = opener_cred())) {
		file_free(f);
		f = NULL;
	}
	if (!f) {
		inode->ukmem_put(inode);
		return ERR_PTR(-ENOMEM);
	}
	f->f_path.dentry = dentry;
	f->f_inode = inode;
	f->f_op = fops_get(inode->i_fop);	/* pins the owner module while open */
	if (inode->i_fop && !f->f_op) {
		inode->ukmem_put(inode);
		file_free(f);
		return ERR_PTR(-ENODEV);
	}
	/* O_CLOEXEC belongs to the descriptor, not the file (6.1's build_open_flags). */
	f->f_flags = (unsigned int)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	f->f_mode = open_fmode(flags) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	f->f_count.counter = 1;
	err = f->f_op && f->f_op->open ? f->f_op->open(inode, f) : 0;
	if (err) {
		fops_put(f->f_op);	/* the table open left in place (replace_fops) */
		inode->ukmem_put(inode);
		file_free(f);
		return ERR_PTR(err);
	}
	finish_open(f);
	/* As 6.1's do_dentry_open: direct I/O needs the driver's say-so (its mapping's
	 * direct_IO, FMODE_CAN_ODIRECT); the file was opened, so its release runs. */
	if ((f->f_flags & O_DIRECT) && !(f->f_mode & FMODE_CAN_ODIRECT)) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	return f;
}
EXPORT_SYMBOL(filp_open);

/**
 * filp_close - the close of a file from filp_open(): flush, then drop the reference
 * @filp: the file
 * @id: the owner given to flush (NULL)
 *
 * Context: process; may sleep. Returns flush's result.
 */
int filp_close(struct file *filp, fl_owner_t id)
{
	int err = filp->f_op->flush ? filp->f_op->flush(filp, id) : 0;

	fput(filp);
	return err;
}
EXPORT_SYMBOL(filp_close);

static long do_open(const char *path, int flags)
{
	struct file *f = filp_open(path, flags, 0);
	int fd;

	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

int ukmem_open(const char *path, int flags)
{
	ukmem_ensure_booted();
	if (!path)
		return (int)user_error(-EFAULT);
	/* open(2) on 64-bit Linux adds O_LARGEFILE (the kernel's value; libc's is 0). */
	return (int)user_error(SYSCALL_RUN(do_open(path, flags | 0100000)));
}

static struct file *fd_remove(int fd)
{
	struct file *f = NULL;

	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	pthread_mutex_lock(&fd_lock);
	f = fd_table[fd];
	fd_table[fd] = NULL;
	fd_cloexec[fd] = false;
	pthread_mutex_unlock(&fd_lock);
	return f;
}

int ukmem_close(int fd)
{
	struct file *f;
	int err = 0;

	ukmem_ensure_booted();
	f = fd_remove(fd);
	if (!f)
		return (int)user_error(-EBADF);
	err = filp_close(f, NULL);
	return (int)user_error(err);
}

void files_exit(void)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		struct file *f = fd_remove(fd);

		if (f)
			fput(f);
	}
}
