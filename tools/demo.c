// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/demo.c: `ukmem demo`, a walk through memory management and device I/O in ten
 * steps: kmalloc, __get_free_pages, vmalloc, a slab cache, a mempool, port I/O, I/O memory and
 * DMA, mmap of the framebuffer from the user side, pictures, then memory fragmented by
 * movable pages and compacted (an order-9 allocation fails, then succeeds). Each step runs the
 * real kernel API on a fresh default machine and prints what changed in the /proc views
 * that show it. Plain text when stdout is not a terminal. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/balloon_compaction.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/ioport.h>
#include <linux/fs.h>
#include <linux/mempool.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <ukmem_devices.h>
#include "memory_map.h"
#include "tool.h"

#define MAX_WATCHED	3

/* The views a step watches, read before it runs and compared after. */
struct watch {
	const char *paths[MAX_WATCHED];
	char *before[MAX_WATCHED];
};

static void watch_start(struct watch *w)
{
	for (int i = 0; i < MAX_WATCHED && w->paths[i]; i++)
		w->before[i] = view(w->paths[i]);
}

static void watch_report(struct watch *w)
{
	for (int i = 0; i < MAX_WATCHED && w->paths[i]; i++) {
		char *after = view(w->paths[i]);

		print_view_diff(w->paths[i], w->before[i], after);
		free(after);
	}
}

static void watch_end(struct watch *w)
{
	for (int i = 0; i < MAX_WATCHED && w->paths[i]; i++)
		free(w->before[i]);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	printf("  ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* The physically contiguous runs behind [addr, addr + size): prints up to 6. */
static unsigned int print_runs(const char *what, const void *addr, size_t size, bool vmapped)
{
	unsigned long prev = 0, start = 0;
	unsigned int runs = 0, pages = (unsigned int)(size >> PAGE_SHIFT);

	for (unsigned int i = 0; i <= pages; i++) {
		const char *p = (const char *)addr + ((size_t)i << PAGE_SHIFT);
		unsigned long pfn = i < pages ? (vmapped ? vmalloc_to_pfn(p) : virt_to_pfn(p)) : 0;

		if (i && (i == pages || pfn != prev + 1)) {
			if (runs < 6)
				say("  %s pages %u..%u at pfn %#lx..%#lx", what,
				    i - (unsigned int)(prev - start) - 1, i - 1, start, prev);
			runs++;
		}
		if (!i || pfn != prev + 1)
			start = pfn;
		prev = pfn;
	}
	if (runs > 6)
		say("  ... %u runs in all", runs);
	return runs;
}

static void step_kmalloc(void)
{
	struct watch w = { { "/proc/slabinfo", "/proc/buddyinfo" } };
	void *small, *big;

	heading("1. kmalloc: small objects from slab caches, large ones physically contiguous");
	watch_start(&w);
	small = kmalloc(100, GFP_KERNEL);
	big = kmalloc(64 << 10, GFP_KERNEL);
	say("kmalloc(100)  = %p  (phys %#llx), from cache kmalloc-%u", small,
	    (unsigned long long)virt_to_phys(small), (unsigned int)ksize(small));
	say("kmalloc(64K)  = %p  (phys %#llx): 16 pages, one order-4 block:", big,
	    (unsigned long long)virt_to_phys(big));
	print_runs("kmalloc", big, 64 << 10, false);
	say("virt_to_phys() is an offset: the direct map covers RAM in one piece, so a");
	say("kmalloc buffer can go to a device as it is.");
	watch_report(&w);
	kfree(small);
	kfree(big);
	watch_end(&w);
}

static void step_get_free_pages(void)
{
	struct watch w = { { "/proc/buddyinfo" } };
	unsigned long one, eight, zeroed;

	heading("2. __get_free_pages and get_zeroed_page: whole pages from the buddy allocator");
	watch_start(&w);
	one = __get_free_page(GFP_KERNEL);
	eight = __get_free_pages(GFP_KERNEL, 3);
	zeroed = get_zeroed_page(GFP_KERNEL);
	say("__get_free_page     = %#lx (pfn %#lx)", one, virt_to_pfn((void *)one));
	say("__get_free_pages(3) = %#lx (pfn %#lx): 8 pages, an order-3 block", eight,
	    virt_to_pfn((void *)eight));
	say("get_zeroed_page     = %#lx: bytes 0 and 4095 are %d and %d", zeroed,
	    ((char *)zeroed)[0], ((char *)zeroed)[PAGE_SIZE - 1]);
	say("a larger block was split to serve them: buddyinfo counts free blocks by order");
	watch_report(&w);
	free_page(one);
	free_pages(eight, 3);
	free_page(zeroed);
	watch_end(&w);
}

static void step_vmalloc(void)
{
	struct watch w = { { "/proc/vmallocinfo", "/proc/meminfo" } };
	size_t size = 300 << 10;	/* 75 pages: 64 + 8 + 2 + 1 */
	char *buf;
	unsigned int runs;

	heading("3. vmalloc: a contiguous virtual range over pages from anywhere");
	watch_start(&w);
	buf = vmalloc(size);
	memset(buf, 0x5a, size);
	say("vmalloc(300K) = %p..%p, one virtual range; behind it:", buf, buf + size);
	runs = print_runs("vmalloc", buf, size, true);
	say("%u physical runs: ukmem takes the largest free blocks it can (Linux takes single", runs);
	say("pages); either way only the page tables make the range contiguous, so vmalloc");
	say("memory cannot go to a device without a mapping per page.");
	watch_report(&w);
	vfree(buf);
	watch_end(&w);
}

static unsigned int ctor_calls;

static void demo_obj_ctor(void *object)
{
	memset(object, 0, 200);
	ctor_calls++;
}

static void step_slab(void)
{
	struct watch w = { { "/proc/slabinfo" } };
	struct kmem_cache *cache;
	void *objects[40];

	heading("4. A slab cache with a constructor: kmem_cache_create / _alloc / _free");
	watch_start(&w);
	cache = kmem_cache_create("demo_obj", 200, 0, SLAB_HWCACHE_ALIGN, demo_obj_ctor);
	for (int i = 0; i < 40; i++)
		objects[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	say("kmem_cache_create(\"demo_obj\", 200, 0, SLAB_HWCACHE_ALIGN, ctor), 40 objects:");
	say("the constructor ran %u times: once per object when its slab was made, not per", ctor_calls);
	say("allocation -- a freed object keeps its constructed state for the next user.");
	watch_report(&w);
	for (int i = 0; i < 40; i++)
		kmem_cache_free(cache, objects[i]);
	kmem_cache_destroy(cache);
	say("after kmem_cache_free of all 40 and kmem_cache_destroy, the constructor count is %u",
	    ctor_calls);
	watch_end(&w);
}

static void step_mempool(void)
{
	struct watch w = { { "/proc/slabinfo", "/proc/meminfo" } };
	mempool_t *pool;
	void *elements[5];
	int got = 0;

	heading("5. A mempool under memory pressure: reserved elements keep a driver going");
	watch_start(&w);
	pool = mempool_create_kmalloc_pool(4, 512);
	say("mempool_create_kmalloc_pool(4, 512): 4 elements of 512 bytes set aside");
	ukmem_fault_set("failslab", "probability", 100);
	ukmem_fault_set("failslab", "times", -1);
	ukmem_fault_set("failslab", "verbose", 0);
	say("memory pressure: failslab now fails every slab allocation");
	for (int i = 0; i < 5; i++) {
		elements[i] = mempool_alloc(pool, GFP_NOWAIT);
		say("mempool_alloc(GFP_NOWAIT) #%d = %s", i + 1,
		    elements[i] ? "an element from the reserve" : "NULL (reserve empty)");
		got += elements[i] != NULL;
	}
	say("kmalloc failed %ld times; the pool served %d of 5 requests from its reserve",
	    ukmem_fault_get("failslab", "injected"), got);
	ukmem_fault_set("failslab", "probability", 0);
	say("while the pool holds its reserve:");
	watch_report(&w);
	for (int i = 0; i < 5; i++)
		if (elements[i])
			mempool_free(elements[i], pool);
	mempool_destroy(pool);
	say("pressure gone: mempool_free refilled the reserve, mempool_destroy returned it");
	watch_end(&w);
}

#define UART	0x3f8
#define RTC	0x70
#define UART_SPINS	10000000	/* a byte takes ~87 us at 115200 baud */

static unsigned int rtc_read(unsigned int reg)
{
	outb((u8)reg, RTC);
	return inb(RTC + 1);
}

/* Sends one byte through the UART in loopback and returns what comes back, or -1. */
static int uart_echo(u8 byte)
{
	int spins;

	for (spins = 0; !(inb(UART + 5) & 0x20); spins++)	/* LSR: THR empty */
		if (spins == UART_SPINS)
			return -1;
	outb(byte, UART);					/* THR */
	for (spins = 0; !(inb(UART + 5) & 0x01); spins++)	/* LSR: data ready */
		if (spins == UART_SPINS)
			return -1;
	return inb(UART);					/* RBR */
}

static void step_port_io(void)
{
	struct watch w = { { "/proc/ioports" } };
	struct resource *uart, *rtc;
	const char *msg = "hello";
	char echo[8] = "";

	heading("6. Port I/O: request_region, outb/inb on the 16550 UART and the CMOS RTC");
	watch_start(&w);
	uart = request_region(UART, 8, "demo-serial");
	rtc = request_region(RTC, 2, "demo-rtc");
	outb(0x80, UART + 3);			/* LCR: DLAB, to reach the divisor */
	outb(1, UART);				/* DLL: 115200 baud */
	outb(0, UART + 1);			/* DLM */
	outb(0x03, UART + 3);			/* LCR: 8N1 */
	outb(0x07, UART + 2);			/* FCR: FIFOs on and cleared */
	outb(0x10, UART + 4);			/* MCR: loopback */
	for (int i = 0, c; msg[i] && (c = uart_echo((u8)msg[i])) >= 0; i++)
		echo[i] = (char)c;
	outb(0x00, UART + 4);
	say("UART at %#x in loopback: wrote \"%s\" with outb, read back \"%s\" with inb",
	    UART, msg, echo);
	say("RTC: 20%02x-%02x-%02x %02x:%02x:%02x (BCD registers 9, 8, 7, 4, 2, 0 via ports 0x70/0x71)",
	    rtc_read(9), rtc_read(8), rtc_read(7), rtc_read(4), rtc_read(2), rtc_read(0));
	watch_report(&w);
	if (uart)
		release_region(UART, 8);
	if (rtc)
		release_region(RTC, 2);
	watch_end(&w);
}

#define FB_WIDTH	320
#define FB_HEIGHT	200

static void draw_pattern(u32 __iomem *vram)
{
	for (u32 y = 0; y < FB_HEIGHT; y++)
		for (u32 x = 0; x < FB_WIDTH; x++) {
			u32 r = x * 255 / FB_WIDTH, g = y * 255 / FB_HEIGHT;
			u32 b = (x / 20 + y / 20) % 2 ? 200 : 60;	/* a checkerboard */
			writel(r << 16 | g << 8 | b, vram + y * FB_WIDTH + x);
		}
}

/* The ukdma engine copies the top 20 lines of the picture from RAM into VRAM. */
static int dma_banner(void __iomem *dma_regs)
{
	static u64 mask = DMA_BIT_MASK(32);
	static struct device_driver drv = { .name = "demo" };
	struct device dev = { .init_name = "ukdma0", .driver = &drv, .dma_mask = &mask,
			      .coherent_dma_mask = DMA_BIT_MASK(32) };
	size_t len = FB_WIDTH * 20 * 4;
	dma_addr_t handle;
	u32 *buf = dma_alloc_coherent(&dev, len, &handle, GFP_KERNEL);
	u32 status;

	if (!buf)
		return -1;
	for (size_t i = 0; i < len / 4; i++)
		buf[i] = 0xffcc00;		/* a yellow band */
	writeq(handle, dma_regs + UKDMA_REG_SRC);
	writeq(UKFB_VRAM_BASE, dma_regs + UKDMA_REG_DST);
	writel((u32)len, dma_regs + UKDMA_REG_LEN);
	writel(UKDMA_CTRL_START, dma_regs + UKDMA_REG_CONTROL);
	status = readl(dma_regs + UKDMA_REG_STATUS);
	say("ukdma: dma_alloc_coherent gave bus address %#llx; engine copied %zu bytes to VRAM: %s",
	    (unsigned long long)handle, len, status & UKDMA_STATUS_DONE ? "DONE" : "ERROR");
	writel(status, dma_regs + UKDMA_REG_STATUS);
	dma_free_coherent(&dev, len, buf, handle);
	return 0;
}

static void step_iomem(void)
{
	struct watch w = { { "/proc/iomem" } };
	void __iomem *regs, *vram, *dma;

	heading("7. I/O memory: request_mem_region, ioremap, readl/writel on ukfb and ukdma");
	watch_start(&w);
	request_mem_region(UKFB_MMIO_BASE, 0x1000, "demo-fb-regs");
	request_mem_region(UKFB_VRAM_BASE, UKFB_VRAM_SIZE, "demo-fb-vram");
	request_mem_region(UKDMA_MMIO_BASE, 0x1000, "demo-dma");
	regs = ioremap(UKFB_MMIO_BASE, 0x1000);
	vram = ioremap_wc(UKFB_VRAM_BASE, FB_WIDTH * FB_HEIGHT * 4);
	dma = ioremap(UKDMA_MMIO_BASE, 0x1000);
	say("ukfb ID register: %#x (\"UKFB\"); VRAM %u MiB at phys %#llx, mapped at %p",
	    readl(regs + UKFB_REG_ID), readl(regs + UKFB_REG_VRAM_SIZE) >> 20,
	    (unsigned long long)UKFB_VRAM_BASE, vram);
	writel(FB_WIDTH, regs + UKFB_REG_WIDTH);
	writel(FB_HEIGHT, regs + UKFB_REG_HEIGHT);
	writel(FB_WIDTH * 4, regs + UKFB_REG_STRIDE);
	writel(UKFB_FORMAT_XRGB8888, regs + UKFB_REG_FORMAT);
	draw_pattern(vram);
	writel(1, regs + UKFB_REG_ENABLE);
	say("mode %ux%u XRGB8888 set with writel, %u pixels drawn with writel, ENABLE reads %u",
	    FB_WIDTH, FB_HEIGHT, FB_WIDTH * FB_HEIGHT, readl(regs + UKFB_REG_ENABLE));
	dma_banner(dma);
	watch_report(&w);
	iounmap(dma);
	iounmap(vram);
	iounmap(regs);
	release_mem_region(UKDMA_MMIO_BASE, 0x1000);
	release_mem_region(UKFB_VRAM_BASE, UKFB_VRAM_SIZE);
	release_mem_region(UKFB_MMIO_BASE, 0x1000);
	watch_end(&w);
}

/* ---- 8: a framebuffer driver's mmap, used from the user side ----------------------- */

#define FB_BYTES	PAGE_ALIGN(FB_WIDTH * FB_HEIGHT * 4)

static int demo_fb_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return vm_iomap_memory(vma, UKFB_VRAM_BASE, FB_BYTES);
}

static const struct file_operations demo_fb_fops = {
	.mmap = demo_fb_mmap,
	.llseek = noop_llseek,
};

static struct miscdevice demo_fb = {
	.minor = MISC_DYNAMIC_MINOR, .name = "demo_fb", .fops = &demo_fb_fops,
};

/* The user side draws a white frame and a box through its mapping. */
static void draw_through_mapping(u32 *pixels)
{
	for (u32 y = 0; y < FB_HEIGHT; y++)
		for (u32 x = 0; x < FB_WIDTH; x++) {
			bool frame = x < 4 || y < 4 || x >= FB_WIDTH - 4 || y >= FB_HEIGHT - 4;
			bool box = x >= 120 && x < 200 && y >= 70 && y < 130;

			if (frame || box)
				pixels[y * FB_WIDTH + x] = frame ? 0xffffff : 0x202020;
		}
}

static void step_mmap(void)
{
	struct watch w = { { "/proc/self/maps" } };
	u32 __iomem *vram;
	u32 *pixels;
	int fd;

	heading("8. mmap of the framebuffer from the user side");
	if (misc_register(&demo_fb)) {
		say("misc_register failed");
		return;
	}
	watch_start(&w);
	fd = ukmem_open("/dev/demo_fb", O_RDWR);
	pixels = ukmem_mmap(NULL, FB_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fd < 0 || pixels == MAP_FAILED) {
		say("the user side could not map /dev/demo_fb: %s", strerror(errno));
		goto out;
	}
	say("a driver registered /dev/demo_fb (misc_register); its mmap maps VRAM with");
	say("vm_iomap_memory. The user side: ukmem_open + ukmem_mmap -> %p", (void *)pixels);
	draw_through_mapping(pixels);
	vram = ioremap_wc(UKFB_VRAM_BASE, FB_BYTES);
	say("it drew a frame and a box with plain stores; the driver reads pixel (0,0) as %#x",
	    readl(vram));
	say("through its own ioremap at %p: one memory, two mappings", (void __force *)vram);
	iounmap(vram);
	watch_report(&w);
	ukmem_munmap(pixels, FB_BYTES);
out:
	if (fd >= 0)
		ukmem_close(fd);
	misc_deregister(&demo_fb);
	watch_end(&w);
}

/* A picture of memory while something is held, so it has more to show than free pages. */
static int step_pictures(void)
{
	struct kmem_cache *cache = kmem_cache_create("demo_obj", 200, 0, 0, NULL);
	void *objects[300], *area = vmalloc(2 << 20), *large = kmalloc(256 << 10, GFP_KERNEL);
	int err;

	heading("9. Pictures");
	for (int i = 0; i < 300; i++)
		objects[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	err = write_memory_map("ukmem-memory.png");
	if (!err)
		say("ukmem-memory.png: every physical page as a cell, coloured by owner, while");
	if (!err)
		say("300 demo_obj objects, a 2 MiB vmalloc area and a 256K kmalloc are held");
	for (int i = 0; i < 300; i++)
		kmem_cache_free(cache, objects[i]);
	kmem_cache_destroy(cache);
	vfree(area);
	kfree(large);
	if (write_framebuffer_png("ukmem-framebuffer.png"))
		return -1;
	say("ukmem-framebuffer.png: the 320x200 picture of steps 7 and 8");
	return err;
}

/* ---- 10: fragmentation and compaction ------------------------------------------------ */

#define SPREAD	32	/* one movable page kept in every 32 */

static int write_sysctl(const char *path, const char *value)
{
	int fd = ukmem_open(path, O_WRONLY), err = 0;

	if (fd < 0)
		return -errno;
	if (ukmem_write(fd, value, strlen(value)) < 0)
		err = -errno;
	ukmem_close(fd);
	return err;
}

static unsigned long vmstat_value(const char *name)
{
	char *text = view("/proc/vmstat"), key[64];
	const char *at;
	unsigned long value = 0;

	snprintf(key, sizeof(key), "\n%s ", name);
	at = strstr(text, key);
	if (at)
		value = strtoul(at + strlen(key), NULL, 10);
	free(text);
	return value;
}

static void print_view(const char *path)
{
	char *text = view(path);

	printf("%s---- %s%s\n%s", style("2"), path, style("0"), text);
	free(text);
}

/* A balloon driver's pages are movable, as virtio_balloon's are: compaction isolates
 * one and the driver's migratepage moves its use to the new page. */
static struct balloon_dev_info balloon;

static int demo_balloon_migratepage(struct balloon_dev_info *b, struct page *newpage,
				    struct page *page, enum migrate_mode mode)
{
	unsigned long flags;

	get_page(newpage);			/* the balloon's reference moves over */
	spin_lock_irqsave(&b->pages_lock, flags);
	balloon_page_insert(b, newpage);	/* a real balloon tells its host here */
	balloon_page_delete(page);
	b->isolated_pages--;
	spin_unlock_irqrestore(&b->pages_lock, flags);
	put_page(page);
	return MIGRATEPAGE_SUCCESS;
}

/* Takes every free page, keeps those at every SPREAD-th pfn in the balloon and frees
 * the others: movable pages spread over all of memory, so no free block is larger than
 * SPREAD pages. Returns how many pages the balloon holds. */
static unsigned long fragment_memory(void)
{
	unsigned long max = totalram_pages(), nr = 0, kept = 0;
	struct page **pages = calloc(max, sizeof(*pages));

	if (!pages)
		return 0;
	balloon_devinfo_init(&balloon);
	balloon.migratepage = demo_balloon_migratepage;
	/* then the reserves below the min watermark, and the lower zones' pages that
	 * lowmem_reserve keeps from requests for the higher ones */
	for (int i = 0; i < 4; i++) {
		static const gfp_t how[4] = { GFP_NOWAIT | __GFP_MOVABLE, GFP_ATOMIC,
					      GFP_ATOMIC | GFP_DMA32, GFP_ATOMIC | GFP_DMA };

		while (nr < max && (pages[nr] = alloc_pages(how[i] | __GFP_NOWARN, 0)))
			nr++;
	}
	for (unsigned long i = 0; i < nr; i++) {
		if (page_to_pfn(pages[i]) % SPREAD) {
			__free_page(pages[i]);
			continue;
		}
		balloon_page_enqueue(&balloon, pages[i]);
		kept++;
	}
	free(pages);
	say("took all %lu free pages, kept the %lu whose pfn is a multiple of %d in a balloon", nr,
	    kept, SPREAD);
	say("(movable, as virtio_balloon's pages are) and freed the others");
	return kept;
}

/* Frees the balloon's pages. */
static void deflate_balloon(void)
{
	struct page *page;
	LIST_HEAD(list);

	while (balloon_page_list_dequeue(&balloon, &list, 1024))
		while ((page = balloon_page_pop(&list)))
			__free_page(page);
}

static int step_compaction(void)
{
	struct watch w = { { "/proc/buddyinfo", "/proc/pagetypeinfo" } };
	char *proactiveness = view("/proc/sys/vm/compaction_proactiveness");
	unsigned long moved;
	struct page *big;
	int err = 0;

	heading("10. Fragmentation and compaction: an order-9 block from movable pages");
	/* kcompactd's proactive compaction would tidy up behind the demo's back */
	write_sysctl("/proc/sys/vm/compaction_proactiveness", "0\n");
	if (!fragment_memory()) {
		say("could not fragment memory");
		err = -1;
		goto out;
	}
	if (write_memory_map("ukmem-compaction-before.png"))
		err = -1;
	print_view("/proc/buddyinfo");
	print_view("/proc/pagetypeinfo");
	big = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 9);
	say("alloc_pages(GFP_NOWAIT, 9) = %s: no free block of 512 pages (GFP_NOWAIT does",
	    big ? "a block, unexpectedly" : "NULL");
	say("no direct reclaim, so no direct compaction either)");
	if (big)
		__free_pages(big, 9);
	watch_start(&w);
	moved = vmstat_value("pgmigrate_success");
	if (compact_all_memory())
		err = -1;
	moved = vmstat_value("pgmigrate_success") - moved;
	say("echo 1 > /proc/sys/vm/compact_memory: compaction moved %lu pages (pgmigrate_success)",
	    moved);
	big = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 9);
	say("alloc_pages(GFP_NOWAIT, 9) = %s", big ? "a block of 512 pages" : "NULL");
	if (big)
		say("  at pfn %#lx..%#lx", page_to_pfn(big), page_to_pfn(big) + 511);
	else
		err = -1;
	if (big)
		__free_pages(big, 9);
	watch_report(&w);
	watch_end(&w);
	if (write_memory_map("ukmem-compaction-after.png"))
		err = -1;
	if (!err)
		say("ukmem-compaction-before.png, ukmem-compaction-after.png: owners and pageblocks");
	if (!err)
		say("before and after: the balloon's pages gathered at the top of the zone");
	deflate_balloon();
out:
	write_sysctl("/proc/sys/vm/compaction_proactiveness", *proactiveness ? proactiveness : "20\n");
	free(proactiveness);
	return err;
}

static const char help[] =
	"usage: ukmem demo [--cmdline S | CMDLINE]\n"
	"\n"
	"Walks through the kernel's memory management and device I/O in ten steps on a\n"
	"fresh machine: kmalloc, __get_free_pages, vmalloc, a slab cache, a mempool, port\n"
	"I/O, I/O memory and DMA, mmap of a framebuffer, pictures, and fragmentation and\n"
	"compaction; after each step it prints what changed in the /proc views that show it.\n"
	"Writes ukmem-memory.png, ukmem-framebuffer.png, ukmem-compaction-before.png and\n"
	"ukmem-compaction-after.png in the current directory.\n"
	"\n"
	"  -c, --cmdline S    the machine's kernel command line (\"mem=512M numa=fake=2\")\n"
	"  -h, --help         print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if a step failed; 2 for a usage error.\n";

int cmd_demo(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cmdline", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmdline = NULL;
	int err, opt;

	while ((opt = getopt_long(argc, argv, "c:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c': cmdline = optarg; break;
		case 'h': return print_help(help);
		default: return usage_error(help, NULL);
		}
	}
	if (optind < argc && !cmdline)
		cmdline = argv[optind++];
	if (optind < argc)
		return usage_error(help, "unexpected argument %s (quote the command line)",
				   argv[optind]);
	err = boot_machine(cmdline, true);
	if (err)
		return err;
	printf("%sukmem demo%s: memory management and device I/O in ten steps, on a machine "
	       "with %llu MiB of usable RAM (command line \"%s\")\n",
	       style("1"), style("0"), (unsigned long long)totalram_pages() >> (20 - PAGE_SHIFT),
	       ukmem_cmdline());
	step_kmalloc();
	step_get_free_pages();
	step_vmalloc();
	step_slab();
	step_mempool();
	step_port_io();
	step_iomem();
	step_mmap();
	err = step_pictures();
	if (step_compaction())
		err = -1;
	printf("\n%u report(s) printed by the kernel during the demo.\n",
	       (unsigned int)ukmem_report_count());
	ukmem_shutdown();
	return err ? 1 : 0;
}
