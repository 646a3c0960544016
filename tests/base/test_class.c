// SPDX-License-Identifier: LGPL-2.1-or-later
/* Classes and /dev: class_create, device_create making /sys/class/<cls>/<dev> (with
 * dev = "MAJ:MIN"), /sys/dev/char/MAJ:MIN and the /dev node that ukmem_open finds
 * without ukmem_mknod, devnode names and modes, glue directories under a parent,
 * device_destroy taking it all away, misc devices under /sys/class/misc, and a cdev
 * whose kobject keeps its parent device alive (cdev_device_add/del); the links read
 * through ukmem_lstat/ukmem_readlink as on Linux; nodes in subdirectories of /dev. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <ukmem.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "kmsg.h"
#include "sysfile.h"

static int opens;

static int ukc_open(struct inode *inode, struct file *file)
{
	opens++;
	return 0;
}

static ssize_t ukc_read(struct file *file, char __user *buf, size_t n, loff_t *pos)
{
	return simple_read_from_buffer(buf, n, pos, "hello\n", 6);
}

static const struct file_operations ukc_fops = {
	.owner = THIS_MODULE, .open = ukc_open, .read = ukc_read,
};

static char *ukc_devnode(struct device *dev, umode_t *mode)
{
	if (mode)
		*mode = 0666;
	return NULL;
}

Test(class, device_create_makes_the_node_and_sysfs_entries)
{
	char buf[64];
	struct ukmem_stat st;
	dev_t base;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(alloc_chrdev_region(&base, 0, 2, "ukc"), 0);
	struct cdev cdev;
	cdev_init(&cdev, &ukc_fops);
	cr_assert_eq(cdev_add(&cdev, base, 2), 0);

	struct class *cls = class_create(THIS_MODULE, "ukcls");
	cr_assert(!IS_ERR(cls));
	cr_assert(sysfile_exists("/sys/class/ukcls"));
	struct class *dup = class_create(THIS_MODULE, "ukcls");
	cr_assert_eq(PTR_ERR(dup), -EEXIST);
	cr_assert(kmsg_contains("sysfs: cannot create duplicate filename '/class/ukcls'"));

	struct device *d0 = device_create(cls, NULL, base, &opens, "ukc%d", 0);
	cr_assert(!IS_ERR(d0));
	cr_assert_eq(dev_get_drvdata(d0), &opens);
	snprintf(buf, sizeof(buf), "%u:%u\n", MAJOR(base), MINOR(base));
	char devtext[64];
	cr_assert_str_eq(sysfile_read("/sys/class/ukcls/ukc0/dev", devtext, sizeof(devtext)), buf);
	cr_assert(sysfile_exists("/sys/devices/virtual/ukcls/ukc0/subsystem"));
	snprintf(buf, sizeof(buf), "/sys/dev/char/%u:%u/dev", MAJOR(base), MINOR(base));
	cr_assert(sysfile_exists(buf));
	char want[96];
	snprintf(want, sizeof(want), "MAJOR=%u\nMINOR=%u\nDEVNAME=ukc0\n", MAJOR(base),
		 MINOR(base));
	cr_assert_str_eq(sysfile_read("/sys/class/ukcls/ukc0/uevent", buf, sizeof(buf)), want);
	cr_assert_eq(ukmem_stat("/dev/ukc0", &st), 0);
	cr_assert_eq(st.mode, S_IFCHR | 0600);

	/* the node is usable as udev would have made it */
	opens = 0;
	int fd = ukmem_open("/dev/ukc0", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 6);
	cr_assert_eq(opens, 1);
	ukmem_close(fd);

	/* the class's devnode gives the mode */
	cls->devnode = ukc_devnode;
	struct device *d1 = device_create(cls, d0, base + 1, NULL, "ukc1");
	cr_assert(!IS_ERR(d1));
	cr_assert_eq(ukmem_stat("/dev/ukc1", &st), 0);
	cr_assert_eq(st.mode, S_IFCHR | 0666);
	/* a class device with a class parent sits in the parent's directory */
	cr_assert(sysfile_exists("/sys/devices/virtual/ukcls/ukc0/ukc1/device"));

	device_destroy(cls, base + 1);
	cr_assert(!sysfile_exists("/dev/ukc1"));
	device_destroy(cls, base);
	cr_assert(!sysfile_exists("/dev/ukc0"));
	cr_assert(!sysfile_exists("/sys/class/ukcls/ukc0"));
	cr_assert(!sysfile_exists("/sys/devices/virtual/ukcls"), "the glue directory goes last");
	snprintf(buf, sizeof(buf), "/sys/dev/char/%u:%u", MAJOR(base), MINOR(base));
	cr_assert(!sysfile_exists(buf));
	device_destroy(cls, base);		/* nothing left: nothing happens */
	class_destroy(cls);
	cr_assert(!sysfile_exists("/sys/class/ukcls"));
	cdev_del(&cdev);
	unregister_chrdev_region(base, 2);
	ukmem_shutdown();
}

/* The links of a class device read as on Linux: ukmem_lstat sees them as links and
 * ukmem_readlink gives their text relative to their directory; a /proc link too. */
Test(class, links_read_as_linux_shows_them)
{
	char buf[128], path[64];
	struct ukmem_stat st;
	dev_t base;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(alloc_chrdev_region(&base, 0, 1, "ukl"), 0);
	struct class *cls = class_create(THIS_MODULE, "uklcls");
	cr_assert(!IS_ERR(cls));
	struct device *d = device_create(cls, NULL, base, NULL, "ukl0");
	cr_assert(!IS_ERR(d));

	cr_assert_eq(ukmem_lstat("/sys/class/uklcls/ukl0", &st), 0);
	cr_assert_eq(st.mode, S_IFLNK | 0777);
	cr_assert_eq(st.size, (off_t)strlen("../../devices/virtual/uklcls/ukl0"));
	cr_assert_eq(ukmem_stat("/sys/class/uklcls/ukl0", &st), 0);
	cr_assert(S_ISDIR(st.mode), "ukmem_stat follows it");
	memset(buf, 0, sizeof(buf));
	cr_assert_eq(ukmem_readlink("/sys/class/uklcls/ukl0", buf, sizeof(buf)), 33);
	cr_assert_str_eq(buf, "../../devices/virtual/uklcls/ukl0");
	memset(buf, 0, sizeof(buf));
	cr_assert_eq(ukmem_readlink("/sys/devices/virtual/uklcls/ukl0/subsystem", buf,
				    sizeof(buf)), 24);
	cr_assert_str_eq(buf, "../../../../class/uklcls");
	snprintf(path, sizeof(path), "/sys/dev/char/%u:%u", MAJOR(base), MINOR(base));
	memset(buf, 0, sizeof(buf));
	cr_assert_gt(ukmem_readlink(path, buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "../../devices/virtual/uklcls/ukl0");
	/* a link reached through a link: the last component is the one not followed */
	cr_assert_eq(ukmem_lstat("/sys/class/uklcls/ukl0/subsystem", &st), 0);
	cr_assert_eq(st.mode, S_IFLNK | 0777);

	/* cut to the buffer, not NUL-terminated, as readlink(2) */
	memset(buf, 'x', sizeof(buf));
	cr_assert_eq(ukmem_readlink("/sys/class/uklcls/ukl0", buf, 5), 5);
	cr_assert_eq(memcmp(buf, "../..x", 6), 0);

	/* what is not a link */
	errno = 0;
	cr_assert_eq(ukmem_readlink("/sys/class/uklcls", buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_readlink("/sys/class/uklcls/ukl0/dev", buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_readlink("/dev/ukl0", buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_readlink("/sys/class/uklcls/nothing", buf, sizeof(buf)), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_readlink("/sys/class/uklcls/ukl0", buf, 0), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_readlink(NULL, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(ukmem_lstat("/sys/class/uklcls/nothing", &st), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(ukmem_lstat("/sys/class/uklcls", &st), 0);
	cr_assert(S_ISDIR(st.mode));
	cr_assert_eq(ukmem_lstat("/", &st), 0);
	cr_assert(S_ISDIR(st.mode));

	/* /proc's links give their text as proc_symlink was told it */
	cr_assert_not_null(proc_symlink("ukl_link", NULL, "meminfo"));
	cr_assert_eq(ukmem_readlink("/proc/ukl_link", buf, sizeof(buf)), 7);
	cr_assert_eq(memcmp(buf, "meminfo", 7), 0);
	cr_assert_eq(ukmem_lstat("/proc/ukl_link", &st), 0);
	cr_assert_eq(st.mode, S_IFLNK | 0777);
	cr_assert_eq(ukmem_stat("/proc/ukl_link", &st), 0);
	cr_assert(S_ISREG(st.mode));
	remove_proc_entry("ukl_link", NULL);

	device_destroy(cls, base);
	cr_assert_eq(ukmem_readlink("/sys/class/uklcls/ukl0", buf, sizeof(buf)), -1);
	cr_assert_eq(errno, ENOENT);
	class_destroy(cls);
	unregister_chrdev_region(base, 1);
	ukmem_shutdown();
}

static char *uksub_devnode(struct device *dev, umode_t *mode)
{
	return kasprintf(GFP_KERNEL, "uksub/%s", dev_name(dev));
}

struct names {
	char list[256];
};

static int collect(void *ctx, const char *name, mode_t type)
{
	struct names *n = ctx;
	size_t len = strlen(n->list);

	snprintf(n->list + len, sizeof(n->list) - len, " %s%s", name, S_ISDIR(type) ? "/" : "");
	return 0;
}

/* A devnode with directories: the node is made in them as devtmpfs does, the
 * directories are listed and stat'ed as such, and go with their last node. */
Test(class, devnode_in_a_subdirectory_of_dev)
{
	struct ukmem_stat st;
	struct names names = { "" };
	char buf[16];
	dev_t base;
	struct cdev cdev;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(alloc_chrdev_region(&base, 0, 2, "uksub"), 0);
	cdev_init(&cdev, &ukc_fops);
	cr_assert_eq(cdev_add(&cdev, base, 2), 0);
	struct class *cls = class_create(THIS_MODULE, "uksubcls");
	cr_assert(!IS_ERR(cls));
	cls->devnode = uksub_devnode;
	cr_assert(!IS_ERR(device_create(cls, NULL, base, NULL, "uks0")));
	cr_assert(!IS_ERR(device_create(cls, NULL, base + 1, NULL, "uks1")));

	cr_assert_eq(ukmem_stat("/dev/uksub/uks0", &st), 0);
	cr_assert_eq(st.mode, S_IFCHR | 0600);
	cr_assert_eq(ukmem_stat("/dev/uksub", &st), 0);
	cr_assert_eq(st.mode, S_IFDIR | 0755);
	cr_assert_eq(ukmem_readdir("/dev/uksub", collect, &names), 0);
	cr_assert_str_eq(names.list, " uks0 uks1");
	names.list[0] = '\0';
	cr_assert_eq(ukmem_readdir("/dev", collect, &names), 0);
	cr_assert_not_null(strstr(names.list, " uksub/"), "%s", names.list);
	cr_assert_null(strstr(names.list, "uks0"), "%s", names.list);
	cr_assert_eq(ukmem_readdir("/dev/uksub/uks0", collect, &names), -1);
	cr_assert_eq(errno, ENOTDIR);
	cr_assert_eq(ukmem_open("/dev/uksub", O_RDONLY), -1);
	cr_assert_eq(errno, EISDIR);
	int fd = ukmem_open("/dev/uksub/uks1", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 6);
	ukmem_close(fd);

	/* names that cannot be made: a node where the directory is, below a node, bad parts */
	dev_t any = makedev(MAJOR(base), MINOR(base));
	const char *bad[] = { "/dev/uksub", "/dev/uksub/uks0/x", "/dev/uksub//x",
			      "/dev/uksub/./x", "/dev/uksub/../x", "/dev/uksub/" };
	int want[] = { EEXIST, EEXIST, EINVAL, EINVAL, EINVAL, EINVAL };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		cr_assert_eq(ukmem_mknod(bad[i], S_IFCHR | 0600, any), -1, "%s", bad[i]);
		cr_assert_eq(errno, want[i], "%s: errno %d", bad[i], errno);
	}
	cr_assert_eq(ukmem_mknod("/dev/uksub/extra", S_IFCHR | 0600, any), 0);
	cr_assert_eq(ukmem_unlink("/dev/uksub/extra"), 0);

	device_destroy(cls, base);
	cr_assert_eq(ukmem_stat("/dev/uksub", &st), 0, "one node is left in it");
	device_destroy(cls, base + 1);
	cr_assert_eq(ukmem_stat("/dev/uksub", &st), -1);
	cr_assert_eq(errno, ENOENT);
	class_destroy(cls);
	cdev_del(&cdev);
	unregister_chrdev_region(base, 2);
	ukmem_shutdown();
}

Test(class, glue_directory_below_a_parent)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct device *root = root_device_register("ukroot");
	cr_assert(!IS_ERR(root));
	cr_assert(sysfile_exists("/sys/devices/ukroot"));
	struct class *cls = class_create(THIS_MODULE, "ukglue");
	struct device *a = device_create(cls, root, 0, NULL, "a");
	struct device *b = device_create(cls, root, 0, NULL, "b");
	cr_assert(sysfile_exists("/sys/devices/ukroot/ukglue/a"));
	cr_assert(sysfile_exists("/sys/devices/ukroot/ukglue/b/device"));
	cr_assert(sysfile_exists("/sys/class/ukglue/b"));
	device_unregister(a);
	cr_assert(sysfile_exists("/sys/devices/ukroot/ukglue/b"));
	device_unregister(b);
	cr_assert(!sysfile_exists("/sys/devices/ukroot/ukglue"));
	class_destroy(cls);
	root_device_unregister(root);
	cr_assert(!sysfile_exists("/sys/devices/ukroot"));
	ukmem_shutdown();
}

static const struct file_operations misc_fops = { .owner = THIS_MODULE, .read = ukc_read };

Test(class, misc_devices_are_in_sys_class_misc)
{
	char buf[64], want[64];
	struct ukmem_stat st;
	struct miscdevice m = {
		.minor = MISC_DYNAMIC_MINOR, .name = "ukmisc", .fops = &misc_fops, .mode = 0644,
	};

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(sysfile_exists("/sys/class/misc"));
	cr_assert_eq(misc_register(&m), 0);
	cr_assert_not_null(m.this_device);
	snprintf(want, sizeof(want), "10:%d\n", m.minor);
	cr_assert_str_eq(sysfile_read("/sys/class/misc/ukmisc/dev", buf, sizeof(buf)), want);
	cr_assert(sysfile_exists("/sys/devices/virtual/misc/ukmisc"));
	cr_assert_eq(ukmem_stat("/dev/ukmisc", &st), 0);
	cr_assert_eq(st.mode, S_IFCHR | 0644);
	cr_assert_str_eq(sysfile_read("/dev/ukmisc", buf, sizeof(buf)), "hello\n");
	misc_deregister(&m);
	cr_assert(!sysfile_exists("/sys/class/misc/ukmisc"));
	cr_assert(!sysfile_exists("/dev/ukmisc"));
	ukmem_shutdown();
}

struct ukchar {
	struct device dev;
	struct cdev cdev;
};

static int ukchar_released;

static void ukchar_release(struct device *dev)
{
	ukchar_released++;
	kfree(container_of(dev, struct ukchar, dev));
}

Test(class, cdev_keeps_its_parent_device)
{
	char buf[64];
	dev_t base;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(alloc_chrdev_region(&base, 0, 1, "ukchar"), 0);
	struct class *cls = class_create(THIS_MODULE, "ukchar");
	struct ukchar *u = kzalloc(sizeof(*u), GFP_KERNEL);
	device_initialize(&u->dev);
	u->dev.devt = base;
	u->dev.class = cls;
	u->dev.release = ukchar_release;
	dev_set_name(&u->dev, "ukchar0");
	cdev_init(&u->cdev, &ukc_fops);
	cr_assert_eq(cdev_device_add(&u->cdev, &u->dev), 0);
	cr_assert_eq(u->cdev.kobj.parent, &u->dev.kobj);
	int fd = ukmem_open("/dev/ukchar0", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 6);
	ukmem_close(fd);

	ukchar_released = 0;
	cdev_device_del(&u->cdev, &u->dev);
	cr_assert(!sysfile_exists("/dev/ukchar0"));
	cr_assert_eq(ukchar_released, 0, "the driver's reference is still held");
	put_device(&u->dev);
	cr_assert_eq(ukchar_released, 1);
	class_destroy(cls);
	unregister_chrdev_region(base, 1);
	ukmem_shutdown();
}
