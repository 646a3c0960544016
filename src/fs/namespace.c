// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/namespace.c: the mount table (fs/mount.h). A path is served by the file systems
 * mounted on its prefixes, the longest prefix asked first: /dev is devfs, /proc the /proc
 * registry, and / the registry's tree of ukmem's views outside /proc (/dev/kmsg), so a
 * name devfs lacks under /dev is still found there. Other file systems (sysfs at /sys,
 * debugfs at /sys/kernel/debug) mount themselves with register_mount().
 *
 * Invariants: a prefix is absolute, without a trailing '/' (except "/" itself), and
 * mounted at most once; the three built-in mounts are always there. The table is a
 * small array under a read-write lock: lookups and listings hold it for reading while
 * they call into the file systems, (un)mounting holds it for writing, so after
 * unregister_mount() returns no operation of that mount is running. Paths are cleaned
 * ("//" and a trailing '/' dropped) before a file system sees them. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ukmem.h>
#include <linux/err.h>
#include "fs/file.h"
#include "fs/mount.h"
#include "machine/boot.h"

#define MAX_MOUNTS	16

struct mount {
	char *prefix;			/* NULL: a free slot */
	size_t len;
	const struct fs_mount_ops *ops;
};

static struct mount mounts[MAX_MOUNTS] = {
	{ (char *)"/", 1, &proc_mount_ops },
	{ (char *)"/proc", 5, &proc_mount_ops },
	{ (char *)"/dev", 4, &devfs_mount_ops },
};
#define NR_BUILTIN	3
static pthread_rwlock_t mount_lock = PTHREAD_RWLOCK_INITIALIZER;

/* path cleaned into buf (PATH_MAX bytes): false if it is not absolute or too long. */
static bool clean_path(const char *path, char *buf)
{
	size_t n = 0;

	if (!path || path[0] != '/')
		return false;
	for (; *path; path++) {
		if (*path == '/' && n && buf[n - 1] == '/')
			continue;
		if (n == PATH_MAX - 1)
			return false;
		buf[n++] = *path;
	}
	if (n > 1 && buf[n - 1] == '/')
		n--;
	buf[n] = '\0';
	return true;
}

/* Does the mount cover path (path is its prefix or below it)? */
static bool covers(const struct mount *m, const char *path)
{
	if (m->len == 1)
		return true;
	return !strncmp(path, m->prefix, m->len) && (!path[m->len] || path[m->len] == '/');
}

/* The mounts covering path, longest prefix first, into list; returns how many. */
static int covering(const char *path, const struct mount **list)
{
	int n = 0;

	for (int i = 0; i < MAX_MOUNTS; i++) {
		int j;

		if (!mounts[i].prefix || !covers(&mounts[i], path))
			continue;
		for (j = n; j > 0 && list[j - 1]->len < mounts[i].len; j--)
			list[j] = list[j - 1];
		list[j] = &mounts[i];
		n++;
	}
	return n;
}

/* The name one level below dir on the way to prefix ("/sys/kernel/debug" below
 * "/sys" is "kernel") into name, or false if prefix is not below dir. */
static bool mount_point_below(const char *dir, const char *prefix, char *name)
{
	size_t dlen = strcmp(dir, "/") ? strlen(dir) : 0;
	const char *rest, *end;

	if (strncmp(prefix, dir, dlen) || prefix[dlen] != '/' || !prefix[dlen + 1])
		return false;
	rest = prefix + dlen + 1;
	end = strchrnul(rest, '/');
	if ((size_t)(end - rest) > NAME_MAX)
		return false;
	memcpy(name, rest, (size_t)(end - rest));
	name[end - rest] = '\0';
	return true;
}

int register_mount(const char *prefix, const struct fs_mount_ops *ops)
{
	char path[PATH_MAX];
	int free_slot = -1, err = 0;

	if (!ops || !clean_path(prefix, path))
		return -EINVAL;
	pthread_rwlock_wrlock(&mount_lock);
	for (int i = 0; i < MAX_MOUNTS; i++) {
		if (!mounts[i].prefix) {
			if (free_slot < 0)
				free_slot = i;
		} else if (!strcmp(mounts[i].prefix, path)) {
			err = -EBUSY;
		}
	}
	if (!err && free_slot < 0)
		err = -ENOSPC;
	if (!err) {
		mounts[free_slot].prefix = strdup(path);
		if (!mounts[free_slot].prefix)
			err = -ENOMEM;
		mounts[free_slot].len = strlen(path);
		mounts[free_slot].ops = ops;
	}
	pthread_rwlock_unlock(&mount_lock);
	return err;
}

void unregister_mount(const char *prefix)
{
	char path[PATH_MAX];

	if (!clean_path(prefix, path))
		return;
	pthread_rwlock_wrlock(&mount_lock);
	for (int i = NR_BUILTIN; i < MAX_MOUNTS; i++) {
		if (mounts[i].prefix && !strcmp(mounts[i].prefix, path)) {
			free(mounts[i].prefix);
			mounts[i] = (struct mount){ 0 };
		}
	}
	pthread_rwlock_unlock(&mount_lock);
}

struct dentry *vfs_lookup_path(const char *path)
{
	const struct mount *list[MAX_MOUNTS];
	struct dentry *dentry = ERR_PTR(-ENOENT);
	char clean[PATH_MAX];
	int n;

	if (!clean_path(path, clean))
		return ERR_PTR(-ENOENT);
	pthread_rwlock_rdlock(&mount_lock);
	n = covering(clean, list);
	for (int i = 0; i < n && dentry == ERR_PTR(-ENOENT); i++)
		dentry = list[i]->ops->lookup(clean);
	pthread_rwlock_unlock(&mount_lock);
	return dentry;
}

/* A directory where only a mount point (or the way to one) is: its inode number is made
 * from the path, stable while the name is. */
static void mount_point_stat(const char *path, struct ukmem_stat *st)
{
	uint64_t hash = 14695981039346656037ULL;

	for (const char *c = path; *c; c++)
		hash = (hash ^ (unsigned char)*c) * 1099511628211ULL;
	*st = (struct ukmem_stat){ .mode = S_IFDIR | 0555, .nlink = 2, .ino = hash | 1ULL << 63 };
}

int vfs_getattr_path(const char *path, struct ukmem_stat *st)
{
	const struct mount *list[MAX_MOUNTS];
	char clean[PATH_MAX], name[NAME_MAX + 1];
	int n, err = -ENOENT;

	if (!clean_path(path, clean))
		return -ENOENT;
	pthread_rwlock_rdlock(&mount_lock);
	n = covering(clean, list);
	for (int i = 0; i < n && err == -ENOENT; i++)
		err = list[i]->ops->getattr(clean, st);
	for (int i = 0; i < MAX_MOUNTS && err == -ENOENT; i++) {
		if (mounts[i].prefix && (!strcmp(mounts[i].prefix, clean) ||
					 mount_point_below(clean, mounts[i].prefix, name))) {
			mount_point_stat(clean, st);
			err = 0;
		}
	}
	pthread_rwlock_unlock(&mount_lock);
	return err;
}

bool vfs_split_path(const char *path, char *dir, const char **name)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	if (!slash || path[0] != '/' || slash - path >= PATH_MAX)
		return false;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	*name = slash + 1;
	return true;
}

int vfs_readlink_path(const char *path, char *buf, size_t size, struct ukmem_stat *st)
{
	const struct mount *list[MAX_MOUNTS];
	char clean[PATH_MAX];
	int n, err = -ENOENT;

	if (!clean_path(path, clean))
		return -ENOENT;
	pthread_rwlock_rdlock(&mount_lock);
	n = covering(clean, list);
	for (int i = 0; i < n && err == -ENOENT; i++)
		if (list[i]->ops->readlink)
			err = list[i]->ops->readlink(clean, buf, size, st);
	pthread_rwlock_unlock(&mount_lock);
	if (err == -ENOENT && !vfs_getattr_path(clean, st))
		err = -EINVAL;		/* there, in a file system without links */
	return err;
}

/* The names gathered from every mount, each once. */
struct dir_listing {
	struct dir_entry {
		char *name;
		umode_t mode;
	} *entries;
	size_t nr, cap;
};

static int listing_add(void *ctx, const char *name, umode_t mode)
{
	struct dir_listing *dl = ctx;

	for (size_t i = 0; i < dl->nr; i++)
		if (!strcmp(dl->entries[i].name, name))
			return 0;
	if (dl->nr == dl->cap) {
		size_t cap = dl->cap ? dl->cap * 2 : 32;
		struct dir_entry *grown = realloc(dl->entries, cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		dl->entries = grown;
		dl->cap = cap;
	}
	dl->entries[dl->nr].name = strdup(name);
	if (!dl->entries[dl->nr].name)
		return -ENOMEM;
	dl->entries[dl->nr++].mode = mode;
	return 0;
}

int vfs_readdir_path(const char *path, void *ctx, fs_filldir_t fill)
{
	const struct mount *list[MAX_MOUNTS];
	struct dir_listing dl = { 0 };
	char clean[PATH_MAX], name[NAME_MAX + 1];
	int n, err = -ENOENT;
	bool found = false;

	if (!clean_path(path, clean))
		return -ENOENT;
	pthread_rwlock_rdlock(&mount_lock);
	n = covering(clean, list);
	for (int i = 0; i < n; i++) {
		int ret = list[i]->ops->readdir(clean, &dl, listing_add);

		if (ret == 0)
			found = true;
		else if (ret != -ENOENT && err == -ENOENT)
			err = ret;	/* -ENOTDIR, or -ENOMEM from listing_add */
	}
	for (int i = 0; i < MAX_MOUNTS; i++) {
		if (mounts[i].prefix && mount_point_below(clean, mounts[i].prefix, name)) {
			found = true;
			if (listing_add(&dl, name, S_IFDIR | 0555))
				err = -ENOMEM;
		}
	}
	pthread_rwlock_unlock(&mount_lock);
	if (found && (err == -ENOENT || err == -ENOTDIR))
		err = 0;
	for (size_t i = 0; i < dl.nr; i++) {
		if (!err)
			err = fill(ctx, dl.entries[i].name, dl.entries[i].mode);
		free(dl.entries[i].name);
	}
	free(dl.entries);
	return err;
}

/**
 * ukmem_stat - the attributes of a file of the machine
 * @path: absolute path in /dev, /proc, /sys, ...
 * @st: filled on success
 *
 * Context: any thread; may sleep briefly on the mount table's lock. Symlinks are followed.
 * Returns 0, or -1 with errno ENOENT (no such file) or EFAULT (NULL argument).
 */
int ukmem_stat(const char *path, struct ukmem_stat *st)
{
	ukmem_ensure_booted();
	if (!path || !st)
		return (int)user_error(-EFAULT);
	return (int)user_error(vfs_getattr_path(path, st));
}

/**
 * ukmem_lstat - the attributes of a file of the machine, a symlink not followed
 * @path: absolute path
 * @st: filled on success: for a symlink, S_IFLNK and the length of its target
 *
 * Context: as ukmem_stat(). Returns 0, or -1 with errno ENOENT or EFAULT.
 */
int ukmem_lstat(const char *path, struct ukmem_stat *st)
{
	char target[PATH_MAX];
	int ret;

	ukmem_ensure_booted();
	if (!path || !st)
		return (int)user_error(-EFAULT);
	ret = vfs_readlink_path(path, target, sizeof(target), st);
	if (ret >= 0)
		return 0;
	if (ret == -ENOENT)
		return (int)user_error(-ENOENT);
	return (int)user_error(vfs_getattr_path(path, st));
}

/**
 * ukmem_readlink - the target of a symlink of the machine (/sys/class/..., /proc/...)
 * @path: absolute path of the link
 * @buf: receives the target, not NUL-terminated, cut to @size bytes (as readlink(2))
 * @size: size of @buf
 *
 * Context: any thread. sysfs' links read as on Linux, relative to the link's directory
 * ("../../devices/virtual/misc/x"). Returns the number of bytes placed in @buf, or -1
 * with errno EINVAL (not a symlink, or @size 0), ENOENT, ENAMETOOLONG or EFAULT.
 */
ssize_t ukmem_readlink(const char *path, char *buf, size_t size)
{
	struct ukmem_stat st;
	char target[PATH_MAX];
	int ret;

	ukmem_ensure_booted();
	if (!path || !buf)
		return user_error(-EFAULT);
	if (!size)
		return user_error(-EINVAL);
	ret = vfs_readlink_path(path, target, sizeof(target), &st);
	if (ret < 0)
		return user_error(ret);
	if ((size_t)ret > size)
		ret = (int)size;
	memcpy(buf, target, (size_t)ret);
	return ret;
}

struct user_fill {
	int (*fill)(void *ctx, const char *name, mode_t type);
	void *ctx;
	int stopped;		/* fill's non-zero value */
};

static int user_filldir(void *ctx, const char *name, umode_t mode)
{
	struct user_fill *uf = ctx;

	uf->stopped = uf->fill(uf->ctx, name, mode & S_IFMT);
	return uf->stopped ? 1 : 0;
}

/**
 * ukmem_readdir - list a directory of the machine
 * @path: absolute path ("/", "/dev", "/proc/driver", "/sys/class/misc", ...)
 * @fill: called for each entry with its name and type (the S_IFMT bits), "." and ".."
 *	  left out; a non-zero return stops the listing
 * @ctx: passed to @fill
 *
 * Context: any thread; @fill runs with no lock of ukmem's held and may call ukmem_*.
 * Each name is given once, though several file systems may answer for the directory.
 * Returns 0, @fill's non-zero value (as it is), or -1 with errno ENOENT, ENOTDIR, ENOMEM
 * or EFAULT.
 */
int ukmem_readdir(const char *path, int (*fill)(void *ctx, const char *name, mode_t type),
		  void *ctx)
{
	struct user_fill uf = { fill, ctx, 0 };
	int ret;

	ukmem_ensure_booted();
	if (!path || !fill)
		return (int)user_error(-EFAULT);
	ret = vfs_readdir_path(path, &uf, user_filldir);
	return uf.stopped ? uf.stopped : (int)user_error(ret);
}
