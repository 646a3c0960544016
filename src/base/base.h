/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* base/base.h: the driver core's private state (src/base/): what a bus or class keeps
 * (subsys_private), what a driver keeps (driver_private) and what a device keeps
 * (device_private), and the calls between core.c, bus.c, driver.c, dd.c and class.c.
 *
 * Lists: every membership list below (a bus's devices and drivers, a driver's bound
 * devices, a device's children, a class's devices) is guarded by the one mutex
 * driver_core_lists; nothing else is done under it. Walks take a referenced snapshot
 * under it and call back without it, so a callback may register, bind or unregister. */
#ifndef UKMEM_BASE_BASE_H
#define UKMEM_BASE_BASE_H

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/wait.h>

struct subsys_private {
	struct kset subsys;			/* /sys/bus/<name> or /sys/class/<name> */
	struct kset *devices_kset;		/* bus: devices/ */
	struct list_head interfaces;
	struct mutex mutex;

	struct kset *drivers_kset;		/* bus: drivers/ */
	struct list_head devices;		/* device_private.bus_node / class_node */
	struct list_head drivers;		/* driver_private.bus_node */

	struct blocking_notifier_head bus_notifier;
	unsigned int drivers_autoprobe:1;
	struct bus_type *bus;

	struct kset glue_dirs;			/* class: its directories below parents */
	struct class *class;
};
#define to_subsys_private(obj) container_of(obj, struct subsys_private, subsys.kobj)

struct driver_private {
	struct kobject kobj;			/* /sys/bus/<bus>/drivers/<name> */
	struct list_head devices;		/* device_private.driver_node */
	struct list_head bus_node;		/* in subsys_private.drivers */
	struct device_driver *driver;
	atomic_t probing;			/* probes with it under way (dd.c) */
	wait_queue_head_t probe_wq;		/* bus_remove_driver waits for them */
	struct module_kobject *mkobj;		/* a built-in driver's /sys/module entry */
};
#define to_driver(obj) container_of(obj, struct driver_private, kobj)

struct device_private {
	struct list_head children;		/* device_private.parent_node */
	struct list_head parent_node;
	struct list_head driver_node;
	struct list_head bus_node;
	struct list_head class_node;
	struct list_head deferred_probe;	/* on the deferred lists */
	const char *deferred_probe_reason;	/* kmalloc'd */
	struct device_driver *async_driver;	/* an asynchronous probe to run (dd.c) */
	struct device *device;
	u8 dead:1;
};
#define to_device_private_parent(obj) container_of(obj, struct device_private, parent_node)

extern struct mutex driver_core_lists;
extern struct kset *devices_kset;
extern struct kobject *dev_kobj;

/* A referenced snapshot of a list of devices (put_device each, then kfree). */
struct device **device_list_snapshot(struct list_head *head, size_t node_offset,
				     size_t *count);
void device_list_snapshot_put(struct device **devs, size_t count);
/* fn for each device of a list after start (NULL: all); stops at fn's nonzero result. */
int device_list_for_each(struct list_head *head, size_t node_offset, struct device *start,
			 void *data, int (*fn)(struct device *, void *));
/* The first device of a list after start that match accepts, referenced, or NULL. */
struct device *device_list_find(struct list_head *head, size_t node_offset,
				struct device *start, const void *data,
				int (*match)(struct device *, const void *));

int device_private_init(struct device *dev);
int devices_init(void);
void devices_exit(void);
int buses_init(void);
void buses_exit(void);
int classes_init(void);
void classes_exit(void);
void deferred_probe_init(void);
void deferred_probe_exit(void);

int bus_add_device(struct device *dev);
void bus_probe_device(struct device *dev);
void bus_remove_device(struct device *dev);
void bus_notify(struct device *dev, unsigned long action);
int bus_add_driver(struct device_driver *drv);
void bus_remove_driver(struct device_driver *drv);
/* module.c: the links between a driver and its module's /sys/module directory. */
void module_add_driver(struct module *mod, struct device_driver *drv);
void module_remove_driver(struct device_driver *drv);

int driver_add_groups(struct device_driver *drv, const struct attribute_group **groups);
void driver_remove_groups(struct device_driver *drv, const struct attribute_group **groups);
void driver_detach(struct device_driver *drv);
void device_release_driver_internal(struct device *dev, struct device_driver *drv,
				    struct device *parent);
void driver_deferred_probe_del(struct device *dev);
void device_set_deferred_probe_reason(const struct device *dev, struct va_format *vaf);

static inline int driver_match_device(struct device_driver *drv, struct device *dev)
{
	return drv->bus->match ? drv->bus->match(dev, drv) : 1;
}

int device_add_class_symlinks(struct device *dev);
void device_remove_class_symlinks(struct device *dev);

/* The platform bus (platform.c): /sys/devices/platform and /sys/bus/platform; the
 * machine's own devices are added without claiming their ranges again. */
struct platform_device;
int platform_bus_init(void);
void platform_bus_exit(void);
int platform_device_add_described(struct platform_device *pdev);

/* Releases the device's managed resources (devres): on unbind and release. */
int devres_release_all(struct device *dev);
/* dma-debug's check of a driver's mappings left at unbind (kernel/dma/debug.c). */
void debug_dma_device_unbound(struct device *dev);

#endif
