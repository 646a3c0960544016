// SPDX-License-Identifier: LGPL-2.1-or-later
/* The mount table and the user side's ukmem_stat/ukmem_readdir: /dev nodes, /proc entries
 * and ukmem's views elsewhere (/dev/kmsg) answered by the file system mounted on the
 * longest prefix, mount points listed in their parent, names given once, a file system
 * mounted and unmounted at run time, and the errors. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <ukmem.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "fs/mount.h"

struct names {
	char text[4096];
	int count;
};

/* Appends "name:t " (t: d, c, r or l) for each entry. */
static int collect(void *ctx, const char *name, mode_t type)
{
	struct names *n = ctx;
	char kind = S_ISDIR(type) ? 'd' : S_ISCHR(type) ? 'c' : S_ISLNK(type) ? 'l' : 'r';
	size_t len = strlen(n->text);

	snprintf(n->text + len, sizeof(n->text) - len, "%s:%c ", name, kind);
	n->count++;
	return 0;
}

static bool listed(const struct names *n, const char *entry)
{
	return strstr(n->text, entry) != NULL;
}

static int show_hello(struct seq_file *m, void *v)
{
	seq_puts(m, "hello\n");
	return 0;
}

Test(namespace, stat_devfs_proc_and_views)
{
	struct ukmem_stat st;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_mknod("/dev/nsdev0", S_IFCHR | 0640, makedev(240, 3)), 0);
	cr_assert_eq(ukmem_stat("/dev/nsdev0", &st), 0);
	cr_assert_eq(st.mode, S_IFCHR | 0640);
	cr_assert_eq(st.rdev, makedev(240, 3));
	cr_assert_eq(ukmem_stat("/dev//nsdev0/", &st), 0, "\"//\" and a trailing '/' are dropped");

	cr_assert_eq(ukmem_stat("/proc/meminfo", &st), 0);
	cr_assert(S_ISREG(st.mode));
	cr_assert_eq(ukmem_stat("/dev/kmsg", &st), 0, "a view outside /proc, under devfs's prefix");
	cr_assert(S_ISREG(st.mode));
	cr_assert_eq(ukmem_stat("/", &st), 0);
	cr_assert(S_ISDIR(st.mode));
	cr_assert_eq(ukmem_stat("/dev", &st), 0);
	cr_assert(S_ISDIR(st.mode));
	cr_assert_eq(ukmem_stat("/proc", &st), 0);
	cr_assert(S_ISDIR(st.mode));

	cr_assert_eq(ukmem_stat("/dev/nothing", &st), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_stat("relative", &st), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_stat(NULL, &st), -1);
	cr_assert_eq(errno, EFAULT);
	ukmem_shutdown();
}

Test(namespace, readdir_merges_mounts_and_lists_mount_points)
{
	struct names n = { 0 };

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_mknod("/dev/nsdev0", S_IFCHR | 0600, makedev(240, 0)), 0);
	cr_assert_eq(ukmem_readdir("/", collect, &n), 0);
	cr_assert(listed(&n, "dev:d "), "%s", n.text);
	cr_assert(listed(&n, "proc:d "), "%s", n.text);
	cr_assert_null(strstr(strstr(n.text, "dev:d ") + 1, "dev:d "), "once: %s", n.text);

	memset(&n, 0, sizeof(n));
	cr_assert_eq(ukmem_readdir("/dev", collect, &n), 0);
	cr_assert(listed(&n, "nsdev0:c "), "%s", n.text);
	cr_assert(listed(&n, "kmsg:r "), "devfs's nodes and the views: %s", n.text);

	memset(&n, 0, sizeof(n));
	cr_assert_eq(ukmem_readdir("/proc", collect, &n), 0);
	cr_assert(listed(&n, "meminfo:r "), "%s", n.text);

	cr_assert_eq(ukmem_readdir("/dev/nsdev0", collect, &n), -1);
	cr_assert_eq(errno, ENOTDIR);
	cr_assert_eq(ukmem_readdir("/proc/meminfo", collect, &n), -1);
	cr_assert_eq(errno, ENOTDIR);
	cr_assert_eq(ukmem_readdir("/nowhere", collect, &n), -1);
	cr_assert_eq(errno, ENOENT);
	ukmem_shutdown();
}

static int stop_at_second(void *ctx, const char *name, mode_t type)
{
	int *seen = ctx;

	return ++*seen == 2 ? 42 : 0;
}

Test(namespace, readdir_stops_when_fill_says_so)
{
	int seen = 0;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_readdir("/proc", stop_at_second, &seen), 42);
	cr_assert_eq(seen, 2);
	ukmem_shutdown();
}

Test(namespace, driver_proc_files_appear_and_go)
{
	struct names n = { 0 };
	struct ukmem_stat st;

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct proc_dir_entry *dir = proc_mkdir("nsdrv", NULL);
	cr_assert_not_null(proc_create_single("state", 0, dir, show_hello));
	cr_assert_eq(ukmem_readdir("/proc/nsdrv", collect, &n), 0);
	cr_assert_str_eq(n.text, "state:r ");
	cr_assert_eq(ukmem_stat("/proc/nsdrv", &st), 0);
	cr_assert(S_ISDIR(st.mode));
	proc_remove(dir);
	cr_assert_eq(ukmem_stat("/proc/nsdrv/state", &st), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_open("/proc/nsdrv/state", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	ukmem_shutdown();
}

/* A file system of one file, "/test/deep/mnt/file". */
static int fake_opened;

static struct dentry *fake_lookup(const char *path)
{
	fake_opened++;
	return strcmp(path, "/test/deep/mnt") ? ERR_PTR(-ENOENT) : ERR_PTR(-EISDIR);
}

static int fake_getattr(const char *path, struct ukmem_stat *st)
{
	if (strcmp(path, "/test/deep/mnt/file"))
		return -ENOENT;
	*st = (struct ukmem_stat){ .mode = S_IFREG | 0600, .size = 7 };
	return 0;
}

static int fake_readdir(const char *path, void *ctx, fs_filldir_t fill)
{
	return strcmp(path, "/test/deep/mnt") ? -ENOENT : fill(ctx, "file", S_IFREG | 0600);
}

static const struct fs_mount_ops fake_ops = {
	.name = "fake", .lookup = fake_lookup, .getattr = fake_getattr, .readdir = fake_readdir,
};

Test(namespace, mount_and_unmount_at_run_time)
{
	struct names n = { 0 };
	struct ukmem_stat st;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(register_mount("/test/deep/mnt/", &fake_ops), 0);
	cr_assert_eq(register_mount("/test/deep/mnt", &fake_ops), -EBUSY);
	cr_assert_eq(register_mount("test", &fake_ops), -EINVAL);

	cr_assert_eq(ukmem_stat("/test/deep/mnt/file", &st), 0);
	cr_assert_eq(st.size, 7);
	cr_assert_eq(ukmem_stat("/test/deep", &st), 0, "the way to a mount point is a directory");
	cr_assert(S_ISDIR(st.mode));
	cr_assert_eq(ukmem_readdir("/", collect, &n), 0);
	cr_assert(listed(&n, "test:d "), "%s", n.text);
	memset(&n, 0, sizeof(n));
	cr_assert_eq(ukmem_readdir("/test/deep", collect, &n), 0);
	cr_assert_str_eq(n.text, "mnt:d ");
	memset(&n, 0, sizeof(n));
	cr_assert_eq(ukmem_readdir("/test/deep/mnt", collect, &n), 0);
	cr_assert_str_eq(n.text, "file:r ");
	cr_assert_eq(ukmem_open("/test/deep/mnt", O_RDONLY), -1);
	cr_assert_eq(errno, EISDIR);

	unregister_mount("/test/deep/mnt");
	fake_opened = 0;
	cr_assert_eq(ukmem_stat("/test/deep", &st), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_open("/test/deep/mnt", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(fake_opened, 0, "an unmounted file system is not asked");
	ukmem_shutdown();
}
