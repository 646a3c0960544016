// SPDX-License-Identifier: LGPL-2.1-or-later
/* The ukdma engine and the DMA API: copies land where physical addresses say, 24-bit
 * mode and masks pick ZONE_DMA, and each dma-debug check reports in the kernel's words. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "drivers/mmio_models.h"
#include "kmsg.h"

static struct device_driver drv = { .name = "ukdma" };
static u64 mask;
static struct device dev = { .init_name = "ukdma0", .driver = &drv, .dma_mask = &mask };

static void __iomem *engine(void)
{
	void __iomem *regs = ioremap(UKDMA_MMIO_BASE, 0x1000);
	cr_assert(regs);
	return regs;
}

static u32 run(void __iomem *regs, u64 src, u64 dst, u32 len, u32 control)
{
	writeq(src, regs + UKDMA_REG_SRC);
	writeq(dst, regs + UKDMA_REG_DST);
	writel(len, regs + UKDMA_REG_LEN);
	writel(control | UKDMA_CTRL_START, regs + UKDMA_REG_CONTROL);
	u32 status;
	while ((status = readl(regs + UKDMA_REG_STATUS)) & UKDMA_STATUS_BUSY)
		;
	writel(status, regs + UKDMA_REG_STATUS);	/* acknowledge */
	return status;
}

Test(dma, engine_copies_between_kmalloc_buffers)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *regs = engine();
	char *src = kmalloc(8192, GFP_KERNEL), *dst = kzalloc(8192, GFP_KERNEL);
	for (int i = 0; i < 8192; i++)
		src[i] = (char)(i * 7);
	cr_assert_eq(run(regs, virt_to_phys(src), virt_to_phys(dst), 8192, 0), UKDMA_STATUS_DONE);
	cr_assert_arr_eq(dst, src, 8192);
	cr_assert_eq(readl(regs + UKDMA_REG_STATUS), 0, "acknowledged");
	/* halves of the address registers work too */
	writel(0xdeadbeef, regs + UKDMA_REG_SRC + 4);
	cr_assert_eq(readq(regs + UKDMA_REG_SRC), 0xdeadbeef00000000ULL | (u32)virt_to_phys(src));
	kfree(src);
	kfree(dst);
	iounmap(regs);
	ukmem_shutdown();
}

Test(dma, engine_follows_physical_pages_not_virtual_ones)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *regs = engine();
	struct page *pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);	/* 4 pages */
	char *phys_run = page_address(pages);
	char *vbuf = vmalloc(2 * PAGE_SIZE);
	char *src = kmalloc(2 * PAGE_SIZE, GFP_KERNEL);
	memset(src, 0x3c, 2 * PAGE_SIZE);
	memset(vbuf, 0, 2 * PAGE_SIZE);
	/* A driver that hands the engine the physical address of vmalloc'd memory's first
	 * page: the second half lands in whatever page follows it physically. */
	phys_addr_t first = page_to_phys(vmalloc_to_page(vbuf));
	struct page *after = phys_to_page(first + PAGE_SIZE);
	char saved[64];
	memcpy(saved, page_address(after), sizeof(saved));
	u32 status = run(regs, virt_to_phys(src), first, 2 * PAGE_SIZE, 0);
	if (status == UKDMA_STATUS_DONE) {
		cr_assert_eq(vbuf[0], 0x3c);
		cr_assert_eq(((char *)page_address(after))[0], 0x3c,
			     "the physically next page was overwritten");
		if (vmalloc_to_page(vbuf + PAGE_SIZE) != after)
			cr_assert_eq(vbuf[PAGE_SIZE], 0, "the virtually next page was not");
		memcpy(page_address(after), saved, sizeof(saved));
	}
	/* A physically contiguous buffer is filled whole */
	cr_assert_eq(run(regs, virt_to_phys(src), virt_to_phys(phys_run + 100), 2 * PAGE_SIZE, 0),
		     UKDMA_STATUS_DONE);
	cr_assert_eq(phys_run[100 + 2 * PAGE_SIZE - 1], 0x3c);
	cr_assert_eq(phys_run[100 + 2 * PAGE_SIZE], 0);
	vfree(vbuf);
	kfree(src);
	__free_pages(pages, 2);
	iounmap(regs);
	ukmem_shutdown();
}

Test(dma, engine_reaches_video_memory_and_refuses_holes)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *regs = engine();
	u32 __iomem *vram = ioremap_wc(UKFB_VRAM_BASE, 2 * PAGE_SIZE);
	u32 *src = kmalloc(PAGE_SIZE, GFP_KERNEL);
	for (int i = 0; i < 1024; i++)
		src[i] = 0xff000000u | (u32)i;
	cr_assert_eq(run(regs, virt_to_phys(src), UKFB_VRAM_BASE + 4, PAGE_SIZE, 0),
		     UKDMA_STATUS_DONE);
	cr_assert_eq(vram[1], 0xff000000u);
	cr_assert_eq(vram[1024], 0xff0003ffu);
	/* nothing decodes 0xf0000000; the register window is no memory either */
	cr_assert_eq(run(regs, 0xf0000000, virt_to_phys(src), 16, 0), UKDMA_STATUS_ERROR);
	cr_assert_eq(run(regs, virt_to_phys(src), UKDMA_MMIO_BASE, 16, 0), UKDMA_STATUS_ERROR);
	cr_assert_eq(src[0], 0xff000000u, "a failed transfer copies nothing");
	kfree(src);
	iounmap(vram);
	iounmap(regs);
	ukmem_shutdown();
}

Test(dma, isa_mode_reaches_only_16_mib)
{
	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	void __iomem *regs = engine();
	char *low = kmalloc(512, GFP_DMA), *high = kmalloc(512, GFP_KERNEL);
	cr_assert_lt(virt_to_phys(low) + 512, 16 << 20);
	cr_assert_gt(virt_to_phys(high), 16 << 20);
	char *low2 = kzalloc(512, GFP_DMA);
	memset(low, 0x11, 512);
	cr_assert_eq(run(regs, virt_to_phys(low), virt_to_phys(low2), 512, UKDMA_CTRL_ADDR24),
		     UKDMA_STATUS_DONE);
	cr_assert_eq(low2[511], 0x11);
	memset(high, 0x22, 512);
	cr_assert_eq(run(regs, virt_to_phys(high), virt_to_phys(low2), 512, UKDMA_CTRL_ADDR24),
		     UKDMA_STATUS_ERROR);
	cr_assert_eq(low2[0], 0x11, "untouched");
	kfree(low);
	kfree(low2);
	kfree(high);
	iounmap(regs);
	ukmem_shutdown();
}

Test(dma, masks_pick_the_zone)
{
	cr_assert_eq(ukmem_boot("mem=5G"), 0);
	dma_addr_t handle;
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(16)), -EIO);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(24)), 0);
	void *isa = dma_alloc_coherent(&dev, 3 * PAGE_SIZE, &handle, GFP_KERNEL);
	cr_assert(isa);
	cr_assert_eq(handle, virt_to_phys(isa));
	cr_assert_lt(handle + 3 * PAGE_SIZE, 16 << 20);
	cr_assert_eq(page_zonenum(virt_to_page(isa)), ZONE_DMA);
	cr_assert_eq(((char *)isa)[3 * PAGE_SIZE - 1], 0, "zeroed");
	dma_free_coherent(&dev, 3 * PAGE_SIZE, isa, handle);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(32)), 0);
	void *low = dma_alloc_coherent(&dev, PAGE_SIZE, &handle, GFP_KERNEL);
	cr_assert_lt(handle, 1ULL << 32);
	cr_assert_eq(page_zonenum(virt_to_page(low)), ZONE_DMA32);
	dma_free_coherent(&dev, PAGE_SIZE, low, handle);
	/* a 24-bit device cannot map a buffer above 16 MiB */
	cr_assert_eq(dma_set_mask(&dev, DMA_BIT_MASK(24)), 0);
	char *high = kmalloc(64, GFP_KERNEL);
	dma_addr_t bad = dma_map_single(&dev, high, 64, DMA_TO_DEVICE);
	cr_assert(dma_mapping_error(&dev, bad));
	cr_assert(kmsg_contains("ukdma ukdma0: DMA addr 0x"));
	cr_assert(kmsg_contains("+64 overflow (mask ffffff, bus limit 0)."));
	kfree(high);
	unsigned long reports = ukmem_report_count();
	ukmem_shutdown();
	cr_assert_eq(ukmem_report_count(), reports, "nothing leaked");
}

Test(dma, vmalloc_and_stack_buffers_are_reported_and_refused)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(32)), 0);
	char *v = vmalloc(4096);
	dma_addr_t a = dma_map_single(&dev, v, 4096, DMA_TO_DEVICE);
	cr_assert_eq(a, DMA_MAPPING_ERROR);
	cr_assert(kmsg_contains("DMA-API: ukdma ukdma0: device driver maps memory from vmalloc "
				"area [addr="));
	cr_assert(kmsg_contains("] [len=4096]"));
	cr_assert(kmsg_contains("ukdma ukdma0: rejecting DMA map of vmalloc memory"));
	char on_stack[64];
	a = dma_map_single(&dev, on_stack, sizeof(on_stack), DMA_FROM_DEVICE);
	cr_assert(dma_mapping_error(&dev, a));
	cr_assert(kmsg_contains("DMA-API: ukdma ukdma0: device driver maps memory from stack "
				"[addr="));
	vfree(v);
	ukmem_shutdown();
}

Test(dma, unmap_checks_size_and_direction)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(64)), 0);
	char *buf = kmalloc(256, GFP_KERNEL);
	dma_addr_t a = dma_map_single(&dev, buf, 256, DMA_TO_DEVICE);
	cr_assert_eq(a, virt_to_phys(buf));
	cr_assert_not(dma_mapping_error(&dev, a));
	cr_assert_eq(ukmem_report_count(), 0);
	dma_unmap_single(&dev, a, 128, DMA_FROM_DEVICE);
	char exp[200];
	snprintf(exp, sizeof(exp), "DMA-API: ukdma ukdma0: device driver frees DMA memory with "
		 "different size [device address=0x%016llx] [map size=256 bytes] "
		 "[unmap size=128 bytes]", (unsigned long long)a);
	cr_assert(kmsg_contains(exp));
	cr_assert(kmsg_contains("device driver frees DMA memory with different direction "
				"[device address="));
	cr_assert(kmsg_contains("[size=128 bytes] [mapped with DMA_TO_DEVICE] "
				"[unmapped with DMA_FROM_DEVICE]"));
	cr_assert_eq(ukmem_report_count(), 2);
	/* the entry is gone: a second unmap names memory never mapped */
	dma_unmap_single(&dev, a, 256, DMA_TO_DEVICE);
	cr_assert(kmsg_contains("device driver tries to free DMA memory it has not allocated"));
	/* mapping that was never checked with dma_mapping_error */
	a = dma_map_page(&dev, virt_to_page(buf), offset_in_page(buf), 256, DMA_BIDIRECTIONAL);
	dma_unmap_page(&dev, a, 256, DMA_BIDIRECTIONAL);
	cr_assert(kmsg_contains("device driver failed to check map error[device address="));
	kfree(buf);
	ukmem_shutdown();
}

Test(dma, sync_of_unmapped_handles_and_wrong_directions)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(64)), 0);
	char *buf = kmalloc(512, GFP_KERNEL);
	dma_addr_t a = dma_map_single(&dev, buf, 512, DMA_FROM_DEVICE);
	cr_assert_not(dma_mapping_error(&dev, a));
	dma_sync_single_for_cpu(&dev, a, 512, DMA_FROM_DEVICE);
	dma_sync_single_for_device(&dev, a + 256, 256, DMA_FROM_DEVICE);
	cr_assert_eq(ukmem_report_count(), 0, "correct syncs are silent");
	dma_sync_single_for_cpu(&dev, a, 1024, DMA_FROM_DEVICE);
	cr_assert(kmsg_contains("device driver syncs DMA memory outside allocated range"));
	dma_sync_single_for_cpu(&dev, a, 512, DMA_TO_DEVICE);
	cr_assert(kmsg_contains("device driver syncs DMA memory with different direction"));
	dma_unmap_single(&dev, a, 512, DMA_FROM_DEVICE);
	unsigned long before = ukmem_report_count();
	dma_sync_single_for_cpu(&dev, a, 512, DMA_FROM_DEVICE);
	cr_assert(kmsg_contains("device driver tries to sync DMA memory it has not allocated "
				"[device address="));
	cr_assert_eq(ukmem_report_count(), before + 1);
	kfree(buf);
	ukmem_shutdown();
}

Test(dma, leaked_mappings_are_reported_at_release)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(32)), 0);
	dma_addr_t h;
	void *c = dma_alloc_coherent(&dev, PAGE_SIZE, &h, GFP_KERNEL);
	char *buf = kmalloc(64, GFP_KERNEL);
	dma_addr_t a = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	cr_assert(c && !dma_mapping_error(&dev, a));
	device_release_driver(&dev);
	cr_assert(kmsg_contains("DMA-API: ukdma ukdma0: device driver has pending DMA allocations "
				"while released from device [count=2]"));
	cr_assert(kmsg_contains("One of leaked entries details: [device address="));
	cr_assert_eq(kmsg_count("pending DMA allocations"), 1);
	dev.driver = &drv;
	dma_free_coherent(&dev, PAGE_SIZE, c, h);	/* entry gone: reported, not freed */
	cr_assert(kmsg_contains("device driver tries to free DMA memory it has not allocated"));
	kfree(buf);
	ukmem_shutdown();
}

Test(dma, leaks_left_at_shutdown_are_reported)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(32)), 0);
	dma_addr_t h;
	cr_assert(dma_alloc_coherent(&dev, 100, &h, GFP_KERNEL));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
	cr_assert_eq(ukmem_report_count(), 1, "the leak was reported at shutdown");
}

Test(dma, pools_hand_out_aligned_blocks_within_the_boundary)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(32)), 0);
	struct dma_pool *pool = dma_pool_create("descs", &dev, 48, 64, 1024);
	cr_assert(pool);
	dma_addr_t h[100];
	char *b[100];
	for (int i = 0; i < 100; i++) {
		b[i] = dma_pool_zalloc(pool, GFP_KERNEL, &h[i]);
		cr_assert(b[i]);
		cr_assert_eq(h[i], virt_to_phys(b[i]));
		cr_assert_eq(h[i] % 64, 0);
		cr_assert_eq(h[i] / 1024, (h[i] + 63) / 1024, "never crosses the boundary");
		cr_assert_eq(b[i][47], 0);
		memset(b[i], i, 48);
	}
	for (int i = 0; i < 100; i++)
		for (int j = 0; j < 100; j++)
			cr_assert(i == j || h[i] != h[j]);
	dma_pool_free(pool, b[5], h[5]);
	dma_pool_free(pool, b[5], h[5]);
	cr_assert(kmsg_contains("ukdma ukdma0: dma_pool_free descs, dma 0x"));
	cr_assert(kmsg_contains(" already free"));
	dma_pool_free(pool, b[6] + 1, h[6]);
	cr_assert(kmsg_contains("(bad vaddr)/0x"));
	dma_pool_free(pool, b[6], 0x1000);
	cr_assert(kmsg_contains("(bad dma)"));
	cr_assert_eq(b[7][0], 7, "untouched by the bad frees");
	for (int i = 0; i < 100; i++)
		if (i != 5)
			dma_pool_free(pool, b[i], h[i]);
	dma_pool_destroy(pool);
	cr_assert_eq(kmsg_count("busy"), 0);
	unsigned long reports = ukmem_report_count();
	ukmem_shutdown();
	cr_assert_eq(ukmem_report_count(), reports, "nothing leaked");
}

Test(dma, destroying_a_busy_pool_reports_it)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(dma_set_mask_and_coherent(&dev, DMA_BIT_MASK(32)), 0);
	struct dma_pool *pool = dma_pool_create("ring", &dev, 256, 8, 0);
	dma_addr_t h;
	void *b = dma_pool_alloc(pool, GFP_KERNEL, &h);
	cr_assert(b);
	dma_pool_destroy(pool);
	/* %p is hashed, as in the kernel: the top 32 bits print as zeros. */
	cr_assert(kmsg_contains("ukdma ukdma0: dma_pool_destroy ring, 00000000"));
	cr_assert(kmsg_contains(" busy"));
	cr_assert_null(dma_pool_create("bad", &dev, 64, 3, 0));
	cr_assert_null(dma_pool_create("bad", &dev, 128, 8, 64));
	ukmem_shutdown();
}
