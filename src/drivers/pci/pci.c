// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/pci.c: what a driver does to its device: enabling it (decoding of the BARs
 * it has, counted so nested enables need as many disables), bus mastering, INTx
 * disable, and claiming its BARs as busy regions named after the driver inside the
 * device's own resources. A managed device (pcim_enable_device) has what it took
 * undone at unbind or a failed probe by a managed resource of its struct device (the
 * driver core's devres, as Linux's pcim_release): its pcim_iomap mappings, its regions,
 * its interrupt vectors and the enable. Reports and results follow Linux 6.1. */
#include <ukmem.h>
#include <linux/export.h>
#include <linux/pci.h>
#include "drivers/pci/pci.h"

static int enable_resources(struct pci_dev *dev, int mask)
{
	u16 cmd, old_cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	old_cmd = cmd;
	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		struct resource *r = &dev->resource[i];

		if (!(mask & (1 << i)) || !(r->flags & (IORESOURCE_IO | IORESOURCE_MEM)))
			continue;
		if (!r->parent) {
			pci_err(dev, "can't enable device: BAR %d %pR not claimed\n", i, r);
			return -EINVAL;
		}
		cmd |= r->flags & IORESOURCE_IO ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
	}
	if (cmd != old_cmd) {
		pci_info(dev, "enabling device (%04x -> %04x)\n", old_cmd, cmd);
		pci_write_config_word(dev, PCI_COMMAND, cmd);
	}
	return 0;
}

static int enable_device_flags(struct pci_dev *dev, unsigned long flags)
{
	int bars = 0, err;
	u16 cmd;

	if (atomic_inc_return(&dev->enable_cnt) > 1)
		return 0;
	for (int i = 0; i < PCI_STD_NUM_BARS; i++)
		if (dev->resource[i].flags & flags)
			bars |= 1 << i;
	err = enable_resources(dev, bars);
	if (err) {
		atomic_dec(&dev->enable_cnt);
		return err;
	}
	if (!dev->msi_enabled && dev->pin) {
		pci_read_config_word(dev, PCI_COMMAND, &cmd);
		if (cmd & PCI_COMMAND_INTX_DISABLE)
			pci_write_config_word(dev, PCI_COMMAND, cmd & ~PCI_COMMAND_INTX_DISABLE);
	}
	return 0;
}

/**
 * pci_enable_device - turn on a device's I/O and memory decoding
 * @dev: the device
 *
 * Enables decoding of every BAR the device has and INTx; calls nest (each needs a
 * pci_disable_device()).
 *
 * Context: process.
 * Return: 0, or -EINVAL if a BAR could not be claimed at enumeration.
 */
int pci_enable_device(struct pci_dev *dev)
{
	return enable_device_flags(dev, IORESOURCE_MEM | IORESOURCE_IO);
}
EXPORT_SYMBOL(pci_enable_device);

/**
 * pci_enable_device_mem - enable a device's memory BARs (not its I/O ports)
 * @dev: the device
 *
 * Sets Memory Space Enable in its command register; enables nest, as pci_enable_device().
 *
 * Context: process context; may sleep.
 * Return: 0, or -EINVAL if a BAR has no resource claimed (the kernel's "can't enable
 * device" message).
 */
int pci_enable_device_mem(struct pci_dev *dev)
{
	return enable_device_flags(dev, IORESOURCE_MEM);
}
EXPORT_SYMBOL(pci_enable_device_mem);

/**
 * pci_enable_device_io - enable a device's I/O BARs (not its memory)
 * @dev: the device
 *
 * Context: process context; may sleep.
 * Return: 0, or -EINVAL if a BAR has no resource claimed (the kernel's "can't enable
 * device" message).
 */
int pci_enable_device_io(struct pci_dev *dev)
{
	return enable_device_flags(dev, IORESOURCE_IO);
}
EXPORT_SYMBOL(pci_enable_device_io);

/* Unbind (or failed probe) of a managed device: undo what it took, newest first. */
static void pcim_release(struct pci_dev *dev)
{
	pci_msi_release(dev);
	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (dev->iomap_table[i])
			pci_iounmap(dev, dev->iomap_table[i]);
		dev->iomap_table[i] = NULL;
	}
	pci_release_regions(dev);
	if (pci_is_enabled(dev))
		pci_disable_device(dev);
	dev->is_managed = 0;
}

/* The managed resource of pcim_enable_device(): released with the device's others. */
struct pcim_devres {
	struct pci_dev *dev;
};

static void pcim_devres_release(struct device *gendev, void *res)
{
	pcim_release(to_pci_dev(gendev));
}

/**
 * pcim_enable_device - pci_enable_device(), undone when the driver detaches
 * @dev: the device
 *
 * At unbind (or a failed probe) the device's pcim_iomap() mappings and regions, its
 * interrupt vectors and the enable are undone, newest first.
 *
 * Context: process context; may sleep.
 * Return: 0 (also if already managed), -ENOMEM, or pci_enable_device()'s error.
 */
int pcim_enable_device(struct pci_dev *dev)
{
	struct pcim_devres *dr;
	int err;

	if (dev->is_managed)
		return 0;
	dr = devres_alloc(pcim_devres_release, sizeof(*dr), GFP_KERNEL);
	if (!dr)
		return -ENOMEM;
	err = pci_enable_device(dev);
	if (err) {
		devres_free(dr);
		return err;
	}
	dr->dev = dev;
	devres_add(&dev->dev, dr);
	dev->is_managed = 1;
	return 0;
}
EXPORT_SYMBOL(pcim_enable_device);

/**
 * pci_is_enabled - whether a device is enabled
 * @dev: the device
 *
 * Context: any context.
 * Return: true while the enable count is above 0.
 */
bool pci_is_enabled(struct pci_dev *dev)
{
	return atomic_read(&dev->enable_cnt) > 0;
}
EXPORT_SYMBOL(pci_is_enabled);

static void set_master(struct pci_dev *dev, bool enable)
{
	u16 old_cmd, cmd;

	pci_read_config_word(dev, PCI_COMMAND, &old_cmd);
	cmd = enable ? old_cmd | PCI_COMMAND_MASTER : old_cmd & ~PCI_COMMAND_MASTER;
	if (cmd != old_cmd) {
		pci_dbg(dev, "%s bus mastering\n", enable ? "enabling" : "disabling");
		pci_write_config_word(dev, PCI_COMMAND, cmd);
	}
	dev->is_busmaster = enable;
}

/**
 * pci_disable_device - undo one pci_enable_device()
 * @dev: the device
 *
 * The last one turns bus mastering off (decoding stays on, as in Linux). Disabling a
 * device that is not enabled warns "disabling already-disabled device".
 *
 * Context: process.
 */
void pci_disable_device(struct pci_dev *dev)
{
	dev_WARN_ONCE(&dev->dev, atomic_read(&dev->enable_cnt) <= 0,
		      "disabling already-disabled device");
	if (atomic_dec_return(&dev->enable_cnt) != 0)
		return;
	set_master(dev, false);
}
EXPORT_SYMBOL(pci_disable_device);

/**
 * pci_set_master - let the device master the bus (DMA, MSI)
 * @dev: the device
 *
 * Also raises a latency timer below 16 to 64, as the kernel does.
 *
 * Context: process.
 */
void pci_set_master(struct pci_dev *dev)
{
	u8 lat;

	set_master(dev, true);
	pci_read_config_byte(dev, PCI_LATENCY_TIMER, &lat);
	if (lat < 16)
		pci_write_config_byte(dev, PCI_LATENCY_TIMER, 64);
}
EXPORT_SYMBOL(pci_set_master);

/**
 * pci_clear_master - stop a device from doing DMA (clear Bus Master Enable)
 * @dev: the device
 *
 * Context: process context; takes pci_lock for the configuration access.
 */
void pci_clear_master(struct pci_dev *dev)
{
	set_master(dev, false);
}
EXPORT_SYMBOL(pci_clear_master);

/**
 * pci_intx - enable or disable a device's INTx
 * @dev: the device
 * @enable: nonzero to clear the INTx Disable bit, 0 to set it
 *
 * Context: any context; takes pci_lock for the configuration accesses.
 */
void pci_intx(struct pci_dev *dev, int enable)
{
	u16 cmd, new;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	new = enable ? cmd & ~PCI_COMMAND_INTX_DISABLE : cmd | PCI_COMMAND_INTX_DISABLE;
	if (new != cmd)
		pci_write_config_word(dev, PCI_COMMAND, new);
}
EXPORT_SYMBOL_GPL(pci_intx);

/**
 * pci_request_region - claim one BAR for a driver
 * @dev: the device
 * @bar: the BAR (0-5)
 * @name: the claim's name in /proc/iomem or /proc/ioports (the driver's)
 *
 * A BAR the device does not have is no error.
 *
 * Context: process.
 * Return: 0, or -EBUSY with the kernel's "BAR N: can't reserve" warning if someone holds
 * the range.
 */
int pci_request_region(struct pci_dev *dev, int bar, const char *name)
{
	struct resource *res = &dev->resource[bar];
	struct resource *got;

	if (!pci_resource_len(dev, bar))
		return 0;
	if (res->flags & IORESOURCE_IO)
		got = request_region(res->start, pci_resource_len(dev, bar), name);
	else
		got = request_mem_region(res->start, pci_resource_len(dev, bar), name);
	if (!got) {
		pci_warn(dev, "BAR %d: can't reserve %pR\n", bar, res);
		return -EBUSY;
	}
	dev->regions_requested |= 1 << bar;
	return 0;
}
EXPORT_SYMBOL(pci_request_region);

/**
 * pci_release_region - give back a BAR claimed with pci_request_region()
 * @dev: the device
 * @bar: the BAR
 *
 * The mapping of the BAR, if any, stays valid: the claim is only bookkeeping.
 * Context: process.
 */
void pci_release_region(struct pci_dev *dev, int bar)
{
	struct resource *res = &dev->resource[bar];

	if (!pci_resource_len(dev, bar))
		return;
	if (res->flags & IORESOURCE_IO)
		release_region(res->start, pci_resource_len(dev, bar));
	else
		release_mem_region(res->start, pci_resource_len(dev, bar));
	dev->regions_requested &= ~(1 << bar);
}
EXPORT_SYMBOL(pci_release_region);

/**
 * pci_request_selected_regions - claim the BARs of a mask
 * @dev: the device
 * @bars: the BARs (bit i for BAR i), e.g. from pci_select_bars()
 * @name: the owner's name in /proc/iomem and /proc/ioports
 *
 * All or nothing.
 *
 * Context: process context; may sleep.
 * Return: 0, or -EBUSY when a BAR's range is taken (none stays claimed).
 */
int pci_request_selected_regions(struct pci_dev *dev, int bars, const char *name)
{
	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (!(bars & (1 << i)) || !pci_request_region(dev, i, name))
			continue;
		while (--i >= 0)
			if (bars & (1 << i))
				pci_release_region(dev, i);
		return -EBUSY;
	}
	return 0;
}
EXPORT_SYMBOL(pci_request_selected_regions);

/**
 * pci_release_selected_regions - release the BARs of a mask
 * @dev: the device
 * @bars: the BARs (bit i for BAR i)
 *
 * Context: process context; may sleep.
 */
void pci_release_selected_regions(struct pci_dev *dev, int bars)
{
	for (int i = 0; i < PCI_STD_NUM_BARS; i++)
		if (bars & (1 << i))
			pci_release_region(dev, i);
}
EXPORT_SYMBOL(pci_release_selected_regions);

/**
 * pci_request_regions - claim every BAR of a device for a driver
 * @dev: the device
 * @name: the claims' name (the driver's)
 *
 * Context: process. Return: 0, or -EBUSY (nothing claimed) as pci_request_region().
 */
int pci_request_regions(struct pci_dev *dev, const char *name)
{
	return pci_request_selected_regions(dev, (1 << PCI_STD_NUM_BARS) - 1, name);
}
EXPORT_SYMBOL(pci_request_regions);

/**
 * pci_release_regions - release every BAR claimed with pci_request_regions()
 * @dev: the device
 *
 * Context: process context; may sleep.
 */
void pci_release_regions(struct pci_dev *dev)
{
	pci_release_selected_regions(dev, (1 << PCI_STD_NUM_BARS) - 1);
}
EXPORT_SYMBOL(pci_release_regions);

/**
 * pci_select_bars - the mask of BARs whose resource has some of the given flags
 * @dev: the device
 * @flags: IORESOURCE_MEM, IORESOURCE_IO, ...
 *
 * Context: any context.
 * Return: the mask (bit i for BAR i).
 */
int pci_select_bars(struct pci_dev *dev, unsigned long flags)
{
	int bars = 0;

	for (int i = 0; i < PCI_STD_NUM_BARS; i++)
		if (pci_resource_flags(dev, i) & flags)
			bars |= 1 << i;
	return bars;
}
EXPORT_SYMBOL(pci_select_bars);

/**
 * pci_power_name - the name of a power state, as Linux prints it
 * @state: PCI_D0 .. PCI_UNKNOWN, or PCI_POWER_ERROR
 *
 * Context: any context.
 * Return: "D0", "D1", "D2", "D3hot", "D3cold", "unknown" or "error".
 */
const char *pci_power_name(pci_power_t state)
{
	static const char *const names[] = {
		"error", "D0", "D1", "D2", "D3hot", "D3cold", "unknown",
	};

	if (state < PCI_POWER_ERROR || state > PCI_UNKNOWN)
		return "unknown";
	return names[1 + state];
}
EXPORT_SYMBOL_GPL(pci_power_name);
