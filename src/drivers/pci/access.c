// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pci/access.c: configuration space accesses. The bus's ops are the PC's: the
 * first 256 bytes through configuration mechanism #1 (ports 0xcf8/0xcfc), the extended
 * space through ECAM (MMCONFIG), as Linux's x86 raw_pci_read/raw_pci_write choose. One
 * lock (pci_lock) serialises every access, since conf1's address and data ports form
 * one transaction. Misaligned accesses return PCIBIOS_BAD_REGISTER_NUMBER without
 * touching the hardware; registers outside 0..4095 give -EINVAL and an all-ones value,
 * as the kernel's x86 methods do; an empty slot reads as all ones (master abort). */
#include <ukmem.h>
#include <asm/io.h>
#include <linux/export.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include "drivers/pci/pci.h"
#include "drivers/pci_models.h"

static DEFINE_RAW_SPINLOCK(pci_lock);
static void __iomem *mmcfg;		/* bus 0's ECAM, mapped at boot */

#define CONF1_ADDRESS(bus, devfn, reg) \
	(0x80000000u | ((reg) & 0xf00) << 16 | (bus) << 16 | (devfn) << 8 | ((reg) & 0xfc))

static int raw_read(unsigned int bus, unsigned int devfn, int reg, int len, u32 *value)
{
	if (bus > 255 || devfn > 255 || reg < 0 || reg > 4095 || (reg >= 256 && !mmcfg)) {
		*value = ~0u;
		return -EINVAL;
	}
	if (reg >= 256 || bus) {
		void __iomem *addr = bus ? NULL : mmcfg + (devfn << 12) + reg;

		if (!addr) {
			*value = ~0u;	/* only bus 0 is mapped: nothing else exists */
			return 0;
		}
		*value = len == 1 ? readb(addr) : len == 2 ? readw(addr) : readl(addr);
		return 0;
	}
	outl(CONF1_ADDRESS(bus, devfn, (unsigned int)reg), PCI_CONF1_PORT);
	switch (len) {
	case 1: *value = inb(0xcfc + (reg & 3)); break;
	case 2: *value = inw(0xcfc + (reg & 2)); break;
	default: *value = inl(0xcfc); break;
	}
	return 0;
}

static int raw_write(unsigned int bus, unsigned int devfn, int reg, int len, u32 value)
{
	if (bus > 255 || devfn > 255 || reg < 0 || reg > 4095 || (reg >= 256 && !mmcfg))
		return -EINVAL;
	if (reg >= 256 || bus) {
		void __iomem *addr = mmcfg + (devfn << 12) + reg;

		if (bus)
			return 0;
		if (len == 1)
			writeb((u8)value, addr);
		else if (len == 2)
			writew((u16)value, addr);
		else
			writel(value, addr);
		return 0;
	}
	outl(CONF1_ADDRESS(bus, devfn, (unsigned int)reg), PCI_CONF1_PORT);
	switch (len) {
	case 1: outb((u8)value, 0xcfc + (reg & 3)); break;
	case 2: outw((u16)value, 0xcfc + (reg & 2)); break;
	default: outl(value, 0xcfc); break;
	}
	return 0;
}

static int pc_read(struct pci_bus *bus, unsigned int devfn, int where, int size, u32 *val)
{
	return raw_read(bus->number, devfn, where, size, val);
}

static int pc_write(struct pci_bus *bus, unsigned int devfn, int where, int size, u32 val)
{
	return raw_write(bus->number, devfn, where, size, val);
}

struct pci_ops pci_root_ops = { .read = pc_read, .write = pc_write };

int pci_mmcfg_init(void)
{
	mmcfg = ioremap(PCI_MMCONFIG_BASE, 1 << 20);
	return mmcfg ? 0 : -ENOMEM;
}

void pci_mmcfg_exit(void)
{
	if (mmcfg)
		iounmap(mmcfg);
	mmcfg = NULL;
}

#define PCI_byte_BAD 0
#define PCI_word_BAD (pos & 1)
#define PCI_dword_BAD (pos & 3)

#define PCI_OP_READ(size, type, len)						\
int pci_bus_read_config_##size(struct pci_bus *bus, unsigned int devfn, int pos,	\
			       type *value)					\
{										\
	unsigned long flags;							\
	u32 data = 0;								\
	int res;								\
										\
	if (PCI_##size##_BAD)							\
		return PCIBIOS_BAD_REGISTER_NUMBER;				\
	raw_spin_lock_irqsave(&pci_lock, flags);				\
	res = bus->ops->read(bus, devfn, pos, len, &data);			\
	if (res)								\
		PCI_SET_ERROR_RESPONSE(value);					\
	else									\
		*value = (type)data;						\
	raw_spin_unlock_irqrestore(&pci_lock, flags);				\
	return res;								\
}										\
EXPORT_SYMBOL(pci_bus_read_config_##size);

#define PCI_OP_WRITE(size, type, len)						\
int pci_bus_write_config_##size(struct pci_bus *bus, unsigned int devfn, int pos,	\
				type value)					\
{										\
	unsigned long flags;							\
	int res;								\
										\
	if (PCI_##size##_BAD)							\
		return PCIBIOS_BAD_REGISTER_NUMBER;				\
	raw_spin_lock_irqsave(&pci_lock, flags);				\
	res = bus->ops->write(bus, devfn, pos, len, value);			\
	raw_spin_unlock_irqrestore(&pci_lock, flags);				\
	return res;								\
}										\
EXPORT_SYMBOL(pci_bus_write_config_##size);

PCI_OP_READ(byte, u8, 1)
PCI_OP_READ(word, u16, 2)
PCI_OP_READ(dword, u32, 4)
PCI_OP_WRITE(byte, u8, 1)
PCI_OP_WRITE(word, u16, 2)
PCI_OP_WRITE(dword, u32, 4)

/**
 * pci_read_config_byte - read a byte of a device's configuration space
 * @dev: the device
 * @where: the register
 * @val: where the value goes (all ones on an error)
 *
 * The word and dword forms need @where aligned to their size.
 *
 * Context: any (takes pci_lock with interrupts off).
 * Return: PCIBIOS_SUCCESSFUL, a PCIBIOS_* code (see pcibios_err_to_errno) or -EINVAL for
 * a register outside the space.
 */
int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val)
{
	return pci_bus_read_config_byte(dev->bus, dev->devfn, where, val);
}
EXPORT_SYMBOL(pci_read_config_byte);

/**
 * pci_read_config_word - read a 16-bit register of a device's configuration space
 * @dev: the device
 * @where: the register, 2-byte aligned
 * @val: where the value goes (all ones on an error)
 *
 * Context: any context; takes pci_lock (a raw spinlock) with interrupts off.
 * Return: as pci_read_config_byte().
 */
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val)
{
	return pci_bus_read_config_word(dev->bus, dev->devfn, where, val);
}
EXPORT_SYMBOL(pci_read_config_word);

/**
 * pci_read_config_dword - read a 32-bit register of a device's configuration space
 * @dev: the device
 * @where: the register, 4-byte aligned
 * @val: where the value goes (all ones on an error)
 *
 * Context: any context; takes pci_lock with interrupts off.
 * Return: as pci_read_config_byte().
 */
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val)
{
	return pci_bus_read_config_dword(dev->bus, dev->devfn, where, val);
}
EXPORT_SYMBOL(pci_read_config_dword);

/**
 * pci_write_config_byte - write a byte of a device's configuration space
 * @dev: the device
 * @where: the register
 * @val: the value; read-only bits keep their value, as the device decides
 *
 * The word and dword forms need @where aligned to their size.
 *
 * Context: any.
 * Return: as pci_read_config_byte().
 */
int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val)
{
	return pci_bus_write_config_byte(dev->bus, dev->devfn, where, val);
}
EXPORT_SYMBOL(pci_write_config_byte);

/**
 * pci_write_config_word - write a 16-bit register of a device's configuration space
 * @dev: the device
 * @where: the register, 2-byte aligned
 * @val: the value
 *
 * Context: any context; takes pci_lock with interrupts off.
 * Return: as pci_read_config_byte().
 */
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	return pci_bus_write_config_word(dev->bus, dev->devfn, where, val);
}
EXPORT_SYMBOL(pci_write_config_word);

/**
 * pci_write_config_dword - write a 32-bit register of a device's configuration space
 * @dev: the device
 * @where: the register, 4-byte aligned
 * @val: the value
 *
 * Context: any context; takes pci_lock with interrupts off.
 * Return: as pci_read_config_byte().
 */
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	return pci_bus_write_config_dword(dev->bus, dev->devfn, where, val);
}
EXPORT_SYMBOL(pci_write_config_dword);

/* The size of the next access of a copy at off with left bytes to go: a byte to reach
 * an even offset, a word to reach a multiple of 4, dwords, then a word and a byte. */
static unsigned int copy_access_size(loff_t off, size_t left)
{
	if ((off & 1) || left < 2)
		return 1;
	if ((off & 3) || left < 4)
		return 2;
	return 4;
}

/* One access of n (1, 2 or 4) bytes at where, little-endian in buf. */
static void copy_access(struct pci_dev *dev, char *buf, int where, unsigned int n, bool write)
{
	u32 val = 0;

	if (write) {
		for (unsigned int i = 0; i < n; i++)
			val |= (u32)(u8)buf[i] << (8 * i);
		if (n == 1)
			pci_write_config_byte(dev, where, (u8)val);
		else if (n == 2)
			pci_write_config_word(dev, where, (u16)val);
		else
			pci_write_config_dword(dev, where, val);
		return;
	}
	if (n == 1) {
		u8 v;

		pci_read_config_byte(dev, where, &v);
		val = v;
	} else if (n == 2) {
		u16 v;

		pci_read_config_word(dev, where, &v);
		val = v;
	} else {
		pci_read_config_dword(dev, where, &val);
	}
	for (unsigned int i = 0; i < n; i++)
		buf[i] = (char)(val >> (8 * i));
}

/* Copies count bytes of dev's configuration space at off into buf, or buf into it,
 * with the naturally aligned accesses Linux's config files (sysfs and /proc) make.
 * The caller has cut the range to the space. */
void pci_config_copy(struct pci_dev *dev, char *buf, loff_t off, size_t count, bool write)
{
	for (size_t done = 0, n; done < count; done += n) {
		n = copy_access_size(off + (loff_t)done, count - done);
		copy_access(dev, buf + done, (int)(off + (loff_t)done), (unsigned int)n, write);
	}
}
