// SPDX-License-Identifier: LGPL-2.1-or-later
/* The port bus: undecoded ports, dispatch to an attached device, access-size
 * splitting, string and pausing forms, attach conflicts, ukmem.dev= and concurrency. */
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/ioport.h>
#include "kmsg.h"

/* A device with four byte registers that also decodes 16- and 32-bit accesses, and
 * counts the calls it gets. */
struct regfile {
	struct ukmem_port_device dev;
	uint8_t reg[4];
	unsigned long reads, writes;
	int released;
};

static uint32_t regfile_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	struct regfile *rf = (struct regfile *)dev;
	uint32_t value = 0;

	rf->reads++;
	memcpy(&value, rf->reg + offset, (size_t)size);
	return value;
}

static void regfile_write(struct ukmem_port_device *dev, unsigned int offset, int size,
			  uint32_t value)
{
	struct regfile *rf = (struct regfile *)dev;

	rf->writes++;
	memcpy(rf->reg + offset, &value, (size_t)size);
}

static void regfile_release(struct ukmem_port_device *dev)
{
	((struct regfile *)dev)->released++;
}

static struct regfile regfile(unsigned int base, unsigned int widths)
{
	return (struct regfile){ .dev = { .name = "regfile", .base = base, .nr_ports = 4,
					  .widths = widths, .read = regfile_read,
					  .write = regfile_write, .release = regfile_release } };
}

Test(portio, undecoded_ports_read_all_ones)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x12, 0x200);
	outw(0x1234, 0x200);
	outl(0x12345678, 0x200);
	cr_assert_eq(inb(0x200), 0xff);
	cr_assert_eq(inw(0x200), 0xffff);
	cr_assert_eq(inl(0x200), 0xffffffff);
	cr_assert_eq(inb(0xffff), 0xff);
	outb(0x77, 0x3ff);
	cr_assert_eq(inb(0x3ff + 0x10000), 0x77, "port numbers wrap at 64K");
	ukmem_shutdown();
}

Test(portio, attached_device_gets_whole_accesses)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct regfile rf = regfile(0x500, 1 | 2 | 4);
	cr_assert_eq(ukmem_port_attach(&rf.dev), 0);
	outl(0xdeadbeef, 0x500);
	cr_assert_eq(rf.writes, 1);
	cr_assert_eq(inl(0x500), 0xdeadbeef);
	cr_assert_eq(inw(0x502), 0xdead);
	cr_assert_eq(inb(0x501), 0xbe);
	cr_assert_eq(rf.reads, 3);
	outw_p(0x1122, 0x500);
	cr_assert_eq(inb_p(0x500), 0x22);
	cr_assert_eq(inl(0x500), 0xdead1122);
	/* A 32-bit access running past the device is split into bytes. */
	cr_assert_eq(inl(0x502), 0xffffdead);
	char *text = proc_text("/proc/ioports");
	cr_assert(strstr(text, "0500-0503 : regfile\n"));
	free(text);
	ukmem_port_detach(&rf.dev);
	cr_assert_eq(rf.released, 1);
	cr_assert_eq(inl(0x500), 0xffffffff);
	text = proc_text("/proc/ioports");
	cr_assert_null(strstr(text, "regfile"));
	free(text);
	ukmem_shutdown();
}

Test(portio, byte_device_sees_wide_accesses_as_bytes)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct regfile rf = regfile(0x600, 1);
	cr_assert_eq(ukmem_port_attach(&rf.dev), 0);
	outl(0x44332211, 0x600);
	cr_assert_eq(rf.writes, 4);
	cr_assert_eq(rf.reg[0], 0x11);
	cr_assert_eq(rf.reg[3], 0x44);
	cr_assert_eq(inw(0x602), 0x4433);
	cr_assert_eq(rf.reads, 2);
	ukmem_shutdown();
	cr_assert_eq(rf.released, 1, "shutdown detaches the device");
}

Test(portio, string_forms_move_count_units)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct regfile rf = regfile(0x700, 1 | 2 | 4);
	cr_assert_eq(ukmem_port_attach(&rf.dev), 0);
	const uint16_t words[3] = { 0x0102, 0x0304, 0x0506 };
	outsw(0x700, words, 3);
	cr_assert_eq(rf.writes, 3);
	cr_assert_eq(inw(0x700), 0x0506, "each unit went to the same port");
	uint8_t bytes[5];
	memset(bytes, 0, sizeof(bytes));
	insb(0x701, bytes, 5);
	for (int i = 0; i < 5; i++)
		cr_assert_eq(bytes[i], 0x05);
	uint32_t longs[2] = { 0 };
	insl(0x900, longs, 2);
	cr_assert_eq(longs[0], 0xffffffff);
	cr_assert_eq(longs[1], 0xffffffff);
	ukmem_shutdown();
}

Test(portio, overlapping_attach_is_refused)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct regfile over_com1 = regfile(0x3fc, 1);
	struct regfile bad = regfile(0xfffe, 1);
	outb(0x33, 0x3ff);
	cr_assert_eq(ukmem_port_attach(&over_com1.dev), -EBUSY);
	cr_assert(kmsg_contains("regfile at 0x03fc-0x03ff: ports already taken"));
	cr_assert_eq(ukmem_port_attach(&bad.dev), -EINVAL);
	cr_assert_eq(inb(0x3ff), 0x33, "COM1's scratch register is still COM1's");
	ukmem_shutdown();
	cr_assert_eq(over_com1.released, 0);
}

Test(portio, request_region_over_an_attached_device)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct regfile rf = regfile(0x500, 1);
	cr_assert_eq(ukmem_port_attach(&rf.dev), 0);
	struct resource *res = request_region(0x500, 4, "mydrv");
	cr_assert(res);
	cr_assert_str_eq(res->parent->name, "regfile");
	cr_assert_null(request_region(0x500, 1, "second driver"));
	release_region(0x500, 4);
	ukmem_shutdown();
}

Test(portio, command_line_picks_the_devices)
{
	cr_assert_eq(ukmem_boot("ukmem.dev=uart@0x3e8,rtc@0x170"), 0);
	char *text = proc_text("/proc/ioports");
	/* the PC's standard ranges are there whatever the devices (timer0 with no PIT) */
	cr_assert_str_eq(text, "0000-0cf7 : PCI Bus 0000:00\n"
			 "  0000-001f : dma1\n  0020-0021 : pic1\n  0040-0043 : timer0\n"
			 "  0050-0053 : timer1\n  0060-0060 : keyboard\n  0064-0064 : keyboard\n"
			 "  0080-008f : dma page reg\n  00a0-00a1 : pic2\n  00c0-00df : dma2\n"
			 "  00f0-00ff : fpu\n  0170-0177 : rtc0\n"
			 "  03e8-03ef : serial\n0cf8-0cff : PCI conf1\n0d00-ffff : PCI Bus 0000:00\n");
	free(text);
	cr_assert_eq(inb(0x3f8 + 7), 0xff, "no COM1 on this machine");
	outb(0x5a, 0x3e8 + 7);
	cr_assert_eq(inb(0x3e8 + 7), 0x5a);
	cr_assert_eq(ukmem_dev_attach("parport@0x278"), 0);
	cr_assert_eq(ukmem_dev_attach("parport@0x278"), -EBUSY);
	cr_assert_eq(ukmem_dev_attach("toaster@0x100"), -EINVAL);
	cr_assert_eq(ukmem_dev_attach("uart@"), -EINVAL);
	cr_assert_eq(ukmem_dev_attach("uart@0x10000"), -EINVAL);
	outb(0xa5, 0x278);
	cr_assert_eq(inb(0x278), 0xa5);
	ukmem_shutdown();
}

Test(portio, bad_device_list_fails_boot)
{
	cr_assert_eq(ukmem_boot("ukmem.dev=uart@0x3f8,uart@0x3f8"), -EBUSY);
	cr_assert_eq(ukmem_is_booted(), 0);
	cr_assert_eq(ukmem_boot("ukmem.dev=uart@nowhere"), -EINVAL);
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *text = proc_text("/proc/ioports");
	cr_assert(strstr(text, "03f8-03ff : serial\n"));
	free(text);
	ukmem_shutdown();
}

/* A counter register: each write adds its value; a lost update shows in the total. */
struct counter {
	struct ukmem_port_device dev;
	uint32_t total;
};

static uint32_t counter_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	return ((struct counter *)dev)->total;
}

static void counter_write(struct ukmem_port_device *dev, unsigned int offset, int size,
			  uint32_t value)
{
	struct counter *c = (struct counter *)dev;
	uint32_t seen = c->total;

	__asm__ volatile("" ::: "memory");
	c->total = seen + value;
}

#define COUNTER_THREADS	4
#define COUNTER_WRITES	20000

static void *hammer(void *arg)
{
	for (int i = 0; i < COUNTER_WRITES; i++)
		outl(1, 0x800);
	return NULL;
}

Test(portio, calls_into_a_device_are_serialised)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct counter c = { .dev = { .name = "counter", .base = 0x800, .nr_ports = 4,
				      .widths = 4, .read = counter_read,
				      .write = counter_write } };
	cr_assert_eq(ukmem_port_attach(&c.dev), 0);
	pthread_t threads[COUNTER_THREADS];
	for (int i = 0; i < COUNTER_THREADS; i++)
		pthread_create(&threads[i], NULL, hammer, NULL);
	for (int i = 0; i < COUNTER_THREADS; i++)
		pthread_join(threads[i], NULL);
	cr_assert_eq(inl(0x800), COUNTER_THREADS * COUNTER_WRITES);
	ukmem_shutdown();
}
