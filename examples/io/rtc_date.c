// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/io/rtc_date.c: reads the date from the CMOS RTC the way the kernel's
 * mc146818 code does -- wait for no update in progress, read every field, read again
 * if the seconds moved -- honouring register B's BCD and 12-hour modes. */
#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <asm/io.h>

#define DATE_INDEX	0x70
#define DATE_DATA	0x71
#define DATE_UIP	0x80
#define DATE_BINARY	0x04
#define DATE_24H	0x02
#define DATE_PM		0x80

struct rtc_date {
	unsigned int year, month, day, hour, minute, second;
};

static unsigned char date_cmos(unsigned char reg)
{
	outb(reg, DATE_INDEX);
	return inb(DATE_DATA);
}

static unsigned int date_field(unsigned char value, unsigned char reg_b)
{
	return reg_b & DATE_BINARY ? value : (value >> 4) * 10 + (value & 0x0f);
}

static void date_read_once(struct rtc_date *d)
{
	unsigned char reg_b = date_cmos(0x0b), hour;

	while (date_cmos(0x0a) & DATE_UIP)
		;
	d->second = date_field(date_cmos(0x00), reg_b);
	d->minute = date_field(date_cmos(0x02), reg_b);
	hour = date_cmos(0x04);
	d->day = date_field(date_cmos(0x07), reg_b);
	d->month = date_field(date_cmos(0x08), reg_b);
	d->year = date_field(date_cmos(0x09), reg_b);
	d->year += d->year < 70 ? 2000 : 1900;
	d->hour = date_field(hour & ~DATE_PM, reg_b);
	if (!(reg_b & DATE_24H))
		d->hour = d->hour % 12 + (hour & DATE_PM ? 12 : 0);
}

static int rtc_date_init(void)
{
	struct rtc_date d;
	unsigned int second;

	if (!request_region(DATE_INDEX, 2, "rtc_date"))
		return -EBUSY;
	do {
		date_read_once(&d);
		second = d.second;
		date_read_once(&d);
	} while (d.second != second);
	release_region(DATE_INDEX, 2);
	pr_info("rtc_date: %04u-%02u-%02u %02u:%02u:%02u UTC\n", d.year, d.month, d.day,
		d.hour, d.minute, d.second);
	return 0;
}

static void rtc_date_exit(void)
{
	pr_info("rtc_date: unloaded\n");
}

module_init(rtc_date_init);
module_exit(rtc_date_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Reads the date from the CMOS RTC");
