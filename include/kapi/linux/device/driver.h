/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/device/driver.h: drivers -- what binds to devices on a bus. A registered driver
 * is /sys/bus/<bus>/drivers/<name> with bind, unbind, uevent and a link per bound
 * device; registering it probes every unbound device on the bus that it matches
 * (src/base/driver.c, dd.c). */
#ifndef UKMEM_LINUX_DEVICE_DRIVER_H
#define UKMEM_LINUX_DEVICE_DRIVER_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/kobject.h>
#include <linux/pm.h>
#include <linux/device/bus.h>
#include <linux/module.h>

struct module;
struct of_device_id;
struct acpi_device_id;
struct driver_private;

enum probe_type {
	PROBE_DEFAULT_STRATEGY,
	PROBE_PREFER_ASYNCHRONOUS,
	PROBE_FORCE_SYNCHRONOUS,
};

/**
 * struct device_driver - a driver
 * @name: its name in /sys/bus/<bus>/drivers and in dev_printk's prefix
 * @bus: the bus it serves devices of
 * @suppress_bind_attrs: no bind/unbind files
 * @probe: binds a matched device (0, -EPROBE_DEFER to be retried, or -errno)
 * @remove: unbinds
 * @groups: attributes of the driver's directory
 * @dev_groups: attributes made on each device while bound
 * @p: the driver core's state (private)
 */
struct device_driver {
	const char		*name;
	struct bus_type		*bus;

	struct module		*owner;
	const char		*mod_name;

	bool suppress_bind_attrs;
	enum probe_type probe_type;

	const struct of_device_id	*of_match_table;
	const struct acpi_device_id	*acpi_match_table;

	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);
	const struct attribute_group **groups;
	const struct attribute_group **dev_groups;

	const struct dev_pm_ops *pm;
	void (*coredump)(struct device *dev);

	struct driver_private *p;
};

int __must_check driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);

struct device_driver *driver_find(const char *name, struct bus_type *bus);
int driver_set_override(struct device *dev, const char **override, const char *s, size_t len);
int driver_probe_done(void);
void wait_for_device_probe(void);

struct driver_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device_driver *driver, char *buf);
	ssize_t (*store)(struct device_driver *driver, const char *buf, size_t count);
};

#define DRIVER_ATTR_RW(_name) \
	struct driver_attribute driver_attr_##_name = __ATTR_RW(_name)
#define DRIVER_ATTR_RO(_name) \
	struct driver_attribute driver_attr_##_name = __ATTR_RO(_name)
#define DRIVER_ATTR_WO(_name) \
	struct driver_attribute driver_attr_##_name = __ATTR_WO(_name)

int __must_check driver_create_file(struct device_driver *driver,
				    const struct driver_attribute *attr);
void driver_remove_file(struct device_driver *driver, const struct driver_attribute *attr);

int __must_check driver_for_each_device(struct device_driver *drv, struct device *start,
					void *data, int (*fn)(struct device *dev, void *));
struct device *driver_find_device(struct device_driver *drv, struct device *start,
				  const void *data,
				  int (*match)(struct device *dev, const void *data));

static inline struct device *driver_find_device_by_name(struct device_driver *drv,
							const char *name)
{
	return driver_find_device(drv, NULL, name, device_match_name);
}

static inline struct device *driver_find_next_device(struct device_driver *drv,
						     struct device *start)
{
	return driver_find_device(drv, start, NULL, device_match_any);
}

void driver_deferred_probe_add(struct device *dev);
int driver_deferred_probe_check_state(struct device *dev);

/* A module whose init registers one driver and whose exit unregisters it. */
#define module_driver(__driver, __register, __unregister, ...) \
static int __init __driver##_init(void) \
{ \
	return __register(&(__driver) , ##__VA_ARGS__); \
} \
module_init(__driver##_init); \
static void __exit __driver##_exit(void) \
{ \
	__unregister(&(__driver) , ##__VA_ARGS__); \
} \
module_exit(__driver##_exit);

#define builtin_driver(__driver, __register, ...) \
static int __init __driver##_init(void) \
{ \
	return __register(&(__driver) , ##__VA_ARGS__); \
} \
device_initcall(__driver##_init);

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/device/driver.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/completion.h>
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
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
