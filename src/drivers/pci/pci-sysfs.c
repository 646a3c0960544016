// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/pci-sysfs.c: the files of a PCI device's directory,
 * /sys/bus/pci/devices/DDDD:BB:SS.F (a link to /sys/devices/pci0000:00/...), in the
 * formats Linux 6.1 prints: power_state, resource, vendor, device, subsystem_vendor,
 * subsystem_device, revision, class, irq, local_cpus, local_cpulist, modalias,
 * numa_node, dma_mask_bits, consistent_dma_mask_bits, enable, broken_parity_status,
 * msi_bus, d3cold_allowed, driver_override, ari_enabled and the binary config, with
 * 6.1's modes and stores (enable, numa_node and msi_bus need CAP_SYS_ADMIN). The
 * machine has one NUMA node and no firmware affinity for its bus, so numa_node reads
 * -1 and local_cpus the online CPUs, as 6.1 shows a device whose bus has no node.
 * The driver core makes them with each device
 * (pci_bus_type's dev_groups). config reads and writes go through the host bridge as
 * the device's driver's own accesses do; without CAP_SYS_ADMIN a read sees the first
 * 64 bytes only, as on Linux. The resource file has a line for each resource Linux's
 * struct pci_dev has below the bridge windows (the BARs, the ROM and, as in a kernel
 * built with CONFIG_PCI_IOV, six SR-IOV BARs, which ukmem's devices do not have).
 * Each BAR also has a resourceN file (0600, the BAR's size) and a prefetchable one a
 * resourceN_wc file, made after the device is added: a memory BAR's maps it (ukmem_mmap)
 * with 6.1's checks -- within the BAR, and not while a driver claims it (a kernel with
 * CONFIG_IO_STRICT_DEVMEM); an I/O BAR's reads and writes its ports (1, 2 or 4 bytes).
 * A BAR with memory behind it (ukfb's video memory) is truly aliased by the mapping; a
 * register BAR's mapping is made, but ukmem cannot route plain user accesses to the
 * device, so they fault. VGA devices have boot_vga (1 for the first, as vgaarb picks a
 * default device when none decodes legacy resources). Hot plug as 6.1: a device's
 * remove (0220) and rescan (0200), /sys/bus/pci/rescan, and the pci_bus class device's
 * rescan, cpuaffinity and cpulistaffinity. */
#include <linux/bitops.h>
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/panic.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <asm/io.h>
#include "drivers/pci/pci.h"

/* Linux's resource count below the bridge windows with CONFIG_PCI_IOV: std + ROM + IOV */
#define PCI_SYSFS_RESOURCES	(PCI_NUM_RESOURCES + PCI_SRIOV_NUM_BARS)

#define pci_config_attr(field, format)						\
static ssize_t field##_show(struct device *dev, struct device_attribute *attr,	\
			    char *buf)						\
{										\
	return sysfs_emit(buf, format, to_pci_dev(dev)->field);			\
}										\
static DEVICE_ATTR_RO(field)

pci_config_attr(vendor, "0x%04x\n");
pci_config_attr(device, "0x%04x\n");
pci_config_attr(subsystem_vendor, "0x%04x\n");
pci_config_attr(subsystem_device, "0x%04x\n");
pci_config_attr(revision, "0x%02x\n");
pci_config_attr(class, "0x%06x\n");

static ssize_t irq_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", to_pci_dev(dev)->irq);
}
static DEVICE_ATTR_RO(irq);

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pci_dev *pdev = to_pci_dev(dev);

	return sysfs_emit(buf, PCI_MODALIAS_FMT "\n", PCI_MODALIAS_ARGS(pdev));
}
static DEVICE_ATTR_RO(modalias);

static ssize_t enable_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", atomic_read(&to_pci_dev(dev)->enable_cnt));
}
/* Enables or disables a device no driver holds (the count goes up or down by one). */
static ssize_t enable_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	unsigned long val;
	ssize_t result = 0;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (kstrtoul(buf, 0, &val) < 0)
		return -EINVAL;
	device_lock(dev);
	if (dev->driver)
		result = -EBUSY;
	else if (val)
		result = pci_enable_device(pdev);
	else if (pci_is_enabled(pdev))
		pci_disable_device(pdev);
	else
		result = -EIO;
	device_unlock(dev);
	return result < 0 ? result : (ssize_t)count;
}
static DEVICE_ATTR_RW(enable);

static ssize_t power_state_show(struct device *dev, struct device_attribute *attr,
				char *buf)
{
	return sysfs_emit(buf, "%s\n", pci_power_name(to_pci_dev(dev)->current_state));
}
static DEVICE_ATTR_RO(power_state);

/* The CPUs near the device: with no node, every online CPU (as a mask or a list). */
static ssize_t local_cpus_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%*pb\n", cpumask_pr_args(cpu_online_mask));
}
static DEVICE_ATTR_RO(local_cpus);

static ssize_t local_cpulist_show(struct device *dev, struct device_attribute *attr,
				  char *buf)
{
	return sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(cpu_online_mask));
}
static DEVICE_ATTR_RO(local_cpulist);

static ssize_t numa_node_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev->numa_node);
}

/* A firmware workaround in Linux: the override taints the kernel and says so. */
static ssize_t numa_node_store(struct device *dev, struct device_attribute *attr,
			       const char *buf, size_t count)
{
	int node;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (kstrtoint(buf, 0, &node) < 0)
		return -EINVAL;
	if ((node < 0 && node != NUMA_NO_NODE) || node >= MAX_NUMNODES)
		return -EINVAL;
	if (node != NUMA_NO_NODE && node != 0)
		return -EINVAL;		/* node 0 is the only one online */
	add_taint(TAINT_FIRMWARE_WORKAROUND, LOCKDEP_STILL_OK);
	pci_alert(to_pci_dev(dev), "[Firmware Bug]: Overriding NUMA node to %d.  "
		  "Contact your vendor for updates.", node);
	dev->numa_node = node;
	return count;
}
static DEVICE_ATTR_RW(numa_node);

static ssize_t broken_parity_status_show(struct device *dev, struct device_attribute *attr,
					 char *buf)
{
	return sysfs_emit(buf, "%u\n", to_pci_dev(dev)->broken_parity_status);
}

static ssize_t broken_parity_status_store(struct device *dev, struct device_attribute *attr,
					  const char *buf, size_t count)
{
	unsigned long val;

	if (kstrtoul(buf, 0, &val) < 0)
		return -EINVAL;
	to_pci_dev(dev)->broken_parity_status = !!val;
	return count;
}
static DEVICE_ATTR_RW(broken_parity_status);

/* Bus 0's functions are no bridges: msi_bus is the device's own no_msi, inverted. */
static ssize_t msi_bus_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", !to_pci_dev(dev)->no_msi);
}

static ssize_t msi_bus_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	unsigned long val;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (kstrtoul(buf, 0, &val) < 0)
		return -EINVAL;
	pdev->no_msi = !val;
	pci_info(pdev, "MSI/MSI-X %s for future drivers\n", val ? "allowed" : "disallowed");
	return count;
}
static DEVICE_ATTR_RW(msi_bus);

static ssize_t d3cold_allowed_show(struct device *dev, struct device_attribute *attr,
				   char *buf)
{
	return sysfs_emit(buf, "%u\n", to_pci_dev(dev)->d3cold_allowed);
}

static ssize_t d3cold_allowed_store(struct device *dev, struct device_attribute *attr,
				    const char *buf, size_t count)
{
	unsigned long val;

	if (kstrtoul(buf, 0, &val) < 0)
		return -EINVAL;
	to_pci_dev(dev)->d3cold_allowed = !!val;	/* no runtime PM to resume */
	return count;
}
static DEVICE_ATTR_RW(d3cold_allowed);

/* ARI needs a PCIe downstream port above the device; bus 0 is the root bus. */
static ssize_t ari_enabled_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", 0u);
}
static DEVICE_ATTR_RO(ari_enabled);

static ssize_t dma_mask_bits_show(struct device *dev, struct device_attribute *attr,
				  char *buf)
{
	return sysfs_emit(buf, "%d\n", fls64(to_pci_dev(dev)->dma_mask));
}
static DEVICE_ATTR_RO(dma_mask_bits);

static ssize_t consistent_dma_mask_bits_show(struct device *dev,
					     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", fls64(dev->coherent_dma_mask));
}
static DEVICE_ATTR_RO(consistent_dma_mask_bits);

static ssize_t resource_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	int len = 0;

	for (int i = 0; i < PCI_SYSFS_RESOURCES; i++) {
		const struct resource *res = i < PCI_NUM_RESOURCES ? &pdev->resource[i] : NULL;
		u64 start = res && res->flags ? res->start : 0;
		u64 end = res && res->flags ? res->end : 0;

		len += sysfs_emit_at(buf, len, "0x%016llx 0x%016llx 0x%016llx\n",
				     (unsigned long long)start, (unsigned long long)end,
				     (unsigned long long)(res ? res->flags : 0));
	}
	return len;
}
static DEVICE_ATTR_RO(resource);

/* A read or write of the config file within its first size bytes. */
static ssize_t config_rw(struct kobject *kobj, char *buf, loff_t off, size_t count,
			 size_t size, bool write)
{
	struct pci_dev *pdev = to_pci_dev(kobj_to_dev(kobj));

	if (off >= (loff_t)size)
		return 0;
	if (count > size - off)
		count = size - off;
	pci_config_copy(pdev, buf, off, count, write);
	return count;
}

static ssize_t config_read(struct file *filp, struct kobject *kobj,
			   struct bin_attribute *bin_attr, char *buf, loff_t off, size_t count)
{
	struct pci_dev *pdev = to_pci_dev(kobj_to_dev(kobj));
	size_t size = capable(CAP_SYS_ADMIN) ? (size_t)pdev->cfg_size : 64;

	return config_rw(kobj, buf, off, count, size, false);
}

static ssize_t config_write(struct file *filp, struct kobject *kobj,
			    struct bin_attribute *bin_attr, char *buf, loff_t off, size_t count)
{
	return config_rw(kobj, buf, off, count, to_pci_dev(kobj_to_dev(kobj))->cfg_size, true);
}
static BIN_ATTR(config, 0644, config_read, config_write, PCI_CFG_SPACE_SIZE);

/* ---- resourceN, resourceN_wc ---- */

static int pci_mmap_resource(struct kobject *kobj, struct bin_attribute *attr,
			     struct vm_area_struct *vma, bool write_combine)
{
	struct pci_dev *pdev = to_pci_dev(kobj_to_dev(kobj));
	int bar = (int)(unsigned long)attr->private;
	struct resource *res = &pdev->resource[bar];

	if ((res->flags & IORESOURCE_MEM) && iomem_is_exclusive(res->start))
		return -EINVAL;
	if (!pci_mmap_fits(pdev, bar, vma, PCI_MMAP_SYSFS))
		return -EINVAL;
	return pci_mmap_resource_range(pdev, bar, vma, write_combine);
}

static int pci_mmap_resource_uc(struct file *filp, struct kobject *kobj,
				struct bin_attribute *attr, struct vm_area_struct *vma)
{
	return pci_mmap_resource(kobj, attr, vma, false);
}

static int pci_mmap_resource_wc(struct file *filp, struct kobject *kobj,
				struct bin_attribute *attr, struct vm_area_struct *vma)
{
	return pci_mmap_resource(kobj, attr, vma, true);
}

/* An I/O BAR's file: one access of 1, 2 or 4 bytes at a port of the BAR. */
static ssize_t pci_resource_io(struct kobject *kobj, struct bin_attribute *attr, char *buf,
			       loff_t off, size_t count, bool write)
{
	struct pci_dev *pdev = to_pci_dev(kobj_to_dev(kobj));
	int bar = (int)(unsigned long)attr->private;
	unsigned long port = (unsigned long)off;

	port += (unsigned long)pci_resource_start(pdev, bar);
	if (port > pci_resource_end(pdev, bar))
		return 0;
	if (port + count - 1 > pci_resource_end(pdev, bar))
		return -EINVAL;
	switch (count) {
	case 1:
		if (write)
			outb(*(u8 *)buf, port);
		else
			*(u8 *)buf = inb(port);
		return 1;
	case 2:
		if (write)
			outw(*(u16 *)buf, port);
		else
			*(u16 *)buf = inw(port);
		return 2;
	case 4:
		if (write)
			outl(*(u32 *)buf, port);
		else
			*(u32 *)buf = inl(port);
		return 4;
	}
	return -EINVAL;
}

static ssize_t pci_read_resource_io(struct file *filp, struct kobject *kobj,
				    struct bin_attribute *attr, char *buf, loff_t off,
				    size_t count)
{
	return pci_resource_io(kobj, attr, buf, off, count, false);
}

static ssize_t pci_write_resource_io(struct file *filp, struct kobject *kobj,
				     struct bin_attribute *attr, char *buf, loff_t off,
				     size_t count)
{
	return pci_resource_io(kobj, attr, buf, off, count, true);
}

static int pci_create_attr(struct pci_dev *pdev, int num, bool write_combine)
{
	struct bin_attribute *attr = kzalloc(sizeof(*attr) + 16, GFP_KERNEL);
	char *name;
	int err;

	if (!attr)
		return -ENOMEM;
	name = (char *)(attr + 1);
	sysfs_bin_attr_init(attr);
	if (write_combine) {
		sprintf(name, "resource%d_wc", num);
		attr->mmap = pci_mmap_resource_wc;
	} else {
		sprintf(name, "resource%d", num);
		if (pci_resource_flags(pdev, num) & IORESOURCE_IO) {
			/* x86 cannot map I/O space: reads and writes only */
			attr->read = pci_read_resource_io;
			attr->write = pci_write_resource_io;
		} else {
			attr->mmap = pci_mmap_resource_uc;
		}
	}
	attr->attr.name = name;
	attr->attr.mode = 0600;
	attr->size = (size_t)pci_resource_len(pdev, num);
	attr->private = (void *)(unsigned long)num;
	err = sysfs_create_bin_file(&pdev->dev.kobj, attr);
	if (err) {
		kfree(attr);
		return err;
	}
	if (write_combine)
		pdev->res_attr_wc[num] = attr;
	else
		pdev->res_attr[num] = attr;
	return 0;
}

/**
 * pci_remove_sysfs_dev_files - remove a device's resourceN and resourceN_wc files
 * @pdev: the device
 *
 * Context: process, before the device leaves the driver core. Mappings made through
 * the files stay (their pages are the device's); new faults on them get SIGBUS.
 */
void pci_remove_sysfs_dev_files(struct pci_dev *pdev)
{
	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (pdev->res_attr[i]) {
			sysfs_remove_bin_file(&pdev->dev.kobj, pdev->res_attr[i]);
			kfree(pdev->res_attr[i]);
			pdev->res_attr[i] = NULL;
		}
		if (pdev->res_attr_wc[i]) {
			sysfs_remove_bin_file(&pdev->dev.kobj, pdev->res_attr_wc[i]);
			kfree(pdev->res_attr_wc[i]);
			pdev->res_attr_wc[i] = NULL;
		}
	}
}

/**
 * pci_create_sysfs_dev_files - make a device's resourceN and resourceN_wc files
 * @pdev: the device, added to the driver core
 *
 * Context: process. A file for each BAR, and a _wc one for each prefetchable BAR (x86
 * with PAT can map write-combining).
 * Return: 0 or -errno (nothing made).
 */
int pci_create_sysfs_dev_files(struct pci_dev *pdev)
{
	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		int err;

		if (!pci_resource_len(pdev, i))
			continue;
		err = pci_create_attr(pdev, i, false);
		if (!err && (pdev->resource[i].flags & IORESOURCE_PREFETCH))
			err = pci_create_attr(pdev, i, true);
		if (err) {
			pci_remove_sysfs_dev_files(pdev);
			return err;
		}
	}
	return 0;
}

/* boot_vga: whether this is the VGA device vgaarb made the default, the first one. */
static ssize_t boot_vga_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct pci_dev *pdev = to_pci_dev(dev), *vga = NULL;

	while ((vga = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, vga)))
		if ((vga->class >> 8) == PCI_CLASS_DISPLAY_VGA)
			break;
	pci_dev_put(vga);
	return sysfs_emit(buf, "%u\n", pdev == vga);
}
static DEVICE_ATTR_RO(boot_vga);

static ssize_t driver_override_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	ssize_t len;

	device_lock(dev);
	len = sysfs_emit(buf, "%s\n", to_pci_dev(dev)->driver_override);
	device_unlock(dev);
	return len;
}

static ssize_t driver_override_store(struct device *dev, struct device_attribute *attr,
				     const char *buf, size_t count)
{
	int err = driver_set_override(dev, &to_pci_dev(dev)->driver_override, buf, count);

	return err ? err : (ssize_t)count;
}
static DEVICE_ATTR_RW(driver_override);

/* ---- hot plug: remove and rescan ---- */

/* A write of a nonzero number; -EINVAL for anything else but 0. */
static int hotplug_request(const char *buf, unsigned long *val)
{
	return kstrtoul(buf, 0, val) < 0 ? -EINVAL : 0;
}

/* The rescan files: a nonzero write rescans bus (NULL: the machine has none). */
static ssize_t rescan_request(struct pci_bus *bus, const char *buf, size_t count)
{
	unsigned long val;

	if (hotplug_request(buf, &val))
		return -EINVAL;
	if (val && bus) {
		pci_lock_rescan_remove();
		pci_rescan_bus(bus);
		pci_unlock_rescan_remove();
	}
	return count;
}

static ssize_t remove_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	unsigned long val;

	if (hotplug_request(buf, &val))
		return -EINVAL;
	if (val && device_remove_file_self(dev, attr))
		pci_stop_and_remove_bus_device_locked(to_pci_dev(dev));
	return count;
}
static struct device_attribute dev_remove_attr = __ATTR_IGNORE_LOCKDEP(remove, 0220, NULL,
								      remove_store);

/* A rescan of the bus the device is on. */
static ssize_t dev_rescan_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	return rescan_request(to_pci_dev(dev)->bus, buf, count);
}
static struct device_attribute dev_attr_dev_rescan = __ATTR(rescan, 0200, NULL,
							    dev_rescan_store);

static struct attribute *pci_dev_hp_attrs[] = {
	&dev_remove_attr.attr,
	&dev_attr_dev_rescan.attr,
	NULL,
};

static const struct attribute_group pci_dev_hp_attr_group = {
	.attrs = pci_dev_hp_attrs,
};

/* /sys/bus/pci/rescan: every bus (ukmem has bus 0 only). */
static ssize_t rescan_store(struct bus_type *bus, const char *buf, size_t count)
{
	return rescan_request(pci_root_bus.bridge ? &pci_root_bus : NULL, buf, count);
}
static BUS_ATTR_WO(rescan);

static struct attribute *pci_bus_attrs[] = {
	&bus_attr_rescan.attr,
	NULL,
};

static const struct attribute_group pci_bus_group = {
	.attrs = pci_bus_attrs,
};

const struct attribute_group *pci_bus_groups[] = {
	&pci_bus_group,
	NULL,
};

/* The pci_bus class device's files (/sys/class/pci_bus/0000:00/). */
static ssize_t bus_rescan_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	return rescan_request(container_of(dev, struct pci_bus, dev), buf, count);
}
static struct device_attribute dev_attr_bus_rescan = __ATTR(rescan, 0200, NULL,
							    bus_rescan_store);

/* The bus has no node: its CPUs are the online ones, as a mask or a list. */
static ssize_t cpuaffinity_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return local_cpus_show(dev, attr, buf);
}
static DEVICE_ATTR_RO(cpuaffinity);

static ssize_t cpulistaffinity_show(struct device *dev, struct device_attribute *attr,
				    char *buf)
{
	return local_cpulist_show(dev, attr, buf);
}
static DEVICE_ATTR_RO(cpulistaffinity);

static struct attribute *pcibus_attrs[] = {
	&dev_attr_bus_rescan.attr,
	&dev_attr_cpuaffinity.attr,
	&dev_attr_cpulistaffinity.attr,
	NULL,
};

static const struct attribute_group pcibus_group = {
	.attrs = pcibus_attrs,
};

const struct attribute_group *pcibus_groups[] = {
	&pcibus_group,
	NULL,
};

static struct attribute *pci_dev_attrs[] = {
	&dev_attr_power_state.attr,
	&dev_attr_resource.attr,
	&dev_attr_vendor.attr,
	&dev_attr_device.attr,
	&dev_attr_subsystem_vendor.attr,
	&dev_attr_subsystem_device.attr,
	&dev_attr_revision.attr,
	&dev_attr_class.attr,
	&dev_attr_irq.attr,
	&dev_attr_local_cpus.attr,
	&dev_attr_local_cpulist.attr,
	&dev_attr_modalias.attr,
	&dev_attr_numa_node.attr,
	&dev_attr_dma_mask_bits.attr,
	&dev_attr_consistent_dma_mask_bits.attr,
	&dev_attr_enable.attr,
	&dev_attr_broken_parity_status.attr,
	&dev_attr_msi_bus.attr,
	&dev_attr_d3cold_allowed.attr,
	&dev_attr_driver_override.attr,
	&dev_attr_ari_enabled.attr,
	NULL,
};

static struct bin_attribute *pci_dev_bin_attrs[] = {
	&bin_attr_config,
	NULL,
};

static const struct attribute_group pci_dev_group = {
	.attrs = pci_dev_attrs,
	.bin_attrs = pci_dev_bin_attrs,
};

static struct attribute *pci_dev_vga_attrs[] = {
	&dev_attr_boot_vga.attr,
	NULL,
};

static umode_t pci_dev_vga_visible(struct kobject *kobj, struct attribute *a, int n)
{
	struct pci_dev *pdev = to_pci_dev(kobj_to_dev(kobj));

	return (pdev->class >> 8) == PCI_CLASS_DISPLAY_VGA ? a->mode : 0;
}

static const struct attribute_group pci_dev_vga_group = {
	.attrs = pci_dev_vga_attrs,
	.is_visible = pci_dev_vga_visible,
};

const struct attribute_group *pci_dev_groups[] = {
	&pci_dev_group,
	&pci_dev_vga_group,
	&pci_dev_hp_attr_group,
	NULL,
};
