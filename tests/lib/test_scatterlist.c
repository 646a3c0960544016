// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/scatterlist.h and the scatterlist DMA calls: tables chained across arrays,
 * tables from pages merging contiguous runs, copies in and out with offsets, and
 * dma_map_sg/unmap/sync with dma-debug's reports for a wrong unmap. */
#include <criterion/criterion.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/dma-mapping.h>
#include <linux/device.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "kmsg.h"

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
}

TestSuite(scatterlist, .init = boot, .fini = ukmem_shutdown);

Test(scatterlist, init_one_and_entry_helpers)
{
	char *buf = kmalloc(100, GFP_KERNEL);
	struct scatterlist sg[3];

	sg_init_one(sg, buf, 100);
	cr_assert(sg_is_last(sg));
	cr_assert_eq(sg_virt(sg), buf);
	cr_assert_eq(sg_phys(sg), virt_to_phys(buf));
	cr_assert_eq(sg_page(sg), virt_to_page(buf));
	cr_assert_eq(sg->length, 100);
	cr_assert_null(sg_next(sg));
	cr_assert_eq(sg_nents(sg), 1);
	sg_init_table(sg, 3);
	cr_assert(sg_is_last(&sg[2]));
	cr_assert_not(sg_is_last(&sg[1]));
	sg_set_buf(&sg[0], buf, 10);
	sg_set_buf(&sg[1], buf + 10, 20);
	sg_set_buf(&sg[2], buf + 30, 30);
	cr_assert(sg_is_last(&sg[2]), "setting a page keeps the end mark");
	cr_assert_eq(sg_nents(sg), 3);
	cr_assert_eq(sg_nents_for_len(sg, 30), 2);
	cr_assert_eq(sg_nents_for_len(sg, 61), -EINVAL);
	cr_assert_eq(sg_last(sg, 3), &sg[2]);
	sg_mark_end(&sg[1]);
	cr_assert_eq(sg_nents(sg), 2);
	kfree(buf);
}

Test(scatterlist, alloc_table_chains_arrays)
{
	struct sg_table t;
	struct scatterlist *sg;
	unsigned int n = 3 * SG_MAX_SINGLE_ALLOC + 5, count = 0;
	int i;

	cr_assert_eq(sg_alloc_table(&t, 0, GFP_KERNEL), -EINVAL);
	cr_assert_eq(sg_alloc_table(&t, n, GFP_KERNEL), 0);
	cr_assert_eq(t.orig_nents, n);
	cr_assert_eq(t.nents, n);
	for_each_sgtable_sg(&t, sg, i) {
		cr_assert_not(sg_is_chain(sg));
		sg->length = i;
		count++;
	}
	cr_assert_eq(count, n);
	cr_assert(sg_is_chain(&t.sgl[SG_MAX_SINGLE_ALLOC - 1]));
	cr_assert_eq(sg_nents(t.sgl), (int)n);
	sg_free_table(&t);
	cr_assert_null(t.sgl);
}

Test(scatterlist, table_from_pages_merges_contiguous_runs)
{
	/* other is the odd page of a pair: never block's neighbour, wherever the pair lands. */
	struct page *block = alloc_pages(GFP_KERNEL, 2), *pair = alloc_pages(GFP_KERNEL, 1);
	struct page *other = pair + 1;
	struct page *pages[6] = { block, block + 1, block + 2, other, block + 3, other };
	struct sg_table t;
	struct scatterlist *sg;
	int i, lens[4] = { 3 * 4096 - 100, 4096, 4096, 1000 };

	cr_assert(block && pair);
	cr_assert_eq(sg_alloc_table_from_pages(&t, pages, 6, 100, 5 * 4096 - 100 + 1000,
					       GFP_KERNEL), 0);
	cr_assert_eq(t.orig_nents, 4);
	for_each_sgtable_sg(&t, sg, i)
		cr_assert_eq(sg->length, (unsigned int)lens[i], "entry %d", i);
	cr_assert_eq(t.sgl[0].offset, 100);
	cr_assert_eq(sg_page(&t.sgl[1]), other);
	sg_free_table(&t);
	cr_assert_eq(sg_alloc_table_from_pages_segment(&t, pages, 3, 0, 3 * 4096, 8192,
						       GFP_KERNEL), 0);
	cr_assert_eq(t.orig_nents, 2, "segments of at most 8 KiB");
	sg_free_table(&t);
	cr_assert_eq(sg_alloc_table_from_pages_segment(&t, pages, 3, 0, 3 * 4096, 100,
						       GFP_KERNEL), -EINVAL);
	__free_pages(block, 2);
	__free_pages(pair, 1);
}

Test(scatterlist, copy_to_and_from_buffers)
{
	char *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL), out[200];
	struct scatterlist sg[2];
	char in[128];

	for (int i = 0; i < 128; i++)
		in[i] = (char)i;
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], a, 64);
	sg_set_buf(&sg[1], b, 64);
	cr_assert_eq(sg_copy_from_buffer(sg, 2, in, 128), 128);
	cr_assert_eq(memcmp(a, in, 64), 0);
	cr_assert_eq(memcmp(b, in + 64, 64), 0);
	cr_assert_eq(sg_copy_to_buffer(sg, 2, out, sizeof(out)), 128, "the list is shorter");
	cr_assert_eq(memcmp(out, in, 128), 0);
	cr_assert_eq(sg_pcopy_to_buffer(sg, 2, out, 10, 60), 10);
	cr_assert_eq(memcmp(out, in + 60, 10), 0);
	cr_assert_eq(sg_pcopy_from_buffer(sg, 2, "xyz", 3, 63), 3);
	cr_assert(a[63] == 'x' && b[0] == 'y' && b[1] == 'z');
	cr_assert_eq(sg_zero_buffer(sg, 2, 5, 62), 5);
	cr_assert(a[62] == 0 && a[63] == 0 && b[2] == 0 && b[3] == 67);
	kfree(a);
	kfree(b);
}

static struct device_driver drv = { .name = "sgtest" };
static u64 mask = DMA_BIT_MASK(64);
static struct device dev = { .init_name = "sgtest0", .driver = &drv, .dma_mask = &mask };

Test(scatterlist, dma_map_unmap_sync)
{
	char *a = kmalloc(512, GFP_KERNEL), *b = kmalloc(512, GFP_KERNEL);
	struct scatterlist sg[2], *s;
	struct sg_table t;
	int i;

	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], a, 512);
	sg_set_buf(&sg[1], b, 100);
	cr_assert_eq(dma_map_sg(&dev, sg, 2, DMA_TO_DEVICE), 2);
	for_each_sg(sg, s, 2, i) {
		cr_assert_eq(sg_dma_address(s), sg_phys(s));
		cr_assert_eq(sg_dma_len(s), s->length);
	}
	dma_sync_sg_for_device(&dev, sg, 2, DMA_TO_DEVICE);
	dma_unmap_sg(&dev, sg, 2, DMA_TO_DEVICE);
	cr_assert_not(kmsg_contains("DMA-API: sgtest"), "a clean map, sync and unmap");

	cr_assert_eq(dma_map_sg(&dev, sg, 2, DMA_FROM_DEVICE), 2);
	dma_sync_sg_for_cpu(&dev, sg, 2, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, sg_dma_address(&sg[0]), 512, DMA_FROM_DEVICE);
	cr_assert(kmsg_contains("frees DMA memory with wrong function"));
	cr_assert(kmsg_contains("[mapped as scather-gather] [unmapped as single]"));
	dma_unmap_sg(&dev, &sg[1], 1, DMA_TO_DEVICE);
	cr_assert(kmsg_contains("frees DMA memory with different direction"));

	cr_assert_eq(sg_alloc_table(&t, 1, GFP_KERNEL), 0);
	sg_set_buf(t.sgl, a, 64);
	cr_assert_eq(dma_map_sgtable(&dev, &t, DMA_BIDIRECTIONAL, 0), 0);
	cr_assert_eq(t.nents, 1);
	dma_sync_sgtable_for_cpu(&dev, &t, DMA_BIDIRECTIONAL);
	dma_unmap_sgtable(&dev, &t, DMA_BIDIRECTIONAL, 0);
	sg_free_table(&t);

	mask = DMA_BIT_MASK(20);
	cr_assert_eq(dma_map_sg(&dev, sg, 2, DMA_TO_DEVICE), 0, "beyond the device's mask");
	mask = DMA_BIT_MASK(64);
	kfree(a);
	kfree(b);
}

Test(scatterlist, page_iterators_and_mapping_iterator)
{
	struct page *block = alloc_pages(GFP_KERNEL, 2);
	char *base = page_address(block);
	struct scatterlist sg[2];
	struct sg_page_iter piter;
	struct sg_mapping_iter miter;
	struct page *seen[8];
	size_t total = 0, pieces = 0;
	int n = 0;

	sg_init_table(sg, 2);
	sg_set_page(&sg[0], block, 2 * 4096 - 100, 100);	/* pages 0 and 1 */
	sg_set_page(&sg[1], block + 2, 5000, 1000);		/* pages 2 and 3 */
	for_each_sg_page(sg, &piter, 2, 0)
		seen[n++] = sg_page_iter_page(&piter);
	cr_assert_eq(n, 4);
	for (int i = 0; i < 4; i++)
		cr_assert_eq(seen[i], block + i);
	n = 0;
	for_each_sg_page(sg, &piter, 2, 1)
		n++;
	cr_assert_eq(n, 3, "starting one page in");

	memset(base, 0, 4 * 4096);
	sg_miter_start(&miter, sg, 2, SG_MITER_TO_SG | SG_MITER_ATOMIC);
	while (sg_miter_next(&miter)) {
		cr_assert_leq(offset_in_page(miter.addr) + miter.length, 4096,
			      "a piece never crosses a page");
		memset(miter.addr, 0x5a, miter.length);
		total += miter.length;
		pieces++;
	}
	sg_miter_stop(&miter);
	cr_assert_eq(total, 2 * 4096 - 100 + 5000);
	cr_assert_eq(pieces, 4);
	cr_assert_eq(base[99], 0);
	cr_assert_eq(base[100], 0x5a);
	cr_assert_eq(base[2 * 4096 + 999], 0);
	cr_assert_eq(base[2 * 4096 + 1000 + 4999], 0x5a);
	cr_assert_eq(base[2 * 4096 + 1000 + 5000], 0);

	sg_miter_start(&miter, sg, 2, SG_MITER_FROM_SG);
	cr_assert(sg_miter_skip(&miter, 8000));
	cr_assert(sg_miter_next(&miter));
	cr_assert_eq(miter.addr, base + 100 + 8000);
	miter.consumed = 10;
	cr_assert(sg_miter_next(&miter), "the rest of the same page");
	cr_assert_eq(miter.addr, base + 100 + 8010);
	sg_miter_stop(&miter);
	cr_assert_not(sg_miter_skip(&miter, 1 << 20), "past the end");
	__free_pages(block, 2);
}
