// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/proc.c: /proc/bus/pci as Linux 6.1 has it. devices: per device, bus and
 * devfn, vendor and device, the interrupt (hex), the seven resources' starts with their
 * low BAR flag bits, their sizes, and the bound driver's name. BB/DD.F (00/01.0): the
 * device's configuration space as a binary file of cfg_size bytes (mode 0644), read and
 * written with naturally aligned accesses; without CAP_SYS_ADMIN a read stops at 64
 * bytes. Its ioctls (PCIIOC_*) and mmap are 6.1's on x86: memory BARs are mapped at
 * their own address after PCIIOC_MMAP_IS_MEM (docs/pci.md). Invariants: a device's file lives from its scan (boot or a rescan) to its
 * removal or pci_proc_exit(), which run before the device is freed and wait for the
 * calls under way. */
#include <linux/capability.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "drivers/pci/pci.h"
#include "fs/proc.h"

#define PCI_REGION_FLAG_MASK	0x0fU

static int devices_show(struct seq_file *m, void *data)
{
	struct pci_dev *dev = NULL;

	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev))) {
		struct pci_driver *drv = READ_ONCE(dev->driver);

		seq_printf(m, "%02x%02x\t%04x%04x\t%x", dev->bus->number, dev->devfn,
			   dev->vendor, dev->device, dev->irq);
		for (int i = 0; i < DEVICE_COUNT_RESOURCE; i++)
			seq_printf(m, "\t%16llx", (unsigned long long)(dev->resource[i].start |
				   (dev->resource[i].flags & PCI_REGION_FLAG_MASK)));
		for (int i = 0; i < DEVICE_COUNT_RESOURCE; i++) {
			struct resource *r = &dev->resource[i];

			seq_printf(m, "\t%16llx", r->start < r->end ?
				   (unsigned long long)(r->end - r->start + 1) : 0ULL);
		}
		seq_putc(m, '\t');
		if (drv)
			seq_puts(m, drv->name);
		seq_putc(m, '\n');
	}
	return 0;
}

static loff_t proc_bus_pci_lseek(struct file *file, loff_t off, int whence)
{
	struct pci_dev *dev = pde_data(file_inode(file));

	return fixed_size_llseek(file, off, whence, dev->cfg_size);
}

/* A read or write of the first size bytes of dev's space at *ppos, through a kernel
 * buffer in pieces that end on dword boundaries (the accesses are those of one pass). */
static ssize_t config_file_rw(struct pci_dev *dev, char __user *ubuf, size_t nbytes,
			      loff_t *ppos, size_t size, bool write)
{
	char chunk[64];
	loff_t pos = *ppos;
	size_t done = 0;

	if (pos < 0)
		return -EINVAL;
	if (!nbytes || (size_t)pos >= size)
		return 0;
	nbytes = min(nbytes, size - (size_t)pos);
	while (done < nbytes) {
		loff_t at = pos + (loff_t)done;
		size_t n = min(nbytes - done, sizeof(chunk) - (size_t)(at & 3));

		if (write) {
			if (copy_from_user(chunk, ubuf + done, n))
				return -EFAULT;
			pci_config_copy(dev, chunk, at, n, true);
		} else {
			pci_config_copy(dev, chunk, at, n, false);
			if (copy_to_user(ubuf + done, chunk, n))
				return -EFAULT;
		}
		done += n;
	}
	*ppos = pos + (loff_t)done;
	return (ssize_t)done;
}

static ssize_t proc_bus_pci_read(struct file *file, char __user *buf, size_t nbytes,
				 loff_t *ppos)
{
	struct pci_dev *dev = pde_data(file_inode(file));
	size_t size = capable(CAP_SYS_ADMIN) ? (size_t)dev->cfg_size : 64;

	return config_file_rw(dev, buf, nbytes, ppos, size, false);
}

static ssize_t proc_bus_pci_write(struct file *file, const char __user *buf, size_t nbytes,
				  loff_t *ppos)
{
	struct pci_dev *dev = pde_data(file_inode(file));

	return config_file_rw(dev, (char __user *)buf, nbytes, ppos, (size_t)dev->cfg_size,
			      true);
}

/* What an open file's ioctls chose for its mappings. */
struct pci_filp_private {
	bool mmap_mem;		/* PCIIOC_MMAP_IS_MEM; I/O space (x86: none) at open */
	bool write_combine;	/* PCIIOC_WRITE_COMBINE */
};

static int proc_bus_pci_open(struct inode *inode, struct file *file)
{
	struct pci_filp_private *fpriv = kzalloc(sizeof(*fpriv), GFP_KERNEL);

	if (!fpriv)
		return -ENOMEM;
	file->private_data = fpriv;
	return 0;
}

static int proc_bus_pci_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	file->private_data = NULL;
	return 0;
}

/* As 6.1's on x86: the domain, the memory state, write-combining (PAT); I/O space
 * cannot be mapped, and anything else is -EINVAL. */
static long proc_bus_pci_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pci_filp_private *fpriv = file->private_data;

	switch (cmd) {
	case PCIIOC_CONTROLLER:
		return 0;		/* domain 0 */
	case PCIIOC_MMAP_IS_MEM:
		fpriv->mmap_mem = true;
		return 0;
	case PCIIOC_WRITE_COMBINE:
		fpriv->write_combine = arg != 0;
		return 0;
	default:
		return -EINVAL;		/* PCIIOC_MMAP_IS_IO among them */
	}
}

/* A mapping at the BAR's own address (the offset), after PCIIOC_MMAP_IS_MEM; needs
 * CAP_SYS_RAWIO; write-combining only for a prefetchable BAR; not while a driver
 * claims the BAR (CONFIG_IO_STRICT_DEVMEM). */
static int proc_bus_pci_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct pci_dev *dev = pde_data(file_inode(file));
	struct pci_filp_private *fpriv = file->private_data;
	int i;

	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	if (!fpriv->mmap_mem)
		return -EINVAL;		/* I/O space, which x86 cannot map */
	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		if ((dev->resource[i].flags & IORESOURCE_MEM) &&
		    pci_mmap_fits(dev, i, vma, PCI_MMAP_PROCFS))
			break;
	if (i >= PCI_STD_NUM_BARS)
		return -ENODEV;
	if (fpriv->write_combine && !(dev->resource[i].flags & IORESOURCE_PREFETCH))
		return -EINVAL;
	if (iomem_is_exclusive(dev->resource[i].start))
		return -EINVAL;
	vma->vm_pgoff -= (unsigned long)(dev->resource[i].start >> PAGE_SHIFT);
	return pci_mmap_resource_range(dev, i, vma, fpriv->write_combine);
}

static const struct proc_ops proc_bus_pci_ops = {
	.proc_lseek	= proc_bus_pci_lseek,
	.proc_read	= proc_bus_pci_read,
	.proc_write	= proc_bus_pci_write,
	.proc_ioctl	= proc_bus_pci_ioctl,
	.proc_mmap	= proc_bus_pci_mmap,
	.proc_open	= proc_bus_pci_open,
	.proc_release	= proc_bus_pci_release,
};

/* /proc/bus/pci/BB/DD.F for dev, and BB for its bus if it is the first. */
int pci_proc_attach_device(struct pci_dev *dev)
{
	struct pci_bus *bus = dev->bus;
	char name[16];

	if (!bus->procdir) {
		snprintf(name, sizeof(name), "bus/pci/%02x", bus->number);
		bus->procdir = proc_mkdir(name, NULL);
		if (!bus->procdir)
			return -ENOMEM;
	}
	snprintf(name, sizeof(name), "%02x.%x", PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn));
	dev->procent = proc_create_data(name, S_IFREG | 0644, bus->procdir,
					&proc_bus_pci_ops, dev);
	if (!dev->procent)
		return -ENOMEM;
	proc_set_size(dev->procent, dev->cfg_size);
	return 0;
}

/* Boot, after the scan: /proc/bus/pci/devices and a file for each device. */
int pci_proc_init(void)
{
	struct pci_dev *dev = NULL;
	int err = proc_create_view("/proc/bus/pci/devices", devices_show, NULL);

	while (!err && (dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev)))
		err = pci_proc_attach_device(dev);
	pci_dev_put(dev);
	return err;
}

/* A removed device's file (the bus directory stays, as in Linux). */
void pci_proc_detach_device(struct pci_dev *dev)
{
	proc_remove(dev->procent);
	dev->procent = NULL;
}

/* Shutdown, before the devices go: their files and the bus directory. */
void pci_proc_exit(void)
{
	struct pci_dev *dev;

	list_for_each_entry(dev, &pci_root_bus.devices, bus_list) {
		proc_remove(dev->procent);
		dev->procent = NULL;
	}
	proc_remove(pci_root_bus.procdir);
	pci_root_bus.procdir = NULL;
}
