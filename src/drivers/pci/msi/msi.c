// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/msi/msi.c: a PCI device's interrupt vectors. pci_alloc_irq_vectors()
 * tries MSI-X, then MSI (when asked and the device has the capability), then INTx.
 * An x86 machine without interrupt remapping gives a device one MSI message, so MSI
 * yields a single vector, as on Linux 6.1 there. Enabling MSI allocates an interrupt
 * number (kernel/irq_msi.c), writes its message into the capability, turns INTx off
 * and makes pdev->irq the MSI until pci_free_irq_vectors() turns it back. MSI-X gives
 * up to the table's size of vectors, each its own interrupt number (hwirq entry |
 * devid << 11) whose message goes into its table entry, mapped from the BAR the
 * capability names; as in 6.1 every entry is masked while the function mask is set,
 * and an entry is unmasked when its interrupt's first handler is requested and masked
 * again when the last is freed (kernel/irq_manage.c calls back here); pdev->irq stays
 * the INTx line. Each vector has a file msi_irqs/N ("msi" or "msix") in the device's
 * sysfs directory while it is allocated; the msi_irqs directory comes with the first
 * vector and stays until the driver is unbound, as 6.1's device-managed group.
 * Invariant: msi_enabled and msix_enabled are never both set. */
#include <ukmem.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "drivers/pci/pci.h"
#include "kernel/irq_msi.h"

/**
 * pci_msi_vec_count - how many MSI messages a device can send
 * @dev: the device
 *
 * Context: any context; reads configuration space (takes pci_lock).
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

/* msi_irqs/N for the nvec interrupts irqs[], the directory first if it is not there. */
static int msi_sysfs_add_irqs(struct pci_dev *dev, const unsigned int *irqs,
			      unsigned int nvec)
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
		attrs[i].attr.name = kasprintf(GFP_KERNEL, "%u", irqs[i]);
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
	err = msi_sysfs_add_irqs(dev, (const unsigned int[]){ (unsigned int)irq }, 1);
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

	if (minvec < 1 || dev->no_msi || dev->current_state != PCI_D0)
		return -EINVAL;
	if (dev->msix_enabled) {
		pci_info(dev, "can't enable MSI (MSI-X already enabled)\n");
		return -EINVAL;
	}
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
 * Context: any context; reads configuration space (takes pci_lock).
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

/* Start/shutdown of an MSI-X vector: its entry's mask bit. */
static void msix_mask(void *vector_ctrl, bool masked)
{
	writel(masked ? PCI_MSIX_ENTRY_CTRL_MASKBIT : 0, vector_ctrl);
}

static void msix_set_ctrl(struct pci_dev *dev, u16 clear, u16 set)
{
	u16 control;

	pci_read_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, &control);
	pci_write_config_word(dev, dev->msix_cap + PCI_MSIX_FLAGS, (control & ~clear) | set);
}

/* Frees what msix_capability_init() set up for the first n vectors. */
static void msix_free_vectors(struct pci_dev *dev, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		irq_msi_free(dev->msix_irqs[i], 1);
	kfree(dev->msix_irqs);
	kfree(dev->msix_entries);
	dev->msix_irqs = NULL;
	dev->msix_entries = NULL;
	if (dev->msix_base)
		iounmap(dev->msix_base);
	dev->msix_base = NULL;
}

/* The table mapped from its BAR, or NULL (a BAR without a resource). */
static void __iomem *msix_map_region(struct pci_dev *dev, unsigned int nr_entries)
{
	u32 table;
	int bir;

	pci_read_config_dword(dev, dev->msix_cap + PCI_MSIX_TABLE, &table);
	bir = (int)(table & PCI_MSIX_TABLE_BIR);
	if (bir >= PCI_STD_NUM_BARS || !(pci_resource_flags(dev, bir) & IORESOURCE_MEM))
		return NULL;
	return ioremap(pci_resource_start(dev, bir) + (table & PCI_MSIX_TABLE_OFFSET),
		       (size_t)nr_entries * PCI_MSIX_ENTRY_SIZE);
}

static int msix_capability_init(struct pci_dev *dev, struct msix_entry *entries, int nvec,
				int tsize)
{
	int err = -ENOMEM, i = 0;

	/* Masked as a whole while the entries are written, as 6.1 does. */
	msix_set_ctrl(dev, 0, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE);
	dev->msix_enabled = 1;
	dev->msix_base = msix_map_region(dev, (unsigned int)tsize);
	dev->msix_irqs = kcalloc((size_t)nvec, sizeof(*dev->msix_irqs), GFP_KERNEL);
	dev->msix_entries = kcalloc((size_t)nvec, sizeof(*dev->msix_entries), GFP_KERNEL);
	if (!dev->msix_base || !dev->msix_irqs || !dev->msix_entries)
		goto fail;
	for (i = 0; i < nvec; i++) {
		u16 entry = entries ? entries[i].entry : (u16)i;
		void __iomem *e = dev->msix_base + entry * PCI_MSIX_ENTRY_SIZE;
		int irq = irq_msi_alloc(1, entry | (unsigned long)pci_dev_id(dev) << 11);
		u64 address;
		u32 data;

		if (irq < 0) {
			err = irq;
			goto fail;
		}
		dev->msix_irqs[i] = (unsigned int)irq;
		dev->msix_entries[i] = entry;
		irq_msi_compose((unsigned int)irq, &address, &data);
		writel(PCI_MSIX_ENTRY_CTRL_MASKBIT, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
		writel((u32)address, e + PCI_MSIX_ENTRY_LOWER_ADDR);
		writel((u32)(address >> 32), e + PCI_MSIX_ENTRY_UPPER_ADDR);
		writel(data, e + PCI_MSIX_ENTRY_DATA);
		irq_msi_set_mask((unsigned int)irq, msix_mask, e + PCI_MSIX_ENTRY_VECTOR_CTRL);
		if (entries)
			entries[i].vector = (u32)irq;
	}
	err = msi_sysfs_add_irqs(dev, dev->msix_irqs, (unsigned int)nvec);
	if (err)
		goto fail;
	dev->msi_nvec = (unsigned int)nvec;
	pci_intx(dev, 0);
	/* every entry masked (those not used too), then the function unmasked */
	for (int n = 0; n < tsize; n++)
		writel(PCI_MSIX_ENTRY_CTRL_MASKBIT, dev->msix_base + n * PCI_MSIX_ENTRY_SIZE +
		       PCI_MSIX_ENTRY_VECTOR_CTRL);
	msix_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL, 0);
	return 0;

fail:
	msix_free_vectors(dev, (unsigned int)i);
	dev->msix_enabled = 0;
	msix_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE, 0);
	return err;
}

/* One try with nvec vectors: 0, -errno, or the table size when nvec is larger. */
static int enable_msix(struct pci_dev *dev, struct msix_entry *entries, int nvec)
{
	int nr_entries;

	if (dev->no_msi || dev->current_state != PCI_D0)
		return -EINVAL;
	nr_entries = pci_msix_vec_count(dev);
	if (nr_entries < 0)
		return nr_entries;
	if (nvec > nr_entries)
		return nr_entries;
	for (int i = 0; entries && i < nvec; i++) {
		if (entries[i].entry >= nr_entries)
			return -EINVAL;		/* no such entry */
		for (int j = i + 1; j < nvec; j++)
			if (entries[i].entry == entries[j].entry)
				return -EINVAL;	/* the same entry twice */
	}
	if (dev->msi_enabled) {
		pci_info(dev, "can't enable MSI-X (MSI IRQ already assigned)\n");
		return -EINVAL;
	}
	return msix_capability_init(dev, entries, nvec, nr_entries);
}

static int enable_msix_range(struct pci_dev *dev, struct msix_entry *entries, int minvec,
			     int maxvec)
{
	int nvec = maxvec, rc;

	if (minvec < 1)
		return -EINVAL;
	if (maxvec < minvec)
		return -ERANGE;
	if (WARN_ON_ONCE(dev->msix_enabled))
		return -EINVAL;
	for (;;) {
		rc = enable_msix(dev, entries, nvec);
		if (rc == 0)
			return nvec;
		if (rc < 0)
			return rc;
		if (rc < minvec)
			return -ENOSPC;
		nvec = rc;
	}
}

/**
 * pci_enable_msix_range - enable MSI-X with the table entries a driver chose
 * @dev: the device
 * @entries: @maxvec entries, each with .entry set; the kernel fills .vector
 * @minvec: at least this many vectors
 * @maxvec: at most this many
 *
 * With fewer table entries than @maxvec but at least @minvec, enables as many as the
 * table has (the first ones of @entries).
 *
 * Context: process.
 * Return: the number of vectors, -ENOSPC (the table has fewer than @minvec), -ERANGE, or
 * -EINVAL (no MSI-X, an entry outside the table or given twice, MSI already on).
 */
int pci_enable_msix_range(struct pci_dev *dev, struct msix_entry *entries, int minvec,
			  int maxvec)
{
	return enable_msix_range(dev, entries, minvec, maxvec);
}
EXPORT_SYMBOL(pci_enable_msix_range);

/**
 * pci_disable_msix - turn MSI-X off and free its interrupt numbers
 * @dev: the device
 *
 * Masks every vector, clears MSI-X Enable and gives INTx back. The driver must have
 * freed the interrupts (free_irq) first: an interrupt still requested is the kernel's
 * warning and stays allocated. Nothing happens if MSI-X is not on.
 *
 * Context: process.
 */
void pci_disable_msix(struct pci_dev *dev)
{
	if (!dev || !dev->msix_enabled)
		return;
	for (unsigned int i = 0; i < dev->msi_nvec; i++)
		writel(PCI_MSIX_ENTRY_CTRL_MASKBIT, dev->msix_base +
		       dev->msix_entries[i] * PCI_MSIX_ENTRY_SIZE + PCI_MSIX_ENTRY_VECTOR_CTRL);
	msix_set_ctrl(dev, PCI_MSIX_FLAGS_ENABLE, 0);
	pci_intx(dev, 1);
	dev->msix_enabled = 0;
	msi_sysfs_remove_irqs(dev);
	msix_free_vectors(dev, dev->msi_nvec);
	dev->msi_nvec = 0;
}
EXPORT_SYMBOL(pci_disable_msix);

/**
 * pci_alloc_irq_vectors - allocate a device's interrupt vectors
 * @dev: the device
 * @min_vecs: at least this many (>= 1)
 * @max_vecs: at most this many
 * @flags: PCI_IRQ_MSIX, PCI_IRQ_MSI, PCI_IRQ_LEGACY (INTx)
 *
 * Tries MSI-X, MSI, then INTx if allowed and @min_vecs is 1, as Linux does. Get each vector's interrupt
 * number with pci_irq_vector() and request_irq() it.
 *
 * Context: process.
 * Return: the number of vectors, or -ENOSPC (fewer than @min_vecs), -EINVAL, -ERANGE.
 */
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
			  unsigned int flags)
{
	int nvecs = -ENOSPC;

	if (flags & PCI_IRQ_MSIX) {
		nvecs = enable_msix_range(dev, NULL, (int)min_vecs, (int)max_vecs);
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
 * on. The driver must have freed the interrupt (free_irq) first.
 *
 * Context: process.
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

/**
 * pci_enable_msi - switch a device to one MSI interrupt
 * @dev: the device
 *
 * On success @dev->irq is the MSI's interrupt number, for request_irq().
 *
 * Context: process context; may sleep.
 * Return: 0, or -EINVAL (no MSI capability, or MSI or MSI-X already on), -ERANGE or
 * -ENOSPC.
 */
int pci_enable_msi(struct pci_dev *dev)
{
	int rc = enable_msi_range(dev, 1, 1);

	return rc < 0 ? rc : 0;
}
EXPORT_SYMBOL(pci_enable_msi);

/**
 * pci_free_irq_vectors - undo pci_alloc_irq_vectors(): MSI-X and MSI off
 * @dev: the device; its vectors' interrupts must have been freed
 *
 * Context: process context; may sleep.
 */
void pci_free_irq_vectors(struct pci_dev *dev)
{
	pci_disable_msix(dev);
	pci_disable_msi(dev);
}
EXPORT_SYMBOL(pci_free_irq_vectors);

/**
 * pci_irq_vector - the interrupt number of a device's vector
 * @dev: the device
 * @nr: the vector (0 for INTx)
 *
 * Context: any context.
 * Return: the number to give request_irq(), or -EINVAL for a vector not allocated.
 */
int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	if (dev->msix_enabled)
		return nr < dev->msi_nvec ? (int)dev->msix_irqs[nr] : -EINVAL;
	if (!dev->msi_enabled)
		return !nr ? (int)dev->irq : -EINVAL;
	return nr < dev->msi_nvec ? (int)(dev->irq + nr) : -EINVAL;
}
EXPORT_SYMBOL(pci_irq_vector);

/* Unbind of a managed device: its vectors go, as the kernel's devres frees them. */
void pci_msi_release(struct pci_dev *dev)
{
	pci_free_irq_vectors(dev);
}
