/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/pci/pci.h: what the PCI core's files share. The root bus (bus 0) lives from
 * boot (pci_subsys_init) to shutdown (pci_subsys_exit); its device list changes at boot,
 * at shutdown and by rescans and removals (under pci_lock_rescan_remove), always with
 * pci_bus_sem held for writing, so readers walk it under pci_bus_sem. */
#ifndef UKMEM_DRIVERS_PCI_PCI_H
#define UKMEM_DRIVERS_PCI_PCI_H

#include <linux/pci.h>
#include <linux/rwsem.h>

extern struct pci_ops pci_root_ops;
extern struct pci_bus pci_root_bus;
extern struct rw_semaphore pci_bus_sem;

/* access.c: bus 0's ECAM mapping; the config files' naturally aligned accesses */
int pci_mmcfg_init(void);
void pci_mmcfg_exit(void);
void pci_config_copy(struct pci_dev *dev, char *buf, loff_t off, size_t count, bool write);
/* probe.c */
int pci_subsys_init(void);
void pci_subsys_exit(void);
/* A device's modalias, as its sysfs file and uevent give it. */
#define PCI_MODALIAS_FMT	"pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X"
#define PCI_MODALIAS_ARGS(pdev)	(pdev)->vendor, (pdev)->device, (pdev)->subsystem_vendor, \
				(pdev)->subsystem_device, (u8)((pdev)->class >> 16), \
				(u8)((pdev)->class >> 8), (u8)(pdev)->class
/* pci-sysfs.c: the attributes of each device in /sys/bus/pci/devices, of the bus
 * directory (/sys/bus/pci/rescan) and of the pci_bus class devices */
extern const struct attribute_group *pci_dev_groups[];
extern const struct attribute_group *pci_bus_groups[];
extern const struct attribute_group *pcibus_groups[];
/* The resourceN and resourceN_wc files of a device's BARs, after device_add / before
 * device_del. */
int pci_create_sysfs_dev_files(struct pci_dev *pdev);
void pci_remove_sysfs_dev_files(struct pci_dev *pdev);
/* msi/msi.c: vectors left allocated at unbind; the msi_irqs directory at unbind */
void pci_msi_release(struct pci_dev *dev);
void pci_msi_sysfs_remove(struct pci_dev *dev);
/* mmap.c: user mappings of memory BARs (sysfs resourceN, /proc/bus/pci) */
enum pci_mmap_api {
	PCI_MMAP_SYSFS,		/* vm_pgoff counts pages from the BAR's start */
	PCI_MMAP_PROCFS,	/* vm_pgoff is the BAR's address in pages */
};
bool pci_mmap_fits(struct pci_dev *pdev, int resno, struct vm_area_struct *vma,
		   enum pci_mmap_api mmap_api);
int pci_mmap_resource_range(struct pci_dev *pdev, int bar, struct vm_area_struct *vma,
			    bool write_combine);
/* proc.c; a device's /proc/bus/pci/BB/DD.F file, made and removed */
int pci_proc_init(void);
void pci_proc_exit(void);
int pci_proc_attach_device(struct pci_dev *dev);
void pci_proc_detach_device(struct pci_dev *dev);

#endif
