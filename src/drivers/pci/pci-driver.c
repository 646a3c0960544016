// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/pci-driver.c: the "pci" bus_type (/sys/bus/pci) and PCI drivers on it.
 * The driver core matches a pci_driver to a device when an entry of its id_table does
 * (pci_match_id) -- or, when the device's driver_override names a driver, only that
 * driver, with its entry or any -- and calls pci_device_probe, which passes that entry
 * to the driver's probe; a probe returning 0 binds (pdev->driver and dev.driver set). Unbinding -- the
 * driver unregistered, the device removed, or /sys/bus/pci/drivers/X/unbind -- runs
 * remove; the driver core then releases the device's managed resources (what a
 * pcim_ device holds among them), runs the dma-debug leak check and clears the driver
 * data. IDs written to a driver's new_id file (dynamic IDs, 6.1's pci_add_dynid) are
 * matched before its table and go with remove_id or when it is unregistered.
 * Invariants: the driver core binds and unbinds a device under its device_lock,
 * so probe and remove never race; a bound device holds a reference; a driver's dynamic
 * IDs change under its dynids.lock. */
#include <string.h>
#include <ukmem.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include "drivers/pci/pci.h"
#include "machine/boot.h"

static bool id_matches(const struct pci_device_id *id, const struct pci_dev *dev)
{
	return (id->vendor == (u32)PCI_ANY_ID || id->vendor == dev->vendor) &&
	       (id->device == (u32)PCI_ANY_ID || id->device == dev->device) &&
	       (id->subvendor == (u32)PCI_ANY_ID || id->subvendor == dev->subsystem_vendor) &&
	       (id->subdevice == (u32)PCI_ANY_ID || id->subdevice == dev->subsystem_device) &&
	       !((id->class ^ dev->class) & id->class_mask);
}

/**
 * pci_match_id - the entry of an ID table that matches a device
 * @ids: the table, ended by an entry whose vendor, subvendor and class_mask are 0
 * @dev: the device
 *
 * Context: any. Return: the first matching entry, or NULL.
 */
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids, struct pci_dev *dev)
{
	if (!ids)
		return NULL;
	for (; ids->vendor || ids->subvendor || ids->class_mask; ids++)
		if (id_matches(ids, dev))
			return ids;
	return NULL;
}
EXPORT_SYMBOL(pci_match_id);

/* What a driver with an override naming it binds with when its table has no entry for
 * the device. */
static const struct pci_device_id pci_device_id_any = {
	.vendor = PCI_ANY_ID, .device = PCI_ANY_ID,
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID,
};

struct pci_dynid {
	struct list_head node;
	struct pci_device_id id;
};

/* The entry a driver binds a device with: a dynamic ID's, else its table's (an
 * override_only entry only for a device whose override names it), unless the device's
 * driver_override names another driver (then none) or this one (then any). */
static const struct pci_device_id *pci_match_device(struct pci_driver *drv,
						    struct pci_dev *dev)
{
	const struct pci_device_id *found = NULL, *ids;
	struct pci_dynid *dynid;

	if (dev->driver_override && strcmp(dev->driver_override, drv->name))
		return NULL;
	spin_lock(&drv->dynids.lock);
	list_for_each_entry(dynid, &drv->dynids.list, node) {
		if (id_matches(&dynid->id, dev)) {
			found = &dynid->id;
			break;
		}
	}
	spin_unlock(&drv->dynids.lock);
	if (found)
		return found;
	for (ids = drv->id_table; (found = pci_match_id(ids, dev)); ids = found + 1)
		if (!found->override_only || dev->driver_override)
			return found;
	return dev->driver_override ? &pci_device_id_any : NULL;
}

/**
 * pci_add_dynid - add a dynamic ID to a driver, and bind what it matches
 * @drv: the registered driver
 * @vendor: the vendor ID (PCI_ANY_ID for any)
 * @device: the device ID
 * @subvendor: the subsystem vendor ID
 * @subdevice: the subsystem ID
 * @class: the class code
 * @class_mask: the class bits that must match
 * @driver_data: what the probe finds in the entry's driver_data
 *
 * Context: process; sleeps (probes). Return: 0, -ENOMEM, or driver_attach()'s error.
 */
int pci_add_dynid(struct pci_driver *drv, unsigned int vendor, unsigned int device,
		  unsigned int subvendor, unsigned int subdevice, unsigned int class,
		  unsigned int class_mask, unsigned long driver_data)
{
	struct pci_dynid *dynid = kzalloc(sizeof(*dynid), GFP_KERNEL);

	if (!dynid)
		return -ENOMEM;
	dynid->id = (struct pci_device_id){ .vendor = vendor, .device = device,
					    .subvendor = subvendor, .subdevice = subdevice,
					    .class = class, .class_mask = class_mask,
					    .driver_data = driver_data };
	spin_lock(&drv->dynids.lock);
	list_add_tail(&dynid->node, &drv->dynids.list);
	spin_unlock(&drv->dynids.lock);
	return driver_attach(&drv->driver);
}
EXPORT_SYMBOL_GPL(pci_add_dynid);

static void pci_free_dynids(struct pci_driver *drv)
{
	struct pci_dynid *dynid, *n;

	spin_lock(&drv->dynids.lock);
	list_for_each_entry_safe(dynid, n, &drv->dynids.list, node) {
		list_del(&dynid->node);
		kfree(dynid);
	}
	spin_unlock(&drv->dynids.lock);
}

/* new_id: "vendor device [subvendor subdevice class class_mask driver_data]" in hex.
 * As 6.1: fewer than two fields -EINVAL; without driver_data, an ID the driver matches
 * already -EEXIST; driver_data must be one of the table's. */
static ssize_t new_id_store(struct device_driver *driver, const char *buf, size_t count)
{
	struct pci_driver *pdrv = to_pci_driver(driver);
	const struct pci_device_id *ids = pdrv->id_table;
	u32 vendor, device, subvendor = PCI_ANY_ID, subdevice = PCI_ANY_ID;
	u32 class = 0, class_mask = 0;
	unsigned long driver_data = 0;
	int fields, err = 0;

	fields = sscanf(buf, "%x %x %x %x %x %x %lx", &vendor, &device, &subvendor,
			&subdevice, &class, &class_mask, &driver_data);
	if (fields < 2)
		return -EINVAL;
	if (fields != 7) {
		struct pci_dev *probe = kzalloc(sizeof(*probe), GFP_KERNEL);

		if (!probe)
			return -ENOMEM;
		probe->vendor = (unsigned short)vendor;
		probe->device = (unsigned short)device;
		probe->subsystem_vendor = (unsigned short)subvendor;
		probe->subsystem_device = (unsigned short)subdevice;
		probe->class = class;
		if (pci_match_device(pdrv, probe))
			err = -EEXIST;
		kfree(probe);
		if (err)
			return err;
	}
	if (ids) {
		err = -EINVAL;
		for (; ids->vendor || ids->subvendor || ids->class_mask; ids++) {
			if (driver_data == ids->driver_data) {
				err = 0;
				break;
			}
		}
		if (err)
			return err;
	}
	err = pci_add_dynid(pdrv, vendor, device, subvendor, subdevice, class, class_mask,
			    driver_data);
	return err ? err : (ssize_t)count;
}
static DRIVER_ATTR_WO(new_id);

/* remove_id: the first dynamic ID with these fields goes (-ENODEV if none). */
static ssize_t remove_id_store(struct device_driver *driver, const char *buf, size_t count)
{
	struct pci_driver *pdrv = to_pci_driver(driver);
	u32 vendor, device, subvendor = PCI_ANY_ID, subdevice = PCI_ANY_ID;
	u32 class = 0, class_mask = 0;
	struct pci_dynid *dynid, *n;
	ssize_t ret = -ENODEV;

	if (sscanf(buf, "%x %x %x %x %x %x", &vendor, &device, &subvendor, &subdevice,
		   &class, &class_mask) < 2)
		return -EINVAL;
	spin_lock(&pdrv->dynids.lock);
	list_for_each_entry_safe(dynid, n, &pdrv->dynids.list, node) {
		struct pci_device_id *id = &dynid->id;

		if (id->vendor == vendor && id->device == device &&
		    (subvendor == (u32)PCI_ANY_ID || id->subvendor == subvendor) &&
		    (subdevice == (u32)PCI_ANY_ID || id->subdevice == subdevice) &&
		    !((id->class ^ class) & class_mask)) {
			list_del(&dynid->node);
			kfree(dynid);
			ret = (ssize_t)count;
			break;
		}
	}
	spin_unlock(&pdrv->dynids.lock);
	return ret;
}
static DRIVER_ATTR_WO(remove_id);

static struct attribute *pci_drv_attrs[] = {
	&driver_attr_new_id.attr,
	&driver_attr_remove_id.attr,
	NULL,
};
ATTRIBUTE_GROUPS(pci_drv);

static int pci_bus_match(struct device *dev, struct device_driver *drv)
{
	return pci_match_device(to_pci_driver(drv), to_pci_dev(dev)) != NULL;
}

/* The driver core's probe of a matched device: the pci_driver's probe with the entry
 * of its table that matched; a bound device holds a reference. */
static int pci_device_probe(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct pci_driver *drv = to_pci_driver(dev->driver);
	const struct pci_device_id *id = pci_match_device(drv, pdev);
	int err;

	if (!id || !drv->probe)
		return -ENODEV;
	pci_dev_get(pdev);
	pdev->driver = drv;
	err = drv->probe(pdev, id);
	if (!err)
		return 0;
	pci_msi_sysfs_remove(pdev);
	pdev->driver = NULL;
	pci_dev_put(pdev);
	return err;
}

/* The driver core's unbinding: remove and the msi_irqs directory. The core then
 * releases the managed resources (a pcim_ device's among them), runs the dma-debug
 * leak check and clears the driver data. */
static void pci_device_remove(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct pci_driver *drv = pdev->driver;

	if (drv && drv->remove)
		drv->remove(pdev);
	pci_msi_sysfs_remove(pdev);
	pdev->driver = NULL;
	pci_dev_put(pdev);
}

static void pci_device_shutdown(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);

	if (pdev->driver && pdev->driver->shutdown)
		pdev->driver->shutdown(pdev);
}

/* The device's variables in its uevents and sysfs uevent file, as Linux 6.1's. */
static int pci_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	struct pci_dev *pdev = to_pci_dev(dev);

	if (add_uevent_var(env, "PCI_CLASS=%04X", pdev->class) ||
	    add_uevent_var(env, "PCI_ID=%04X:%04X", pdev->vendor, pdev->device) ||
	    add_uevent_var(env, "PCI_SUBSYS_ID=%04X:%04X", pdev->subsystem_vendor,
			   pdev->subsystem_device) ||
	    add_uevent_var(env, "PCI_SLOT_NAME=%s", pci_name(pdev)) ||
	    add_uevent_var(env, "MODALIAS=" PCI_MODALIAS_FMT, PCI_MODALIAS_ARGS(pdev)))
		return -ENOMEM;
	return 0;
}

struct bus_type pci_bus_type = {
	.name		= "pci",
	.match		= pci_bus_match,
	.uevent		= pci_uevent,
	.probe		= pci_device_probe,
	.remove		= pci_device_remove,
	.shutdown	= pci_device_shutdown,
	.dev_groups	= pci_dev_groups,
	.bus_groups	= pci_bus_groups,
	.drv_groups	= pci_drv_groups,
};
EXPORT_SYMBOL(pci_bus_type);

/**
 * __pci_register_driver - register a PCI driver (use pci_register_driver())
 * @drv: the driver, with name, id_table, probe and remove
 * @owner: its module
 * @mod_name: its module's name
 *
 * Probes every unbound device the driver's table matches before returning. A probe
 * failing with an error other than -ENODEV or -ENXIO is logged as the kernel logs it.
 * Context: process; sleeps. Return: 0, or driver_register()'s error (-EBUSY if a
 * driver of that name is already registered).
 */
int __pci_register_driver(struct pci_driver *drv, struct module *owner, const char *mod_name)
{
	ukmem_ensure_booted();
	drv->driver.name = drv->name;
	drv->driver.bus = &pci_bus_type;
	drv->driver.owner = owner;
	drv->driver.mod_name = mod_name;
	spin_lock_init(&drv->dynids.lock);
	INIT_LIST_HEAD(&drv->dynids.list);
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL(__pci_register_driver);

/**
 * pci_unregister_driver - unregister a PCI driver
 * @drv: the driver
 *
 * Unbinds it from every device it is bound to (its remove runs for each) first.
 * Context: process; sleeps.
 */
void pci_unregister_driver(struct pci_driver *drv)
{
	driver_unregister(&drv->driver);
	pci_free_dynids(drv);
}
EXPORT_SYMBOL(pci_unregister_driver);

