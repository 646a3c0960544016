// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/platform.c: the platform bus (Linux 6.1's drivers/base/platform.c): devices at
 * fixed addresses described by resources, /sys/bus/platform and /sys/devices/platform,
 * matching by driver_override, then the driver's id table, then its name; the modalias
 * "platform:NAME"; resource and IRQ lookups for drivers (platform_get_resource,
 * platform_get_irq with 6.1's "IRQ index %u not found") and the managed mappings of a
 * device's memory resources.
 *
 * Invariants: a device from platform_device_alloc owns its name, resources, platform
 * data and override and frees them on its last put; platform_device_add claims each
 * I/O or memory resource in its tree (so /proc/ioports and /proc/iomem show it) and
 * platform_device_del gives them back. The machine's own devices are added with
 * platform_device_add_described(), which leaves the trees alone: the machine already
 * shows its legacy ranges there as a PC does. */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/idr.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "base/base.h"

struct device platform_bus = {
	.init_name	= "platform",
};
EXPORT_SYMBOL_GPL(platform_bus);

static DEFINE_IDA(platform_devid_ida);

/* ---- resources and IRQs ---- */

/**
 * platform_get_resource - a device's resource by type and index
 * @dev: the platform device
 * @type: IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_IRQ, ...
 * @num: index among the resources of @type
 *
 * Context: any. Return: the resource (the device's own), or NULL.
 */
struct resource *platform_get_resource(struct platform_device *dev, unsigned int type,
				       unsigned int num)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if (type == resource_type(r) && num-- == 0)
			return r;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(platform_get_resource);

/**
 * platform_get_mem_or_io - a device's memory or I/O resource by index
 * @dev: the platform device
 * @num: index among its memory and I/O resources together
 *
 * Context: any. Return: the resource, or NULL.
 */
struct resource *platform_get_mem_or_io(struct platform_device *dev, unsigned int num)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if ((resource_type(r) & (IORESOURCE_MEM | IORESOURCE_IO)) && num-- == 0)
			return r;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(platform_get_mem_or_io);

/**
 * platform_get_resource_byname - a device's resource by type and name
 * @dev: the platform device
 * @type: the resource type
 * @name: the resource's name
 *
 * Context: any. Return: the resource, or NULL.
 */
struct resource *platform_get_resource_byname(struct platform_device *dev, unsigned int type,
					      const char *name)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if (unlikely(!r->name))
			continue;
		if (type == resource_type(r) && !strcmp(r->name, name))
			return r;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(platform_get_resource_byname);

/* The IRQ of an IRQ resource: its number, -EINVAL (and 6.1's WARN) for 0. */
static int irq_of(struct resource *r)
{
	if (!r)
		return -ENXIO;
	if (WARN(!r->start, "0 is an invalid IRQ number\n"))
		return -EINVAL;
	return r->start;
}

/**
 * platform_get_irq_optional - a device's IRQ by index, quietly
 * @dev: the platform device
 * @num: index among its IRQ resources
 *
 * Context: any. Return: the IRQ number; -ENXIO when there is none; -EINVAL for 0.
 */
int platform_get_irq_optional(struct platform_device *dev, unsigned int num)
{
	return irq_of(platform_get_resource(dev, IORESOURCE_IRQ, num));
}
EXPORT_SYMBOL_GPL(platform_get_irq_optional);

/**
 * platform_get_irq - a device's IRQ by index
 * @dev: the platform device
 * @num: index among its IRQ resources
 *
 * A missing IRQ is logged as 6.1 logs it ("IRQ index %u not found", through
 * dev_err_probe).
 *
 * Context: process.
 * Return: the IRQ number or -errno.
 */
int platform_get_irq(struct platform_device *dev, unsigned int num)
{
	int ret = platform_get_irq_optional(dev, num);

	if (ret < 0)
		return dev_err_probe(&dev->dev, ret, "IRQ index %u not found\n", num);
	return ret;
}
EXPORT_SYMBOL_GPL(platform_get_irq);

/**
 * platform_irq_count - how many IRQs a device has
 * @dev: the platform device
 *
 * Context: any. Return: the count.
 */
int platform_irq_count(struct platform_device *dev)
{
	int nr = 0;

	while (platform_get_irq_optional(dev, nr) >= 0)
		nr++;
	return nr;
}
EXPORT_SYMBOL_GPL(platform_irq_count);

/**
 * platform_get_irq_byname_optional - a device's IRQ by resource name, quietly
 * @dev: the platform device
 * @name: the IRQ resource's name
 *
 * Context: any. Return: the IRQ number or -ENXIO / -EINVAL.
 */
int platform_get_irq_byname_optional(struct platform_device *dev, const char *name)
{
	return irq_of(platform_get_resource_byname(dev, IORESOURCE_IRQ, name));
}
EXPORT_SYMBOL_GPL(platform_get_irq_byname_optional);

/**
 * platform_get_irq_byname - a device's IRQ by resource name
 * @dev: the platform device
 * @name: the IRQ resource's name
 *
 * A missing IRQ is logged ("IRQ %s not found").
 *
 * Context: process.
 * Return: the IRQ number or -errno.
 */
int platform_get_irq_byname(struct platform_device *dev, const char *name)
{
	int ret = platform_get_irq_byname_optional(dev, name);

	if (ret < 0)
		return dev_err_probe(&dev->dev, ret, "IRQ %s not found\n", name);
	return ret;
}
EXPORT_SYMBOL_GPL(platform_get_irq_byname);

/**
 * devm_platform_get_and_ioremap_resource - request and map a memory resource, managed
 * @pdev: the platform device
 * @index: index among its memory resources
 * @res: receives the resource (may be NULL)
 *
 * Context: process. Return: the mapping or an ERR_PTR, as devm_ioremap_resource.
 */
void __iomem *devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
						     unsigned int index, struct resource **res)
{
	struct resource *r = platform_get_resource(pdev, IORESOURCE_MEM, index);

	if (res)
		*res = r;
	return devm_ioremap_resource(&pdev->dev, r);
}
EXPORT_SYMBOL_GPL(devm_platform_get_and_ioremap_resource);

/**
 * devm_platform_ioremap_resource - request and map a memory resource, managed
 * @pdev: the platform device
 * @index: index among its memory resources
 *
 * Context: process. Return: the mapping or an ERR_PTR, as devm_ioremap_resource.
 */
void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev, unsigned int index)
{
	return devm_platform_get_and_ioremap_resource(pdev, index, NULL);
}
EXPORT_SYMBOL_GPL(devm_platform_ioremap_resource);

/**
 * devm_platform_ioremap_resource_byname - request and map a named memory resource
 * @pdev: the platform device
 * @name: the resource's name
 *
 * Context: process. Return: the mapping or an ERR_PTR, as devm_ioremap_resource.
 */
void __iomem *devm_platform_ioremap_resource_byname(struct platform_device *pdev,
						    const char *name)
{
	struct resource *res = platform_get_resource_byname(pdev, IORESOURCE_MEM, name);

	return devm_ioremap_resource(&pdev->dev, res);
}
EXPORT_SYMBOL_GPL(devm_platform_ioremap_resource_byname);

/* ---- devices ---- */

struct platform_object {
	struct platform_device pdev;
	char name[];
};

static void setup_pdev_dma_masks(struct platform_device *pdev)
{
	pdev->dev.dma_parms = NULL;
	if (!pdev->dev.coherent_dma_mask)
		pdev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	if (!pdev->dev.dma_mask) {
		pdev->platform_dma_mask = DMA_BIT_MASK(32);
		pdev->dev.dma_mask = &pdev->platform_dma_mask;
	}
}

static void platform_device_release(struct device *dev)
{
	struct platform_object *pa = container_of(dev, struct platform_object, pdev.dev);

	kfree(pa->pdev.dev.platform_data);
	kfree(pa->pdev.mfd_cell);
	kfree(pa->pdev.resource);
	kfree(pa->pdev.driver_override);
	kfree(pa);
}

/**
 * platform_device_alloc - a platform device, not yet added
 * @name: its name (copied)
 * @id: its instance, or PLATFORM_DEVID_NONE / PLATFORM_DEVID_AUTO
 *
 * Context: process. Return: the device (platform_device_put frees it), or NULL.
 */
struct platform_device *platform_device_alloc(const char *name, int id)
{
	struct platform_object *pa = kzalloc(sizeof(*pa) + strlen(name) + 1,
					     GFP_KERNEL);

	if (pa) {
		strcpy(pa->name, name);
		pa->pdev.name = pa->name;
		pa->pdev.id = id;
		device_initialize(&pa->pdev.dev);
		pa->pdev.dev.release = platform_device_release;
		setup_pdev_dma_masks(&pa->pdev);
	}
	return pa ? &pa->pdev : NULL;
}
EXPORT_SYMBOL_GPL(platform_device_alloc);

/**
 * platform_device_add_resources - give an allocated device copies of resources
 * @pdev: from platform_device_alloc
 * @res: the resources (NULL: none)
 * @num: how many
 *
 * Context: process. Return: 0 or -ENOMEM.
 */
int platform_device_add_resources(struct platform_device *pdev, const struct resource *res,
				  unsigned int num)
{
	struct resource *r = NULL;

	if (res) {
		r = kmemdup(res, sizeof(struct resource) * num, GFP_KERNEL);
		if (!r)
			return -ENOMEM;
	}
	kfree(pdev->resource);
	pdev->resource = r;
	pdev->num_resources = num;
	return 0;
}
EXPORT_SYMBOL_GPL(platform_device_add_resources);

/**
 * platform_device_add_data - give an allocated device a copy of platform data
 * @pdev: from platform_device_alloc
 * @data: the data (NULL: none)
 * @size: its bytes
 *
 * Context: process. Return: 0 or -ENOMEM.
 */
int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size)
{
	void *d = NULL;

	if (data) {
		d = kmemdup(data, size, GFP_KERNEL);
		if (!d)
			return -ENOMEM;
	}
	kfree(pdev->dev.platform_data);
	pdev->dev.platform_data = d;
	return 0;
}
EXPORT_SYMBOL_GPL(platform_device_add_data);

static int platform_device_name(struct platform_device *pdev)
{
	int ret;

	switch (pdev->id) {
	default:
		return dev_set_name(&pdev->dev, "%s.%d", pdev->name, pdev->id);
	case PLATFORM_DEVID_NONE:
		return dev_set_name(&pdev->dev, "%s", pdev->name);
	case PLATFORM_DEVID_AUTO:
		ret = ida_alloc(&platform_devid_ida, GFP_KERNEL);
		if (ret < 0)
			return ret;
		pdev->id = ret;
		pdev->id_auto = true;
		return dev_set_name(&pdev->dev, "%s.%d.auto", pdev->name, pdev->id);
	}
}

static void platform_device_unname(struct platform_device *pdev)
{
	if (pdev->id_auto) {
		ida_free(&platform_devid_ida, pdev->id);
		pdev->id = PLATFORM_DEVID_AUTO;
		pdev->id_auto = false;
	}
}

static void release_claimed(struct platform_device *pdev, u32 n)
{
	while (n--) {
		struct resource *r = &pdev->resource[n];

		if (r->parent)
			release_resource(r);
	}
}

static int __platform_device_add(struct platform_device *pdev, bool claim)
{
	u32 i = 0;
	int ret;

	if (!pdev)
		return -EINVAL;
	if (!pdev->dev.parent)
		pdev->dev.parent = &platform_bus;
	pdev->dev.bus = &platform_bus_type;
	ret = platform_device_name(pdev);
	if (ret)
		return ret;

	for (i = 0; i < pdev->num_resources; i++) {
		struct resource *p, *r = &pdev->resource[i];

		if (!r->name)
			r->name = dev_name(&pdev->dev);
		if (!claim)
			continue;
		p = r->parent;
		if (!p) {
			if (resource_type(r) == IORESOURCE_MEM)
				p = &iomem_resource;
			else if (resource_type(r) == IORESOURCE_IO)
				p = &ioport_resource;
		}
		if (p) {
			ret = insert_resource(p, r);
			if (ret) {
				dev_err(&pdev->dev, "failed to claim resource %d: %pR\n", i, r);
				goto failed;
			}
		}
	}
	pr_debug("Registering platform device '%s'. Parent at %s\n", dev_name(&pdev->dev),
		 dev_name(pdev->dev.parent));
	ret = device_add(&pdev->dev);
	if (ret == 0)
		return 0;
failed:
	platform_device_unname(pdev);
	release_claimed(pdev, i);
	return ret;
}

/**
 * platform_device_add - add a platform device to the bus
 * @pdev: an initialised device (platform_device_alloc)
 *
 * Names it ("name", "name.id" or "name.N.auto"), claims its I/O and memory resources in
 * their trees ("failed to claim resource %d: %pR" and the error when one conflicts) and
 * adds it, binding a driver if one matches.
 *
 * Context: process.
 * Return: 0 or -errno (nothing claimed).
 */
int platform_device_add(struct platform_device *pdev)
{
	return __platform_device_add(pdev, true);
}
EXPORT_SYMBOL_GPL(platform_device_add);

/* For the machine's own devices: their ranges are already in the trees. */
int platform_device_add_described(struct platform_device *pdev)
{
	return __platform_device_add(pdev, false);
}

/**
 * platform_device_del - remove a platform device from the bus
 * @pdev: the device (NULL or an ERR_PTR: nothing)
 *
 * Unbinds its driver and gives its claimed resources back.
 *
 * Context: process.
 */
void platform_device_del(struct platform_device *pdev)
{
	if (IS_ERR_OR_NULL(pdev))
		return;
	device_del(&pdev->dev);
	platform_device_unname(pdev);
	release_claimed(pdev, pdev->num_resources);
}
EXPORT_SYMBOL_GPL(platform_device_del);

/**
 * platform_device_put - drop a reference to a platform device
 * @pdev: the device (NULL or an ERR_PTR: nothing)
 *
 * Context: process.
 */
void platform_device_put(struct platform_device *pdev)
{
	if (!IS_ERR_OR_NULL(pdev))
		put_device(&pdev->dev);
}
EXPORT_SYMBOL_GPL(platform_device_put);

/**
 * platform_device_register - initialise and add a platform device of the caller's
 * @pdev: the device (its dev.release frees it)
 *
 * Context: process. Return: 0 or -errno (then platform_device_put it).
 */
int platform_device_register(struct platform_device *pdev)
{
	device_initialize(&pdev->dev);
	setup_pdev_dma_masks(pdev);
	return platform_device_add(pdev);
}
EXPORT_SYMBOL_GPL(platform_device_register);

/**
 * platform_device_unregister - remove and put a platform device
 * @pdev: the device
 *
 * Context: process.
 */
void platform_device_unregister(struct platform_device *pdev)
{
	if (IS_ERR_OR_NULL(pdev))
		return;
	platform_device_del(pdev);
	platform_device_put(pdev);
}
EXPORT_SYMBOL_GPL(platform_device_unregister);

/**
 * platform_add_devices - register several platform devices
 * @devs: the devices
 * @num: how many
 *
 * Context: process. Return: 0, or the first error (those already added are removed).
 */
int platform_add_devices(struct platform_device **devs, int num)
{
	int i, ret = 0;

	for (i = 0; i < num; i++) {
		ret = platform_device_register(devs[i]);
		if (ret) {
			while (--i >= 0)
				platform_device_unregister(devs[i]);
			break;
		}
	}
	return ret;
}
EXPORT_SYMBOL_GPL(platform_add_devices);

/**
 * platform_device_register_full - allocate, describe and add a platform device
 * @pdevinfo: its parent, name, id, resources, platform data and DMA mask
 *
 * Context: process. Return: the device, or an ERR_PTR.
 */
struct platform_device *platform_device_register_full(const struct platform_device_info *pdevinfo)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(pdevinfo->name, pdevinfo->id);
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = pdevinfo->parent;
	if (pdevinfo->dma_mask) {
		pdev->platform_dma_mask = pdevinfo->dma_mask;
		pdev->dev.dma_mask = &pdev->platform_dma_mask;
		pdev->dev.coherent_dma_mask = pdevinfo->dma_mask;
	}
	ret = platform_device_add_resources(pdev, pdevinfo->res, pdevinfo->num_res);
	if (!ret)
		ret = platform_device_add_data(pdev, pdevinfo->data, pdevinfo->size_data);
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ERR_PTR(ret);
	}
	return pdev;
}
EXPORT_SYMBOL_GPL(platform_device_register_full);

/* ---- drivers ---- */

/**
 * __platform_driver_register - register a platform driver (platform_driver_register)
 * @drv: the driver
 * @owner: its module
 *
 * Binds it to every matching device present.
 *
 * Context: process.
 * Return: 0 or -errno.
 */
int __platform_driver_register(struct platform_driver *drv, struct module *owner)
{
	drv->driver.owner = owner;
	drv->driver.bus = &platform_bus_type;
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL_GPL(__platform_driver_register);

/**
 * platform_driver_unregister - unregister a platform driver, unbinding its devices
 * @drv: the driver
 *
 * Context: process.
 */
void platform_driver_unregister(struct platform_driver *drv)
{
	driver_unregister(&drv->driver);
}
EXPORT_SYMBOL_GPL(platform_driver_unregister);

static int platform_probe_fail(struct platform_device *pdev)
{
	return -ENXIO;
}

static int is_bound_to_driver(struct device *dev, void *driver)
{
	return dev->driver == driver;
}

/**
 * __platform_driver_probe - register a driver for devices that are present now only
 * @drv: the driver
 * @probe: its probe (may be __init: it is not called after this returns)
 * @module: its module
 *
 * The driver cannot bind later, through sysfs or to a device added later.
 * Context: process. Return: 0 when it bound at least one device, else -ENODEV or
 * -errno.
 */
int __platform_driver_probe(struct platform_driver *drv,
			    int (*probe)(struct platform_device *), struct module *module)
{
	int retval;

	if (drv->driver.probe_type == PROBE_PREFER_ASYNCHRONOUS) {
		pr_err("%s: drivers registered with %s can not be probed asynchronously\n",
		       drv->driver.name, __func__);
		return -EINVAL;
	}
	drv->driver.probe_type = PROBE_FORCE_SYNCHRONOUS;
	drv->prevent_deferred_probe = true;
	drv->driver.suppress_bind_attrs = true;
	drv->probe = probe;
	retval = __platform_driver_register(drv, module);
	if (retval)
		return retval;
	/* from now on no device may bind to it */
	drv->probe = platform_probe_fail;
	if (!driver_for_each_device(&drv->driver, NULL, &drv->driver, is_bound_to_driver))
		retval = -ENODEV;
	if (retval)
		platform_driver_unregister(drv);
	return retval;
}
EXPORT_SYMBOL_GPL(__platform_driver_probe);

/**
 * __platform_register_drivers - register several platform drivers
 * @drivers: the drivers
 * @count: how many
 * @owner: their module
 *
 * Context: process. Return: 0, or the first error (those registered are unregistered).
 */
int __platform_register_drivers(struct platform_driver * const *drivers, unsigned int count,
				struct module *owner)
{
	unsigned int i;
	int err;

	for (i = 0; i < count; i++) {
		pr_debug("registering platform driver %ps\n", drivers[i]);
		err = __platform_driver_register(drivers[i], owner);
		if (err < 0) {
			pr_err("failed to register platform driver %ps: %d\n", drivers[i], err);
			while (i--)
				platform_driver_unregister(drivers[i]);
			return err;
		}
	}
	return 0;
}
EXPORT_SYMBOL_GPL(__platform_register_drivers);

/**
 * platform_unregister_drivers - unregister several platform drivers, last first
 * @drivers: the drivers
 * @count: how many
 *
 * Context: process.
 */
void platform_unregister_drivers(struct platform_driver * const *drivers, unsigned int count)
{
	while (count--) {
		pr_debug("unregistering platform driver %ps\n", drivers[count]);
		platform_driver_unregister(drivers[count]);
	}
}
EXPORT_SYMBOL_GPL(platform_unregister_drivers);

/* ---- the bus ---- */

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "platform:%s\n", to_platform_device(dev)->name);
}
static DEVICE_ATTR_RO(modalias);

static ssize_t driver_override_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	struct platform_device *pdev = to_platform_device(dev);
	ssize_t len;

	device_lock(dev);
	len = sysfs_emit(buf, "%s\n", pdev->driver_override);
	device_unlock(dev);
	return len;
}

static ssize_t driver_override_store(struct device *dev, struct device_attribute *attr,
				     const char *buf, size_t count)
{
	int err = driver_set_override(dev, &to_platform_device(dev)->driver_override, buf,
				      count);

	return err ? err : (ssize_t)count;
}
static DEVICE_ATTR_RW(driver_override);

static struct attribute *platform_dev_attrs[] = {
	&dev_attr_modalias.attr,
	&dev_attr_driver_override.attr,
	NULL,
};
ATTRIBUTE_GROUPS(platform_dev);

static const struct platform_device_id *platform_match_id(const struct platform_device_id *id,
							  struct platform_device *pdev)
{
	for (; id->name[0]; id++) {
		if (!strcmp(pdev->name, id->name)) {
			pdev->id_entry = id;
			return id;
		}
	}
	return NULL;
}

static int platform_match(struct device *dev, struct device_driver *drv)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct platform_driver *pdrv = to_platform_driver(drv);

	if (pdev->driver_override)
		return !strcmp(pdev->driver_override, drv->name);
	if (pdrv->id_table)
		return platform_match_id(pdrv->id_table, pdev) != NULL;
	return !strcmp(pdev->name, drv->name);
}

static int platform_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	return add_uevent_var(env, "MODALIAS=%s%s", PLATFORM_MODULE_PREFIX,
			      to_platform_device(dev)->name);
}

static int platform_probe(struct device *_dev)
{
	struct platform_driver *drv = to_platform_driver(_dev->driver);
	struct platform_device *dev = to_platform_device(_dev);
	int ret = 0;

	if (unlikely(drv->probe == platform_probe_fail))
		return -ENXIO;
	if (drv->probe)
		ret = drv->probe(dev);
	if (drv->prevent_deferred_probe && ret == -EPROBE_DEFER) {
		dev_warn(_dev, "probe deferral not supported\n");
		ret = -ENXIO;
	}
	return ret;
}

static void platform_remove(struct device *_dev)
{
	struct platform_driver *drv = to_platform_driver(_dev->driver);
	struct platform_device *dev = to_platform_device(_dev);

	if (drv->remove_new) {
		drv->remove_new(dev);
	} else if (drv->remove) {
		if (drv->remove(dev))
			dev_warn(_dev, "remove callback returned a non-zero value. This will be ignored.\n");
	}
}

static void platform_shutdown(struct device *_dev)
{
	struct platform_driver *drv;

	if (!_dev->driver)
		return;
	drv = to_platform_driver(_dev->driver);
	if (drv->shutdown)
		drv->shutdown(to_platform_device(_dev));
}

struct bus_type platform_bus_type = {
	.name		= "platform",
	.dev_groups	= platform_dev_groups,
	.match		= platform_match,
	.uevent		= platform_uevent,
	.probe		= platform_probe,
	.remove		= platform_remove,
	.shutdown	= platform_shutdown,
};
EXPORT_SYMBOL_GPL(platform_bus_type);

static void platform_bus_release(struct device *dev)
{
	/* static: lives as long as the library */
}

/* /sys/devices/platform and /sys/bus/platform (driver_init); each boot starts afresh. */
int platform_bus_init(void)
{
	int error;

	memset(&platform_bus, 0, sizeof(platform_bus));
	platform_bus.init_name = "platform";
	platform_bus.release = platform_bus_release;
	error = device_register(&platform_bus);
	if (error) {
		put_device(&platform_bus);
		return error;
	}
	error = bus_register(&platform_bus_type);
	if (error)
		device_unregister(&platform_bus);
	return error;
}

void platform_bus_exit(void)
{
	bus_unregister(&platform_bus_type);
	device_unregister(&platform_bus);
}
