// SPDX-License-Identifier: LGPL-2.1-or-later
/* The parallel port model: the SPP register checks parport_pc does at probe time, and
 * the loopback plug's wiring from data and control lines back to status. */
#include <criterion/criterion.h>
#include <ukmem.h>
#include <asm/io.h>

#define LPT_DATA	0x378
#define LPT_STATUS	0x379
#define LPT_CONTROL	0x37a

Test(parport, spp_registers_read_back)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x0c, LPT_CONTROL);
	cr_assert_eq(inb(LPT_CONTROL) & 0x0f, 0x0c);
	outb(0x0e, LPT_CONTROL);
	cr_assert_eq(inb(LPT_CONTROL) & 0x0f, 0x0e);
	outb(0xaa, LPT_DATA);
	cr_assert_eq(inb(LPT_DATA), 0xaa);
	outb(0x55, LPT_DATA);
	cr_assert_eq(inb(LPT_DATA), 0x55);
	outb(0x20, LPT_CONTROL);		/* direction: input */
	outb(0xaa, LPT_DATA);
	cr_assert_eq(inb(LPT_DATA), 0xaa, "no PS/2 bidirectional mode");
	outb(0x12, LPT_STATUS);
	cr_assert_eq(inb(LPT_STATUS) & 0x07, 0, "status is read-only");
	cr_assert_eq(inb(LPT_DATA + 3), 0xff, "no EPP registers");
	ukmem_shutdown();
}

Test(parport, loopback_plug_wiring)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	static const struct { uint8_t control, data, status; } wiring[] = {
		{ 0x00, 0x00, 0x30 },	/* nStrobe, nAutoFd high: Select, PaperOut */
		{ 0x01, 0x00, 0x20 },	/* Strobe drops Select */
		{ 0x02, 0x00, 0x10 },	/* AutoFd drops PaperOut */
		{ 0x04, 0x00, 0x70 },	/* nInit high: nAck */
		{ 0x08, 0x00, 0xb0 },	/* SelectIn: Busy bit */
		{ 0x00, 0x01, 0x38 },	/* D0: nError */
		{ 0x0f, 0xfe, 0xc0 },
	};
	for (unsigned i = 0; i < sizeof(wiring) / sizeof(wiring[0]); i++) {
		outb(wiring[i].control, LPT_CONTROL);
		outb(wiring[i].data, LPT_DATA);
		cr_assert_eq(inb(LPT_STATUS), wiring[i].status, "row %u", i);
	}
	ukmem_shutdown();
}
