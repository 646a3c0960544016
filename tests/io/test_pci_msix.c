// SPDX-License-Identifier: LGPL-2.1-or-later
/* MSI-X, with ukdma's PCI function (booted with ukmem.pci=edu,ukdma): the capability, the
 * table and the pending bit array in BAR 1 as the PCI specification lays them out, the
 * device holding a masked vector's message as a pending bit until the entry or the
 * function mask is cleared; and a driver taking both vectors through
 * pci_alloc_irq_vectors(PCI_IRQ_MSIX) / pci_enable_msix_range, with 6.1's answers to
 * bad input, its /proc/interrupts rows ("PCI-MSI" and hwirq entry | devid << 11, as
 * 6.1's x86 MSI domain prints them) and msi_irqs/N reading "msix". */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <ukmem_devices.h>
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/pci.h>
#include "kmsg.h"
#include "sysfile.h"

#define SYSDEV "/sys/bus/pci/devices/0000:00:03.0/"
#define DEVID_HWIRQ (0x18 << 11)	/* 00:03.0's devid << 11 */

struct ukdma_drv {
	struct pci_dev *pdev;
	void __iomem *regs, *table;
	int irq[2];
	int count[2];
	struct completion done[2];
	void *buf;
	dma_addr_t buf_dma;
};

static struct ukdma_drv drv;

static irqreturn_t ukdma_vector(int irq, void *data)
{
	int v = (int)(long)data;
	u32 bit = v == UKDMA_PCI_MSIX_DONE ? UKDMA_STATUS_DONE : UKDMA_STATUS_ERROR;

	if (!(readl(drv.regs + UKDMA_REG_STATUS) & bit))
		return IRQ_NONE;
	writel(bit, drv.regs + UKDMA_REG_STATUS);
	__atomic_add_fetch(&drv.count[v], 1, __ATOMIC_RELEASE);
	complete(&drv.done[v]);
	return IRQ_HANDLED;
}

static int count(int v)
{
	return __atomic_load_n(&drv.count[v], __ATOMIC_ACQUIRE);
}

/* Waits (generously: the machine may be busy) for vector v's next interrupt. */
static void wait_vector(int v)
{
	cr_assert(wait_for_completion_timeout(&drv.done[v], 60 * HZ), "vector %d", v);
}

/* A copy inside the buffer (DONE) or one too long (ERROR), with the interrupt on. */
static void copy(bool good)
{
	writeq(drv.buf_dma, drv.regs + UKDMA_REG_SRC);
	writeq(drv.buf_dma + 2048, drv.regs + UKDMA_REG_DST);
	writel(good ? 64 : UKDMA_MAX_LEN + 1, drv.regs + UKDMA_REG_LEN);
	writel(UKDMA_CTRL_IRQ | UKDMA_CTRL_START, drv.regs + UKDMA_REG_CONTROL);
}

static u32 vector_ctrl(unsigned int entry)
{
	return readl(drv.table + entry * PCI_MSIX_ENTRY_SIZE + PCI_MSIX_ENTRY_VECTOR_CTRL);
}

static u64 pba(void)
{
	return readq(drv.table + 0x800);
}

static int ukdma_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int err = pci_enable_device(pdev);

	if (err)
		return err;
	pci_set_master(pdev);
	err = pci_request_regions(pdev, "ukdma");
	if (err)
		goto disable;
	drv.pdev = pdev;
	drv.regs = pci_iomap(pdev, UKDMA_PCI_REGS_BAR, 0);
	drv.table = pci_iomap(pdev, UKDMA_PCI_MSIX_BAR, 0);
	drv.buf = dma_alloc_coherent(&pdev->dev, 4096, &drv.buf_dma, GFP_KERNEL);
	if (!drv.regs || !drv.table || !drv.buf) {
		err = -ENOMEM;
		goto release;
	}
	for (int v = 0; v < 2; v++)
		init_completion(&drv.done[v]);
	return 0;
release:
	if (drv.buf)
		dma_free_coherent(&pdev->dev, 4096, drv.buf, drv.buf_dma);
	if (drv.table)
		pci_iounmap(pdev, drv.table);
	if (drv.regs)
		pci_iounmap(pdev, drv.regs);
	pci_release_regions(pdev);
disable:
	pci_disable_device(pdev);
	return err;
}

static void ukdma_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
	dma_free_coherent(&pdev->dev, 4096, drv.buf, drv.buf_dma);
	pci_iounmap(pdev, drv.table);
	pci_iounmap(pdev, drv.regs);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static const struct pci_device_id ukdma_ids[] = {
	{ PCI_DEVICE(UKDMA_PCI_VENDOR_ID, UKDMA_PCI_DEVICE_ID) },
	{ }
};

static struct pci_driver ukdma_driver = {
	.name = "ukdma", .id_table = ukdma_ids,
	.probe = ukdma_probe, .remove = ukdma_remove,
};

static void setup(void)
{
	memset(&drv, 0, sizeof(drv));
	cr_assert_eq(ukmem_boot("ukmem.pci=edu,ukdma"), 0);
	cr_assert_eq(pci_register_driver(&ukdma_driver), 0);
	cr_assert_not_null(drv.pdev, "probed");
}

static void teardown(void)
{
	pci_unregister_driver(&ukdma_driver);
	ukmem_shutdown();
}

static bool proc_has(const char *path, const char *needle)
{
	char *text = proc_text(path);
	bool has = strstr(text, needle) != NULL;

	free(text);
	return has;
}

static void request_both(void)
{
	for (int v = 0; v < 2; v++) {
		drv.irq[v] = pci_irq_vector(drv.pdev, (unsigned int)v);
		cr_assert_geq(drv.irq[v], 24);
		cr_assert_eq(request_irq((unsigned int)drv.irq[v], ukdma_vector, 0,
					 v ? "ukdma-error" : "ukdma-done", (void *)(long)v), 0);
	}
}

static void free_both(void)
{
	for (int v = 0; v < 2; v++)
		free_irq((unsigned int)drv.irq[v], (void *)(long)v);
}

Test(pci_msix, the_capability_as_the_specification_lays_it_out, .init = setup,
     .fini = teardown)
{
	struct pci_dev *pdev = drv.pdev;
	u16 control;
	u32 table, pba_reg;
	int pos = pci_find_capability(pdev, PCI_CAP_ID_MSIX);

	cr_assert_eq(pos, pdev->msix_cap);
	cr_assert_gt(pos, 0);
	cr_assert_eq(pci_find_capability(pdev, PCI_CAP_ID_MSI), 0);
	pci_read_config_word(pdev, pos + PCI_MSIX_FLAGS, &control);
	pci_read_config_dword(pdev, pos + PCI_MSIX_TABLE, &table);
	pci_read_config_dword(pdev, pos + PCI_MSIX_PBA, &pba_reg);
	cr_assert_eq(control, 1, "table size - 1, disabled, not masked");
	cr_assert_eq(table, 0x000 | 1, "offset 0 in BAR 1");
	cr_assert_eq(pba_reg, 0x800 | 1, "offset 0x800 in BAR 1");
	cr_assert_eq(pci_msix_vec_count(pdev), 2);
	/* read-only: table size and BIRs */
	pci_write_config_word(pdev, pos + PCI_MSIX_FLAGS, 0x07ff);
	pci_write_config_dword(pdev, pos + PCI_MSIX_TABLE, 0xfffffff8);
	pci_read_config_word(pdev, pos + PCI_MSIX_FLAGS, &control);
	pci_read_config_dword(pdev, pos + PCI_MSIX_TABLE, &table);
	cr_assert_eq(control, 1);
	cr_assert_eq(table, 1);
	/* after reset every entry is masked and nothing is pending */
	cr_assert_eq(vector_ctrl(0), 1);
	cr_assert_eq(vector_ctrl(1), 1);
	cr_assert_eq(pba(), 0);
	/* the vector control word keeps only its mask bit; the PBA ignores writes */
	writel(0xfffffffe, drv.table + PCI_MSIX_ENTRY_VECTOR_CTRL);
	cr_assert_eq(vector_ctrl(0), 0);
	writel(1, drv.table + PCI_MSIX_ENTRY_VECTOR_CTRL);
	writeq(~0ULL, drv.table + 0x800);
	cr_assert_eq(pba(), 0);
	cr_assert_eq(readw(drv.table), 0xffff, "a 2-byte access to the table is refused");
	cr_assert_eq(ukmem_report_count(), 0);
}

Test(pci_msix, a_driver_with_two_vectors, .init = setup, .fini = teardown)
{
	struct pci_dev *pdev = drv.pdev;
	char path[128];
	u16 cmd;

	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX), 2,
		     "as many as the table has");
	cr_assert(pdev->msix_enabled);
	cr_assert_eq(pdev->irq, 19, "pdev->irq stays the INTx line");
	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	cr_assert(cmd & PCI_COMMAND_INTX_DISABLE, "INTx is off while MSI-X is on");
	cr_assert_eq(pci_irq_vector(pdev, 2), -EINVAL);
	cr_assert_eq(vector_ctrl(0), 1, "masked until requested");
	request_both();
	cr_assert_eq(vector_ctrl(0), 0, "request_irq unmasks the entry");
	cr_assert_eq(vector_ctrl(1), 0);

	cr_assert(proc_has("/proc/interrupts", "  PCI-MSI 49152-edge      ukdma-done\n"));
	cr_assert(proc_has("/proc/interrupts", "  PCI-MSI 49153-edge      ukdma-error\n"));
	for (int v = 0; v < 2; v++) {
		char buf[16];

		snprintf(path, sizeof(path), SYSDEV "msi_irqs/%d", drv.irq[v]);
		cr_assert_str_eq(sysfile_read(path, buf, sizeof(buf)), "msix\n");
	}

	copy(true);
	wait_vector(UKDMA_PCI_MSIX_DONE);
	copy(false);
	wait_vector(UKDMA_PCI_MSIX_ERROR);
	cr_assert_eq(count(0), 1);
	cr_assert_eq(count(1), 1);

	/* the entry masked: the message waits as a pending bit, sent on unmask */
	writel(PCI_MSIX_ENTRY_CTRL_MASKBIT, drv.table + PCI_MSIX_ENTRY_VECTOR_CTRL);
	copy(true);
	cr_assert_eq(pba(), 1, "pending while masked");
	cr_assert_eq(count(0), 1);
	cr_assert_eq(count(1), 1, "the other vector is not involved");
	writel(0, drv.table + PCI_MSIX_ENTRY_VECTOR_CTRL);
	cr_assert_eq(pba(), 0, "sent on unmask");
	wait_vector(UKDMA_PCI_MSIX_DONE);
	cr_assert_eq(count(0), 2);

	/* the function mask: the same for every vector */
	pci_write_config_word(pdev, pdev->msix_cap + PCI_MSIX_FLAGS,
			      PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
	copy(false);
	cr_assert_eq(pba(), 2);
	cr_assert_eq(vector_ctrl(1), 0, "the entry itself is not masked");
	pci_write_config_word(pdev, pdev->msix_cap + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE);
	cr_assert_eq(pba(), 0);
	wait_vector(UKDMA_PCI_MSIX_ERROR);
	cr_assert_eq(count(1), 2);

	/* disable_irq: the kernel keeps it pending (lazily, the entry stays unmasked) */
	disable_irq((unsigned int)drv.irq[0]);
	copy(true);
	cr_assert_eq(count(0), 2, "not delivered while disabled");
	enable_irq((unsigned int)drv.irq[0]);
	wait_vector(UKDMA_PCI_MSIX_DONE);
	cr_assert_eq(count(0), 3);

	/* bad input */
	cr_assert_eq(pci_enable_msi(pdev), -EINVAL);
	cr_assert(kmsg_contains("ukdma 0000:00:03.0: can't enable MSI (MSI-X already enabled)"));
	free_irq((unsigned int)drv.irq[0], (void *)7L);
	snprintf(path, sizeof(path), "Trying to free already-free IRQ %d", drv.irq[0]);
	cr_assert(kmsg_contains(path), "a dev_id never requested");
	cr_assert_eq(ukmem_report_count(), 1, "that WARNING and nothing else");

	free_both();
	cr_assert_eq(vector_ctrl(0), 1, "free_irq masks the entry");
	cr_assert_eq(vector_ctrl(1), 1);
	free_irq((unsigned int)drv.irq[1], (void *)1L);
	snprintf(path, sizeof(path), "Trying to free already-free IRQ %d", drv.irq[1]);
	cr_assert(kmsg_contains(path), "freed twice");
	pci_free_irq_vectors(pdev);
	cr_assert_not(pdev->msix_enabled);
	cr_assert_eq(pci_irq_vector(pdev, 0), 19);
	cr_assert_eq(request_irq((unsigned int)drv.irq[0], ukdma_vector, 0, "x", NULL), -EINVAL,
		     "the vector's interrupt number is gone");
	cr_assert_not(proc_has("/proc/interrupts", "ukdma-"));
	cr_assert_str_eq(sysfile_read(SYSDEV "enable", path, sizeof(path)), "1\n");
	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	cr_assert_eq(cmd & PCI_COMMAND_INTX_DISABLE, 0, "INTx is back");
	cr_assert_eq(ukmem_report_count(), 2);
}

Test(pci_msix, bad_input_gets_the_kernels_answers, .init = setup, .fini = teardown)
{
	struct pci_dev *pdev = drv.pdev;
	struct msix_entry entries[3] = { { .entry = 1 }, { .entry = 0 }, { .entry = 2 } };

	cr_assert_eq(pci_alloc_irq_vectors(pdev, 3, 4, PCI_IRQ_MSIX), -ENOSPC,
		     "more vectors than the table");
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 3, 2, PCI_IRQ_MSIX), -ERANGE);
	cr_assert_eq(pci_enable_msix_range(pdev, entries, 3, 3), -ENOSPC);
	entries[1].entry = 2;
	cr_assert_eq(pci_enable_msix_range(pdev, entries, 2, 2), -EINVAL,
		     "an entry beyond the table");
	entries[1].entry = 1;
	cr_assert_eq(pci_enable_msix_range(pdev, entries, 2, 2), -EINVAL, "an entry twice");
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 3, 4, PCI_IRQ_MSIX | PCI_IRQ_LEGACY), -ENOSPC,
		     "INTx is one vector");
	cr_assert_not(pdev->msix_enabled);
	cr_assert_not(sysfile_exists(SYSDEV "msi_irqs"), "nothing was allocated");

	/* entry 1 alone: the driver's vector 0 is the table's entry 1 */
	entries[0].entry = 1;
	cr_assert_eq(pci_enable_msix_exact(pdev, entries, 1), 0);
	cr_assert_eq(entries[0].vector, (u32)pci_irq_vector(pdev, 0));
	cr_assert_eq(pci_irq_vector(pdev, 1), -EINVAL, "a vector not allocated");
	cr_assert_eq(request_irq(entries[0].vector, ukdma_vector, 0, "ukdma-error",
				 (void *)1L), 0);
	cr_assert(proc_has("/proc/interrupts", "  PCI-MSI 49153-edge      ukdma-error\n"));
	cr_assert_eq(vector_ctrl(1), 0);
	cr_assert_eq(vector_ctrl(0), 1, "the entry not used stays masked");
	copy(false);
	wait_vector(UKDMA_PCI_MSIX_ERROR);
	copy(true);
	cr_assert_eq(pba(), 1, "DONE on the masked entry 0 is pending");
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI), -EINVAL);
	free_irq(entries[0].vector, (void *)1L);
	pci_disable_msix(pdev);
	cr_assert_eq(pba(), 1, "a pending bit survives disabling; it is the device's");
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_LEGACY), 1,
		     "no MSI capability: INTx");
	cr_assert_eq(pci_irq_vector(pdev, 0), 19);
	pci_free_irq_vectors(pdev);
	cr_assert_eq(ukmem_report_count(), 0);
}

/* Without MSI-X the function's interrupt is INTx pin A: slot 3 routes to line 19. */
Test(pci_msix, intx_when_msix_is_off, .init = setup, .fini = teardown)
{
	cr_assert_eq(pci_alloc_irq_vectors(drv.pdev, 1, 1, PCI_IRQ_LEGACY), 1);
	drv.irq[0] = pci_irq_vector(drv.pdev, 0);
	cr_assert_eq(drv.irq[0], 19);
	cr_assert_eq(request_irq(19, ukdma_vector, 0, "ukdma", (void *)0L), 0);
	cr_assert(proc_has("/proc/interrupts", "  IO-APIC  19-fasteoi   ukdma\n"));
	copy(true);
	wait_vector(UKDMA_PCI_MSIX_DONE);
	free_irq(19, (void *)0L);
	cr_assert_eq(ukmem_report_count(), 0);
}
