// SPDX-License-Identifier: LGPL-2.1-or-later
/* procfs for drivers: directories that nest (/proc/ukdrv/sub/file), files made from
 * proc_ops, single show functions and seq_operations, read and written through
 * ukmem_open/read/write and ukmem_proc_read; remove_proc_subtree; a duplicate name
 * refused with Linux's WARN; a file removed while open answering -EIO, its release run
 * once; symlinks; ukmem's own views in the same registry. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include "kmsg.h"

static int hello_show(struct seq_file *m, void *v)
{
	seq_printf(m, "hello %s\n", (const char *)m->private);
	return 0;
}

Test(procfs, nested_directories_and_remove_proc_subtree)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct proc_dir_entry *dir = proc_mkdir("ukdrv", NULL);
	cr_assert_not_null(dir);
	struct proc_dir_entry *sub = proc_mkdir_data("sub", 0, dir, "dirdata");
	cr_assert_not_null(sub);
	cr_assert_not_null(proc_create_single_data("a", 0, dir, hello_show, "a"));
	cr_assert_not_null(proc_create_single_data("b", 0444, sub, hello_show, "b"));
	cr_assert_not_null(proc_create_single_data("ukdrv/sub/c", 0, NULL, hello_show, "c"),
			   "a name may reach into existing directories");
	char *text = proc_text("/proc/ukdrv/a");
	cr_assert_str_eq(text, "hello a\n");
	free(text);
	text = proc_text("/proc/ukdrv/sub/b");
	cr_assert_str_eq(text, "hello b\n");
	free(text);
	text = proc_text("/proc/ukdrv/sub/c");
	cr_assert_str_eq(text, "hello c\n");
	free(text);
	cr_assert_eq(ukmem_open("/proc/ukdrv/sub", O_RDONLY), -1);
	cr_assert_eq(errno, EISDIR);
	cr_assert_eq(remove_proc_subtree("ukdrv", NULL), 0);
	char buf[8];
	cr_assert_eq(ukmem_proc_read("/proc/ukdrv/sub/b", buf, sizeof(buf)), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_open("/proc/ukdrv/a", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(remove_proc_subtree("ukdrv", NULL), -ENOENT);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(procfs, duplicate_names_are_refused_with_the_kernel_warning)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct proc_dir_entry *dir = proc_mkdir("ukdup", NULL);
	cr_assert_not_null(proc_create_single_data("x", 0, dir, hello_show, "1"));
	cr_assert_null(proc_create_single_data("x", 0, dir, hello_show, "2"));
	cr_assert(kmsg_contains("proc_dir_entry 'ukdup/x' already registered"));
	cr_assert_null(proc_mkdir("ukdup", NULL));
	cr_assert(kmsg_contains("proc_dir_entry '/proc/ukdup' already registered"));
	cr_assert_null(proc_create_single_data("meminfo", 0, NULL, hello_show, "3"),
		       "ukmem's own views are entries of the same registry");
	cr_assert(kmsg_contains("proc_dir_entry '/proc/meminfo' already registered"));
	char *text = proc_text("/proc/ukdup/x");
	cr_assert_str_eq(text, "hello 1\n", "the first one stays");
	free(text);
	remove_proc_entry("nope", dir);
	cr_assert(kmsg_contains("name 'nope'"));
	cr_assert_null(proc_create_single_data("missing/y", 0, NULL, hello_show, NULL));
	cr_assert(kmsg_contains("name 'missing/y'"));
	cr_assert_null(proc_create_single_data("123", 0, NULL, hello_show, NULL));
	cr_assert(kmsg_contains("create '/proc/123' by hand"));
	remove_proc_entry("x", dir);
	remove_proc_entry("ukdup", NULL);
	ukmem_shutdown();
}

/* ---- a proc_ops file: a small buffer, written and read, its release counted ---- */

struct box {
	char data[64];
	size_t len;
	int releases;
};

static int box_open(struct inode *inode, struct file *file)
{
	file->private_data = pde_data(inode);
	return 0;
}

static ssize_t box_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct box *box = file->private_data;

	return simple_read_from_buffer(buf, count, ppos, box->data, box->len);
}

static ssize_t box_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct box *box = file->private_data;
	ssize_t n = simple_write_to_buffer(box->data, sizeof(box->data), ppos, buf, count);

	if (n > 0 && (size_t)*ppos > box->len)
		box->len = (size_t)*ppos;
	return n;
}

static int box_release(struct inode *inode, struct file *file)
{
	((struct box *)file->private_data)->releases++;
	return 0;
}

static const struct proc_ops box_ops = {
	.proc_open = box_open,
	.proc_read = box_read,
	.proc_write = box_write,
	.proc_lseek = default_llseek,
	.proc_release = box_release,
};

Test(procfs, proc_ops_file_written_and_read_with_pde_data)
{
	struct box box = { .data = "boxed\n", .len = 6 };
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct proc_dir_entry *dir = proc_mkdir("driver", NULL);
	struct proc_dir_entry *de = proc_create_data("ukbox", 0644, dir, &box_ops, &box);
	cr_assert_not_null(de);
	proc_set_size(de, 64);
	int fd = ukmem_open("/proc/driver/ukbox", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 6);
	cr_assert(!memcmp(buf, "boxed\n", 6));
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), 0);
	cr_assert_eq(ukmem_write(fd, "BOX", 3), 3);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_END), 64, "default_llseek ends at proc_set_size");
	cr_assert_eq(ukmem_pread(fd, buf, 6, 0), 6);
	cr_assert(!memcmp(buf, "BOXed\n", 6));
	cr_assert_eq(ukmem_lseek(fd, 1, SEEK_SET), 1);
	cr_assert_eq(ukmem_read(fd, NULL, 4), -1);
	cr_assert_eq(errno, EFAULT, "a bad user pointer is EFAULT, nothing is corrupted");
	cr_assert_eq(ukmem_pread(fd, buf, 6, 0), 6);
	cr_assert(!memcmp(buf, "BOXed\n", 6));
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(box.releases, 1);
	char *text = proc_text("/proc/driver/ukbox");
	cr_assert_str_eq(text, "BOXed\n");
	free(text);
	cr_assert_eq(box.releases, 3, "proc_text opens it twice (length, then text)");
	proc_remove(dir);
	ukmem_shutdown();
}

Test(procfs, a_file_removed_while_open_reads_eio_and_is_released_once)
{
	struct box box = { .data = "abc", .len = 3 };
	char buf[8];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_not_null(proc_create_data("ukgone", 0666, NULL, &box_ops, &box));
	int fd = ukmem_open("/proc/ukgone", O_RDWR);
	cr_assert_eq(ukmem_read(fd, buf, 1), 1);
	remove_proc_entry("ukgone", NULL);
	cr_assert_eq(box.releases, 1, "removal runs the release of files still open");
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EIO);
	cr_assert_eq(ukmem_write(fd, "x", 1), -1);
	cr_assert_eq(errno, EIO);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(box.releases, 1, "and the close does not run it again");
	cr_assert_eq(ukmem_open("/proc/ukgone", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_not_null(proc_create_data("ukgone", 0666, NULL, &box_ops, &box),
			   "the name is free again");
	remove_proc_entry("ukgone", NULL);
	ukmem_shutdown();
}

/* Readers in other threads while the entry goes away: no crash, each read either data
 * or -EIO. */
static void *reader(void *arg)
{
	int fd = *(int *)arg;
	char buf[4];

	for (int i = 0; i < 20000; i++) {
		ssize_t n = ukmem_pread(fd, buf, sizeof(buf), 0);

		if (n < 0) {
			cr_assert_eq(errno, EIO);
			break;
		}
	}
	return NULL;
}

Test(procfs, removal_races_with_readers)
{
	struct box box = { .data = "abc", .len = 3 };
	pthread_t threads[2];
	int fds[2];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_not_null(proc_create_data("ukrace", 0444, NULL, &box_ops, &box));
	for (int i = 0; i < 2; i++) {
		fds[i] = ukmem_open("/proc/ukrace", O_RDONLY);
		pthread_create(&threads[i], NULL, reader, &fds[i]);
	}
	usleep(1000);
	remove_proc_entry("ukrace", NULL);
	for (int i = 0; i < 2; i++) {
		pthread_join(threads[i], NULL);
		ukmem_close(fds[i]);
	}
	cr_assert_eq(box.releases, 2);
	ukmem_shutdown();
}

static const struct proc_ops noseek_ops = {
	.proc_open = box_open,
	.proc_read = box_read,
};

Test(procfs, symlinks_and_files_without_lseek)
{
	struct box box = { .data = "linked\n", .len = 7 };

	cr_assert_eq(ukmem_boot(NULL), 0);
	struct proc_dir_entry *dir = proc_mkdir("uklink", NULL);
	cr_assert_not_null(proc_create_data("target", 0, dir, &noseek_ops, &box));
	cr_assert_not_null(proc_symlink("rel", dir, "target"));
	cr_assert_not_null(proc_symlink("uklink-abs", NULL, "/proc/uklink/target"));
	char *text = proc_text("/proc/uklink/rel");
	cr_assert_str_eq(text, "linked\n");
	free(text);
	text = proc_text("/proc/uklink-abs");
	cr_assert_str_eq(text, "linked\n");
	free(text);
	int fd = ukmem_open("/proc/uklink/target", O_RDONLY);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), -1, "no proc_lseek: not seekable");
	cr_assert_eq(errno, ESPIPE);
	cr_assert_eq(ukmem_write(fd, "x", 1), -1);
	cr_assert_eq(errno, EBADF);
	ukmem_close(fd);
	remove_proc_entry("uklink-abs", NULL);
	remove_proc_subtree("uklink", NULL);
	ukmem_shutdown();
}

Test(procfs, ukmem_views_open_as_files)
{
	char buf[4096];

	cr_assert_eq(ukmem_boot(NULL), 0);
	int fd = ukmem_open("/proc/devices", O_RDONLY);
	cr_assert_geq(fd, 0);
	ssize_t n = ukmem_read(fd, buf, sizeof(buf) - 1);
	cr_assert_gt(n, 0);
	buf[n] = '\0';
	char *text = proc_text("/proc/devices");
	cr_assert_str_eq(buf, text);
	free(text);
	ukmem_close(fd);
	fd = ukmem_open("/dev/kmsg", O_RDONLY);
	cr_assert_geq(fd, 0, "views outside /proc open too");
	cr_assert_gt(ukmem_read(fd, buf, 16), 0);
	ukmem_close(fd);
	ukmem_shutdown();
}
