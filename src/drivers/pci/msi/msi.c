// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/msi/msi.c: a PCI device's interrupt vectors. pci_alloc_irq_vectors()
 * tries MSI (when asked and the device has the capability), then INTx. An x86 machine
 * without interrupt remapping gives a device one MSI message, so MSI yields a single
 * vector, as on Linux 6.1 there. Enabling MSI allocates an interrupt number
 * (kernel/irq_msi.c), writes its message into the capability, turns INTx off and makes
 * pdev->irq the MSI until pci_free_irq_vectors() turns it back. Each MSI interrupt has
 * a file msi_irqs/N ("msi") in the device's sysfs directory while it is allocated; the
 * msi_irqs directory comes with the first MSI and stays until the driver is unbound, as
 * 6.1's device-managed group. MSI-X: no model has the capability (QEMU's edu has MSI
 * only), so asking for it alone is -EINVAL, as Linux answers for such a device. */
#include <ukmem.h>
#include <linux/export.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "drivers/pci/pci.h"
#include "kernel/irq_msi.h"

/**
 * pci_msi_vec_count - how many MSI messages a device can send
 * @dev: the device
 *
 * Return: the count from its Multiple Message Capable field, or -EINVAL without MSI.
 */
int pci_msi_vec_count(struct pci_dev *dev)
{
	u16 flags;

	if (!dev->msi_cap)
		return -EINVAL;
	pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, &flags);
	return 1 << ((flags & PCI_MSI_FLAGS_QMASK) >> 1);
}
EXPORT_SYMBOL(pci_msi_vec_count);

static struct attribute *msi_irqs_none[] = { NULL };

static const struct attribute_group msi_irqs_group = {
	.name	= "msi_irqs",
	.attrs	= msi_irqs_none,
};

/* msi_irqs/N reads the device's MSI mode, as Linux's. */
static ssize_t msi_mode_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_pci_dev(dev)->msix_enabled ? "msix" : "msi");
}

/* Removes msi_irqs/N of the vectors and frees their attributes. */
static void msi_sysfs_remove_irqs(struct pci_dev *dev)
{
	struct device_attribute *attrs = dev->msi_attrs;

	if (!attrs)
		return;
	dev->msi_attrs = NULL;
	for (int i = 0; attrs[i].attr.name; i++) {
		if (attrs[i].show)
			sysfs_remove_file_from_group(&dev->dev.kobj, &attrs[i].attr,
						     msi_irqs_group.name);
		kfree(attrs[i].attr.name);
	}
	kfree(attrs);
}

/* msi_irqs/N for the nvec interrupts from irq, the directory first if it is not there. */
static int msi_sysfs_add_irqs(struct pci_dev *dev, unsigned int irq, unsigned int nvec)
{
	struct device_attribute *attrs;
	int err;

	if (!dev->msi_irqs_dir) {
		err = device_add_group(&dev->dev, &msi_irqs_group);
		if (err)
			return err;
		dev->msi_irqs_dir = true;
	}
	attrs = kcalloc(nvec + 1, sizeof(*attrs), GFP_KERNEL);	/* a NULL name ends it */
	if (!attrs)
		return -ENOMEM;
	dev->msi_attrs = attrs;
	for (unsigned int i = 0; i < nvec; i++) {
		sysfs_attr_init(&attrs[i].attr);
		attrs[i].attr.name = kasprintf(GFP_KERNEL, "%u", irq + i);
		if (!attrs[i].attr.name) {
			msi_sysfs_remove_irqs(dev);
			return -ENOMEM;
		}
		attrs[i].attr.mode = 0444;
		attrs[i].show = msi_mode_show;
		err = sysfs_add_file_to_group(&dev->dev.kobj, &attrs[i].attr,
					      msi_irqs_group.name);
		if (err) {
			attrs[i].show = NULL;
			msi_sysfs_remove_irqs(dev);
			return err;
		}
	}
	return 0;
}

/* Unbind (and shutdown): the msi_irqs directory goes with what is left in it. */
void pci_msi_sysfs_remove(struct pci_dev *dev)
{
	msi_sysfs_remove_irqs(dev);
	if (dev->msi_irqs_dir)
		device_remove_group(&dev->dev, &msi_irqs_group);
	dev->msi_irqs_dir = false;
}

static int msi_capability_init(struct pci_dev *dev)
{
	int pos = dev->msi_cap, irq, err;
	u64 address;
	u16 flags;
	u32 data;

	irq = irq_msi_alloc(1, (unsigned long)pci_dev_id(dev) << 11);
	if (irq < 0)
		return irq;
	err = msi_sysfs_add_irqs(dev, (unsigned int)irq, 1);
	if (err) {
		irq_msi_free((unsigned int)irq, 1);
		return err;
	}
	irq_msi_compose((unsigned int)irq, &address, &data);
	pci_read_config_word(dev, pos + PCI_MSI_FLAGS, &flags);
	pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_LO, (u32)address);
	if (flags & PCI_MSI_FLAGS_64BIT) {
		pci_write_config_dword(dev, pos + PCI_MSI_ADDRESS_HI, (u32)(address >> 32));
		pci_write_config_word(dev, pos + PCI_MSI_DATA_64, (u16)data);
	} else {
		pci_write_config_word(dev, pos + PCI_MSI_DATA_32, (u16)data);
	}
	flags &= ~PCI_MSI_FLAGS_QSIZE;		/* one message */
	pci_write_config_word(dev, pos + PCI_MSI_FLAGS, flags | PCI_MSI_FLAGS_ENABLE);
	pci_intx(dev, 0);
	dev->msi_enabled = 1;
	dev->msi_nvec = 1;
	dev->irq = (unsigned int)irq;
	return 1;
}

static int enable_msi_range(struct pci_dev *dev, int minvec, int maxvec)
{
	int nvec;

	if (minvec < 1 || !dev->msi_cap || dev->current_state != PCI_D0)
		return -EINVAL;
	if (maxvec < minvec)
		return -ERANGE;
	if (WARN_ON_ONCE(dev->msi_enabled))
		return -EINVAL;
	nvec = pci_msi_vec_count(dev);
	if (nvec < 0)
		return nvec;
	if (nvec < minvec || minvec > 1)	/* one message without remapping */
		return -ENOSPC;
	return msi_capability_init(dev);
}

/**
 * pci_msix_vec_count - how many MSI-X vectors a device has
 * @dev: the device
 *
 * Return: the table size from its MSI-X capability, or -EINVAL without one.
 */
int pci_msix_vec_count(struct pci_dev *dev)
{
	u16 control;

	if (!dev->msix_cap)
		return -EINVAL;
	pci_read_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, &control);
	return (control & PCI_MSIX_FLAGS_QSIZE) + 1;
}
EXPORT_SYMBOL(pci_msix_vec_count);

/* MSI-X: -EINVAL for a device without the capability (every model); a capability
 * ukmem cannot drive yet is -ENOSPC, so a driver falls back to MSI or INTx. */
static int enable_msix_range(struct pci_dev *dev, int minvec, int maxvec)
{
	int hwsize;

	if (minvec < 1 || dev->current_state != PCI_D0)
		return -EINVAL;
	if (maxvec < minvec)
		return -ERANGE;
	hwsize = pci_msix_vec_count(dev);
	if (hwsize < 0)
		return hwsize;
	return -ENOSPC;
}

/**
 * pci_alloc_irq_vectors - allocate a device's interrupt vectors
 * @dev: the device
 * @min_vecs: at least this many (>= 1)
 * @max_vecs: at most this many
 * @flags: PCI_IRQ_MSIX, PCI_IRQ_MSI, PCI_IRQ_LEGACY (INTx)
 *
 * Tries MSI-X, MSI, then INTx if allowed and @min_vecs is 1, as Linux does. Get each vector's interrupt
 * number with pci_irq_vector() and request_irq() it. Context: process. Return: the
 * number of vectors, or -ENOSPC (fewer than @min_vecs), -EINVAL, -ERANGE.
 */
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
			  unsigned int flags)
{
	int nvecs = -ENOSPC;

	if (flags & PCI_IRQ_MSIX) {
		nvecs = enable_msix_range(dev, (int)min_vecs, (int)max_vecs);
		if (nvecs > 0)
			return nvecs;
	}
	if (flags & PCI_IRQ_MSI) {
		nvecs = enable_msi_range(dev, (int)min_vecs, (int)max_vecs);
		if (nvecs > 0)
			return nvecs;
	}
	if ((flags & PCI_IRQ_LEGACY) && min_vecs == 1 && dev->irq) {
		pci_intx(dev, 1);
		return 1;
	}
	return nvecs;
}
EXPORT_SYMBOL(pci_alloc_irq_vectors);

/**
 * pci_disable_msi - turn MSI off and free its interrupt number
 * @dev: the device
 *
 * INTx comes back and pdev->irq is the INTx line again. Nothing happens if MSI is not
 * on. The driver must have freed the interrupt (free_irq) first. Context: process.
 */
void pci_disable_msi(struct pci_dev *dev)
{
	u16 flags;

	if (!dev || !dev->msi_enabled)
		return;
	pci_read_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, &flags);
	pci_write_config_word(dev, dev->msi_cap + PCI_MSI_FLAGS, flags & ~PCI_MSI_FLAGS_ENABLE);
	pci_intx(dev, 1);
	dev->msi_enabled = 0;
	msi_sysfs_remove_irqs(dev);
	irq_msi_free(dev->irq, dev->msi_nvec);
	dev->msi_nvec = 0;
	dev->irq = dev->intx_irq;
}
EXPORT_SYMBOL(pci_disable_msi);

/* Enables one MSI vector; 0 or -errno (see pci_alloc_irq_vectors()). */
int pci_enable_msi(struct pci_dev *dev)
{
	int rc = enable_msi_range(dev, 1, 1);

	return rc < 0 ? rc : 0;
}
EXPORT_SYMBOL(pci_enable_msi);

/* Undoes pci_alloc_irq_vectors(). */
void pci_free_irq_vectors(struct pci_dev *dev)
{
	pci_disable_msi(dev);
}
EXPORT_SYMBOL(pci_free_irq_vectors);

/**
 * pci_irq_vector - the interrupt number of a device's vector
 * @dev: the device
 * @nr: the vector (0 for INTx)
 *
 * Return: the number to give request_irq(), or -EINVAL for a vector not allocated.
 */
int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	if (!dev->msi_enabled && !dev->msix_enabled)
		return !nr ? (int)dev->irq : -EINVAL;
	return nr < dev->msi_nvec ? (int)(dev->irq + nr) : -EINVAL;
}
EXPORT_SYMBOL(pci_irq_vector);

/* Unbind of a managed device: its vectors go, as the kernel's devres frees them. */
void pci_msi_release(struct pci_dev *dev)
{
	pci_free_irq_vectors(dev);
}
