// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/bus.c: buses, as Linux 6.1's. A registered bus is /sys/bus/<name> (a kset in
 * bus_kset) with devices/, drivers/, uevent, drivers_probe and drivers_autoprobe; each
 * device on it is linked from devices/ and links back through "subsystem"; each driver
 * is a directory in drivers/ with bind, unbind and uevent. The bus notifier hears of
 * every device's arrival, binding and departure.
 *
 * Invariants: bus->p lives from bus_register to the last reference on its kset (the
 * bus's release clears it); the device and driver lists are under driver_core_lists. */
#include <errno.h>
#include <string.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "base/base.h"

static struct kset *bus_kset;
static struct kset *system_kset;

#define to_bus_attr(_attr) container_of(_attr, struct bus_attribute, attr)
#define to_drv_attr(_attr) container_of(_attr, struct driver_attribute, attr)

static struct bus_type *bus_get(struct bus_type *bus)
{
	if (bus) {
		kset_get(&bus->p->subsys);
		return bus;
	}
	return NULL;
}

static void bus_put(struct bus_type *bus)
{
	if (bus)
		kset_put(&bus->p->subsys);
}

/* ---- driver directories ---- */

static ssize_t drv_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct driver_attribute *drv_attr = to_drv_attr(attr);
	struct driver_private *drv_priv = to_driver(kobj);

	return drv_attr->show ? drv_attr->show(drv_priv->driver, buf) : -EIO;
}

static ssize_t drv_attr_store(struct kobject *kobj, struct attribute *attr,
			      const char *buf, size_t count)
{
	struct driver_attribute *drv_attr = to_drv_attr(attr);
	struct driver_private *drv_priv = to_driver(kobj);

	return drv_attr->store ? drv_attr->store(drv_priv->driver, buf, count) : -EIO;
}

static const struct sysfs_ops driver_sysfs_ops = {
	.show	= drv_attr_show,
	.store	= drv_attr_store,
};

static void driver_release(struct kobject *kobj)
{
	kfree(to_driver(kobj));
}

static const struct kobj_type driver_ktype = {
	.sysfs_ops	= &driver_sysfs_ops,
	.release	= driver_release,
};

/* ---- bus directories ---- */

static ssize_t bus_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct bus_attribute *bus_attr = to_bus_attr(attr);
	struct subsys_private *subsys_priv = to_subsys_private(kobj);

	return bus_attr->show ? bus_attr->show(subsys_priv->bus, buf) : -EIO;
}

static ssize_t bus_attr_store(struct kobject *kobj, struct attribute *attr,
			      const char *buf, size_t count)
{
	struct bus_attribute *bus_attr = to_bus_attr(attr);
	struct subsys_private *subsys_priv = to_subsys_private(kobj);

	return bus_attr->store ? bus_attr->store(subsys_priv->bus, buf, count) : -EIO;
}

static const struct sysfs_ops bus_sysfs_ops = {
	.show	= bus_attr_show,
	.store	= bus_attr_store,
};

/**
 * bus_create_file - make an attribute file in /sys/bus/<name>
 * @bus: the bus
 * @attr: the attribute
 *
 * Context: process. Returns 0 or -errno.
 */
int bus_create_file(struct bus_type *bus, struct bus_attribute *attr)
{
	int error;

	if (!bus_get(bus))
		return -EINVAL;
	error = sysfs_create_file(&bus->p->subsys.kobj, &attr->attr);
	bus_put(bus);
	return error;
}
EXPORT_SYMBOL_GPL(bus_create_file);

/**
 * bus_remove_file - remove an attribute file from a bus's sysfs directory
 * @bus: the bus
 * @attr: the attribute
 *
 * Context: process context; may sleep.
 */
void bus_remove_file(struct bus_type *bus, struct bus_attribute *attr)
{
	if (bus_get(bus)) {
		sysfs_remove_file(&bus->p->subsys.kobj, &attr->attr);
		bus_put(bus);
	}
}
EXPORT_SYMBOL_GPL(bus_remove_file);

static void bus_release(struct kobject *kobj)
{
	struct subsys_private *priv = to_subsys_private(kobj);
	struct bus_type *bus = priv->bus;

	kfree(priv);
	bus->p = NULL;
}

static const struct kobj_type bus_ktype = {
	.sysfs_ops	= &bus_sysfs_ops,
	.release	= bus_release,
};

static int bus_uevent_filter(struct kobject *kobj)
{
	return kobj->ktype == &bus_ktype;
}

static const struct kset_uevent_ops bus_uevent_ops = {
	.filter = bus_uevent_filter,
};

/* ---- walks ---- */

/**
 * bus_for_each_dev - call fn for each device on a bus
 * @bus: the bus
 * @start: begin after this device (NULL: at the first)
 * @data: for fn
 * @fn: stops the walk by returning nonzero
 *
 * Context: process. Returns what stopped the walk, or 0. fn may bind and unregister.
 */
int bus_for_each_dev(struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *, void *))
{
	if (!bus || !bus->p)
		return -EINVAL;
	return device_list_for_each(&bus->p->devices, offsetof(struct device_private, bus_node),
				    start, data, fn);
}
EXPORT_SYMBOL_GPL(bus_for_each_dev);

/**
 * bus_find_device - the first device on a bus that match accepts
 * @bus: the bus
 * @start: begin after this device (NULL: at the first)
 * @data: for match
 * @match: nonzero for the one wanted
 *
 * Context: process. Returns it with a reference (put_device) or NULL.
 */
struct device *bus_find_device(struct bus_type *bus, struct device *start, const void *data,
			       int (*match)(struct device *dev, const void *data))
{
	if (!bus || !bus->p)
		return NULL;
	return device_list_find(&bus->p->devices, offsetof(struct device_private, bus_node),
				start, data, match);
}
EXPORT_SYMBOL_GPL(bus_find_device);

/**
 * bus_for_each_drv - call fn for each driver on a bus
 * @bus: the bus
 * @start: begin after this driver (NULL: at the first)
 * @data: for fn
 * @fn: stops the walk by returning nonzero
 *
 * Context: process. Returns what stopped the walk, or 0.
 */
int bus_for_each_drv(struct bus_type *bus, struct device_driver *start, void *data,
		     int (*fn)(struct device_driver *, void *))
{
	struct driver_private *priv, **privs;
	size_t n = 0, i = 0;
	int error = 0;

	if (!bus || !bus->p)
		return -EINVAL;
	mutex_lock(&driver_core_lists);
	list_for_each_entry(priv, &bus->p->drivers, bus_node)
		n++;
	privs = kmalloc_array(n ? n : 1, sizeof(*privs), GFP_KERNEL);
	if (privs)
		list_for_each_entry(priv, &bus->p->drivers, bus_node) {
			kobject_get(&priv->kobj);
			privs[i++] = priv;
		}
	mutex_unlock(&driver_core_lists);
	if (!privs)
		return -ENOMEM;
	i = 0;
	if (start)
		while (i < n && privs[i++]->driver != start)
			;
	for (; i < n && !error; i++)
		error = fn(privs[i]->driver, data);
	for (i = 0; i < n; i++)
		kobject_put(&privs[i]->kobj);
	kfree(privs);
	return error;
}
EXPORT_SYMBOL_GPL(bus_for_each_drv);

/* ---- the bus's and drivers' control files ---- */

static ssize_t unbind_store(struct device_driver *drv, const char *buf, size_t count)
{
	struct bus_type *bus = bus_get(drv->bus);
	struct device *dev;
	ssize_t err = -ENODEV;

	dev = bus_find_device_by_name(bus, NULL, buf);
	if (dev && dev->driver == drv) {
		device_release_driver_internal(dev, drv, dev->parent);
		err = (ssize_t)count;
	}
	put_device(dev);
	bus_put(bus);
	return err;
}
static struct driver_attribute driver_attr_unbind = __ATTR(unbind, 0200, NULL, unbind_store);

static ssize_t bind_store(struct device_driver *drv, const char *buf, size_t count)
{
	struct bus_type *bus = bus_get(drv->bus);
	struct device *dev;
	ssize_t err = -ENODEV;

	dev = bus_find_device_by_name(bus, NULL, buf);
	if (dev && driver_match_device(drv, dev)) {
		err = device_driver_attach(drv, dev);
		if (!err)
			err = (ssize_t)count;
	}
	put_device(dev);
	bus_put(bus);
	return err;
}
static struct driver_attribute driver_attr_bind = __ATTR(bind, 0200, NULL, bind_store);

static ssize_t drivers_autoprobe_show(struct bus_type *bus, char *buf)
{
	return sysfs_emit(buf, "%d\n", bus->p->drivers_autoprobe);
}

static ssize_t drivers_autoprobe_store(struct bus_type *bus, const char *buf, size_t count)
{
	bus->p->drivers_autoprobe = buf[0] != '0';
	return (ssize_t)count;
}

static int bus_rescan_devices_helper(struct device *dev, void *data)
{
	int ret = 0;

	if (!dev->driver) {
		if (dev->parent && dev->bus->need_parent_lock)
			device_lock(dev->parent);
		ret = device_attach(dev);
		if (dev->parent && dev->bus->need_parent_lock)
			device_unlock(dev->parent);
	}
	return ret < 0 ? ret : 0;
}

static ssize_t drivers_probe_store(struct bus_type *bus, const char *buf, size_t count)
{
	struct device *dev;
	ssize_t err = -EINVAL;

	dev = bus_find_device_by_name(bus, NULL, buf);
	if (!dev)
		return -ENODEV;
	if (bus_rescan_devices_helper(dev, NULL) == 0)
		err = (ssize_t)count;
	put_device(dev);
	return err;
}

static BUS_ATTR_WO(drivers_probe);
static BUS_ATTR_RW(drivers_autoprobe);

static ssize_t bus_uevent_store(struct bus_type *bus, const char *buf, size_t count)
{
	int rc = kobject_synth_uevent(&bus->p->subsys.kobj, buf, count);

	return rc ? rc : (ssize_t)count;
}
static struct bus_attribute bus_attr_uevent = __ATTR(uevent, 0200, NULL, bus_uevent_store);

static ssize_t driver_uevent_store(struct device_driver *drv, const char *buf, size_t count)
{
	int rc = kobject_synth_uevent(&drv->p->kobj, buf, count);

	return rc ? rc : (ssize_t)count;
}
static struct driver_attribute driver_attr_uevent = __ATTR(uevent, 0200, NULL, driver_uevent_store);

/**
 * bus_rescan_devices - try to bind every unbound device on a bus
 * @bus: the bus
 *
 * Context: process; may sleep. Returns 0 or the first error.
 */
int bus_rescan_devices(struct bus_type *bus)
{
	return bus_for_each_dev(bus, NULL, NULL, bus_rescan_devices_helper);
}
EXPORT_SYMBOL_GPL(bus_rescan_devices);

/* ---- devices on the bus ---- */

void bus_notify(struct device *dev, unsigned long action)
{
	if (dev->bus && dev->bus->p)
		blocking_notifier_call_chain(&dev->bus->p->bus_notifier, action, dev);
}

int bus_add_device(struct device *dev)
{
	struct bus_type *bus = bus_get(dev->bus);
	int error;

	if (!bus)
		return 0;
	pr_debug("bus: '%s': add device %s\n", bus->name, dev_name(dev));
	error = device_add_groups(dev, bus->dev_groups);
	if (error)
		goto out_put;
	error = sysfs_create_link(&bus->p->devices_kset->kobj, &dev->kobj, dev_name(dev));
	if (error)
		goto out_groups;
	error = sysfs_create_link(&dev->kobj, &dev->bus->p->subsys.kobj, "subsystem");
	if (error)
		goto out_subsys;
	mutex_lock(&driver_core_lists);
	list_add_tail(&dev->p->bus_node, &bus->p->devices);
	mutex_unlock(&driver_core_lists);
	return 0;

out_subsys:
	sysfs_remove_link(&bus->p->devices_kset->kobj, dev_name(dev));
out_groups:
	device_remove_groups(dev, bus->dev_groups);
out_put:
	bus_put(dev->bus);
	return error;
}

void bus_probe_device(struct device *dev)
{
	struct bus_type *bus = dev->bus;

	if (!bus)
		return;
	if (bus->p->drivers_autoprobe)
		device_initial_probe(dev);
}

void bus_remove_device(struct device *dev)
{
	struct bus_type *bus = dev->bus;

	if (!bus)
		return;
	sysfs_remove_link(&dev->kobj, "subsystem");
	sysfs_remove_link(&dev->bus->p->devices_kset->kobj, dev_name(dev));
	device_remove_groups(dev, dev->bus->dev_groups);
	mutex_lock(&driver_core_lists);
	list_del_init(&dev->p->bus_node);
	mutex_unlock(&driver_core_lists);
	pr_debug("bus: '%s': remove device %s\n", dev->bus->name, dev_name(dev));
	device_release_driver(dev);
	bus_put(dev->bus);
}

/* ---- drivers on the bus ---- */

static int add_bind_files(struct device_driver *drv)
{
	int ret = driver_create_file(drv, &driver_attr_unbind);

	if (ret == 0) {
		ret = driver_create_file(drv, &driver_attr_bind);
		if (ret)
			driver_remove_file(drv, &driver_attr_unbind);
	}
	return ret;
}

static void remove_bind_files(struct device_driver *drv)
{
	driver_remove_file(drv, &driver_attr_bind);
	driver_remove_file(drv, &driver_attr_unbind);
}

int bus_add_driver(struct device_driver *drv)
{
	struct bus_type *bus = bus_get(drv->bus);
	struct driver_private *priv;
	int error;

	if (!bus)
		return -EINVAL;
	pr_debug("bus: '%s': add driver %s\n", bus->name, drv->name);
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv) {
		error = -ENOMEM;
		goto out_put_bus;
	}
	INIT_LIST_HEAD(&priv->devices);
	INIT_LIST_HEAD(&priv->bus_node);
	init_waitqueue_head(&priv->probe_wq);
	priv->driver = drv;
	drv->p = priv;
	priv->kobj.kset = bus->p->drivers_kset;
	error = kobject_init_and_add(&priv->kobj, &driver_ktype, NULL, "%s", drv->name);
	if (error)
		goto out_unregister;
	mutex_lock(&driver_core_lists);
	list_add_tail(&priv->bus_node, &bus->p->drivers);
	mutex_unlock(&driver_core_lists);
	if (drv->bus->p->drivers_autoprobe) {
		error = driver_attach(drv);
		if (error)
			goto out_del_list;
	}
	module_add_driver(drv->owner, drv);
	error = driver_create_file(drv, &driver_attr_uevent);
	if (error)
		pr_err("%s: uevent attr (%s) failed\n", __func__, drv->name);
	error = driver_add_groups(drv, bus->drv_groups);
	if (error)
		pr_err("%s: driver_add_groups(%s) failed\n", __func__, drv->name);
	if (!drv->suppress_bind_attrs) {
		error = add_bind_files(drv);
		if (error)
			pr_err("%s: add_bind_files(%s) failed\n", __func__, drv->name);
	}
	return 0;

out_del_list:
	mutex_lock(&driver_core_lists);
	list_del_init(&priv->bus_node);
	mutex_unlock(&driver_core_lists);
out_unregister:
	kobject_put(&priv->kobj);
	drv->p = NULL;
out_put_bus:
	bus_put(bus);
	return error;
}

void bus_remove_driver(struct device_driver *drv)
{
	struct driver_private *priv;

	if (!drv->bus)
		return;
	if (!drv->suppress_bind_attrs)
		remove_bind_files(drv);
	driver_remove_groups(drv, drv->bus->drv_groups);
	driver_remove_file(drv, &driver_attr_uevent);
	mutex_lock(&driver_core_lists);
	list_del_init(&drv->p->bus_node);
	mutex_unlock(&driver_core_lists);
	priv = drv->p;
	/* no probe with it starts now (driver_probe_begin); those under way end bound or
	 * not, and the bound ones are detached */
	wait_event(priv->probe_wq, !atomic_read(&priv->probing));
	driver_detach(drv);
	module_remove_driver(drv);
	pr_debug("bus: '%s': remove driver %s\n", drv->bus->name, drv->name);
	mutex_lock(&driver_core_lists);
	drv->p = NULL;
	mutex_unlock(&driver_core_lists);
	/* out of sysfs and the kset now, though a walk of the drivers may hold it a while:
	 * the driver can be registered again at once */
	kobject_del(&priv->kobj);
	kobject_put(&priv->kobj);
	bus_put(drv->bus);
}

/* ---- registration ---- */

static int add_probe_files(struct bus_type *bus)
{
	int retval = bus_create_file(bus, &bus_attr_drivers_probe);

	if (retval)
		return retval;
	retval = bus_create_file(bus, &bus_attr_drivers_autoprobe);
	if (retval)
		bus_remove_file(bus, &bus_attr_drivers_probe);
	return retval;
}

static void remove_probe_files(struct bus_type *bus)
{
	bus_remove_file(bus, &bus_attr_drivers_autoprobe);
	bus_remove_file(bus, &bus_attr_drivers_probe);
}

/**
 * bus_register - register a bus: /sys/bus/<name>
 * @bus: the bus (name and methods set)
 *
 * Context: process; may sleep. Returns 0 or -errno (-EEXIST for a name taken).
 */
int bus_register(struct bus_type *bus)
{
	struct subsys_private *priv;
	int retval;

	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->bus = bus;
	bus->p = priv;
	BLOCKING_INIT_NOTIFIER_HEAD(&priv->bus_notifier);
	retval = kobject_set_name(&priv->subsys.kobj, "%s", bus->name);
	if (retval)
		goto out;
	priv->subsys.kobj.kset = bus_kset;
	priv->subsys.kobj.ktype = &bus_ktype;
	priv->drivers_autoprobe = 1;
	INIT_LIST_HEAD(&priv->devices);
	INIT_LIST_HEAD(&priv->drivers);
	INIT_LIST_HEAD(&priv->interfaces);
	mutex_init(&priv->mutex);

	retval = kset_register(&priv->subsys);
	if (retval)
		goto out;
	retval = bus_create_file(bus, &bus_attr_uevent);
	if (retval)
		goto bus_uevent_fail;
	priv->devices_kset = kset_create_and_add("devices", NULL, &priv->subsys.kobj);
	if (!priv->devices_kset) {
		retval = -ENOMEM;
		goto bus_devices_fail;
	}
	priv->drivers_kset = kset_create_and_add("drivers", NULL, &priv->subsys.kobj);
	if (!priv->drivers_kset) {
		retval = -ENOMEM;
		goto bus_drivers_fail;
	}
	retval = add_probe_files(bus);
	if (retval)
		goto bus_probe_files_fail;
	retval = sysfs_create_groups(&priv->subsys.kobj, bus->bus_groups);
	if (retval)
		goto bus_groups_fail;
	pr_debug("bus: '%s': registered\n", bus->name);
	return 0;

bus_groups_fail:
	remove_probe_files(bus);
bus_probe_files_fail:
	kset_unregister(bus->p->drivers_kset);
bus_drivers_fail:
	kset_unregister(bus->p->devices_kset);
bus_devices_fail:
	bus_remove_file(bus, &bus_attr_uevent);
bus_uevent_fail:
	kset_unregister(&bus->p->subsys);	/* the release frees priv */
	return retval;
out:
	kfree_const(priv->subsys.kobj.name);
	kfree(bus->p);
	bus->p = NULL;
	return retval;
}
EXPORT_SYMBOL_GPL(bus_register);

/**
 * bus_unregister - remove a bus
 * @bus: the bus (its drivers and devices should be gone first)
 *
 * Context: process; may sleep.
 */
void bus_unregister(struct bus_type *bus)
{
	pr_debug("bus: '%s': unregistering\n", bus->name);
	if (bus->dev_root)
		device_unregister(bus->dev_root);
	sysfs_remove_groups(&bus->p->subsys.kobj, bus->bus_groups);
	remove_probe_files(bus);
	kset_unregister(bus->p->drivers_kset);
	kset_unregister(bus->p->devices_kset);
	bus_remove_file(bus, &bus_attr_uevent);
	kset_unregister(&bus->p->subsys);
}
EXPORT_SYMBOL_GPL(bus_unregister);

/**
 * bus_register_notifier - be told when devices are added to, bound on or removed from a bus
 * @bus: the bus
 * @nb: the notifier block; called with BUS_NOTIFY_* events and the struct device
 *
 * Context: process context; may sleep (a blocking notifier chain).
 * Return: 0.
 */
int bus_register_notifier(struct bus_type *bus, struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&bus->p->bus_notifier, nb);
}
EXPORT_SYMBOL_GPL(bus_register_notifier);

/**
 * bus_unregister_notifier - stop the calls bus_register_notifier() asked for
 * @bus: the bus
 * @nb: the notifier block
 *
 * Context: process context; may sleep.
 * Return: 0, or -ENOENT if @nb was not registered.
 */
int bus_unregister_notifier(struct bus_type *bus, struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&bus->p->bus_notifier, nb);
}
EXPORT_SYMBOL_GPL(bus_unregister_notifier);

/**
 * bus_get_kset - the kset behind a bus's /sys/bus/NAME directory
 * @bus: the registered bus
 *
 * Context: any context.
 * Return: the kset.
 */
struct kset *bus_get_kset(struct bus_type *bus)
{
	return &bus->p->subsys;
}
EXPORT_SYMBOL_GPL(bus_get_kset);

int buses_init(void)
{
	bus_kset = kset_create_and_add("bus", &bus_uevent_ops, NULL);
	if (!bus_kset)
		return -ENOMEM;
	system_kset = kset_create_and_add("system", NULL, &devices_kset->kobj);
	if (!system_kset) {
		kset_unregister(bus_kset);
		bus_kset = NULL;
		return -ENOMEM;
	}
	return 0;
}

void buses_exit(void)
{
	kset_unregister(system_kset);
	kset_unregister(bus_kset);
	system_kset = NULL;
	bus_kset = NULL;
}
