// SPDX-License-Identifier: LGPL-2.1-or-later
/* debugfs at /sys/kernel/debug: directories, the integer/bool/blob/str/array files read
 * and written through ukmem_open, DEFINE_DEBUGFS_ATTRIBUTE and DEFINE_SIMPLE_ATTRIBUTE,
 * lookups and symlinks, a duplicate name reported in Linux's words with -EEXIST, files
 * removed while open (-EIO, release still runs once), removal waiting for a read under
 * way, and ukmem's own debugfs files (kmemleak, failslab, fail_page_alloc). */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "kmsg.h"

/* The whole text of a file, as read(2) in one go; "" if it cannot be opened. */
static char *read_all(const char *path, char *buf, size_t size)
{
	int fd = ukmem_open(path, O_RDONLY);

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	ssize_t n = ukmem_read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	ukmem_close(fd);
	return buf;
}

static ssize_t write_str(const char *path, const char *text)
{
	int fd = ukmem_open(path, O_WRONLY);

	if (fd < 0)
		return -errno;
	ssize_t n = ukmem_write(fd, text, strlen(text));
	int err = errno;
	ukmem_close(fd);
	return n < 0 ? -err : n;
}

Test(debugfs, integer_files_read_and_write)
{
	static u8 v8 = 200;
	static u16 v16 = 0xbeef;
	static u32 v32 = 7;
	static u64 v64 = 1ULL << 40;
	static unsigned long vl = 12;
	static size_t vs = 99;
	static atomic_t va = ATOMIC_INIT(-5);
	static bool vb = true;
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(debugfs_initialized());
	struct dentry *dir = debugfs_create_dir("ukdrv", NULL);
	cr_assert(!IS_ERR_OR_NULL(dir));
	debugfs_create_u8("u8", 0644, dir, &v8);
	debugfs_create_x16("x16", 0644, dir, &v16);
	debugfs_create_u32("u32", 0444, dir, &v32);
	debugfs_create_x32("x32", 0644, dir, &v32);
	debugfs_create_u64("u64", 0644, dir, &v64);
	debugfs_create_x64("x64", 0444, dir, &v64);
	debugfs_create_ulong("ulong", 0644, dir, &vl);
	debugfs_create_size_t("size_t", 0644, dir, &vs);
	debugfs_create_atomic_t("atomic", 0644, dir, &va);
	debugfs_create_bool("bool", 0644, dir, &vb);

	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/u8", buf, sizeof(buf)), "200\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/x16", buf, sizeof(buf)), "0xbeef\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/x32", buf, sizeof(buf)), "0x00000007\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/x64", buf, sizeof(buf)),
			 "0x0000010000000000\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/atomic", buf, sizeof(buf)), "-5\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/bool", buf, sizeof(buf)), "Y\n");

	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/u8", "0x11\n"), 5);
	cr_assert_eq(v8, 0x11);
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/u64", "123456789012"), 12);
	cr_assert_eq(v64, 123456789012ULL);
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/atomic", "-42"), 3);
	cr_assert_eq(atomic_read(&va), -42);
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/ulong", "nope"), -EINVAL);
	cr_assert_eq(vl, 12);
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/bool", "n"), 1);
	cr_assert_eq(vb, false);
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/bool", "maybe"), 5,
		     "Linux 6.1 takes a non-boolean write and ignores it");
	cr_assert_eq(vb, false);
	/* A read-only integer file has no set(): simple_attr_write says -EACCES. */
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/u32", "1"), -EACCES);
	cr_assert_eq(v32, 7);
	/* A read continued past the start gives the rest of the same text. */
	int fd = ukmem_open("/sys/kernel/debug/ukdrv/size_t", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_read(fd, buf, 1), 1);
	cr_assert_eq(buf[0], '9');
	vs = 5;
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 2);
	cr_assert_eq(memcmp(buf, "9\n", 2), 0);
	ukmem_close(fd);
	debugfs_remove(dir);
	cr_assert_eq(ukmem_open("/sys/kernel/debug/ukdrv/u8", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

static int list_name(void *ctx, const char *name, mode_t type)
{
	strcat(ctx, name);
	strcat(ctx, " ");
	return 0;
}

static u64 attr_value = 3;
static int attr_get(void *data, u64 *val)
{
	*val = *(u64 *)data;
	return 0;
}
static int attr_set(void *data, u64 val)
{
	if (val > 1000)
		return -ERANGE;
	*(u64 *)data = val;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(ukdrv_attr_fops, attr_get, attr_set, "%llu\n");
DEFINE_SIMPLE_ATTRIBUTE(ukdrv_simple_fops, attr_get, attr_set, "v=%llu\n");

Test(debugfs, attributes_blob_str_array_and_symlink)
{
	static char blob_data[] = "binary\0blob";
	static struct debugfs_blob_wrapper blob = { blob_data, sizeof(blob_data) };
	static char *str = "a string";
	static u32 numbers[] = { 1, 22, 333 };
	static struct debugfs_u32_array array = { numbers, 3 };
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct dentry *dir = debugfs_create_dir("ukdrv", NULL);
	cr_assert(!IS_ERR(debugfs_create_file_unsafe("attr", 0600, dir, &attr_value,
						     &ukdrv_attr_fops)));
	cr_assert(!IS_ERR(debugfs_create_file("simple", 0600, dir, &attr_value,
					      &ukdrv_simple_fops)));
	cr_assert(!IS_ERR(debugfs_create_blob("blob", 0644, dir, &blob)));
	debugfs_create_str("str", 0444, dir, &str);
	debugfs_create_u32_array("array", 0444, dir, &array);
	cr_assert(!IS_ERR(debugfs_create_symlink("link", dir, "attr")));
	cr_assert(!IS_ERR(debugfs_create_symlink("abs", NULL, "/sys/kernel/debug/ukdrv/simple")));

	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/attr", buf, sizeof(buf)), "3\n");
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/attr", "17"), 2);
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/simple", buf, sizeof(buf)), "v=17\n");
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/simple", "2000"), -ERANGE);
	cr_assert_eq(write_str("/sys/kernel/debug/ukdrv/simple", "x"), -EINVAL);
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/link", buf, sizeof(buf)), "17\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/abs", buf, sizeof(buf)), "v=17\n");
	int fd = ukmem_open("/sys/kernel/debug/ukdrv/blob", O_RDONLY);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), (ssize_t)sizeof(blob_data));
	cr_assert_eq(memcmp(buf, blob_data, sizeof(blob_data)), 0);
	ukmem_close(fd);
	cr_assert_eq(ukmem_open("/sys/kernel/debug/ukdrv/blob", O_WRONLY), 0,
		     "root may open it; there is no write method");
	cr_assert_eq(ukmem_write(0, "x", 1), -1);
	cr_assert_eq(errno, EINVAL);
	ukmem_close(0);
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/str", buf, sizeof(buf)), "a string\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/ukdrv/array", buf, sizeof(buf)), "1 22 333\n");
	cr_assert_eq(ukmem_open("/sys/kernel/debug/ukdrv", O_RDONLY), -1);
	cr_assert_eq(errno, EISDIR);

	/* The mount table lists and describes them. */
	char names[256] = "";
	cr_assert_eq(ukmem_readdir("/sys/kernel/debug/ukdrv", list_name, names), 0);
	cr_assert_str_eq(names, "attr simple blob str array link ");
	struct ukmem_stat st;
	cr_assert_eq(ukmem_stat("/sys/kernel/debug/ukdrv/blob", &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0444);
	cr_assert_eq(ukmem_stat("/sys/kernel/debug/ukdrv", &st), 0);
	cr_assert(S_ISDIR(st.mode));
	cr_assert_eq(ukmem_stat("/sys/kernel/debug/ukdrv/nonesuch", &st), -1);
	cr_assert_eq(errno, ENOENT);

	struct dentry *found = debugfs_lookup("attr", dir);
	cr_assert_not_null(found);
	cr_assert_str_eq((const char *)found->d_name.name, "attr");
	cr_assert_eq(found->d_inode->i_private, &attr_value);
	dput(found);
	cr_assert_null(debugfs_lookup("nonesuch", dir));
	debugfs_lookup_and_remove("attr", dir);
	cr_assert_null(debugfs_lookup("attr", dir));
	cr_assert_eq(ukmem_open("/sys/kernel/debug/ukdrv/link", O_RDONLY), -1, "a dangling link");
	struct dentry *moved = debugfs_lookup("simple", dir);
	cr_assert_eq(debugfs_rename(dir, moved, NULL, "renamed"), moved);
	dput(moved);
	cr_assert_str_eq(read_all("/sys/kernel/debug/renamed", buf, sizeof(buf)), "v=17\n");
	debugfs_remove(moved);
	debugfs_remove_recursive(dir);
	debugfs_remove(NULL);
	debugfs_remove(ERR_PTR(-ENOMEM));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(debugfs, duplicates_are_reported_as_linux_does)
{
	static u32 v;

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct dentry *dir = debugfs_create_dir("ukdup", NULL);
	cr_assert(!IS_ERR(debugfs_create_file("x", 0444, dir, NULL, NULL)));
	struct dentry *again = debugfs_create_file("x", 0444, dir, NULL, NULL);
	cr_assert_eq(again, ERR_PTR(-EEXIST));
	cr_assert(kmsg_contains("debugfs: File 'x' in directory 'ukdup' already present!"));
	cr_assert_eq(debugfs_create_dir("ukdup", NULL), ERR_PTR(-EEXIST));
	cr_assert(kmsg_contains("debugfs: Directory 'ukdup' with parent '/' already present!"));
	/* An error parent is handed back, so chained calls need no checks. */
	cr_assert_eq(debugfs_create_dir("sub", again), again);
	debugfs_create_u32("y", 0444, again, &v);
	cr_assert_eq(debugfs_create_file("y", 0444, dir, NULL, NULL) == ERR_PTR(-EEXIST), false);
	debugfs_remove(dir);
	ukmem_shutdown();
}

/* A driver file whose read can be held inside the driver. */
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static int reads_inside, releases;

static ssize_t slow_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	__atomic_add_fetch(&reads_inside, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&gate);
	pthread_mutex_unlock(&gate);
	ssize_t n = simple_read_from_buffer(buf, count, ppos, "data\n", 5);
	__atomic_sub_fetch(&reads_inside, 1, __ATOMIC_SEQ_CST);
	return n;
}

static int slow_release(struct inode *inode, struct file *file)
{
	__atomic_add_fetch(&releases, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static const struct file_operations slow_fops = {
	.read = slow_read, .release = slow_release, .llseek = default_llseek,
};

static void *reader(void *arg)
{
	char buf[16];

	return (void *)(intptr_t)ukmem_read((int)(intptr_t)arg, buf, sizeof(buf));
}

static void *remover(void *arg)
{
	debugfs_remove(arg);
	return NULL;
}

Test(debugfs, removal_waits_for_calls_under_way_and_open_files_get_eio)
{
	char buf[16];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct dentry *file = debugfs_create_file("slow", 0444, NULL, NULL, &slow_fops);
	cr_assert(!IS_ERR(file));
	int fd = ukmem_open("/sys/kernel/debug/slow", O_RDONLY);
	int fd2 = ukmem_open("/sys/kernel/debug/slow", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_geq(fd2, 0);

	pthread_mutex_lock(&gate);
	pthread_t r, d;
	pthread_create(&r, NULL, reader, (void *)(intptr_t)fd);
	while (!__atomic_load_n(&reads_inside, __ATOMIC_SEQ_CST))
		usleep(1000);
	pthread_create(&d, NULL, remover, file);
	/* The remover cannot finish while the read is inside the driver; the file is
	 * already gone for new opens. */
	for (int i = 0; i < 50 && ukmem_open("/sys/kernel/debug/slow", O_RDONLY) >= 0; i++)
		usleep(1000);
	cr_assert_eq(ukmem_open("/sys/kernel/debug/slow", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	usleep(20000);
	cr_assert_eq(__atomic_load_n(&reads_inside, __ATOMIC_SEQ_CST), 1, "still inside");
	pthread_mutex_unlock(&gate);
	void *ret;
	pthread_join(r, &ret);
	cr_assert_eq((ssize_t)(intptr_t)ret, 5, "the read under way completes");
	pthread_join(d, NULL);

	cr_assert_eq(ukmem_read(fd2, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EIO);
	cr_assert_eq(ukmem_lseek(fd2, 0, SEEK_SET), -1);
	cr_assert_eq(errno, EIO);
	cr_assert_eq(releases, 0);
	ukmem_close(fd);
	ukmem_close(fd2);
	cr_assert_eq(releases, 2, "release runs at each close, after removal too");
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

static void *hammer(void *arg)
{
	char buf[16];
	long ok = 0;

	for (int i = 0; i < 2000; i++) {
		int fd = ukmem_open(arg, O_RDONLY);
		if (fd < 0)
			continue;
		if (ukmem_read(fd, buf, sizeof(buf)) > 0)
			ok++;
		ukmem_close(fd);
	}
	return (void *)ok;
}

Test(debugfs, files_made_and_removed_while_threads_read_them)
{
	static u32 v = 1;

	cr_assert_eq(ukmem_boot(NULL), 0);
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, hammer, "/sys/kernel/debug/churn/v");
	for (int i = 0; i < 300; i++) {
		struct dentry *dir = debugfs_create_dir("churn", NULL);
		cr_assert(!IS_ERR(dir));
		debugfs_create_u32("v", 0444, dir, &v);
		debugfs_remove(dir);
	}
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(debugfs, ukmem_debug_files_live_there)
{
	char buf[256];

	cr_assert_eq(ukmem_boot("kmemleak=on"), 0);
	cr_assert_str_eq(read_all("/sys/kernel/debug/failslab/ignore-gfp-wait", buf, sizeof(buf)),
			 "Y\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/failslab/times", buf, sizeof(buf)), "1\n");
	cr_assert_str_eq(read_all("/sys/kernel/debug/fail_page_alloc/min-order", buf, sizeof(buf)),
			 "1\n");
	cr_assert_eq(write_str("/sys/kernel/debug/failslab/times", "-1"), 2);
	cr_assert_eq(ukmem_fault_get("failslab", "times"), -1);
	cr_assert_eq(write_str("/sys/kernel/debug/failslab/ignore-gfp-wait", "N"), 1);
	cr_assert_eq(ukmem_fault_get("failslab", "ignore-gfp-wait"), 0);
	/* Once armed, the open of a simple attribute file fails too (its kzalloc), as in
	 * Linux: the file that disarms is opened first. */
	int fd = ukmem_open("/sys/kernel/debug/failslab/probability", O_WRONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_write(fd, "100", 3), 3);
	cr_assert_eq(ukmem_fault_get("failslab", "probability"), 100);
	cr_assert_null(kmalloc(32, GFP_KERNEL), "armed through its debugfs file");
	cr_assert_eq(ukmem_write(fd, "0", 1), 1);
	ukmem_close(fd);
	void *p = kmalloc(32, GFP_KERNEL);
	cr_assert_not_null(p);
	kfree(p);

	void *leak = kmalloc(200, GFP_KERNEL);
	cr_assert_not_null(leak);
	leak = NULL;
	cr_assert_eq(write_str("/sys/kernel/debug/kmemleak", "bogus"), -EINVAL);
	cr_assert_eq(write_str("/sys/kernel/debug/kmemleak", "scan\n"), 5);
	ukmem_shutdown();
}
