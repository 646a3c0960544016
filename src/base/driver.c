// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/driver.c: registering drivers, as Linux 6.1's: a driver joins its bus (a
 * directory in /sys/bus/<bus>/drivers, and binding to every matching unbound device),
 * its groups are made, and the "add" uevent goes out. A name already registered on the
 * bus is refused with Linux's message and -EBUSY. Also the driver_override helper the
 * buses' sysfs files share. */
#include <errno.h>
#include <string.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "base/base.h"

/**
 * driver_for_each_device - call fn for each device bound to a driver
 * @drv: the driver
 * @start: begin after this device (NULL: at the first)
 * @data: for fn
 * @fn: stops the walk by returning nonzero
 *
 * Context: process. Returns what stopped the walk, or 0.
 */
int driver_for_each_device(struct device_driver *drv, struct device *start, void *data,
			   int (*fn)(struct device *, void *))
{
	if (!drv || !drv->p)
		return -EINVAL;
	return device_list_for_each(&drv->p->devices,
				    offsetof(struct device_private, driver_node), start, data, fn);
}
EXPORT_SYMBOL_GPL(driver_for_each_device);

/**
 * driver_find_device - the first device bound to a driver that match accepts
 * @drv: the driver
 * @start: begin after this device (NULL: at the first)
 * @data: for match
 * @match: nonzero for the one wanted
 *
 * Context: process. Returns it with a reference (put_device) or NULL.
 */
struct device *driver_find_device(struct device_driver *drv, struct device *start,
				  const void *data,
				  int (*match)(struct device *dev, const void *data))
{
	if (!drv || !drv->p)
		return NULL;
	return device_list_find(&drv->p->devices, offsetof(struct device_private, driver_node),
				start, data, match);
}
EXPORT_SYMBOL_GPL(driver_find_device);

/**
 * driver_create_file - make an attribute file in a driver's directory
 * @drv: the driver (registered)
 * @attr: the attribute
 *
 * Context: process. Returns 0 or -errno.
 */
int driver_create_file(struct device_driver *drv, const struct driver_attribute *attr)
{
	if (!drv || !drv->p)
		return -EINVAL;
	return sysfs_create_file(&drv->p->kobj, &attr->attr);
}
EXPORT_SYMBOL_GPL(driver_create_file);

/**
 * driver_remove_file - remove an attribute file from a driver's sysfs directory
 * @drv: the driver
 * @attr: the attribute
 *
 * Context: process context; may sleep.
 */
void driver_remove_file(struct device_driver *drv, const struct driver_attribute *attr)
{
	if (drv && drv->p)
		sysfs_remove_file(&drv->p->kobj, &attr->attr);
}
EXPORT_SYMBOL_GPL(driver_remove_file);

int driver_add_groups(struct device_driver *drv, const struct attribute_group **groups)
{
	return sysfs_create_groups(&drv->p->kobj, groups);
}

void driver_remove_groups(struct device_driver *drv, const struct attribute_group **groups)
{
	sysfs_remove_groups(&drv->p->kobj, groups);
}

/**
 * driver_find - the driver registered on a bus under a name
 * @name: the name
 * @bus: the bus
 *
 * Context: process. Returns the driver (no reference is kept, as in Linux) or NULL.
 */
struct device_driver *driver_find(const char *name, struct bus_type *bus)
{
	struct kobject *k;
	struct driver_private *priv;

	if (!bus || !bus->p || !bus->p->drivers_kset)
		return NULL;
	k = kset_find_obj(bus->p->drivers_kset, name);
	if (k) {
		/* drop the reference: the driver's own registration holds it */
		kobject_put(k);
		priv = to_driver(k);
		return priv->driver;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(driver_find);

/**
 * driver_register - register a driver with its bus
 * @drv: the driver (name and bus set)
 *
 * Context: process; may sleep (probes run). Returns 0 or -errno: -EINVAL for a bus not
 * registered, -EBUSY for a name taken.
 */
int driver_register(struct device_driver *drv)
{
	struct device_driver *other;
	int ret;

	if (!drv->bus || !drv->bus->p) {
		pr_err("Driver '%s' was unable to register with bus_type '%s' because the bus was not initialized.\n",
		       drv->name, drv->bus ? drv->bus->name : "(null)");
		return -EINVAL;
	}
	if ((drv->bus->probe && drv->probe) || (drv->bus->remove && drv->remove) ||
	    (drv->bus->shutdown && drv->shutdown))
		pr_warn("Driver '%s' needs updating - please use bus_type methods\n", drv->name);
	other = driver_find(drv->name, drv->bus);
	if (other) {
		pr_err("Error: Driver '%s' is already registered, aborting...\n", drv->name);
		return -EBUSY;
	}
	ret = bus_add_driver(drv);
	if (ret)
		return ret;
	ret = driver_add_groups(drv, drv->groups);
	if (ret) {
		bus_remove_driver(drv);
		return ret;
	}
	kobject_uevent(&drv->p->kobj, KOBJ_ADD);
	return ret;
}
EXPORT_SYMBOL_GPL(driver_register);

/**
 * driver_unregister - unbind a driver from its devices and remove it
 * @drv: the driver
 *
 * Context: process; may sleep (removes run).
 */
void driver_unregister(struct device_driver *drv)
{
	if (!drv || !drv->p) {
		WARN(1, "Unexpected driver unregister!\n");
		return;
	}
	driver_remove_groups(drv, drv->groups);
	bus_remove_driver(drv);
}
EXPORT_SYMBOL_GPL(driver_unregister);

/**
 * driver_set_override - set or clear a device's driver_override from sysfs text
 * @dev: the device (its lock guards *@override)
 * @override: the bus's field (pdev->driver_override)
 * @s: the text written, not NUL-terminated; a newline ends it
 * @len: its length
 *
 * Text up to the first newline becomes the only driver name the device may bind to;
 * an empty text or a lone newline clears it. The old string is freed.
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL (no field or text, or @len of PAGE_SIZE - 1 or more: the value must
 * fit a sysfs read with its newline), -ENOMEM.
 */
int driver_set_override(struct device *dev, const char **override, const char *s, size_t len)
{
	const char *old, *nl;
	char *new = NULL;

	if (!override || !s)
		return -EINVAL;
	if (len >= PAGE_SIZE - 1)
		return -EINVAL;
	nl = len ? strnchr(s, len, '\n') : NULL;
	if (nl)
		len = (size_t)(nl - s);
	if (len) {
		new = kstrndup(s, len, GFP_KERNEL);
		if (!new)
			return -ENOMEM;
	}
	device_lock(dev);
	old = *override;
	*override = new;
	device_unlock(dev);
	kfree(old);
	return 0;
}
EXPORT_SYMBOL_GPL(driver_set_override);
