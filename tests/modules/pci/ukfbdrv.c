// SPDX-License-Identifier: GPL-2.0
/* ukfbdrv: a driver for ukmem's framebuffer written as for Linux, binding either way
 * the machine offers the device: as the platform device "ukfb" (its "regs" and "vram"
 * memory resources) or as its PCI function (1234:1111, video memory in BAR 0, registers
 * in BAR 2). Probe maps both, checks the identification register, sets a mode, enables
 * it and draws a test pattern (pixel (x, y) = y << 16 | x) into video memory; remove
 * turns the mode off. Everything is managed (devm_ and pcim_), so unbinding leaves
 * nothing behind. Parameters: width=N, height=N (default 320x200, XRGB8888). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/io.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>

#define UKFB_REG_ID		0x00
#define UKFB_REG_WIDTH		0x04
#define UKFB_REG_HEIGHT		0x08
#define UKFB_REG_STRIDE		0x0c
#define UKFB_REG_FORMAT		0x10
#define UKFB_REG_ENABLE		0x14
#define UKFB_REG_VRAM_SIZE	0x1c
#define UKFB_ID			0x554b4642
#define UKFB_VRAM_BAR		0
#define UKFB_REGS_BAR		2

static unsigned int width = 320;
module_param(width, uint, 0444);
static unsigned int height = 200;
module_param(height, uint, 0444);

/* Sets the mode and draws; regs and vram are mapped, vram_len bytes of video memory. */
static int ukfbdrv_start(struct device *dev, void __iomem *regs, void __iomem *vram,
			 resource_size_t vram_len)
{
	u32 id = readl(regs + UKFB_REG_ID);
	u32 stride = width * 4;

	if (id != UKFB_ID) {
		dev_err(dev, "not a ukfb: ID %#x\n", id);
		return -ENODEV;
	}
	if ((u64)stride * height > vram_len)
		return dev_err_probe(dev, -EINVAL, "%ux%u does not fit\n", width, height);
	writel(width, regs + UKFB_REG_WIDTH);
	writel(height, regs + UKFB_REG_HEIGHT);
	writel(stride, regs + UKFB_REG_STRIDE);
	writel(0, regs + UKFB_REG_FORMAT);
	writel(1, regs + UKFB_REG_ENABLE);
	if (readl(regs + UKFB_REG_ENABLE) != 1)
		return dev_err_probe(dev, -EINVAL, "mode refused\n");
	for (u32 y = 0; y < height; y++)
		for (u32 x = 0; x < width; x++)
			writel(y << 16 | x, vram + y * stride + x * 4);
	dev_info(dev, "mode %ux%u XRGB8888, %u KiB of video memory\n", width, height,
		 readl(regs + UKFB_REG_VRAM_SIZE) >> 10);
	return 0;
}

static void ukfbdrv_stop(struct device *dev, void __iomem *regs)
{
	writel(0, regs + UKFB_REG_ENABLE);
	dev_info(dev, "removed\n");
}

/* ---- the PCI function ---- */

static int ukfbdrv_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	void __iomem *const *table;
	int err;

	err = pcim_enable_device(pdev);
	if (err)
		return err;
	err = pcim_iomap_regions(pdev, BIT(UKFB_VRAM_BAR) | BIT(UKFB_REGS_BAR), KBUILD_MODNAME);
	if (err)
		return err;
	table = pcim_iomap_table(pdev);
	return ukfbdrv_start(&pdev->dev, table[UKFB_REGS_BAR], table[UKFB_VRAM_BAR],
			     pci_resource_len(pdev, UKFB_VRAM_BAR));
}

static void ukfbdrv_pci_remove(struct pci_dev *pdev)
{
	ukfbdrv_stop(&pdev->dev, pcim_iomap_table(pdev)[UKFB_REGS_BAR]);
}

static const struct pci_device_id ukfbdrv_pci_ids[] = {
	{ PCI_DEVICE(0x1234, 0x1111) },
	{ }
};
MODULE_DEVICE_TABLE(pci, ukfbdrv_pci_ids);

static struct pci_driver ukfbdrv_pci_driver = {
	.name = KBUILD_MODNAME,
	.id_table = ukfbdrv_pci_ids,
	.probe = ukfbdrv_pci_probe,
	.remove = ukfbdrv_pci_remove,
};

/* ---- the platform device ---- */

static int ukfbdrv_platform_probe(struct platform_device *pdev)
{
	struct resource *vram_res;
	void __iomem *regs, *vram;

	regs = devm_platform_ioremap_resource_byname(pdev, "regs");
	if (IS_ERR(regs))
		return PTR_ERR(regs);
	vram = devm_platform_get_and_ioremap_resource(pdev, 1, &vram_res);
	if (IS_ERR(vram))
		return PTR_ERR(vram);
	platform_set_drvdata(pdev, (void __force *)regs);
	return ukfbdrv_start(&pdev->dev, regs, vram, resource_size(vram_res));
}

static int ukfbdrv_platform_remove(struct platform_device *pdev)
{
	ukfbdrv_stop(&pdev->dev, (void __iomem __force *)platform_get_drvdata(pdev));
	return 0;
}

static const struct platform_device_id ukfbdrv_platform_ids[] = {
	{ "ukfb" },
	{ }
};
MODULE_DEVICE_TABLE(platform, ukfbdrv_platform_ids);

static struct platform_driver ukfbdrv_platform_driver = {
	.driver = { .name = KBUILD_MODNAME },
	.id_table = ukfbdrv_platform_ids,
	.probe = ukfbdrv_platform_probe,
	.remove = ukfbdrv_platform_remove,
};

static int __init ukfbdrv_init(void)
{
	int err = platform_driver_register(&ukfbdrv_platform_driver);

	if (err)
		return err;
	err = pci_register_driver(&ukfbdrv_pci_driver);
	if (err)
		platform_driver_unregister(&ukfbdrv_platform_driver);
	return err;
}
module_init(ukfbdrv_init);

static void __exit ukfbdrv_exit(void)
{
	pci_unregister_driver(&ukfbdrv_pci_driver);
	platform_driver_unregister(&ukfbdrv_platform_driver);
}
module_exit(ukfbdrv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A driver for ukmem's framebuffer, on the platform bus or PCI");
