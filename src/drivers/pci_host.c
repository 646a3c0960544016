// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci_host.c: the PCI host bridge and the configuration space of every function
 * on bus 0 (see pci_models.h). Configuration mechanism #1: a 32-bit write of bit 31 |
 * bus << 16 | devfn << 8 | register to port 0xcf8 selects a dword that ports
 * 0xcfc-0xcff then read and write; ECAM maps the same spaces, extended to 4 KiB, into
 * memory. Functions nobody implements, other buses and accesses that straddle a dword
 * read as all ones and drop writes, as a PC's chipset answers a master abort.
 * A write changes only the bits of wmask and clears the bits of w1cmask it sets to 1,
 * so read-only fields, BAR sizing (low address bits stay 0) and the status register's
 * error bits behave as the PCI specification says. BAR windows exist from boot at the
 * address firmware chose; they decode only while the command register enables memory
 * (or I/O) space and the BAR still holds that address. A model with MSI-X has its
 * table and pending bit array answered here, in front of the model's registers: a
 * masked vector (entry or function mask) collects its message as a pending bit, sent
 * when the mask is cleared. Invariant: every access to a
 * model's state is under its lock, which device callbacks also take. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/pci_regs.h>
#include "drivers/bus_master.h"
#include "drivers/pci_models.h"
#include "io/mmio.h"
#include "kernel/params.h"

#define PCI_BUS_SLOTS		256	/* devfns of bus 0 */

static struct pci_model *bus0[PCI_BUS_SLOTS];
static uint32_t conf1_address;		/* guarded by the port slot's lock */
static uint64_t firmware_mem_next;
static unsigned int firmware_io_next;
static char pci_devices[256];

static int set_pci_devices(const char *v)
{
	if (strlen(v) >= sizeof(pci_devices))
		return -EINVAL;
	strcpy(pci_devices, v);
	return 0;
}
UKMEM_SETUP("ukmem.pci=", set_pci_devices, "edu");

static bool pci_off;

/* pci=off: as Linux leaves PCI alone then, ukmem's machine has no PCI at all. */
static int set_pci(const char *v)
{
	pci_off = !strcmp(v, "off");
	return 0;
}
UKMEM_SETUP("pci=", set_pci, "");

bool pci_host_present(void)
{
	return !pci_off;
}

bool pci_host_has(const char *name)
{
	size_t len = strlen(name);

	if (pci_off)
		return false;
	for (const char *spec = pci_devices; *spec; ) {
		size_t n = strcspn(spec, ",");

		if (n == len && !strncmp(spec, name, n))
			return true;
		spec += n + (spec[n] == ',');
	}
	return false;
}

/* ---- the configuration space of one function ---- */

static void put8(uint8_t *p, unsigned int off, uint8_t v) { p[off] = v; }
static void put16(uint8_t *p, unsigned int off, uint16_t v)
{
	p[off] = (uint8_t)v;
	p[off + 1] = (uint8_t)(v >> 8);
}
static void put32(uint8_t *p, unsigned int off, uint32_t v)
{
	put16(p, off, (uint16_t)v);
	put16(p, off + 2, (uint16_t)(v >> 16));
}
static uint16_t get16(const uint8_t *p, unsigned int off)
{
	return (uint16_t)(p[off] | p[off + 1] << 8);
}
static uint32_t get32(const uint8_t *p, unsigned int off)
{
	return get16(p, off) | (uint32_t)get16(p, off + 2) << 16;
}

void pci_model_init(struct pci_model *m, const char *name, unsigned int devfn,
		    uint16_t vendor, uint16_t device, uint32_t class, uint8_t revision,
		    uint16_t subsys_vendor, uint16_t subsys_device)
{
	m->name = name;
	m->devfn = devfn;
	put16(m->config, PCI_VENDOR_ID, vendor);
	put16(m->config, PCI_DEVICE_ID, device);
	put8(m->config, PCI_REVISION_ID, revision);
	put8(m->config, PCI_CLASS_PROG, (uint8_t)class);
	put16(m->config, PCI_CLASS_DEVICE, (uint16_t)(class >> 8));
	put8(m->config, PCI_HEADER_TYPE, PCI_HEADER_TYPE_NORMAL);
	put16(m->config, PCI_SUBSYSTEM_VENDOR_ID, subsys_vendor);
	put16(m->config, PCI_SUBSYSTEM_ID, subsys_device);
	put16(m->wmask, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
	      PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
	      PCI_COMMAND_INTX_DISABLE);
	put16(m->w1cmask, PCI_STATUS, PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT |
	      PCI_STATUS_REC_TARGET_ABORT | PCI_STATUS_REC_MASTER_ABORT |
	      PCI_STATUS_SIG_SYSTEM_ERROR | PCI_STATUS_DETECTED_PARITY);
	put8(m->wmask, PCI_CACHE_LINE_SIZE, 0xff);
	put8(m->wmask, PCI_LATENCY_TIMER, 0xff);
	put8(m->wmask, PCI_INTERRUPT_LINE, 0xff);
}

void pci_model_add_bar(struct pci_model *m, int bar, uint64_t size, uint32_t flags)
{
	unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * bar;
	struct pci_model_bar *b = &m->bar[bar];
	uint32_t low = flags & PCI_BASE_ADDRESS_SPACE_IO ? ~PCI_BASE_ADDRESS_IO_MASK :
				~PCI_BASE_ADDRESS_MEM_MASK;

	b->size = size;
	b->flags = flags & low;
	b->model = m;
	b->index = bar;
	put32(m->config, reg, b->flags);
	put32(m->wmask, reg, (uint32_t)~(size - 1) & ~low);
	if (flags & PCI_BASE_ADDRESS_MEM_TYPE_64)
		put32(m->wmask, reg + 4, (uint32_t)(~(size - 1) >> 32));
}

void pci_model_add_memory_bar(struct pci_model *m, int bar, uint64_t size, uint32_t flags,
			      uint64_t base)
{
	pci_model_add_bar(m, bar, size, flags & ~PCI_BASE_ADDRESS_SPACE_IO);
	m->bar[bar].memory = true;
	m->bar[bar].base = base;
}

uint8_t pci_model_add_capability(struct pci_model *m, uint8_t id, uint8_t size)
{
	unsigned int off = m->cap_end ? m->cap_end : PCI_STD_HEADER_SIZEOF;

	m->cap_end = (uint8_t)ALIGN(off + size, 4);
	put8(m->config, off, id);
	put8(m->config, off + 1, m->config[PCI_CAPABILITY_LIST]);
	put8(m->config, PCI_CAPABILITY_LIST, (uint8_t)off);
	put16(m->config, PCI_STATUS, get16(m->config, PCI_STATUS) | PCI_STATUS_CAP_LIST);
	return (uint8_t)off;
}

void pci_model_add_msi(struct pci_model *m, unsigned int log2_vectors, bool addr64)
{
	uint8_t cap = pci_model_add_capability(m, PCI_CAP_ID_MSI,
					       addr64 ? 14 : 10);	/* no mask bits */
	unsigned int data = addr64 ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32;

	m->msi_cap = cap;
	put16(m->config, cap + PCI_MSI_FLAGS, (uint16_t)((log2_vectors << 1) |
	      (addr64 ? PCI_MSI_FLAGS_64BIT : 0)));
	put16(m->wmask, cap + PCI_MSI_FLAGS, PCI_MSI_FLAGS_QSIZE | PCI_MSI_FLAGS_ENABLE);
	put32(m->wmask, cap + PCI_MSI_ADDRESS_LO, 0xfffffffc);
	if (addr64)
		put32(m->wmask, cap + PCI_MSI_ADDRESS_HI, 0xffffffff);
	put16(m->wmask, cap + data, 0xffff);
}

static uint16_t command(const struct pci_model *m)
{
	return get16(m->config, PCI_COMMAND);
}

/* ---- MSI-X: the capability, the table and the pending bit array in a BAR ---- */

void pci_model_add_msix(struct pci_model *m, unsigned int nvec, int bar, uint32_t table_off,
			uint32_t pba_off)
{
	uint8_t cap = pci_model_add_capability(m, PCI_CAP_ID_MSIX, PCI_CAP_MSIX_SIZEOF);

	m->msix_cap = cap;
	m->msix_nvec = (uint16_t)nvec;
	m->msix_bar = bar;
	m->msix_table_off = table_off;
	m->msix_pba_off = pba_off;
	put16(m->config, cap + PCI_MSIX_FLAGS, (uint16_t)(nvec - 1));
	put32(m->config, cap + PCI_MSIX_TABLE, table_off | (uint32_t)bar);
	put32(m->config, cap + PCI_MSIX_PBA, pba_off | (uint32_t)bar);
	put16(m->wmask, cap + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE);
	for (unsigned int i = 0; i < nvec; i++)
		m->msix_table[i][3] = PCI_MSIX_ENTRY_CTRL_MASKBIT;
}

static uint16_t msix_control(const struct pci_model *m)
{
	return get16(m->config, m->msix_cap + PCI_MSIX_FLAGS);
}

bool pci_model_msix_enabled(const struct pci_model *m)
{
	return m->msix_cap && (msix_control(m) & PCI_MSIX_FLAGS_ENABLE);
}

static bool msix_masked(const struct pci_model *m, unsigned int n)
{
	return (msix_control(m) & PCI_MSIX_FLAGS_MASKALL) ||
	       (m->msix_table[n][3] & PCI_MSIX_ENTRY_CTRL_MASKBIT);
}

/* The message of entry n: a memory write, so only with bus mastering on. */
static void msix_send(struct pci_model *m, unsigned int n)
{
	uint64_t address = m->msix_table[n][0] | (uint64_t)m->msix_table[n][1] << 32;
	uint32_t data = m->msix_table[n][2];

	if (!(command(m) & PCI_COMMAND_MASTER))
		return;
	if (!ukmem_msi_write(address, data))
		bus_master_write(address, &data, sizeof(data));
}

void pci_model_msix_notify(struct pci_model *m, unsigned int n)
{
	if (!pci_model_msix_enabled(m) || n >= m->msix_nvec)
		return;
	if (msix_masked(m, n))
		m->msix_pba |= 1ULL << n;
	else
		msix_send(m, n);
}

/* After an unmask: the pending messages of the vectors no longer masked go out. */
static void msix_flush(struct pci_model *m)
{
	if (!pci_model_msix_enabled(m))
		return;
	for (unsigned int n = 0; n < m->msix_nvec; n++) {
		if ((m->msix_pba & (1ULL << n)) && !msix_masked(m, n)) {
			m->msix_pba &= ~(1ULL << n);
			msix_send(m, n);
		}
	}
}

/* A dword of the table (reg 0-3 of entry n): the vector control word keeps only its
 * mask bit. */
static void msix_table_write32(struct pci_model *m, unsigned int n, unsigned int reg,
			       uint32_t v)
{
	if (reg == 3) {
		m->msix_table[n][3] = v & PCI_MSIX_ENTRY_CTRL_MASKBIT;
		msix_flush(m);
	} else {
		m->msix_table[n][reg] = reg == 0 ? v & ~3u : v;
	}
}

/* An access to the MSI-X structures in BAR b, lock held: true if offset is in the
 * table or the PBA (dword or aligned qword accesses; others read all ones). */
static bool msix_bar_access(struct pci_model *m, int bar, uint64_t offset, int size,
			    bool write, uint64_t *value)
{
	uint64_t table_end = m->msix_table_off + (uint64_t)m->msix_nvec * PCI_MSIX_ENTRY_SIZE;
	uint64_t pba_end = m->msix_pba_off + 8 * (((uint64_t)m->msix_nvec + 63) / 64);
	bool ok = (size == 4 || size == 8) && !(offset & (uint64_t)(size - 1));

	if (!m->msix_cap || bar != m->msix_bar)
		return false;
	if (offset >= m->msix_table_off && offset < table_end) {
		unsigned int n = (unsigned int)((offset - m->msix_table_off) / 16);
		unsigned int reg = (unsigned int)((offset - m->msix_table_off) % 16) / 4;

		if (!ok)
			return true;
		if (write) {
			msix_table_write32(m, n, reg, (uint32_t)*value);
			if (size == 8)
				msix_table_write32(m, n, reg + 1, (uint32_t)(*value >> 32));
		} else {
			*value = m->msix_table[n][reg];
			if (size == 8)
				*value |= (uint64_t)m->msix_table[n][reg + 1] << 32;
		}
		return true;
	}
	if (offset >= m->msix_pba_off && offset < pba_end) {
		if (ok && !write)	/* read-only; one qword holds 64 vectors */
			*value = (m->msix_pba >> ((offset - m->msix_pba_off) * 8)) &
				 (size == 8 ? ~0ULL : 0xffffffffULL);
		return true;
	}
	return false;
}

/* Drives the INTx pin from the device's output and the command register. */
static void update_intx(struct pci_model *m)
{
	bool out = m->intx_asserted && !(command(m) & PCI_COMMAND_INTX_DISABLE);
	uint16_t status = get16(m->config, PCI_STATUS) & ~PCI_STATUS_INTERRUPT;

	put16(m->config, PCI_STATUS, status | (m->intx_asserted ? PCI_STATUS_INTERRUPT : 0));
	if (out != m->intx_out && m->intx_irq) {
		m->intx_out = out;
		ukmem_irq_set_level(m->intx_irq, out);
	}
}

void pci_model_set_intx(struct pci_model *m, bool asserted)
{
	m->intx_asserted = asserted;
	update_intx(m);
}

bool pci_model_msi_enabled(const struct pci_model *m)
{
	return m->msi_cap && (get16(m->config, m->msi_cap + PCI_MSI_FLAGS) &
			      PCI_MSI_FLAGS_ENABLE);
}

void pci_model_msi_notify(struct pci_model *m, unsigned int n)
{
	uint16_t flags = get16(m->config, m->msi_cap + PCI_MSI_FLAGS);
	bool addr64 = flags & PCI_MSI_FLAGS_64BIT;
	unsigned int enabled = 1u << ((flags & PCI_MSI_FLAGS_QSIZE) >> 4);
	uint64_t address = get32(m->config, m->msi_cap + PCI_MSI_ADDRESS_LO);
	uint32_t data = get16(m->config, m->msi_cap +
			      (addr64 ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32));

	if (!pci_model_msi_enabled(m) || !(command(m) & PCI_COMMAND_MASTER))
		return;
	if (addr64)
		address |= (uint64_t)get32(m->config, m->msi_cap + PCI_MSI_ADDRESS_HI) << 32;
	data = (data & ~(enabled - 1)) | (n & (enabled - 1));
	if (!ukmem_msi_write(address, data))
		bus_master_write(address, &data, sizeof(data));
}

bool pci_model_dma_read(struct pci_model *m, uint64_t addr, void *buf, size_t len)
{
	return (command(m) & PCI_COMMAND_MASTER) && bus_master_read(addr, buf, len);
}

bool pci_model_dma_write(struct pci_model *m, uint64_t addr, const void *buf, size_t len)
{
	return (command(m) & PCI_COMMAND_MASTER) && bus_master_write(addr, buf, len);
}

static uint32_t config_read(struct pci_model *m, unsigned int reg, int size)
{
	uint32_t v = 0;

	arch_spin_lock(&m->lock);
	for (int i = size - 1; i >= 0; i--)
		v = v << 8 | m->config[reg + i];
	arch_spin_unlock(&m->lock);
	return v;
}

static void config_write(struct pci_model *m, unsigned int reg, int size, uint32_t v)
{
	arch_spin_lock(&m->lock);
	for (int i = 0; i < size; i++, v >>= 8) {
		uint8_t byte = (uint8_t)v, w = m->wmask[reg + i], c = m->w1cmask[reg + i];

		m->config[reg + i] = (uint8_t)((m->config[reg + i] & ~w) | (byte & w));
		m->config[reg + i] &= (uint8_t)~(byte & c);
	}
	update_intx(m);		/* INTx disable may have changed */
	if (m->msix_cap)
		msix_flush(m);	/* the function mask may have been cleared */
	arch_spin_unlock(&m->lock);
}

/* The function at bus/devfn answering a config cycle of size bytes at reg, or NULL
 * (master abort: all ones). */
static struct pci_model *config_target(unsigned int bus, unsigned int devfn,
				       unsigned int reg, int size)
{
	if (bus != 0 || reg + (unsigned int)size > PCI_CONFIG_SIZE ||
	    (reg & 3) + (unsigned int)size > 4)
		return NULL;
	return READ_ONCE(bus0[devfn]);
}

/* ---- configuration mechanism #1 ---- */

static uint32_t conf1_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	unsigned int reg = (conf1_address & 0xfc) | (offset & 3);
	struct pci_model *m;

	if (offset < 4)
		return offset == 0 && size == 4 ? conf1_address : ~0u;
	if (!(conf1_address & 0x80000000u))
		return ~0u;
	m = config_target((conf1_address >> 16) & 0xff, (conf1_address >> 8) & 0xff, reg,
			  size);
	return m ? config_read(m, reg, size) : ~0u;
}

static void conf1_write(struct ukmem_port_device *dev, unsigned int offset, int size,
			uint32_t value)
{
	unsigned int reg = (conf1_address & 0xfc) | (offset & 3);
	struct pci_model *m;

	if (offset < 4) {
		if (offset == 0 && size == 4)
			conf1_address = value & 0x80fffffcu;
		return;
	}
	if (!(conf1_address & 0x80000000u))
		return;
	m = config_target((conf1_address >> 16) & 0xff, (conf1_address >> 8) & 0xff, reg,
			  size);
	if (m)
		config_write(m, reg, size, value);
}

static struct ukmem_port_device conf1 = {
	.name = "PCI conf1", .base = PCI_CONF1_PORT, .nr_ports = 8, .widths = 1 | 2 | 4,
	.read = conf1_read, .write = conf1_write,
};

/* ---- ECAM ---- */

static uint64_t ecam_read(struct ukmem_mmio_device *dev, uint64_t offset, int size)
{
	unsigned int reg = offset & 0xfff;
	struct pci_model *m = size <= 4 ? config_target((unsigned int)(offset >> 20),
					(offset >> 12) & 0xff, reg, size) : NULL;

	return m ? config_read(m, reg, size) : ~0ULL;
}

static void ecam_write(struct ukmem_mmio_device *dev, uint64_t offset, int size,
		       uint64_t value)
{
	unsigned int reg = offset & 0xfff;
	struct pci_model *m = size <= 4 ? config_target((unsigned int)(offset >> 20),
					(offset >> 12) & 0xff, reg, size) : NULL;

	if (m)
		config_write(m, reg, size, (uint32_t)value);
}

static struct ukmem_mmio_device ecam = {
	.name = "PCI MMCONFIG 0000 [bus 00-ff]", .base = PCI_MMCONFIG_BASE,
	.size = PCI_MMCONFIG_SIZE, .read = ecam_read, .write = ecam_write,
};

/* ---- BARs ---- */

/* Whether b decodes now: its space enabled and the BAR holding firmware's address. */
static bool bar_decodes(const struct pci_model_bar *b)
{
	const struct pci_model *m = b->model;
	unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * b->index;
	uint64_t addr = get32(m->config, reg);
	bool io = b->flags & PCI_BASE_ADDRESS_SPACE_IO;

	if (!(command(m) & (io ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY)))
		return false;
	if (b->flags & PCI_BASE_ADDRESS_MEM_TYPE_64)
		addr |= (uint64_t)get32(m->config, reg + 4) << 32;
	return (addr & (io ? PCI_BASE_ADDRESS_IO_MASK : PCI_BASE_ADDRESS_MEM_MASK)) == b->base;
}

static uint64_t bar_access(struct pci_model_bar *b, uint64_t offset, int size, bool write,
			   uint64_t value)
{
	struct pci_model *m = b->model;
	uint64_t v = size == 8 ? ~0ULL : (1ULL << (size * 8)) - 1;
	uint64_t r = write ? value : v;

	arch_spin_lock(&m->lock);
	if (!bar_decodes(b))
		;
	else if (msix_bar_access(m, b->index, offset, size, write, &r))
		v = write ? v : r;
	else if (write)
		m->bar_write(m, b->index, offset, size, value);
	else
		v = m->bar_read(m, b->index, offset, size);
	arch_spin_unlock(&m->lock);
	return v;
}

static uint64_t bar_mmio_read(struct ukmem_mmio_device *dev, uint64_t offset, int size)
{
	return bar_access(container_of(dev, struct pci_model_bar, mmio), offset, size,
			  false, 0);
}

static void bar_mmio_write(struct ukmem_mmio_device *dev, uint64_t offset, int size,
			   uint64_t value)
{
	bar_access(container_of(dev, struct pci_model_bar, mmio), offset, size, true, value);
}

static uint32_t bar_port_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	return (uint32_t)bar_access(container_of(dev, struct pci_model_bar, port), offset,
				    size, false, 0);
}

static void bar_port_write(struct ukmem_port_device *dev, unsigned int offset, int size,
			   uint32_t value)
{
	bar_access(container_of(dev, struct pci_model_bar, port), offset, size, true, value);
}

/* Firmware: an address for b, written to its BAR, and its window on the bus. */
static int bar_assign(struct pci_model_bar *b)
{
	unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * b->index;
	struct pci_model *m = b->model;

	if (b->flags & PCI_BASE_ADDRESS_SPACE_IO) {
		unsigned int base = ALIGN(firmware_io_next, (unsigned int)b->size);

		if (base + b->size > 0x10000)
			return -ENOSPC;
		firmware_io_next = base + (unsigned int)b->size;
		b->base = base;
		put32(m->config, reg, base | b->flags);
		b->port = (struct ukmem_port_device){ .name = m->name, .base = base,
			.nr_ports = (unsigned int)b->size, .widths = 1 | 2 | 4,
			.read = bar_port_read, .write = bar_port_write };
		return ukmem_port_attach(&b->port);
	}
	if (!b->base) {
		b->base = ALIGN(firmware_mem_next, b->size);
		if (b->base + b->size > PCI_FIRMWARE_MEM_END)
			return -ENOSPC;
		firmware_mem_next = b->base + b->size;
	}
	put32(m->config, reg, (uint32_t)b->base | b->flags);
	if (b->flags & PCI_BASE_ADDRESS_MEM_TYPE_64)
		put32(m->config, reg + 4, (uint32_t)(b->base >> 32));
	b->mmio = (struct ukmem_mmio_device){ .name = m->name, .base = b->base,
		.size = b->size };
	if (!b->memory) {
		b->mmio.read = bar_mmio_read;
		b->mmio.write = bar_mmio_write;
	}
	return mmio_attach_unnamed(&b->mmio);
}

/* The PC's INTx routing: pin A-D of slot S on IO-APIC line 16 + (S + pin - 1) % 4. */
static unsigned int intx_route(const struct pci_model *m)
{
	uint8_t pin = m->config[PCI_INTERRUPT_PIN];

	return pin ? 16 + ((PCI_SLOT(m->devfn) + pin - 1u) & 3) : 0;
}

int pci_host_add(struct pci_model *m)
{
	int err = 0;

	if (m->devfn >= PCI_BUS_SLOTS || bus0[m->devfn]) {
		m->release(m);
		return -EBUSY;
	}
	m->intx_irq = intx_route(m);
	if (m->intx_irq)
		put8(m->config, PCI_INTERRUPT_LINE, (uint8_t)m->intx_irq);
	for (int i = 0; i < PCI_MODEL_BARS && !err; i++)
		if (m->bar[i].size)
			err = bar_assign(&m->bar[i]);
	if (err) {
		pr_err("ukmem: PCI %02x.%d (%s): cannot place its BARs: %s\n",
		       PCI_SLOT(m->devfn), PCI_FUNC(m->devfn), m->name, strerror(-err));
		for (int i = 0; i < PCI_MODEL_BARS; i++) {
			if (!m->bar[i].base)
				continue;
			if (m->bar[i].flags & PCI_BASE_ADDRESS_SPACE_IO)
				ukmem_port_detach(&m->bar[i].port);
			else
				ukmem_mmio_detach(&m->bar[i].mmio);
		}
		m->release(m);
		return err;
	}
	WRITE_ONCE(bus0[m->devfn], m);
	return 0;
}

/* ---- the host bridge ---- */

static void model_free(struct pci_model *m)
{
	free(m);
}

/* QEMU q35's MCH: Intel 82G33/G31/P35/P31 Express DRAM Controller. */
static struct pci_model *host_bridge_create(void)
{
	struct pci_model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	pci_model_init(m, "host bridge", 0, 0x8086, 0x29c0, 0x060000, 0x00, 0x1af4, 0x1100);
	m->release = model_free;
	return m;
}

static const struct {
	const char *name;
	struct pci_model *(*create)(unsigned int devfn);
	unsigned int devfn;
} pci_device_models[] = {
	{ "edu", pci_edu_create, EDU_DEVFN },
	{ "ukdma", pci_ukdma_create, UKDMA_PCI_DEVFN },
	{ "ukfb", pci_ukfb_create, UKFB_PCI_DEVFN },
};

static int add_devices(void)
{
	const char *spec = pci_devices;
	int err = 0;

	while (!err && *spec) {
		size_t len = strcspn(spec, ",");
		size_t i;

		for (i = 0; i < ARRAY_SIZE(pci_device_models); i++) {
			struct pci_model *m;

			if (strlen(pci_device_models[i].name) != len ||
			    strncmp(pci_device_models[i].name, spec, len))
				continue;
			m = pci_device_models[i].create(pci_device_models[i].devfn);
			err = m ? pci_host_add(m) : -ENOMEM;
			break;
		}
		if (i == ARRAY_SIZE(pci_device_models))
			err = -EINVAL;
		if (err)
			pr_err("ukmem.pci: cannot add '%.*s': %s\n", (int)len, spec,
			       strerror(-err));
		spec += len + (spec[len] == ',');
	}
	return err;
}

int pci_host_init(void)
{
	struct pci_model *bridge;
	int err;

	firmware_mem_next = PCI_FIRMWARE_MEM_BASE;
	firmware_io_next = PCI_FIRMWARE_IO_BASE;
	conf1_address = 0;
	if (pci_off)
		return 0;
	err = ukmem_port_attach(&conf1);
	if (!err)
		err = ukmem_mmio_attach(&ecam);
	if (err)
		return err;
	bridge = host_bridge_create();
	err = bridge ? pci_host_add(bridge) : -ENOMEM;
	return err ? err : add_devices();
}

void pci_host_exit(void)
{
	for (int devfn = 0; devfn < PCI_BUS_SLOTS; devfn++) {
		struct pci_model *m = bus0[devfn];

		if (m) {
			WRITE_ONCE(bus0[devfn], NULL);
			m->release(m);
		}
	}
}
