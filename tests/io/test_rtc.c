// SPDX-License-Identifier: LGPL-2.1-or-later
/* The MC146818 CMOS RTC model against its data sheet: status registers, NVRAM, the
 * host clock, BCD/binary and 12/24-hour modes, the SET bit, UIP and the UF flag. The
 * tests of time passing step a fake clock (fake_clock.h) to exact instants, so they
 * hold however the test process is scheduled. */
#include <criterion/criterion.h>
#include <time.h>
#include <ukmem.h>
#include <asm/io.h>
#include "fake_clock.h"

#define RTC_INDEX	0x70
#define RTC_DATA	0x71

static uint8_t cmos_read(uint8_t reg)
{
	outb(reg, RTC_INDEX);
	return inb(RTC_DATA);
}

static void cmos_write(uint8_t reg, uint8_t value)
{
	outb(reg, RTC_INDEX);
	outb(value, RTC_DATA);
}

static int bcd(uint8_t v)
{
	return (v >> 4) * 10 + (v & 15);
}

Test(rtc, status_registers_at_reset)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(cmos_read(0x0a) & 0x7f, 0x26, "32.768 kHz divider, 1024 Hz rate");
	cr_assert_eq(cmos_read(0x0b), 0x02, "24-hour BCD");
	cr_assert_eq(cmos_read(0x0d), 0x80, "valid RAM and time");
	cmos_write(0x0d, 0x00);
	cr_assert_eq(cmos_read(0x0d), 0x80, "register D is read-only");
	cr_assert_eq(inb(RTC_INDEX), 0xff, "the index register is write-only");
	ukmem_shutdown();
}

Test(rtc, nvram_keeps_114_bytes)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	for (int reg = 0x0e; reg < 0x80; reg++)
		cmos_write(reg, (uint8_t)(reg * 7 + 1));
	for (int reg = 0x0e; reg < 0x80; reg++)
		cr_assert_eq(cmos_read(reg), (uint8_t)(reg * 7 + 1), "byte 0x%x", reg);
	cr_assert_eq(cmos_read(0x80 | 0x20), (uint8_t)(0x20 * 7 + 1), "bit 7 is the NMI mask");
	cr_assert_eq(cmos_read(0x0b), 0x02, "NVRAM writes left register B alone");
	ukmem_shutdown();
}

static time_t rtc_binary_now(void)
{
	struct tm tm = { 0 };

	tm.tm_sec = cmos_read(0x00);
	tm.tm_min = cmos_read(0x02);
	tm.tm_hour = cmos_read(0x04);
	tm.tm_mday = cmos_read(0x07);
	tm.tm_mon = cmos_read(0x08) - 1;
	tm.tm_year = cmos_read(0x09) + 100;
	return timegm(&tm);
}

Test(rtc, reads_the_host_clock)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cmos_write(0x0b, 0x02 | 0x04);	/* binary */
	time_t before = time(NULL);
	time_t rtc = rtc_binary_now();
	time_t after = time(NULL);
	/* Fields read one by one can straddle a second; allow the minute to carry. */
	cr_assert_geq(rtc, before - 60);
	cr_assert_leq(rtc, after + 1);
	uint8_t wday = cmos_read(0x06);
	cr_assert(wday >= 1 && wday <= 7);
	ukmem_shutdown();
}

#define NOON_2023_11_14	1699963200	/* 2023-11-14 12:00:00 UTC */

Test(rtc, set_bit_freezes_and_sets_the_time)
{
	fake_clock_install(NOON_2023_11_14, 500000000);
	cr_assert_eq(ukmem_boot(NULL), 0);
	cmos_write(0x0b, 0x80 | 0x02);	/* SET, 24-hour BCD */
	cmos_write(0x00, 0x58);
	cmos_write(0x02, 0x59);
	cmos_write(0x04, 0x23);
	cmos_write(0x07, 0x29);
	cmos_write(0x08, 0x02);
	cmos_write(0x09, 0x24);		/* 2024-02-29 23:59:58 */
	cr_assert_eq(cmos_read(0x00), 0x58);
	cr_assert_eq(cmos_read(0x04), 0x23);
	cr_assert_eq(cmos_read(0x06), 0x05, "a Thursday");
	cr_assert_eq(cmos_read(0x0a) & 0x80, 0, "no update in progress while SET");
	cr_assert_eq(cmos_read(0x0c) & 0x10, 0, "no update-ended flag while SET");
	/* Modes change how the held time reads. */
	cmos_write(0x0b, 0x80 | 0x02 | 0x04);
	cr_assert_eq(cmos_read(0x04), 23);
	cr_assert_eq(cmos_read(0x07), 29);
	cmos_write(0x0b, 0x80);		/* 12-hour BCD */
	cr_assert_eq(cmos_read(0x04), 0x80 | 0x11, "11 PM");
	cmos_write(0x0b, 0x80 | 0x04);	/* 12-hour binary */
	cr_assert_eq(cmos_read(0x04), 0x80 | 11);
	fake_clock_advance(5000000000LL);
	cr_assert_eq(cmos_read(0x00), 58, "SET holds the time while the clock runs");
	/* Let it run: it rolls into March. */
	cmos_write(0x0b, 0x02);
	fake_clock_advance(1000000000LL);
	cr_assert_eq(cmos_read(0x00), 0x59);
	cr_assert_eq(cmos_read(0x07), 0x29);
	fake_clock_advance(1000000000LL);
	cr_assert_eq(cmos_read(0x00), 0x00);
	cmos_write(0x0b, 0x80 | 0x02);
	fake_clock_advance(3000000000LL);
	cr_assert_eq(cmos_read(0x00), 0x00, "held again");
	cr_assert_eq(cmos_read(0x08), 0x03);
	cr_assert_eq(cmos_read(0x07), 0x01);
	cr_assert_eq(cmos_read(0x04), 0x00);
	cr_assert_eq(cmos_read(0x09), 0x24);
	cr_assert_eq(cmos_read(0x06), 0x06, "a Friday");
	ukmem_shutdown();
	model_clock_set(NULL);
}

Test(rtc, twelve_hour_writes)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cmos_write(0x0b, 0x80);		/* SET, 12-hour BCD */
	cmos_write(0x04, 0x12);		/* 12 AM */
	cmos_write(0x0b, 0x80 | 0x02);
	cr_assert_eq(cmos_read(0x04), 0x00);
	cmos_write(0x0b, 0x80);
	cmos_write(0x04, 0x80 | 0x12);	/* 12 PM */
	cmos_write(0x0b, 0x80 | 0x02);
	cr_assert_eq(cmos_read(0x04), 0x12);
	cmos_write(0x0b, 0x80);
	cmos_write(0x04, 0x80 | 0x07);	/* 7 PM */
	cmos_write(0x0b, 0x80 | 0x02);
	cr_assert_eq(bcd(cmos_read(0x04)), 19);
	ukmem_shutdown();
}

/* What a driver's update protocol relies on (Linux's mc146818_get_time: wait while UIP
 * is set, then read): UIP is up for exactly the last 244 us of each second, the time
 * fields change when it drops, register C's UF says a second ended and its read
 * acknowledges it; IRQF joins UF only with UIE; no updates while SET is held or the
 * divider is in reset. PF (the periodic flag, 1024 Hz by default) is set whatever PIE
 * says, as on the chip, so it is masked out. */
Test(rtc, update_in_progress_and_update_ended)
{
	fake_clock_install(NOON_2023_11_14, 500000000);
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(cmos_read(0x0c) & 0xb0, 0x00, "no second has ended since reset");
	cr_assert_eq(cmos_read(0x00), 0x00);

	fake_clock_realtime_at(999755999);
	cr_assert_eq(cmos_read(0x0a) & 0x80, 0, "UIP not yet 244 us before the update");
	fake_clock_realtime_at(999756000);
	cr_assert_eq(cmos_read(0x0a) & 0x80, 0x80, "UIP 244 us before the update");
	cr_assert_eq(cmos_read(0x00), 0x00, "the old second while the update is pending");
	cr_assert_eq(cmos_read(0x0c) & 0xb0, 0x00, "no update ended yet");
	fake_clock_realtime_at(999999999);
	cr_assert_eq(cmos_read(0x0a) & 0x80, 0x80);
	fake_clock_advance(1);
	cr_assert_eq(cmos_read(0x0a), 0x26, "UIP drops as the update ends");
	cr_assert_eq(cmos_read(0x00), 0x01);
	cr_assert_eq(cmos_read(0x0c) & 0x90, 0x10, "UF set, IRQF clear with UIE off");
	cr_assert_eq(cmos_read(0x0c) & 0xb0, 0x00, "reading register C acknowledged UF");

	cmos_write(0x0b, 0x02 | 0x10);	/* UIE */
	fake_clock_realtime_at(999999999);
	cr_assert_eq(cmos_read(0x0c) & 0xb0, 0x00);
	fake_clock_advance(1);
	cr_assert_eq(cmos_read(0x0c) & 0x90, 0x90, "UF and IRQF with UIE");
	cr_assert_eq(cmos_read(0x0c) & 0xb0, 0x00);
	fake_clock_advance(3000000000LL);
	cr_assert_eq(cmos_read(0x0c) & 0x90, 0x90, "several seconds ended: one flag");
	cr_assert_eq(cmos_read(0x00), 0x05);

	cmos_write(0x0b, 0x80 | 0x02);	/* SET: no updates */
	fake_clock_realtime_at(999900000);
	cr_assert_eq(cmos_read(0x0a) & 0x80, 0, "no UIP while SET");
	fake_clock_advance(1000000000LL);
	cr_assert_eq(cmos_read(0x0c) & 0xb0, 0x00, "no UF while SET");
	cmos_write(0x0b, 0x02);

	cmos_write(0x0a, 0x06);		/* divider in reset: no updates */
	fake_clock_realtime_at(999900000);
	cr_assert_eq(cmos_read(0x0a), 0x06);
	cmos_write(0x0a, 0x26);
	cr_assert_eq(cmos_read(0x0a), 0x80 | 0x26, "UIP again once the divider runs");
	ukmem_shutdown();
	model_clock_set(NULL);
}
