// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/dd.c: binding devices and drivers, as Linux 6.1's. A device arriving is offered
 * to each driver on its bus (the first whose match accepts and whose probe succeeds
 * wins); a driver arriving is offered each unbound device. Probe runs under the device's
 * lock (and its parent's if the bus needs it) with dev->driver set and the sysfs links
 * "driver" and drivers/<drv>/<dev> made; a failed probe undoes all of it, releases the
 * device's managed resources and prints Linux's "probe of X failed with error N".
 *
 * Deferral: a probe (or match) returning -EPROBE_DEFER puts the device on the pending
 * list; every successful bind moves the pending list to the active one and a work item
 * (system_unbound_wq) offers those devices to the drivers again. A bind that happened
 * while a probe was deferring re-triggers, so no wake-up is lost. wait_for_device_probe()
 * waits until the retries are done. /sys/kernel/debug/devices_deferred lists the pending
 * devices with the reasons dev_err_probe() recorded.
 *
 * Asynchronous probing: a PROBE_PREFER_ASYNCHRONOUS driver's probes run through
 * async_schedule_dev() -- for a new device, after the synchronous pass over the other
 * drivers; for a new driver, one call per device (dev->p->async_driver). A probe only
 * starts while its driver is on its bus and is counted in driver_private.probing, so
 * bus_remove_driver() can wait for those under way before detaching. */
#include <errno.h>
#include <linux/async.h>
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>
#include "base/base.h"

static DEFINE_MUTEX(deferred_probe_mutex);
static LIST_HEAD(deferred_probe_pending_list);
static LIST_HEAD(deferred_probe_active_list);
static atomic_t deferred_trigger_count = ATOMIC_INIT(0);
static struct dentry *deferred_devices;

static void deferred_probe_work_func(struct work_struct *work)
{
	struct device_private *private;

	mutex_lock(&deferred_probe_mutex);
	while (!list_empty(&deferred_probe_active_list)) {
		struct device *dev;

		private = list_first_entry(&deferred_probe_active_list, typeof(*private),
					   deferred_probe);
		dev = get_device(private->device);
		list_del_init(&private->deferred_probe);
		kfree(dev->p->deferred_probe_reason);
		dev->p->deferred_probe_reason = NULL;
		mutex_unlock(&deferred_probe_mutex);
		dev_dbg(dev, "Retrying from deferred list\n");
		bus_probe_device(dev);
		put_device(dev);
		mutex_lock(&deferred_probe_mutex);
	}
	mutex_unlock(&deferred_probe_mutex);
}
static DECLARE_WORK(deferred_probe_work, deferred_probe_work_func);

/**
 * driver_deferred_probe_add - put a device on the pending list
 * @dev: the device (its probe deferred)
 *
 * Context: process.
 */
void driver_deferred_probe_add(struct device *dev)
{
	if (!dev->can_match)
		return;
	mutex_lock(&deferred_probe_mutex);
	if (list_empty(&dev->p->deferred_probe)) {
		dev_dbg(dev, "Added to deferred list\n");
		list_add_tail(&dev->p->deferred_probe, &deferred_probe_pending_list);
	}
	mutex_unlock(&deferred_probe_mutex);
}

void driver_deferred_probe_del(struct device *dev)
{
	if (!dev->p)
		return;
	mutex_lock(&deferred_probe_mutex);
	if (!list_empty(&dev->p->deferred_probe)) {
		dev_dbg(dev, "Removed from deferred list\n");
		list_del_init(&dev->p->deferred_probe);
		kfree(dev->p->deferred_probe_reason);
		dev->p->deferred_probe_reason = NULL;
	}
	mutex_unlock(&deferred_probe_mutex);
}

/* Moves the pending devices to the active list and has them probed again. */
static void driver_deferred_probe_trigger(void)
{
	atomic_inc(&deferred_trigger_count);
	mutex_lock(&deferred_probe_mutex);
	list_splice_tail_init(&deferred_probe_pending_list, &deferred_probe_active_list);
	mutex_unlock(&deferred_probe_mutex);
	if (system_unbound_wq)
		queue_work(system_unbound_wq, &deferred_probe_work);
	else
		deferred_probe_work_func(&deferred_probe_work);	/* boot or shutdown */
}

void device_set_deferred_probe_reason(const struct device *dev, struct va_format *vaf)
{
	const char *reason;

	if (!dev->p)
		return;
	reason = kasprintf(GFP_KERNEL, "%pV", vaf);
	mutex_lock(&deferred_probe_mutex);
	kfree(dev->p->deferred_probe_reason);
	dev->p->deferred_probe_reason = reason;
	mutex_unlock(&deferred_probe_mutex);
}

/**
 * driver_deferred_probe_check_state - what a driver should return for a supplier that
 * may never come
 * @dev: the device being probed
 *
 * Context: process (probe). ukmem has no deferred-probe timeout: always -EPROBE_DEFER.
 */
int driver_deferred_probe_check_state(struct device *dev)
{
	return -EPROBE_DEFER;
}
EXPORT_SYMBOL_GPL(driver_deferred_probe_check_state);

static int deferred_devs_show(struct seq_file *s, void *data)
{
	struct device_private *curr;

	mutex_lock(&deferred_probe_mutex);
	list_for_each_entry(curr, &deferred_probe_pending_list, deferred_probe)
		seq_printf(s, "%s\t%s", dev_name(curr->device),
			   curr->deferred_probe_reason ?: "\n");
	mutex_unlock(&deferred_probe_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(deferred_devs);

void deferred_probe_init(void)
{
	deferred_devices = debugfs_create_file("devices_deferred", 0444, NULL, NULL,
					       &deferred_devs_fops);
}

void deferred_probe_exit(void)
{
	debugfs_remove(deferred_devices);
	deferred_devices = NULL;
	cancel_work_sync(&deferred_probe_work);
	mutex_lock(&deferred_probe_mutex);
	list_splice_init(&deferred_probe_active_list, &deferred_probe_pending_list);
	while (!list_empty(&deferred_probe_pending_list))
		list_del_init(deferred_probe_pending_list.next);
	mutex_unlock(&deferred_probe_mutex);
}

/**
 * wait_for_device_probe - wait until deferred and asynchronous probes under way are done
 *
 * Context: process; sleeps.
 */
void wait_for_device_probe(void)
{
	bool busy;

	do {
		flush_work(&deferred_probe_work);
		mutex_lock(&deferred_probe_mutex);
		busy = !list_empty(&deferred_probe_active_list);
		mutex_unlock(&deferred_probe_mutex);
		if (busy && !system_unbound_wq)
			deferred_probe_work_func(&deferred_probe_work);
	} while (busy);
	async_synchronize_full();
}
EXPORT_SYMBOL_GPL(wait_for_device_probe);

int driver_probe_done(void)
{
	return work_pending(&deferred_probe_work) ? -EBUSY : 0;
}

/**
 * device_is_bound - is a driver bound to the device
 * @dev: the device
 *
 * Context: any.
 */
bool device_is_bound(struct device *dev)
{
	bool bound;

	if (!dev->p)
		return false;
	mutex_lock(&driver_core_lists);
	bound = !list_empty(&dev->p->driver_node);
	mutex_unlock(&driver_core_lists);
	return bound;
}

static void driver_bound(struct device *dev)
{
	if (device_is_bound(dev)) {
		pr_warn("%s: device %s already bound\n", __func__, kobject_name(&dev->kobj));
		return;
	}
	pr_debug("driver: '%s': %s: bound to device '%s'\n", dev->driver->name, __func__,
		 dev_name(dev));
	mutex_lock(&driver_core_lists);
	list_add_tail(&dev->p->driver_node, &dev->driver->p->devices);
	mutex_unlock(&driver_core_lists);
	driver_deferred_probe_del(dev);
	driver_deferred_probe_trigger();
	bus_notify(dev, BUS_NOTIFY_BOUND_DRIVER);
	kobject_uevent(&dev->kobj, KOBJ_BIND);
}

static int driver_sysfs_add(struct device *dev)
{
	int ret;

	bus_notify(dev, BUS_NOTIFY_BIND_DRIVER);
	ret = sysfs_create_link(&dev->driver->p->kobj, &dev->kobj, kobject_name(&dev->kobj));
	if (ret)
		return ret;
	ret = sysfs_create_link(&dev->kobj, &dev->driver->p->kobj, "driver");
	if (ret)
		sysfs_remove_link(&dev->driver->p->kobj, kobject_name(&dev->kobj));
	return ret;
}

static void driver_sysfs_remove(struct device *dev)
{
	struct device_driver *drv = dev->driver;

	if (drv) {
		sysfs_remove_link(&drv->p->kobj, kobject_name(&dev->kobj));
		sysfs_remove_link(&dev->kobj, "driver");
	}
}

/**
 * device_bind_driver - bind the driver already set in dev->driver, without probe
 * @dev: the device (locked)
 *
 * Context: process. Returns 0 or -errno.
 */
int device_bind_driver(struct device *dev)
{
	int ret = driver_sysfs_add(dev);

	if (!ret)
		driver_bound(dev);
	else
		bus_notify(dev, BUS_NOTIFY_DRIVER_NOT_BOUND);
	return ret;
}
EXPORT_SYMBOL_GPL(device_bind_driver);

static int call_driver_probe(struct device *dev, struct device_driver *drv)
{
	int ret = 0;

	if (dev->bus->probe)
		ret = dev->bus->probe(dev);
	else if (drv->probe)
		ret = drv->probe(dev);
	switch (ret) {
	case 0:
		break;
	case -EPROBE_DEFER:
		dev_dbg(dev, "Driver %s requests probe deferral\n", drv->name);
		break;
	case -ENODEV:
	case -ENXIO:
		pr_debug("%s: probe of %s rejects match %d\n", drv->name, dev_name(dev), ret);
		break;
	default:
		pr_warn("%s: probe of %s failed with error %d\n", drv->name, dev_name(dev), ret);
		break;
	}
	return ret;
}

static void device_remove(struct device *dev)
{
	device_remove_groups(dev, dev->driver->dev_groups);
	if (dev->bus && dev->bus->remove)
		dev->bus->remove(dev);
	else if (dev->driver->remove)
		dev->driver->remove(dev);
}

/* What an unbind or failed probe leaves: no managed resources, no driver, no data. */
static void device_unbind_cleanup(struct device *dev)
{
	devres_release_all(dev);
	debug_dma_device_unbound(dev);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
}

/* Returns 0 when bound, a probe's error as a positive number, or -errno. */
static int really_probe(struct device *dev, struct device_driver *drv)
{
	int ret;

	pr_debug("bus: '%s': %s: probing driver %s with device %s\n", drv->bus->name,
		 __func__, drv->name, dev_name(dev));
	if (!list_empty(&dev->devres_head)) {
		dev_crit(dev, "Resources present before probing\n");
		return -EBUSY;
	}
	dev->driver = drv;
	if (dev->bus->dma_configure) {
		ret = dev->bus->dma_configure(dev);
		if (ret)
			goto pinctrl_bind_failed;
	}
	ret = driver_sysfs_add(dev);
	if (ret) {
		pr_err("%s: driver_sysfs_add(%s) failed\n", __func__, dev_name(dev));
		goto sysfs_failed;
	}
	ret = call_driver_probe(dev, drv);
	if (ret) {
		ret = -ret;	/* probe errors are positive, as Linux returns them */
		goto probe_failed;
	}
	ret = device_add_groups(dev, drv->dev_groups);
	if (ret) {
		dev_err(dev, "device_add_groups() failed\n");
		goto dev_groups_failed;
	}
	driver_bound(dev);
	pr_debug("bus: '%s': %s: bound device %s to driver %s\n", drv->bus->name, __func__,
		 dev_name(dev), drv->name);
	return 0;

dev_groups_failed:
	device_remove(dev);
probe_failed:
	driver_sysfs_remove(dev);
sysfs_failed:
	bus_notify(dev, BUS_NOTIFY_DRIVER_NOT_BOUND);
	if (dev->bus && dev->bus->dma_cleanup)
		dev->bus->dma_cleanup(dev);
pinctrl_bind_failed:
	device_unbind_cleanup(dev);
	return ret;
}

/* A probe with drv starts only while drv is registered on its bus, and counts as under
 * way until it ends, so that bus_remove_driver() waits for it (a walk of the bus's
 * drivers may hand out a driver being unregistered). NULL: drv is going or gone. */
static struct driver_private *driver_probe_begin(struct device_driver *drv)
{
	struct driver_private *priv;

	mutex_lock(&driver_core_lists);
	priv = drv->p;
	if (priv && !list_empty(&priv->bus_node))
		atomic_inc(&priv->probing);
	else
		priv = NULL;
	mutex_unlock(&driver_core_lists);
	return priv;
}

static void driver_probe_end(struct driver_private *priv)
{
	if (atomic_dec_and_test(&priv->probing))
		wake_up_all(&priv->probe_wq);
}

static int __driver_probe_device(struct device_driver *drv, struct device *dev)
{
	struct driver_private *priv;
	int ret;

	if (dev->p->dead || !device_is_registered(dev))
		return -ENODEV;
	if (dev->driver)
		return -EBUSY;
	priv = driver_probe_begin(drv);
	if (!priv)
		return -ENODEV;
	dev->can_match = true;
	pr_debug("bus: '%s': %s: matched device %s with driver %s\n", drv->bus->name,
		 __func__, dev_name(dev), drv->name);
	ret = really_probe(dev, drv);
	driver_probe_end(priv);
	return ret;
}

static int driver_probe_device(struct device_driver *drv, struct device *dev)
{
	int trigger_count = atomic_read(&deferred_trigger_count);
	int ret = __driver_probe_device(drv, dev);

	if (ret == -EPROBE_DEFER || ret == EPROBE_DEFER) {
		driver_deferred_probe_add(dev);
		/* a bind while this probe ran: retry now, or the wake-up is lost */
		if (trigger_count != atomic_read(&deferred_trigger_count))
			driver_deferred_probe_trigger();
	}
	return ret;
}

static void __device_driver_lock(struct device *dev, struct device *parent)
{
	if (parent && dev->bus->need_parent_lock)
		device_lock(parent);
	device_lock(dev);
}

static void __device_driver_unlock(struct device *dev, struct device *parent)
{
	device_unlock(dev);
	if (parent && dev->bus->need_parent_lock)
		device_unlock(parent);
}

/* Does drv want its probes run asynchronously? (PROBE_PREFER_ASYNCHRONOUS; there is no
 * driver_async_probe= on ukmem's command line.) */
static bool driver_allows_async_probing(struct device_driver *drv)
{
	return drv->probe_type == PROBE_PREFER_ASYNCHRONOUS;
}

struct device_attach_data {
	struct device *dev;
	bool check_async;	/* only drivers whose async preference is want_async */
	bool want_async;
	bool have_async;	/* a matching driver was left for the asynchronous pass */
};

static int __device_attach_driver(struct device_driver *drv, void *_data)
{
	struct device_attach_data *data = _data;
	struct device *dev = data->dev;
	bool async_allowed = driver_allows_async_probing(drv);
	int ret;

	ret = driver_match_device(drv, dev);
	if (ret == 0) {
		return 0;
	} else if (ret == -EPROBE_DEFER) {
		dev_dbg(dev, "Device match requests probe deferral\n");
		dev->can_match = true;
		driver_deferred_probe_add(dev);
		return ret;	/* no other driver is tried now */
	} else if (ret < 0) {
		dev_dbg(dev, "Bus failed to match device: %d\n", ret);
		return ret;
	}
	if (async_allowed)
		data->have_async = true;
	if (data->check_async && async_allowed != data->want_async)
		return 0;
	ret = driver_probe_device(drv, dev);
	if (ret < 0)
		return ret;
	return ret == 0;
}

/* The asynchronous pass of a device's first probe: the drivers that prefer it. */
static void __device_attach_async_helper(void *_dev, async_cookie_t cookie)
{
	struct device *dev = _dev;
	struct device_attach_data data = { .dev = dev, .check_async = true, .want_async = true };

	device_lock(dev);
	if (!dev->p->dead && !dev->driver)
		bus_for_each_drv(dev->bus, NULL, &data, __device_attach_driver);
	device_unlock(dev);
	put_device(dev);
}

/* allow_async: a new device's first probe, where drivers preferring asynchronous probing
 * are left to a second pass on system_unbound_wq. */
static int __device_attach(struct device *dev, bool allow_async)
{
	struct device_attach_data data = { .dev = dev, .check_async = allow_async };
	int ret = 0;

	device_lock(dev);
	if (dev->p->dead)
		goto out_unlock;
	if (dev->driver) {
		if (device_is_bound(dev)) {
			ret = 1;
			goto out_unlock;
		}
		ret = device_bind_driver(dev);
		if (ret == 0) {
			ret = 1;
		} else {
			dev->driver = NULL;
			ret = 0;
		}
	} else {
		ret = bus_for_each_drv(dev->bus, NULL, &data, __device_attach_driver);
		if (!ret && allow_async && data.have_async) {
			dev_dbg(dev, "scheduling asynchronous probe\n");
			get_device(dev);
			async_schedule_dev(__device_attach_async_helper, dev);
		}
	}
out_unlock:
	device_unlock(dev);
	return ret;
}

/**
 * device_attach - try to bind a driver to a device
 * @dev: the device
 *
 * Context: process; may sleep. Returns 1 if bound, 0 if no driver took it, or -errno
 * (-EPROBE_DEFER from a match).
 */
int device_attach(struct device *dev)
{
	return __device_attach(dev, false);
}
EXPORT_SYMBOL_GPL(device_attach);

void device_initial_probe(struct device *dev)
{
	__device_attach(dev, true);
}

/**
 * device_driver_attach - bind a given driver to a device (the bind file)
 * @drv: the driver
 * @dev: the device
 *
 * Context: process; may sleep. Returns 0, -EBUSY if bound, -EAGAIN if probe deferred,
 * or the probe's -errno.
 */
int device_driver_attach(struct device_driver *drv, struct device *dev)
{
	int ret;

	__device_driver_lock(dev, dev->parent);
	ret = __driver_probe_device(drv, dev);
	__device_driver_unlock(dev, dev->parent);
	if (ret > 0)
		ret = -ret;
	if (ret == -EPROBE_DEFER)
		return -EAGAIN;
	return ret;
}
EXPORT_SYMBOL_GPL(device_driver_attach);

/* An asynchronous probe that driver_attach() scheduled. */
static void __driver_attach_async_helper(void *_dev, async_cookie_t cookie)
{
	struct device *dev = _dev;
	struct device_driver *drv;

	__device_driver_lock(dev, dev->parent);
	drv = dev->p->async_driver;
	dev->p->async_driver = NULL;
	if (drv && !dev->driver)
		driver_probe_device(drv, dev);
	__device_driver_unlock(dev, dev->parent);
	put_device(dev);
}

static int __driver_attach(struct device *dev, void *data)
{
	struct device_driver *drv = data;
	int ret;

	ret = driver_match_device(drv, dev);
	if (ret == 0) {
		return 0;
	} else if (ret == -EPROBE_DEFER) {
		dev_dbg(dev, "Device match requests probe deferral\n");
		dev->can_match = true;
		driver_deferred_probe_add(dev);
		return 0;
	} else if (ret < 0) {
		dev_dbg(dev, "Bus failed to match device: %d\n", ret);
		return 0;
	}
	if (driver_allows_async_probing(drv)) {
		/* one asynchronous probe per device at a time; a bound device is skipped */
		device_lock(dev);
		if (!dev->driver && !dev->p->async_driver) {
			get_device(dev);
			dev->p->async_driver = drv;
			async_schedule_dev(__driver_attach_async_helper, dev);
		}
		device_unlock(dev);
		return 0;
	}
	__device_driver_lock(dev, dev->parent);
	driver_probe_device(drv, dev);
	__device_driver_unlock(dev, dev->parent);
	return 0;
}

/**
 * driver_attach - offer a driver every device on its bus
 * @drv: the driver
 *
 * Context: process; may sleep. Returns 0 or -errno.
 */
int driver_attach(struct device_driver *drv)
{
	return bus_for_each_dev(drv->bus, NULL, drv, __driver_attach);
}
EXPORT_SYMBOL_GPL(driver_attach);

static void __device_release_driver(struct device *dev, struct device *parent)
{
	struct device_driver *drv = dev->driver;

	if (!drv)
		return;
	driver_sysfs_remove(dev);
	bus_notify(dev, BUS_NOTIFY_UNBIND_DRIVER);
	device_remove(dev);
	if (dev->bus && dev->bus->dma_cleanup)
		dev->bus->dma_cleanup(dev);
	mutex_lock(&driver_core_lists);
	list_del_init(&dev->p->driver_node);
	mutex_unlock(&driver_core_lists);
	device_unbind_cleanup(dev);
	bus_notify(dev, BUS_NOTIFY_UNBOUND_DRIVER);
	kobject_uevent(&dev->kobj, KOBJ_UNBIND);
}

void device_release_driver_internal(struct device *dev, struct device_driver *drv,
				    struct device *parent)
{
	__device_driver_lock(dev, parent);
	if (!drv || drv == dev->driver)
		__device_release_driver(dev, parent);
	__device_driver_unlock(dev, parent);
}

/**
 * device_release_driver - unbind a device's driver
 * @dev: the device
 *
 * Context: process; may sleep (the driver's remove runs). Runs dma-debug's check of
 * mappings the driver left. For a device that was never added (only named through
 * init_name for the DMA API), only the check is made and dev->driver cleared.
 */
void device_release_driver(struct device *dev)
{
	if (!dev->p) {
		debug_dma_device_unbound(dev);
		dev->driver = NULL;
		return;
	}
	device_release_driver_internal(dev, NULL, NULL);
}
EXPORT_SYMBOL_GPL(device_release_driver);

/**
 * device_reprobe - unbind a device and offer it to the drivers again
 * @dev: the device
 *
 * Context: process; may sleep. Returns 0 or -errno.
 */
int device_reprobe(struct device *dev)
{
	int ret;

	if (dev->driver)
		device_release_driver_internal(dev, NULL, dev->parent);
	ret = device_attach(dev);
	return ret < 0 ? ret : 0;
}
EXPORT_SYMBOL_GPL(device_reprobe);

void driver_detach(struct device_driver *drv)
{
	struct device_private *dev_prv;
	struct device *dev;

	if (driver_allows_async_probing(drv))
		async_synchronize_full();	/* its probes still to run */
	for (;;) {
		mutex_lock(&driver_core_lists);
		if (list_empty(&drv->p->devices)) {
			mutex_unlock(&driver_core_lists);
			break;
		}
		dev_prv = list_last_entry(&drv->p->devices, struct device_private, driver_node);
		dev = get_device(dev_prv->device);
		mutex_unlock(&driver_core_lists);
		device_release_driver_internal(dev, drv, dev->parent);
		put_device(dev);
	}
}
