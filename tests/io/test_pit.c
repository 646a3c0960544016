// SPDX-License-Identifier: LGPL-2.1-or-later
/* The i8254 PIT model against its data sheet: control words and status read-back,
 * access modes, the counter latch, and counting in modes 0, 2 and 3. Counting on the
 * host's clock is checked through what must hold however long the test takes; exact
 * counts through a fake clock (fake_clock.h) the test steps by hand. */
#include <criterion/criterion.h>
#include <ukmem.h>
#include <asm/io.h>
#include "fake_clock.h"

#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_CMD		0x43

static uint8_t read_back_status(int channel)
{
	outb(0xc0 | 0x20 | (2 << channel), PIT_CMD);	/* read-back: status only */
	return inb(PIT_CH0 + channel);
}

static uint16_t latched_count(int channel)
{
	outb((uint8_t)(channel << 6), PIT_CMD);		/* counter latch */
	uint8_t lo = inb(PIT_CH0 + channel);
	return (uint16_t)(lo | inb(PIT_CH0 + channel) << 8);
}

Test(pit, control_word_and_status)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x34, PIT_CMD);			/* ch0, lo/hi, mode 2, binary */
	cr_assert_eq(read_back_status(0), 0x40 | 0x80 | 0x34, "NULL COUNT until loaded");
	outb(0xe8, PIT_CH0);
	outb(0x03, PIT_CH0);			/* 1000 */
	cr_assert_eq(read_back_status(0) & 0x7f, 0x34, "count loaded");
	outb(0xb0, PIT_CMD);			/* ch2, lo/hi, mode 0 */
	cr_assert_eq(read_back_status(2), 0x40 | 0x30, "mode 0: OUT low after the control word");
	cr_assert_eq(inb(PIT_CMD), 0xff, "the control word is write-only");
	ukmem_shutdown();
}

/* Programs counter 0 (lo/hi access) and checks a thousand latched counts. */
static void assert_counts(uint8_t control, uint16_t initial, uint16_t lowest, bool even)
{
	outb(control, PIT_CMD);
	outb(initial & 0xff, PIT_CH0);
	outb(initial >> 8, PIT_CH0);
	for (int i = 0; i < 1000; i++) {
		uint16_t count = latched_count(0);
		cr_assert(count >= lowest && count <= initial, "count %u", count);
		cr_assert(!even || !(count & 1), "count %u", count);
	}
}

Test(pit, mode2_counts_within_its_period)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	assert_counts(0x34, 1000, 1, false);
	ukmem_shutdown();
}

Test(pit, mode3_counts_down_by_two)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	assert_counts(0x36, 1000, 2, true);
	ukmem_shutdown();
}

#define PIT_CLOCK_NS(n)	((n) * 1000000000LL / 1193182 + 1)	/* n clocks have passed */

Test(pit, mode0_reaches_terminal_count)
{
	fake_clock_install(0, 0);
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x30, PIT_CMD);			/* ch0, lo/hi, mode 0 */
	outb(0x00, PIT_CH0);
	cr_assert_eq(read_back_status(0) & 0x80, 0, "OUT low while counting");
	outb(0x80, PIT_CH0);			/* 0x8000: 27 ms */
	cr_assert_eq(latched_count(0), 0x8000);
	fake_clock_advance(2000000);		/* 2 ms: 2386.364 clocks */
	cr_assert_eq(latched_count(0), 0x8000 - 2386, "it counts down");
	cr_assert_eq(read_back_status(0) & 0x80, 0);
	fake_clock_advance(PIT_CLOCK_NS(0x8000) - 2000000);
	cr_assert_eq(read_back_status(0) & 0x80, 0x80, "OUT high at terminal count");
	cr_assert_eq(latched_count(0), 0);
	fake_clock_advance(PIT_CLOCK_NS(1));
	cr_assert_eq(latched_count(0), 0xffff, "and the count wraps on");
	outb(0x10, PIT_CMD);			/* ch0, LSB only, mode 0 */
	outb(2, PIT_CH0);
	fake_clock_advance(PIT_CLOCK_NS(1));
	cr_assert_eq(read_back_status(0) & 0x80, 0, "one clock of two");
	fake_clock_advance(PIT_CLOCK_NS(1));
	cr_assert(read_back_status(0) & 0x80, "OUT high at terminal count");
	fake_clock_advance(1000000000LL);
	cr_assert(read_back_status(0) & 0x80, "and it stays high");
	ukmem_shutdown();
	model_clock_set(NULL);
}

Test(pit, latch_holds_the_count_until_read)
{
	fake_clock_install(0, 0);
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x30, PIT_CMD);
	outb(0x00, PIT_CH0);
	outb(0x80, PIT_CH0);
	fake_clock_advance(1000000);		/* 1193.182 clocks */
	outb(0x00, PIT_CMD);			/* latch */
	uint8_t lo = inb(PIT_CH0);
	fake_clock_advance(3000000);		/* 3579.546 more */
	outb(0x00, PIT_CMD);			/* ignored: the first latch is still unread */
	uint16_t latched = (uint16_t)(lo | inb(PIT_CH0) << 8);
	cr_assert_eq(latched, 0x8000 - 1193, "the count when latched");
	cr_assert_eq(latched_count(0), 0x8000 - 4772, "the live count moved on");
	ukmem_shutdown();
	model_clock_set(NULL);
}

Test(pit, access_modes)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0xa4, PIT_CMD);			/* ch2, MSB only, mode 2 */
	outb(0x10, PIT_CH2);			/* 0x1000 */
	outb(0x80, PIT_CMD);			/* latch ch2 */
	uint8_t msb = inb(PIT_CH2);
	cr_assert_leq(msb, 0x10, "MSB only reads the high byte");
	outb(0x80, PIT_CMD);
	uint8_t again = inb(PIT_CH2);
	cr_assert_leq(again, 0x10, "one byte per latch in MSB mode");
	cr_assert_eq(read_back_status(2) & 0x3f, 0x24);
	outb(0x95, PIT_CMD);			/* ch2, LSB only, mode 2, BCD */
	outb(0x99, PIT_CH2);			/* 99 in BCD */
	for (int i = 0; i < 100; i++) {
		outb(0x80, PIT_CMD);
		uint8_t v = inb(PIT_CH2);
		cr_assert((v & 0x0f) <= 9 && (v >> 4) <= 9, "BCD digits: 0x%02x", v);
		cr_assert(v >= 0x01 && v <= 0x99);
	}
	ukmem_shutdown();
}
