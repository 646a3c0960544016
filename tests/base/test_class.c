// SPDX-License-Identifier: LGPL-2.1-or-later
/* Classes and /dev: class_create, device_create making /sys/class/<cls>/<dev> (with
 * dev = "MAJ:MIN"), /sys/dev/char/MAJ:MIN and the /dev node that ukmem_open finds
 * without ukmem_mknod, devnode names and modes, glue directories under a parent,
 * device_destroy taking it all away, misc devices under /sys/class/misc, and a cdev
 * whose kobject keeps its parent device alive (cdev_device_add/del). */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <ukmem.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
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
