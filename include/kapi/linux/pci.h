/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/pci.h: the PCI driver API. The machine's PCI bus 0 is enumerated at boot into
 * struct pci_dev (drivers/pci/probe.c): IDs, class, BARs as resources in the iomem and
 * ioport trees, the INTx line. A struct pci_driver with an id_table binds to the devices
 * it matches (drivers/pci/pci-driver.c); probe enables the device, claims and maps its
 * BARs, sets up interrupts (INTx or MSI, drivers/pci/msi/) and DMA masks; remove undoes
 * it. Configuration space is read and written through the host bridge
 * (drivers/pci/access.c), with the kernel's PCIBIOS_* results. */
#ifndef UKMEM_LINUX_PCI_H
#define UKMEM_LINUX_PCI_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/kref.h>
#include <linux/ioport.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/pci_regs.h>
#include <linux/pci_ids.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>

#ifndef PCI_DEVFN
#define PCI_DEVFN(slot, func)	((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)
#endif
#define PCI_DEVID(bus, devfn)	((((u16)(bus)) << 8) | (devfn))

/* Resource numbers: the six BARs, then the expansion ROM. */
enum {
	PCI_STD_RESOURCES,
	PCI_STD_RESOURCE_END = PCI_STD_RESOURCES + PCI_STD_NUM_BARS - 1,
	PCI_ROM_RESOURCE,
	PCI_NUM_RESOURCES,
	DEVICE_COUNT_RESOURCE = PCI_NUM_RESOURCES,
};

/* Results of configuration accesses */
#define PCIBIOS_SUCCESSFUL		0x00
#define PCIBIOS_FUNC_NOT_SUPPORTED	0x81
#define PCIBIOS_BAD_VENDOR_ID		0x83
#define PCIBIOS_DEVICE_NOT_FOUND	0x86
#define PCIBIOS_BAD_REGISTER_NUMBER	0x87
#define PCIBIOS_SET_FAILED		0x88
#define PCIBIOS_BUFFER_TOO_SMALL	0x89

static inline int pcibios_err_to_errno(int err)
{
	if (err <= PCIBIOS_SUCCESSFUL)
		return err;
	switch (err) {
	case PCIBIOS_FUNC_NOT_SUPPORTED: return -ENOENT;
	case PCIBIOS_BAD_VENDOR_ID: return -ENOTTY;
	case PCIBIOS_DEVICE_NOT_FOUND: return -ENODEV;
	case PCIBIOS_BAD_REGISTER_NUMBER: return -EFAULT;
	case PCIBIOS_SET_FAILED: return -EIO;
	case PCIBIOS_BUFFER_TOO_SMALL: return -ENOSPC;
	}
	return -ERANGE;
}

#define PCI_ERROR_RESPONSE		(~0ULL)
#define PCI_SET_ERROR_RESPONSE(val)	(*(val) = ((typeof(*(val))) PCI_ERROR_RESPONSE))
#define PCI_POSSIBLE_ERROR(val)		((val) == ((typeof(val)) PCI_ERROR_RESPONSE))

/* pci_alloc_irq_vectors() flags */
#define PCI_IRQ_LEGACY		(1 << 0)
#define PCI_IRQ_MSI		(1 << 1)
#define PCI_IRQ_MSIX		(1 << 2)
#define PCI_IRQ_AFFINITY	(1 << 3)
#define PCI_IRQ_ALL_TYPES	(PCI_IRQ_LEGACY | PCI_IRQ_MSI | PCI_IRQ_MSIX)

typedef int pci_power_t;
#define PCI_D0		((pci_power_t)0)
#define PCI_D1		((pci_power_t)1)
#define PCI_D2		((pci_power_t)2)
#define PCI_D3hot	((pci_power_t)3)
#define PCI_D3cold	((pci_power_t)4)
#define PCI_UNKNOWN	((pci_power_t)5)
#define PCI_POWER_ERROR	((pci_power_t)-1)
const char *pci_power_name(pci_power_t state);

struct pci_bus;
struct pci_driver;
struct proc_dir_entry;
struct module;

struct pci_ops {
	int (*read)(struct pci_bus *bus, unsigned int devfn, int where, int size, u32 *val);
	int (*write)(struct pci_bus *bus, unsigned int devfn, int where, int size, u32 val);
};

struct pci_bus {
	struct list_head node;		/* on the list of root buses */
	struct list_head devices;	/* its pci_devs, in devfn order */
	struct pci_ops *ops;
	struct device *bridge;		/* the host bridge's device (pci0000:00) */
	struct device dev;		/* the pci_bus class device (pci_bus/0000:00) */
	struct proc_dir_entry *procdir;	/* /proc/bus/pci/BB */
	unsigned char number;
	unsigned char primary;
	char name[48];
};

struct pci_dev {
	struct list_head bus_list;	/* on bus->devices */
	struct pci_bus *bus;
	unsigned int devfn;
	unsigned short vendor;
	unsigned short device;
	unsigned short subsystem_vendor;
	unsigned short subsystem_device;
	unsigned int class;		/* base class, subclass, prog-if */
	u8 revision;
	u8 hdr_type;
	u8 pin;				/* INTx pin, 1 = A; 0: none */
	u8 msi_cap;
	u8 msix_cap;
	struct pci_driver *driver;	/* bound driver */
	u64 dma_mask;
	struct device dev;
	int cfg_size;			/* 256 or 4096 */
	pci_power_t current_state;
	unsigned int irq;		/* INTx line, or the first MSI while MSI is on */
	struct resource resource[DEVICE_COUNT_RESOURCE];
	struct bin_attribute *res_attr[DEVICE_COUNT_RESOURCE];	/* sysfs resourceN */
	struct bin_attribute *res_attr_wc[DEVICE_COUNT_RESOURCE];	/* resourceN_wc */
	struct proc_dir_entry *procent;	/* /proc/bus/pci/BB/DD.F */
	unsigned int is_busmaster:1;
	unsigned int msi_enabled:1;
	unsigned int msix_enabled:1;
	unsigned int is_managed:1;	/* pcim_enable_device() */
	unsigned int broken_parity_status:1;	/* the device reports parity errors wrongly */
	unsigned int no_msi:1;		/* MSI and MSI-X refused (sysfs msi_bus) */
	unsigned int d3cold_allowed:1;	/* set only for a device with PM (none here) */
	atomic_t enable_cnt;
	const char *driver_override;	/* only this driver may bind (set through sysfs) */
	/* ukmem's own: */
	unsigned int intx_irq;		/* the INTx line found at enumeration */
	unsigned int msi_nvec;		/* MSI or MSI-X vectors allocated */
	void __iomem *msix_base;	/* the mapped MSI-X table while MSI-X is on */
	unsigned int *msix_irqs;	/* MSI-X: vector i's interrupt number */
	u16 *msix_entries;		/* MSI-X: vector i's table entry */
	struct device_attribute *msi_attrs;	/* msi_irqs/N, one per vector, or NULL */
	bool msi_irqs_dir;		/* msi_irqs/ is there (until unbind) */
	int regions_requested;		/* BARs requested by the driver, a bit each */
	void __iomem *iomap_table[PCI_STD_NUM_BARS];	/* pcim_iomap_table() */
	char name[16];			/* "0000:00:01.0" */
};

#define to_pci_dev(n)	container_of(n, struct pci_dev, dev)
extern struct bus_type pci_bus_type;
#define for_each_pci_dev(d)	while ((d = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, d)) != NULL)

/* ioctls of /proc/bus/pci/BB/DD.F (Linux's uapi/linux/pci.h) */
#define PCIIOC_BASE		('P' << 24 | 'C' << 16 | 'I' << 8)
#define PCIIOC_CONTROLLER	(PCIIOC_BASE | 0x00)	/* the device's PCI domain */
#define PCIIOC_MMAP_IS_IO	(PCIIOC_BASE | 0x01)	/* mmap I/O space (not on x86) */
#define PCIIOC_MMAP_IS_MEM	(PCIIOC_BASE | 0x02)	/* mmap memory space */
#define PCIIOC_WRITE_COMBINE	(PCIIOC_BASE | 0x03)	/* arg: write-combining on/off */

/* IDs added through the driver's new_id file, matched before its table's. */
struct pci_dynids {
	spinlock_t lock;
	struct list_head list;
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
	void (*shutdown)(struct pci_dev *dev);
	struct device_driver driver;
	struct pci_dynids dynids;
};

#define to_pci_driver(drv)	container_of(drv, struct pci_driver, driver)

#define PCI_DEVICE(vend, dev) \
	.vendor = (vend), .device = (dev), .subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_DEVICE_SUB(vend, dev, subvend, subdev) \
	.vendor = (vend), .device = (dev), .subvendor = (subvend), .subdevice = (subdev)
#define PCI_DEVICE_CLASS(dev_class, dev_class_mask) \
	.class = (dev_class), .class_mask = (dev_class_mask), .vendor = PCI_ANY_ID, \
	.device = PCI_ANY_ID, .subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_VDEVICE(vend, dev) \
	.vendor = PCI_VENDOR_ID_##vend, .device = (dev), \
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID, 0, 0

/* Configuration space */
int pci_bus_read_config_byte(struct pci_bus *bus, unsigned int devfn, int where, u8 *val);
int pci_bus_read_config_word(struct pci_bus *bus, unsigned int devfn, int where, u16 *val);
int pci_bus_read_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 *val);
int pci_bus_write_config_byte(struct pci_bus *bus, unsigned int devfn, int where, u8 val);
int pci_bus_write_config_word(struct pci_bus *bus, unsigned int devfn, int where, u16 val);
int pci_bus_write_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 val);
int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);
u8 pci_find_capability(struct pci_dev *dev, int cap);

/* Drivers */
int __pci_register_driver(struct pci_driver *drv, struct module *owner, const char *mod_name);
#define pci_register_driver(driver) \
	__pci_register_driver(driver, THIS_MODULE, KBUILD_MODNAME)
void pci_unregister_driver(struct pci_driver *drv);
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids, struct pci_dev *dev);
int pci_add_dynid(struct pci_driver *drv, unsigned int vendor, unsigned int device,
		  unsigned int subvendor, unsigned int subdevice, unsigned int class,
		  unsigned int class_mask, unsigned long driver_data);
#define module_pci_driver(__pci_driver)					\
	static int __init __pci_driver##_init(void)			\
	{								\
		return pci_register_driver(&(__pci_driver));		\
	}								\
	module_init(__pci_driver##_init);				\
	static void __exit __pci_driver##_exit(void)			\
	{								\
		pci_unregister_driver(&(__pci_driver));			\
	}								\
	module_exit(__pci_driver##_exit)

/* Devices */
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from);
struct pci_dev *pci_get_slot(struct pci_bus *bus, unsigned int devfn);
/* Hot removal and rescans (sysfs remove/rescan), under the rescan/remove lock. */
void pci_lock_rescan_remove(void);
void pci_unlock_rescan_remove(void);
unsigned int pci_rescan_bus(struct pci_bus *bus);
void pci_stop_and_remove_bus_device(struct pci_dev *dev);
void pci_stop_and_remove_bus_device_locked(struct pci_dev *dev);
struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int bus, unsigned int devfn);
struct pci_dev *pci_dev_get(struct pci_dev *dev);
void pci_dev_put(struct pci_dev *dev);

int pci_enable_device(struct pci_dev *dev);
int pci_enable_device_mem(struct pci_dev *dev);
int pci_enable_device_io(struct pci_dev *dev);
int pcim_enable_device(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
bool pci_is_enabled(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
void pci_clear_master(struct pci_dev *dev);
void pci_intx(struct pci_dev *dev, int enable);

int pci_request_region(struct pci_dev *dev, int bar, const char *name);
void pci_release_region(struct pci_dev *dev, int bar);
int pci_request_regions(struct pci_dev *dev, const char *name);
void pci_release_regions(struct pci_dev *dev);
int pci_request_selected_regions(struct pci_dev *dev, int bars, const char *name);
void pci_release_selected_regions(struct pci_dev *dev, int bars);
int pci_select_bars(struct pci_dev *dev, unsigned long flags);

void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen);
void __iomem *pci_iomap_range(struct pci_dev *dev, int bar, unsigned long offset,
			      unsigned long maxlen);
void pci_iounmap(struct pci_dev *dev, void __iomem *addr);
int pcim_iomap_regions(struct pci_dev *dev, int mask, const char *name);
void __iomem *const *pcim_iomap_table(struct pci_dev *dev);
void __iomem *pcim_iomap(struct pci_dev *dev, int bar, unsigned long maxlen);
void pcim_iounmap(struct pci_dev *dev, void __iomem *addr);
int pcim_iomap_regions_request_all(struct pci_dev *dev, int mask, const char *name);

/* Interrupts */
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs, unsigned int max_vecs,
			  unsigned int flags);
void pci_free_irq_vectors(struct pci_dev *dev);
int pci_irq_vector(struct pci_dev *dev, unsigned int nr);
int pci_enable_msi(struct pci_dev *dev);
void pci_disable_msi(struct pci_dev *dev);
int pci_msi_vec_count(struct pci_dev *dev);
int pci_msix_vec_count(struct pci_dev *dev);

struct msix_entry {
	u32 vector;	/* written by the kernel: the interrupt number */
	u16 entry;	/* written by the driver: the table entry */
};

int pci_enable_msix_range(struct pci_dev *dev, struct msix_entry *entries, int minvec,
			  int maxvec);
static inline int pci_enable_msix_exact(struct pci_dev *dev, struct msix_entry *entries,
					int nvec)
{
	int rc = pci_enable_msix_range(dev, entries, nvec, nvec);

	return rc < 0 ? rc : 0;
}
void pci_disable_msix(struct pci_dev *dev);
static inline int pci_dev_msi_enabled(struct pci_dev *dev)
{
	return dev->msi_enabled || dev->msix_enabled;
}

#define pci_resource_start(dev, bar)	((dev)->resource[(bar)].start)
#define pci_resource_end(dev, bar)	((dev)->resource[(bar)].end)
#define pci_resource_flags(dev, bar)	((dev)->resource[(bar)].flags)
#define pci_resource_len(dev, bar) \
	((pci_resource_end((dev), (bar)) == 0) ? 0 : \
	 (pci_resource_end((dev), (bar)) - pci_resource_start((dev), (bar)) + 1))

static inline const char *pci_name(const struct pci_dev *pdev)
{
	return dev_name(&pdev->dev);
}

static inline void *pci_get_drvdata(struct pci_dev *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void pci_set_drvdata(struct pci_dev *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

static inline int pci_domain_nr(struct pci_bus *bus)
{
	return 0;
}

static inline u16 pci_dev_id(struct pci_dev *dev)
{
	return PCI_DEVID(dev->bus->number, dev->devfn);
}

static inline int pci_pcie_cap(struct pci_dev *dev)
{
	return 0;
}

static inline bool pci_is_pcie(struct pci_dev *dev)
{
	return false;
}

#define pci_printk(level, pdev, fmt, arg...)	dev_printk(level, &(pdev)->dev, fmt, ##arg)
#define pci_emerg(pdev, fmt, arg...)	dev_emerg(&(pdev)->dev, fmt, ##arg)
#define pci_alert(pdev, fmt, arg...)	dev_alert(&(pdev)->dev, fmt, ##arg)
#define pci_crit(pdev, fmt, arg...)	dev_crit(&(pdev)->dev, fmt, ##arg)
#define pci_err(pdev, fmt, arg...)	dev_err(&(pdev)->dev, fmt, ##arg)
#define pci_warn(pdev, fmt, arg...)	dev_warn(&(pdev)->dev, fmt, ##arg)
#define pci_notice(pdev, fmt, arg...)	dev_notice(&(pdev)->dev, fmt, ##arg)
#define pci_info(pdev, fmt, arg...)	dev_info(&(pdev)->dev, fmt, ##arg)
#define pci_dbg(pdev, fmt, arg...)	dev_dbg(&(pdev)->dev, fmt, ##arg)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/pci.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/completion.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/kasan.h>
#include <linux/kernfs.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/percpu.h>
#include <linux/pgtable.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rculist.h>
#include <linux/scatterlist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#endif
#endif
