// SPDX-License-Identifier: LGPL-2.1-or-later
/* The PCI bus as a device sees it, checked against the PCI specification and QEMU's
 * edu.rst: configuration mechanism #1 and ECAM reading the same spaces, master aborts
 * as all ones, read-only and write-1-to-clear bits, BAR sizing by writing all ones,
 * the capability list and MSI capability, decoding gated by the command register, the
 * edu registers, its INTx on IO-APIC line 17 (gated by INTx Disable), its MSI, and DMA
 * refused without bus mastering. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/pci_regs.h>
#include <linux/slab.h>
#include "drivers/pci_models.h"
#include "kernel/irq_msi.h"
#include "kmsg.h"

#define EDU_IRQ 17

static u32 conf1_read32(unsigned int devfn, unsigned int reg)
{
	outl(0x80000000u | devfn << 8 | (reg & 0xfc), PCI_CONF1_PORT);
	return inl(0xcfc);
}

static void conf1_write32(unsigned int devfn, unsigned int reg, u32 v)
{
	outl(0x80000000u | devfn << 8 | (reg & 0xfc), PCI_CONF1_PORT);
	outl(v, 0xcfc);
}

static u16 conf1_read16(unsigned int devfn, unsigned int reg)
{
	outl(0x80000000u | devfn << 8 | (reg & 0xfc), PCI_CONF1_PORT);
	return inw(0xcfc + (reg & 2));
}

static void conf1_write16(unsigned int devfn, unsigned int reg, u16 v)
{
	outl(0x80000000u | devfn << 8 | (reg & 0xfc), PCI_CONF1_PORT);
	outw(v, 0xcfc + (reg & 2));
}

/* Waits (generously: the machine may be busy) until *word reaches want. */
static bool wait_for(int *word, int want)
{
	for (int i = 0; i < 30000; i++) {
		if (__atomic_load_n(word, __ATOMIC_ACQUIRE) >= want)
			return true;
		msleep(1);
	}
	return false;
}

Test(pci_host, conf1_and_ecam_see_the_same_functions)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(conf1_read32(0, PCI_VENDOR_ID), 0x29c08086);
	cr_assert_eq(conf1_read32(0, PCI_CLASS_REVISION), 0x06000000);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_VENDOR_ID), 0x11e81234);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_CLASS_REVISION), 0x00ff0010);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_SUBSYSTEM_VENDOR_ID), 0x11001af4);
	cr_assert_eq(conf1_read16(EDU_DEVFN, PCI_DEVICE_ID), 0x11e8);
	outl(0x80000000u | EDU_DEVFN << 8, PCI_CONF1_PORT);
	cr_assert_eq(inb(0xcfd), 0x12, "the vendor ID's high byte");
	cr_assert_eq(inl(PCI_CONF1_PORT), 0x80000000u | EDU_DEVFN << 8, "address reads back");
	/* Master aborts: an empty slot, another bus, the enable bit clear. */
	cr_assert_eq(conf1_read32(PCI_DEVFN(2, 0), 0), 0xffffffff);
	outl(0x80010000u, PCI_CONF1_PORT);
	cr_assert_eq(inl(0xcfc), 0xffffffff);
	outl(EDU_DEVFN << 8, PCI_CONF1_PORT);
	cr_assert_eq(inl(0xcfc), 0xffffffff);

	void __iomem *ecam = ioremap(PCI_MMCONFIG_BASE, 1 << 20);	/* bus 0 */
	cr_assert_not_null(ecam);
	cr_assert_eq(readl(ecam + (EDU_DEVFN << 12)), 0x11e81234);
	cr_assert_eq(readw(ecam + (EDU_DEVFN << 12) + 2), 0x11e8);
	cr_assert_eq(readl(ecam + (EDU_DEVFN << 12) + 0x100), 0, "extended space is there");
	cr_assert_eq(readl(ecam + (PCI_DEVFN(3, 0) << 12)), 0xffffffff);
	cr_assert_eq(readl(ecam + (EDU_DEVFN << 12) + 2) , 0xffffffff, "straddles a dword");
	writew(PCI_COMMAND_MEMORY, ecam + (EDU_DEVFN << 12) + PCI_COMMAND);
	cr_assert_eq(conf1_read16(EDU_DEVFN, PCI_COMMAND), PCI_COMMAND_MEMORY,
		     "a write through ECAM is seen through conf1");
	iounmap(ecam);

	char *text = proc_text("/proc/ioports");
	cr_assert(strstr(text, "0cf8-0cff : PCI conf1\n"), "%s", text);
	free(text);
	text = proc_text("/proc/iomem");
	cr_assert(strstr(text, "e0000000-efffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"), "%s", text);
	free(text);
	ukmem_shutdown();
}

Test(pci_host, read_only_and_write_one_to_clear_bits)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	conf1_write32(EDU_DEVFN, PCI_VENDOR_ID, 0);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_VENDOR_ID), 0x11e81234, "IDs are read-only");
	conf1_write32(EDU_DEVFN, PCI_CLASS_REVISION, 0);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_CLASS_REVISION), 0x00ff0010);
	conf1_write16(EDU_DEVFN, PCI_COMMAND, 0xffff);
	cr_assert_eq(conf1_read16(EDU_DEVFN, PCI_COMMAND), 0x0547,
		     "I/O, memory, master, parity, SERR and INTx disable are writable");
	conf1_write16(EDU_DEVFN, PCI_COMMAND, 0);
	conf1_write16(EDU_DEVFN, PCI_STATUS, 0xffff);
	cr_assert_eq(conf1_read16(EDU_DEVFN, PCI_STATUS), PCI_STATUS_CAP_LIST,
		     "writing 1s clears only error bits; the capability bit stays");
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_INTERRUPT_LINE) & 0xffff, 0x0100 | EDU_IRQ,
		     "pin A, line set by firmware");
	conf1_write32(EDU_DEVFN, PCI_INTERRUPT_LINE, 0xffffffff);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_INTERRUPT_LINE) & 0xffff, 0x01ff,
		     "the line is writable, the pin is not");
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_CACHE_LINE_SIZE) & 0xffff0000, 0,
		     "header type 0, no BIST");
	ukmem_shutdown();
}

Test(pci_host, bar_sizing_by_writing_all_ones)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	u32 bar0 = conf1_read32(EDU_DEVFN, PCI_BASE_ADDRESS_0);
	cr_assert_eq(bar0, (u32)PCI_FIRMWARE_MEM_BASE, "32-bit memory BAR at its address");
	conf1_write32(EDU_DEVFN, PCI_BASE_ADDRESS_0, 0xffffffff);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_BASE_ADDRESS_0), 0xfff00000, "1 MiB");
	conf1_write32(EDU_DEVFN, PCI_BASE_ADDRESS_0, bar0);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_BASE_ADDRESS_0), bar0);
	for (int i = 1; i < 6; i++) {
		conf1_write32(EDU_DEVFN, PCI_BASE_ADDRESS_0 + 4 * i, 0xffffffff);
		cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_BASE_ADDRESS_0 + 4 * i), 0,
			     "BAR%d is not implemented", i);
	}
	conf1_write32(EDU_DEVFN, PCI_ROM_ADDRESS, 0xffffffff);
	cr_assert_eq(conf1_read32(EDU_DEVFN, PCI_ROM_ADDRESS), 0, "no expansion ROM");
	conf1_write32(0, PCI_BASE_ADDRESS_0, 0xffffffff);
	cr_assert_eq(conf1_read32(0, PCI_BASE_ADDRESS_0), 0, "the host bridge has none");
	ukmem_shutdown();
}

Test(pci_host, capability_list_and_msi_capability)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(conf1_read16(EDU_DEVFN, PCI_STATUS) & PCI_STATUS_CAP_LIST);
	u8 cap = conf1_read32(EDU_DEVFN, PCI_CAPABILITY_LIST) & 0xff;
	cr_assert_eq(cap, 0x40);
	u32 head = conf1_read32(EDU_DEVFN, cap);
	cr_assert_eq(head & 0xff, PCI_CAP_ID_MSI);
	cr_assert_eq((head >> 8) & 0xff, 0, "the only capability");
	cr_assert_eq(head >> 16, PCI_MSI_FLAGS_64BIT, "64-bit, one message, off");
	conf1_write16(EDU_DEVFN, cap + PCI_MSI_FLAGS, 0xffff);
	cr_assert_eq(conf1_read16(EDU_DEVFN, cap + PCI_MSI_FLAGS),
		     PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_QSIZE | PCI_MSI_FLAGS_ENABLE);
	conf1_write32(EDU_DEVFN, cap + PCI_MSI_ADDRESS_LO, 0xffffffff);
	cr_assert_eq(conf1_read32(EDU_DEVFN, cap + PCI_MSI_ADDRESS_LO), 0xfffffffc);
	conf1_write32(EDU_DEVFN, cap + PCI_MSI_DATA_64, 0xffffffff);
	cr_assert_eq(conf1_read32(EDU_DEVFN, cap + PCI_MSI_DATA_64), 0xffff);
	cr_assert_eq(conf1_read32(0, PCI_STATUS) >> 16 & PCI_STATUS_CAP_LIST, 0);
	ukmem_shutdown();
}

static void __iomem *edu_regs(u16 cmd)
{
	conf1_write16(EDU_DEVFN, PCI_COMMAND, cmd);
	return ioremap(PCI_FIRMWARE_MEM_BASE, EDU_BAR0_SIZE);
}

Test(pci_host, edu_registers)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *regs = edu_regs(0);
	cr_assert_eq(readl(regs + EDU_REG_ID), 0xffffffff, "memory decoding is off");
	conf1_write16(EDU_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY);
	cr_assert_eq(readl(regs + EDU_REG_ID), 0x010000ed);
	writel(0x12345678, regs + EDU_REG_LIVENESS);
	cr_assert_eq(readl(regs + EDU_REG_LIVENESS), ~0x12345678u);
	writel(10, regs + EDU_REG_FACT);
	cr_assert_eq(readl(regs + EDU_REG_STATUS) & EDU_STATUS_COMPUTING, 0);
	cr_assert_eq(readl(regs + EDU_REG_FACT), 3628800);
	writel(13, regs + EDU_REG_FACT);
	cr_assert_eq(readl(regs + EDU_REG_FACT), 1932053504u, "13! wraps at 32 bits");
	cr_assert_eq(readw(regs + EDU_REG_ID), 0xffff, "only 4-byte accesses below 0x80");
	cr_assert_eq(readq(regs + EDU_REG_ID), ~0ULL);
	writeq(0x123456789ULL, regs + EDU_REG_DMA_SRC);
	cr_assert_eq(readq(regs + EDU_REG_DMA_SRC), 0x123456789ULL, "8 bytes from 0x80");
	cr_assert_eq(readl(regs + EDU_REG_DMA_SRC), 0x23456789);
	cr_assert_eq(readl(regs + 0x84), 0xffffffff, "no register at 0x84");
	cr_assert_eq(readl(regs + 0x100), 0xffffffff);
	cr_assert_eq(readl(regs + EDU_DMA_BUF), 0xffffffff, "the buffer is reached by DMA only");
	/* Moving the BAR away: the device no longer answers at the old address. */
	conf1_write32(EDU_DEVFN, PCI_BASE_ADDRESS_0, 0xffffffff);
	cr_assert_eq(readl(regs + EDU_REG_ID), 0xffffffff);
	conf1_write32(EDU_DEVFN, PCI_BASE_ADDRESS_0, (u32)PCI_FIRMWARE_MEM_BASE);
	cr_assert_eq(readl(regs + EDU_REG_ID), 0x010000ed);
	iounmap(regs);
	ukmem_shutdown();
}

static int interrupts;

static irqreturn_t edu_handler(int irq, void *dev_id)
{
	void __iomem *regs = dev_id;
	u32 status = readl(regs + EDU_REG_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, regs + EDU_REG_IRQ_ACK);
	__atomic_add_fetch(&interrupts, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

Test(pci_host, edu_intx_is_level_and_gated_by_intx_disable)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *regs = edu_regs(PCI_COMMAND_MEMORY);
	cr_assert_eq(request_irq(EDU_IRQ, edu_handler, IRQF_SHARED, "edu", regs), 0);
	writel(0x5, regs + EDU_REG_IRQ_RAISE);
	cr_assert(wait_for(&interrupts, 1));
	synchronize_irq(EDU_IRQ);
	cr_assert_eq(readl(regs + EDU_REG_IRQ_STATUS), 0, "the handler acknowledged it");
	cr_assert_eq(conf1_read16(EDU_DEVFN, PCI_STATUS) & PCI_STATUS_INTERRUPT, 0);

	conf1_write16(EDU_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_INTX_DISABLE);
	writel(0x8, regs + EDU_REG_IRQ_RAISE);
	cr_assert(conf1_read16(EDU_DEVFN, PCI_STATUS) & PCI_STATUS_INTERRUPT,
		  "the device asserts INTx");
	msleep(20);
	cr_assert_eq(__atomic_load_n(&interrupts, __ATOMIC_ACQUIRE), 1, "but the pin is off");
	conf1_write16(EDU_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY);
	cr_assert(wait_for(&interrupts, 2), "enabling INTx delivers it");
	free_irq(EDU_IRQ, regs);
	iounmap(regs);
	ukmem_shutdown();
}

Test(pci_host, edu_msi_goes_to_the_vector_programmed)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *regs = edu_regs(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	int irq = irq_msi_alloc(1, 8 << 11);
	u64 address;
	u32 data;

	cr_assert_geq(irq, NR_IRQS_IOAPIC);
	cr_assert_eq(request_irq(irq, edu_handler, 0, "edu", regs), 0);
	irq_msi_compose(irq, &address, &data);
	conf1_write32(EDU_DEVFN, 0x40 + PCI_MSI_ADDRESS_LO, (u32)address);
	conf1_write32(EDU_DEVFN, 0x40 + PCI_MSI_ADDRESS_HI, (u32)(address >> 32));
	conf1_write32(EDU_DEVFN, 0x40 + PCI_MSI_DATA_64, data);
	conf1_write16(EDU_DEVFN, 0x40 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE);
	writel(EDU_STATUS_IRQFACT, regs + EDU_REG_STATUS);
	writel(5, regs + EDU_REG_FACT);
	cr_assert(wait_for(&interrupts, 1));
	cr_assert_eq(readl(regs + EDU_REG_FACT), 120);
	char *text = proc_text("/proc/interrupts");
	char want[64];
	snprintf(want, sizeof(want), "%3d: ", irq);
	char *line = strstr(text, want);
	cr_assert_not_null(line, "%s", text);
	cr_assert(strstr(line, "  PCI-MSI 16384-edge      edu\n") ==
		  strchr(line, '\n') - strlen("  PCI-MSI 16384-edge      edu"), "%s", text);
	free(text);
	/* Without bus mastering the device cannot write its message. */
	conf1_write16(EDU_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY);
	writel(1, regs + EDU_REG_IRQ_RAISE);
	msleep(20);
	cr_assert_eq(__atomic_load_n(&interrupts, __ATOMIC_ACQUIRE), 1);
	free_irq(irq, regs);
	irq_msi_free(irq, 1);
	cr_assert_eq(request_irq(irq, edu_handler, 0, "edu", regs), -EINVAL,
		     "a freed MSI number is no interrupt");
	iounmap(regs);
	ukmem_shutdown();
}

static void edu_dma(void __iomem *regs, u64 src, u64 dst, u64 count, u64 cmd)
{
	writeq(src, regs + EDU_REG_DMA_SRC);
	writeq(dst, regs + EDU_REG_DMA_DST);
	writeq(count, regs + EDU_REG_DMA_COUNT);
	writeq(cmd | EDU_DMA_RUN, regs + EDU_REG_DMA_CMD);
	while (readq(regs + EDU_REG_DMA_CMD) & EDU_DMA_RUN)
		;
}

Test(pci_host, edu_dma_needs_bus_mastering)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *regs = edu_regs(PCI_COMMAND_MEMORY);
	char *buf = (char *)__get_free_page(GFP_KERNEL | GFP_DMA32);
	u64 bus = virt_to_phys(buf);

	cr_assert_lt(bus + PAGE_SIZE, 1ULL << 28, "within the 28-bit mask");
	strcpy(buf, "through the device and back");
	edu_dma(regs, bus, EDU_DMA_BUF, 100, 0);
	edu_dma(regs, EDU_DMA_BUF, bus + 100, 100, EDU_DMA_TO_RAM);
	cr_assert_eq(buf[100], 0, "no bus mastering: nothing moved");

	conf1_write16(EDU_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	edu_dma(regs, bus, EDU_DMA_BUF, 100, 0);
	edu_dma(regs, EDU_DMA_BUF, bus + 100, 100, EDU_DMA_TO_RAM);
	cr_assert_str_eq(buf + 100, "through the device and back");

	memset(buf + 200, 0x5a, 16);
	edu_dma(regs, EDU_DMA_BUF + 4090, bus + 200, 16, EDU_DMA_TO_RAM);
	cr_assert_eq(buf[200], 0x5a, "a transfer leaving the buffer is refused");
	cr_assert(kmsg_contains("edu: DMA range 0x0000000000040ffa-0x0000000000041009 out of "
				"bounds (0x0000000000040000-0x0000000000040fff)!"));
	free_page((unsigned long)buf);
	iounmap(regs);
	ukmem_shutdown();
}
