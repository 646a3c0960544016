/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/pci_models.h: the machine's PCI bus, the device side. A host bridge decodes
 * configuration mechanism #1 (ports 0xcf8/0xcfc, "PCI conf1") and ECAM (MMCONFIG, 256
 * buses x 32 devices x 8 functions x 4 KiB at PCI_MMCONFIG_BASE); bus 0 has the host
 * bridge at 00:00.0 and QEMU's edu device at 00:01.0. Each function is a pci_model: a
 * 4 KiB configuration space with masks saying which bits software may write and which
 * it clears by writing 1, BARs decoded while the command register enables them, an INTx
 * pin wired to an IO-APIC line and optionally an MSI capability. Firmware (boot) gives
 * each BAR an address and the interrupt line register its IO-APIC line, and leaves
 * decoding and bus mastering off for the driver to enable. */
#ifndef UKMEM_DRIVERS_PCI_MODELS_H
#define UKMEM_DRIVERS_PCI_MODELS_H

#include <stdbool.h>
#include <stdint.h>
#include <ukmem.h>
#include <linux/spinlock.h>

#ifndef PCI_SLOT
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)
#define PCI_DEVFN(slot, func)	((((slot) & 0x1f) << 3) | ((func) & 0x07))
#endif

#define PCI_CONF1_PORT		0xcf8
#define PCI_MMCONFIG_BASE	0xe0000000ULL
#define PCI_MMCONFIG_SIZE	(256ULL << 20)
#define PCI_FIRMWARE_MEM_BASE	0xfea00000ULL	/* memory BARs are placed from here */
#define PCI_FIRMWARE_MEM_END	0xfebf0000ULL
#define PCI_FIRMWARE_IO_BASE	0xc000		/* I/O BARs from here */
#define PCI_CONFIG_SIZE		4096
#define PCI_MODEL_BARS		6
#define PCI_MODEL_MSIX_MAX	64		/* table entries a model may have */

/* QEMU's edu device */
#define EDU_VENDOR_ID		0x1234
#define EDU_DEVICE_ID		0x11e8
#define EDU_DEVFN		0x08		/* 00:01.0 */
#define EDU_BAR0_SIZE		(1U << 20)
#define EDU_REG_ID		0x00
#define EDU_REG_LIVENESS	0x04
#define EDU_REG_FACT		0x08
#define EDU_REG_STATUS		0x20
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_RAISE	0x60
#define EDU_REG_IRQ_ACK		0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98
#define EDU_ID			0x010000edU
#define EDU_STATUS_COMPUTING	0x01
#define EDU_STATUS_IRQFACT	0x80
#define EDU_FACT_IRQ		0x001
#define EDU_DMA_IRQ		0x100
#define EDU_DMA_RUN		0x1
#define EDU_DMA_TO_RAM		0x2
#define EDU_DMA_IRQ_ENABLE	0x4
#define EDU_DMA_BUF		0x40000
#define EDU_DMA_BUF_SIZE	4096
#define EDU_DMA_MASK		((1ULL << 28) - 1)

#define UKDMA_PCI_DEVFN		0x18		/* 00:03.0 (ukmem_devices.h) */
#define UKFB_PCI_DEVFN		0x10		/* 00:02.0, where QEMU puts its VGA */

struct pci_model;

struct pci_model_bar {
	uint64_t size;			/* 0: not implemented */
	uint32_t flags;			/* the BAR's low bits: I/O, 64-bit, prefetchable */
	uint64_t base;			/* where firmware placed it (set before: there) */
	bool memory;			/* memory behind it, not registers: a memory
					 * window, which answers even with decoding off */
	struct pci_model *model;
	int index;
	union {
		struct ukmem_mmio_device mmio;
		struct ukmem_port_device port;
	};
};

struct pci_model {
	const char *name;
	unsigned int devfn;
	arch_spinlock_t lock;		/* configuration space and the model's registers */
	uint8_t config[PCI_CONFIG_SIZE];
	uint8_t wmask[PCI_CONFIG_SIZE];	/* bits software may write */
	uint8_t w1cmask[PCI_CONFIG_SIZE];	/* bits a written 1 clears */
	struct pci_model_bar bar[PCI_MODEL_BARS];
	unsigned int intx_irq;		/* the IO-APIC line INTx is wired to */
	bool intx_asserted, intx_out;
	uint8_t msi_cap;		/* 0: none */
	uint8_t msix_cap;		/* 0: none */
	uint16_t msix_nvec;		/* MSI-X table entries */
	int msix_bar;			/* the BAR holding the table and the PBA */
	uint32_t msix_table_off, msix_pba_off;
	uint32_t msix_table[PCI_MODEL_MSIX_MAX][4];	/* address lo/hi, data, control */
	uint64_t msix_pba;		/* pending bits */
	uint8_t cap_end;		/* where the next capability goes (0: 0x40) */
	/* Register accesses through a BAR, lock held; only while the BAR decodes. */
	uint64_t (*bar_read)(struct pci_model *m, int bar, uint64_t offset, int size);
	void (*bar_write)(struct pci_model *m, int bar, uint64_t offset, int size,
			  uint64_t value);
	void (*release)(struct pci_model *m);	/* frees the model */
};

/* Sets up a type 0 header: IDs, the 24-bit class code, revision, subsystem. */
void pci_model_init(struct pci_model *m, const char *name, unsigned int devfn,
		    uint16_t vendor, uint16_t device, uint32_t class, uint8_t revision,
		    uint16_t subsys_vendor, uint16_t subsys_device);
/* A BAR of size bytes (a power of two) with flags PCI_BASE_ADDRESS_*. */
void pci_model_add_bar(struct pci_model *m, int bar, uint64_t size, uint32_t flags);
/* A memory BAR with memory behind it (video memory): plain pointers and user mappings
 * reach it; at base if not 0 (firmware then keeps it there). */
void pci_model_add_memory_bar(struct pci_model *m, int bar, uint64_t size, uint32_t flags,
			      uint64_t base);
/* Links a capability of size bytes into the list; returns its offset. */
uint8_t pci_model_add_capability(struct pci_model *m, uint8_t id, uint8_t size);
/* An MSI capability for 2^log2_vectors messages, with 64-bit addresses or not. */
void pci_model_add_msi(struct pci_model *m, unsigned int log2_vectors, bool addr64);
/* An MSI-X capability for nvec vectors (at most PCI_MODEL_MSIX_MAX) whose table and
 * pending bit array live in BAR bar at table_off and pba_off (the BAR must exist and be
 * memory). Every entry starts masked, as after reset. */
void pci_model_add_msix(struct pci_model *m, unsigned int nvec, int bar, uint32_t table_off,
			uint32_t pba_off);
/* Lock held: whether MSI-X is enabled; raises vector n: its message is sent (with bus
 * mastering on) unless the function or the vector is masked, then its pending bit is
 * set and the message goes when both are unmasked. */
bool pci_model_msix_enabled(const struct pci_model *m);
void pci_model_msix_notify(struct pci_model *m, unsigned int n);
/* Lock held: the device's INTx output; the pin follows it unless INTx is disabled. */
void pci_model_set_intx(struct pci_model *m, bool asserted);
/* Lock held: whether MSI is enabled; sends message n (a memory write, so only with bus
 * mastering on). */
bool pci_model_msi_enabled(const struct pci_model *m);
void pci_model_msi_notify(struct pci_model *m, unsigned int n);
/* Lock held: the device's DMA; refused (false, nothing moved) without bus mastering or
 * when the range is not memory. */
bool pci_model_dma_read(struct pci_model *m, uint64_t addr, void *buf, size_t len);
bool pci_model_dma_write(struct pci_model *m, uint64_t addr, const void *buf, size_t len);

/* Puts the model on bus 0 at its devfn: firmware assigns its BARs and interrupt line.
 * 0 or -errno (-EBUSY: devfn taken). The bus owns it from then on. */
int pci_host_add(struct pci_model *m);
/* Whether the machine has PCI (not booted with pci=off). */
bool pci_host_present(void);
/* Whether ukmem.pci= puts the model called name on the bus (and PCI is on). */
bool pci_host_has(const char *name);
/* Boot: the host bridge, conf1 and ECAM, and the devices of ukmem.pci=. */
int pci_host_init(void);
/* Shutdown, after every window and port device is detached: frees the models. */
void pci_host_exit(void);

struct pci_model *pci_edu_create(unsigned int devfn);
struct pci_model *pci_ukdma_create(unsigned int devfn);
struct pci_model *pci_ukfb_create(unsigned int devfn);

#endif
