// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/module.c: a driver and the module that registered it, linked both ways in sysfs
 * as Linux 6.1 links them: /sys/bus/<bus>/drivers/<drv>/module -> /sys/module/<mod>,
 * and /sys/module/<mod>/drivers/<bus>:<drv> -> the driver's directory. A driver of a
 * loaded module finds the module through its owner; a built-in one through mod_name,
 * when /sys/module has that name. The links go when the driver is unregistered. */
#include <linux/device.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "base/base.h"

static DEFINE_MUTEX(drivers_dir_mutex);

/* "<bus>:<driver>", kmalloc'd, or NULL. */
static char *make_driver_name(struct device_driver *drv)
{
	return kasprintf(GFP_KERNEL, "%s:%s", drv->bus->name, drv->name);
}

static void module_create_drivers_dir(struct module_kobject *mk)
{
	mutex_lock(&drivers_dir_mutex);
	if (!mk->drivers_dir)
		mk->drivers_dir = kobject_create_and_add("drivers", &mk->kobj);
	mutex_unlock(&drivers_dir_mutex);
}

/* The module's directory, if it has one in /sys/module. */
static struct module_kobject *driver_module_kobject(struct module *mod,
						    struct device_driver *drv)
{
	struct kobject *kobj;

	if (mod)
		return mod->holders_dir ? &mod->mkobj : NULL;
	if (!drv->mod_name || !module_kset)
		return NULL;
	kobj = kset_find_obj(module_kset, drv->mod_name);
	if (!kobj)
		return NULL;
	kobject_put(kobj);	/* /sys/module keeps it while the driver is there */
	drv->p->mkobj = container_of(kobj, struct module_kobject, kobj);
	return drv->p->mkobj;
}

/**
 * module_add_driver - link a driver being registered and its module
 * @mod: the driver's owner (NULL: built in; then drv->mod_name is looked up)
 * @drv: the driver, on its bus
 *
 * Context: driver registration. Failures to link are not errors, as in Linux.
 */
void module_add_driver(struct module *mod, struct device_driver *drv)
{
	struct module_kobject *mk = driver_module_kobject(mod, drv);
	char *name;
	int no_warn;

	if (!mk)
		return;
	/* idempotent: a link already there stays */
	no_warn = sysfs_create_link(&drv->p->kobj, &mk->kobj, "module");
	name = make_driver_name(drv);
	if (name) {
		module_create_drivers_dir(mk);
		if (mk->drivers_dir)
			no_warn = sysfs_create_link(mk->drivers_dir, &drv->p->kobj, name);
		kfree(name);
	}
	(void)no_warn;
}

/**
 * module_remove_driver - remove what module_add_driver() linked
 * @drv: the driver being unregistered
 *
 * Context: driver unregistration.
 */
void module_remove_driver(struct device_driver *drv)
{
	struct module_kobject *mk = NULL;
	char *name;

	sysfs_remove_link(&drv->p->kobj, "module");
	if (drv->owner)
		mk = &drv->owner->mkobj;
	else
		mk = drv->p->mkobj;
	if (mk && mk->drivers_dir) {
		name = make_driver_name(drv);
		if (name) {
			sysfs_remove_link(mk->drivers_dir, name);
			kfree(name);
		}
	}
}
