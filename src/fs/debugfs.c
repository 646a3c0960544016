// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/debugfs.c: debugfs at /sys/kernel/debug, as Linux 6.1's -- a tree of its own in
 * kernfs (fs/kernfs.c), handles are dentries, and a driver's file_operations run behind
 * a proxy: each call holds the file against removal (an active reference), and once the
 * file is removed, calls on files still open fail with -EIO (poll: EPOLLHUP) while
 * release still runs. "unsafe" files guard only their open; their methods call
 * debugfs_file_get/put themselves (the integer files do, through debugfs_attr_read).
 *
 * Names are unique per directory: a second one is the kernel's "debugfs: File 'x' in
 * directory 'y' already present!" and ERR_PTR(-EEXIST). A parent that is an error
 * pointer is handed back, as in Linux, so a driver may chain calls without checks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/module.h>
#include <linux/io.h>
#include <linux/kstrtox.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "fs/debugfs.h"
#include "fs/kernfs.h"

#undef pr_fmt
#define pr_fmt(fmt) "debugfs: " fmt

#define DEBUGFS_MOUNT "/sys/kernel/debug"

static struct kernfs_node *debugfs_root;

/* ---- the proxies ---- */

static struct kernfs_node *file_node(const struct file *file)
{
	return kernfs_node_of_dentry(file->f_path.dentry);
}

/**
 * debugfs_file_get - hold a debugfs file against removal for a call
 * @dentry: the file's dentry
 *
 * Context: any; does not sleep. Returns 0, or -EIO once the file is removed.
 */
int debugfs_file_get(struct dentry *dentry)
{
	struct kernfs_node *kn = kernfs_node_of_dentry(dentry);

	return kn && kernfs_get_active(kn) ? 0 : -EIO;
}
EXPORT_SYMBOL_GPL(debugfs_file_get);

/**
 * debugfs_file_put - end the hold debugfs_file_get() took
 * @dentry: the file's dentry
 *
 * Context: any context; does not sleep.
 */
void debugfs_file_put(struct dentry *dentry)
{
	kernfs_put_active(kernfs_node_of_dentry(dentry));
}
EXPORT_SYMBOL_GPL(debugfs_file_put);

/**
 * debugfs_real_fops - the driver's file_operations behind an open debugfs file
 * @filp: the file
 *
 * Context: any. Returns what the file was created with.
 */
const struct file_operations *debugfs_real_fops(const struct file *filp)
{
	return kernfs_real_fops(file_node(filp));
}
EXPORT_SYMBOL_GPL(debugfs_real_fops);

/* A proxy method: the driver's method under an active reference, fail when removed. */
#define PROXY_CALL(file, type, fail, method, ...)				\
	({									\
		struct dentry *__d = (file)->f_path.dentry;			\
		type __r = fail;						\
		if (!debugfs_file_get(__d)) {					\
			__r = debugfs_real_fops(file)->method(__VA_ARGS__);	\
			debugfs_file_put(__d);					\
		}								\
		__r;								\
	})

static loff_t proxy_llseek(struct file *f, loff_t off, int whence)
{
	return PROXY_CALL(f, loff_t, -EIO, llseek, f, off, whence);
}

static ssize_t proxy_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	return PROXY_CALL(f, ssize_t, -EIO, read, f, buf, n, pos);
}

static ssize_t proxy_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	return PROXY_CALL(f, ssize_t, -EIO, write, f, buf, n, pos);
}

static ssize_t proxy_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	return PROXY_CALL(iocb->ki_filp, ssize_t, -EIO, read_iter, iocb, iter);
}

static ssize_t proxy_write_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	return PROXY_CALL(iocb->ki_filp, ssize_t, -EIO, write_iter, iocb, iter);
}

static __poll_t proxy_poll(struct file *f, struct poll_table_struct *pt)
{
	return PROXY_CALL(f, __poll_t, EPOLLHUP, poll, f, pt);
}

static long proxy_unlocked_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return PROXY_CALL(f, long, -EIO, unlocked_ioctl, f, cmd, arg);
}

static int proxy_mmap(struct file *f, struct vm_area_struct *vma)
{
	return PROXY_CALL(f, int, -EIO, mmap, f, vma);
}

static int proxy_fsync(struct file *f, loff_t start, loff_t end, int datasync)
{
	return PROXY_CALL(f, int, -EIO, fsync, f, start, end, datasync);
}

static int proxy_fasync(int fd, struct file *f, int on)
{
	return PROXY_CALL(f, int, -EIO, fasync, fd, f, on);
}

/* release runs even after removal; then the file's proxy table goes. */
static int proxy_release(struct inode *inode, struct file *f)
{
	const struct file_operations *real = debugfs_real_fops(f);
	const struct file_operations *proxy = f->f_op;
	int r = 0;

	if (real->release)
		r = real->release(inode, f);
	f->f_op = real;
	free((void *)proxy);
	return r;
}

/* The open of a full-proxy file: the driver's open, then a table with exactly the
 * driver's methods, each wrapped. */
static int full_proxy_open(struct inode *inode, struct file *filp)
{
	struct dentry *dentry = filp->f_path.dentry;
	const struct file_operations *real;
	struct file_operations *proxy;
	int r = debugfs_file_get(dentry);

	if (r)
		return r;
	real = fops_get(debugfs_real_fops(filp));	/* pins the driver's module */
	if (!real) {
		r = -ENXIO;
		goto out;
	}
	proxy = calloc(1, sizeof(*proxy));	/* host memory, as struct file */
	if (!proxy) {
		fops_put(real);
		r = -ENOMEM;
		goto out;
	}
	if (real->open) {
		r = real->open(inode, filp);
		if (r) {
			fops_put(real);
			free(proxy);
			goto out;
		}
	}
	/* no owner of its own: the reference on real's owner is the open file's, given
	 * back after release, which leaves real in f_op */
	proxy->llseek = real->llseek ? proxy_llseek : NULL;
	proxy->read = real->read ? proxy_read : NULL;
	proxy->write = real->write ? proxy_write : NULL;
	proxy->read_iter = real->read_iter ? proxy_read_iter : NULL;
	proxy->write_iter = real->write_iter ? proxy_write_iter : NULL;
	proxy->poll = real->poll ? proxy_poll : NULL;
	proxy->unlocked_ioctl = real->unlocked_ioctl ? proxy_unlocked_ioctl : NULL;
	proxy->mmap = real->mmap ? proxy_mmap : NULL;
	proxy->fsync = real->fsync ? proxy_fsync : NULL;
	proxy->fasync = real->fasync ? proxy_fasync : NULL;
	proxy->flush = real->flush;
	proxy->release = proxy_release;
	filp->f_op = proxy;
out:
	debugfs_file_put(dentry);
	return r;
}

static const struct file_operations debugfs_full_proxy_file_operations = {
	.open = full_proxy_open,
};

/* The open of an "unsafe" file: guarded; then the driver's own table. */
static int open_proxy_open(struct inode *inode, struct file *filp)
{
	struct dentry *dentry = filp->f_path.dentry;
	const struct file_operations *real;
	int r = debugfs_file_get(dentry);

	if (r)
		return r;
	real = fops_get(debugfs_real_fops(filp));
	if (!real) {
		r = -ENXIO;
	} else {
		replace_fops(filp, real);
		r = filp->f_op->open ? filp->f_op->open(inode, filp) : 0;
	}
	debugfs_file_put(dentry);
	return r;
}

static const struct file_operations debugfs_open_proxy_file_operations = {
	.open = open_proxy_open,
};

static const struct file_operations debugfs_noop_file_operations = {
	.read = NULL,
	.open = simple_open,
	.llseek = noop_llseek,
};

/* ---- making entries ---- */

/**
 * debugfs_initialized - whether debugfs is up (the machine is booted)
 *
 * Context: any. Returns true between boot and shutdown.
 */
bool debugfs_initialized(void)
{
	return debugfs_root != NULL;
}
EXPORT_SYMBOL_GPL(debugfs_initialized);

/* The directory node for parent; ERR_PTR for what start_creating refuses. */
static struct kernfs_node *parent_node(struct dentry *parent)
{
	struct kernfs_node *dir;

	if (!debugfs_initialized())
		return ERR_PTR(-ENOENT);
	if (IS_ERR(parent))
		return ERR_CAST(parent);
	dir = parent ? kernfs_node_of_dentry(parent) : debugfs_root;
	if (!dir || kernfs_type(dir) != KERNFS_DIR)
		return ERR_PTR(-ENOENT);
	return dir;
}

/* A node made in dir: its dentry, or the error with the kernel's words for a name
 * already present. */
static struct dentry *finish_creating(struct kernfs_node *dir, const char *name,
				      struct kernfs_node *kn)
{
	if (kn == ERR_PTR(-EEXIST)) {
		struct kernfs_node *old = kernfs_find_and_get(dir, name);
		const char *dname = (const char *)kernfs_dentry(dir)->d_name.name;

		if (old && kernfs_type(old) == KERNFS_DIR)
			pr_err("Directory '%s' with parent '%s' already present!\n", name, dname);
		else
			pr_err("File '%s' in directory '%s' already present!\n", name, dname);
		kernfs_put(old);
	}
	if (IS_ERR(kn))
		return ERR_CAST(kn);
	return kernfs_dentry(kn);
}

static struct dentry *create_file(const char *name, umode_t mode, struct dentry *parent,
				  void *data, const struct file_operations *proxy,
				  const struct file_operations *real)
{
	struct kernfs_node *dir = parent_node(parent);

	if (IS_ERR(dir))
		return ERR_CAST(dir);
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (WARN_ON(!S_ISREG(mode)))
		return ERR_PTR(-EINVAL);
	if (!real) {
		proxy = &debugfs_noop_file_operations;
		real = proxy;
	}
	return finish_creating(dir, name, kernfs_create_fops_file(dir, name, mode, proxy, real,
								  data));
}

/**
 * debugfs_create_file - make a file in debugfs
 * @name: its name
 * @mode: permission bits
 * @parent: the directory (NULL: the root of debugfs)
 * @data: inode->i_private in the methods
 * @fops: the methods; each call holds the file against removal (NULL: a file that does
 *        nothing)
 *
 * Context: process; may sleep. Returns the file's dentry (debugfs_remove() takes it
 * away), ERR_PTR(-EEXIST) for a name already present (reported), ERR_PTR(-ENOENT) before
 * boot or for a parent being removed, @parent itself if it is an error pointer.
 */
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops)
{
	return create_file(name, mode, parent, data, &debugfs_full_proxy_file_operations, fops);
}
EXPORT_SYMBOL_GPL(debugfs_create_file);

/**
 * debugfs_create_file_unsafe - as debugfs_create_file, but only the open is guarded
 * @name: its name
 * @mode: permission bits
 * @parent: the directory (NULL: the root)
 * @data: inode->i_private
 * @fops: the methods, called directly; they guard themselves with debugfs_file_get()
 *
 * Context: process; may sleep. Returns as debugfs_create_file().
 */
struct dentry *debugfs_create_file_unsafe(const char *name, umode_t mode,
					  struct dentry *parent, void *data,
					  const struct file_operations *fops)
{
	return create_file(name, mode, parent, data, &debugfs_open_proxy_file_operations, fops);
}
EXPORT_SYMBOL_GPL(debugfs_create_file_unsafe);

/**
 * debugfs_create_file_size - debugfs_create_file() with the size its inode reports
 * @name: the file's name
 * @mode: its permissions
 * @parent: the directory, or NULL for the debugfs root
 * @data: kept in the inode's i_private (and the open file's private_data)
 * @fops: its file operations
 * @file_size: the size stat() reports
 *
 * Context: process context; may sleep.
 */
void debugfs_create_file_size(const char *name, umode_t mode, struct dentry *parent,
			      void *data, const struct file_operations *fops, loff_t file_size)
{
	struct dentry *de = debugfs_create_file(name, mode, parent, data, fops);

	if (!IS_ERR(de))
		de->d_inode->i_size = file_size;
}
EXPORT_SYMBOL_GPL(debugfs_create_file_size);

/**
 * debugfs_create_dir - make a directory in debugfs
 * @name: its name
 * @parent: where (NULL: the root)
 *
 * Context: process; may sleep. Returns its dentry or an error pointer as
 * debugfs_create_file() ("Directory 'x' with parent 'y' already present!").
 */
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	struct kernfs_node *dir = parent_node(parent);

	if (IS_ERR(dir))
		return ERR_CAST(dir);
	return finish_creating(dir, name, kernfs_create_dir(dir, name, 0755, NULL));
}
EXPORT_SYMBOL_GPL(debugfs_create_dir);

/**
 * debugfs_create_symlink - make a symbolic link in debugfs
 * @name: its name
 * @parent: where (NULL: the root)
 * @target: the path it points to, relative to @parent or absolute
 *
 * Context: process; may sleep. Returns its dentry or an error pointer.
 */
struct dentry *debugfs_create_symlink(const char *name, struct dentry *parent,
				      const char *target)
{
	struct kernfs_node *dir = parent_node(parent);

	if (IS_ERR(dir))
		return ERR_CAST(dir);
	return finish_creating(dir, name, kernfs_create_link(dir, name, NULL, target));
}
EXPORT_SYMBOL_GPL(debugfs_create_symlink);

/**
 * debugfs_lookup - find a file or directory in debugfs by name
 * @name: its name
 * @parent: the directory (NULL: the root)
 *
 * Context: process. Returns its dentry with a reference (dput() it), or NULL.
 */
struct dentry *debugfs_lookup(const char *name, struct dentry *parent)
{
	struct kernfs_node *dir = parent_node(parent), *kn;

	if (IS_ERR(dir) || !name)
		return NULL;
	kn = kernfs_find_and_get(dir, name);
	return kn ? kernfs_dentry(kn) : NULL;
}
EXPORT_SYMBOL_GPL(debugfs_lookup);

/**
 * debugfs_remove - remove a file or a directory with everything below it
 * @dentry: what to remove (NULL or an error pointer: nothing)
 *
 * Context: process; may sleep: waits for the calls into the files under way. Open files
 * stay valid and fail their calls with -EIO from then on.
 */
void debugfs_remove(struct dentry *dentry)
{
	if (IS_ERR_OR_NULL(dentry))
		return;
	kernfs_remove(kernfs_node_of_dentry(dentry));
}
EXPORT_SYMBOL_GPL(debugfs_remove);

/**
 * debugfs_lookup_and_remove - remove a debugfs entry found by name
 * @name: the entry's name
 * @parent: the directory, or NULL for the debugfs root
 *
 * Nothing is done if there is no such entry.
 *
 * Context: process context; may sleep (waits for the entry's open calls to end).
 */
void debugfs_lookup_and_remove(const char *name, struct dentry *parent)
{
	struct dentry *dentry = debugfs_lookup(name, parent);

	if (!dentry)
		return;
	debugfs_remove(dentry);
	dput(dentry);
}
EXPORT_SYMBOL_GPL(debugfs_lookup_and_remove);

/**
 * debugfs_rename - move and rename a debugfs entry
 * @old_dir: its directory now (unused: the entry knows it)
 * @old_dentry: the entry
 * @new_dir: its new directory (NULL: the root)
 * @new_name: its new name
 *
 * Context: process. Returns @old_dentry, or ERR_PTR(-EEXIST/-ENOENT/-ENOMEM).
 */
struct dentry *debugfs_rename(struct dentry *old_dir, struct dentry *old_dentry,
			      struct dentry *new_dir, const char *new_name)
{
	struct kernfs_node *dir = parent_node(new_dir);
	struct kernfs_node *kn = kernfs_node_of_dentry(old_dentry);
	int err;

	if (IS_ERR(dir))
		return ERR_CAST(dir);
	if (!kn)
		return ERR_PTR(-ENOENT);
	err = kernfs_rename(kn, dir, new_name);
	return err ? ERR_PTR(err) : old_dentry;
}
EXPORT_SYMBOL_GPL(debugfs_rename);

/* ---- simple attribute files ---- */

/**
 * debugfs_attr_read - simple_attr_read() holding the file against removal
 * @file: the file
 * @buf: user buffer
 * @len: its size
 * @ppos: position
 *
 * Context: process; may sleep. Returns as simple_attr_read(), or -EIO once removed.
 */
ssize_t debugfs_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	struct dentry *dentry = file->f_path.dentry;
	ssize_t ret = debugfs_file_get(dentry);

	if (ret)
		return ret;
	ret = simple_attr_read(file, buf, len, ppos);
	debugfs_file_put(dentry);
	return ret;
}
EXPORT_SYMBOL_GPL(debugfs_attr_read);

static ssize_t attr_write(struct file *file, const char __user *buf, size_t len,
			  loff_t *ppos, bool is_signed)
{
	struct dentry *dentry = file->f_path.dentry;
	ssize_t ret = debugfs_file_get(dentry);

	if (ret)
		return ret;
	ret = is_signed ? simple_attr_write_signed(file, buf, len, ppos) :
			  simple_attr_write(file, buf, len, ppos);
	debugfs_file_put(dentry);
	return ret;
}

/**
 * debugfs_attr_write - the write method of DEFINE_DEBUGFS_ATTRIBUTE() files (unsigned)
 * @file: the file
 * @buf: the user's text
 * @len: its length
 * @ppos: the file position
 *
 * Holds the file against removal while the attribute's set() runs.
 *
 * Context: process context, a write system call; may sleep.
 * Return: @len, or a negative error (-EIO after removal, -EFAULT, -EINVAL, or set()'s).
 */
ssize_t debugfs_attr_write(struct file *file, const char __user *buf, size_t len,
			   loff_t *ppos)
{
	return attr_write(file, buf, len, ppos, false);
}
EXPORT_SYMBOL_GPL(debugfs_attr_write);

/**
 * debugfs_attr_write_signed - the write method of DEFINE_DEBUGFS_ATTRIBUTE_SIGNED() files
 * @file: the file
 * @buf: the user's text
 * @len: its length
 * @ppos: the file position
 *
 * Context: process context, a write system call; may sleep.
 * Return: @len, or a negative error.
 */
ssize_t debugfs_attr_write_signed(struct file *file, const char __user *buf, size_t len,
				  loff_t *ppos)
{
	return attr_write(file, buf, len, ppos, true);
}
EXPORT_SYMBOL_GPL(debugfs_attr_write_signed);

/* The read-write, read-only and write-only tables of one kind of file. */
struct debugfs_fops_set {
	const struct file_operations *rw, *ro, *wo;
};

static void create_mode_unsafe(const char *name, umode_t mode, struct dentry *parent,
			       void *value, const struct debugfs_fops_set *set)
{
	const struct file_operations *fops = set->rw;

	if (!(mode & 0222))
		fops = set->ro;
	else if (!(mode & 0444))
		fops = set->wo;
	debugfs_create_file_unsafe(name, mode, parent, value, fops);
}

/* get/set for an integer type, and its three tables under a format. */
#define DEBUGFS_INT_ACCESS(type, cast)						\
static int debugfs_##type##_get(void *data, u64 *val)			\
{									\
	*val = (u64)(cast)*(type *)data;				\
	return 0;							\
}									\
static int debugfs_##type##_set(void *data, u64 val)			\
{									\
	*(type *)data = (type)val;					\
	return 0;							\
}

#define DEBUGFS_INT_FOPS(kind, type, fmt)					\
DEFINE_DEBUGFS_ATTRIBUTE(fops_##kind, debugfs_##type##_get, debugfs_##type##_set, fmt); \
DEFINE_DEBUGFS_ATTRIBUTE(fops_##kind##_ro, debugfs_##type##_get, NULL, fmt);	\
DEFINE_DEBUGFS_ATTRIBUTE(fops_##kind##_wo, NULL, debugfs_##type##_set, fmt);	\
static const struct debugfs_fops_set set_##kind = {				\
	&fops_##kind, &fops_##kind##_ro, &fops_##kind##_wo };			\
void debugfs_create_##kind(const char *name, umode_t mode, struct dentry *parent,	\
			   type *value)						\
{										\
	create_mode_unsafe(name, mode, parent, value, &set_##kind);		\
}										\
EXPORT_SYMBOL_GPL(debugfs_create_##kind)

typedef unsigned long ulong;
DEBUGFS_INT_ACCESS(u8, u8)
DEBUGFS_INT_ACCESS(u16, u16)
DEBUGFS_INT_ACCESS(u32, u32)
DEBUGFS_INT_ACCESS(u64, u64)
DEBUGFS_INT_ACCESS(ulong, ulong)
DEBUGFS_INT_ACCESS(size_t, size_t)
DEBUGFS_INT_FOPS(u8, u8, "%llu\n");
DEBUGFS_INT_FOPS(u16, u16, "%llu\n");
DEBUGFS_INT_FOPS(u32, u32, "%llu\n");
DEBUGFS_INT_FOPS(u64, u64, "%llu\n");
DEBUGFS_INT_FOPS(ulong, ulong, "%llu\n");
DEBUGFS_INT_FOPS(x8, u8, "0x%02llx\n");
DEBUGFS_INT_FOPS(x16, u16, "0x%04llx\n");
DEBUGFS_INT_FOPS(x32, u32, "0x%08llx\n");
DEBUGFS_INT_FOPS(x64, u64, "0x%016llx\n");
DEBUGFS_INT_FOPS(size_t, size_t, "%llu\n");

static int debugfs_atomic_t_get(void *data, u64 *val)
{
	*val = (u64)(s64)atomic_read((atomic_t *)data);
	return 0;
}

static int debugfs_atomic_t_set(void *data, u64 val)
{
	atomic_set((atomic_t *)data, (int)val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(fops_atomic_t, debugfs_atomic_t_get, debugfs_atomic_t_set,
				"%lld\n");
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(fops_atomic_t_ro, debugfs_atomic_t_get, NULL, "%lld\n");
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(fops_atomic_t_wo, NULL, debugfs_atomic_t_set, "%lld\n");
static const struct debugfs_fops_set set_atomic_t = {
	&fops_atomic_t, &fops_atomic_t_ro, &fops_atomic_t_wo };

/**
 * debugfs_create_atomic_t - a file reading and writing an atomic_t in decimal
 * @name: its name
 * @mode: permission bits (no write bit: read-only; no read bit: write-only)
 * @parent: the directory
 * @value: the variable
 *
 * Context: process; may sleep. Errors are not reported (as all debugfs_create_<int>).
 */
void debugfs_create_atomic_t(const char *name, umode_t mode, struct dentry *parent,
			     atomic_t *value)
{
	create_mode_unsafe(name, mode, parent, value, &set_atomic_t);
}
EXPORT_SYMBOL_GPL(debugfs_create_atomic_t);

/* ---- bool, str, blob, u32 array, regset32 ---- */

/**
 * debugfs_read_file_bool - the read method of debugfs_create_bool() files: "Y\n" or "N\n"
 * @file: the file
 * @user_buf: the user's buffer
 * @count: its size
 * @ppos: the file position
 *
 * Context: process context, a read system call.
 * Return: the bytes read, or a negative error.
 */
ssize_t debugfs_read_file_bool(struct file *file, char __user *user_buf, size_t count,
			       loff_t *ppos)
{
	struct dentry *dentry = file->f_path.dentry;
	char buf[2];
	int r = debugfs_file_get(dentry);

	if (r)
		return r;
	buf[0] = *(bool *)file->private_data ? 'Y' : 'N';
	debugfs_file_put(dentry);
	buf[1] = '\n';
	return simple_read_from_buffer(user_buf, count, ppos, buf, 2);
}
EXPORT_SYMBOL_GPL(debugfs_read_file_bool);

/**
 * debugfs_write_file_bool - the write method of debugfs_create_bool() files
 * @file: the file
 * @user_buf: the user's text (y/n, 1/0, on/off)
 * @count: its length
 * @ppos: the file position
 *
 * Context: process context, a write system call.
 * Return: @count, also for text that is not a boolean (as in Linux 6.1, the write is
 * taken and ignored), or -EIO once the file is removed.
 */
ssize_t debugfs_write_file_bool(struct file *file, const char __user *user_buf,
				size_t count, loff_t *ppos)
{
	struct dentry *dentry = file->f_path.dentry;
	bool bv;
	int r = kstrtobool_from_user(user_buf, count, &bv);

	if (!r) {
		r = debugfs_file_get(dentry);
		if (r)
			return r;
		*(bool *)file->private_data = bv;
		debugfs_file_put(dentry);
	}
	return (ssize_t)count;
}
EXPORT_SYMBOL_GPL(debugfs_write_file_bool);

static const struct file_operations fops_bool = {
	.read = debugfs_read_file_bool, .write = debugfs_write_file_bool,
	.open = simple_open, .llseek = default_llseek,
};
static const struct file_operations fops_bool_ro = {
	.read = debugfs_read_file_bool, .open = simple_open, .llseek = default_llseek,
};
static const struct file_operations fops_bool_wo = {
	.write = debugfs_write_file_bool, .open = simple_open, .llseek = default_llseek,
};
static const struct debugfs_fops_set set_bool = { &fops_bool, &fops_bool_ro, &fops_bool_wo };

/**
 * debugfs_create_bool - a debugfs file that reads and writes a bool
 * @name: the file's name
 * @mode: its permissions; without write bits the file is read-only
 * @parent: the directory, or NULL for the debugfs root
 * @value: the bool; it must outlive the file
 *
 * Context: process context; may sleep.
 */
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value)
{
	create_mode_unsafe(name, mode, parent, value, &set_bool);
}
EXPORT_SYMBOL_GPL(debugfs_create_bool);

/**
 * debugfs_read_file_str - the read method of debugfs_create_str() files
 * @file: the file
 * @user_buf: the user's buffer
 * @count: its size
 * @ppos: the file position
 *
 * Context: process context, a read system call; may sleep (copies the string with
 * GFP_KERNEL).
 * Return: the bytes read, or a negative error.
 */
ssize_t debugfs_read_file_str(struct file *file, char __user *user_buf, size_t count,
			      loff_t *ppos)
{
	struct dentry *dentry = file->f_path.dentry;
	ssize_t ret = debugfs_file_get(dentry);
	const char *str;
	char *copy;
	size_t len;

	if (ret)
		return ret;
	str = *(char **)file->private_data;
	len = strlen(str) + 1;
	copy = kmalloc(len, GFP_KERNEL);
	if (!copy) {
		debugfs_file_put(dentry);
		return -ENOMEM;
	}
	memcpy(copy, str, len - 1);
	debugfs_file_put(dentry);
	copy[len - 1] = '\n';
	ret = simple_read_from_buffer(user_buf, count, ppos, copy, len);
	kfree(copy);
	return ret;
}
EXPORT_SYMBOL_GPL(debugfs_read_file_str);

/* Strings are read-only in Linux 6.1: a write is -EINVAL. */
static ssize_t debugfs_write_file_str(struct file *file, const char __user *user_buf,
				      size_t count, loff_t *ppos)
{
	return -EINVAL;
}

static const struct file_operations fops_str = {
	.read = debugfs_read_file_str, .write = debugfs_write_file_str,
	.open = simple_open, .llseek = default_llseek,
};
static const struct file_operations fops_str_ro = {
	.read = debugfs_read_file_str, .open = simple_open, .llseek = default_llseek,
};
static const struct file_operations fops_str_wo = {
	.write = debugfs_write_file_str, .open = simple_open, .llseek = default_llseek,
};
static const struct debugfs_fops_set set_str = { &fops_str, &fops_str_ro, &fops_str_wo };

/**
 * debugfs_create_str - a debugfs file that reads (and with write bits, writes) a string
 * @name: the file's name
 * @mode: its permissions
 * @parent: the directory, or NULL for the debugfs root
 * @value: the char *; a write replaces it with a kmalloc() copy
 *
 * Context: process context; may sleep.
 */
void debugfs_create_str(const char *name, umode_t mode, struct dentry *parent, char **value)
{
	create_mode_unsafe(name, mode, parent, value, &set_str);
}
EXPORT_SYMBOL_GPL(debugfs_create_str);

static ssize_t read_file_blob(struct file *file, char __user *user_buf, size_t count,
			      loff_t *ppos)
{
	struct debugfs_blob_wrapper *blob = file->private_data;
	struct dentry *dentry = file->f_path.dentry;
	ssize_t r = debugfs_file_get(dentry);

	if (r)
		return r;
	r = simple_read_from_buffer(user_buf, count, ppos, blob->data, blob->size);
	debugfs_file_put(dentry);
	return r;
}

static const struct file_operations fops_blob = {
	.read = read_file_blob, .open = simple_open, .llseek = default_llseek,
};

/**
 * debugfs_create_blob - a read-only file showing a block of memory as it is
 * @name: its name
 * @mode: permission bits (write bits are dropped)
 * @parent: the directory
 * @blob: the memory and its size (read at each read)
 *
 * Context: process; may sleep. Returns the dentry or an error pointer.
 */
struct dentry *debugfs_create_blob(const char *name, umode_t mode, struct dentry *parent,
				   struct debugfs_blob_wrapper *blob)
{
	return debugfs_create_file_unsafe(name, mode & 0444, parent, blob, &fops_blob);
}
EXPORT_SYMBOL_GPL(debugfs_create_blob);

static int u32_array_open(struct inode *inode, struct file *file)
{
	struct debugfs_u32_array *data = inode->i_private;
	size_t size = (size_t)data->n_elements * 11, used = 0;
	char *buf = kmalloc(size + 1, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	buf[0] = buf[size] = '\0';
	for (u32 i = 0; i < data->n_elements; i++)
		used += (size_t)scnprintf(buf + used, size + 1 - used, "%u%c", data->array[i],
					  i + 1 < data->n_elements ? ' ' : '\n');
	file->private_data = buf;
	return nonseekable_open(inode, file);
}

static ssize_t u32_array_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	const char *text = file->private_data;

	return simple_read_from_buffer(buf, len, ppos, text, strlen(text));
}

static int u32_array_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations u32_array_fops = {
	.owner = THIS_MODULE, .open = u32_array_open, .release = u32_array_release,
	.read = u32_array_read, .llseek = no_llseek,
};

/**
 * debugfs_create_u32_array - a read-only debugfs file listing an array of u32
 * @name: the file's name
 * @mode: its permissions
 * @parent: the directory, or NULL for the debugfs root
 * @array: the array and its length; it must outlive the file
 *
 * Context: process context; may sleep.
 */
void debugfs_create_u32_array(const char *name, umode_t mode, struct dentry *parent,
			      struct debugfs_u32_array *array)
{
	debugfs_create_file_unsafe(name, mode, parent, array, &u32_array_fops);
}
EXPORT_SYMBOL_GPL(debugfs_create_u32_array);

/**
 * debugfs_print_regs32 - print 32-bit registers as "<prefix><name> = 0x%08x" lines
 * @s: where
 * @regs: the registers (name and offset)
 * @nregs: how many
 * @base: the mapped register window (readl at base + offset)
 * @prefix: printed before each line (NULL: nothing)
 *
 * Context: process; may sleep if the register reads do.
 */
void debugfs_print_regs32(struct seq_file *s, const struct debugfs_reg32 *regs, int nregs,
			  void __iomem *base, char *prefix)
{
	for (int i = 0; i < nregs; i++, regs++) {
		if (prefix)
			seq_printf(s, "%s", prefix);
		seq_printf(s, "%s = 0x%08x\n", regs->name, readl(base + regs->offset));
		if (seq_has_overflowed(s))
			break;
	}
}
EXPORT_SYMBOL_GPL(debugfs_print_regs32);

static int debugfs_regset32_show(struct seq_file *s, void *data)
{
	struct debugfs_regset32 *regset = s->private;

	debugfs_print_regs32(s, regset->regs, regset->nregs, regset->base, "");
	return 0;
}

static int debugfs_regset32_open(struct inode *inode, struct file *file)
{
	return single_open(file, debugfs_regset32_show, inode->i_private);
}

static const struct file_operations fops_regset32 = {
	.open = debugfs_regset32_open, .read = seq_read, .llseek = seq_lseek,
	.release = single_release,
};

/**
 * debugfs_create_regset32 - a debugfs file dumping a set of 32-bit registers
 * @name: the file's name
 * @mode: its permissions
 * @parent: the directory, or NULL for the debugfs root
 * @regset: the registers' base, names and offsets
 *
 * Each read prints "name = 0x%08x" for every register, read with readl().
 *
 * Context: process context; may sleep.
 */
void debugfs_create_regset32(const char *name, umode_t mode, struct dentry *parent,
			     struct debugfs_regset32 *regset)
{
	debugfs_create_file(name, mode, parent, regset, &fops_regset32);
}
EXPORT_SYMBOL_GPL(debugfs_create_regset32);

/* ---- the machine's debugfs ---- */

int debugfs_init(void)
{
	struct kernfs_node *root = kernfs_create_root("/", 0);
	int err;

	if (!root)
		return -ENOMEM;
	kernfs_dentry(root)->d_inode->i_mode = S_IFDIR | 0700;
	err = kernfs_mount(DEBUGFS_MOUNT, root);
	if (err) {
		kernfs_remove(root);
		return err;
	}
	debugfs_root = root;
	return 0;
}

void debugfs_exit(void)
{
	struct kernfs_node *root = debugfs_root;

	debugfs_root = NULL;
	kernfs_umount(DEBUGFS_MOUNT);
	kernfs_remove(root);
}
