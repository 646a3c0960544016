// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/misc.c: miscellaneous character devices, major 10. Each registered miscdevice
 * has a distinct minor (dynamic ones count down from 127, as in Linux) and is a device
 * of the "misc" class (/sys/class/misc/<name>, whose node in /dev the driver core makes
 * with the miscdevice's nodename and mode); an open of major 10 finds the device by
 * minor, puts it in file->private_data, switches the file to the device's operations
 * and runs their open. */
#include <errno.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <sys/stat.h>
#include "fs/chrdev.h"

#define DYNAMIC_MINORS	128

static LIST_HEAD(misc_list);
static DEFINE_MUTEX(misc_mtx);
static DECLARE_BITMAP(misc_minors, DYNAMIC_MINORS);
static struct class *misc_class;

static int misc_open(struct inode *inode, struct file *file)
{
	struct miscdevice *c, *found = NULL;
	int err = -ENODEV;

	mutex_lock(&misc_mtx);
	list_for_each_entry(c, &misc_list, list)
		if (c->minor == (int)iminor(inode)) {
			found = c;
			break;
		}
	if (found && found->fops) {
		const struct file_operations *fops = fops_get(found->fops);

		err = -ENODEV;		/* its module is going away */
		if (fops) {
			file->private_data = found;
			replace_fops(file, fops);
			err = file->f_op->open ? file->f_op->open(inode, file) : 0;
		}
	}
	mutex_unlock(&misc_mtx);
	return err;
}

static const struct file_operations misc_fops = {
	.owner = THIS_MODULE,
	.open = misc_open,
	.llseek = noop_llseek,
};

static int misc_minor_taken(int minor)
{
	struct miscdevice *c;

	list_for_each_entry(c, &misc_list, list)
		if (c->minor == minor)
			return -EBUSY;
	return 0;
}

static void release_dynamic_minor(int minor)
{
	int i = DYNAMIC_MINORS - minor - 1;

	if (i >= 0 && i < DYNAMIC_MINORS)
		clear_bit(i, misc_minors);
}

/**
 * misc_register - register a misc character device (major 10)
 * @misc: the device: ->minor (or MISC_DYNAMIC_MINOR), ->name, ->fops, optional ->groups
 * and ->mode
 *
 * Creates /dev/NAME and /sys/class/misc/NAME; opens reach ->fops with
 * file->private_data set to @misc.
 *
 * Context: process context; may sleep (takes the misc devices' mutex).
 * Return: 0; -EBUSY when the minor is taken or no dynamic minor is left; or the error
 * of device_create().
 */
int misc_register(struct miscdevice *misc)
{
	bool is_dynamic = misc->minor == MISC_DYNAMIC_MINOR;
	int err = 0;

	INIT_LIST_HEAD(&misc->list);
	mutex_lock(&misc_mtx);
	if (is_dynamic) {
		int i = (int)find_first_zero_bit(misc_minors, DYNAMIC_MINORS);

		if (i >= DYNAMIC_MINORS) {
			err = -EBUSY;
			goto out;
		}
		misc->minor = DYNAMIC_MINORS - i - 1;
		set_bit(i, misc_minors);
	} else {
		err = misc_minor_taken(misc->minor);
		if (err)
			goto out;
	}
	misc->this_device = device_create_with_groups(misc_class, misc->parent,
						      MKDEV(MISC_MAJOR, misc->minor), misc,
						      misc->groups, "%s", misc->name);
	if (IS_ERR(misc->this_device)) {
		if (is_dynamic) {
			release_dynamic_minor(misc->minor);
			misc->minor = MISC_DYNAMIC_MINOR;
		}
		err = (int)PTR_ERR(misc->this_device);
		goto out;
	}
	list_add(&misc->list, &misc_list);
out:
	mutex_unlock(&misc_mtx);
	return err;
}
EXPORT_SYMBOL(misc_register);

/**
 * misc_deregister - unregister a misc device
 * @misc: the device, registered (warns otherwise)
 *
 * Context: process context; may sleep.
 */
void misc_deregister(struct miscdevice *misc)
{
	if (WARN_ON(list_empty(&misc->list)))
		return;
	mutex_lock(&misc_mtx);
	list_del_init(&misc->list);
	device_destroy(misc_class, MKDEV(MISC_MAJOR, misc->minor));
	release_dynamic_minor(misc->minor);
	mutex_unlock(&misc_mtx);
}
EXPORT_SYMBOL(misc_deregister);

static char *misc_devnode(struct device *dev, umode_t *mode)
{
	struct miscdevice *c = dev_get_drvdata(dev);

	if (mode && c->mode)
		*mode = c->mode;
	if (c->nodename)
		return kstrdup(c->nodename, GFP_KERNEL);
	return NULL;
}

int misc_init(void)
{
	int err;

	misc_class = class_create(THIS_MODULE, "misc");
	if (IS_ERR(misc_class)) {
		err = (int)PTR_ERR(misc_class);
		misc_class = NULL;
		return err;
	}
	misc_class->devnode = misc_devnode;
	err = register_chrdev(MISC_MAJOR, "misc", &misc_fops);
	if (err) {
		class_destroy(misc_class);
		misc_class = NULL;
	}
	return err;
}

/* Shutdown: devices a module left registered go with the class. */
void misc_exit(void)
{
	mutex_lock(&misc_mtx);
	while (!list_empty(&misc_list)) {
		struct miscdevice *c = list_first_entry(&misc_list, struct miscdevice, list);

		list_del_init(&c->list);
		device_destroy(misc_class, MKDEV(MISC_MAJOR, c->minor));
	}
	bitmap_zero(misc_minors, DYNAMIC_MINORS);
	mutex_unlock(&misc_mtx);
	unregister_chrdev(MISC_MAJOR, "misc");
	class_destroy(misc_class);
	misc_class = NULL;
}
