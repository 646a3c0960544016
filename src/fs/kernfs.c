// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/kernfs.c: one tree of directories, files and symlinks for sysfs and debugfs, as
 * Linux's kernfs. Roots are mounted at a path prefix ("/sys", "/sys/kernel/debug") in the
 * mount table (fs/mount.h), which the user side's opens, stat and readdir go through;
 * within kernfs, symlinks and '..' are resolved from the longest prefix too.
 *
 * Invariants: a node is freed when its count falls to 0 (the parent's list holds one
 * reference, each open file and each kernfs_find_and_get caller one more; a node holds one
 * on its parent and a link one on its target). Calls into a file's operations run
 * between kernfs_get_active() and kernfs_put_active(); kernfs_remove() marks the subtree
 * removed under kernfs_lock (no new active reference is granted from then on), unlinks
 * it, and waits until the active count of each node is 0. Open files of a removed node
 * stay valid and answer -ENODEV (sysfs) or what their wrapper says (debugfs: -EIO). One
 * mutex guards the tree and the counts; no driver code runs under it. Records are host
 * memory, like /proc's and /dev's. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ukmem.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include "fs/kernfs.h"
#include "fs/mount.h"

#define KERNFS_LINK_DEPTH	8
#define KERNFS_INO_FIRST	0xe0000000UL
#define KERNFS_MOUNTS		4

struct kernfs_node {
	struct list_head sibling;	/* in parent->children */
	struct list_head children;
	struct kernfs_node *parent;
	char *name;
	umode_t mode;
	enum kernfs_node_type type;
	unsigned int root_flags;	/* of the tree's root */
	int count;			/* references */
	int active;			/* calls under way */
	bool removed;
	loff_t size;
	const struct kernfs_ops *ops;
	const struct file_operations *real_fops;
	void *priv;
	struct kernfs_node *target;	/* a link to a node */
	char *target_path;		/* a link to a path */
	int event;			/* kernfs_notify count */
	wait_queue_head_t poll;
	struct dentry dentry;
	struct inode inode;
};

struct kernfs_mount {
	const char *prefix;
	size_t len;
	struct kernfs_node *root;
};

static pthread_mutex_t kernfs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t kernfs_drained = PTHREAD_COND_INITIALIZER;
static unsigned long next_ino = KERNFS_INO_FIRST;
static struct kernfs_mount mounts[KERNFS_MOUNTS];

static const struct file_operations kernfs_file_fops;

/* ---- references ---- */

static void kernfs_free(struct kernfs_node *kn);

static void kernfs_put_locked(struct kernfs_node *kn)
{
	while (kn && --kn->count == 0) {
		struct kernfs_node *parent = kn->parent, *target = kn->target;

		kernfs_free(kn);
		kernfs_put_locked(target);
		kn = parent;
	}
}

/**
 * kernfs_get - take a reference to a kernfs node
 * @kn: the node, or NULL
 *
 * Context: any context; takes the kernfs lock (a host mutex, held briefly).
 */
void kernfs_get(struct kernfs_node *kn)
{
	if (!kn)
		return;
	pthread_mutex_lock(&kernfs_lock);
	kn->count++;
	pthread_mutex_unlock(&kernfs_lock);
}
EXPORT_SYMBOL_GPL(kernfs_get);

/**
 * kernfs_put - drop a reference to a kernfs node; the last one frees it
 * @kn: the node, or NULL
 *
 * Context: process context; takes the kernfs lock (a host mutex).
 */
void kernfs_put(struct kernfs_node *kn)
{
	if (!kn)
		return;
	pthread_mutex_lock(&kernfs_lock);
	kernfs_put_locked(kn);
	pthread_mutex_unlock(&kernfs_lock);
}
EXPORT_SYMBOL_GPL(kernfs_put);

static void kernfs_inode_put(struct inode *inode)
{
	kernfs_put(container_of(inode, struct kernfs_node, inode));
}

/**
 * kernfs_get_active - start a call into a node's operations
 * @kn: the node
 *
 * Context: any; does not sleep. Returns false once the node is being removed.
 */
bool kernfs_get_active(struct kernfs_node *kn)
{
	bool ok;

	pthread_mutex_lock(&kernfs_lock);
	ok = !kn->removed;
	if (ok)
		kn->active++;
	pthread_mutex_unlock(&kernfs_lock);
	return ok;
}

void kernfs_put_active(struct kernfs_node *kn)
{
	pthread_mutex_lock(&kernfs_lock);
	if (--kn->active <= 1 && kn->removed)	/* 1: for kernfs_remove_self */
		pthread_cond_broadcast(&kernfs_drained);
	pthread_mutex_unlock(&kernfs_lock);
}

/* ---- accessors ---- */

void *kernfs_priv(const struct kernfs_node *kn)
{
	return kn->priv;
}

const char *kernfs_name(const struct kernfs_node *kn)
{
	return kn->name;
}

struct kernfs_node *kernfs_parent(const struct kernfs_node *kn)
{
	return kn->parent;
}

enum kernfs_node_type kernfs_type(const struct kernfs_node *kn)
{
	return kn->type;
}

struct dentry *kernfs_dentry(struct kernfs_node *kn)
{
	return &kn->dentry;
}

const struct file_operations *kernfs_real_fops(const struct kernfs_node *kn)
{
	return kn->real_fops;
}

struct kernfs_node *kernfs_node_of_inode(const struct inode *inode)
{
	if (!inode || inode->ukmem_put != kernfs_inode_put)
		return NULL;
	return container_of(inode, struct kernfs_node, inode);
}

struct kernfs_node *kernfs_node_of_dentry(const struct dentry *dentry)
{
	return dentry ? kernfs_node_of_inode(dentry->d_inode) : NULL;
}

void kernfs_set_mode(struct kernfs_node *kn, umode_t mode)
{
	pthread_mutex_lock(&kernfs_lock);
	kn->mode = (umode_t)((kn->mode & S_IFMT) | (mode & 07777));
	kn->inode.i_mode = kn->mode;
	pthread_mutex_unlock(&kernfs_lock);
}

static int kernfs_path_locked(struct kernfs_node *kn, char *buf, size_t buflen)
{
	size_t len = 0;
	int depth = 0;
	struct kernfs_node *it;

	for (it = kn; it->parent; it = it->parent)
		len += 1 + strlen(it->name);
	if (!kn->parent)
		len = 1;
	if (len + 1 > buflen) {
		if (buflen)
			buf[0] = '\0';
		return -ENAMETOOLONG;
	}
	buf[len] = '\0';
	if (!kn->parent)
		buf[0] = '/';
	for (it = kn; it->parent; it = it->parent, depth++) {
		size_t n = strlen(it->name);

		len -= n;
		memcpy(buf + len, it->name, n);
		buf[--len] = '/';
	}
	return depth;
}

int kernfs_path(struct kernfs_node *kn, char *buf, size_t buflen)
{
	int ret;

	pthread_mutex_lock(&kernfs_lock);
	ret = kernfs_path_locked(kn, buf, buflen);
	pthread_mutex_unlock(&kernfs_lock);
	return ret;
}

/* ---- making nodes ---- */

static void kernfs_free(struct kernfs_node *kn)
{
	free(kn->name);
	free(kn->target_path);
	free(kn);
}

static struct kernfs_node *kernfs_child(struct kernfs_node *dir, const char *name, size_t len)
{
	struct kernfs_node *kn;

	list_for_each_entry(kn, &dir->children, sibling)
		if (strlen(kn->name) == len && !memcmp(kn->name, name, len))
			return kn;
	return NULL;
}

static struct kernfs_node *kernfs_new(const char *name, umode_t mode, enum kernfs_node_type type)
{
	struct kernfs_node *kn = calloc(1, sizeof(*kn));

	if (!kn)
		return NULL;
	kn->name = strdup(name);
	if (!kn->name) {
		free(kn);
		return NULL;
	}
	kn->mode = mode;
	kn->type = type;
	kn->count = 1;
	INIT_LIST_HEAD(&kn->children);
	INIT_LIST_HEAD(&kn->sibling);
	init_waitqueue_head(&kn->poll);
	return kn;
}

/* Gives kn its inode and dentry for its current name and parent (under kernfs_lock). */
static void kernfs_set_dentry(struct kernfs_node *kn)
{
	kn->dentry.d_parent = kn->parent ? &kn->parent->dentry : &kn->dentry;
	kn->dentry.d_name = (struct qstr)QSTR_INIT((const unsigned char *)kn->name,
						   (u32)strlen(kn->name));
	kn->dentry.d_inode = &kn->inode;
}

/* Lists kn in parent: kn, or ERR_PTR(-EEXIST / -ENOENT) with kn freed. */
static struct kernfs_node *kernfs_add(struct kernfs_node *parent, struct kernfs_node *kn)
{
	int err = 0;

	pthread_mutex_lock(&kernfs_lock);
	if (parent->removed)
		err = -ENOENT;
	else if (kernfs_child(parent, kn->name, strlen(kn->name)))
		err = -EEXIST;
	if (!err) {
		kn->parent = parent;
		parent->count++;
		kn->root_flags = parent->root_flags;
		kn->inode = (struct inode){
			.i_mode = kn->mode, .i_size = kn->size, .i_private = kn->priv,
			.i_ino = next_ino++,
			.i_fop = kn->real_fops ? kn->inode.i_fop : &kernfs_file_fops,
			.ukmem_put = kernfs_inode_put,
		};
		kernfs_set_dentry(kn);
		list_add_tail(&kn->sibling, &parent->children);
	}
	pthread_mutex_unlock(&kernfs_lock);
	if (err) {
		kernfs_free(kn);
		return ERR_PTR(err);
	}
	return kn;
}

struct kernfs_node *kernfs_create_root(const char *name, unsigned int flags)
{
	struct kernfs_node *kn = kernfs_new(name, S_IFDIR | 0755, KERNFS_DIR);

	if (!kn)
		return NULL;
	kn->root_flags = flags;
	kn->inode = (struct inode){ .i_mode = kn->mode, .i_ino = next_ino++,
				    .ukmem_put = kernfs_inode_put };
	kernfs_set_dentry(kn);
	return kn;
}

struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent, const char *name,
				      umode_t mode, void *priv)
{
	struct kernfs_node *kn = kernfs_new(name, (umode_t)(S_IFDIR | (mode & 07777)), KERNFS_DIR);

	if (!kn)
		return ERR_PTR(-ENOMEM);
	kn->priv = priv;
	return kernfs_add(parent, kn);
}

struct kernfs_node *kernfs_create_file(struct kernfs_node *parent, const char *name,
				       umode_t mode, loff_t size, const struct kernfs_ops *ops,
				       void *priv)
{
	struct kernfs_node *kn = kernfs_new(name, (umode_t)(S_IFREG | (mode & 07777)), KERNFS_FILE);

	if (!kn)
		return ERR_PTR(-ENOMEM);
	kn->ops = ops;
	kn->priv = priv;
	kn->size = size;
	return kernfs_add(parent, kn);
}

struct kernfs_node *kernfs_create_fops_file(struct kernfs_node *parent, const char *name,
					    umode_t mode, const struct file_operations *fops_wrap,
					    const struct file_operations *real_fops, void *priv)
{
	struct kernfs_node *kn = kernfs_new(name, (umode_t)(S_IFREG | (mode & 07777)), KERNFS_FILE);

	if (!kn)
		return ERR_PTR(-ENOMEM);
	kn->real_fops = real_fops;
	kn->inode.i_fop = fops_wrap;
	kn->priv = priv;
	return kernfs_add(parent, kn);
}

struct kernfs_node *kernfs_create_link(struct kernfs_node *parent, const char *name,
				       struct kernfs_node *target, const char *path)
{
	struct kernfs_node *kn = kernfs_new(name, S_IFLNK | 0777, KERNFS_LINK);

	if (!kn)
		return ERR_PTR(-ENOMEM);
	if (path) {
		kn->target_path = strdup(path);
		if (!kn->target_path) {
			kernfs_free(kn);
			return ERR_PTR(-ENOMEM);
		}
	}
	kn = kernfs_add(parent, kn);
	if (!IS_ERR(kn) && target) {
		kernfs_get(target);
		kn->target = target;
	}
	return kn;
}

/**
 * kernfs_notify - wake pollers of a kernfs file (what sysfs_notify() does)
 * @kn: the node, or NULL
 *
 * Context: any context, interrupts included; does not sleep.
 */
void kernfs_notify(struct kernfs_node *kn)
{
	if (!kn)
		return;
	__atomic_fetch_add(&kn->event, 1, __ATOMIC_RELEASE);
	wake_up_interruptible(&kn->poll);
}
EXPORT_SYMBOL_GPL(kernfs_notify);

/* ---- removal ---- */

/* Marks the subtree removed and takes kn out of its parent (under kernfs_lock). */
static void kernfs_deactivate(struct kernfs_node *kn)
{
	struct kernfs_node *child;

	kn->removed = true;
	list_for_each_entry(child, &kn->children, sibling)
		kernfs_deactivate(child);
}

/* Waits for every node of the subtree to go idle, then drops the list's references,
 * children first. Under kernfs_lock (released while waiting). */
static void kernfs_drain_and_drop(struct kernfs_node *kn)
{
	while (!list_empty(&kn->children)) {
		struct kernfs_node *child = list_first_entry(&kn->children, struct kernfs_node,
							     sibling);

		list_del_init(&child->sibling);
		kernfs_drain_and_drop(child);
	}
	while (kn->active)
		pthread_cond_wait(&kernfs_drained, &kernfs_lock);
	kernfs_put_locked(kn);
}

void kernfs_remove(struct kernfs_node *kn)
{
	if (!kn)
		return;
	pthread_mutex_lock(&kernfs_lock);
	if (!kn->removed && !list_empty(&kn->sibling)) {
		kernfs_deactivate(kn);
		list_del_init(&kn->sibling);
		kernfs_drain_and_drop(kn);
	} else if (!kn->parent && !kn->removed) {
		kernfs_deactivate(kn);	/* a root: its own reference goes too */
		kernfs_drain_and_drop(kn);
	}
	pthread_mutex_unlock(&kernfs_lock);
}

/**
 * kernfs_remove_self - remove a node from within one of its own operations
 * @kn: the node, whose operation the caller is running (holding one active reference)
 *
 * Context: process, inside a method of @kn; may sleep. Returns true if this call
 * removed it, false if it was already being removed. Waits for every other call.
 */
bool kernfs_remove_self(struct kernfs_node *kn)
{
	bool ret = false;

	pthread_mutex_lock(&kernfs_lock);
	if (!kn->removed && !list_empty(&kn->sibling)) {
		kernfs_deactivate(kn);
		list_del_init(&kn->sibling);
		while (!list_empty(&kn->children)) {
			struct kernfs_node *child = list_first_entry(&kn->children,
								     struct kernfs_node, sibling);

			list_del_init(&child->sibling);
			kernfs_drain_and_drop(child);
		}
		while (kn->active > 1)
			pthread_cond_wait(&kernfs_drained, &kernfs_lock);
		kernfs_put_locked(kn);
		ret = true;
	}
	pthread_mutex_unlock(&kernfs_lock);
	return ret;
}

struct kernfs_node *kernfs_find_and_get(struct kernfs_node *parent, const char *name)
{
	struct kernfs_node *kn;

	if (!parent)
		return NULL;
	pthread_mutex_lock(&kernfs_lock);
	kn = kernfs_child(parent, name, strlen(name));
	if (kn)
		kn->count++;
	pthread_mutex_unlock(&kernfs_lock);
	return kn;
}

int kernfs_remove_by_name(struct kernfs_node *parent, const char *name)
{
	struct kernfs_node *kn = kernfs_find_and_get(parent, name);

	if (!kn)
		return -ENOENT;
	kernfs_remove(kn);
	kernfs_put(kn);
	return 0;
}

int kernfs_rename(struct kernfs_node *kn, struct kernfs_node *new_parent, const char *new_name)
{
	char *name = strdup(new_name);
	int err = 0;

	if (!name)
		return -ENOMEM;
	pthread_mutex_lock(&kernfs_lock);
	if (kn->removed || new_parent->removed)
		err = -ENOENT;
	else if (kernfs_child(new_parent, new_name, strlen(new_name)))
		err = kernfs_child(new_parent, new_name, strlen(new_name)) == kn ? 0 : -EEXIST;
	if (!err) {
		struct kernfs_node *old_parent = kn->parent;

		list_del(&kn->sibling);
		free(kn->name);
		kn->name = name;
		name = NULL;
		new_parent->count++;
		kn->parent = new_parent;
		list_add_tail(&kn->sibling, &new_parent->children);
		kernfs_set_dentry(kn);
		kernfs_put_locked(old_parent);
	}
	pthread_mutex_unlock(&kernfs_lock);
	free(name);
	return err;
}

/* ---- files made from kernfs_ops ---- */

static int kernfs_fop_open(struct inode *inode, struct file *file)
{
	struct kernfs_node *kn = container_of(inode, struct kernfs_node, inode);
	const struct kernfs_ops *ops = kn->ops;
	struct kernfs_open_file *of;
	bool has_read, has_write;

	if (!kernfs_get_active(kn))
		return -ENODEV;
	has_read = ops->show || ops->read;
	has_write = ops->write;
	if (kn->root_flags & KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK) {
		if ((file->f_mode & FMODE_WRITE) && (!(kn->mode & 0222) || !has_write))
			goto refused;
		if ((file->f_mode & FMODE_READ) && (!(kn->mode & 0444) || !has_read))
			goto refused;
	}
	of = calloc(1, sizeof(*of));
	if (!of) {
		kernfs_put_active(kn);
		return -ENOMEM;
	}
	of->kn = kn;
	of->file = file;
	mutex_init(&of->mutex);
	file->private_data = of;
	kernfs_put_active(kn);
	return 0;
refused:
	kernfs_put_active(kn);
	return -EACCES;
}

static int kernfs_fop_release(struct inode *inode, struct file *file)
{
	struct kernfs_open_file *of = file->private_data;

	free(of->page);
	free(of);
	return 0;
}

/* show into the page (again at position 0); then copies from it. */
static ssize_t kernfs_show_read(struct kernfs_open_file *of, char __user *buf, size_t count,
				loff_t *ppos)
{
	struct kernfs_node *kn = of->kn;
	ssize_t len;

	if (*ppos == 0 || !of->page) {
		if (!of->page) {
			/* page-aligned, as sysfs_emit checks */
			of->page = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
			if (!of->page)
				return -ENOMEM;
		}
		memset(of->page, 0, PAGE_SIZE);
		of->event = __atomic_load_n(&kn->event, __ATOMIC_ACQUIRE);
		len = kn->ops->show(of, of->page);
		if (len < 0)
			return len;
		of->len = (size_t)len;
	}
	return simple_read_from_buffer(buf, count, ppos, of->page, of->len);
}

static ssize_t kernfs_direct_read(struct kernfs_open_file *of, char __user *buf, size_t count,
				  loff_t *ppos)
{
	size_t len = min_t(size_t, count, PAGE_SIZE);
	char *kbuf = malloc(len ? len : 1);
	ssize_t ret;

	if (!kbuf)
		return -ENOMEM;
	ret = of->kn->ops->read(of, kbuf, len, *ppos);
	if (ret > 0) {
		if (copy_to_user(buf, kbuf, (size_t)ret))
			ret = -EFAULT;
		else
			*ppos += ret;
	}
	free(kbuf);
	return ret;
}

static ssize_t kernfs_fop_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct kernfs_open_file *of = file->private_data;
	ssize_t ret;

	mutex_lock(&of->mutex);
	if (!kernfs_get_active(of->kn)) {
		mutex_unlock(&of->mutex);
		return -ENODEV;
	}
	if (of->kn->ops->show)
		ret = kernfs_show_read(of, buf, count, ppos);
	else if (of->kn->ops->read)
		ret = kernfs_direct_read(of, buf, count, ppos);
	else
		ret = -EINVAL;
	kernfs_put_active(of->kn);
	mutex_unlock(&of->mutex);
	return ret;
}

static ssize_t kernfs_fop_write(struct file *file, const char __user *ubuf, size_t count,
				loff_t *ppos)
{
	struct kernfs_open_file *of = file->private_data;
	size_t len = min_t(size_t, count, PAGE_SIZE);
	ssize_t ret;
	char *buf;

	buf = malloc(len + 1);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, ubuf, len)) {
		free(buf);
		return -EFAULT;
	}
	buf[len] = '\0';
	mutex_lock(&of->mutex);
	if (!kernfs_get_active(of->kn)) {
		mutex_unlock(&of->mutex);
		free(buf);
		return -ENODEV;
	}
	ret = of->kn->ops->write ? of->kn->ops->write(of, buf, len, *ppos) : -EINVAL;
	kernfs_put_active(of->kn);
	mutex_unlock(&of->mutex);
	if (ret > 0)
		*ppos += ret;
	free(buf);
	return ret;
}

static loff_t kernfs_fop_llseek(struct file *file, loff_t offset, int whence)
{
	struct kernfs_open_file *of = file->private_data;
	loff_t ret;

	if (!kernfs_get_active(of->kn))
		return -ENODEV;
	ret = generic_file_llseek(file, offset, whence);
	kernfs_put_active(of->kn);
	return ret;
}

/* As kernfs_generic_poll: a change since the last show reads as EPOLLERR|EPOLLPRI. */
static __poll_t kernfs_fop_poll(struct file *file, struct poll_table_struct *pt)
{
	struct kernfs_open_file *of = file->private_data;
	struct kernfs_node *kn = of->kn;

	if (!kernfs_get_active(kn))
		return DEFAULT_POLLMASK | EPOLLERR | EPOLLPRI;
	poll_wait(file, &kn->poll, pt);
	kernfs_put_active(kn);
	if (of->event != __atomic_load_n(&kn->event, __ATOMIC_ACQUIRE))
		return DEFAULT_POLLMASK | EPOLLERR | EPOLLPRI;
	return DEFAULT_POLLMASK;
}

/* A mapping of a kernfs file: its own operations run under an active reference, so a
 * fault after the file was removed is SIGBUS instead of a call into a gone attribute. */
static struct kernfs_open_file *kernfs_vma_of(struct vm_area_struct *vma)
{
	return vma->vm_file->private_data;
}

static void kernfs_vma_open(struct vm_area_struct *vma)
{
	struct kernfs_open_file *of = kernfs_vma_of(vma);

	if (!of->vm_ops || !of->vm_ops->open || !kernfs_get_active(of->kn))
		return;
	of->vm_ops->open(vma);
	kernfs_put_active(of->kn);
}

static vm_fault_t kernfs_vma_fault(struct vm_fault *vmf)
{
	struct kernfs_open_file *of = kernfs_vma_of(vmf->vma);
	vm_fault_t ret = VM_FAULT_SIGBUS;

	if (!of->vm_ops || !of->vm_ops->fault || !kernfs_get_active(of->kn))
		return ret;
	ret = of->vm_ops->fault(vmf);
	kernfs_put_active(of->kn);
	return ret;
}

static int kernfs_vma_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	struct kernfs_open_file *of = kernfs_vma_of(vma);
	int ret = 0;

	if (!of->vm_ops || !of->vm_ops->may_split)
		return 0;
	if (!kernfs_get_active(of->kn))
		return -EINVAL;
	ret = of->vm_ops->may_split(vma, addr);
	kernfs_put_active(of->kn);
	return ret;
}

static const struct vm_operations_struct kernfs_vm_ops = {
	.open		= kernfs_vma_open,
	.fault		= kernfs_vma_fault,
	.may_split	= kernfs_vma_may_split,
};

/* As Linux 6.1's kernfs_fop_mmap: -ENODEV for a file without mmap (or removed), the
 * file's own error, -EINVAL when the mapping's operations cannot be wrapped (a close,
 * or other operations than an earlier mapping of the same open file had). Called with
 * the user address space locked for writing: of->mutex is not taken, as a read holding
 * it may fault on its user buffer. */
static int kernfs_fop_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct kernfs_open_file *of = file->private_data;
	int rc;

	if (!of->kn->ops->mmap || !kernfs_get_active(of->kn))
		return -ENODEV;
	rc = of->kn->ops->mmap(of, vma);
	if (!rc && (vma->vm_file != file ||
		    (of->mmapped && of->vm_ops != vma->vm_ops) ||
		    (vma->vm_ops && vma->vm_ops->close)))
		rc = -EINVAL;
	if (!rc) {
		of->mmapped = true;
		of->vm_ops = vma->vm_ops;
		vma->vm_ops = &kernfs_vm_ops;
	}
	kernfs_put_active(of->kn);
	return rc;
}

static const struct file_operations kernfs_file_fops = {
	.read		= kernfs_fop_read,
	.write		= kernfs_fop_write,
	.llseek		= kernfs_fop_llseek,
	.poll		= kernfs_fop_poll,
	.mmap		= kernfs_fop_mmap,
	.open		= kernfs_fop_open,
	.release	= kernfs_fop_release,
};

/* ---- paths (the user side) ---- */

static int kernfs_getattr_path(const char *path, struct ukmem_stat *st);
static int kernfs_readlink_path(const char *path, char *buf, size_t size, struct ukmem_stat *st);

static const struct fs_mount_ops kernfs_mount_ops = {
	.name = "kernfs",
	.lookup = kernfs_lookup_path,
	.getattr = kernfs_getattr_path,
	.readdir = kernfs_readdir_path,
	.readlink = kernfs_readlink_path,
};

/**
 * kernfs_mount - mount a kernfs root at a path prefix
 * @prefix: absolute path ("/sys")
 * @root: the root from kernfs_create_root()
 *
 * Context: process; may sleep. Returns 0 or register_mount()'s error.
 */
int kernfs_mount(const char *prefix, struct kernfs_node *root)
{
	int err = -ENOSPC;

	pthread_mutex_lock(&kernfs_lock);
	for (int i = 0; i < KERNFS_MOUNTS; i++) {
		if (!mounts[i].root) {
			mounts[i] = (struct kernfs_mount){ prefix, strlen(prefix), root };
			err = 0;
			break;
		}
	}
	pthread_mutex_unlock(&kernfs_lock);
	if (!err)
		err = register_mount(prefix, &kernfs_mount_ops);
	if (err)
		kernfs_umount(prefix);
	return err;
}

void kernfs_umount(const char *prefix)
{
	unregister_mount(prefix);
	pthread_mutex_lock(&kernfs_lock);
	for (int i = 0; i < KERNFS_MOUNTS; i++)
		if (mounts[i].root && !strcmp(mounts[i].prefix, prefix))
			mounts[i] = (struct kernfs_mount){ 0 };
	pthread_mutex_unlock(&kernfs_lock);
}

static struct kernfs_node *walk(struct kernfs_node *dir, const char *path, int depth);

/* The node at an absolute path: from the root mounted at its longest prefix. */
static struct kernfs_node *walk_abs(const char *path, int depth)
{
	struct kernfs_mount *best = NULL;

	for (int i = 0; i < KERNFS_MOUNTS; i++) {
		struct kernfs_mount *m = &mounts[i];

		if (m->root && !strncmp(path, m->prefix, m->len) &&
		    (path[m->len] == '/' || !path[m->len]) && (!best || m->len > best->len))
			best = m;
	}
	return best ? walk(best->root, path + best->len, depth) : NULL;
}

/* The absolute path of the root kn belongs to, for '..' from a root and for links. */
static const char *mount_prefix(struct kernfs_node *kn)
{
	while (kn->parent)
		kn = kn->parent;
	for (int i = 0; i < KERNFS_MOUNTS; i++)
		if (mounts[i].root == kn)
			return mounts[i].prefix;
	return NULL;
}

static struct kernfs_node *follow(struct kernfs_node *link, int depth)
{
	char abs[512];
	const char *prefix;
	int n;

	if (depth >= KERNFS_LINK_DEPTH)
		return NULL;
	if (link->target)
		return link->target->removed ? NULL : link->target;
	if (link->target_path[0] == '/')
		return walk_abs(link->target_path, depth + 1);
	prefix = mount_prefix(link);
	if (!prefix)
		return NULL;
	n = snprintf(abs, sizeof(abs), "%s", prefix);
	if (kernfs_path_locked(link->parent, abs + n, sizeof(abs) - (size_t)n) < 0)
		return NULL;
	n = (int)strlen(abs);
	if (snprintf(abs + n, sizeof(abs) - (size_t)n, "/%s", link->target_path) >=
	    (int)(sizeof(abs) - (size_t)n))
		return NULL;
	return walk_abs(abs, depth + 1);
}

/* Under kernfs_lock. '..' above a root goes to the absolute parent path. */
static struct kernfs_node *walk(struct kernfs_node *dir, const char *path, int depth)
{
	struct kernfs_node *kn = dir;

	while (*path) {
		const char *end = strchrnul(path, '/');
		size_t len = (size_t)(end - path);

		if (len == 0 || (len == 1 && path[0] == '.')) {
			/* "//" or "." */
		} else if (len == 2 && path[0] == '.' && path[1] == '.') {
			if (kn->parent) {
				kn = kn->parent;
			} else {
				const char *prefix = mount_prefix(kn);
				char up[512];
				char *slash;

				if (!prefix || snprintf(up, sizeof(up), "%s", prefix) >= (int)sizeof(up))
					return NULL;
				slash = strrchr(up, '/');
				if (!slash)
					return NULL;
				snprintf(slash + 1, sizeof(up) - (size_t)(slash + 1 - up), "%s", end);
				return walk_abs(up, depth + 1);
			}
		} else {
			if (kn->type != KERNFS_DIR)
				return NULL;
			kn = kernfs_child(kn, path, len);
			if (!kn)
				return NULL;
			if (kn->type == KERNFS_LINK) {
				kn = follow(kn, depth);
				if (!kn)
					return NULL;
			}
		}
		path = *end ? end + 1 : end;
	}
	return kn;
}

struct dentry *kernfs_lookup_path(const char *path)
{
	struct kernfs_node *kn;

	if (!path || path[0] != '/')
		return ERR_PTR(-ENOENT);
	pthread_mutex_lock(&kernfs_lock);
	kn = walk_abs(path, 0);
	if (kn && kn->type == KERNFS_FILE)
		kn->count++;
	pthread_mutex_unlock(&kernfs_lock);
	if (!kn)
		return ERR_PTR(-ENOENT);
	if (kn->type != KERNFS_FILE)
		return ERR_PTR(-EISDIR);
	return &kn->dentry;
}

int kernfs_readdir_path(const char *path, void *ctx, fs_filldir_t fill)
{
	struct kernfs_node *dir, *kn;
	int err = 0;

	pthread_mutex_lock(&kernfs_lock);
	dir = walk_abs(path, 0);
	if (!dir)
		err = -ENOENT;
	else if (dir->type != KERNFS_DIR)
		err = -ENOTDIR;
	else
		list_for_each_entry(kn, &dir->children, sibling)
			if (!err)
				err = fill(ctx, kn->name, kn->mode);
	pthread_mutex_unlock(&kernfs_lock);
	return err;
}

static int kernfs_getattr_path(const char *path, struct ukmem_stat *st)
{
	struct kernfs_node *kn;

	pthread_mutex_lock(&kernfs_lock);
	kn = walk_abs(path, 0);
	if (kn)
		*st = (struct ukmem_stat){ .mode = kn->inode.i_mode, .ino = kn->inode.i_ino,
					   .nlink = kn->type == KERNFS_DIR ? 2 : 1,
					   .size = kn->inode.i_size };
	pthread_mutex_unlock(&kernfs_lock);
	return kn ? 0 : -ENOENT;
}

static bool kernfs_is_ancestor(struct kernfs_node *anc, struct kernfs_node *kn)
{
	for (; kn; kn = kn->parent)
		if (kn == anc)
			return true;
	return false;
}

/* The text of a link as sysfs shows it: a path given at creation as it is, a link to a
 * node relative to the link's directory ("../../devices/virtual/misc/x"), or absolute
 * (with its mount's prefix) when the node is in another tree. Under kernfs_lock.
 * Returns the length, -ENOENT for a removed target, -ENAMETOOLONG. */
static int kernfs_link_text(struct kernfs_node *link, char *buf, size_t size)
{
	struct kernfs_node *to = link->target, *base, *it;
	char target[PATH_MAX], basepath[PATH_MAX];
	const char *prefix, *rel;
	size_t n = 0;
	int len;

	if (link->target_path) {
		len = snprintf(buf, size, "%s", link->target_path);
		return (size_t)len < size ? len : -ENAMETOOLONG;
	}
	if (!to || to->removed)
		return -ENOENT;
	/* as Linux's kernfs_get_target_path: up to an ancestor of the target's parent, so
	 * a link to an ancestor of its own directory climbs past it and names it */
	for (base = link->parent; base; base = base->parent)
		if (kernfs_is_ancestor(base, to->parent ? to->parent : to))
			break;
	if (kernfs_path_locked(to, target, sizeof(target)) < 0)
		return -ENAMETOOLONG;
	if (!base) {
		prefix = mount_prefix(to);
		len = snprintf(buf, size, "%s%s", prefix ? prefix : "", to->parent ? target : "");
		return prefix && (size_t)len < size ? len : -ENAMETOOLONG;
	}
	if (kernfs_path_locked(base, basepath, sizeof(basepath)) < 0)
		return -ENAMETOOLONG;
	rel = target + (base->parent ? strlen(basepath) : 0);	/* "" or "/rest" */
	for (it = link->parent; it != base; it = it->parent) {
		if (n + 3 >= size)
			return -ENAMETOOLONG;
		memcpy(buf + n, "../", 3);
		n += 3;
	}
	if (*rel) {
		rel++;
	} else if (n) {
		n--;		/* a link to the root: "../.." */
	} else {
		rel = ".";
	}
	len = snprintf(buf + n, size - n, "%s", rel);
	return (size_t)len < size - n ? (int)n + len : -ENAMETOOLONG;
}

/* The link at path itself, its last component not followed (fs/mount.h's readlink). */
static int kernfs_readlink_path(const char *path, char *buf, size_t size, struct ukmem_stat *st)
{
	const char *name;
	char dirpath[PATH_MAX];
	struct kernfs_node *dir, *kn = NULL;
	int ret;

	if (!vfs_split_path(path, dirpath, &name))
		return -ENOENT;
	pthread_mutex_lock(&kernfs_lock);
	dir = dirpath[0] ? walk_abs(dirpath, 0) : NULL;
	if (dir && dir->type == KERNFS_DIR && *name && strcmp(name, ".") && strcmp(name, ".."))
		kn = kernfs_child(dir, name, strlen(name));
	if (!kn)
		ret = walk_abs(path, 0) ? -EINVAL : -ENOENT;
	else if (kn->type != KERNFS_LINK)
		ret = -EINVAL;
	else
		ret = kernfs_link_text(kn, buf, size);
	if (ret >= 0)
		*st = (struct ukmem_stat){ .mode = kn->mode, .ino = kn->inode.i_ino, .nlink = 1,
					   .size = ret };
	pthread_mutex_unlock(&kernfs_lock);
	return ret;
}
