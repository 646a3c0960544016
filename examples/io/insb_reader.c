// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/io/insb_reader.c: a driver that reads a block with insb. Its "hardware" is a
 * small device model it attaches first -- a 64-byte ROM behind two ports, as an old ISA
 * card might have: writing 0 to the control port rewinds it, and each read of the data
 * port returns the next byte. The driver claims the ports, rewinds the ROM, reads the
 * whole block with one insb and checks its signature and checksum. */
#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <asm/io.h>
#include <ukmem.h>

#define ROM_BASE	0x2e0
#define ROM_DATA	(ROM_BASE + 0)
#define ROM_CONTROL	(ROM_BASE + 1)
#define ROM_SIZE	64

/* ---- the device: what the card would do ---- */
struct rom_card {
	struct ukmem_port_device dev;
	unsigned char rom[ROM_SIZE];
	unsigned int next;
};

static uint32_t rom_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	struct rom_card *card = (struct rom_card *)dev;

	if (offset != 0)
		return 0xff;
	return card->rom[card->next++ % ROM_SIZE];
}

static void rom_write(struct ukmem_port_device *dev, unsigned int offset, int size,
		      uint32_t value)
{
	if (offset == 1 && value == 0)
		((struct rom_card *)dev)->next = 0;
}

static struct rom_card rom_card = {
	.dev = { .name = "rom card", .base = ROM_BASE, .nr_ports = 2, .widths = 1,
		 .read = rom_read, .write = rom_write },
	.rom = "UKROM" "\x01" "block of data read with insb",
};

/* ---- the driver ---- */
static int insb_reader_init(void)
{
	unsigned char block[ROM_SIZE];
	unsigned int sum = 0, i;
	int err = ukmem_port_attach(&rom_card.dev);

	if (err)
		return err;
	if (!request_region(ROM_BASE, 2, "insb_reader")) {
		ukmem_port_detach(&rom_card.dev);
		return -EBUSY;
	}
	outb(0, ROM_CONTROL);
	insb(ROM_DATA, block, ROM_SIZE);
	release_region(ROM_BASE, 2);
	ukmem_port_detach(&rom_card.dev);
	if (__builtin_memcmp(block, "UKROM", 5)) {
		pr_err("insb_reader: no ROM signature\n");
		return -ENODEV;
	}
	for (i = 0; i < ROM_SIZE; i++)
		sum += block[i];
	pr_info("insb_reader: read %d bytes, version %u, \"%s\", checksum 0x%04x\n", ROM_SIZE,
		block[5], (const char *)block + 6, sum);
	return 0;
}

static void insb_reader_exit(void)
{
	pr_info("insb_reader: unloaded\n");
}

module_init(insb_reader_init);
module_exit(insb_reader_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Reads a block of data from an I/O port with insb");
