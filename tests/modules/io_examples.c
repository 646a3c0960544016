// SPDX-License-Identifier: LGPL-2.1-or-later
/* The I/O examples (examples/io), loaded as modules with ukmem_module_load into a
 * machine the test sets up, checked by what they print and by the state they leave
 * behind. Built by examples/CMakeLists.txt on libukmem.so, the kernel the modules bind to. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/ioport.h>
#include <asm/io.h>
#include "kmsg.h"

#define MOD(name) MODULE_DIR "/" name ".so"

static const char default_ioports[] =
	"0000-0cf7 : PCI Bus 0000:00\n"
	"  0000-001f : dma1\n  0020-0021 : pic1\n  0040-0043 : timer0\n  0050-0053 : timer1\n"
	"  0060-0060 : keyboard\n  0064-0064 : keyboard\n  0070-0077 : rtc0\n"
	"  0080-008f : dma page reg\n  00a0-00a1 : pic2\n  00c0-00df : dma2\n  00f0-00ff : fpu\n"
	"  02f8-02ff : serial\n"
	"  0378-037a : parport0\n  03f8-03ff : serial\n"
	"0cf8-0cff : PCI conf1\n0d00-ffff : PCI Bus 0000:00\n";

static void assert_ioports_default(void)
{
	char *text = proc_text("/proc/ioports");

	cr_assert_str_eq(text, default_ioports);
	free(text);
}

Test(io_examples, uart_loopback)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(MOD("uart_loopback"), NULL), 0);
	cr_assert(kmsg_contains("uart_loopback: 115200 8N1, sent and received "
				"\"ukmem says hello\""));
	cr_assert_eq(ukmem_module_unload("uart_loopback"), 0);
	cr_assert(kmsg_contains("uart_loopback: unloaded"));
	assert_ioports_default();
	cr_assert_eq(inb(0x3f8 + 4), 0x00, "loopback switched off again");
	ukmem_shutdown();
}

Test(io_examples, uart_loopback_finds_the_port_taken)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(request_region(0x3f8, 8, "ttyS0"));
	cr_assert_eq(ukmem_module_load(MOD("uart_loopback"), NULL), -EBUSY);
	release_region(0x3f8, 8);
	ukmem_shutdown();
}

Test(io_examples, rtc_date_prints_the_host_date)
{
	char before[64], after[64];
	time_t t = time(NULL);

	cr_assert_eq(ukmem_boot(NULL), 0);
	strftime(before, sizeof(before), "rtc_date: %Y-%m-%d %H:%M", gmtime(&t));
	cr_assert_eq(ukmem_module_load(MOD("rtc_date"), NULL), 0);
	t = time(NULL);
	strftime(after, sizeof(after), "rtc_date: %Y-%m-%d %H:%M", gmtime(&t));
	cr_assert(kmsg_contains(before) || kmsg_contains(after));
	cr_assert_eq(ukmem_module_unload("rtc_date"), 0);
	assert_ioports_default();
	ukmem_shutdown();
}

Test(io_examples, rtc_date_in_binary_12_hour_mode)
{
	const unsigned char set[][2] = { { 0x00, 7 }, { 0x02, 5 }, { 0x04, 0x80 | 3 },
					 { 0x07, 9 }, { 0x08, 10 }, { 0x09, 31 } };

	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x0b, 0x70);
	outb(0x80 | 0x04, 0x71);		/* SET, binary, 12-hour */
	for (unsigned i = 0; i < sizeof(set) / sizeof(set[0]); i++) {
		outb(set[i][0], 0x70);
		outb(set[i][1], 0x71);
	}
	cr_assert_eq(ukmem_module_load(MOD("rtc_date"), NULL), 0);	/* SET held: time stands */
	cr_assert(kmsg_contains("rtc_date: 2031-10-09 15:05:07 UTC"));
	ukmem_shutdown();
}

Test(io_examples, insb_reader)
{
	unsigned char rom[64] = "UKROM" "\x01" "block of data read with insb";
	unsigned int sum = 0;
	char expected[128];

	cr_assert_eq(ukmem_boot(NULL), 0);
	for (int i = 0; i < 64; i++)
		sum += rom[i];
	snprintf(expected, sizeof(expected), "insb_reader: read 64 bytes, version 1, "
		 "\"block of data read with insb\", checksum 0x%04x", sum);
	cr_assert_eq(ukmem_module_load(MOD("insb_reader"), NULL), 0);
	cr_assert(kmsg_contains(expected), "%s", expected);
	cr_assert_eq(ukmem_module_unload("insb_reader"), 0);
	assert_ioports_default();
	cr_assert_eq(inb(0x2e0), 0xff, "the card is gone");
	ukmem_shutdown();
}

Test(io_examples, framebuffer_driver_draws)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(MOD("ukfb_driver"), "width=64 height=48"), 0);
	cr_assert(kmsg_contains("ukfb_driver: 64x48 XRGB8888 at 0xfd000000, first pixel 0xffd700, "
				"corner 0x20202020"));
	char *iomem = proc_text("/proc/iomem");
	cr_assert(strstr(iomem, "    fd000000-fdffffff : ukfb_driver vram\n") ||
		  strstr(iomem, ": ukfb_driver vram\n"), "%s", iomem);
	free(iomem);
	/* The device sees the picture: read video memory through a mapping of our own. */
	volatile unsigned int *vram = ioremap(0xfd000000, 64 * 48 * 4);
	cr_assert_eq(vram[10 * 64 + 10 * 64 / 48], 0x00ffd700);
	cr_assert_eq(vram[10 * 64 + 40], 0x20202020);
	iounmap((void *)vram);
	cr_assert_eq(ukmem_module_unload("ukfb_driver"), 0);
	iomem = proc_text("/proc/iomem");
	cr_assert(!strstr(iomem, "ukfb_driver"), "regions released");
	free(iomem);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(io_examples, dma_driver_copies_and_vmalloc_is_reported)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(MOD("ukdma_copy"), NULL), 0);
	cr_assert(kmsg_contains("ukdma_copy: 12388 bytes from kmalloc buffer "));
	cr_assert(kmsg_contains(": verified"));
	cr_assert(kmsg_contains("DMA-API: ukdma_copy ukdma0: device driver maps memory from vmalloc area"));
	cr_assert(kmsg_contains("ukdma_copy: a vmalloc buffer cannot be mapped for DMA (refused)"));
	cr_assert_eq(ukmem_module_load(MOD("uart_loopback"), NULL), 0);
	WARN(1, "a report now lists the loaded modules\n");
	cr_assert(kmsg_contains("Modules linked in: uart_loopback ukdma_copy"));
	cr_assert_eq(ukmem_module_unload("uart_loopback"), 0);
	unsigned long reports = ukmem_report_count();
	cr_assert_eq(ukmem_module_unload("ukdma_copy"), 0);
	cr_assert_eq(ukmem_report_count(), reports, "no mapping was left behind");
	size_t listed = kmsg_count("Modules linked in: "), lines = kmsg_count("Modules linked in:");
	WARN(1, "and forgets unloaded ones\n");
	cr_assert_eq(kmsg_count("Modules linked in:"), lines + 1);
	cr_assert_eq(kmsg_count("Modules linked in: "), listed, "nothing is listed any more");
	ukmem_shutdown();
}
