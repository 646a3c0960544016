// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/proc.c: the /proc registry (<linux/proc_fs.h> for drivers, fs/proc.h for ukmem's own
 * views). Entries form trees: /proc itself, and a second root for ukmem's views outside
 * /proc (/dev/kmsg, /sys/...). A directory keeps its children in creation order; names
 * are unique within it. Each entry embeds the dentry and inode its files open with.
 *
 * Lifetime: an entry is counted (refs): the tree holds one reference, each open file
 * one more, and the entry is freed with the last. Calls into the entry's proc_ops run
 * between use_pde() and unuse_pde(); removal marks the entry gone, waits until no call is
 * under way, then runs proc_release for each file still open (at most once per file: a
 * close racing with the removal waits for the other's release). From then on those files
 * answer -EIO (reads, writes), -EINVAL (lseek) or DEFAULT_POLLMASK, and their close
 * calls nothing. One mutex (proc_lock) guards the trees, the counts and the openers; no
 * driver code runs under it. The registry's records are host memory, as /dev's are. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ukmem.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/export.h>
#include "fs/file.h"
#include "fs/mount.h"
#include "fs/proc.h"
#include "machine/boot.h"

#define PROC_NAME_MAX	255
#define PROC_LINK_DEPTH	8
#define PROC_INO_FIRST	0xf0000000UL

struct proc_dir_entry {
	struct list_head sibling;	/* in parent->children */
	struct list_head children;
	struct proc_dir_entry *parent;
	const char *name;
	umode_t mode;
	kuid_t uid;
	kgid_t gid;
	loff_t size;
	const struct proc_ops *proc_ops;
	const struct seq_operations *seq_ops;	/* proc_create_seq* */
	int (*single_show)(struct seq_file *, void *);	/* proc_create_single* */
	unsigned int state_size;
	void *data;
	char *link;			/* a symlink's target */
	int refs;			/* the tree's and each open file's */
	int in_use;			/* calls into proc_ops under way */
	bool removed;
	pthread_cond_t idle;		/* in_use fell to 0, or a release finished */
	struct list_head openers;	/* files open with a proc_release to run */
	struct dentry dentry;
	struct inode inode;
};

/* An open file whose proc_release is still owed. */
struct pde_opener {
	struct list_head list;
	struct file *file;
	bool closing;			/* its release is running */
};

static pthread_mutex_t proc_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long next_ino = PROC_INO_FIRST;

static struct proc_dir_entry proc_root = {
	.name = "/proc",
	.mode = S_IFDIR | 0555,
	.refs = 1,
	.children = LIST_HEAD_INIT(proc_root.children),
	.openers = LIST_HEAD_INIT(proc_root.openers),
	.sibling = LIST_HEAD_INIT(proc_root.sibling),
	.dentry = { .d_name = QSTR_INIT((const unsigned char *)"proc", 4) },
};
/* ukmem's views outside /proc; its children are the first components ("dev", "sys"). */
static struct proc_dir_entry view_root = {
	.name = "",
	.mode = S_IFDIR | 0555,
	.refs = 1,
	.children = LIST_HEAD_INIT(view_root.children),
	.openers = LIST_HEAD_INIT(view_root.openers),
	.sibling = LIST_HEAD_INIT(view_root.sibling),
};

static struct proc_dir_entry *PDE(const struct inode *inode)
{
	return container_of(inode, struct proc_dir_entry, inode);
}

/* ---- references and calls under way ---- */

static void pde_free(struct proc_dir_entry *de)
{
	pthread_cond_destroy(&de->idle);
	free(de->link);
	free((void *)de->name);
	free(de);
}

static void pde_put_locked(struct proc_dir_entry *de)
{
	if (--de->refs == 0)
		pde_free(de);
}

static void pde_put(struct proc_dir_entry *de)
{
	pthread_mutex_lock(&proc_lock);
	pde_put_locked(de);
	pthread_mutex_unlock(&proc_lock);
}

static void proc_inode_put(struct inode *inode)
{
	pde_put(PDE(inode));
}

static bool use_pde(struct proc_dir_entry *de)
{
	bool ok;

	pthread_mutex_lock(&proc_lock);
	ok = !de->removed;
	if (ok)
		de->in_use++;
	pthread_mutex_unlock(&proc_lock);
	return ok;
}

static void unuse_pde(struct proc_dir_entry *de)
{
	pthread_mutex_lock(&proc_lock);
	if (--de->in_use == 0 && de->removed)
		pthread_cond_broadcast(&de->idle);
	pthread_mutex_unlock(&proc_lock);
}

/* Runs the opener's proc_release unless another thread is; either way returns once it
 * has run. Called and returns with proc_lock held. */
static void close_pdeo_locked(struct proc_dir_entry *de, struct pde_opener *o)
{
	if (o->closing) {
		struct pde_opener *it;
		bool listed;

		do {
			pthread_cond_wait(&de->idle, &proc_lock);
			listed = false;
			list_for_each_entry(it, &de->openers, list)
				listed |= it == o;
		} while (listed);
		return;
	}
	o->closing = true;
	pthread_mutex_unlock(&proc_lock);
	de->proc_ops->proc_release(file_inode(o->file), o->file);
	pthread_mutex_lock(&proc_lock);
	list_del(&o->list);
	free(o);
	pthread_cond_broadcast(&de->idle);
}

/* After removal from the tree: waits for the calls under way, then releases every file
 * still open. */
static void proc_entry_rundown(struct proc_dir_entry *de)
{
	pthread_mutex_lock(&proc_lock);
	de->removed = true;
	while (de->in_use)
		pthread_cond_wait(&de->idle, &proc_lock);
	while (!list_empty(&de->openers))
		close_pdeo_locked(de, list_first_entry(&de->openers, struct pde_opener, list));
	pthread_mutex_unlock(&proc_lock);
}

/* ---- the files' operations: every call guarded by use_pde ---- */

static int proc_reg_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);
	const struct proc_ops *ops = de->proc_ops;
	struct pde_opener *o = NULL;
	int err = 0;

	if (!ops->proc_lseek)
		file->f_mode &= ~FMODE_LSEEK;
	if (!use_pde(de))
		return -ENOENT;
	if (ops->proc_release) {
		o = malloc(sizeof(*o));
		if (!o) {
			unuse_pde(de);
			return -ENOMEM;
		}
	}
	if (ops->proc_open)
		err = ops->proc_open(inode, file);
	if (o && !err) {
		o->file = file;
		o->closing = false;
		pthread_mutex_lock(&proc_lock);
		list_add(&o->list, &de->openers);
		pthread_mutex_unlock(&proc_lock);
	} else {
		free(o);
	}
	unuse_pde(de);
	return err;
}

static int proc_reg_release(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);
	struct pde_opener *o;

	pthread_mutex_lock(&proc_lock);
	list_for_each_entry(o, &de->openers, list) {
		if (o->file == file) {
			close_pdeo_locked(de, o);
			break;
		}
	}
	pthread_mutex_unlock(&proc_lock);
	return 0;
}

/* The entry behind a file, with a call under way; NULL once it is removed. */
static struct proc_dir_entry *pde_enter(struct file *file)
{
	struct proc_dir_entry *de = PDE(file_inode(file));

	return use_pde(de) ? de : NULL;
}

static loff_t proc_reg_llseek(struct file *file, loff_t offset, int whence)
{
	struct proc_dir_entry *de = pde_enter(file);
	loff_t ret;

	if (!de)
		return -EINVAL;
	ret = de->proc_ops->proc_lseek(file, offset, whence);
	unuse_pde(de);
	return ret;
}

static ssize_t proc_reg_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct proc_dir_entry *de = pde_enter(file);
	ssize_t ret = -EIO;

	if (!de)
		return -EIO;
	if (de->proc_ops->proc_read)
		ret = de->proc_ops->proc_read(file, buf, count, ppos);
	unuse_pde(de);
	return ret;
}

static ssize_t proc_reg_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct proc_dir_entry *de = pde_enter(iocb->ki_filp);
	ssize_t ret;

	if (!de)
		return -EIO;
	ret = de->proc_ops->proc_read_iter(iocb, iter);
	unuse_pde(de);
	return ret;
}

static ssize_t proc_reg_write(struct file *file, const char __user *buf, size_t count,
			      loff_t *ppos)
{
	struct proc_dir_entry *de = pde_enter(file);
	ssize_t ret = -EIO;

	if (!de)
		return -EIO;
	if (de->proc_ops->proc_write)
		ret = de->proc_ops->proc_write(file, buf, count, ppos);
	unuse_pde(de);
	return ret;
}

static __poll_t proc_reg_poll(struct file *file, struct poll_table_struct *pts)
{
	struct proc_dir_entry *de = pde_enter(file);
	__poll_t ret = DEFAULT_POLLMASK;

	if (!de)
		return DEFAULT_POLLMASK;
	if (de->proc_ops->proc_poll)
		ret = de->proc_ops->proc_poll(file, pts);
	unuse_pde(de);
	return ret;
}

static long proc_reg_ioctl(struct file *file, unsigned int cmd, unsigned long arg, bool compat)
{
	struct proc_dir_entry *de = pde_enter(file);
	long (*ioctl)(struct file *, unsigned int, unsigned long);
	long ret = -ENOTTY;

	if (!de)
		return -ENOTTY;
	ioctl = compat ? de->proc_ops->proc_compat_ioctl : de->proc_ops->proc_ioctl;
	if (ioctl)
		ret = ioctl(file, cmd, arg);
	unuse_pde(de);
	return ret;
}

static long proc_reg_unlocked_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return proc_reg_ioctl(file, cmd, arg, false);
}

static long proc_reg_compat_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return proc_reg_ioctl(file, cmd, arg, true);
}

static int proc_reg_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct proc_dir_entry *de = pde_enter(file);
	int ret = -EIO;

	if (!de)
		return -EINVAL;
	if (de->proc_ops->proc_mmap)
		ret = de->proc_ops->proc_mmap(file, vma);
	unuse_pde(de);
	return ret;
}

/* The entry's proc_get_unmapped_area, else the address space's own placement; -EIO once
 * the entry is removed. */
static unsigned long proc_reg_get_unmapped_area(struct file *file, unsigned long addr,
						unsigned long len, unsigned long pgoff,
						unsigned long flags)
{
	struct proc_dir_entry *de = pde_enter(file);
	unsigned long ret;

	if (!de)
		return (unsigned long)-EIO;
	if (de->proc_ops->proc_get_unmapped_area)
		ret = de->proc_ops->proc_get_unmapped_area(file, addr, len, pgoff, flags);
	else
		ret = get_unmapped_area(NULL, addr, len, pgoff, flags);
	unuse_pde(de);
	return ret;
}

/* As the kernel: one table for proc_read entries, one for proc_read_iter ones. */
static const struct file_operations proc_reg_file_ops = {
	.llseek		= proc_reg_llseek,
	.read		= proc_reg_read,
	.write		= proc_reg_write,
	.poll		= proc_reg_poll,
	.unlocked_ioctl	= proc_reg_unlocked_ioctl,
	.compat_ioctl	= proc_reg_compat_ioctl,
	.mmap		= proc_reg_mmap,
	.get_unmapped_area = proc_reg_get_unmapped_area,
	.open		= proc_reg_open,
	.release	= proc_reg_release,
};

static const struct file_operations proc_iter_file_ops = {
	.llseek		= proc_reg_llseek,
	.read_iter	= proc_reg_read_iter,
	.write		= proc_reg_write,
	.poll		= proc_reg_poll,
	.unlocked_ioctl	= proc_reg_unlocked_ioctl,
	.compat_ioctl	= proc_reg_compat_ioctl,
	.mmap		= proc_reg_mmap,
	.get_unmapped_area = proc_reg_get_unmapped_area,
	.open		= proc_reg_open,
	.release	= proc_reg_release,
};

/* ---- seq_file entries ---- */

static int proc_seq_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);

	if (de->state_size)
		return seq_open_private(file, de->seq_ops, (int)de->state_size);
	return seq_open(file, de->seq_ops);
}

static int proc_seq_release(struct inode *inode, struct file *file)
{
	if (PDE(inode)->state_size)
		return seq_release_private(inode, file);
	return seq_release(inode, file);
}

static const struct proc_ops proc_seq_ops = {
	.proc_lseek	= seq_lseek,
	.proc_read_iter	= seq_read_iter,
	.proc_open	= proc_seq_open,
	.proc_release	= proc_seq_release,
};

static int proc_single_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);

	return single_open(file, de->single_show, de->data);
}

static const struct proc_ops proc_single_ops = {
	.proc_lseek	= seq_lseek,
	.proc_read_iter	= seq_read_iter,
	.proc_open	= proc_single_open,
	.proc_release	= single_release,
};

/* ---- the trees ---- */

static struct proc_dir_entry *pde_child(struct proc_dir_entry *dir, const char *name,
					size_t len)
{
	struct proc_dir_entry *de;

	list_for_each_entry(de, &dir->children, sibling)
		if (de->dentry.d_name.len == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

/* Walks the directories named in name ("a/b/leaf") from *dir: *dir becomes the last
 * directory, *leaf the last component. Under proc_lock. -ENOENT (with the kernel's WARN)
 * when a directory is missing. */
static int xlate_proc_name(const char *name, struct proc_dir_entry **dir, const char **leaf)
{
	struct proc_dir_entry *de = *dir ? *dir : &proc_root;
	const char *cp = name, *next;

	while ((next = strchr(cp, '/'))) {
		de = pde_child(de, cp, (size_t)(next - cp));
		if (!de) {
			WARN(1, "name '%s'\n", name);
			return -ENOENT;
		}
		cp = next + 1;
	}
	*dir = de;
	*leaf = cp;
	return 0;
}

/* A new entry for name under *parent (the directory the name leads to), not yet listed. */
static struct proc_dir_entry *pde_new(struct proc_dir_entry **parent, const char *name,
				      umode_t mode)
{
	struct proc_dir_entry *de;
	const char *leaf;
	size_t len;
	int err;

	pthread_mutex_lock(&proc_lock);
	err = xlate_proc_name(name, parent, &leaf);
	pthread_mutex_unlock(&proc_lock);
	if (err)
		return NULL;
	len = strlen(leaf);
	if (len == 0 || len > PROC_NAME_MAX) {
		WARN(1, "name len %u\n", (unsigned int)len);
		return NULL;
	}
	if (!strcmp(leaf, ".") || !strcmp(leaf, "..")) {
		WARN(1, "name '%s'\n", leaf);
		return NULL;
	}
	if (*parent == &proc_root && strspn(leaf, "0123456789") == len) {
		WARN(1, "create '/proc/%s' by hand\n", leaf);
		return NULL;
	}
	de = calloc(1, sizeof(*de));
	if (!de)
		return NULL;
	de->name = strdup(leaf);
	if (!de->name) {
		free(de);
		return NULL;
	}
	de->mode = mode;
	de->uid = (*parent)->uid;
	de->gid = (*parent)->gid;
	de->refs = 1;
	INIT_LIST_HEAD(&de->children);
	INIT_LIST_HEAD(&de->openers);
	pthread_cond_init(&de->idle, NULL);
	return de;
}

/* Lists de in dir: de, or NULL (de freed) for a name already there. */
static struct proc_dir_entry *proc_register(struct proc_dir_entry *dir,
					    struct proc_dir_entry *de)
{
	bool taken;

	pthread_mutex_lock(&proc_lock);
	taken = pde_child(dir, de->name, strlen(de->name)) != NULL ||
		(dir == &view_root && !strcmp(de->name, "proc"));
	if (!taken) {
		de->parent = dir;
		de->inode = (struct inode){
			.i_mode = de->mode, .i_size = de->size, .i_private = de->data,
			.i_ino = next_ino++, .i_uid = de->uid, .i_gid = de->gid,
			.i_fop = de->proc_ops && de->proc_ops->proc_read_iter ?
				 &proc_iter_file_ops : &proc_reg_file_ops,
			.ukmem_put = proc_inode_put,
		};
		de->dentry = (struct dentry){
			.d_parent = &dir->dentry, .d_inode = &de->inode,
			.d_name = QSTR_INIT((const unsigned char *)de->name,
					    (u32)strlen(de->name)),
		};
		list_add_tail(&de->sibling, &dir->children);
	}
	pthread_mutex_unlock(&proc_lock);
	if (taken) {
		WARN(1, "proc_dir_entry '%s/%s' already registered\n", dir->name, de->name);
		pde_free(de);
		return NULL;
	}
	return de;
}

/**
 * proc_create_data - make a /proc file served by @proc_ops
 * @name: its name; may hold '/' to reach into existing subdirectories of @parent
 * @mode: permission bits (0: 0444); S_IFREG is implied
 * @parent: the directory (NULL: /proc)
 * @proc_ops: the file's operations (kept, not copied)
 * @data: what pde_data(inode) returns in them
 *
 * Context: process; may sleep. Returns the entry, or NULL: a name already in the
 * directory (WARN "proc_dir_entry 'dir/name' already registered"), a missing directory,
 * a bad name, or no memory.
 */
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data)
{
	struct proc_dir_entry *de;

	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (!(mode & 07777))
		mode |= 0444;
	if (WARN_ON_ONCE(!S_ISREG(mode)))
		return NULL;
	de = pde_new(&parent, name, mode);
	if (!de)
		return NULL;
	de->proc_ops = proc_ops;
	de->data = data;
	return proc_register(parent, de);
}
EXPORT_SYMBOL(proc_create_data);

/**
 * proc_create - create a /proc file
 * @name: its name
 * @mode: its permissions (0: 0444)
 * @parent: the directory, or NULL for /proc
 * @proc_ops: its operations
 *
 * Context: process context; may sleep (takes the /proc registry's lock).
 * Return: the entry, or NULL (no memory, or the name is taken).
 */
struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops)
{
	return proc_create_data(name, mode, parent, proc_ops, NULL);
}
EXPORT_SYMBOL(proc_create);

/* A regular entry made from a seq_file recipe; the ops are set before it is listed. */
static struct proc_dir_entry *proc_create_seq_entry(const char *name, umode_t mode,
						    struct proc_dir_entry *parent,
						    const struct proc_ops *ops,
						    const struct seq_operations *seq_ops,
						    int (*show)(struct seq_file *, void *),
						    unsigned int state_size, void *data)
{
	struct proc_dir_entry *de;

	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (!(mode & 07777))
		mode |= 0444;
	de = pde_new(&parent, name, mode);
	if (!de)
		return NULL;
	de->proc_ops = ops;
	de->seq_ops = seq_ops;
	de->single_show = show;
	de->state_size = state_size;
	de->data = data;
	return proc_register(parent, de);
}

/**
 * proc_create_seq_private - a /proc file whose text comes from @ops
 * @name: its name (as proc_create_data)
 * @mode: permission bits (0: 0444)
 * @parent: the directory (NULL: /proc)
 * @ops: the records' start/next/stop/show
 * @state_size: a zeroed area of this size becomes seq_file->private at each open (0:
 *              none; then seq_file->private is NULL and @data is pde_data)
 * @data: pde_data(inode)
 *
 * Context: process; may sleep. Returns the entry or NULL, as proc_create_data().
 */
struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data)
{
	return proc_create_seq_entry(name, mode, parent, &proc_seq_ops, ops, NULL, state_size,
				     data);
}
EXPORT_SYMBOL(proc_create_seq_private);

/**
 * proc_create_single_data - a /proc file printed whole by @show (single_open)
 * @name: its name (as proc_create_data)
 * @mode: permission bits (0: 0444)
 * @parent: the directory (NULL: /proc)
 * @show: prints the file; seq_file->private is @data
 * @data: also pde_data(inode)
 *
 * Context: process; may sleep. Returns the entry or NULL, as proc_create_data().
 */
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data)
{
	return proc_create_seq_entry(name, mode, parent, &proc_single_ops, NULL, show, 0, data);
}
EXPORT_SYMBOL(proc_create_single_data);

/**
 * _proc_mkdir - make a directory in /proc
 * @name: its name (as proc_create_data)
 * @mode: permission bits (0: 0555)
 * @parent: where (NULL: /proc)
 * @data: pde_data of the directory, proc_get_parent_data() of its files
 * @force_lookup: ignored (ukmem's lookups always look)
 *
 * Context: process; may sleep. Returns the directory, or NULL as proc_create_data().
 */
struct proc_dir_entry *_proc_mkdir(const char *name, umode_t mode,
				   struct proc_dir_entry *parent, void *data, bool force_lookup)
{
	struct proc_dir_entry *de;

	if (!(mode & 07777))
		mode |= 0555;
	de = pde_new(&parent, name, (umode_t)(S_IFDIR | (mode & 07777)));
	if (!de)
		return NULL;
	de->data = data;
	return proc_register(parent, de);
}
EXPORT_SYMBOL_GPL(_proc_mkdir);

/**
 * proc_mkdir_data - create a /proc directory with private data
 * @name: its name
 * @mode: its permissions (0: 0555)
 * @parent: the directory, or NULL for /proc
 * @data: what PDE_DATA() of its children's parent gives (proc_get_parent_data())
 *
 * Context: process context; may sleep.
 * Return: the entry, or NULL.
 */
struct proc_dir_entry *proc_mkdir_data(const char *name, umode_t mode,
				       struct proc_dir_entry *parent, void *data)
{
	return _proc_mkdir(name, mode, parent, data, false);
}
EXPORT_SYMBOL_GPL(proc_mkdir_data);

/**
 * proc_mkdir_mode - create a /proc directory with given permissions
 * @name: its name
 * @mode: its permissions (0: 0555)
 * @parent: the directory, or NULL for /proc
 *
 * Context: process context; may sleep.
 * Return: the entry, or NULL.
 */
struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode,
				       struct proc_dir_entry *parent)
{
	return _proc_mkdir(name, mode, parent, NULL, false);
}
EXPORT_SYMBOL(proc_mkdir_mode);

/**
 * proc_mkdir - create a /proc directory
 * @name: its name
 * @parent: the directory, or NULL for /proc
 *
 * Context: process context; may sleep.
 * Return: the entry, or NULL.
 */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return _proc_mkdir(name, 0, parent, NULL, false);
}
EXPORT_SYMBOL(proc_mkdir);

/**
 * proc_create_mount_point - create an empty /proc directory where a file system is mounted
 * @name: its name, under /proc
 *
 * ukmem mounts nothing there: it is an ordinary empty directory.
 *
 * Context: process context; may sleep.
 * Return: the entry, or NULL.
 */
struct proc_dir_entry *proc_create_mount_point(const char *name)
{
	return _proc_mkdir(name, 0, NULL, NULL, false);
}
EXPORT_SYMBOL(proc_create_mount_point);

/**
 * proc_symlink - make a symbolic link in /proc
 * @name: its name (as proc_create_data)
 * @parent: where (NULL: /proc)
 * @dest: the target: relative to the link's directory, or absolute ("/proc/...")
 *
 * Context: process; may sleep. Returns the link, or NULL as proc_create_data().
 */
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest)
{
	struct proc_dir_entry *de = pde_new(&parent, name, S_IFLNK | 0777);

	if (!de)
		return NULL;
	de->link = strdup(dest);
	if (!de->link) {
		pde_free(de);
		return NULL;
	}
	de->size = (loff_t)strlen(dest);
	return proc_register(parent, de);
}
EXPORT_SYMBOL(proc_symlink);

/**
 * proc_set_size - the size the entry's inode reports (i_size)
 * @de: the entry
 * @size: the size
 *
 * Context: any context; takes no lock.
 */
void proc_set_size(struct proc_dir_entry *de, loff_t size)
{
	de->size = size;
	i_size_write(&de->inode, size);
}
EXPORT_SYMBOL(proc_set_size);

/**
 * proc_set_user - the owner the entry's inode reports
 * @de: the entry
 * @uid: user
 * @gid: group
 *
 * Context: any context; takes no lock.
 */
void proc_set_user(struct proc_dir_entry *de, kuid_t uid, kgid_t gid)
{
	de->uid = uid;
	de->gid = gid;
	de->inode.i_uid = uid;
	de->inode.i_gid = gid;
}
EXPORT_SYMBOL(proc_set_user);

/**
 * proc_get_parent_data - the private data of a /proc file's directory
 * @inode: the file's inode
 *
 * Context: from the file's operations.
 * Return: the directory's data (proc_mkdir_data()).
 */
void *proc_get_parent_data(const struct inode *inode)
{
	return PDE(inode)->parent->data;
}
EXPORT_SYMBOL_GPL(proc_get_parent_data);

/* ---- removal ---- */

/* Takes de out of its directory (under proc_lock). */
static void pde_erase(struct proc_dir_entry *de)
{
	list_del_init(&de->sibling);
}

/* Rundown and drop of an entry already taken out of the tree. */
static void pde_retire(struct proc_dir_entry *de)
{
	proc_entry_rundown(de);
	pde_put(de);
}

/**
 * remove_proc_entry - remove a /proc entry by name
 * @name: its name (may hold '/', as at creation)
 * @parent: its directory (NULL: /proc)
 *
 * Context: process; may sleep: waits for the calls into the entry under way and runs
 * proc_release for the files still open. A missing name is WARNed; a directory that still
 * has entries is removed with a WARN and its entries become unreachable.
 */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de = NULL, *child;
	const char *leaf;

	pthread_mutex_lock(&proc_lock);
	if (xlate_proc_name(name, &parent, &leaf)) {
		pthread_mutex_unlock(&proc_lock);
		return;
	}
	de = pde_child(parent, leaf, strlen(leaf));
	if (de)
		pde_erase(de);
	pthread_mutex_unlock(&proc_lock);
	if (!de) {
		WARN(1, "name '%s'\n", name);
		return;
	}
	proc_entry_rundown(de);
	child = list_first_entry_or_null(&de->children, struct proc_dir_entry, sibling);
	WARN(child, "%s: removing non-empty directory '%s/%s', leaking at least '%s'\n",
	     __func__, de->parent->name, de->name, child ? child->name : "");
	pde_put(de);
}
EXPORT_SYMBOL(remove_proc_entry);

/* Removes everything below de, deepest first, then de itself. */
static void pde_remove_tree(struct proc_dir_entry *de)
{
	for (;;) {
		struct proc_dir_entry *child;

		pthread_mutex_lock(&proc_lock);
		child = list_first_entry_or_null(&de->children, struct proc_dir_entry, sibling);
		if (child)
			pde_erase(child);
		pthread_mutex_unlock(&proc_lock);
		if (!child)
			break;
		pde_remove_tree(child);
	}
	pde_retire(de);
}

/**
 * remove_proc_subtree - remove a /proc entry and everything below it
 * @name: its name (as remove_proc_entry)
 * @parent: its directory (NULL: /proc)
 *
 * Context: process; may sleep, as remove_proc_entry(). Returns 0, or -ENOENT.
 */
int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de = NULL;
	const char *leaf;

	pthread_mutex_lock(&proc_lock);
	if (xlate_proc_name(name, &parent, &leaf)) {
		pthread_mutex_unlock(&proc_lock);
		return -ENOENT;
	}
	de = pde_child(parent, leaf, strlen(leaf));
	if (de)
		pde_erase(de);
	pthread_mutex_unlock(&proc_lock);
	if (!de)
		return -ENOENT;
	pde_remove_tree(de);
	return 0;
}
EXPORT_SYMBOL(remove_proc_subtree);

/**
 * proc_remove - remove an entry and everything below it
 * @de: the entry (NULL: nothing)
 *
 * Context: process context; may sleep (takes the registry's lock and waits for the
 * entries' calls in progress to end).
 */
void proc_remove(struct proc_dir_entry *de)
{
	bool listed;

	if (!de)
		return;
	pthread_mutex_lock(&proc_lock);
	listed = !list_empty(&de->sibling);
	if (listed)
		pde_erase(de);
	pthread_mutex_unlock(&proc_lock);
	if (listed)
		pde_remove_tree(de);
}
EXPORT_SYMBOL(proc_remove);

void proc_remove_all(void)
{
	struct proc_dir_entry *roots[] = { &proc_root, &view_root };

	for (size_t r = 0; r < ARRAY_SIZE(roots); r++) {
		for (;;) {
			struct proc_dir_entry *child;

			pthread_mutex_lock(&proc_lock);
			child = list_first_entry_or_null(&roots[r]->children,
							 struct proc_dir_entry, sibling);
			if (child)
				pde_erase(child);
			pthread_mutex_unlock(&proc_lock);
			if (!child)
				break;
			pde_remove_tree(child);
		}
	}
	pthread_mutex_lock(&proc_lock);
	next_ino = PROC_INO_FIRST;
	pthread_mutex_unlock(&proc_lock);
}

/* ---- lookups by path (the user side) ---- */

static struct proc_dir_entry *walk(struct proc_dir_entry *dir, const char *path, int depth);

/* The entry at an absolute path without its first '/': "proc/..." is in /proc's tree,
 * anything else in the views' tree. */
static struct proc_dir_entry *walk_from_root(const char *path, int depth)
{
	if (!strncmp(path, "proc", 4) && (path[4] == '/' || !path[4]))
		return walk(&proc_root, path + 4, depth);
	return walk(&view_root, path, depth);
}

/* The entry at path from dir (components separated by '/'), symlinks followed. Under
 * proc_lock. */
static struct proc_dir_entry *walk(struct proc_dir_entry *dir, const char *path, int depth)
{
	struct proc_dir_entry *de = dir;

	while (*path) {
		const char *end = strchrnul(path, '/');
		size_t len = (size_t)(end - path);

		if (len == 0 || (len == 1 && path[0] == '.')) {
			/* "//" or "." */
		} else if (len == 2 && path[0] == '.' && path[1] == '.') {
			de = de->parent ? de->parent : de;
		} else {
			if (!S_ISDIR(de->mode))
				return NULL;
			de = pde_child(de, path, len);
			if (!de)
				return NULL;
			if (de->link) {
				if (depth >= PROC_LINK_DEPTH)
					return NULL;
				de = de->link[0] == '/' ?
				     walk_from_root(de->link + 1, depth + 1) :
				     walk(de->parent, de->link, depth + 1);
				if (!de)
					return NULL;
			}
		}
		path = *end ? end + 1 : end;
	}
	return de;
}

struct proc_dir_entry *proc_dir_lookup(const char *path)
{
	struct proc_dir_entry *de;

	if (!path || path[0] != '/')
		return NULL;
	pthread_mutex_lock(&proc_lock);
	de = walk_from_root(path + 1, 0);
	pthread_mutex_unlock(&proc_lock);
	return de && S_ISDIR(de->mode) ? de : NULL;
}

struct dentry *proc_lookup(const char *path)
{
	struct proc_dir_entry *de;

	if (!path || path[0] != '/')
		return ERR_PTR(-ENOENT);
	pthread_mutex_lock(&proc_lock);
	de = walk_from_root(path + 1, 0);
	if (de && !S_ISDIR(de->mode))
		de->refs++;
	pthread_mutex_unlock(&proc_lock);
	if (!de)
		return ERR_PTR(-ENOENT);
	if (S_ISDIR(de->mode))
		return ERR_PTR(-EISDIR);
	return &de->dentry;
}

/* ---- the mounts at /proc and / (fs/mount.h) ---- */

static int proc_getattr(const char *path, struct ukmem_stat *st)
{
	struct proc_dir_entry *de;

	pthread_mutex_lock(&proc_lock);
	de = walk_from_root(path + 1, 0);
	if (de)
		*st = (struct ukmem_stat){ .mode = de->mode, .ino = de->inode.i_ino,
					   .nlink = S_ISDIR(de->mode) ? 2 : 1,
					   .uid = __kuid_val(de->uid), .gid = __kgid_val(de->gid),
					   .size = de->size };
	pthread_mutex_unlock(&proc_lock);
	return de ? 0 : -ENOENT;
}

static int proc_readdir(const char *path, void *ctx, fs_filldir_t fill)
{
	struct proc_dir_entry *dir, *de;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	dir = walk_from_root(path + 1, 0);
	if (!dir)
		err = -ENOENT;
	else if (!S_ISDIR(dir->mode))
		err = -ENOTDIR;
	else
		list_for_each_entry(de, &dir->children, sibling)
			if (!err)
				err = fill(ctx, de->name, de->mode);
	pthread_mutex_unlock(&proc_lock);
	return err;
}

/* The link at path itself, its last component not followed (fs/mount.h's readlink). */
static int proc_readlink(const char *path, char *buf, size_t size, struct ukmem_stat *st)
{
	const char *name;
	struct proc_dir_entry *dir, *de = NULL;
	char dirpath[PATH_MAX];
	int ret;

	if (!vfs_split_path(path, dirpath, &name))
		return -ENOENT;
	pthread_mutex_lock(&proc_lock);
	dir = walk_from_root(dirpath[0] ? dirpath + 1 : "", 0);
	if (dir && S_ISDIR(dir->mode) && *name && strcmp(name, ".") && strcmp(name, ".."))
		de = pde_child(dir, name, strlen(name));
	if (!de) {
		ret = walk_from_root(path + 1, 0) ? -EINVAL : -ENOENT;
	} else if (!de->link) {
		ret = -EINVAL;
	} else {
		ret = snprintf(buf, size, "%s", de->link);
		if ((size_t)ret >= size)
			ret = -ENAMETOOLONG;
	}
	if (ret >= 0)
		*st = (struct ukmem_stat){ .mode = de->mode, .ino = de->inode.i_ino, .nlink = 1,
					   .uid = __kuid_val(de->uid), .gid = __kgid_val(de->gid),
					   .size = ret };
	pthread_mutex_unlock(&proc_lock);
	return ret;
}

const struct fs_mount_ops proc_mount_ops = {
	.name = "proc",
	.lookup = proc_lookup,
	.getattr = proc_getattr,
	.readdir = proc_readdir,
	.readlink = proc_readlink,
};

/* ---- ukmem's own views ---- */

/* The directory for path's parent ("/proc/self/maps" -> /proc/self), made if missing. */
static struct proc_dir_entry *view_dir(const char *path, const char **leaf)
{
	struct proc_dir_entry *dir = &view_root;
	const char *cp = path + 1, *slash;

	if (!strncmp(cp, "proc/", 5)) {
		dir = &proc_root;
		cp += 5;
	}
	while ((slash = strchr(cp, '/'))) {
		struct proc_dir_entry *next;
		char name[PROC_NAME_MAX + 1];
		size_t len = (size_t)(slash - cp);

		if (!len || len > PROC_NAME_MAX)
			return NULL;
		pthread_mutex_lock(&proc_lock);
		next = pde_child(dir, cp, len);
		pthread_mutex_unlock(&proc_lock);
		if (!next) {
			memcpy(name, cp, len);
			name[len] = '\0';
			next = proc_mkdir(name, dir);
			if (!next)
				return NULL;
		}
		dir = next;
		cp = slash + 1;
	}
	*leaf = cp;
	return dir;
}

int proc_create_view(const char *path, int (*show)(struct seq_file *, void *), void *data)
{
	struct proc_dir_entry *dir;
	const char *leaf;

	if (!path || path[0] != '/')
		return -EINVAL;
	dir = view_dir(path, &leaf);
	if (!dir)
		return -ENOMEM;
	return proc_create_single_data(leaf, 0444, dir, show, data) ? 0 : -EEXIST;
}

char *proc_render(const char *path, size_t *len)
{
	struct file *file = filp_open(path, O_RDONLY, 0);
	size_t size = PAGE_SIZE, used = 0;
	char *text = NULL;
	loff_t pos = 0;

	if (IS_ERR(file))
		return NULL;
	for (;;) {
		ssize_t n;

		if (!text || size - used < 2) {
			char *grown = realloc(text, text ? size *= 2 : size);

			if (!grown)
				break;
			text = grown;
		}
		n = file_read(file, text + used, size - used - 1, &pos);
		if (n <= 0) {
			if (n == 0) {
				text[used] = '\0';
				*len = used;
				filp_close(file, NULL);
				return text;
			}
			break;
		}
		used += (size_t)n;
	}
	free(text);
	filp_close(file, NULL);
	return NULL;
}

ssize_t ukmem_proc_read(const char *path, char *buf, size_t size)
{
	size_t len;
	char *text;

	if (!path || (!buf && size)) {
		errno = EFAULT;
		return -1;
	}
	ukmem_ensure_booted();
	text = proc_render(path, &len);
	if (!text) {
		errno = ENOENT;
		return -1;
	}
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(buf, text, n);
		buf[n] = '\0';
	}
	free(text);
	return (ssize_t)len;
}
