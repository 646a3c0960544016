// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/remove.c: hot removal of a PCI device, as sysfs's remove file asks for it.
 * The driver is unbound (its remove runs and its managed resources go), the device's
 * /proc/bus/pci file and resource files go, it leaves the driver core and the bus list,
 * and its BARs leave /proc/iomem and /proc/ioports; the last reference frees it. The
 * function itself stays in the machine: a rescan finds it again. Invariant: callers
 * hold pci_lock_rescan_remove() (the _locked variant takes it). */
#include <linux/export.h>
#include <linux/pci.h>
#include "drivers/pci/pci.h"

/**
 * pci_stop_and_remove_bus_device - unbind a device and remove it from its bus
 * @dev: the device (not NULL)
 *
 * Context: process, pci_lock_rescan_remove() held; sleeps (the driver's remove).
 * The caller's reference stays valid until it drops it.
 */
void pci_stop_and_remove_bus_device(struct pci_dev *dev)
{
	device_release_driver(&dev->dev);
	pci_msi_sysfs_remove(dev);	/* also MSI a non-driver left enabled */
	pci_proc_detach_device(dev);
	pci_remove_sysfs_dev_files(dev);
	device_del(&dev->dev);
	down_write(&pci_bus_sem);
	list_del(&dev->bus_list);
	up_write(&pci_bus_sem);
	for (int i = 0; i < PCI_NUM_RESOURCES; i++)
		if (dev->resource[i].parent)
			release_resource(&dev->resource[i]);
	put_device(&dev->dev);
}
EXPORT_SYMBOL(pci_stop_and_remove_bus_device);

/**
 * pci_stop_and_remove_bus_device_locked - the same, taking the rescan/remove lock
 * @dev: the device
 *
 * Context: process; sleeps.
 */
void pci_stop_and_remove_bus_device_locked(struct pci_dev *dev)
{
	pci_lock_rescan_remove();
	pci_stop_and_remove_bus_device(dev);
	pci_unlock_rescan_remove();
}
EXPORT_SYMBOL_GPL(pci_stop_and_remove_bus_device_locked);
