// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/rtc_cmos.c: an MC146818 CMOS RTC and NVRAM model. Even ports are the index
 * register (bit 7 is the NMI mask; reads give 0xff), odd ports the data register.
 * Registers: seconds..year read the UTC clock (CLOCK_REALTIME as drivers/model_clock.h
 * gives it) plus an offset that time writes move; register B picks BCD or binary (DM)
 * and 12- or 24-hour (bit 1, PM in bit 7 of the hour); its SET bit freezes the time
 * while a driver writes all fields, and clearing it starts the clock from them. Register
 * A's UIP is set during the last 244 us of each second (not while SET is held or the
 * divider is stopped); register D has VRT set. Register C gathers PF (each period of
 * the rate in register A's RS bits: 256 Hz, 128 Hz, then 32768 >> (RS - 1)), AF (the
 * time matched the alarm bytes, 0xc0-0xff matching anything) and UF (a second ticked),
 * with IRQF when one of them is enabled in register B (PIE, AIE, UIE); reading it
 * clears them all. IRQF drives IRQ 8 (for the RTC at 0x70), so each new interrupt is
 * a rising edge once the driver has read register C. Periods count on the model
 * clock's CLOCK_MONOTONIC, seconds on its CLOCK_REALTIME; a model timer brings the next
 * enabled event. Invariant: every state change is under rtc->lock. 0x0e-0x7f are the 114 NVRAM bytes, kept
 * for the machine's life; the alarm bytes keep what is written. Day of week is derived
 * from the date (1 = Sunday); two-digit years below 70 are 20xx. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/types.h>
#include "drivers/model_clock.h"
#include "drivers/model_events.h"
#include "drivers/models.h"

#define RTC_SECONDS		0x00
#define RTC_MINUTES		0x02
#define RTC_HOURS		0x04
#define RTC_DAY_OF_WEEK		0x06
#define RTC_DAY_OF_MONTH	0x07
#define RTC_MONTH		0x08
#define RTC_YEAR		0x09
#define RTC_REG_A		0x0a
#define RTC_REG_B		0x0b
#define RTC_REG_C		0x0c
#define RTC_REG_D		0x0d
#define RTC_NVRAM_START		0x0e
#define RTC_NR_REGS		0x80

#define RTC_UIP		0x80
#define RTC_DIV_RUNNING	0x20	/* DV2-0 = 010: 32.768 kHz time base */
#define RTC_DIV_MASK	0x70
#define RTC_SET		0x80
#define RTC_PIE		0x40
#define RTC_AIE		0x20
#define RTC_UIE		0x10
#define RTC_PF		0x40
#define RTC_AF		0x20
#define RTC_RATE_MASK	0x0f
#define RTC_SECONDS_ALARM	0x01
#define RTC_MINUTES_ALARM	0x03
#define RTC_HOURS_ALARM		0x05
#define RTC_DM_BINARY	0x04
#define RTC_24H		0x02
#define RTC_UF		0x10
#define RTC_IRQF	0x80
#define RTC_VRT		0x80
#define RTC_PM		0x80
#define RTC_UIP_NSEC	244000

struct rtc_cmos {
	struct ukmem_port_device dev;
	u8 index;
	u8 regs[RTC_NR_REGS];	/* A, B, alarms and NVRAM; the time is computed */
	time_t offset;		/* RTC time minus host time, in seconds */
	struct tm held;		/* the time while SET is held */
	time_t last_sec;	/* RTC second at the last look */
	uint64_t last_period;	/* index of the last periodic boundary seen */
	u8 flags;		/* PF, AF, UF until register C is read */
	bool irq_out;
	int irq;		/* -1: not wired */
	pthread_mutex_t lock;
	struct model_timer timer;
};

static struct timespec host_now(void)
{
	struct timespec ts;

	model_clock_get(CLOCK_REALTIME, &ts);
	return ts;
}

static time_t rtc_seconds(struct rtc_cmos *rtc)
{
	return host_now().tv_sec + rtc->offset;
}

static struct tm rtc_time(struct rtc_cmos *rtc)
{
	struct tm tm;
	time_t t = rtc_seconds(rtc);

	if (rtc->regs[RTC_REG_B] & RTC_SET)
		return rtc->held;
	gmtime_r(&t, &tm);
	return tm;
}

static void set_rtc_time(struct rtc_cmos *rtc, struct tm *tm)
{
	tm->tm_isdst = 0;
	rtc->offset = timegm(tm) - host_now().tv_sec;
}

static bool bcd_mode(struct rtc_cmos *rtc)
{
	return !(rtc->regs[RTC_REG_B] & RTC_DM_BINARY);
}

static u8 encode(struct rtc_cmos *rtc, int value)
{
	return bcd_mode(rtc) ? (u8)((value / 10) << 4 | value % 10) : (u8)value;
}

static int decode(struct rtc_cmos *rtc, u8 value)
{
	return bcd_mode(rtc) ? (value >> 4) * 10 + (value & 0x0f) : value;
}

static u8 encode_hour(struct rtc_cmos *rtc, int hour)
{
	if (rtc->regs[RTC_REG_B] & RTC_24H)
		return encode(rtc, hour);
	return encode(rtc, hour % 12 ? hour % 12 : 12) | (hour >= 12 ? RTC_PM : 0);
}

static int decode_hour(struct rtc_cmos *rtc, u8 value)
{
	int hour;

	if (rtc->regs[RTC_REG_B] & RTC_24H)
		return decode(rtc, value);
	hour = decode(rtc, value & ~RTC_PM) % 12;
	return value & RTC_PM ? hour + 12 : hour;
}

static u8 read_time_field(struct rtc_cmos *rtc, unsigned int reg)
{
	struct tm tm = rtc_time(rtc);
	time_t t;

	if (reg == RTC_DAY_OF_WEEK) {	/* the held fields may not be normalised yet */
		t = timegm(&tm);
		gmtime_r(&t, &tm);
	}

	switch (reg) {
	case RTC_SECONDS:	return encode(rtc, tm.tm_sec);
	case RTC_MINUTES:	return encode(rtc, tm.tm_min);
	case RTC_HOURS:		return encode_hour(rtc, tm.tm_hour);
	case RTC_DAY_OF_WEEK:	return encode(rtc, tm.tm_wday + 1);
	case RTC_DAY_OF_MONTH:	return encode(rtc, tm.tm_mday);
	case RTC_MONTH:		return encode(rtc, tm.tm_mon + 1);
	default:		return encode(rtc, tm.tm_year % 100);
	}
}

static void write_time_field(struct rtc_cmos *rtc, unsigned int reg, u8 value)
{
	struct tm tm = rtc_time(rtc);
	int year;

	switch (reg) {
	case RTC_SECONDS:	tm.tm_sec = decode(rtc, value); break;
	case RTC_MINUTES:	tm.tm_min = decode(rtc, value); break;
	case RTC_HOURS:		tm.tm_hour = decode_hour(rtc, value); break;
	case RTC_DAY_OF_WEEK:	return;		/* derived from the date */
	case RTC_DAY_OF_MONTH:	tm.tm_mday = decode(rtc, value); break;
	case RTC_MONTH:		tm.tm_mon = decode(rtc, value) - 1; break;
	default:
		year = decode(rtc, value);
		tm.tm_year = year < 70 ? year + 100 : year;
	}
	if (rtc->regs[RTC_REG_B] & RTC_SET)
		rtc->held = tm;
	else
		set_rtc_time(rtc, &tm);
}

static u8 read_reg_a(struct rtc_cmos *rtc)
{
	u8 a = rtc->regs[RTC_REG_A] & ~RTC_UIP;
	bool ticking = (a & RTC_DIV_MASK) == RTC_DIV_RUNNING &&
		       !(rtc->regs[RTC_REG_B] & RTC_SET);

	if (ticking && host_now().tv_nsec >= 1000000000L - RTC_UIP_NSEC)
		a |= RTC_UIP;
	return a;
}

static uint64_t period_ns(struct rtc_cmos *rtc)
{
	unsigned int rs = rtc->regs[RTC_REG_A] & RTC_RATE_MASK;

	if (!rs || (rtc->regs[RTC_REG_A] & RTC_DIV_MASK) != RTC_DIV_RUNNING)
		return 0;
	return 1000000000ULL / (rs <= 2 ? 512u >> rs : 32768u >> (rs - 1));
}

static bool alarm_byte_matches(struct rtc_cmos *rtc, u8 alarm, u8 now)
{
	return (alarm & 0xc0) == 0xc0 || alarm == now;
}

static bool alarm_matches(struct rtc_cmos *rtc)
{
	return alarm_byte_matches(rtc, rtc->regs[RTC_SECONDS_ALARM], read_time_field(rtc, RTC_SECONDS)) &&
	       alarm_byte_matches(rtc, rtc->regs[RTC_MINUTES_ALARM], read_time_field(rtc, RTC_MINUTES)) &&
	       alarm_byte_matches(rtc, rtc->regs[RTC_HOURS_ALARM], read_time_field(rtc, RTC_HOURS));
}

/* Drives IRQ 8 from IRQF and arms the timer for the next enabled event. */
static void update_irq(struct rtc_cmos *rtc, uint64_t mono)
{
	u8 b = rtc->regs[RTC_REG_B];
	bool out = rtc->flags & b & (RTC_PF | RTC_AF | RTC_UF);
	uint64_t p = period_ns(rtc), next = UINT64_MAX;

	if (out != rtc->irq_out) {
		rtc->irq_out = out;
		if (rtc->irq >= 0 && !hpet_legacy_route())
			ukmem_irq_set_level((unsigned int)rtc->irq, out);
	}
	if ((b & RTC_PIE) && p)
		next = (rtc->last_period + 1) * p;
	if ((b & (RTC_UIE | RTC_AIE)) && !(b & RTC_SET)) {
		uint64_t to_second = 1000000000ULL - (uint64_t)host_now().tv_nsec;

		next = next < mono + to_second ? next : mono + to_second;
	}
	if (next != UINT64_MAX)
		model_timer_arm(&rtc->timer, next);
	else
		model_timer_cancel(&rtc->timer);
}

/* Brings the flags up to now: a second ticked (UF, and AF on a match), periods passed. */
static void advance(struct rtc_cmos *rtc)
{
	uint64_t mono = model_clock_ns(), p = period_ns(rtc);
	time_t now = rtc_seconds(rtc);

	if (!(rtc->regs[RTC_REG_B] & RTC_SET) && now != rtc->last_sec) {
		rtc->flags |= RTC_UF;
		if (alarm_matches(rtc))
			rtc->flags |= RTC_AF;
	}
	rtc->last_sec = now;
	if (p && mono / p != rtc->last_period) {
		rtc->flags |= RTC_PF;
		rtc->last_period = mono / p;
	}
	update_irq(rtc, mono);
}

static void rtc_timer_fn(struct model_timer *timer)
{
	struct rtc_cmos *rtc = (struct rtc_cmos *)((char *)timer - offsetof(struct rtc_cmos, timer));

	pthread_mutex_lock(&rtc->lock);
	advance(rtc);
	pthread_mutex_unlock(&rtc->lock);
}

static u8 read_reg_c(struct rtc_cmos *rtc)
{
	u8 c = rtc->flags;

	if (c & rtc->regs[RTC_REG_B] & (RTC_PF | RTC_AF | RTC_UF))
		c |= RTC_IRQF;
	rtc->flags = 0;
	update_irq(rtc, model_clock_ns());
	return c;
}

static void write_reg_b(struct rtc_cmos *rtc, u8 value)
{
	bool was_set = rtc->regs[RTC_REG_B] & RTC_SET;

	if ((value & RTC_SET) && !was_set)
		rtc->held = rtc_time(rtc);
	rtc->regs[RTC_REG_B] = value;
	if (!(value & RTC_SET) && was_set)
		set_rtc_time(rtc, &rtc->held);
}

static u8 read_register(struct rtc_cmos *rtc, unsigned int reg)
{
	if (reg <= RTC_YEAR && reg != 1 && reg != 3 && reg != 5)
		return read_time_field(rtc, reg);
	switch (reg) {
	case RTC_REG_A:	return read_reg_a(rtc);
	case RTC_REG_C:	return read_reg_c(rtc);
	case RTC_REG_D:	return RTC_VRT;
	default:	return rtc->regs[reg];	/* B, alarms, NVRAM */
	}
}

static void write_register(struct rtc_cmos *rtc, unsigned int reg, u8 value)
{
	if (reg <= RTC_YEAR && reg != 1 && reg != 3 && reg != 5)
		write_time_field(rtc, reg, value);
	else if (reg == RTC_REG_A) {
		rtc->regs[reg] = value & ~RTC_UIP;
		if (period_ns(rtc))	/* the new rate counts from now */
			rtc->last_period = model_clock_ns() / period_ns(rtc);
	} else if (reg == RTC_REG_B)
		write_reg_b(rtc, value);
	else if (reg != RTC_REG_C && reg != RTC_REG_D)
		rtc->regs[reg] = value;
}

static uint32_t rtc_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	struct rtc_cmos *rtc = (struct rtc_cmos *)dev;
	u8 value = 0xff;

	if (offset & 1) {
		pthread_mutex_lock(&rtc->lock);
		advance(rtc);
		value = read_register(rtc, rtc->index);
		pthread_mutex_unlock(&rtc->lock);
	}
	return value;
}

static void rtc_write(struct ukmem_port_device *dev, unsigned int offset, int size,
		      uint32_t value)
{
	struct rtc_cmos *rtc = (struct rtc_cmos *)dev;

	pthread_mutex_lock(&rtc->lock);
	if (offset & 1) {
		advance(rtc);
		write_register(rtc, rtc->index, value);
		update_irq(rtc, model_clock_ns());
	} else {
		rtc->index = value & (RTC_NR_REGS - 1);
	}
	pthread_mutex_unlock(&rtc->lock);
}

static void rtc_release(struct ukmem_port_device *dev)
{
	struct rtc_cmos *rtc = (struct rtc_cmos *)dev;

	model_timer_cancel_sync(&rtc->timer);
	if (rtc->irq_out && rtc->irq >= 0)
		ukmem_irq_set_level((unsigned int)rtc->irq, false);
	free(rtc);
}

static const struct ukmem_port_device rtc_proto = {
	.name = "rtc0", .nr_ports = 8, .widths = 1, .read = rtc_read, .write = rtc_write,
	.release = rtc_release,
};

struct ukmem_port_device *rtc_cmos_create(unsigned int base)
{
	struct rtc_cmos *rtc = device_model_alloc(sizeof(*rtc), &rtc_proto, base);

	if (!rtc)
		return NULL;
	rtc->regs[RTC_REG_A] = RTC_DIV_RUNNING | 0x06;	/* 1024 Hz periodic rate */
	rtc->regs[RTC_REG_B] = RTC_24H;
	rtc->last_sec = rtc_seconds(rtc);
	rtc->last_period = model_clock_ns() / period_ns(rtc);
	rtc->irq = base == 0x70 ? 8 : -1;
	rtc->timer.fn = rtc_timer_fn;
	pthread_mutex_init(&rtc->lock, NULL);
	return &rtc->dev;
}
