/* fs/file.c: open device files and the descriptor table of ukmem's user side. A struct
 * file is counted (f_count): the descriptor holds one reference, each mapping another
 * (vma->vm_file), and the driver's release runs when the last goes. Descriptors are the
 * lowest free numbers from 0, in a table of their own (not the host's descriptors);
 * lookups take a reference under the table lock, so a close racing with a read leaves
 * the file alive until that read is done. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/fs.h>
#include "fs/chrdev.h"
#include "fs/devfs.h"
#include "fs/file.h"
#include "machine/boot.h"

#define NR_OPEN	1024

static struct file *fd_table[NR_OPEN];
static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;

long user_error(long err)
{
	if (err >= 0)
		return err;
	errno = (int)-err;
	return -1;
}

struct file *get_file(struct file *f)
{
	__atomic_fetch_add(&f->f_count.counter, 1, __ATOMIC_RELAXED);
	return f;
}

void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count.counter, 1, __ATOMIC_ACQ_REL))
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	chrdev_file_put(f);
	devfs_inode_put(f->f_inode);
	free(f);
}

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

static int fd_install(struct file *f)
{
	int fd;

	pthread_mutex_lock(&fd_lock);
	for (fd = 0; fd < NR_OPEN && fd_table[fd]; fd++)
		;
	if (fd < NR_OPEN)
		fd_table[fd] = f;
	pthread_mutex_unlock(&fd_lock);
	return fd < NR_OPEN ? fd : -EMFILE;
}

int nonseekable_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

int stream_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);
	filp->f_mode |= FMODE_STREAM;
	return 0;
}

/* O_RDONLY/O_WRONLY/O_RDWR -> FMODE_READ/FMODE_WRITE; 3 gives neither (ioctl only). */
static fmode_t open_fmode(int flags)
{
	return (fmode_t)((flags + 1) & O_ACCMODE);
}

/* The open as the kernel's do_dentry_open does it, once the driver said yes. */
static void finish_open(struct file *f)
{
	f->f_mode |= FMODE_OPENED;
	if ((f->f_mode & FMODE_READ) && f->f_op->read)
		f->f_mode |= FMODE_CAN_READ;
	if ((f->f_mode & FMODE_WRITE) && f->f_op->write)
		f->f_mode |= FMODE_CAN_WRITE;
	if ((f->f_mode & FMODE_LSEEK) && !f->f_op->llseek)
		f->f_mode &= ~FMODE_LSEEK;
}

static long do_open(const char *path, int flags)
{
	struct inode *inode = devfs_lookup(path);
	struct file *f;
	int err, fd;

	if (!inode)
		return -ENOENT;
	f = calloc(1, sizeof(*f));
	if (!f) {
		devfs_inode_put(inode);
		return -ENOMEM;
	}
	f->f_inode = inode;
	f->f_flags = (unsigned int)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);
	f->f_mode = open_fmode(flags) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	f->f_count.counter = 1;
	err = chrdev_open(inode, f);
	if (err) {
		devfs_inode_put(inode);
		free(f);
		return err;
	}
	finish_open(f);
	fd = fd_install(f);
	if (fd < 0)
		fput(f);
	return fd;
}

int ukmem_open(const char *path, int flags)
{
	ukmem_ensure_booted();
	if (!path)
		return (int)user_error(-EFAULT);
	return (int)user_error(do_open(path, flags));
}

static struct file *fd_remove(int fd)
{
	struct file *f = NULL;

	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	pthread_mutex_lock(&fd_lock);
	f = fd_table[fd];
	fd_table[fd] = NULL;
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
	if (f->f_op->flush)
		err = f->f_op->flush(f, NULL);
	fput(f);
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
