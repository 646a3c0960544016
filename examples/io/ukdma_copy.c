// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/io/ukdma_copy.c: a driver for ukmem's "ukdma" copy engine. It copies a
 * kmalloc buffer to another with the engine -- dma_map_single gives the bus addresses,
 * writeq programs them, the driver polls the status register -- and checks the copy.
 * Then it shows what the seed warns about: a vmalloc buffer is not physically
 * contiguous, so it cannot be handed to a device; the DMA-API checks report it. */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/processor.h>

#define DMA_MMIO_PHYS	0xfebf1000UL
#define DMA_MMIO_LEN	0x1000
#define DMA_SRC		0x00
#define DMA_DST		0x08
#define DMA_LEN		0x10
#define DMA_CONTROL	0x14
#define DMA_STATUS	0x18
#define DMA_START	0x1
#define DMA_DONE	0x2
#define DMA_ERROR	0x4
#define COPY_LEN	(3 * 4096 + 100)	/* crosses page boundaries */

static struct device_driver ukdma_drv = { .name = "ukdma_copy" };
static u64 ukdma_mask;
static struct device ukdma_dev = {
	.init_name = "ukdma0", .driver = &ukdma_drv, .dma_mask = &ukdma_mask,
};
static void __iomem *regs;

static int run_copy(dma_addr_t src, dma_addr_t dst, u32 len)
{
	u32 status;

	writeq(src, regs + DMA_SRC);
	writeq(dst, regs + DMA_DST);
	writel(len, regs + DMA_LEN);
	writel(DMA_START, regs + DMA_CONTROL);
	while (!((status = readl(regs + DMA_STATUS)) & (DMA_DONE | DMA_ERROR)))
		cpu_relax();
	writel(DMA_DONE | DMA_ERROR, regs + DMA_STATUS);
	return status & DMA_ERROR ? -EIO : 0;
}

static int copy_kmalloc_buffer(void)
{
	u8 *src = kmalloc(COPY_LEN, GFP_KERNEL), *dst = kzalloc(COPY_LEN, GFP_KERNEL);
	dma_addr_t src_bus, dst_bus;
	int err = -ENOMEM;

	if (!src || !dst)
		goto out;
	for (int i = 0; i < COPY_LEN; i++)
		src[i] = (u8)(i * 7 + 3);
	src_bus = dma_map_single(&ukdma_dev, src, COPY_LEN, DMA_TO_DEVICE);
	dst_bus = dma_map_single(&ukdma_dev, dst, COPY_LEN, DMA_FROM_DEVICE);
	err = -EIO;
	if (dma_mapping_error(&ukdma_dev, src_bus) || dma_mapping_error(&ukdma_dev, dst_bus))
		goto out;
	err = run_copy(src_bus, dst_bus, COPY_LEN);
	dma_unmap_single(&ukdma_dev, dst_bus, COPY_LEN, DMA_FROM_DEVICE);
	dma_unmap_single(&ukdma_dev, src_bus, COPY_LEN, DMA_TO_DEVICE);
	if (!err && memcmp(src, dst, COPY_LEN))
		err = -EIO;
	pr_info("ukdma_copy: %d bytes from kmalloc buffer %#llx to %#llx: %s\n", COPY_LEN,
		(unsigned long long)src_bus, (unsigned long long)dst_bus, err ? "FAILED" : "verified");
out:
	kfree(src);
	kfree(dst);
	return err;
}

static void try_vmalloc_buffer(void)
{
	void *buf = vmalloc(COPY_LEN);
	dma_addr_t bus = dma_map_single(&ukdma_dev, buf, COPY_LEN, DMA_TO_DEVICE);

	if (dma_mapping_error(&ukdma_dev, bus))
		pr_info("ukdma_copy: a vmalloc buffer cannot be mapped for DMA (refused)\n");
	else
		dma_unmap_single(&ukdma_dev, bus, COPY_LEN, DMA_TO_DEVICE);
	vfree(buf);
}

static int ukdma_copy_init(void)
{
	int err;

	if (dma_set_mask_and_coherent(&ukdma_dev, DMA_BIT_MASK(32)))
		return -EIO;
	if (!request_mem_region(DMA_MMIO_PHYS, DMA_MMIO_LEN, "ukdma_copy"))
		return -EBUSY;
	regs = ioremap(DMA_MMIO_PHYS, DMA_MMIO_LEN);
	if (!regs) {
		release_mem_region(DMA_MMIO_PHYS, DMA_MMIO_LEN);
		return -ENOMEM;
	}
	err = copy_kmalloc_buffer();
	if (!err)
		try_vmalloc_buffer();
	if (err) {
		iounmap(regs);
		release_mem_region(DMA_MMIO_PHYS, DMA_MMIO_LEN);
	}
	return err;
}

static void ukdma_copy_exit(void)
{
	iounmap(regs);
	release_mem_region(DMA_MMIO_PHYS, DMA_MMIO_LEN);
	device_release_driver(&ukdma_dev);
	pr_info("ukdma_copy: unloaded\n");
}

module_init(ukdma_copy_init);
module_exit(ukdma_copy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Copies memory with the ukdma engine, and shows why vmalloc buffers cannot be used");
