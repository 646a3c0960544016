// SPDX-License-Identifier: LGPL-2.1-or-later
/* The resource trees: the machine's own resources at boot, /proc/ioports and /proc/iomem
 * text, region requests (nesting, conflicts, muxed waits), releases of unheld ranges,
 * insert/remove/allocate/lookup and region_intersects. */
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/ioport.h>
#include "kmsg.h"

/* The PC's standard ranges, there with no devices at all (ukmem.dev= pci=off), below
 * and above the RTC's. */
#define PC_PORTS_LOW				\
	"0000-001f : dma1\n"			\
	"0020-0021 : pic1\n"			\
	"0040-0043 : timer0\n"			\
	"0050-0053 : timer1\n"			\
	"0060-0060 : keyboard\n"		\
	"0064-0064 : keyboard\n"
#define PC_PORTS_HIGH				\
	"0080-008f : dma page reg\n"		\
	"00a0-00a1 : pic2\n"			\
	"00c0-00df : dma2\n"			\
	"00f0-00ff : fpu\n"
#define PC_IOPORTS	PC_PORTS_LOW PC_PORTS_HIGH

/* Those and the default devices (pci=off: no bus windows). */
#define DEFAULT_IOPORTS				\
	PC_PORTS_LOW				\
	"0070-0077 : rtc0\n"			\
	PC_PORTS_HIGH				\
	"02f8-02ff : serial\n"			\
	"0378-037a : parport0\n"		\
	"03f8-03ff : serial\n"

static void assert_proc(const char *path, const char *expected)
{
	char *text = proc_text(path);

	cr_assert(text);
	cr_assert_str_eq(text, expected);
	free(text);
}

Test(resource, default_machine_ioports)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	assert_proc("/proc/ioports",
		    "0000-0cf7 : PCI Bus 0000:00\n"
		    "  0000-001f : dma1\n"
		    "  0020-0021 : pic1\n"
		    "  0040-0043 : timer0\n"
		    "  0050-0053 : timer1\n"
		    "  0060-0060 : keyboard\n"
		    "  0064-0064 : keyboard\n"
		    "  0070-0077 : rtc0\n"
		    "  0080-008f : dma page reg\n"
		    "  00a0-00a1 : pic2\n"
		    "  00c0-00df : dma2\n"
		    "  00f0-00ff : fpu\n"
		    "  02f8-02ff : serial\n"
		    "  0378-037a : parport0\n"
		    "  03f8-03ff : serial\n"
		    "0cf8-0cff : PCI conf1\n"
		    "0d00-ffff : PCI Bus 0000:00\n");
	ukmem_shutdown();
}

Test(resource, machine_without_pci_ioports)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	assert_proc("/proc/ioports", DEFAULT_IOPORTS);
	ukmem_shutdown();
}

Test(resource, default_machine_iomem)
{
	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	assert_proc("/proc/iomem",
		    "00000000-00000fff : Reserved\n"
		    "00001000-0009ffff : System RAM\n"
		    "000a0000-000fffff : Reserved\n"
		    "  000f0000-000fffff : System ROM\n"
		    "00100000-0fffffff : System RAM\n"
		    "10000000-dfffffff : PCI Bus 0000:00\n"
		    "e0000000-efffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
		    "f0000000-febfffff : PCI Bus 0000:00\n"
		    "  fd000000-fdffffff : ukfb-vram\n"
		    "  fea00000-feafffff : 0000:00:01.0\n"
		    "  febf0000-febf0fff : ukfb-mmio\n"
		    "  febf1000-febf1fff : ukdma-mmio\n"
		    "fec00000-fec003ff : IOAPIC 0\n"
		    "fed00000-fed003ff : HPET 0\n"
		    "fee00000-fee00fff : Local APIC\n");
	ukmem_shutdown();
}

Test(resource, iomem_widens_above_4g)
{
	cr_assert_eq(ukmem_boot("mem=5G"), 0);
	assert_proc("/proc/iomem",
		    "00000000-00000fff : Reserved\n"
		    "00001000-0009ffff : System RAM\n"
		    "000a0000-000fffff : Reserved\n"
		    "  000f0000-000fffff : System ROM\n"
		    "00100000-bfffffff : System RAM\n"
		    "c0000000-dfffffff : PCI Bus 0000:00\n"
		    "e0000000-efffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
		    "f0000000-febfffff : PCI Bus 0000:00\n"
		    "  fd000000-fdffffff : ukfb-vram\n"
		    "  fea00000-feafffff : 0000:00:01.0\n"
		    "  febf0000-febf0fff : ukfb-mmio\n"
		    "  febf1000-febf1fff : ukdma-mmio\n"
		    "fec00000-fec003ff : IOAPIC 0\n"
		    "fed00000-fed003ff : HPET 0\n"
		    "fee00000-fee00fff : Local APIC\n"
		    "100000000-17fffffff : System RAM\n");
	ukmem_shutdown();
}

Test(resource, request_nests_in_non_busy_device_range)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	struct resource *res = request_region(0x3f8, 8, "ttyS0");
	cr_assert(res);
	cr_assert_eq(res->start, 0x3f8);
	cr_assert_eq(res->end, 0x3ff);
	cr_assert(res->flags & IORESOURCE_BUSY);
	cr_assert_eq(resource_type(res), IORESOURCE_IO);
	cr_assert_str_eq(res->parent->name, "serial");
	assert_proc("/proc/ioports",
		    "0000-001f : dma1\n"
		    "0020-0021 : pic1\n"
		    "0040-0043 : timer0\n"
		    "0050-0053 : timer1\n"
		    "0060-0060 : keyboard\n"
		    "0064-0064 : keyboard\n"
		    "0070-0077 : rtc0\n"
		    "0080-008f : dma page reg\n"
		    "00a0-00a1 : pic2\n"
		    "00c0-00df : dma2\n"
		    "00f0-00ff : fpu\n"
		    "02f8-02ff : serial\n"
		    "0378-037a : parport0\n"
		    "03f8-03ff : serial\n"
		    "  03f8-03ff : ttyS0\n");
	release_region(0x3f8, 8);
	assert_proc("/proc/ioports", DEFAULT_IOPORTS);
	ukmem_shutdown();
}

Test(resource, busy_overlap_fails)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	struct resource *first = request_region(0x3f8, 8, "ttyS0");
	cr_assert(first);
	cr_assert_null(request_region(0x3f8, 8, "again"));
	cr_assert_null(request_region(0x3fa, 2, "inside busy"));
	cr_assert_null(request_region(0x3f0, 0x10, "straddles serial"));
	cr_assert_null(request_region(0xfff0, 0x20, "past the end"));
	cr_assert_null(request_mem_region(0x9f000, 0x2000, "straddles RAM and Reserved"));
	/* The tree holds exactly the one claim. */
	char *text = proc_text("/proc/ioports");
	cr_assert_eq(strstr(text, "again") || strstr(text, "inside") || strstr(text, "straddles"), 0);
	cr_assert(strstr(text, "  03f8-03ff : ttyS0\n"));
	free(text);
	release_region(0x3f8, 8);
	assert_proc("/proc/ioports", DEFAULT_IOPORTS);
	ukmem_shutdown();
}

Test(resource, memory_regions_nest_in_ram_and_widen)
{
	cr_assert_eq(ukmem_boot("mem=256M pci=off"), 0);
	struct resource *ram = request_mem_region(0x200000, 0x1000, "driver buffer");
	struct resource *high = request_mem_region(0x100000000ULL, 0x1000, "bar0");
	cr_assert(ram && high);
	cr_assert_str_eq(ram->parent->name, "System RAM");
	assert_proc("/proc/iomem",
		    "00000000-00000fff : Reserved\n"
		    "00001000-0009ffff : System RAM\n"
		    "000a0000-000fffff : Reserved\n"
		    "  000f0000-000fffff : System ROM\n"
		    "00100000-0fffffff : System RAM\n"
		    "  00200000-00200fff : driver buffer\n"
		    "fd000000-fdffffff : ukfb-vram\n"
		    "febf0000-febf0fff : ukfb-mmio\n"
		    "febf1000-febf1fff : ukdma-mmio\n"
		    "fec00000-fec003ff : IOAPIC 0\n"
		    "fed00000-fed003ff : HPET 0\n"
		    "fee00000-fee00fff : Local APIC\n"
		    "100000000-100000fff : bar0\n");
	release_mem_region(0x200000, 0x1000);
	release_mem_region(0x100000000ULL, 0x1000);
	cr_assert_eq(kmsg_count("Trying to free"), 0);
	ukmem_shutdown();
}

Test(resource, releasing_unheld_range_warns_and_changes_nothing)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	cr_assert(request_region(0x3f8, 8, "ttyS0"));
	char *before = proc_text("/proc/ioports");
	release_region(0x100, 4);
	cr_assert(kmsg_contains("Trying to free nonexistent resource "
				"<0x0000000000000100-0x0000000000000103>"));
	release_region(0x3f8, 4);	/* part of a held region is not it */
	cr_assert(kmsg_contains("Trying to free nonexistent resource "
				"<0x00000000000003f8-0x00000000000003fb>"));
	release_region(0x70, 8);	/* a device's own, non-busy range */
	cr_assert_eq(kmsg_count("Trying to free nonexistent resource"), 3);
	char *after = proc_text("/proc/ioports");
	cr_assert_str_eq(after, before);
	free(before);
	free(after);
	release_region(0x3f8, 8);
	cr_assert_eq(kmsg_count("Trying to free nonexistent resource"), 3);
	ukmem_shutdown();
}

Test(resource, insert_adopts_children_and_remove_gives_them_back)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	struct resource bus = DEFINE_RES_IO_NAMED(0x0000, 0xcf8, "PCI Bus 0000:00");
	struct resource conf = DEFINE_RES_IO_NAMED(0xcf8, 8, "PCI conf1");
	struct resource bad = DEFINE_RES_IO_NAMED(0x3fc, 8, "straddles");
	cr_assert_eq(insert_resource(&ioport_resource, &bus), 0);
	cr_assert_eq(insert_resource(&ioport_resource, &conf), 0);
	cr_assert_eq(insert_resource(&ioport_resource, &bad), -EBUSY);
	cr_assert(request_region(0x3f8, 8, "ttyS0"));
	assert_proc("/proc/ioports",
		    "0000-0cf7 : PCI Bus 0000:00\n"
		    "  0000-001f : dma1\n"
		    "  0020-0021 : pic1\n"
		    "  0040-0043 : timer0\n"
		    "  0050-0053 : timer1\n"
		    "  0060-0060 : keyboard\n"
		    "  0064-0064 : keyboard\n"
		    "  0070-0077 : rtc0\n"
		    "  0080-008f : dma page reg\n"
		    "  00a0-00a1 : pic2\n"
		    "  00c0-00df : dma2\n"
		    "  00f0-00ff : fpu\n"
		    "  02f8-02ff : serial\n"
		    "  0378-037a : parport0\n"
		    "  03f8-03ff : serial\n"
		    "    03f8-03ff : ttyS0\n"
		    "0cf8-0cff : PCI conf1\n");
	cr_assert_eq(remove_resource(&bus), 0);
	cr_assert_eq(remove_resource(&conf), 0);
	cr_assert_eq(remove_resource(&conf), -EINVAL);
	release_region(0x3f8, 8);
	assert_proc("/proc/ioports", DEFAULT_IOPORTS);
	ukmem_shutdown();
}

Test(resource, indentation_stops_at_five_levels)
{
	cr_assert_eq(ukmem_boot("ukmem.dev= pci=off"), 0);
	struct resource lvl[7];
	char names[7][8];
	for (int i = 0; i < 7; i++) {
		snprintf(names[i], sizeof(names[i]), "lvl%d", i);
		lvl[i] = DEFINE_RES_IO_NAMED(0x1000 + i, 0x100 - 2 * i, names[i]);
		cr_assert_eq(insert_resource(&ioport_resource, &lvl[i]), 0);
	}
	assert_proc("/proc/ioports", PC_IOPORTS
		    "1000-10ff : lvl0\n"
		    "  1001-10fe : lvl1\n"
		    "    1002-10fd : lvl2\n"
		    "      1003-10fc : lvl3\n"
		    "        1004-10fb : lvl4\n"
		    "          1005-10fa : lvl5\n"
		    "          1006-10f9 : lvl6\n");
	for (int i = 0; i < 7; i++)
		cr_assert_eq(release_resource(&lvl[i]), 0);
	assert_proc("/proc/ioports", PC_IOPORTS);
	ukmem_shutdown();
}

static resource_size_t align_to_0x40(void *data, const struct resource *avail,
				     resource_size_t size, resource_size_t align)
{
	*(int *)data += 1;
	return (avail->start + 0x3f) & ~(resource_size_t)0x3f;
}

Test(resource, allocate_finds_aligned_gaps)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	struct resource a = { .name = "a", .flags = IORESOURCE_IO };
	struct resource b = { .name = "b", .flags = IORESOURCE_IO };
	struct resource c = { .name = "c", .flags = IORESOURCE_IO };
	struct resource big = { .name = "big", .flags = IORESOURCE_IO };
	int calls = 0;
	cr_assert_eq(allocate_resource(&ioport_resource, &a, 0x10, 0x3e0, 0xffff, 0x10, NULL, NULL), 0);
	cr_assert_eq(a.start, 0x3e0);	/* the gap between 0x37b and 0x3f7, from min */
	cr_assert_eq(a.end, 0x3ef);
	cr_assert_eq(allocate_resource(&ioport_resource, &b, 0x20, 0x3e0, 0xffff, 0x10, NULL, NULL), 0);
	cr_assert_eq(b.start, 0x400, "0x3f0-0x3f7 is too small, serial follows");
	cr_assert_eq(allocate_resource(&ioport_resource, &c, 0x10, 0x401, 0xffff, 1,
				       align_to_0x40, &calls), 0);
	cr_assert_eq(c.start, 0x440);
	cr_assert_gt(calls, 0);
	cr_assert_eq(allocate_resource(&ioport_resource, &big, 0x10000, 0, 0xffff, 1, NULL, NULL),
		     -EBUSY);
	cr_assert_null(big.parent);
	cr_assert_eq(lookup_resource(&ioport_resource, 0x400), &b);
	cr_assert_str_eq(lookup_resource(&ioport_resource, 0x70)->name, "rtc0");
	cr_assert_null(lookup_resource(&ioport_resource, 0x71));
	release_resource(&a);
	release_resource(&b);
	release_resource(&c);
	assert_proc("/proc/ioports", DEFAULT_IOPORTS);
	ukmem_shutdown();
}

Test(resource, region_intersects_ram)
{
	cr_assert_eq(ukmem_boot("mem=256M pci=off"), 0);
	cr_assert_eq(region_intersects(0x100000, 0x1000, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE),
		     REGION_INTERSECTS);
	cr_assert_eq(region_intersects(0x9f000, 0x2000, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE),
		     REGION_MIXED);
	cr_assert_eq(region_intersects(0xa0000, 0x1000, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE),
		     REGION_DISJOINT);
	cr_assert_eq(region_intersects(0xa0000, 0x1000, IORESOURCE_MEM, IORES_DESC_RESERVED),
		     REGION_INTERSECTS);
	cr_assert_eq(region_intersects(0x20000000, 0x1000, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE),
		     REGION_DISJOINT);
	/* A driver's claim inside RAM keeps the range RAM. */
	cr_assert(request_mem_region(0x200000, 0x2000, "buf"));
	cr_assert_eq(region_intersects(0x200000, 0x1000, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE),
		     REGION_INTERSECTS);
	release_mem_region(0x200000, 0x2000);
	ukmem_shutdown();
}

static int muxed_got_it;

static void *muxed_requester(void *arg)
{
	struct resource *res = request_muxed_region(0x2e, 2, "second");

	__atomic_store_n(&muxed_got_it, res ? 1 : -1, __ATOMIC_SEQ_CST);
	if (res)
		release_region(0x2e, 2);
	return NULL;
}

Test(resource, muxed_request_waits_for_the_holder)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	cr_assert(request_muxed_region(0x2e, 2, "first"));
	cr_assert_null(request_region(0x2e, 2, "plain"), "a plain request does not wait");
	pthread_t thread;
	pthread_create(&thread, NULL, muxed_requester, NULL);
	usleep(20000);
	cr_assert_eq(__atomic_load_n(&muxed_got_it, __ATOMIC_SEQ_CST), 0,
		     "the second muxed request waits while the first is held");
	release_region(0x2e, 2);
	pthread_join(thread, NULL);
	cr_assert_eq(muxed_got_it, 1);
	assert_proc("/proc/ioports", DEFAULT_IOPORTS);
	ukmem_shutdown();
}

Test(resource, unreleased_regions_go_with_the_machine)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	cr_assert(request_region(0x3f8, 8, "leaked"));
	cr_assert(request_mem_region(0x300000, 0x1000, "leaked too"));
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	assert_proc("/proc/ioports", DEFAULT_IOPORTS);
	cr_assert(request_region(0x3f8, 8, "fresh"));
	ukmem_shutdown();
}

/* The PC's standard resources are busy, as in Linux: no driver gets the PIC, the DMA
 * controllers, the keyboard ports, the PIT behind timer0, the System ROM or the APICs'
 * registers, and the failed requests leave the views as they were. */
Test(resource, pc_standard_ranges_are_busy)
{
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	char *ports = proc_text("/proc/ioports"), *mem = proc_text("/proc/iomem");

	cr_assert_null(request_region(0x20, 2, "mypic"));
	cr_assert_null(request_region(0x60, 1, "i8042"));
	cr_assert_null(request_region(0x40, 4, "mypit"), "the PIT's ports are timer0's");
	cr_assert_null(request_region(0xc0, 0x20, "mydma"));
	cr_assert_null(request_mem_region(0xf0000, 0x10000, "bios"));
	cr_assert_null(request_mem_region(0xfec00000, 0x400, "ioapic"));
	cr_assert_null(request_mem_region(0xfee00000, 0x1000, "lapic"));
	cr_assert(strstr(mem, "000a0000-000fffff : Reserved\n  000f0000-000fffff : System ROM\n"));
	cr_assert(strstr(mem, "fec00000-fec003ff : IOAPIC 0\nfed00000-fed003ff : HPET 0\n"
			 "fee00000-fee00fff : Local APIC\n"), "%s", mem);
	assert_proc("/proc/ioports", ports);
	assert_proc("/proc/iomem", mem);
	cr_assert(request_region(0x2e, 2, "superio"), "outside them requests work");
	release_region(0x2e, 2);
	free(ports);
	free(mem);
	ukmem_shutdown();
}
