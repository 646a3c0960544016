// SPDX-License-Identifier: LGPL-2.1-or-later
/* ioremap and iounmap: offsets, cache attributes, /proc/vmallocinfo, refusal on RAM and
 * misuse of iounmap, each checked for its report and for leaving everything intact. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/pgtable.h>
#include <linux/vmalloc.h>
#include "drivers/mmio_models.h"
#include "kmsg.h"

static bool vmallocinfo_has(const char *needle)
{
	char *text = proc_text("/proc/vmallocinfo");
	bool found = strstr(text, needle) != NULL;

	free(text);
	return found;
}

/* ioremap areas in /proc/vmallocinfo other than PCI's MMCONFIG (mapped at boot). */
static bool driver_ioremaps(void)
{
	char *text = proc_text("/proc/vmallocinfo"), *line, *save = NULL;
	bool found = false;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		found |= strstr(line, " ioremap") && !strstr(line, "phys=0x00000000e0000000");
	free(text);
	return found;
}

static pteval_t cache_bits(void __iomem *addr)
{
	unsigned int level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	cr_assert(pte && level == PG_LEVEL_4K);
	return pte_val(*pte) & _PAGE_CACHE_MASK;
}

Test(ioremap, keeps_the_offset_within_the_first_page)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *width = ioremap(UKFB_MMIO_BASE + UKFB_REG_WIDTH, 4);
	void __iomem *regs = ioremap(UKFB_MMIO_BASE, 0x1000);
	cr_assert(width && regs);
	cr_assert_eq((unsigned long)width & ~PAGE_MASK, UKFB_REG_WIDTH);
	cr_assert(is_vmalloc_addr(width));
	writel(640, width);
	cr_assert_eq(readl(regs + UKFB_REG_WIDTH), 640);
	cr_assert_eq(readl(regs + UKFB_REG_ID), UKFB_ID);
	cr_assert(vmallocinfo_has("phys=0x00000000febf0000 ioremap"));
	iounmap(width);		/* any address inside the first page will do */
	iounmap(regs);
	cr_assert_not(driver_ioremaps());
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(ioremap, spans_every_page_of_an_unaligned_range)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *p = ioremap(UKFB_VRAM_BASE + 0xffe, 4);	/* crosses a page */
	cr_assert(p);
	struct vm_struct *area = find_vm_area((void *)((unsigned long)p & PAGE_MASK));
	cr_assert(area && (area->flags & VM_IOREMAP));
	cr_assert_eq(get_vm_area_size(area), 2 * PAGE_SIZE);
	cr_assert_eq(area->phys_addr, UKFB_VRAM_BASE);
	writel(0xa1b2c3d4, p);
	cr_assert_eq(readl(p), 0xa1b2c3d4);
	iounmap(p);
	ukmem_shutdown();
}

Test(ioremap, variants_set_the_cache_attribute)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *uc_minus = ioremap(UKFB_VRAM_BASE, PAGE_SIZE);
	void __iomem *uc = ioremap_uc(UKFB_VRAM_BASE, PAGE_SIZE);
	void __iomem *wc = ioremap_wc(UKFB_VRAM_BASE, PAGE_SIZE);
	void __iomem *wb = ioremap_cache(UKFB_VRAM_BASE, PAGE_SIZE);
	void __iomem *np = ioremap_np(UKFB_VRAM_BASE, PAGE_SIZE);
	cr_assert_eq(cache_bits(uc_minus), _PAGE_CACHE_UC_MINUS);
	cr_assert_eq(cache_bits(uc), _PAGE_CACHE_UC);
	cr_assert_eq(cache_bits(wc), _PAGE_CACHE_WC);
	cr_assert_eq(cache_bits(wb), _PAGE_CACHE_WB);
	cr_assert_eq(cache_bits(np), _PAGE_CACHE_UC);
	/* five mappings of one frame of video memory: true aliases */
	writel(0x01020304, wc);
	cr_assert_eq(readl(uc_minus), 0x01020304);
	cr_assert_eq(*(volatile u32 *)wb, 0x01020304);
	cr_assert_eq(readl(np), 0x01020304);
	iounmap(uc_minus);
	iounmap(uc);
	iounmap(wc);
	iounmap(wb);
	iounmap(np);
	ukmem_shutdown();
}

Test(ioremap, refuses_ram_with_the_kernel_warning)
{
	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	cr_assert_null(ioremap(0x100000, 0x2000));
	cr_assert(kmsg_contains("ioremap on RAM at 0x0000000000100000 - 0x0000000000101fff"));
	cr_assert(kmsg_contains("WARNING: CPU:"));
	/* a range that only ends in RAM is refused too */
	cr_assert_null(ioremap(0xff000, 0x2000));
	cr_assert_not(driver_ioremaps());
	/* the reserved pages below RAM are not RAM: ioremap takes them */
	void __iomem *reserved = ioremap(0xa0000, 0x1000);
	cr_assert(reserved);
	iounmap(reserved);
	cr_assert_null(ioremap(1ULL << 46, 0x1000));
	cr_assert(kmsg_contains("ioremap: invalid physical address 400000000000"));
	cr_assert_null(ioremap(0xfebf0000, 0));
	ukmem_shutdown();
}

Test(ioremap, iounmap_of_anything_else_reports_and_changes_nothing)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *buffer = vmalloc(2 * PAGE_SIZE);
	void __iomem *regs = ioremap(UKFB_MMIO_BASE, 0x1000);
	cr_assert(buffer && regs);
	memset(buffer, 0x5a, 2 * PAGE_SIZE);
	iounmap(buffer);
	cr_assert_eq(kmsg_count("iounmap: bad address"), 1);
	iounmap(regs + PAGE_SIZE);	/* past the area: not an ioremap address */
	cr_assert_eq(kmsg_count("iounmap: bad address"), 2);
	cr_assert_eq(ukmem_report_count(), 2);
	/* both areas are intact and still work */
	cr_assert_eq(buffer[2 * PAGE_SIZE - 1], 0x5a);
	cr_assert_eq(readl(regs + UKFB_REG_ID), UKFB_ID);
	cr_assert(vmallocinfo_has("vmalloc"));
	cr_assert(vmallocinfo_has("ioremap"));
	iounmap(NULL);		/* silently nothing, as in the kernel */
	cr_assert_eq(ukmem_report_count(), 2);
	vfree(buffer);
	iounmap(regs);
	ukmem_shutdown();
}

Test(ioremap, addresses_nobody_decodes_read_as_all_ones)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *hole = ioremap(0xf0000000, PAGE_SIZE);
	cr_assert(hole);
	writel(0x12345678, hole);
	cr_assert_eq(readb(hole), 0xff);
	cr_assert_eq(readw(hole), 0xffff);
	cr_assert_eq(readl(hole), 0xffffffff);
	cr_assert_eq(readq(hole), ~0ULL);
	iounmap(hole);
	ukmem_shutdown();
}
