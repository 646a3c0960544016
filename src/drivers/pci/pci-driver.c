// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/pci-driver.c: PCI drivers and binding. A registered pci_driver is offered
 * every unbound device on bus 0; the first id_table entry that matches (pci_match_id)
 * is passed to probe, and a probe returning 0 binds the driver (pdev->driver and
 * dev.driver set). Unregistering unbinds: remove, then what a managed (pcim_) device
 * holds is released, the dma-debug leak check runs and driver data is cleared.
 * Invariants: binding and unbinding happen under pci_drivers_lock, one at a time, so
 * probe and remove never race; a bound device holds a reference. The driver core's
 * bus_type and sysfs will sit under this once ukmem has them; the matching and probe
 * rules are already the kernel's. */
#include <ukmem.h>
#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include "drivers/pci/pci.h"
#include "machine/boot.h"

static LIST_HEAD(pci_drivers);
static DEFINE_MUTEX(pci_drivers_lock);

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

/* Offers dev to drv; pci_drivers_lock held. */
static void try_bind(struct pci_driver *drv, struct pci_dev *dev)
{
	const struct pci_device_id *id = pci_match_id(drv->id_table, dev);
	int err;

	if (!id || dev->driver || !drv->probe)
		return;
	pci_dev_get(dev);
	dev->driver = drv;
	dev->dev.driver = &drv->driver;
	err = drv->probe(dev, id);
	if (!err)
		return;
	if (dev->is_managed)
		pcim_release(dev);
	dev->driver = NULL;
	dev->dev.driver = NULL;
	dev_set_drvdata(&dev->dev, NULL);
	if (err != -ENODEV && err != -ENXIO)
		pr_warn("%s: probe of %s failed with error %d\n", drv->name, pci_name(dev), err);
	pci_dev_put(dev);
}

/* Unbinds dev's driver; pci_drivers_lock held. */
static void unbind(struct pci_dev *dev)
{
	struct pci_driver *drv = dev->driver;

	if (!drv)
		return;
	if (drv->remove)
		drv->remove(dev);
	if (dev->is_managed)
		pcim_release(dev);
	device_release_driver(&dev->dev);	/* dma-debug's leak check; clears dev.driver */
	dev->driver = NULL;
	dev->dev.driver = NULL;
	dev_set_drvdata(&dev->dev, NULL);
	pci_dev_put(dev);
}

/**
 * __pci_register_driver - register a PCI driver (use pci_register_driver())
 * @drv: the driver, with name, id_table, probe and remove
 * @owner: its module
 * @mod_name: its module's name
 *
 * Probes every unbound device the driver's table matches before returning. A probe
 * failing with an error other than -ENODEV or -ENXIO is logged as the kernel logs it.
 * Context: process; sleeps. Return: 0, or -EBUSY if @drv is already registered.
 */
int __pci_register_driver(struct pci_driver *drv, struct module *owner, const char *mod_name)
{
	struct pci_dev *dev = NULL;
	struct pci_driver *other;

	ukmem_ensure_booted();
	drv->driver.name = drv->name;
	mutex_lock(&pci_drivers_lock);
	list_for_each_entry(other, &pci_drivers, node) {
		if (other == drv || !strcmp(other->name, drv->name)) {
			mutex_unlock(&pci_drivers_lock);
			pr_err("Error: Driver '%s' is already registered, aborting...\n",
			       drv->name);
			return -EBUSY;
		}
	}
	list_add_tail(&drv->node, &pci_drivers);
	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev)))
		try_bind(drv, dev);
	mutex_unlock(&pci_drivers_lock);
	return 0;
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
	struct pci_dev *dev = NULL;

	mutex_lock(&pci_drivers_lock);
	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev)))
		if (dev->driver == drv)
			unbind(dev);
	if (drv->node.next)
		list_del_init(&drv->node);
	mutex_unlock(&pci_drivers_lock);
}
EXPORT_SYMBOL(pci_unregister_driver);

/* Shutdown: a driver still bound is unbound (its module was never unloaded). */
void pci_release_dev_driver(struct pci_dev *dev)
{
	mutex_lock(&pci_drivers_lock);
	unbind(dev);
	mutex_unlock(&pci_drivers_lock);
}

/* Shutdown: forgets registered drivers (their memory may be gone with a module). */
void pci_drivers_reset(void)
{
	INIT_LIST_HEAD(&pci_drivers);
}
