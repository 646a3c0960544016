// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/pit_i8254.c: an i8254 programmable interval timer model (4 ports: counters 0-2
 * and the control word). Counters run at 1.193182 MHz from CLOCK_MONOTONIC (as
 * drivers/model_clock.h gives it) with their gates high. Modes 0 (interrupt on terminal
 * count), 2 (rate generator) and 3 (square wave) count as the data sheet says, mode 4
 * like mode 0 with a one-clock strobe; modes 1 and 5 wait for a gate edge that never
 * comes and hold their count. Access modes LSB, MSB and LSB-then-MSB, binary or BCD
 * counting, the counter latch command and the read-back command (count and status: OUT,
 * NULL COUNT and the programmed mode). A new count takes effect at once in every mode.
 * Channel 0's OUT drives IRQ 0 (for the PIT at 0x40): each rising edge -- every period
 * in modes 2 and 3, terminal count in mode 0 -- is an interrupt, brought by a model
 * timer at its model-clock time; edges a slow driver let pass merge into one, as the
 * edge-triggered line would. Invariant: state changes only under pit->lock.
 * Writing a control word resets that counter's latches and byte flip-flops; the control
 * port reads 0xff. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <time.h>
#include <linux/types.h>
#include "drivers/model_clock.h"
#include "drivers/model_events.h"
#include "drivers/models.h"

#define PIT_HZ		1193182ULL
#define NSEC_PER_SEC	1000000000ULL
#define PIT_CONTROL	3
#define PIT_READ_BACK	3	/* SC value */
#define PIT_RW_LATCH	0
#define PIT_RW_LSB	1
#define PIT_RW_MSB	2
#define PIT_RW_LOHI	3
#define PIT_STATUS_OUT	0x80
#define PIT_STATUS_NULL	0x40

struct pit_channel {
	u8 control;		/* RW, mode and BCD bits as programmed (status bits 5:0) */
	u16 reload;		/* the count as written */
	u64 load_ns;		/* when counting started */
	bool counting;
	bool write_msb_next, read_msb_next;
	u8 pending_lsb;
	u16 latch;		/* latched count */
	int latch_bytes;	/* bytes of it left to read */
	bool latch_msb_next;
	bool status_latched;
	u8 status;
};

struct pit_i8254 {
	struct ukmem_port_device dev;
	struct pit_channel ch[3];
	pthread_mutex_t lock;
	int irq;		/* channel 0's line; -1: not wired */
	u64 edges_seen;		/* channel 0's rising edges since its count was loaded */
	struct model_timer timer;
};

static u64 monotonic_ns(void)
{
	struct timespec ts;

	model_clock_get(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

static unsigned int rw_mode(struct pit_channel *c) { return (c->control >> 4) & 3; }
static bool bcd(struct pit_channel *c) { return c->control & 1; }

static unsigned int mode(struct pit_channel *c)
{
	unsigned int m = (c->control >> 1) & 7;

	return m >= 6 ? m - 4 : m;
}

static unsigned int bcd_to_bin(unsigned int v)
{
	return (v >> 12 & 15) * 1000 + (v >> 8 & 15) * 100 + (v >> 4 & 15) * 10 + (v & 15);
}

static unsigned int bin_to_bcd(unsigned int v)
{
	return (v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | v % 10;
}

/* The initial count in clocks: 0 stands for the largest, 2^16 or 10^4 in BCD. */
static u64 initial_count(struct pit_channel *c)
{
	unsigned int n = bcd(c) ? bcd_to_bin(c->reload) : c->reload;

	return n ? n : (bcd(c) ? 10000 : 65536);
}

static u64 ticks_since_load(struct pit_channel *c)
{
	u64 ns = monotonic_ns() - c->load_ns;

	return ns / NSEC_PER_SEC * PIT_HZ + ns % NSEC_PER_SEC * PIT_HZ / NSEC_PER_SEC;
}

/* The counting element and the OUT pin now. */
static void channel_state(struct pit_channel *c, unsigned int *count, bool *out)
{
	u64 n = initial_count(c), modulus = bcd(c) ? 10000 : 65536, t, phase, high;

	if (!c->counting) {
		*count = 0;
		*out = mode(c) != 0;
		return;
	}
	t = ticks_since_load(c);
	switch (mode(c)) {
	case 0:
	case 4:
		*count = (unsigned int)((n + modulus - t % modulus) % modulus);
		*out = mode(c) == 0 ? t >= n : t != n;
		return;
	case 2:
		phase = t % n;
		*count = (unsigned int)(n - phase);
		*out = n - phase != 1;
		return;
	case 3:
		phase = t % n;
		high = (n + 1) / 2;
		*out = phase < high;
		*count = (unsigned int)((n & ~1ULL) - 2 * (*out ? phase : phase - high));
		return;
	default:
		*count = (unsigned int)(n % modulus);
		*out = true;
	}
}

static u16 current_count(struct pit_channel *c)
{
	unsigned int count;
	bool out;

	channel_state(c, &count, &out);
	return (u16)(bcd(c) ? bin_to_bcd(count) : count);
}

static void latch_count(struct pit_channel *c)
{
	if (c->latch_bytes)
		return;		/* a latch not yet read wins */
	c->latch = current_count(c);
	c->latch_bytes = rw_mode(c) == PIT_RW_LOHI ? 2 : 1;
	c->latch_msb_next = rw_mode(c) == PIT_RW_MSB;
}

static void latch_status(struct pit_channel *c)
{
	unsigned int count;
	bool out;

	if (c->status_latched)
		return;
	channel_state(c, &count, &out);
	c->status = (out ? PIT_STATUS_OUT : 0) | (c->counting ? 0 : PIT_STATUS_NULL) |
		    (c->control & 0x3f);
	c->status_latched = true;
}

static u8 take_byte(u16 value, bool *msb_next, bool toggle)
{
	u8 byte = *msb_next ? value >> 8 : value & 0xff;

	if (toggle)
		*msb_next = !*msb_next;
	return byte;
}

static u8 read_channel(struct pit_channel *c)
{
	bool lohi = rw_mode(c) == PIT_RW_LOHI;

	if (c->status_latched) {
		c->status_latched = false;
		return c->status;
	}
	if (c->latch_bytes) {
		c->latch_bytes--;
		return take_byte(c->latch, &c->latch_msb_next, lohi);
	}
	c->read_msb_next = lohi ? c->read_msb_next : rw_mode(c) == PIT_RW_MSB;
	return take_byte(current_count(c), &c->read_msb_next, lohi);
}

static void load_count(struct pit_channel *c, u16 count)
{
	c->reload = count;
	c->load_ns = monotonic_ns();
	c->counting = true;
}

static void write_channel(struct pit_channel *c, u8 value)
{
	switch (rw_mode(c)) {
	case PIT_RW_LSB:
		load_count(c, value);
		break;
	case PIT_RW_MSB:
		load_count(c, (u16)(value << 8));
		break;
	default:
		if (c->write_msb_next) {
			load_count(c, (u16)(c->pending_lsb | value << 8));
		} else {
			c->pending_lsb = value;
			if (mode(c) == 0)
				c->counting = false;	/* mode 0 stops on the first byte */
		}
		c->write_msb_next = !c->write_msb_next;
	}
}

static void read_back(struct pit_i8254 *pit, u8 command)
{
	for (int i = 0; i < 3; i++) {
		if (!(command & (2 << i)))
			continue;
		if (!(command & 0x20))
			latch_count(&pit->ch[i]);
		if (!(command & 0x10))
			latch_status(&pit->ch[i]);
	}
}

static void write_control(struct pit_i8254 *pit, u8 value)
{
	unsigned int sc = value >> 6;
	struct pit_channel *c;

	if (sc == PIT_READ_BACK) {
		read_back(pit, value);
		return;
	}
	c = &pit->ch[sc];
	if (((value >> 4) & 3) == PIT_RW_LATCH) {
		latch_count(c);
		return;
	}
	*c = (struct pit_channel){ .control = value & 0x3f };
}

/* Channel 0's rising edges of OUT since its count was loaded. */
static u64 out_edges(struct pit_channel *c, u64 ticks)
{
	u64 n = initial_count(c);

	if (!c->counting)
		return 0;
	switch (mode(c)) {
	case 0:
		return ticks >= n;
	case 2:
	case 3:
		return ticks / n;
	default:
		return 0;
	}
}

/* Raises IRQ 0 for edges since the last look and arms the timer for the next one. */
static void channel0_irq(struct pit_i8254 *pit)
{
	struct pit_channel *c = &pit->ch[0];
	u64 edges, next_ticks;

	if (pit->irq < 0)
		return;
	edges = out_edges(c, c->counting ? ticks_since_load(c) : 0);
	if (edges > pit->edges_seen && !hpet_legacy_route())
		ukmem_irq_raise((unsigned int)pit->irq);
	pit->edges_seen = edges;
	if (!c->counting || (mode(c) != 2 && mode(c) != 3 && (mode(c) != 0 || edges))) {
		model_timer_cancel(&pit->timer);
		return;
	}
	next_ticks = (edges + 1) * initial_count(c);
	model_timer_arm(&pit->timer, c->load_ns + next_ticks / PIT_HZ * NSEC_PER_SEC +
			(next_ticks % PIT_HZ * NSEC_PER_SEC + PIT_HZ - 1) / PIT_HZ);
}

static void pit_timer_fn(struct model_timer *timer)
{
	struct pit_i8254 *pit = (struct pit_i8254 *)((char *)timer -
						    offsetof(struct pit_i8254, timer));

	pthread_mutex_lock(&pit->lock);
	channel0_irq(pit);
	pthread_mutex_unlock(&pit->lock);
}

static uint32_t pit_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	struct pit_i8254 *pit = (struct pit_i8254 *)dev;
	uint32_t value;

	pthread_mutex_lock(&pit->lock);
	value = offset == PIT_CONTROL ? 0xff : read_channel(&pit->ch[offset]);
	pthread_mutex_unlock(&pit->lock);
	return value;
}

static void pit_write(struct ukmem_port_device *dev, unsigned int offset, int size,
		      uint32_t value)
{
	struct pit_i8254 *pit = (struct pit_i8254 *)dev;
	u64 load_ns;
	bool counting;

	pthread_mutex_lock(&pit->lock);
	load_ns = pit->ch[0].load_ns;
	counting = pit->ch[0].counting;
	if (offset == PIT_CONTROL)
		write_control(pit, value);
	else
		write_channel(&pit->ch[offset], value);
	if (pit->ch[0].load_ns != load_ns || pit->ch[0].counting != counting)
		pit->edges_seen = 0;	/* channel 0 (re)started or stopped */
	channel0_irq(pit);
	pthread_mutex_unlock(&pit->lock);
}

static void pit_release(struct ukmem_port_device *dev)
{
	struct pit_i8254 *pit = (struct pit_i8254 *)dev;

	model_timer_cancel_sync(&pit->timer);
	free(pit);
}

static const struct ukmem_port_device pit_proto = {
	.name = "timer0", .nr_ports = 4, .widths = 1, .read = pit_read, .write = pit_write,
	.release = pit_release,
};

struct ukmem_port_device *pit_i8254_create(unsigned int base)
{
	struct pit_i8254 *pit = device_model_alloc(sizeof(*pit), &pit_proto, base);

	if (!pit)
		return NULL;
	pthread_mutex_init(&pit->lock, NULL);
	pit->irq = base == 0x40 ? 0 : -1;
	pit->timer.fn = pit_timer_fn;
	return &pit->dev;
}
