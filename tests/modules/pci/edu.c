// SPDX-License-Identifier: GPL-2.0
/* edu: a PCI driver for QEMU's edu device, written as for Linux from the device's public
 * specification (QEMU's docs/specs/edu.rst). Probe enables the device, claims and maps
 * BAR0, checks the identification and liveness registers, takes the interrupt (MSI,
 * else INTx), computes a factorial through the interrupt and makes a DMA round trip
 * through the device's buffer into a coherent buffer; remove undoes it all.
 * Parameters:
 *   irq=msi|intx    the interrupt to ask for (default msi)
 *   managed=1       pcim_enable_device and pcim_iomap_regions instead of the plain calls
 *   fact=N          the factorial to compute (default 12)
 *   bug=NAME        double_request: claims BAR0 twice (probe fails -EBUSY)
 *                   no_master: never enables bus mastering (the DMA moves nothing) */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/slab.h>
#include <linux/string.h>

#define EDU_ID			0x00
#define EDU_LIVENESS		0x04
#define EDU_FACT		0x08
#define EDU_STATUS		0x20
#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_ACK		0x64
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define EDU_STATUS_IRQFACT	0x80
#define EDU_DMA_START		0x01
#define EDU_DMA_TO_RAM		0x02
#define EDU_DMA_IRQ		0x04
#define EDU_BUFFER		0x40000
#define DMA_LEN			256

static char *irq = "msi";
module_param(irq, charp, 0444);
static bool managed;
module_param(managed, bool, 0444);
static unsigned int fact = 12;
module_param(fact, uint, 0444);
static char *bug = "none";
module_param(bug, charp, 0444);

struct edu_dev {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct completion done;
	u32 irq_status;
	int irq;
	void *buf;
	dma_addr_t buf_dma;
};

static irqreturn_t edu_irq(int irq, void *data)
{
	struct edu_dev *edu = data;
	u32 status = ioread32(edu->regs + EDU_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	iowrite32(status, edu->regs + EDU_IRQ_ACK);
	edu->irq_status = status;
	complete(&edu->done);
	return IRQ_HANDLED;
}

static int edu_wait(struct edu_dev *edu)
{
	if (!wait_for_completion_timeout(&edu->done, 30 * HZ))
		return -ETIMEDOUT;
	reinit_completion(&edu->done);
	return 0;
}

static int edu_factorial(struct edu_dev *edu, u32 n, u32 *result)
{
	int err;

	iowrite32(EDU_STATUS_IRQFACT, edu->regs + EDU_STATUS);
	iowrite32(n, edu->regs + EDU_FACT);
	err = edu_wait(edu);
	if (err)
		return err;
	*result = ioread32(edu->regs + EDU_FACT);
	return edu->irq_status == 0x1 ? 0 : -EIO;
}

static int edu_dma(struct edu_dev *edu, u64 src, u64 dst, u32 count, u32 cmd)
{
	writeq(src, edu->regs + EDU_DMA_SRC);
	writeq(dst, edu->regs + EDU_DMA_DST);
	writeq(count, edu->regs + EDU_DMA_COUNT);
	writeq(cmd | EDU_DMA_START | EDU_DMA_IRQ, edu->regs + EDU_DMA_CMD);
	return edu_wait(edu);
}

static int edu_dma_round_trip(struct edu_dev *edu)
{
	u8 *buf = edu->buf;
	int err, i;

	for (i = 0; i < DMA_LEN; i++)
		buf[i] = (u8)(i * 7 + 1);
	memset(buf + DMA_LEN, 0, DMA_LEN);
	err = edu_dma(edu, edu->buf_dma, EDU_BUFFER, DMA_LEN, 0);
	if (!err)
		err = edu_dma(edu, EDU_BUFFER, edu->buf_dma + DMA_LEN, DMA_LEN, EDU_DMA_TO_RAM);
	if (err)
		return err;
	return memcmp(buf, buf + DMA_LEN, DMA_LEN) ? -EIO : 0;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu_dev *edu;
	u32 value, flags;
	int err;

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	init_completion(&edu->done);
	pci_set_drvdata(pdev, edu);

	if (managed) {
		err = pcim_enable_device(pdev);
		if (!err)
			err = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
		if (err)
			goto free;
		edu->regs = pcim_iomap_table(pdev)[0];
	} else {
		err = pci_enable_device(pdev);
		if (err)
			goto free;
		err = pci_request_regions(pdev, KBUILD_MODNAME);
		if (!err && !strcmp(bug, "double_request"))
			err = pci_request_regions(pdev, KBUILD_MODNAME);
		if (err)
			goto release;
		edu->regs = pci_iomap(pdev, 0, 0);
		if (!edu->regs) {
			err = -ENOMEM;
			goto release;
		}
	}

	value = ioread32(edu->regs + EDU_ID);
	if ((value & 0xffff) != 0x00ed) {
		dev_err(&pdev->dev, "not an edu device: id %#x\n", value);
		err = -ENODEV;
		goto unmap;
	}
	iowrite32(0x12345678, edu->regs + EDU_LIVENESS);
	if (ioread32(edu->regs + EDU_LIVENESS) != ~0x12345678u) {
		dev_err(&pdev->dev, "liveness check failed\n");
		err = -EIO;
		goto unmap;
	}
	dev_info(&pdev->dev, "edu %u.%u, liveness check passed\n", value >> 24,
		 (value >> 16) & 0xff);

	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(28));
	if (err)
		goto unmap;
	if (strcmp(bug, "no_master"))
		pci_set_master(pdev);

	flags = !strcmp(irq, "intx") ? PCI_IRQ_LEGACY : PCI_IRQ_MSI;
	err = pci_alloc_irq_vectors(pdev, 1, 1, flags);
	if (err < 0)
		goto unmap;
	edu->irq = pci_irq_vector(pdev, 0);
	err = request_irq(edu->irq, edu_irq, IRQF_SHARED, KBUILD_MODNAME, edu);
	if (err)
		goto vectors;
	dev_info(&pdev->dev, "%s interrupt %d\n", pdev->msi_enabled ? "MSI" : "INTx", edu->irq);

	err = edu_factorial(edu, fact, &value);
	if (err)
		goto irq;
	dev_info(&pdev->dev, "%u! = %u\n", fact, value);

	edu->buf = dma_alloc_coherent(&pdev->dev, PAGE_SIZE, &edu->buf_dma, GFP_KERNEL);
	if (!edu->buf) {
		err = -ENOMEM;
		goto irq;
	}
	err = edu_dma_round_trip(edu);
	if (err)
		dev_err(&pdev->dev, "DMA round trip failed: %d\n", err);
	else
		dev_info(&pdev->dev, "DMA round trip of %d bytes\n", DMA_LEN);
	if (err && !strcmp(bug, "no_master"))
		err = 0;	/* expected: keep the device bound for the test to look at */
	if (err)
		goto coherent;
	return 0;

coherent:
	dma_free_coherent(&pdev->dev, PAGE_SIZE, edu->buf, edu->buf_dma);
irq:
	free_irq(edu->irq, edu);
vectors:
	pci_free_irq_vectors(pdev);
unmap:
	if (!managed)
		pci_iounmap(pdev, edu->regs);
release:
	if (!managed) {
		pci_release_regions(pdev);
		pci_disable_device(pdev);
	}
free:
	kfree(edu);
	return err;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu_dev *edu = pci_get_drvdata(pdev);

	dma_free_coherent(&pdev->dev, PAGE_SIZE, edu->buf, edu->buf_dma);
	free_irq(edu->irq, edu);
	if (!managed) {
		pci_free_irq_vectors(pdev);
		pci_iounmap(pdev, edu->regs);
		pci_release_regions(pdev);
		pci_disable_device(pdev);
	}
	kfree(edu);
	dev_info(&pdev->dev, "removed\n");
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = KBUILD_MODNAME,
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};
module_pci_driver(edu_driver);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A driver for QEMU's edu teaching device");
