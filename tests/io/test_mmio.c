// SPDX-License-Identifier: LGPL-2.1-or-later
/* MMIO accessors and device windows: every width and byte order against a register
 * model, the string and iomap forms, memory-window aliasing, the plain-access fault, and
 * the attach API. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/ioport.h>
#include "drivers/mmio_models.h"
#include "kmsg.h"

#ifdef __SANITIZE_ADDRESS__
/* The fault tests expect plain signals, not ASan's report of them. */
const char *__asan_default_options(void) { return "handle_segv=0"; }
#endif

#define TEST_BASE	0xfe000000ULL

/* A register model: 16 bytes of scratch decoded at any width (little-endian lanes), a
 * FIFO at 0x10 and a record of the last access. */
struct scratch {
	struct ukmem_mmio_device dev;
	uint8_t bytes[16];
	uint32_t fifo[8];
	int fifo_in, fifo_out;
	int last_size;
	uint64_t last_offset;
};

static uint64_t scratch_read(struct ukmem_mmio_device *dev, uint64_t offset, int size)
{
	struct scratch *s = dev->priv;
	uint64_t value = 0;

	s->last_size = size;
	s->last_offset = offset;
	if (offset == 0x10)
		return s->fifo[s->fifo_out++ % 8];
	for (int i = 0; i < size && offset + i < 16; i++)
		value |= (uint64_t)s->bytes[offset + i] << (8 * i);
	return value;
}

static void scratch_write(struct ukmem_mmio_device *dev, uint64_t offset, int size,
			  uint64_t value)
{
	struct scratch *s = dev->priv;

	s->last_size = size;
	s->last_offset = offset;
	if (offset == 0x10) {
		s->fifo[s->fifo_in++ % 8] = (uint32_t)value;
		return;
	}
	for (int i = 0; i < size && offset + i < 16; i++)
		s->bytes[offset + i] = (uint8_t)(value >> (8 * i));
}

static struct scratch scratch;

static void __iomem *attach_scratch(void)
{
	memset(&scratch, 0, sizeof(scratch));
	scratch.dev = (struct ukmem_mmio_device){ .name = "scratch", .base = TEST_BASE,
						  .size = 0x20, .read = scratch_read,
						  .write = scratch_write, .priv = &scratch };
	cr_assert_eq(ukmem_mmio_attach(&scratch.dev), 0);
	void __iomem *regs = ioremap(TEST_BASE, 0x20);
	cr_assert(regs);
	return regs;
}

Test(mmio, every_width_reaches_the_register_model)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *r = attach_scratch();
	writeq(0x0807060504030201ULL, r);
	cr_assert_eq(scratch.last_size, 8);
	for (int i = 0; i < 8; i++)
		cr_assert_eq(scratch.bytes[i], i + 1);
	cr_assert_eq(readb(r + 3), 0x04);
	cr_assert_eq(scratch.last_size, 1);
	cr_assert_eq(scratch.last_offset, 3);
	cr_assert_eq(readw(r + 2), 0x0403);
	cr_assert_eq(scratch.last_size, 2);
	cr_assert_eq(readl(r + 4), 0x08070605);
	cr_assert_eq(scratch.last_size, 4);
	cr_assert_eq(readq(r), 0x0807060504030201ULL);
	writeb(0xaa, r + 8);
	writew(0xbbcc, r + 9);
	writel(0x11223344, r + 12);
	cr_assert_eq(readq(r + 8), 0x1122334400bbccaaULL);
	cr_assert_eq(readl_relaxed(r + 12), 0x11223344);
	writel_relaxed(7, r);
	cr_assert_eq(__raw_readl(r), 7);
	__raw_writeq(~0ULL, r);
	cr_assert_eq(readq_relaxed(r), ~0ULL);
	cr_assert_eq(ukmem_report_count(), 0);
	iounmap(r);
	ukmem_shutdown();
}

Test(mmio, big_endian_accessors_swap_bytes)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *r = attach_scratch();
	iowrite32be(0x11223344, r);
	cr_assert_eq(scratch.bytes[0], 0x11);
	cr_assert_eq(scratch.bytes[3], 0x44);
	cr_assert_eq(ioread32(r), 0x44332211);
	cr_assert_eq(ioread32be(r), 0x11223344);
	iowrite16be(0xabcd, r + 4);
	cr_assert_eq(scratch.bytes[4], 0xab);
	cr_assert_eq(ioread16be(r + 4), 0xabcd);
	cr_assert_eq(ioread16(r + 4), 0xcdab);
	iowrite8(0x5a, r + 6);
	cr_assert_eq(ioread8(r + 6), 0x5a);
	iowrite64(0x0102030405060708ULL, r + 8);
	cr_assert_eq(ioread64(r + 8), 0x0102030405060708ULL);
	iounmap(r);
	ukmem_shutdown();
}

Test(mmio, string_forms_repeat_one_register)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *r = attach_scratch();
	uint32_t out[4] = { 10, 20, 30, 40 }, in[4] = { 0 };
	iowrite32_rep(r + 0x10, out, 4);
	cr_assert_eq(scratch.fifo_in, 4);
	ioread32_rep(r + 0x10, in, 4);
	cr_assert_arr_eq(in, out, sizeof(out));
	uint8_t bytes[3];
	writel(0x00c0ffee, r);
	ioread8_rep(r, bytes, 3);	/* the same byte three times */
	cr_assert(bytes[0] == 0xee && bytes[1] == 0xee && bytes[2] == 0xee);
	/* memcpy_fromio on registers walks consecutive addresses */
	uint8_t copy[4];
	memcpy_fromio(copy, r, 4);
	cr_assert(copy[0] == 0xee && copy[1] == 0xff && copy[2] == 0xc0 && copy[3] == 0);
	memset_io(r, 0x77, 8);
	cr_assert_eq(readq(r), 0x7777777777777777ULL);
	iounmap(r);
	ukmem_shutdown();
}

Test(mmio, ioport_map_cookies_reach_ports)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *scr = ioport_map(0x3f8 + 7, 1);	/* COM1's scratch register */
	cr_assert(scr);
	iowrite8(0x5a, scr);
	cr_assert_eq(inb(0x3ff), 0x5a);
	outb(0xa5, 0x3ff);
	cr_assert_eq(ioread8(scr), 0xa5);
	ioport_unmap(scr);
	cr_assert_null(ioport_map(0x10000, 1));
	/* a cookie that is neither: the kernel's report, all ones */
	cr_assert_eq(ioread8((void __iomem *)0x100), 0xff);
	cr_assert(kmsg_contains("Bad IO access at port 0x100 (ioread8)"));
	ukmem_shutdown();
}

Test(mmio, memory_window_aliases_pointer_and_accessors)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	u32 __iomem *vram = ioremap_wc(UKFB_VRAM_BASE, UKFB_VRAM_SIZE);
	u8 __iomem *again = ioremap(UKFB_VRAM_BASE + 0x800000, 0x1000);
	cr_assert(vram && again);
	vram[100] = 0x12345678;				/* plain pointer ... */
	cr_assert_eq(readl(&vram[100]), 0x12345678);	/* ... seen by readl */
	writel(0xcafebabe, &vram[101]);			/* writel ... */
	cr_assert_eq(vram[101], 0xcafebabe);		/* ... seen by the pointer */
	memset_io(again, 0xab, 0x1000);			/* another mapping, same memory */
	cr_assert_eq(vram[0x800000 / 4 + 10], 0xabababab);
	char msg[] = "video memory";
	char back[sizeof(msg)];
	memcpy_toio((u8 *)vram + 4096, msg, sizeof(msg));
	memcpy_fromio(back, (u8 *)vram + 4096, sizeof(msg));
	cr_assert_str_eq(back, msg);
	/* the device sees what the driver wrote */
	void __iomem *regs = ioremap(UKFB_MMIO_BASE, 0x1000);
	writel(64, regs + UKFB_REG_WIDTH);
	writel(32, regs + UKFB_REG_HEIGHT);
	writel(256, regs + UKFB_REG_STRIDE);
	writel(UKFB_FORMAT_XRGB8888, regs + UKFB_REG_FORMAT);
	writel(1, regs + UKFB_REG_ENABLE);
	struct ukfb_mode mode;
	cr_assert_eq(ukmem_ukfb_mode(&mode), 0);
	cr_assert_eq(((const u32 *)mode.pixels)[100], 0x12345678);
	cr_assert_eq(((const u8 *)mode.pixels)[0x800000 + 5], 0xab);
	iounmap(regs);
	iounmap(again);
	iounmap(vram);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* Runs fn in a child with its stderr captured; returns the child's wait status. */
static int run_child(void (*fn)(void), char *out, size_t size)
{
	int pipefd[2];
	cr_assert_eq(pipe(pipefd), 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], STDERR_FILENO);
		dup2(pipefd[1], STDOUT_FILENO);
		close(pipefd[0]);
		fn();
		_exit(0);
	}
	close(pipefd[1]);
	size_t n = 0;
	ssize_t r;
	while (n < size - 1 && (r = read(pipefd[0], out + n, size - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = 0;
	close(pipefd[0]);
	int status;
	waitpid(pid, &status, 0);
	return status;
}

static void plain_read_of_registers(void)
{
	ukmem_boot(NULL);
	volatile u32 *regs = ioremap(UKDMA_MMIO_BASE, 0x1000);
	(void)regs[UKDMA_REG_STATUS / 4];
}

static void plain_bad_deref(void)
{
	ukmem_boot(NULL);
	static volatile unsigned long unmapped = 16;	/* the first page is never mapped */
	(void)*(volatile int *)unmapped;
}

static char child_out[64 * 1024];

Test(mmio, plain_access_to_registers_faults_with_the_message)
{
	int status = run_child(plain_read_of_registers, child_out, sizeof(child_out));
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	cr_assert(strstr(child_out, "BUG: unable to handle page fault for address: "));
	cr_assert(strstr(child_out, "#PF: supervisor read access in kernel mode"));
	cr_assert(strstr(child_out, "ukmem: plain access to MMIO register window ukdma-mmio "
				    "(phys 0x00000000febf1018); use readl()/writel()"));
	cr_assert(strstr(child_out, "Oops: 0000 [#1]"));
}

Test(mmio, plain_access_dies, .signal = SIGABRT)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	volatile u32 *hpet = ioremap(HPET_MMIO_BASE, HPET_MMIO_SIZE);
	hpet[HPET_REG_CONFIG / 4] = 1;
}

Test(mmio, other_faults_still_end_in_sigsegv)
{
	int status = run_child(plain_bad_deref, child_out, sizeof(child_out));
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x: %s", status, child_out);
	cr_assert_null(strstr(child_out, "plain access"));
}

Test(mmio, windows_show_in_iomem_and_can_be_claimed)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *text = proc_text("/proc/iomem");
	cr_assert(strstr(text, "fd000000-fdffffff : ukfb-vram\n"));
	cr_assert(strstr(text, "febf1000-febf1fff : ukdma-mmio\n"));
	cr_assert(strstr(text, "fed00000-fed003ff : HPET 0\n"));
	free(text);
	struct resource *r = request_mem_region(UKDMA_MMIO_BASE, 0x1000, "ukdma");
	cr_assert(r);
	cr_assert_str_eq(r->parent->name, "ukdma-mmio");
	cr_assert_null(request_mem_region(UKDMA_MMIO_BASE, 0x20, "again"));
	release_mem_region(UKDMA_MMIO_BASE, 0x1000);
	ukmem_shutdown();
}

Test(mmio, attach_refuses_overlaps_and_bad_windows)
{
	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	struct ukmem_mmio_device ram = { .name = "on-ram", .base = 0x100000, .size = 0x1000 };
	struct ukmem_mmio_device clash = { .name = "clash", .base = UKFB_VRAM_BASE + 0x1000,
					   .size = 0x1000 };
	struct ukmem_mmio_device odd = { .name = "odd", .base = 0xfe100800, .size = 0x1000 };
	cr_assert_eq(ukmem_mmio_attach(&ram), -EBUSY);
	cr_assert_eq(ukmem_mmio_attach(&clash), -EBUSY);
	cr_assert_eq(ukmem_mmio_attach(&odd), -EINVAL);
	/* a memory window of one's own, detached again */
	struct ukmem_mmio_device mem = { .name = "sram", .base = 0xfe100000, .size = 0x2000 };
	cr_assert_eq(ukmem_mmio_attach(&mem), 0);
	u8 *view = ukmem_mmio_memory(&mem);
	u8 __iomem *p = ioremap(0xfe100000, 0x2000);
	cr_assert(view && p);
	p[0x1fff] = 0x42;
	cr_assert_eq(view[0x1fff], 0x42);
	iounmap(p);
	ukmem_mmio_detach(&mem);
	char *text = proc_text("/proc/iomem");
	cr_assert_null(strstr(text, "sram"));
	free(text);
	/* registers detached: all ones */
	void __iomem *r = attach_scratch();
	writel(1, r);
	ukmem_mmio_detach(&scratch.dev);
	cr_assert_eq(readl(r), 0xffffffff);
	iounmap(r);
	ukmem_shutdown();
}

Test(mmio, hpet_counts_at_its_advertised_period)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	void __iomem *hpet = ioremap(HPET_MMIO_BASE, HPET_MMIO_SIZE);
	u64 caps = readq(hpet + HPET_REG_ID);
	cr_assert_eq(caps >> 32, HPET_PERIOD_FS);
	cr_assert(caps & (1 << 13), "64-bit counter");
	cr_assert_eq(readl(hpet + HPET_REG_ID + 4), HPET_PERIOD_FS);
	/* halted: the counter holds what is written, readable whole or in halves */
	writeq(0x123456789abcULL, hpet + HPET_REG_COUNTER);
	cr_assert_eq(readq(hpet + HPET_REG_COUNTER), 0x123456789abcULL);
	cr_assert_eq(readl(hpet + HPET_REG_COUNTER), 0x56789abc);
	cr_assert_eq(readl(hpet + HPET_REG_COUNTER + 4), 0x1234);
	/* running: it moves forward from there and a write no longer sets it */
	writel(HPET_CFG_ENABLE, hpet + HPET_REG_CONFIG);
	u64 first = readq(hpet + HPET_REG_COUNTER);
	u64 second;
	while ((second = readq(hpet + HPET_REG_COUNTER)) == first)
		;
	cr_assert_gt(second, first);
	cr_assert_geq(first, 0x123456789abcULL);
	writeq(0, hpet + HPET_REG_COUNTER);
	cr_assert_geq(readq(hpet + HPET_REG_COUNTER), second);
	writel(0, hpet + HPET_REG_CONFIG);
	u64 stopped = readq(hpet + HPET_REG_COUNTER);
	cr_assert_eq(readq(hpet + HPET_REG_COUNTER), stopped, "halted again");
	iounmap(hpet);
	ukmem_shutdown();
}
