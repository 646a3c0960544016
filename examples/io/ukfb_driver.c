// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/io/ukfb_driver.c: a framebuffer driver for ukmem's "ukfb" display, written
 * as a kernel driver would be: claim the register window and the video memory with
 * request_mem_region, map the registers with ioremap and the video memory with
 * ioremap_wc, program a 320x200 XRGB8888 mode with writel, then draw -- the background
 * with memset_io, a diagonal through a plain pointer into the write-combined mapping
 * (which the seed says works for memory windows), and check the picture back with
 * readl. Parameters: width=, height=. */
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <asm/io.h>

/* From the device's data sheet (docs/iomem.md). */
#define FB_MMIO_PHYS	0xfebf0000UL
#define FB_MMIO_LEN	0x1000
#define FB_VRAM_PHYS	0xfd000000UL
#define FB_VRAM_LEN	(16UL << 20)
#define FB_ID		0x00
#define FB_WIDTH	0x04
#define FB_HEIGHT	0x08
#define FB_STRIDE	0x0c
#define FB_FORMAT	0x10
#define FB_ENABLE	0x14
#define FB_STATUS	0x20
#define FB_ID_VALUE	0x554b4642u	/* "UKFB" */
#define FB_XRGB8888	0

static unsigned int width = 320, height = 200;
module_param(width, uint, 0444);
module_param(height, uint, 0444);

static void __iomem *regs;
static void __iomem *vram;

static int ukfb_driver_init(void)
{
	unsigned int stride = width * 4;
	u32 *pixels;

	if (!request_mem_region(FB_MMIO_PHYS, FB_MMIO_LEN, "ukfb_driver"))
		return -EBUSY;
	if (!request_mem_region(FB_VRAM_PHYS, FB_VRAM_LEN, "ukfb_driver vram")) {
		release_mem_region(FB_MMIO_PHYS, FB_MMIO_LEN);
		return -EBUSY;
	}
	regs = ioremap(FB_MMIO_PHYS, FB_MMIO_LEN);
	vram = ioremap_wc(FB_VRAM_PHYS, FB_VRAM_LEN);
	if (!regs || !vram || readl(regs + FB_ID) != FB_ID_VALUE) {
		pr_err("ukfb_driver: no ukfb display found\n");
		goto fail;
	}
	writel(width, regs + FB_WIDTH);
	writel(height, regs + FB_HEIGHT);
	writel(stride, regs + FB_STRIDE);
	writel(FB_XRGB8888, regs + FB_FORMAT);
	writel(1, regs + FB_ENABLE);
	if (readl(regs + FB_STATUS) & 1) {
		pr_err("ukfb_driver: mode %ux%u refused\n", width, height);
		goto fail;
	}
	memset_io(vram, 0x20, (size_t)stride * height);		/* dark grey */
	pixels = (u32 __force *)vram;				/* memory window: plain access */
	for (unsigned int y = 0; y < height; y++)
		pixels[y * width + y * width / height] = 0x00ffd700;	/* a gold diagonal */
	wmb();
	pr_info("ukfb_driver: %ux%u XRGB8888 at %#lx, first pixel %#x, corner %#x\n", width,
		height, FB_VRAM_PHYS, readl(vram), readl(vram + (height - 1) * stride +
							     (width - 1) * 4));
	return 0;
fail:
	if (vram)
		iounmap(vram);
	if (regs)
		iounmap(regs);
	release_mem_region(FB_VRAM_PHYS, FB_VRAM_LEN);
	release_mem_region(FB_MMIO_PHYS, FB_MMIO_LEN);
	return -ENODEV;
}

static void ukfb_driver_exit(void)
{
	writel(0, regs + FB_ENABLE);
	iounmap(vram);
	iounmap(regs);
	release_mem_region(FB_VRAM_PHYS, FB_VRAM_LEN);
	release_mem_region(FB_MMIO_PHYS, FB_MMIO_LEN);
	pr_info("ukfb_driver: unloaded\n");
}

module_init(ukfb_driver_init);
module_exit(ukfb_driver_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Framebuffer driver for the ukfb display");
