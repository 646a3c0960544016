// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/devfs.c: the nodes of ukmem's /dev (fs/devfs.h). A node is a name and an inode; the
 * list holds one reference and each open file one more, so removing a node that is still
 * open leaves its inode to the last close. A name may have directories ("input/event0",
 * a devnode's or nodename's, as devtmpfs makes them): a directory exists while a node
 * below it does, so it appears with its first node and goes with its last. Invariants:
 * no component of a name is empty, "." or ".."; no name is a directory of another. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <ukmem.h>
#include <linux/list.h>
#include <linux/kernel.h>
#include "fs/chrdev.h"
#include "fs/devfs.h"
#include "fs/file.h"
#include "fs/mount.h"
#include "machine/boot.h"

#define DEVFS_NAME_MAX	64

struct devfs_node {
	struct list_head list;
	char name[DEVFS_NAME_MAX];
	struct dentry dentry;
	struct inode inode;
	int refs;		/* the list's and each open file's */
};

static LIST_HEAD(nodes);
static struct dentry dev_dentry = { .d_name = QSTR_INIT((const unsigned char *)"dev", 3) };
static pthread_mutex_t nodes_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long next_ino = 1;

static struct devfs_node *find_node(const char *name)
{
	struct devfs_node *node;

	list_for_each_entry(node, &nodes, list)
		if (!strcmp(node->name, name))
			return node;
	return NULL;
}

/* Is dir (len bytes, no trailing '/') a directory: some node's name goes on below it? */
static bool is_dir_locked(const char *dir, size_t len)
{
	struct devfs_node *node;

	list_for_each_entry(node, &nodes, list)
		if (!strncmp(node->name, dir, len) && node->name[len] == '/')
			return true;
	return false;
}

/* Components neither empty nor "." nor "..". */
static bool name_valid(const char *name)
{
	const char *c = name, *end;

	do {
		end = strchrnul(c, '/');
		if (end == c || (end - c == 1 && c[0] == '.') ||
		    (end - c == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		c = end + 1;
	} while (*end);
	return true;
}

/* "/dev/name" -> "name"; NULL for paths outside /dev. */
static const char *dev_name_of(const char *path)
{
	if (!path || strncmp(path, "/dev/", 5) || !path[5])
		return NULL;
	return path + 5;
}

static void node_put_locked(struct devfs_node *node)
{
	if (--node->refs == 0)
		free(node);
}

static void devfs_inode_put(struct inode *inode)
{
	pthread_mutex_lock(&nodes_lock);
	node_put_locked(container_of(inode, struct devfs_node, inode));
	pthread_mutex_unlock(&nodes_lock);
}

struct dentry *devfs_lookup(const char *path)
{
	const char *name = dev_name_of(path);
	struct devfs_node *node;

	if (!name)
		return NULL;
	pthread_mutex_lock(&nodes_lock);
	node = find_node(name);
	if (node)
		node->refs++;
	pthread_mutex_unlock(&nodes_lock);
	return node ? &node->dentry : NULL;
}

/* ---- the mount at /dev (fs/mount.h) ---- */

static struct dentry *devfs_mount_lookup(const char *path)
{
	struct dentry *dentry = devfs_lookup(path);
	const char *name = dev_name_of(path);
	bool dir;

	if (dentry)
		return dentry;
	pthread_mutex_lock(&nodes_lock);
	dir = name && is_dir_locked(name, strlen(name));
	pthread_mutex_unlock(&nodes_lock);
	return ERR_PTR(dir ? -EISDIR : -ENOENT);
}

/* A directory's inode number: made from its name, stable while the name is. */
static uint64_t dir_ino(const char *name)
{
	uint64_t hash = 14695981039346656037ULL;

	for (const char *c = name; *c; c++)
		hash = (hash ^ (unsigned char)*c) * 1099511628211ULL;
	return hash | 1ULL << 62;
}

static int devfs_getattr(const char *path, struct ukmem_stat *st)
{
	const char *name = dev_name_of(path);
	struct devfs_node *node;
	bool dir = false;

	if (!strcmp(path, "/dev")) {
		*st = (struct ukmem_stat){ .mode = S_IFDIR | 0755, .nlink = 2, .ino = 0 };
		return 0;
	}
	if (!name)
		return -ENOENT;
	pthread_mutex_lock(&nodes_lock);
	node = find_node(name);
	if (node)
		*st = (struct ukmem_stat){ .mode = node->inode.i_mode, .nlink = 1,
					   .ino = node->inode.i_ino,
					   .rdev = makedev(MAJOR(node->inode.i_rdev),
							   MINOR(node->inode.i_rdev)) };
	else if ((dir = is_dir_locked(name, strlen(name))))
		*st = (struct ukmem_stat){ .mode = S_IFDIR | 0755, .nlink = 2,
					   .ino = dir_ino(name) };
	pthread_mutex_unlock(&nodes_lock);
	return node || dir ? 0 : -ENOENT;
}

static int devfs_readdir(const char *path, void *ctx, fs_filldir_t fill)
{
	const char *name = strcmp(path, "/dev") ? dev_name_of(path) : "";
	size_t len = name ? strlen(name) : 0;
	struct devfs_node *node;
	int err = 0;

	if (!name)
		return -ENOENT;
	pthread_mutex_lock(&nodes_lock);
	if (len && !is_dir_locked(name, len)) {
		err = find_node(name) ? -ENOTDIR : -ENOENT;
		pthread_mutex_unlock(&nodes_lock);
		return err;
	}
	/* each node below, or the directory leading to it (the caller keeps names once) */
	list_for_each_entry(node, &nodes, list) {
		const char *rest = node->name + len + (len ? 1 : 0);
		const char *slash;
		char comp[DEVFS_NAME_MAX];

		if (err || (len && (strncmp(node->name, name, len) || node->name[len] != '/')))
			continue;
		slash = strchr(rest, '/');
		if (!slash) {
			err = fill(ctx, rest, node->inode.i_mode);
			continue;
		}
		memcpy(comp, rest, (size_t)(slash - rest));
		comp[slash - rest] = '\0';
		err = fill(ctx, comp, S_IFDIR | 0755);
	}
	pthread_mutex_unlock(&nodes_lock);
	return err;
}

const struct fs_mount_ops devfs_mount_ops = {
	.name = "devtmpfs",
	.lookup = devfs_mount_lookup,
	.getattr = devfs_getattr,
	.readdir = devfs_readdir,
};

const char *devfs_name(const struct inode *inode)
{
	return container_of(inode, struct devfs_node, inode)->name;
}

/* Does name go on below a node's name ("ukc0/x" with /dev/ukc0 there)? */
static bool below_a_node_locked(const char *name)
{
	struct devfs_node *node;

	list_for_each_entry(node, &nodes, list) {
		size_t len = strlen(node->name);

		if (!strncmp(name, node->name, len) && name[len] == '/')
			return true;
	}
	return false;
}

int devfs_mknod(const char *name, umode_t mode, dev_t dev)
{
	struct devfs_node *node;
	int err = 0;

	if (!*name || strlen(name) >= DEVFS_NAME_MAX || !name_valid(name))
		return -EINVAL;
	node = calloc(1, sizeof(*node));
	if (!node)
		return -ENOMEM;
	strcpy(node->name, name);
	node->inode.i_mode = mode;
	node->inode.i_rdev = dev;
	node->inode.i_fop = &def_chr_fops;
	node->inode.ukmem_put = devfs_inode_put;
	node->dentry = (struct dentry){ .d_parent = &dev_dentry, .d_inode = &node->inode,
					.d_name = QSTR_INIT((const unsigned char *)node->name,
							    (u32)strlen(name)) };
	node->refs = 1;
	pthread_mutex_lock(&nodes_lock);
	if (find_node(name) || is_dir_locked(name, strlen(name)) || below_a_node_locked(name)) {
		err = -EEXIST;
		free(node);
	} else {
		node->inode.i_ino = next_ino++;
		list_add_tail(&node->list, &nodes);
	}
	pthread_mutex_unlock(&nodes_lock);
	return err;
}

int devfs_remove(const char *name)
{
	struct devfs_node *node;

	pthread_mutex_lock(&nodes_lock);
	node = find_node(name);
	if (node) {
		list_del(&node->list);
		node_put_locked(node);
	}
	pthread_mutex_unlock(&nodes_lock);
	return node ? 0 : -ENOENT;
}

void devfs_exit(void)
{
	struct devfs_node *node, *tmp;

	pthread_mutex_lock(&nodes_lock);
	list_for_each_entry_safe(node, tmp, &nodes, list) {
		list_del(&node->list);
		node_put_locked(node);
	}
	next_ino = 1;
	pthread_mutex_unlock(&nodes_lock);
}

int ukmem_mknod(const char *path, mode_t mode, dev_t dev)
{
	const char *name;

	ukmem_ensure_booted();
	if (!path)
		return (int)user_error(-EFAULT);
	name = dev_name_of(path);
	if (!name)
		return (int)user_error(-ENOENT);
	if (!S_ISCHR(mode))
		return (int)user_error(-EINVAL);
	return (int)user_error(devfs_mknod(name, (umode_t)mode, MKDEV(major(dev), minor(dev))));
}

int ukmem_unlink(const char *path)
{
	const char *name;

	ukmem_ensure_booted();
	if (!path)
		return (int)user_error(-EFAULT);
	name = dev_name_of(path);
	return (int)user_error(name ? devfs_remove(name) : -ENOENT);
}
