/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/device/bus.h: buses -- the types of connection devices and drivers meet on.
 * A registered bus is /sys/bus/<name> with devices/ (links to each device), drivers/
 * (a directory per driver), drivers_probe and drivers_autoprobe; match decides which
 * driver serves a device, probe/remove bind and unbind (src/base/bus.c, dd.c). */
#ifndef UKMEM_LINUX_DEVICE_BUS_H
#define UKMEM_LINUX_DEVICE_BUS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/kobject.h>
#include <linux/notifier.h>
#include <linux/pm.h>
#include <linux/lockdep.h>

struct device_driver;
struct fwnode_handle;
struct iommu_ops;
struct dev_pm_ops;
struct lock_class_key;
struct subsys_private;
struct device;
struct device_attribute;

/**
 * struct bus_type - a bus
 * @name: its name in /sys/bus
 * @dev_name: devices named "<dev_name><id>" when they have no name of their own
 * @bus_groups: attributes of the bus directory
 * @dev_groups: attributes of each device on it
 * @drv_groups: attributes of each driver on it
 * @match: nonzero if the driver can serve the device; -EPROBE_DEFER to try later
 * @uevent: adds the bus's variables to a device's uevents
 * @probe: binds (the driver's probe is called through it)
 * @remove: unbinds
 * @p: the driver core's state (private)
 */
struct bus_type {
	const char		*name;
	const char		*dev_name;
	struct device		*dev_root;
	const struct attribute_group **bus_groups;
	const struct attribute_group **dev_groups;
	const struct attribute_group **drv_groups;

	int (*match)(struct device *dev, struct device_driver *drv);
	int (*uevent)(struct device *dev, struct kobj_uevent_env *env);
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);

	int (*online)(struct device *dev);
	int (*offline)(struct device *dev);

	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);

	int (*num_vf)(struct device *dev);

	int (*dma_configure)(struct device *dev);
	void (*dma_cleanup)(struct device *dev);

	const struct dev_pm_ops *pm;

	const struct iommu_ops *iommu_ops;

	struct subsys_private *p;
	struct lock_class_key lock_key;

	bool need_parent_lock;
};

int __must_check bus_register(struct bus_type *bus);
void bus_unregister(struct bus_type *bus);
int __must_check bus_rescan_devices(struct bus_type *bus);

struct bus_attribute {
	struct attribute	attr;
	ssize_t (*show)(struct bus_type *bus, char *buf);
	ssize_t (*store)(struct bus_type *bus, const char *buf, size_t count);
};

#define BUS_ATTR_RW(_name) \
	struct bus_attribute bus_attr_##_name = __ATTR_RW(_name)
#define BUS_ATTR_RO(_name) \
	struct bus_attribute bus_attr_##_name = __ATTR_RO(_name)
#define BUS_ATTR_WO(_name) \
	struct bus_attribute bus_attr_##_name = __ATTR_WO(_name)

int __must_check bus_create_file(struct bus_type *bus, struct bus_attribute *attr);
void bus_remove_file(struct bus_type *bus, struct bus_attribute *attr);

/* Matches for the bus_find_device/class_find_device helpers. */
int device_match_name(struct device *dev, const void *name);
int device_match_of_node(struct device *dev, const void *np);
int device_match_fwnode(struct device *dev, const void *fwnode);
int device_match_devt(struct device *dev, const void *pdevt);
int device_match_acpi_dev(struct device *dev, const void *adev);
int device_match_any(struct device *dev, const void *unused);

int bus_for_each_dev(struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data));
struct device *bus_find_device(struct bus_type *bus, struct device *start, const void *data,
			       int (*match)(struct device *dev, const void *data));

static inline struct device *bus_find_device_by_name(struct bus_type *bus,
						     struct device *start,
						     const char *name)
{
	return bus_find_device(bus, start, name, device_match_name);
}

static inline struct device *bus_find_next_device(struct bus_type *bus, struct device *cur)
{
	return bus_find_device(bus, cur, NULL, device_match_any);
}

int bus_for_each_drv(struct bus_type *bus, struct device_driver *start, void *data,
		     int (*fn)(struct device_driver *, void *));

/* The bus notifier: told of each device's arrival, binding and departure. */
int bus_register_notifier(struct bus_type *bus, struct notifier_block *nb);
int bus_unregister_notifier(struct bus_type *bus, struct notifier_block *nb);

#define BUS_NOTIFY_ADD_DEVICE		0x00000001
#define BUS_NOTIFY_DEL_DEVICE		0x00000002
#define BUS_NOTIFY_REMOVED_DEVICE	0x00000003
#define BUS_NOTIFY_BIND_DRIVER		0x00000004
#define BUS_NOTIFY_BOUND_DRIVER		0x00000005
#define BUS_NOTIFY_UNBIND_DRIVER	0x00000006
#define BUS_NOTIFY_UNBOUND_DRIVER	0x00000007
#define BUS_NOTIFY_DRIVER_NOT_BOUND	0x00000008

struct kset *bus_get_kset(struct bus_type *bus);

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/device/bus.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
