// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/core.c: devices, as Linux 6.1's driver core keeps them. device_initialize()
 * gives a device its kobject (in devices_kset: uevents carry MAJOR/MINOR/DEVNAME,
 * DEVTYPE, DRIVER and the bus's and class's variables); device_add() names it, puts its
 * directory under its parent -- a class device under "<parent>/<class>/" or
 * /sys/devices/virtual/<class>/, a glue directory that lives while it has members --
 * makes its uevent, dev and group attributes, its subsystem/device links, its
 * /sys/class and /sys/dev/char entries and /dev node, tells the bus and tries to bind a
 * driver. device_del() undoes it in reverse; the last put_device() calls the release
 * (the device's, its type's or its class's; none is Linux's "broken" warning).
 *
 * Also: the dev_printk family, device attributes, device_create()/device_destroy(),
 * root devices, and the boot-time /sys/devices, /sys/dev/{char,block}. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kdev_t.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "base/base.h"
#include "fs/devfs.h"

DEFINE_MUTEX(driver_core_lists);
struct kset *devices_kset;
struct kobject *dev_kobj;
struct kobject *sysfs_dev_char_kobj;
struct kobject *sysfs_dev_block_kobj;
static struct kobject *virtual_dir;
static DEFINE_MUTEX(gdp_mutex);	/* glue directories */

/* ---- printing ---- */

/**
 * dev_driver_string - the first word of a device's messages
 * @dev: the device
 *
 * Context: any. The bound driver's name, else the bus's or class's, else "".
 */
const char *dev_driver_string(const struct device *dev)
{
	struct device_driver *drv = READ_ONCE(dev->driver);

	return drv ? drv->name : dev_bus_name(dev);
}
EXPORT_SYMBOL(dev_driver_string);

/**
 * _dev_printk - print a message naming a device, "driver name: message"
 * @level: the printk level (KERN_INFO, ...)
 * @dev: the device, or NULL ("(NULL device *): ")
 * @fmt: printf format, and its arguments
 *
 * What dev_printk() calls.
 *
 * Context: any context, as printk().
 */
void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	struct va_format vaf;
	char lfmt[32];
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (dev) {
		snprintf(lfmt, sizeof(lfmt), "%s%s", level, "%s %s: %pV");
		printk(lfmt, dev_driver_string(dev), dev_name(dev), &vaf);
	} else {
		snprintf(lfmt, sizeof(lfmt), "%s%s", level, "(NULL device *): %pV");
		printk(lfmt, &vaf);
	}
	va_end(args);
}
EXPORT_SYMBOL(_dev_printk);

/**
 * dev_err_probe - report a probe error, or record why probing is deferred
 * @dev: the device being probed
 * @err: the error
 * @fmt: what failed
 *
 * Context: process (probe). Returns @err. -EPROBE_DEFER is logged at debug level and kept
 * as the deferral's reason; anything else is dev_err's "error %pe: ...".
 */
int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (err != -EPROBE_DEFER) {
		dev_err(dev, "error %pe: %pV", ERR_PTR(err), &vaf);
	} else {
		device_set_deferred_probe_reason(dev, &vaf);
		dev_dbg(dev, "error %pe: %pV", ERR_PTR(err), &vaf);
	}
	va_end(args);
	return err;
}
EXPORT_SYMBOL_GPL(dev_err_probe);

/* ---- the device ktype ---- */

#define to_dev_attr(_attr) container_of(_attr, struct device_attribute, attr)

static ssize_t dev_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct device_attribute *dev_attr = to_dev_attr(attr);
	struct device *dev = kobj_to_dev(kobj);
	ssize_t ret = -EIO;

	if (dev_attr->show)
		ret = dev_attr->show(dev, dev_attr, buf);
	if (ret >= (ssize_t)PAGE_SIZE)
		printk("dev_attr_show: %pS returned bad count\n", dev_attr->show);
	return ret;
}

static ssize_t dev_attr_store(struct kobject *kobj, struct attribute *attr,
			      const char *buf, size_t count)
{
	struct device_attribute *dev_attr = to_dev_attr(attr);
	struct device *dev = kobj_to_dev(kobj);

	return dev_attr->store ? dev_attr->store(dev, dev_attr, buf, count) : -EIO;
}

static const struct sysfs_ops dev_sysfs_ops = {
	.show	= dev_attr_show,
	.store	= dev_attr_store,
};

#define to_ext_attr(x) container_of(x, struct dev_ext_attribute, attr)

/**
 * device_store_ulong - the store method of DEVICE_ULONG_ATTR() files
 * @dev: the device
 * @attr: the attribute, inside a struct dev_ext_attribute whose ->var is the unsigned long
 * @buf: the text, a number in any C base
 * @size: its length
 *
 * Context: process context, a sysfs write.
 * Return: @size, or -EINVAL or -ERANGE.
 */
ssize_t device_store_ulong(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t size)
{
	struct dev_ext_attribute *ea = to_ext_attr(attr);
	int ret;
	unsigned long new;

	ret = kstrtoul(buf, 0, &new);
	if (ret)
		return ret;
	*(unsigned long *)(ea->var) = new;
	return (ssize_t)size;
}
EXPORT_SYMBOL_GPL(device_store_ulong);

/**
 * device_show_ulong - the show method of DEVICE_ULONG_ATTR() files (in hex, as Linux 6.1)
 * @dev: the device
 * @attr: the attribute
 * @buf: the page to print into
 *
 * Context: process context, a sysfs read.
 * Return: the length printed.
 */
ssize_t device_show_ulong(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lx\n", *(unsigned long *)(to_ext_attr(attr)->var));
}
EXPORT_SYMBOL_GPL(device_show_ulong);

/**
 * device_store_int - the store method of DEVICE_INT_ATTR() files
 * @dev: the device
 * @attr: the attribute, whose ->var is the int
 * @buf: the text, a number in any C base
 * @size: its length
 *
 * Context: process context, a sysfs write.
 * Return: @size, or -EINVAL (also for a value outside int) or -ERANGE.
 */
ssize_t device_store_int(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t size)
{
	struct dev_ext_attribute *ea = to_ext_attr(attr);
	int ret;
	long new;

	ret = kstrtol(buf, 0, &new);
	if (ret)
		return ret;
	if (new > INT_MAX || new < INT_MIN)
		return -EINVAL;
	*(int *)(ea->var) = (int)new;
	return (ssize_t)size;
}
EXPORT_SYMBOL_GPL(device_store_int);

/**
 * device_show_int - the show method of DEVICE_INT_ATTR() files
 * @dev: the device
 * @attr: the attribute
 * @buf: the page to print into
 *
 * Context: process context, a sysfs read.
 * Return: the length printed.
 */
ssize_t device_show_int(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", *(int *)(to_ext_attr(attr)->var));
}
EXPORT_SYMBOL_GPL(device_show_int);

/**
 * device_store_bool - the store method of DEVICE_BOOL_ATTR() files
 * @dev: the device
 * @attr: the attribute, whose ->var is the bool
 * @buf: the text, as kstrtobool() reads it
 * @size: its length
 *
 * Context: process context, a sysfs write.
 * Return: @size, or -EINVAL.
 */
ssize_t device_store_bool(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t size)
{
	struct dev_ext_attribute *ea = to_ext_attr(attr);

	if (kstrtobool(buf, ea->var) < 0)
		return -EINVAL;
	return (ssize_t)size;
}
EXPORT_SYMBOL_GPL(device_store_bool);

/**
 * device_show_bool - the show method of DEVICE_BOOL_ATTR() files ("0" or "1")
 * @dev: the device
 * @attr: the attribute
 * @buf: the page to print into
 *
 * Context: process context, a sysfs read.
 * Return: the length printed.
 */
ssize_t device_show_bool(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", *(bool *)(to_ext_attr(attr)->var));
}
EXPORT_SYMBOL_GPL(device_show_bool);

static void device_release(struct kobject *kobj)
{
	struct device *dev = kobj_to_dev(kobj);
	struct device_private *p = dev->p;

	devres_release_all(dev);
	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
	else if (dev->class && dev->class->dev_release)
		dev->class->dev_release(dev);
	else
		WARN(1, KERN_ERR "Device '%s' does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.\n",
		     dev_name(dev));
	if (p)
		kfree(p->deferred_probe_reason);
	kfree(p);
}

static void device_get_ownership(struct kobject *kobj, kuid_t *uid, kgid_t *gid)
{
	struct device *dev = kobj_to_dev(kobj);

	if (dev->class && dev->class->get_ownership)
		dev->class->get_ownership(dev, uid, gid);
}

static const struct kobj_type device_ktype = {
	.release	= device_release,
	.sysfs_ops	= &dev_sysfs_ops,
	.get_ownership	= device_get_ownership,
};

static int dev_uevent_filter(struct kobject *kobj)
{
	if (kobj->ktype == &device_ktype) {
		struct device *dev = kobj_to_dev(kobj);

		if (dev->bus || dev->class)
			return 1;
	}
	return 0;
}

static const char *dev_uevent_name(struct kobject *kobj)
{
	struct device *dev = kobj_to_dev(kobj);

	if (dev->bus)
		return dev->bus->name;
	if (dev->class)
		return dev->class->name;
	return NULL;
}

static int dev_uevent(struct kobject *kobj, struct kobj_uevent_env *env)
{
	struct device *dev = kobj_to_dev(kobj);
	int retval = 0;

	if (MAJOR(dev->devt)) {
		const char *tmp, *name;
		umode_t mode = 0;
		kuid_t uid = GLOBAL_ROOT_UID;
		kgid_t gid = GLOBAL_ROOT_GID;

		add_uevent_var(env, "MAJOR=%u", MAJOR(dev->devt));
		add_uevent_var(env, "MINOR=%u", MINOR(dev->devt));
		name = device_get_devnode(dev, &mode, &uid, &gid, &tmp);
		if (name) {
			add_uevent_var(env, "DEVNAME=%s", name);
			if (mode)
				add_uevent_var(env, "DEVMODE=%#o", mode & 0777);
			if (!uid_eq(uid, GLOBAL_ROOT_UID))
				add_uevent_var(env, "DEVUID=%u", __kuid_val(uid));
			if (!gid_eq(gid, GLOBAL_ROOT_GID))
				add_uevent_var(env, "DEVGID=%u", __kgid_val(gid));
			kfree(tmp);
		}
	}
	if (dev->type && dev->type->name)
		add_uevent_var(env, "DEVTYPE=%s", dev->type->name);
	if (dev->driver)
		add_uevent_var(env, "DRIVER=%s", dev->driver->name);
	if (dev->bus && dev->bus->uevent) {
		retval = dev->bus->uevent(dev, env);
		if (retval)
			pr_debug("device: '%s': %s: bus uevent() returned %d\n",
				 dev_name(dev), __func__, retval);
	}
	if (dev->class && dev->class->dev_uevent) {
		retval = dev->class->dev_uevent(dev, env);
		if (retval)
			pr_debug("device: '%s': %s: class uevent() returned %d\n",
				 dev_name(dev), __func__, retval);
	}
	if (dev->type && dev->type->uevent) {
		retval = dev->type->uevent(dev, env);
		if (retval)
			pr_debug("device: '%s': %s: dev_type uevent() returned %d\n",
				 dev_name(dev), __func__, retval);
	}
	return retval;
}

static const struct kset_uevent_ops device_uevent_ops = {
	.filter =	dev_uevent_filter,
	.name =		dev_uevent_name,
	.uevent =	dev_uevent,
};

static ssize_t uevent_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct kobject *top_kobj = &dev->kobj;
	struct kobj_uevent_env *env;
	struct kset *kset;
	size_t len = 0;
	int retval;

	while (!top_kobj->kset && top_kobj->parent)
		top_kobj = top_kobj->parent;
	if (!top_kobj->kset)
		return 0;
	kset = top_kobj->kset;
	if (!kset->uevent_ops || !kset->uevent_ops->uevent)
		return 0;
	if (kset->uevent_ops->filter && !kset->uevent_ops->filter(&dev->kobj))
		return 0;
	env = kzalloc(sizeof(*env), GFP_KERNEL);
	if (!env)
		return -ENOMEM;
	retval = kset->uevent_ops->uevent(&dev->kobj, env);
	if (!retval)
		for (int i = 0; i < env->envp_idx; i++)
			len += (size_t)sysfs_emit_at(buf, (int)len, "%s\n", env->envp[i]);
	kfree(env);
	return retval ? retval : (ssize_t)len;
}

static ssize_t uevent_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	int rc = kobject_synth_uevent(&dev->kobj, buf, count);

	if (rc) {
		dev_err(dev, "uevent: failed to send synthetic uevent: %d\n", rc);
		return rc;
	}
	return (ssize_t)count;
}
static DEVICE_ATTR_RW(uevent);

static ssize_t dev_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u:%u\n", MAJOR(dev->devt), MINOR(dev->devt));
}
static DEVICE_ATTR_RO(dev);

/* ---- attributes ---- */

/**
 * device_create_file - make a device attribute file
 * @dev: the device (added)
 * @attr: the attribute
 *
 * Context: process. Returns 0 or -errno. A writable attribute without store, or a
 * readable one without show, is Linux's warning (the file is still made).
 */
int device_create_file(struct device *dev, const struct device_attribute *attr)
{
	int error = 0;

	if (dev) {
		WARN(((attr->attr.mode & S_IWUGO) && !attr->store),
		     "Attribute %s: write permission without 'store'\n", attr->attr.name);
		WARN(((attr->attr.mode & S_IRUGO) && !attr->show),
		     "Attribute %s: read permission without 'show'\n", attr->attr.name);
		error = sysfs_create_file(&dev->kobj, &attr->attr);
	}
	return error;
}
EXPORT_SYMBOL_GPL(device_create_file);

/**
 * device_remove_file - remove an attribute file from a device's directory
 * @dev: the device, or NULL (nothing is done)
 * @attr: the attribute
 *
 * Context: process context; may sleep (waits for the file's calls in progress).
 */
void device_remove_file(struct device *dev, const struct device_attribute *attr)
{
	if (dev)
		sysfs_remove_file(&dev->kobj, &attr->attr);
}
EXPORT_SYMBOL_GPL(device_remove_file);

/**
 * device_remove_file_self - remove the attribute file whose store method is running
 * @dev: the device
 * @attr: the attribute
 *
 * Context: process context, from that attribute's own store method.
 * Return: true if this call removed it, false if something else did first.
 */
bool device_remove_file_self(struct device *dev, const struct device_attribute *attr)
{
	return dev ? sysfs_remove_file_self(&dev->kobj, &attr->attr) : false;
}
EXPORT_SYMBOL_GPL(device_remove_file_self);

/**
 * device_create_bin_file - create a binary attribute file in a device's directory
 * @dev: the device
 * @attr: the attribute
 *
 * Context: process context; may sleep.
 * Return: 0, -EINVAL for a NULL device, -EEXIST or -ENOMEM.
 */
int device_create_bin_file(struct device *dev, const struct bin_attribute *attr)
{
	return dev ? sysfs_create_bin_file(&dev->kobj, attr) : -EINVAL;
}
EXPORT_SYMBOL_GPL(device_create_bin_file);

/**
 * device_remove_bin_file - remove a binary attribute file from a device's directory
 * @dev: the device, or NULL
 * @attr: the attribute
 *
 * Context: process context; may sleep.
 */
void device_remove_bin_file(struct device *dev, const struct bin_attribute *attr)
{
	if (dev)
		sysfs_remove_bin_file(&dev->kobj, attr);
}
EXPORT_SYMBOL_GPL(device_remove_bin_file);

/**
 * device_add_groups - create several attribute groups in a device's directory
 * @dev: the device
 * @groups: the groups, NULL-terminated
 *
 * Context: process context; may sleep.
 * Return: 0, or an error (the groups already made are removed again).
 */
int device_add_groups(struct device *dev, const struct attribute_group **groups)
{
	return sysfs_create_groups(&dev->kobj, groups);
}
EXPORT_SYMBOL_GPL(device_add_groups);

/**
 * device_remove_groups - remove several attribute groups from a device's directory
 * @dev: the device
 * @groups: the groups, NULL-terminated
 *
 * Context: process context; may sleep.
 */
void device_remove_groups(struct device *dev, const struct attribute_group **groups)
{
	sysfs_remove_groups(&dev->kobj, groups);
}
EXPORT_SYMBOL_GPL(device_remove_groups);

/**
 * device_add_group - create one attribute group in a device's directory
 * @dev: the device
 * @grp: the group
 *
 * Context: process context; may sleep.
 * Return: 0, or -EEXIST, -ENOMEM, -EINVAL.
 */
int device_add_group(struct device *dev, const struct attribute_group *grp)
{
	return sysfs_create_group(&dev->kobj, grp);
}
EXPORT_SYMBOL_GPL(device_add_group);

/**
 * device_remove_group - remove one attribute group from a device's directory
 * @dev: the device
 * @grp: the group
 *
 * Context: process context; may sleep.
 */
void device_remove_group(struct device *dev, const struct attribute_group *grp)
{
	sysfs_remove_group(&dev->kobj, grp);
}
EXPORT_SYMBOL_GPL(device_remove_group);

static int device_add_attrs(struct device *dev)
{
	struct class *class = dev->class;
	const struct device_type *type = dev->type;
	int error;

	if (class) {
		error = device_add_groups(dev, class->dev_groups);
		if (error)
			return error;
	}
	if (type) {
		error = device_add_groups(dev, type->groups);
		if (error)
			goto err_remove_class_groups;
	}
	error = device_add_groups(dev, dev->groups);
	if (error)
		goto err_remove_type_groups;
	return 0;

err_remove_type_groups:
	if (type)
		device_remove_groups(dev, type->groups);
err_remove_class_groups:
	if (class)
		device_remove_groups(dev, class->dev_groups);
	return error;
}

static void device_remove_attrs(struct device *dev)
{
	device_remove_groups(dev, dev->groups);
	if (dev->type)
		device_remove_groups(dev, dev->type->groups);
	if (dev->class)
		device_remove_groups(dev, dev->class->dev_groups);
}

/* ---- lifetime ---- */

int device_private_init(struct device *dev)
{
	dev->p = kzalloc(sizeof(*dev->p), GFP_KERNEL);
	if (!dev->p)
		return -ENOMEM;
	dev->p->device = dev;
	INIT_LIST_HEAD(&dev->p->children);
	INIT_LIST_HEAD(&dev->p->parent_node);
	INIT_LIST_HEAD(&dev->p->driver_node);
	INIT_LIST_HEAD(&dev->p->bus_node);
	INIT_LIST_HEAD(&dev->p->class_node);
	INIT_LIST_HEAD(&dev->p->deferred_probe);
	return 0;
}

/**
 * device_initialize - prepare a device for device_add()
 * @dev: the device (zeroed, with its fields filled in)
 *
 * Context: any. From here on the device is freed only through put_device().
 */
void device_initialize(struct device *dev)
{
	dev->kobj.kset = devices_kset;
	kobject_init(&dev->kobj, &device_ktype);
	INIT_LIST_HEAD(&dev->dma_pools);
	mutex_init(&dev->mutex);
	spin_lock_init(&dev->devres_lock);
	INIT_LIST_HEAD(&dev->devres_head);
	set_dev_node(dev, NUMA_NO_NODE);
}
EXPORT_SYMBOL_GPL(device_initialize);

/**
 * dev_set_name - name a device
 * @dev: the device
 * @fmt: the name's format
 *
 * Context: process. Returns 0 or -ENOMEM.
 */
int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list vargs;
	int err;

	va_start(vargs, fmt);
	err = kobject_set_name_vargs(&dev->kobj, fmt, vargs);
	va_end(vargs);
	return err;
}
EXPORT_SYMBOL_GPL(dev_set_name);

struct class_dir {
	struct kobject kobj;
	struct class *class;
};

#define to_class_dir(obj) container_of(obj, struct class_dir, kobj)

static void class_dir_release(struct kobject *kobj)
{
	kfree(to_class_dir(kobj));
}

static const struct kobj_type class_dir_ktype = {
	.release	= class_dir_release,
	.sysfs_ops	= &kobj_sysfs_ops,
};

static struct kobject *class_dir_create_and_add(struct class *class, struct kobject *parent_kobj)
{
	struct class_dir *dir = kzalloc(sizeof(*dir), GFP_KERNEL);
	int retval;

	if (!dir)
		return ERR_PTR(-ENOMEM);
	dir->class = class;
	kobject_init(&dir->kobj, &class_dir_ktype);
	dir->kobj.kset = &class->p->glue_dirs;
	retval = kobject_add(&dir->kobj, parent_kobj, "%s", class->name);
	if (retval < 0) {
		kobject_put(&dir->kobj);
		return ERR_PTR(retval);
	}
	return &dir->kobj;
}

static struct kobject *virtual_device_parent(void)
{
	if (!virtual_dir)
		virtual_dir = kobject_create_and_add("virtual", &devices_kset->kobj);
	return virtual_dir;
}

/* The directory a device goes in: for a class device a (referenced) glue directory. */
static struct kobject *get_device_parent(struct device *dev, struct device *parent)
{
	if (dev->class) {
		struct kobject *kobj = NULL, *parent_kobj, *k;

		if (!parent)
			parent_kobj = virtual_device_parent();
		else if (parent->class && !dev->class->ns_type)
			return &parent->kobj;
		else
			parent_kobj = &parent->kobj;
		if (!parent_kobj)
			return ERR_PTR(-ENOMEM);
		mutex_lock(&gdp_mutex);
		spin_lock(&dev->class->p->glue_dirs.list_lock);
		list_for_each_entry(k, &dev->class->p->glue_dirs.list, entry)
			if (k->parent == parent_kobj) {
				kobj = kobject_get(k);
				break;
			}
		spin_unlock(&dev->class->p->glue_dirs.list_lock);
		if (!kobj)
			kobj = class_dir_create_and_add(dev->class, parent_kobj);
		mutex_unlock(&gdp_mutex);
		return kobj;
	}
	if (!parent && dev->bus && dev->bus->dev_root)
		return &dev->bus->dev_root->kobj;
	if (parent)
		return &parent->kobj;
	return NULL;
}

static bool live_in_glue_dir(struct kobject *kobj, struct device *dev)
{
	return kobj && dev->class && dev->class->p && kobj->kset == &dev->class->p->glue_dirs;
}

/* Drops the device's reference on its glue directory, removing it when it was the last
 * member (its other references: one per member). */
static void cleanup_glue_dir(struct device *dev, struct kobject *glue_dir)
{
	if (!live_in_glue_dir(glue_dir, dev))
		return;
	mutex_lock(&gdp_mutex);
	if (kref_read(&glue_dir->kref) == 1)
		kobject_del(glue_dir);
	kobject_put(glue_dir);
	mutex_unlock(&gdp_mutex);
}

int device_add_class_symlinks(struct device *dev)
{
	struct class *class = dev->class;
	int error;

	if (!class)
		return 0;
	error = sysfs_create_link(&dev->kobj, &class->p->subsys.kobj, "subsystem");
	if (error)
		return error;
	if (dev->parent) {
		error = sysfs_create_link(&dev->kobj, &dev->parent->kobj, "device");
		if (error)
			goto out_subsys;
	}
	error = sysfs_create_link(&class->p->subsys.kobj, &dev->kobj, dev_name(dev));
	if (error)
		goto out_device;
	return 0;

out_device:
	sysfs_remove_link(&dev->kobj, "device");
out_subsys:
	sysfs_remove_link(&dev->kobj, "subsystem");
	return error;
}

void device_remove_class_symlinks(struct device *dev)
{
	if (!dev->class)
		return;
	if (dev->parent)
		sysfs_remove_link(&dev->kobj, "device");
	sysfs_remove_link(&dev->kobj, "subsystem");
	sysfs_delete_link(&dev->class->p->subsys.kobj, &dev->kobj, dev_name(dev));
}

static struct kobject *device_to_dev_kobj(struct device *dev)
{
	if (dev->class && dev->class->dev_kobj)
		return dev->class->dev_kobj;
	return sysfs_dev_char_kobj;
}

static int device_create_sys_dev_entry(struct device *dev)
{
	struct kobject *kobj = device_to_dev_kobj(dev);
	char devt_str[15];

	if (!kobj)
		return 0;
	snprintf(devt_str, sizeof(devt_str), "%u:%u", MAJOR(dev->devt), MINOR(dev->devt));
	return sysfs_create_link(kobj, &dev->kobj, devt_str);
}

static void device_remove_sys_dev_entry(struct device *dev)
{
	struct kobject *kobj = device_to_dev_kobj(dev);
	char devt_str[15];

	if (kobj) {
		snprintf(devt_str, sizeof(devt_str), "%u:%u", MAJOR(dev->devt), MINOR(dev->devt));
		sysfs_remove_link(kobj, devt_str);
	}
}

/**
 * device_get_devnode - the name and mode of a device's node below /dev
 * @dev: the device
 * @mode: set by the type's or class's devnode (0: default)
 * @uid: likewise
 * @gid: likewise
 * @tmp: set to what the caller must kfree (or NULL)
 *
 * Context: process. Returns the name ('!' in the device name becomes '/') or NULL.
 */
const char *device_get_devnode(struct device *dev, umode_t *mode, kuid_t *uid, kgid_t *gid,
			       const char **tmp)
{
	char *s;

	*tmp = NULL;
	if (dev->type && dev->type->devnode)
		*tmp = dev->type->devnode(dev, mode, uid, gid);
	if (*tmp)
		return *tmp;
	if (dev->class && dev->class->devnode)
		*tmp = dev->class->devnode(dev, mode);
	if (*tmp)
		return *tmp;
	if (!strchr(dev_name(dev), '!'))
		return dev_name(dev);
	s = kstrdup(dev_name(dev), GFP_KERNEL);
	if (!s)
		return NULL;
	for (char *p = s; (p = strchr(p, '!')); )
		*p = '/';
	return *tmp = s;
}

/* The node udev (or devtmpfs) would make: /dev/<devnode>, a character device. */
static void devtmpfs_create_node(struct device *dev)
{
	kuid_t uid = GLOBAL_ROOT_UID;
	kgid_t gid = GLOBAL_ROOT_GID;
	umode_t mode = 0;
	const char *tmp, *name;
	int err;

	name = device_get_devnode(dev, &mode, &uid, &gid, &tmp);
	if (!name)
		return;
	if (!mode)
		mode = 0600;
	err = devfs_mknod(name, (umode_t)(S_IFCHR | (mode & 07777)), dev->devt);
	if (err && err != -EEXIST)
		pr_debug("devtmpfs: could not create node %s: %d\n", name, err);
	kfree(tmp);
}

static void devtmpfs_delete_node(struct device *dev)
{
	kuid_t uid = GLOBAL_ROOT_UID;
	kgid_t gid = GLOBAL_ROOT_GID;
	umode_t mode = 0;
	const char *tmp, *name;

	name = device_get_devnode(dev, &mode, &uid, &gid, &tmp);
	if (name)
		devfs_remove(name);
	kfree(tmp);
}

/**
 * device_add - make an initialised device visible and try to bind it
 * @dev: the device (device_initialize'd; a name through init_name, dev_set_name or
 *	the bus's dev_name)
 *
 * Context: process; may sleep (a driver's probe runs). Returns 0 or -errno; on failure
 * the caller still holds its reference (put_device, not kfree).
 */
int device_add(struct device *dev)
{
	struct device *parent;
	struct kobject *kobj;
	int error = -EINVAL;
	struct kobject *glue_dir = NULL;

	dev = get_device(dev);
	if (!dev)
		goto done;
	if (!dev->p) {
		error = device_private_init(dev);
		if (error)
			goto done;
	}
	if (dev->init_name) {
		error = dev_set_name(dev, "%s", dev->init_name);
		dev->init_name = NULL;
		if (error)
			goto name_error;
	}
	if (!dev_name(dev) && dev->bus && dev->bus->dev_name)
		error = dev_set_name(dev, "%s%u", dev->bus->dev_name, dev->id);
	if (!dev_name(dev)) {
		error = -EINVAL;
		goto name_error;
	}
	pr_debug("device: '%s': %s\n", dev_name(dev), __func__);

	parent = get_device(dev->parent);
	kobj = get_device_parent(dev, parent);
	if (IS_ERR(kobj)) {
		error = (int)PTR_ERR(kobj);
		goto parent_error;
	}
	if (kobj)
		dev->kobj.parent = kobj;
	if (parent)
		set_dev_node(dev, dev_to_node(parent));

	error = kobject_add(&dev->kobj, dev->kobj.parent, NULL);
	if (error) {
		glue_dir = kobj;
		goto Error;
	}
	error = device_create_file(dev, &dev_attr_uevent);
	if (error)
		goto attrError;
	error = device_add_class_symlinks(dev);
	if (error)
		goto SymlinkError;
	error = device_add_attrs(dev);
	if (error)
		goto AttrsError;
	error = bus_add_device(dev);
	if (error)
		goto BusError;
	if (MAJOR(dev->devt)) {
		error = device_create_file(dev, &dev_attr_dev);
		if (error)
			goto DevAttrError;
		error = device_create_sys_dev_entry(dev);
		if (error)
			goto SysEntryError;
		devtmpfs_create_node(dev);
	}
	bus_notify(dev, BUS_NOTIFY_ADD_DEVICE);
	kobject_uevent(&dev->kobj, KOBJ_ADD);

	bus_probe_device(dev);
	if (parent) {
		mutex_lock(&driver_core_lists);
		list_add_tail(&dev->p->parent_node, &parent->p->children);
		mutex_unlock(&driver_core_lists);
	}
	if (dev->class) {
		mutex_lock(&driver_core_lists);
		list_add_tail(&dev->p->class_node, &dev->class->p->devices);
		mutex_unlock(&driver_core_lists);
	}
done:
	put_device(dev);
	return error;

SysEntryError:
	device_remove_file(dev, &dev_attr_dev);
DevAttrError:
	bus_remove_device(dev);
BusError:
	device_remove_attrs(dev);
AttrsError:
	device_remove_class_symlinks(dev);
SymlinkError:
	device_remove_file(dev, &dev_attr_uevent);
attrError:
	kobject_uevent(&dev->kobj, KOBJ_REMOVE);
	glue_dir = dev->kobj.parent;
	kobject_del(&dev->kobj);
Error:
	cleanup_glue_dir(dev, glue_dir);
parent_error:
	put_device(parent);
name_error:
	kfree(dev->p);
	dev->p = NULL;
	goto done;
}
EXPORT_SYMBOL_GPL(device_add);

/**
 * device_register - device_initialize() then device_add()
 * @dev: the device
 *
 * Context: process; may sleep. Returns 0 or -errno; either way put_device() frees it.
 */
int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}
EXPORT_SYMBOL_GPL(device_register);

/**
 * get_device - take a reference on a device
 * @dev: the device (NULL: nothing)
 *
 * Context: any. Returns @dev.
 */
struct device *get_device(struct device *dev)
{
	return dev ? kobj_to_dev(kobject_get(&dev->kobj)) : NULL;
}
EXPORT_SYMBOL_GPL(get_device);

/**
 * put_device - drop a reference on a device
 * @dev: the device (NULL: nothing)
 *
 * Context: process when it may be the last (the release runs).
 */
void put_device(struct device *dev)
{
	if (dev)
		kobject_put(&dev->kobj);
}
EXPORT_SYMBOL_GPL(put_device);

/**
 * kill_device - mark a device as being deleted (no new binding)
 * @dev: the device, under device_lock
 *
 * Context: process. Returns false if it was already marked.
 */
bool kill_device(struct device *dev)
{
	if (dev->p->dead)
		return false;
	dev->p->dead = true;
	return true;
}
EXPORT_SYMBOL_GPL(kill_device);

/**
 * device_is_registered - whether a device has been added and not yet deleted
 * @dev: the device
 *
 * Context: any context.
 * Return: true between device_add() and device_del().
 */
bool device_is_registered(struct device *dev)
{
	return dev->kobj.state_in_sysfs;
}
EXPORT_SYMBOL_GPL(device_is_registered);

/**
 * device_del - undo device_add()
 * @dev: the device
 *
 * Context: process; may sleep (the driver's remove runs; waits for its attribute
 * files' calls under way). Files still open answer -ENODEV from then on.
 */
void device_del(struct device *dev)
{
	struct device *parent = dev->parent;
	struct kobject *glue_dir;

	device_lock(dev);
	kill_device(dev);
	device_unlock(dev);

	bus_notify(dev, BUS_NOTIFY_DEL_DEVICE);
	if (parent) {
		mutex_lock(&driver_core_lists);
		list_del_init(&dev->p->parent_node);
		mutex_unlock(&driver_core_lists);
	}
	if (MAJOR(dev->devt)) {
		devtmpfs_delete_node(dev);
		device_remove_sys_dev_entry(dev);
		device_remove_file(dev, &dev_attr_dev);
	}
	if (dev->class) {
		device_remove_class_symlinks(dev);
		mutex_lock(&driver_core_lists);
		list_del_init(&dev->p->class_node);
		mutex_unlock(&driver_core_lists);
	}
	device_remove_file(dev, &dev_attr_uevent);
	device_remove_attrs(dev);
	bus_remove_device(dev);
	driver_deferred_probe_del(dev);
	devres_release_all(dev);
	bus_notify(dev, BUS_NOTIFY_REMOVED_DEVICE);
	kobject_uevent(&dev->kobj, KOBJ_REMOVE);
	glue_dir = dev->kobj.parent;
	kobject_del(&dev->kobj);
	cleanup_glue_dir(dev, glue_dir);
	put_device(parent);
}
EXPORT_SYMBOL_GPL(device_del);

/**
 * device_unregister - device_del() then put_device()
 * @dev: the device
 *
 * Context: process; may sleep.
 */
void device_unregister(struct device *dev)
{
	pr_debug("device: '%s': %s\n", dev_name(dev), __func__);
	device_del(dev);
	put_device(dev);
}
EXPORT_SYMBOL_GPL(device_unregister);

/* ---- walks ---- */

struct device **device_list_snapshot(struct list_head *head, size_t node_offset, size_t *count)
{
	struct list_head *pos;
	struct device **devs;
	size_t n = 0, i = 0;

	mutex_lock(&driver_core_lists);
	list_for_each(pos, head)
		n++;
	devs = kmalloc_array(n ? n : 1, sizeof(*devs), GFP_KERNEL);
	if (devs)
		list_for_each(pos, head) {
			struct device_private *p = (void *)((char *)pos - node_offset);

			devs[i++] = get_device(p->device);
		}
	mutex_unlock(&driver_core_lists);
	*count = devs ? n : 0;
	return devs;
}

void device_list_snapshot_put(struct device **devs, size_t count)
{
	for (size_t i = 0; i < count; i++)
		put_device(devs[i]);
	kfree(devs);
}

/* The index after start in a snapshot (0 without start). */
static size_t snapshot_skip(struct device **devs, size_t n, struct device *start)
{
	size_t i = 0;

	if (start)
		while (i < n && devs[i++] != start)
			;
	return i;
}

int device_list_for_each(struct list_head *head, size_t node_offset, struct device *start,
			 void *data, int (*fn)(struct device *, void *))
{
	size_t n, i;
	struct device **devs = device_list_snapshot(head, node_offset, &n);
	int error = 0;

	for (i = snapshot_skip(devs, n, start); i < n && !error; i++)
		error = fn(devs[i], data);
	device_list_snapshot_put(devs, n);
	return error;
}

struct device *device_list_find(struct list_head *head, size_t node_offset,
				struct device *start, const void *data,
				int (*match)(struct device *, const void *))
{
	size_t n, i;
	struct device **devs = device_list_snapshot(head, node_offset, &n), *found = NULL;

	for (i = snapshot_skip(devs, n, start); i < n && !found; i++)
		if (match(devs[i], data))
			found = get_device(devs[i]);
	device_list_snapshot_put(devs, n);
	return found;
}

/**
 * device_for_each_child - call fn for each child of a device, in order of addition
 * @parent: the device
 * @data: for fn
 * @fn: stops the walk by returning nonzero
 *
 * Context: process. Returns what stopped the walk, or 0.
 */
int device_for_each_child(struct device *parent, void *data,
			  int (*fn)(struct device *dev, void *data))
{
	if (!parent || !parent->p)
		return 0;
	return device_list_for_each(&parent->p->children,
				    offsetof(struct device_private, parent_node), NULL, data, fn);
}
EXPORT_SYMBOL_GPL(device_for_each_child);

/**
 * device_for_each_child_reverse - call a function for each child of a device, newest first
 * @parent: the device
 * @data: passed to @fn
 * @fn: called for each child; a nonzero return stops the walk
 *
 * The children are those at the call (each held by a reference while @fn runs).
 *
 * Context: process context; @fn may sleep.
 * Return: 0, or what @fn returned to stop the walk.
 */
int device_for_each_child_reverse(struct device *parent, void *data,
				  int (*fn)(struct device *dev, void *data))
{
	struct device **devs;
	size_t n;
	int error = 0;

	if (!parent || !parent->p)
		return 0;
	devs = device_list_snapshot(&parent->p->children,
				    offsetof(struct device_private, parent_node), &n);
	for (size_t i = n; i > 0 && !error; i--)
		error = fn(devs[i - 1], data);
	device_list_snapshot_put(devs, n);
	return error;
}
EXPORT_SYMBOL_GPL(device_for_each_child_reverse);

/**
 * device_find_child - the first child of a device match accepts
 * @parent: the device
 * @data: for match
 * @match: nonzero for the one wanted
 *
 * Context: process. Returns it with a reference (put_device) or NULL.
 */
struct device *device_find_child(struct device *parent, void *data,
				 int (*match)(struct device *dev, void *data))
{
	struct device **devs, *found = NULL;
	size_t n;

	if (!parent || !parent->p)
		return NULL;
	devs = device_list_snapshot(&parent->p->children,
				    offsetof(struct device_private, parent_node), &n);
	for (size_t i = 0; i < n && !found; i++)
		if (match(devs[i], data))
			found = get_device(devs[i]);
	device_list_snapshot_put(devs, n);
	return found;
}
EXPORT_SYMBOL_GPL(device_find_child);

static int match_name(struct device *dev, void *data)
{
	return sysfs_streq(dev_name(dev), data);
}

/**
 * device_find_child_by_name - find a device's child by name
 * @parent: the device
 * @name: the name
 *
 * Context: process context.
 * Return: the child with a new reference (put_device() it), or NULL.
 */
struct device *device_find_child_by_name(struct device *parent, const char *name)
{
	return device_find_child(parent, (void *)name, match_name);
}
EXPORT_SYMBOL_GPL(device_find_child_by_name);

/**
 * device_match_name - a match function for devices by name
 * @dev: the device
 * @name: the name (a trailing newline is ignored, as sysfs_streq() does)
 *
 * Context: any context.
 * Return: nonzero on a match.
 */
int device_match_name(struct device *dev, const void *name)
{
	return sysfs_streq(dev_name(dev), name);
}
EXPORT_SYMBOL_GPL(device_match_name);

/**
 * device_match_of_node - a match function for devices by device-tree node
 * @dev: the device
 * @np: the node
 *
 * Context: any context.
 * Return: nonzero if @dev->of_node is @np.
 */
int device_match_of_node(struct device *dev, const void *np)
{
	return dev->of_node == np;
}
EXPORT_SYMBOL_GPL(device_match_of_node);

/**
 * device_match_fwnode - a match function for devices by firmware node
 * @dev: the device
 * @fwnode: the node
 *
 * Context: any context.
 * Return: nonzero if @dev->fwnode is @fwnode.
 */
int device_match_fwnode(struct device *dev, const void *fwnode)
{
	return dev->fwnode == fwnode;
}
EXPORT_SYMBOL_GPL(device_match_fwnode);

/**
 * device_match_devt - a match function for devices by device number
 * @dev: the device
 * @pdevt: the dev_t, by pointer
 *
 * Context: any context.
 * Return: nonzero if @dev->devt matches.
 */
int device_match_devt(struct device *dev, const void *pdevt)
{
	return dev->devt == *(const dev_t *)pdevt;
}
EXPORT_SYMBOL_GPL(device_match_devt);

/**
 * device_match_acpi_dev - a match function for devices by ACPI companion
 * @dev: the device
 * @adev: the ACPI device
 *
 * ukmem has no ACPI, so nothing matches.
 *
 * Context: any context.
 * Return: 0.
 */
int device_match_acpi_dev(struct device *dev, const void *adev)
{
	return 0;
}
EXPORT_SYMBOL(device_match_acpi_dev);

/**
 * device_match_any - a match function that accepts every device
 * @dev: the device
 * @unused: unused
 *
 * Context: any context.
 * Return: 1.
 */
int device_match_any(struct device *dev, const void *unused)
{
	return 1;
}
EXPORT_SYMBOL_GPL(device_match_any);

/**
 * device_rename - rename a device in sysfs (and its class link)
 * @dev: the device
 * @new_name: its new name
 *
 * Context: process. Returns 0 or -errno.
 */
int device_rename(struct device *dev, const char *new_name)
{
	struct kobject *kobj = &dev->kobj;
	char *old_device_name;
	int error;

	dev = get_device(dev);
	if (!dev)
		return -EINVAL;
	old_device_name = kstrdup(dev_name(dev), GFP_KERNEL);
	if (!old_device_name) {
		put_device(dev);
		return -ENOMEM;
	}
	if (dev->class) {
		error = sysfs_rename_link_ns(&dev->class->p->subsys.kobj, kobj,
					     old_device_name, new_name, NULL);
		if (error)
			goto out;
	}
	error = kobject_rename(kobj, new_name);
out:
	put_device(dev);
	kfree(old_device_name);
	return error;
}
EXPORT_SYMBOL_GPL(device_rename);

/* ---- device_create ---- */

static void device_create_release(struct device *dev)
{
	pr_debug("device: '%s': %s\n", dev_name(dev), __func__);
	kfree(dev);
}

static __printf(6, 0) struct device *
device_create_groups_vargs(struct class *class, struct device *parent, dev_t devt,
			   void *drvdata, const struct attribute_group **groups,
			   const char *fmt, va_list args)
{
	struct device *dev;
	int retval;

	if (IS_ERR_OR_NULL(class))
		return ERR_PTR(-ENODEV);
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	device_initialize(dev);
	dev->devt = devt;
	dev->class = class;
	dev->parent = parent;
	dev->groups = groups;
	dev->release = device_create_release;
	dev_set_drvdata(dev, drvdata);
	retval = kobject_set_name_vargs(&dev->kobj, fmt, args);
	if (!retval)
		retval = device_add(dev);
	if (retval) {
		put_device(dev);
		return ERR_PTR(retval);
	}
	return dev;
}

/**
 * device_create - make and add a class device, with its /dev node if devt is set
 * @class: the class
 * @parent: its parent (NULL: /sys/devices/virtual/<class>)
 * @devt: its device number (0: none)
 * @drvdata: dev_get_drvdata's value
 * @fmt: its name
 *
 * Context: process; may sleep. Returns it or an ERR_PTR; device_destroy() or
 * device_unregister() removes it.
 */
struct device *device_create(struct class *class, struct device *parent, dev_t devt,
			     void *drvdata, const char *fmt, ...)
{
	va_list vargs;
	struct device *dev;

	va_start(vargs, fmt);
	dev = device_create_groups_vargs(class, parent, devt, drvdata, NULL, fmt, vargs);
	va_end(vargs);
	return dev;
}
EXPORT_SYMBOL_GPL(device_create);

/**
 * device_create_with_groups - create and register a class device with attribute groups
 * @class: the class
 * @parent: the parent device, or NULL
 * @devt: the device number; nonzero gives a "dev" file and a /dev node
 * @drvdata: the driver data
 * @groups: attribute groups created with the device, NULL-terminated, or NULL
 * @fmt: printf format of its name, and its arguments
 *
 * Context: process context; may sleep.
 * Return: the device, or an ERR_PTR() (-ENOMEM, -EEXIST, ...).
 */
struct device *device_create_with_groups(struct class *class, struct device *parent,
					 dev_t devt, void *drvdata,
					 const struct attribute_group **groups,
					 const char *fmt, ...)
{
	va_list vargs;
	struct device *dev;

	va_start(vargs, fmt);
	dev = device_create_groups_vargs(class, parent, devt, drvdata, groups, fmt, vargs);
	va_end(vargs);
	return dev;
}
EXPORT_SYMBOL_GPL(device_create_with_groups);

/**
 * device_destroy - remove the class device with a device number
 * @class: the class
 * @devt: the number
 *
 * Context: process; may sleep. No such device: nothing.
 */
void device_destroy(struct class *class, dev_t devt)
{
	struct device *dev = class_find_device_by_devt(class, devt);

	if (dev) {
		put_device(dev);
		device_unregister(dev);
	}
}
EXPORT_SYMBOL_GPL(device_destroy);

/* ---- root devices ---- */

struct root_device {
	struct device dev;
	struct module *owner;
};

static void root_device_release(struct device *dev)
{
	kfree(container_of(dev, struct root_device, dev));
}

/**
 * __root_device_register - a device at /sys/devices/<name> to hang others from
 * @name: its name
 * @owner: the module making it
 *
 * Context: process. Returns it or an ERR_PTR; root_device_unregister() removes it.
 */
struct device *__root_device_register(const char *name, struct module *owner)
{
	struct root_device *root = kzalloc(sizeof(*root), GFP_KERNEL);
	int err;

	if (!root)
		return ERR_PTR(-ENOMEM);
	err = dev_set_name(&root->dev, "%s", name);
	if (err) {
		kfree(root);
		return ERR_PTR(err);
	}
	root->dev.release = root_device_release;
	err = device_register(&root->dev);
	if (err) {
		put_device(&root->dev);
		return ERR_PTR(err);
	}
	root->owner = owner;
	return &root->dev;
}
EXPORT_SYMBOL_GPL(__root_device_register);

/**
 * root_device_unregister - unregister a device made by root_device_register()
 * @dev: the device
 *
 * Context: process context; may sleep.
 */
void root_device_unregister(struct device *dev)
{
	device_unregister(dev);
}
EXPORT_SYMBOL_GPL(root_device_unregister);

/* ---- boot ---- */

int devices_init(void)
{
	devices_kset = kset_create_and_add("devices", &device_uevent_ops, NULL);
	if (!devices_kset)
		return -ENOMEM;
	dev_kobj = kobject_create_and_add("dev", NULL);
	if (!dev_kobj)
		goto dev_kobj_err;
	sysfs_dev_block_kobj = kobject_create_and_add("block", dev_kobj);
	if (!sysfs_dev_block_kobj)
		goto block_kobj_err;
	sysfs_dev_char_kobj = kobject_create_and_add("char", dev_kobj);
	if (!sysfs_dev_char_kobj)
		goto char_kobj_err;
	return 0;

char_kobj_err:
	kobject_put(sysfs_dev_block_kobj);
block_kobj_err:
	kobject_put(dev_kobj);
dev_kobj_err:
	kset_unregister(devices_kset);
	return -ENOMEM;
}

void devices_exit(void)
{
	kobject_put(virtual_dir);
	virtual_dir = NULL;
	kobject_put(sysfs_dev_char_kobj);
	kobject_put(sysfs_dev_block_kobj);
	kobject_put(dev_kobj);
	kset_unregister(devices_kset);
	sysfs_dev_char_kobj = sysfs_dev_block_kobj = dev_kobj = NULL;
	devices_kset = NULL;
}
