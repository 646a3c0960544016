/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/kernfs.h: the tree behind /sys and /sys/kernel/debug (fs/kernfs.c). sysfs
 * (fs/sysfs.c) and debugfs (fs/debugfs.c) make directories, files and symlinks in it;
 * the user side reaches them through kernfs_lookup_path().
 *
 * A node is counted (kernfs_get/kernfs_put): its parent's list holds one reference, each
 * open file one more. Calls into a file's operations run under an active reference
 * (kernfs_get_active/kernfs_put_active); kernfs_remove() unlinks a node and everything
 * below it, waits until no active reference is left and refuses new ones from then on. */
#ifndef UKMEM_FS_KERNFS_H
#define UKMEM_FS_KERNFS_H

#include <linux/fs.h>
#include <linux/kernfs.h>
#include <linux/wait.h>

enum kernfs_node_type {
	KERNFS_DIR	= 0x0001,
	KERNFS_FILE	= 0x0002,
	KERNFS_LINK	= 0x0004,
};

struct kernfs_open_file;

/* What a file made with kernfs_ops does (sysfs attributes). Each call holds an active
 * reference. show fills a PAGE_SIZE buffer; read/write see at most PAGE_SIZE bytes.
 * mmap (bin attributes) sets the mapping up; its vm_ops must have no close, and a
 * fault or open of the mapping later runs under an active reference too (SIGBUS once
 * the file is removed), as Linux's kernfs wraps them. */
struct kernfs_ops {
	ssize_t (*show)(struct kernfs_open_file *of, char *page);
	ssize_t (*read)(struct kernfs_open_file *of, char *buf, size_t bytes, loff_t off);
	ssize_t (*write)(struct kernfs_open_file *of, char *buf, size_t bytes, loff_t off);
	int (*mmap)(struct kernfs_open_file *of, struct vm_area_struct *vma);
};

/* One open of a kernfs_ops file (file->private_data). */
struct kernfs_open_file {
	struct kernfs_node *kn;
	struct file *file;
	char *page;			/* what show gave, for reads past position 0 */
	size_t len;
	int event;			/* kn's event count when show last ran */
	struct mutex mutex;		/* one read or write at a time */
	bool mmapped;			/* mmap succeeded at least once */
	const struct vm_operations_struct *vm_ops;	/* the mappings' own, wrapped */
};

/* The root directory of a new tree ("sys" or "debug"); flags: KERNFS_ROOT_*. */
struct kernfs_node *kernfs_create_root(const char *name, unsigned int flags);
#define KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK	0x0002	/* sysfs: -EACCES without the method */
/* Makes name in parent: the node, ERR_PTR(-EEXIST) if taken (nothing printed:
 * the caller reports), -ENOENT if parent is being removed, -ENOMEM. The node is listed
 * and holds one reference for the tree. kernfs_get/kernfs_put/kernfs_notify are in
 * <linux/kernfs.h>. */
struct kernfs_node *kernfs_create_dir(struct kernfs_node *parent, const char *name,
				      umode_t mode, void *priv);
/* A file served by ops (sysfs) ... */
struct kernfs_node *kernfs_create_file(struct kernfs_node *parent, const char *name,
				       umode_t mode, loff_t size, const struct kernfs_ops *ops,
				       void *priv);
/* ... or by a driver's file_operations through fops_wrap (debugfs's proxy): opens start
 * with fops_wrap, real_fops stays in the node (kernfs_real_fops). */
struct kernfs_node *kernfs_create_fops_file(struct kernfs_node *parent, const char *name,
					    umode_t mode, const struct file_operations *fops_wrap,
					    const struct file_operations *real_fops, void *priv);
/* A link to target (counted) or to a path (relative to parent, or absolute). */
struct kernfs_node *kernfs_create_link(struct kernfs_node *parent, const char *name,
				       struct kernfs_node *target, const char *path);
/* Unlinks kn and its subtree, drains active references (may sleep), drops the tree's
 * references. NULL or a node already removed: nothing. */
void kernfs_remove(struct kernfs_node *kn);
/* Removes kn from inside one of its own operations (sysfs_remove_file_self): true if
 * this call removed it; waits for every call but the caller's. */
bool kernfs_remove_self(struct kernfs_node *kn);
/* Removes the child called name: 0 or -ENOENT. */
int kernfs_remove_by_name(struct kernfs_node *parent, const char *name);
/* The child called name, with a reference (kernfs_put), or NULL. */
struct kernfs_node *kernfs_find_and_get(struct kernfs_node *parent, const char *name);
bool kernfs_get_active(struct kernfs_node *kn);
void kernfs_put_active(struct kernfs_node *kn);
/* Moves kn to new_parent under new_name: 0, -EEXIST, -ENOMEM. */
int kernfs_rename(struct kernfs_node *kn, struct kernfs_node *new_parent, const char *new_name);

void *kernfs_priv(const struct kernfs_node *kn);
const char *kernfs_name(const struct kernfs_node *kn);
struct kernfs_node *kernfs_parent(const struct kernfs_node *kn);
enum kernfs_node_type kernfs_type(const struct kernfs_node *kn);
struct dentry *kernfs_dentry(struct kernfs_node *kn);
/* The node a kernfs dentry or inode belongs to (NULL for other dentries). */
struct kernfs_node *kernfs_node_of_dentry(const struct dentry *dentry);
struct kernfs_node *kernfs_node_of_inode(const struct inode *inode);
const struct file_operations *kernfs_real_fops(const struct kernfs_node *kn);
/* The path of kn from its root ("/kernel/x"; "/" for the root) into buf. */
int kernfs_path(struct kernfs_node *kn, char *buf, size_t buflen);
/* Sets the mode's permission bits (sysfs_chmod_file). */
void kernfs_set_mode(struct kernfs_node *kn, umode_t mode);

/* Mounts root at prefix in the mount table (fs/mount.h): 0 or -errno. */
int kernfs_mount(const char *prefix, struct kernfs_node *root);
void kernfs_umount(const char *prefix);
/* The mount's operations (fs/mount.h): the file at an absolute path, symlinks followed,
 * with its inode held (ERR_PTR(-ENOENT), ERR_PTR(-EISDIR)); a directory's entries (fill
 * runs under kernfs's lock: it must not call into kernfs). */
struct dentry *kernfs_lookup_path(const char *path);
int kernfs_readdir_path(const char *path, void *ctx,
			int (*fill)(void *ctx, const char *name, umode_t mode));

#endif
