/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/mount.h: the mount table -- which of ukmem's file systems serves a path (fs/namespace.c).
 * Each file system (devfs at /dev, the /proc registry at /proc and at / for its views
 * elsewhere, sysfs, debugfs) registers the prefix it is mounted on with lookup, getattr
 * and readdir operations; the user side (open, ukmem_stat, ukmem_readdir) goes through
 * vfs_lookup_path(), vfs_getattr_path() and vfs_readdir_path(). Paths handed to the
 * operations are absolute and whole ("/dev/ukfb0"), never relative to the prefix. */
#ifndef UKMEM_FS_MOUNT_H
#define UKMEM_FS_MOUNT_H

#include <linux/fs.h>

struct ukmem_stat;

/* Called once per directory entry: 0 to go on, anything else stops the listing and is
 * returned. The mode's S_IFMT bits give the entry's type. */
typedef int (*fs_filldir_t)(void *ctx, const char *name, umode_t mode);

/*
 * The operations of a mounted file system. Each gets an absolute path under the prefix
 * it was mounted on and may be called from any thread at once, under the table's read
 * lock (so they must not register or unregister mounts).
 * @lookup:  the file at path with its inode held (an open lets go of it through
 *           inode->ukmem_put); ERR_PTR(-ENOENT) if this file system has no such entry (the
 *           next mount covering the path is asked), ERR_PTR(-EISDIR) for a directory.
 * @getattr: fills *st for the entry at path (symlinks followed): 0 or -ENOENT.
 * @readdir: calls fill for each entry of the directory at path: 0, fill's non-zero
 *           value, -ENOENT or -ENOTDIR.
 * @readlink: (optional) for a symlink at path (its last component not followed): its
 *           target text NUL-terminated in buf (size bytes) and the link's own
 *           attributes in *st; returns the text's length, -EINVAL if path is not a
 *           link, -ENOENT if this file system has no such entry, -ENAMETOOLONG.
 */
struct fs_mount_ops {
	const char *name;
	struct dentry *(*lookup)(const char *path);
	int (*getattr)(const char *path, struct ukmem_stat *st);
	int (*readdir)(const char *path, void *ctx, fs_filldir_t fill);
	int (*readlink)(const char *path, char *buf, size_t size, struct ukmem_stat *st);
};

/* Mounts ops on prefix ("/sys", "/sys/kernel/debug"; no trailing '/'): 0, -EBUSY if
 * something is mounted there, -EINVAL for a bad prefix, -ENOSPC when the table is full.
 * Context: process; takes the table's write lock (waits for lookups under way). */
int register_mount(const char *prefix, const struct fs_mount_ops *ops);
/* Unmounts prefix (nothing if it is not mounted); once it returns, no operation of the
 * mount is running or will be called. */
void unregister_mount(const char *prefix);

/* The file at path, asking the mounts covering it from the longest prefix: its dentry
 * with the inode held, ERR_PTR(-ENOENT) or ERR_PTR(-EISDIR). */
struct dentry *vfs_lookup_path(const char *path);
/* The attributes of path (a mount point no file system answers for is a directory). */
int vfs_getattr_path(const char *path, struct ukmem_stat *st);
/* The target of the symlink at path into buf (size bytes, NUL-terminated) and the link's
 * attributes: the target's length, -EINVAL (not a link), -ENOENT, -ENAMETOOLONG. */
int vfs_readlink_path(const char *path, char *buf, size_t size, struct ukmem_stat *st);
/* Splits an absolute path into its directory (into dir, PATH_MAX bytes; "" for "/x")
 * and *name, its last component: false if path is not absolute or too long. */
bool vfs_split_path(const char *path, char *dir, const char **name);
/* The entries of the directory at path from every mount covering it, and the mount
 * points one level below it, each name once: 0, fill's value, -ENOENT, -ENOTDIR. */
int vfs_readdir_path(const char *path, void *ctx, fs_filldir_t fill);

/* The mounts of devfs and the /proc registry (fs/devfs.c, fs/proc.c). */
extern const struct fs_mount_ops devfs_mount_ops;
extern const struct fs_mount_ops proc_mount_ops;

#endif
