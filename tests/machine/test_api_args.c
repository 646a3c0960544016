// SPDX-License-Identifier: LGPL-2.1-or-later
/* ukmem's own API with NULL and out-of-range arguments: each call returns the error its
 * header documents (EFAULT for a NULL pointer it needs, EINVAL for a bad value), never
 * crashes, and the machine works afterwards. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <ukmem.h>
#include <ukmem_inspect.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

/* A call of the system-call style: -1 and this errno. */
#define expect_errno(call, err) do {						\
	errno = 0;								\
	cr_expect_eq((long)(call), -1L, "%s", #call);				\
	cr_expect_eq(errno, (err), "%s: errno %d (%s)", #call, errno, strerror(errno)); \
} while (0)

static void expect_machine_works(void)
{
	char buf[4096];
	void *p = kmalloc(100, GFP_KERNEL);

	cr_assert_not_null(p);
	kfree(p);
	cr_assert_gt(ukmem_proc_read("/proc/meminfo", buf, sizeof(buf)), 0);
	cr_assert_eq(ukmem_report_count(), 0, "no report for bad arguments");
}

Test(api_args, views_and_knobs)
{
	char buf[64];

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	expect_errno(ukmem_proc_read(NULL, buf, sizeof(buf)), EFAULT);
	expect_errno(ukmem_proc_read("/proc/meminfo", NULL, 64), EFAULT);
	cr_expect_gt(ukmem_proc_read("/proc/meminfo", NULL, 0), 0, "NULL, 0 asks the length");
	expect_errno(ukmem_proc_read("/proc/nosuch", buf, sizeof(buf)), ENOENT);
	cr_expect_eq(ukmem_fault_set(NULL, "probability", 1), -EFAULT);
	cr_expect_eq(ukmem_fault_set("failslab", NULL, 1), -EFAULT);
	cr_expect_eq(ukmem_fault_get(NULL, "times"), -EFAULT);
	cr_expect_eq(ukmem_fault_get("failslab", NULL), -EFAULT);
	cr_expect_eq(ukmem_fault_set("failslab", "probability", -1), -EINVAL);
	cr_expect_eq(ukmem_ctl_listen(NULL), -EFAULT);
	expect_errno(ukmem_ctl_read(NULL, "/proc/meminfo", NULL, 0), EFAULT);
	cr_expect_eq(ukmem_page_census_take(NULL), -EFAULT);
	ukmem_page_census_release(NULL);
	cr_expect_eq(ukmem_ukfb_mode(NULL), -EFAULT);
	cr_expect_str_eq(ukmem_page_owner_name((enum ukmem_page_owner)-1), "?");
	cr_expect_str_eq(ukmem_page_owner_name((enum ukmem_page_owner)100000), "?");
	cr_expect_str_eq(ukmem_migratetype_name((enum ukmem_migratetype)-1), "?");
	cr_expect_str_eq(ukmem_migratetype_name(UKMEM_NR_MIGRATETYPES), "?");
	expect_machine_works();
	ukmem_shutdown();
}

Test(api_args, device_models)
{
	struct ukmem_port_device nameless = { .base = 0x300, .nr_ports = 4, .widths = 1 };
	struct ukmem_port_device no_ports = { .name = "x", .base = 0x300, .nr_ports = 0 };
	struct ukmem_mmio_device mmio_nameless = { .base = 0xd0000000, .size = 4096 };

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_expect_eq(ukmem_port_attach(NULL), -EFAULT);
	cr_expect_eq(ukmem_port_attach(&nameless), -EINVAL);
	cr_expect_eq(ukmem_port_attach(&no_ports), -EINVAL);
	ukmem_port_detach(NULL);
	cr_expect_eq(ukmem_dev_attach(NULL), -EFAULT);
	cr_expect_eq(ukmem_dev_attach("nosuchdevice@0x100"), -EINVAL);
	cr_expect_eq(ukmem_dev_attach("uart@zzz"), -EINVAL);
	cr_expect_eq(ukmem_mmio_attach(NULL), -EFAULT);
	cr_expect_eq(ukmem_mmio_attach(&mmio_nameless), -EINVAL);
	ukmem_mmio_detach(NULL);
	cr_expect_null(ukmem_mmio_memory(NULL));
	ukmem_irq_set_level(100000, true);		/* out of range: ignored */
	ukmem_irq_raise(100000);
	cr_expect_eq(ukmem_msi_write(0, 0), false);
	expect_machine_works();
	ukmem_shutdown();
}

/* /dev/zero-like: reads give zeros, writes are taken in; both copy, as drivers do (the
 * user pointer is checked by the copy: read(2) itself takes NULL, as on Linux). */
static ssize_t sink_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	static const char zeros[64];

	count = min(count, sizeof(zeros));
	return copy_to_user(buf, zeros, count) ? -EFAULT : (ssize_t)count;
}

static ssize_t sink_write(struct file *file, const char __user *buf, size_t count,
			  loff_t *pos)
{
	char taken[64];

	count = min(count, sizeof(taken));
	return copy_from_user(taken, buf, count) ? -EFAULT : (ssize_t)count;
}

static const struct file_operations sink_fops = {
	.owner = THIS_MODULE,
	.read = sink_read,
	.write = sink_write,
	.llseek = default_llseek,
};

static struct miscdevice sink = {
	.minor = MISC_DYNAMIC_MINOR, .name = "sink", .fops = &sink_fops,
};

static int count_entries(void *ctx, const char *name, mode_t type)
{
	(*(int *)ctx)++;
	return 0;
}

Test(api_args, files)
{
	struct ukmem_stat st;
	char buf[64];
	int n = 0;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	expect_errno(ukmem_mknod(NULL, S_IFCHR | 0600, 0), EFAULT);
	expect_errno(ukmem_unlink(NULL), EFAULT);
	expect_errno(ukmem_open(NULL, O_RDONLY), EFAULT);
	expect_errno(ukmem_stat(NULL, &st), EFAULT);
	expect_errno(ukmem_stat("/proc/meminfo", NULL), EFAULT);
	expect_errno(ukmem_lstat(NULL, &st), EFAULT);
	expect_errno(ukmem_readlink(NULL, buf, sizeof(buf)), EFAULT);
	expect_errno(ukmem_readlink("/sys", NULL, 8), EFAULT);
	expect_errno(ukmem_readdir(NULL, count_entries, &n), EFAULT);
	expect_errno(ukmem_readdir("/dev", NULL, &n), EFAULT);
	expect_errno(ukmem_close(-1), EBADF);
	expect_errno(ukmem_close(1 << 20), EBADF);
	expect_errno(ukmem_read(-1, buf, 1), EBADF);
	expect_errno(ukmem_write(12345, buf, 1), EBADF);
	expect_errno(ukmem_readv(-1, NULL, 1), EBADF);
	expect_errno(ukmem_poll(NULL, 1, 0), EFAULT);
	cr_expect_eq(ukmem_poll(NULL, 0, 0), 0);

	cr_assert_eq(misc_register(&sink), 0);
	int fd = ukmem_open("/dev/sink", O_RDWR);
	cr_assert_geq(fd, 0, "%s", strerror(errno));
	expect_errno(ukmem_read(fd, NULL, 10), EFAULT);
	expect_errno(ukmem_write(fd, NULL, 10), EFAULT);
	expect_errno(ukmem_readv(fd, NULL, 1), EFAULT);
	expect_errno(ukmem_writev(fd, NULL, 1), EFAULT);
	expect_errno(ukmem_readv(fd, (struct iovec *)buf, -1), EINVAL);
	expect_errno(ukmem_lseek(fd, 0, 42), EINVAL);
	cr_expect_eq(ukmem_close(fd), 0);
	expect_errno(ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0) == MAP_FAILED ? -1 : 0, EBADF);
	expect_errno(ukmem_munmap(NULL, 4096), EINVAL);
	misc_deregister(&sink);
	expect_machine_works();
	ukmem_shutdown();
}

Test(api_args, modules)
{
	char buf[64];

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_expect_eq(ukmem_module_load(NULL, NULL), -EFAULT);
	cr_expect_eq(ukmem_module_load("/nonexistent/x.ko", NULL), -ENOENT);
	cr_expect_eq(ukmem_module_unload(NULL), -EFAULT);
	cr_expect_eq(ukmem_module_unload("nosuchmodule"), -ENOENT);
	cr_expect_eq(ukmem_modinfo(NULL, buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(ukmem_modinfo("/etc/hostname", NULL, 8), -EFAULT);
	expect_machine_works();
	ukmem_shutdown();
}
