/* The MC146818 CMOS RTC model against its data sheet: status registers, NVRAM, the
 * host clock, BCD/binary and 12/24-hour modes, the SET bit, UIP and the UF flag. */
#include <criterion/criterion.h>
#include <time.h>
#include <ukmem.h>
#include <asm/io.h>

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

Test(rtc, set_bit_freezes_and_sets_the_time)
{
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
	/* Let it run: it rolls into March. */
	cmos_write(0x0b, 0x02);
	while (cmos_read(0x00) == 0x58)
		;
	while (cmos_read(0x00) == 0x59)
		;
	cmos_write(0x0b, 0x80 | 0x02);
	cr_assert_eq(cmos_read(0x08), 0x03);
	cr_assert_eq(cmos_read(0x07), 0x01);
	cr_assert_eq(cmos_read(0x04), 0x00);
	cr_assert_eq(cmos_read(0x09), 0x24);
	cr_assert_eq(cmos_read(0x06), 0x06, "a Friday");
	ukmem_shutdown();
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

Test(rtc, update_in_progress_and_update_ended)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	bool seen_uip = false;

	/* UIP is up for the last 244 us of each second: wake just before a second ends and
	 * poll through it, a few seconds in a row in case the thread is not scheduled. */
	for (int attempt = 0; attempt < 8 && !seen_uip; attempt++) {
		struct timespec wake, now;

		clock_gettime(CLOCK_REALTIME, &wake);
		wake.tv_sec += 1;
		wake.tv_nsec = 1000000000L - 200000;
		clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &wake, NULL);
		do {
			seen_uip = cmos_read(0x0a) & 0x80;
			clock_gettime(CLOCK_REALTIME, &now);
		} while (!seen_uip && now.tv_sec == wake.tv_sec);
	}
	cr_assert(seen_uip);
	cmos_read(0x0c);
	uint8_t sec = cmos_read(0x00);
	while (cmos_read(0x00) == sec)
		;
	cr_assert_eq(cmos_read(0x0c) & 0x90, 0x10, "UF set, IRQF clear with UIE off");
	cmos_write(0x0b, 0x02 | 0x10);	/* UIE */
	sec = cmos_read(0x00);
	while (cmos_read(0x00) == sec)
		;
	cr_assert_eq(cmos_read(0x0c) & 0x90, 0x90);
	cmos_write(0x0a, 0x06);		/* divider in reset: no updates */
	for (int i = 0; i < 10000; i++)
		cr_assert_eq(cmos_read(0x0a), 0x06);
	ukmem_shutdown();
}
