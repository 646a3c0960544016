// SPDX-License-Identifier: LGPL-2.1-or-later
/* Character devices end to end: number registration and /proc/devices, nodes, the scull
 * example through ukmem_open/read/write/lseek/ioctl, misc devices, the kernel's errors
 * for each system call, and user pointers checked by the copies (a bad one is -EFAULT,
 * never a crash). */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/cdev.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "kmsg.h"

#include "../../examples/chardev/scull.c"

static void boot_with_scull(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(scull_init(), 0);
	cr_assert_eq(ukmem_mknod("/dev/scull0", S_IFCHR | 0666, makedev(scull_major, 0)), 0);
	cr_assert_eq(ukmem_mknod("/dev/scull1", S_IFCHR | 0666, makedev(scull_major, 1)), 0);
}

static void unload_scull(void)
{
	scull_exit();
	cr_assert_eq(ukmem_unlink("/dev/scull0"), 0);
	cr_assert_eq(ukmem_unlink("/dev/scull1"), 0);
}

Test(chardev, proc_devices_lists_misc_and_dynamic_majors)
{
	boot_with_scull();
	cr_assert_eq(scull_major, 254, "dynamic majors start at 254, as in Linux");
	char *text = proc_text("/proc/devices");
	cr_assert_str_eq(text, "Character devices:\n 10 misc\n254 scull\n\nBlock devices:\n");
	free(text);
	unload_scull();
	text = proc_text("/proc/devices");
	cr_assert_str_eq(text, "Character devices:\n 10 misc\n\nBlock devices:\n");
	free(text);
	ukmem_shutdown();
}

Test(chardev, region_rules)
{
	dev_t dev;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(register_chrdev_region(MKDEV(200, 0), 4, "a"), 0);
	cr_assert_eq(register_chrdev_region(MKDEV(200, 3), 2, "b"), -EBUSY, "overlap");
	cr_assert_eq(register_chrdev_region(MKDEV(200, 4), 2, "c"), 0, "adjacent is fine");
	cr_assert_eq(register_chrdev_region(MKDEV(512, 0), 1, "big"), -EINVAL);
	cr_assert(kmsg_contains("CHRDEV \"big\" major requested (512) is greater than the maximum (511)"));
	cr_assert_eq(alloc_chrdev_region(&dev, 0, 1, "d1"), 0);
	cr_assert_eq(MAJOR(dev), 254);
	cr_assert_eq(alloc_chrdev_region(&dev, 0, 1, "d2"), 0);
	cr_assert_eq(MAJOR(dev), 253);
	int major = register_chrdev(0, "e", &scull_fops);
	cr_assert_eq(major, 252);
	char *text = proc_text("/proc/devices");
	cr_assert_str_eq(text, "Character devices:\n 10 misc\n200 a\n200 c\n252 e\n253 d2\n"
			       "254 d1\n\nBlock devices:\n");
	free(text);
	unregister_chrdev(major, "e");
	unregister_chrdev_region(MKDEV(200, 0), 4);
	unregister_chrdev_region(MKDEV(200, 4), 2);
	cr_assert_eq(register_chrdev_region(MKDEV(200, 0), 6, "a"), 0, "freed again");
	ukmem_shutdown();
}

Test(chardev, scull_write_read_lseek)
{
	char buf[64] = { 0 };
	boot_with_scull();
	int fd = ukmem_open("/dev/scull0", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_write(fd, "hello, scull", 12), 12);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_CUR), 12);
	cr_assert_eq(ukmem_lseek(fd, 7, SEEK_SET), 7);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 5);
	cr_assert_str_eq(buf, "scull");
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 0, "end of file");
	cr_assert_eq(ukmem_lseek(fd, -5, SEEK_END), 7);
	cr_assert_eq(ukmem_lseek(fd, -13, SEEK_END), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_lseek(fd, 0, 42), -1);
	cr_assert_eq(errno, EINVAL);

	/* Data across quanta: a write stops at a quantum's end, as scull's does. */
	static char big[10000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), 0);
	size_t done = 0;
	while (done < sizeof(big)) {
		ssize_t n = ukmem_write(fd, big + done, sizeof(big) - done);
		cr_assert_gt(n, 0);
		done += (size_t)n;
	}
	static char back[10000];
	int fd2 = ukmem_open("/dev/scull0", O_RDONLY);
	done = 0;
	while (done < sizeof(back)) {
		ssize_t n = ukmem_read(fd2, back + done, sizeof(back) - done);
		cr_assert_gt(n, 0);
		done += (size_t)n;
	}
	cr_assert_eq(memcmp(big, back, sizeof(big)), 0);
	cr_assert_eq(ukmem_close(fd2), 0);

	/* The other device is separate; opening write-only empties a device. */
	int fd1 = ukmem_open("/dev/scull1", O_RDONLY);
	cr_assert_eq(ukmem_read(fd1, buf, 4), 0);
	cr_assert_eq(ukmem_close(fd1), 0);
	cr_assert_eq(ukmem_close(fd), 0);
	fd = ukmem_open("/dev/scull0", O_WRONLY);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_END), 0, "trimmed");
	cr_assert_eq(ukmem_close(fd), 0);
	unload_scull();
	ukmem_shutdown();
}

Test(chardev, scull_ioctls)
{
	int q = 0;
	boot_with_scull();
	int fd = ukmem_open("/dev/scull0", O_RDWR);
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCQQUANTUM, 0), 4000);
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCTQUANTUM, 100), 0);
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCGQUANTUM, (unsigned long)&q), 0);
	cr_assert_eq(q, 100);
	q = 64;
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCSQUANTUM, (unsigned long)&q), 0);
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCQQUANTUM, 0), 64);
	cr_assert_eq(ukmem_write(fd, "0123456789", 10), 10);
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCTQUANTUM, 8), -1, "data laid out already");
	cr_assert_eq(errno, EBUSY);
	/* A bad user pointer is EFAULT, never a crash. */
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCSQUANTUM, 0), -1);
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCGQUANTUM, 8), -1);
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(ukmem_ioctl(fd, _IO('x', 1), 0), -1);
	cr_assert_eq(errno, ENOTTY);
	cr_assert_eq(ukmem_ioctl(fd, SCULL_IOCQQUANTUM, 0), 64, "unchanged");
	ukmem_close(fd);
	unload_scull();
	ukmem_shutdown();
}

Test(chardev, system_call_errors)
{
	char buf[8];
	boot_with_scull();
	cr_assert_eq(ukmem_open("/dev/nothing", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_open("/tmp/scull0", O_RDONLY), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_mknod("/dev/orphan", S_IFCHR | 0600, makedev(123, 0)), 0);
	cr_assert_eq(ukmem_open("/dev/orphan", O_RDONLY), -1, "no driver behind the number");
	cr_assert_eq(errno, ENXIO);
	cr_assert_eq(ukmem_mknod("/dev/orphan", S_IFCHR | 0600, makedev(123, 0)), -1);
	cr_assert_eq(errno, EEXIST);
	cr_assert_eq(ukmem_mknod("/dev/blk", S_IFBLK | 0600, makedev(8, 0)), -1);
	cr_assert_eq(errno, EINVAL);

	int fd = ukmem_open("/dev/scull0", O_RDONLY);
	cr_assert_eq(fd, 0, "ukmem's descriptors are its own, lowest first");
	cr_assert_eq(ukmem_write(fd, "x", 1), -1);
	cr_assert_eq(errno, EBADF, "not open for writing");
	cr_assert_eq(ukmem_read(fd, NULL, 4), 0, "empty device: nothing to copy");
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(ukmem_close(fd), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_read(77, buf, 1), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_read(-1, buf, 1), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_lseek(5000, 0, SEEK_SET), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_ioctl(9, 0, 0), -1);
	cr_assert_eq(errno, EBADF);

	/* Bad buffers: the driver's copy fails with EFAULT and nothing is corrupted. */
	fd = ukmem_open("/dev/scull0", O_RDWR);
	cr_assert_eq(ukmem_write(fd, (void *)16, 6), -1);
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_END), 0, "a failed write stores nothing");
	cr_assert_eq(ukmem_write(fd, "abcdef", 6), 6);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), 0);
	cr_assert_eq(ukmem_read(fd, NULL, 6), -1);
	cr_assert_eq(errno, EFAULT);
	void *kernel = kmalloc(64, GFP_KERNEL);
	cr_assert_eq(ukmem_read(fd, kernel, 6), -1, "a kernel address is not a user address");
	cr_assert_eq(errno, EFAULT);
	kfree(kernel);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_CUR), 0, "failed calls leave the position");
	cr_assert_eq(ukmem_read(fd, buf, 6), 6);
	cr_assert_eq(memcmp(buf, "abcdef", 6), 0);
	ukmem_close(fd);
	unload_scull();
	ukmem_shutdown();
}

static int misc_opens, misc_releases;
static void *misc_private_seen;

static int misc_test_open(struct inode *inode, struct file *file)
{
	misc_opens++;
	misc_private_seen = file->private_data;
	return 0;
}

static int misc_test_release(struct inode *inode, struct file *file)
{
	misc_releases++;
	return 0;
}

static const struct file_operations misc_test_fops = {
	.open = misc_test_open,
	.release = misc_test_release,
};

Test(chardev, misc_devices)
{
	struct miscdevice a = { .minor = MISC_DYNAMIC_MINOR, .name = "misc_a", .fops = &misc_test_fops };
	struct miscdevice b = { .minor = MISC_DYNAMIC_MINOR, .name = "misc_b", .fops = &misc_test_fops };
	struct miscdevice fixed = { .minor = 130, .name = "fixed", .fops = &misc_test_fops };
	struct miscdevice clash = { .minor = 130, .name = "clash", .fops = &misc_test_fops };
	char buf[4];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(misc_register(&a), 0);
	cr_assert_eq(misc_register(&b), 0);
	cr_assert_eq(a.minor, 127, "dynamic misc minors count down from 127");
	cr_assert_eq(b.minor, 126);
	cr_assert_eq(misc_register(&fixed), 0);
	cr_assert_eq(misc_register(&clash), -EBUSY);
	int fd = ukmem_open("/dev/misc_b", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(misc_private_seen, &b, "the miscdevice is in private_data at open");
	cr_assert_eq(ukmem_read(fd, buf, 4), -1);
	cr_assert_eq(errno, EINVAL, "no read operation");
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), -1);
	cr_assert_eq(errno, ESPIPE, "no llseek operation");
	cr_assert_eq(ukmem_ioctl(fd, 1, 0), -1);
	cr_assert_eq(errno, ENOTTY);
	misc_deregister(&b);
	cr_assert_eq(ukmem_open("/dev/misc_b", O_RDWR), -1, "the node went with the device");
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(misc_releases, 0, "an open file outlives its device's registration");
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(misc_releases, 1);
	cr_assert_eq(misc_register(&b), 0);
	cr_assert_eq(b.minor, 126, "the minor was given back");
	misc_deregister(&a);
	misc_deregister(&b);
	misc_deregister(&fixed);
	cr_assert_eq(misc_opens, 1);
	ukmem_shutdown();
}

Test(chardev, shutdown_closes_what_is_open)
{
	struct miscdevice a = { .minor = MISC_DYNAMIC_MINOR, .name = "left_open", .fops = &misc_test_fops };

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(misc_register(&a), 0);
	cr_assert_geq(ukmem_open("/dev/left_open", O_RDONLY), 0);
	cr_assert_geq(ukmem_open("/dev/left_open", O_RDONLY), 0);
	ukmem_shutdown();
	cr_assert_eq(misc_releases, 2, "a process exit closes its files");
}

/* ---- llseek helpers ---- */

static int sized_open(struct inode *inode, struct file *file)
{
	i_size_write(inode, 1000);
	return 0;
}

static int unseekable_open(struct inode *inode, struct file *file)
{
	return nonseekable_open(inode, file);
}

Test(chardev, llseek_helpers)
{
	const struct file_operations dflt = { .open = sized_open, .llseek = default_llseek };
	const struct file_operations noop = { .llseek = noop_llseek };
	const struct file_operations none = { .llseek = no_llseek };
	const struct file_operations unseekable = { .open = unseekable_open, .llseek = default_llseek };
	struct miscdevice d[4] = {
		{ .minor = MISC_DYNAMIC_MINOR, .name = "dflt", .fops = &dflt },
		{ .minor = MISC_DYNAMIC_MINOR, .name = "noop", .fops = &noop },
		{ .minor = MISC_DYNAMIC_MINOR, .name = "none", .fops = &none },
		{ .minor = MISC_DYNAMIC_MINOR, .name = "unseekable", .fops = &unseekable },
	};

	cr_assert_eq(ukmem_boot(NULL), 0);
	for (int i = 0; i < 4; i++)
		cr_assert_eq(misc_register(&d[i]), 0);
	int fd = ukmem_open("/dev/dflt", O_RDONLY);
	cr_assert_eq(ukmem_lseek(fd, -10, SEEK_END), 990);
	cr_assert_eq(ukmem_lseek(fd, 5, SEEK_CUR), 995);
	cr_assert_eq(ukmem_lseek(fd, 5, SEEK_HOLE), 1000);
	cr_assert_eq(ukmem_lseek(fd, 1000, SEEK_DATA), -1);
	cr_assert_eq(errno, ENXIO);
	cr_assert_eq(ukmem_lseek(fd, -1, SEEK_SET), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_CUR), 1000, "failures leave the position");
	cr_assert_eq(ukmem_lseek(fd, 1L << 40, SEEK_SET), 1L << 40, "past the end is allowed");
	/* Sums past LLONG_MAX wrap negative, as in the kernel, and are refused. */
	cr_assert_eq(ukmem_lseek(fd, LLONG_MAX, SEEK_CUR), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_lseek(fd, LLONG_MAX, SEEK_END), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_CUR), 1L << 40);
	ukmem_close(fd);
	fd = ukmem_open("/dev/noop", O_RDONLY);
	cr_assert_eq(ukmem_lseek(fd, 77, SEEK_SET), 0, "noop_llseek keeps the position");
	ukmem_close(fd);
	fd = ukmem_open("/dev/none", O_RDONLY);
	cr_assert_eq(ukmem_lseek(fd, 77, SEEK_SET), -1);
	cr_assert_eq(errno, ESPIPE);
	ukmem_close(fd);
	fd = ukmem_open("/dev/unseekable", O_RDONLY);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), -1, "nonseekable_open");
	cr_assert_eq(errno, ESPIPE);
	ukmem_close(fd);
	for (int i = 0; i < 4; i++)
		misc_deregister(&d[i]);
	ukmem_shutdown();
}

/* ---- user copies ---- */

Test(uaccess, access_ok_refuses_kernel_ranges)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char stack[16];
	void *k = kmalloc(32, GFP_KERNEL);
	void *v = vmalloc(8192);
	cr_assert(access_ok(stack, sizeof(stack)));
	cr_assert(access_ok(NULL, 0));
	cr_assert(!access_ok(k, 1));
	cr_assert(!access_ok(v, 1));
	cr_assert(!access_ok((char *)k - 4096, 8192), "a range reaching into the direct map");
	cr_assert(!access_ok((void *)~0UL, 2), "wraps");
	cr_assert(!access_ok((void *)(1UL << 47), 1), "above user space");
	kfree(k);
	vfree(v);
	ukmem_shutdown();
}

static DEFINE_PER_CPU(long, uaccess_counter);

/* The kernel's own data beside the direct map and vmalloc: struct pages, per-CPU units. */
Test(uaccess, access_ok_refuses_mem_map_and_per_cpu_data)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void *k = kmalloc(32, GFP_KERNEL);
	struct page *page = virt_to_page(k);

	cr_assert(!access_ok(page, sizeof(*page)));
	cr_assert(!access_ok(mem_map, 1));
	cr_assert(!access_ok((char *)mem_map - 8, 16), "a range reaching into mem_map");
	cr_assert(!access_ok(this_cpu_ptr(&uaccess_counter), sizeof(long)));
	cr_assert(!access_ok(per_cpu_ptr(&uaccess_counter, nr_cpu_ids - 1), sizeof(long)));
	kfree(k);
	ukmem_shutdown();
}

/* A read() into a struct page is -EFAULT and leaves the page as it was; a write() from
 * one stores nothing. */
Test(uaccess, read_into_mem_map_is_efault)
{
	boot_with_scull();
	int fd = ukmem_open("/dev/scull0", O_RDWR);
	void *k = kmalloc(32, GFP_KERNEL);
	struct page *page = virt_to_page(k), before;

	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_write(fd, "0123456789abcdef0123456789abcdef", 32), 32);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), 0);
	memcpy(&before, page, sizeof(before));
	cr_assert_eq(ukmem_read(fd, page, sizeof(*page)), -1);
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(memcmp(&before, page, sizeof(before)), 0, "the struct page was written");
	cr_assert_eq(ukmem_write(fd, page, sizeof(*page)), -1);
	cr_assert_eq(errno, EFAULT);
	kfree(k);
	ukmem_close(fd);
	unload_scull();
	ukmem_shutdown();
}

/* A handler the program installs after ukmem's, without SA_NODEFER, that passes the
 * fault on to ukmem's (as libFuzzer's does): ukmem's runs with SIGSEGV blocked. */
static struct sigaction ukmem_action;

static void chaining_handler(int sig, siginfo_t *info, void *ucontext)
{
	ukmem_action.sa_sigaction(sig, info, ucontext);
}

Test(uaccess, faults_passed_on_by_a_later_handler_are_fixed_up_every_time)
{
	struct sigaction mine = { .sa_sigaction = chaining_handler, .sa_flags = SA_SIGINFO };
	long page = sysconf(_SC_PAGESIZE);
	char src[64] = "k";

	cr_assert_eq(ukmem_boot(NULL), 0);
	char *hole = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cr_assert_neq(hole, MAP_FAILED);
	sigemptyset(&mine.sa_mask);
	cr_assert_eq(sigaction(SIGSEGV, &mine, &ukmem_action), 0);
	cr_assert(ukmem_action.sa_flags & SA_SIGINFO, "ukmem's handler is installed");
	/* The second fault came while SIGSEGV was still blocked, and killed the process. */
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(copy_to_user(hole, src, sizeof(src)), sizeof(src));
		cr_assert_eq(copy_from_user(src, hole, sizeof(src)), sizeof(src));
	}
	cr_assert_eq(sigaction(SIGSEGV, &ukmem_action, NULL), 0);
	munmap(hole, page);
	ukmem_shutdown();
}

Test(uaccess, copies_stop_at_the_first_bad_byte)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	long page = sysconf(_SC_PAGESIZE);
	char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cr_assert_neq(two, MAP_FAILED);
	cr_assert_eq(munmap(two + page, page), 0);
	char src[64], dst[64];
	memset(src, 'k', sizeof(src));

	/* 10 bytes fit before the hole. */
	cr_assert_eq(copy_to_user(two + page - 10, src, 64), 54);
	cr_assert_eq(memcmp(two + page - 10, src, 10), 0);
	memset(dst, 'x', sizeof(dst));
	cr_assert_eq(copy_from_user(dst, two + page - 10, 64), 54);
	cr_assert_eq(memcmp(dst, src, 10), 0);
	cr_assert_eq(dst[10], 0, "the rest of the kernel buffer is zeroed");
	cr_assert_eq(dst[63], 0);

	/* Read-only user memory takes no writes. */
	cr_assert_eq(mprotect(two, page, PROT_READ), 0);
	cr_assert_eq(copy_to_user(two, src, 4), 4);
	cr_assert_eq(clear_user(two, 4), 4);

	int v = 5;
	cr_assert_eq(get_user(v, (int *)NULL), -EFAULT);
	cr_assert_eq(v, 0, "get_user zeroes on failure");
	cr_assert_eq(put_user(7, (int *)two), -EFAULT);
	cr_assert_eq(mprotect(two, page, PROT_READ | PROT_WRITE), 0);
	cr_assert_eq(put_user(7, (int *)two), 0);
	cr_assert_eq(get_user(v, (int *)two), 0);
	cr_assert_eq(v, 7);
	cr_assert_eq(clear_user(two, 8), 0);
	cr_assert_eq(*(int *)two, 0);

	char name[16];
	strcpy(two + page - 6, "abc");
	cr_assert_eq(strncpy_from_user(name, two + page - 6, sizeof(name)), 3);
	cr_assert_str_eq(name, "abc");
	memset(two + page - 6, 'z', 6);
	cr_assert_eq(strncpy_from_user(name, two + page - 6, sizeof(name)), -EFAULT,
		     "the string runs into the hole");
	cr_assert_eq(strnlen_user(two + page - 6, 100), 0);
	cr_assert_eq(strncpy_from_user(name, two + page - 6, 4), 4, "count reached first");
	munmap(two, page);
	ukmem_shutdown();
}

/* ---- concurrency ---- */

static void *reader(void *arg)
{
	char buf[16];
	for (int i = 0; i < 2000; i++) {
		int fd = ukmem_open("/dev/scull1", O_RDONLY);
		if (fd < 0)
			return (void *)1L;
		if (ukmem_read(fd, buf, 5) != 5 || memcmp(buf, "steady", 5)) {
			ukmem_close(fd);
			return (void *)2L;
		}
		ukmem_close(fd);
	}
	return NULL;
}

/* A file still open when its driver goes: cdev_del() lets go of the file's hold on the
 * cdev, which sits in the driver's kfree'd scull_dev; closing the file later (here at
 * shutdown, as a process exit would) must not touch it. ASan builds poison the freed
 * object, so a late touch is a use-after-poison report there. */
Test(chardev, a_file_open_when_its_driver_goes_touches_nothing_freed)
{
	boot_with_scull();
	int fd = ukmem_open("/dev/scull1", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_write(fd, "left open", 9), 9);
	unload_scull();
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(chardev, threads_open_read_close_concurrently)
{
	boot_with_scull();
	int fd = ukmem_open("/dev/scull1", O_RDWR);
	cr_assert_eq(ukmem_write(fd, "steady", 6), 6);
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, reader, NULL);
	for (int i = 0; i < 3; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		cr_assert_null(ret);
	}
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(ukmem_open("/dev/scull1", O_RDONLY), 0, "every descriptor was given back");
	/* Close it before the driver goes: nothing holds the module while a file is open
	 * (fops->owner takes no reference yet), so the cdev would be freed under it. */
	cr_assert_eq(ukmem_close(0), 0);
	unload_scull();
	ukmem_shutdown();
}
