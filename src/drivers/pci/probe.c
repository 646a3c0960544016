// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/probe.c: enumeration of bus 0 at boot. For each devfn whose vendor ID
 * answers, a struct pci_dev is filled from the configuration header as Linux's
 * pci_setup_device does: IDs, class and revision, the INTx pin and line, the MSI
 * capability, and each BAR sized by writing all ones with decoding off (the kernel's
 * __pci_read_base), its resource named after the device and claimed in the bus's
 * windows ("PCI Bus 0000:00" in /proc/iomem and /proc/ioports), so that a driver's
 * pci_request_regions() nests its claim inside. Each device is then added to the
 * driver core on the "pci" bus under the host bridge's device, as Linux has them:
 * /sys/devices/pci0000:00/0000:00:01.0, linked from /sys/bus/pci/devices. The bus, its
 * windows live until shutdown, and bus 0 is also the pci_bus class device
 * /sys/devices/pci0000:00/pci_bus/0000:00 (/sys/class/pci_bus/0000:00). Devices live
 * until shutdown or their removal (remove.c); pci_rescan_bus() adds the functions that
 * answer and are not on the bus, keeping the list in devfn order. pci_dev_get/
 * pci_dev_put are the device's get_device/put_device, and the last put frees. */
#include <ukmem.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/numa.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include "drivers/pci/pci.h"
#include "drivers/pci_models.h"
#include "machine/physmem.h"

struct pci_bus pci_root_bus;
DECLARE_RWSEM(pci_bus_sem);
static bool pci_up;
static bool pci_proc_up;	/* /proc/bus/pci is there: rescans add files to it */
static bool pci_bus_registered;
/* The host bridge's device, /sys/devices/pci0000:00: the parent of bus 0's devices. */
static struct device pci_root_bridge;

/* The root bus's windows, as a PC's ACPI tables give them: I/O around PCI conf1, memory
 * between RAM and the MMCONFIG area and from there to the IO-APIC. */
static struct resource bus_windows[] = {
	{ .start = 0x0000, .end = 0x0cf7, .flags = IORESOURCE_IO | IORESOURCE_WINDOW },
	{ .start = 0x0d00, .end = 0xffff, .flags = IORESOURCE_IO | IORESOURCE_WINDOW },
	{ .start = 0, .end = 0xdfffffff, .flags = IORESOURCE_MEM | IORESOURCE_WINDOW },
	{ .start = 0xf0000000, .end = 0xfebfffff, .flags = IORESOURCE_MEM | IORESOURCE_WINDOW },
};

static phys_addr_t low_ram_end(void)
{
	phys_addr_t end = 0;

	for (int i = 0; i < nr_phys_ranges; i++)
		if (phys_ranges[i].type == PHYS_RAM && phys_ranges[i].end <= PCI_HOLE_START &&
		    phys_ranges[i].end > end)
			end = phys_ranges[i].end;
	return end;
}

static void add_windows(void)
{
	bus_windows[2].start = ALIGN(low_ram_end(), 1 << 20);
	for (size_t i = 0; i < ARRAY_SIZE(bus_windows); i++) {
		struct resource *r = &bus_windows[i];
		struct resource *root = r->flags & IORESOURCE_IO ? &ioport_resource :
				       &iomem_resource;

		r->name = pci_root_bus.name;
		r->parent = r->sibling = r->child = NULL;
		if (r->start > r->end || insert_resource(root, r))
			continue;
		pr_info("pci_bus 0000:00: root bus resource %pR\n", r);
	}
}

static void remove_windows(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(bus_windows); i++)
		if (bus_windows[i].parent)
			remove_resource(&bus_windows[i]);
}

/**
 * pci_find_capability - find a capability in a device's list
 * @dev: the device
 * @cap: the capability ID (PCI_CAP_ID_*)
 *
 * Walks at most 48 entries, as the kernel does, so a looping list ends.
 *
 * Context: any.
 * Return: the capability's offset in configuration space, or 0 if it has none.
 */
u8 pci_find_capability(struct pci_dev *dev, int cap)
{
	u16 status;
	u8 pos;

	if (pci_read_config_word(dev, PCI_STATUS, &status) || !(status & PCI_STATUS_CAP_LIST))
		return 0;
	if (pci_read_config_byte(dev, PCI_CAPABILITY_LIST, &pos))
		return 0;
	for (int ttl = 48; ttl-- && pos >= 0x40;) {
		u16 ent;

		pos &= ~3;
		if (pci_read_config_word(dev, pos, &ent) || (ent & 0xff) == 0xff)
			return 0;
		if ((ent & 0xff) == cap)
			return pos;
		pos = (u8)(ent >> 8);
	}
	return 0;
}
EXPORT_SYMBOL(pci_find_capability);

static u64 bar_size(u64 base, u64 maxbase, u64 mask)
{
	u64 size = mask & maxbase;

	if (!size)
		return 0;
	size = size & ~(size - 1);	/* the lowest bit set */
	return base == maxbase && ((base | (size - 1)) & mask) != mask ? 0 : size;
}

/* Sizes BAR pos into res, as the kernel's __pci_read_base. Returns 1 for a 64-bit BAR
 * (the next register is its upper half). */
static int read_base(struct pci_dev *dev, struct resource *res, unsigned int pos)
{
	u32 l = 0, sz = 0, l2 = 0, sz2 = 0, mask;
	u64 base, size, maxbase;
	bool is64 = false;

	pci_read_config_dword(dev, (int)pos, &l);
	pci_write_config_dword(dev, (int)pos, ~0u);
	pci_read_config_dword(dev, (int)pos, &sz);
	pci_write_config_dword(dev, (int)pos, l);
	if (sz == 0xffffffff || sz == 0)
		sz = 0;
	if (l & PCI_BASE_ADDRESS_SPACE_IO) {
		res->flags = (l & ~PCI_BASE_ADDRESS_IO_MASK) | IORESOURCE_IO;
		mask = PCI_BASE_ADDRESS_IO_MASK & 0xffff;
		base = l & PCI_BASE_ADDRESS_IO_MASK;
		maxbase = sz & PCI_BASE_ADDRESS_IO_MASK;
	} else {
		res->flags = (l & ~PCI_BASE_ADDRESS_MEM_MASK) | IORESOURCE_MEM;
		if (l & PCI_BASE_ADDRESS_MEM_PREFETCH)
			res->flags |= IORESOURCE_PREFETCH;
		mask = (u32)PCI_BASE_ADDRESS_MEM_MASK;
		base = l & PCI_BASE_ADDRESS_MEM_MASK;
		maxbase = sz & PCI_BASE_ADDRESS_MEM_MASK;
		is64 = (l & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64;
	}
	if (is64) {
		res->flags |= IORESOURCE_MEM_64;
		pci_read_config_dword(dev, (int)pos + 4, &l2);
		pci_write_config_dword(dev, (int)pos + 4, ~0u);
		pci_read_config_dword(dev, (int)pos + 4, &sz2);
		pci_write_config_dword(dev, (int)pos + 4, l2);
		base |= (u64)l2 << 32;
		maxbase |= (u64)sz2 << 32;
		size = bar_size(base, maxbase, ~(u64)0 & ~0xfULL);
	} else {
		size = bar_size(base, maxbase, mask);
	}
	if (!size) {
		res->flags = 0;
		return is64;
	}
	res->flags |= IORESOURCE_SIZEALIGN;
	res->start = base;
	res->end = base + size - 1;
	res->name = pci_name(dev);
	pr_info("pci %s: reg 0x%x: %pR\n", pci_name(dev), pos, res);
	return is64;
}

static void read_bases(struct pci_dev *dev)
{
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	if (cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY))
		pci_write_config_word(dev, PCI_COMMAND,
				      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (unsigned int i = 0; i < PCI_STD_NUM_BARS; i++)
		i += (unsigned int)read_base(dev, &dev->resource[i], PCI_BASE_ADDRESS_0 + 4 * i);
	if (cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY))
		pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/* Claims each BAR in the window covering it, as pci_claim_resource() does. */
static void claim_resources(struct pci_dev *dev)
{
	for (int i = 0; i < PCI_STD_NUM_BARS; i++) {
		struct resource *res = &dev->resource[i];
		struct resource *root = res->flags & IORESOURCE_IO ? &ioport_resource :
				       &iomem_resource;

		if (!res->flags)
			continue;
		for (size_t w = 0; w < ARRAY_SIZE(bus_windows); w++)
			if (bus_windows[w].parent && (bus_windows[w].flags & res->flags &
			    (IORESOURCE_IO | IORESOURCE_MEM)) &&
			    res->start >= bus_windows[w].start && res->end <= bus_windows[w].end)
				root = &bus_windows[w];
		if (request_resource(root, res))
			pr_info("pci %s: can't claim BAR %d %pR: address conflict\n",
				pci_name(dev), i, res);
	}
}

/* The last put_device() of a device: its BARs leave the resource trees. */
static void pci_release_dev(struct device *d)
{
	struct pci_dev *dev = to_pci_dev(d);

	for (int i = 0; i < PCI_STD_NUM_BARS; i++)
		if (dev->resource[i].parent)
			release_resource(&dev->resource[i]);
	kfree(dev->driver_override);
	kfree(dev);
}

static struct pci_dev *setup_device(unsigned int devfn)
{
	struct pci_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	u32 class_rev;
	u8 hdr, pin, line;

	if (!dev)
		return NULL;
	dev->bus = &pci_root_bus;
	dev->devfn = devfn;
	device_initialize(&dev->dev);
	dev->dev.parent = pci_root_bus.bridge;
	dev->dev.bus = &pci_bus_type;
	dev->dev.release = pci_release_dev;
	snprintf(dev->name, sizeof(dev->name), "0000:%02x:%02x.%d", pci_root_bus.number,
		 PCI_SLOT(devfn), PCI_FUNC(devfn));
	dev->dev.init_name = dev->name;
	dev->dma_mask = DMA_BIT_MASK(32);
	dev->dev.dma_mask = &dev->dma_mask;
	dev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	dev->cfg_size = 256;
	dev->current_state = PCI_D0;
	set_dev_node(&dev->dev, NUMA_NO_NODE);	/* the bus has no firmware affinity */
	pci_read_config_word(dev, PCI_VENDOR_ID, &dev->vendor);
	pci_read_config_word(dev, PCI_DEVICE_ID, &dev->device);
	pci_read_config_dword(dev, PCI_CLASS_REVISION, &class_rev);
	dev->class = class_rev >> 8;
	dev->revision = (u8)class_rev;
	pci_read_config_byte(dev, PCI_HEADER_TYPE, &hdr);
	dev->hdr_type = hdr & 0x7f;
	pr_info("pci %s: [%04x:%04x] type %02x class %#08x\n", pci_name(dev), dev->vendor,
		dev->device, dev->hdr_type, dev->class);
	if (dev->hdr_type == PCI_HEADER_TYPE_NORMAL) {
		pci_read_config_word(dev, PCI_SUBSYSTEM_VENDOR_ID, &dev->subsystem_vendor);
		pci_read_config_word(dev, PCI_SUBSYSTEM_ID, &dev->subsystem_device);
		read_bases(dev);
	}
	pci_read_config_byte(dev, PCI_INTERRUPT_PIN, &pin);
	pci_read_config_byte(dev, PCI_INTERRUPT_LINE, &line);
	dev->pin = pin;
	if (pin && line && line != 0xff)
		dev->irq = dev->intx_irq = line;
	dev->msi_cap = pci_find_capability(dev, PCI_CAP_ID_MSI);
	dev->msix_cap = pci_find_capability(dev, PCI_CAP_ID_MSIX);
	claim_resources(dev);
	return dev;
}

static DEFINE_MUTEX(pci_rescan_remove_lock);

/**
 * pci_lock_rescan_remove - exclude other rescans and removals
 *
 * Context: process; sleeps.
 */
void pci_lock_rescan_remove(void)
{
	mutex_lock(&pci_rescan_remove_lock);
}
EXPORT_SYMBOL_GPL(pci_lock_rescan_remove);

/**
 * pci_unlock_rescan_remove - release what pci_lock_rescan_remove() took
 * Context: process context; the task that took it.
 */
void pci_unlock_rescan_remove(void)
{
	mutex_unlock(&pci_rescan_remove_lock);
}
EXPORT_SYMBOL_GPL(pci_unlock_rescan_remove);

/* Whether a function answers at devfn and the bus does not have it yet. */
static bool new_function(struct pci_bus *bus, unsigned int devfn)
{
	struct pci_dev *dev;
	u32 id;

	if (pci_bus_read_config_dword(bus, devfn, PCI_VENDOR_ID, &id) ||
	    PCI_POSSIBLE_ERROR(id) || id == 0 || (id & 0xffff) == 0xffff)
		return false;
	list_for_each_entry(dev, &bus->devices, bus_list)
		if (dev->devfn == devfn)
			return false;
	return true;
}

/* Sets the function at devfn up and adds it: to the bus list (in devfn order), the
 * driver core, sysfs and /proc (if up). */
static void add_function(struct pci_bus *bus, unsigned int devfn)
{
	struct pci_dev *dev = setup_device(devfn), *pos;

	if (!dev)
		return;
	if (device_add(&dev->dev)) {
		pr_err("pci %s: failed to add the device to the bus\n", dev->name);
		put_device(&dev->dev);
		return;
	}
	down_write(&pci_bus_sem);
	list_for_each_entry(pos, &bus->devices, bus_list)
		if (pos->devfn > devfn)
			break;
	list_add_tail(&dev->bus_list, &pos->bus_list);
	up_write(&pci_bus_sem);
	if (pci_create_sysfs_dev_files(dev))
		pr_warn("pci %s: no resource files in sysfs\n", dev->name);
	if (pci_proc_up && pci_proc_attach_device(dev))
		pr_warn("pci %s: no /proc/bus/pci file\n", dev->name);
}

/**
 * pci_rescan_bus - add the functions of a bus that are not there yet
 * @bus: the bus
 *
 * Each function that answers is enumerated as at boot (the kernel's messages) and added;
 * a driver matching it binds. Its BARs are claimed where they are: ukmem cannot move a
 * BAR, where 6.1 would assign it a free range of the window.
 *
 * Context: process, with pci_lock_rescan_remove() held; sleeps.
 * Return: how many functions were added.
 */
unsigned int pci_rescan_bus(struct pci_bus *bus)
{
	unsigned int added = 0;

	for (unsigned int devfn = 0; devfn < 256; devfn++) {
		if (!new_function(bus, devfn))
			continue;
		add_function(bus, devfn);
		added++;
	}
	return added;
}
EXPORT_SYMBOL_GPL(pci_rescan_bus);

/* The pci_bus class: a device for each bus, below the bridge it hangs from. */
static void release_pcibus_dev(struct device *dev)
{
}

static struct class pcibus_class = {
	.name		= "pci_bus",
	.dev_release	= release_pcibus_dev,
	.dev_groups	= pcibus_groups,
};
static bool pcibus_class_registered;

static int add_bus_device(struct pci_bus *bus)
{
	int err;

	device_initialize(&bus->dev);
	bus->dev.class = &pcibus_class;
	bus->dev.parent = bus->bridge;
	err = dev_set_name(&bus->dev, "%04x:%02x", 0, bus->number);
	if (!err)
		err = device_add(&bus->dev);
	if (err)
		put_device(&bus->dev);
	return err;
}

/**
 * pci_dev_get - take a reference to a PCI device
 * @dev: the device, or NULL
 *
 * Context: any. Return: @dev.
 */
struct pci_dev *pci_dev_get(struct pci_dev *dev)
{
	if (dev)
		get_device(&dev->dev);
	return dev;
}
EXPORT_SYMBOL(pci_dev_get);

/**
 * pci_dev_put - drop a reference taken by pci_dev_get() or pci_get_device()
 * @dev: the device, or NULL
 *
 * Context: any. The last reference frees the device (only after it left the bus).
 */
void pci_dev_put(struct pci_dev *dev)
{
	if (dev)
		put_device(&dev->dev);
}
EXPORT_SYMBOL(pci_dev_put);

/**
 * pci_get_device - find a PCI device by vendor and device ID
 * @vendor: the vendor ID, or PCI_ANY_ID
 * @device: the device ID, or PCI_ANY_ID
 * @from: the device to continue after (its reference is dropped), or NULL to start
 *
 * Context: process. Return: the next matching device with a reference taken (drop it
 * with pci_dev_put()), or NULL.
 */
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from)
{
	struct pci_dev *dev, *found = NULL;

	down_read(&pci_bus_sem);
	list_for_each_entry(dev, &pci_root_bus.devices, bus_list) {
		/* by devfn, so that from may have left the bus meanwhile */
		if (!READ_ONCE(pci_up) || (from && dev->devfn <= from->devfn))
			continue;
		if ((vendor == (unsigned int)PCI_ANY_ID || vendor == dev->vendor) &&
		    (device == (unsigned int)PCI_ANY_ID || device == dev->device)) {
			found = pci_dev_get(dev);
			break;
		}
	}
	up_read(&pci_bus_sem);
	pci_dev_put(from);
	return found;
}
EXPORT_SYMBOL(pci_get_device);

/**
 * pci_get_domain_bus_and_slot - find the PCI device at a domain, bus and devfn
 * @domain: the domain (only 0 exists)
 * @bus: the bus number
 * @devfn: the device and function
 *
 * Context: process. Return: the device with a reference taken, or NULL.
 */
struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int bus, unsigned int devfn)
{
	struct pci_dev *dev = NULL;

	while ((dev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, dev)))
		if (!domain && dev->bus->number == bus && dev->devfn == devfn)
			return dev;
	return NULL;
}
EXPORT_SYMBOL(pci_get_domain_bus_and_slot);

/**
 * pci_get_slot - find the PCI device at a devfn of a bus
 * @bus: the bus
 * @devfn: the device and function
 *
 * Context: process. Return: the device with a reference taken, or NULL.
 */
struct pci_dev *pci_get_slot(struct pci_bus *bus, unsigned int devfn)
{
	return pci_get_domain_bus_and_slot(0, bus->number, devfn);
}
EXPORT_SYMBOL(pci_get_slot);

/* The host bridge's device is static: nothing to free. */
static void pci_release_root_bridge(struct device *dev)
{
}

/* Boot: registers the "pci" bus, maps ECAM, scans bus 0 and registers its windows
 * and /proc/bus/pci. */
int pci_subsys_init(void)
{
	int err;

	memset(&pci_root_bus, 0, sizeof(pci_root_bus));
	INIT_LIST_HEAD(&pci_root_bus.devices);
	pci_root_bus.ops = &pci_root_ops;
	strcpy(pci_root_bus.name, "PCI Bus 0000:00");
	err = bus_register(&pci_bus_type);
	if (err)
		return err;
	pci_bus_registered = true;
	err = class_register(&pcibus_class);
	if (err)
		return err;
	pcibus_class_registered = true;
	if (!pci_host_present())
		return 0;
	err = pci_mmcfg_init();
	if (err)
		return err;
	memset(&pci_root_bridge, 0, sizeof(pci_root_bridge));
	pci_root_bridge.init_name = "pci0000:00";
	pci_root_bridge.release = pci_release_root_bridge;
	err = device_register(&pci_root_bridge);
	if (err) {
		put_device(&pci_root_bridge);
		pci_mmcfg_exit();
		return err;
	}
	pci_root_bus.bridge = &pci_root_bridge;
	pr_info("PCI: MMCONFIG for domain 0000 [bus 00-ff] at [mem 0xe0000000-0xefffffff] "
		"(base 0xe0000000)\n");
	add_windows();
	err = add_bus_device(&pci_root_bus);
	if (err)
		return err;
	pci_lock_rescan_remove();
	pci_rescan_bus(&pci_root_bus);
	pci_unlock_rescan_remove();
	WRITE_ONCE(pci_up, true);
	err = pci_proc_init();
	pci_proc_up = !err;
	return err;
}

/* Shutdown: unbinds drivers still bound, then frees the devices and the windows. */
void pci_subsys_exit(void)
{
	struct pci_dev *dev, *next;

	pci_proc_exit();
	pci_proc_up = false;
	list_for_each_entry(dev, &pci_root_bus.devices, bus_list) {
		pci_msi_sysfs_remove(dev);	/* also MSI of a device without a driver */
		pci_remove_sysfs_dev_files(dev);
		device_del(&dev->dev);		/* unbinds a driver still bound */
	}
	down_write(&pci_bus_sem);
	WRITE_ONCE(pci_up, false);
	list_for_each_entry_safe(dev, next, &pci_root_bus.devices, bus_list) {
		list_del(&dev->bus_list);
		put_device(&dev->dev);
	}
	up_write(&pci_bus_sem);
	if (device_is_registered(&pci_root_bus.dev))
		device_unregister(&pci_root_bus.dev);
	if (pci_root_bus.bridge) {
		device_unregister(pci_root_bus.bridge);
		pci_root_bus.bridge = NULL;
		remove_windows();
		pci_mmcfg_exit();
	}
	if (pcibus_class_registered)
		class_unregister(&pcibus_class);
	pcibus_class_registered = false;
	if (pci_bus_registered)
		bus_unregister(&pci_bus_type);
	pci_bus_registered = false;
}
