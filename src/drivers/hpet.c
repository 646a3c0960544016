// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/hpet.c: the PC's HPET (IA-PC HPET specification 1.0a) at 0xfed00000: a 64-bit
 * main counter at 14.318180 MHz (period HPET_PERIOD_FS femtoseconds, in the high half of
 * the capability register) counting on the model clock's CLOCK_MONOTONIC while
 * ENABLE_CNF is set, and three comparators that raise interrupts, as an ICH's:
 *   timer 0: periodic capable; timers 1, 2: one-shot only; all 64-bit capable
 *   (Tn_32MODE_CNF makes one 32-bit: it compares the counter's low half);
 *   routes: Tn_INT_ROUTE_CNF picks an IO-APIC line from Tn_INT_ROUTE_CAP (20-23, and 11
 *   for timer 2; a line not in the mask is not taken, so it reads back unchanged);
 *   LEG_RT_CNF overrides that for timers 0 and 1: timer 0 on IRQ 0, timer 1 on IRQ 8,
 *   and then the PIT and the RTC no longer reach those lines (hpet_legacy_route()).
 * A comparator matches when the counter reaches it. With Tn_INT_ENB_CNF the match is an
 * interrupt: edge (Tn_INT_TYPE_CNF clear) pulses the line; level sets the timer's bit in
 * the interrupt status register and holds the line high until software writes 1 to that
 * bit. A one-shot comparator matches once (a 32-bit one again when the counter's low
 * half comes round); a periodic one then adds the period to itself. In periodic mode a
 * comparator write sets the period; with Tn_VAL_SET_CNF it also sets the comparator,
 * and the bit clears itself (on a 64-bit write, a write of the high half, or of the low
 * half in 32-bit mode). Matches missed while nobody looked merge: a periodic timer
 * skips the periods that passed and raises once.
 * Invariants: all state is under hpet->lock; next_match[n] is the counter value of
 * timer n's next match (NO_MATCH: none); one model timer is armed for the earliest
 * match of an enabled timer while the counter runs; line_high[] is what the HPET drives
 * on each line in level mode. */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <ukmem.h>
#include "drivers/mmio_models.h"
#include "drivers/model_events.h"
#include "drivers/models.h"

#define HPET_CAP_REV		0x01ULL
#define HPET_CAP_NUM_TIM_SHIFT	8
#define HPET_CAP_COUNT_64	(1ULL << 13)
#define HPET_CAP_LEGACY		(1ULL << 15)
#define HPET_CAP_VENDOR		(0x8086ULL << 16)

#define HPET_NR_TIMERS		3
#define HPET_NR_LINES		24
#define NO_MATCH		UINT64_MAX

#define TN_WRITABLE		(HPET_TN_LEVEL | HPET_TN_ENABLE | HPET_TN_PERIODIC | \
				 HPET_TN_SETVAL | HPET_TN_32BIT | HPET_TN_ROUTE)

struct hpet_timer {
	uint64_t config;		/* the writable bits of Tn_CONF_CAP */
	uint64_t caps;			/* read-only bits, route capability in 32-63 */
	uint64_t cmp, period;
	uint64_t next_match;
};

struct hpet {
	struct ukmem_mmio_device regs;
	pthread_mutex_t lock;
	uint64_t config;		/* ENABLE_CNF, LEG_RT_CNF */
	uint64_t isr;			/* level-triggered timers' status bits */
	uint64_t counter_base;		/* value when it last started or was written */
	uint64_t started_ns;		/* model CLOCK_MONOTONIC at that moment */
	struct hpet_timer timer[HPET_NR_TIMERS];
	bool line_high[HPET_NR_LINES];
	struct model_timer event;
};

static bool legacy_route;	/* the attached HPET's LEG_RT_CNF */

/**
 * hpet_legacy_route - whether the HPET has taken IRQ 0 and IRQ 8
 *
 * While LEG_RT_CNF is set, the i8254's output and the RTC's IRQ pin are cut off from
 * their lines, as on a PC. Context: any.
 */
bool hpet_legacy_route(void)
{
	return __atomic_load_n(&legacy_route, __ATOMIC_ACQUIRE);
}

static bool running(const struct hpet *h)
{
	return h->config & HPET_CFG_ENABLE;
}

static uint64_t counter_at(const struct hpet *h, uint64_t ns)
{
	unsigned __int128 fs;

	if (!running(h) || ns < h->started_ns)
		return h->counter_base;
	fs = (unsigned __int128)(ns - h->started_ns) * 1000000;
	return h->counter_base + (uint64_t)(fs / HPET_PERIOD_FS);
}

static uint64_t counter(const struct hpet *h)
{
	return counter_at(h, model_clock_ns());
}

/* The model time at which the counter reaches value (it runs). */
static uint64_t ns_of(const struct hpet *h, uint64_t value)
{
	unsigned __int128 fs = (unsigned __int128)(value - h->counter_base) * HPET_PERIOD_FS;

	return h->started_ns + (uint64_t)((fs + 999999) / 1000000);
}

static bool is_32bit(const struct hpet_timer *t)
{
	return t->config & HPET_TN_32BIT;
}

/* The line timer n interrupts on, or -1 (routed nowhere). */
static int timer_line(const struct hpet *h, int n)
{
	uint64_t route;

	if ((h->config & HPET_CFG_LEGACY) && n < 2)
		return n == 0 ? 0 : 8;
	route = (h->timer[n].config & HPET_TN_ROUTE) >> HPET_TN_ROUTE_SHIFT;
	return h->timer[n].caps >> 32 & (1ULL << route) ? (int)route : -1;
}

/* Recomputes timer n's next match from its comparator and the counter now. */
static void aim(struct hpet *h, int n, uint64_t now)
{
	struct hpet_timer *t = &h->timer[n];
	uint64_t match;

	if (!is_32bit(t)) {
		t->next_match = t->cmp >= now ? t->cmp : NO_MATCH;
		return;
	}
	match = (now & ~0xffffffffULL) | (t->cmp & 0xffffffffULL);
	t->next_match = match >= now ? match : match + (1ULL << 32);
}

/* Drives every line from the level-triggered timers' status. */
static void drive_lines(struct hpet *h)
{
	bool want[HPET_NR_LINES] = { false };

	for (int n = 0; n < HPET_NR_TIMERS; n++) {
		int line = timer_line(h, n);

		if ((h->timer[n].config & HPET_TN_LEVEL) && (h->isr & (1ULL << n)) &&
		    (h->timer[n].config & HPET_TN_ENABLE) && running(h) && line >= 0)
			want[line] = true;
	}
	for (unsigned int line = 0; line < HPET_NR_LINES; line++)
		if (want[line] != h->line_high[line]) {
			h->line_high[line] = want[line];
			ukmem_irq_set_level(line, want[line]);
		}
}

static void fire(struct hpet *h, int n)
{
	struct hpet_timer *t = &h->timer[n];
	int line = timer_line(h, n);

	if (!(t->config & HPET_TN_ENABLE))
		return;
	if (t->config & HPET_TN_LEVEL)
		h->isr |= 1ULL << n;
	else if (line >= 0)
		ukmem_irq_raise((unsigned int)line);
}

/* Takes every match up to the counter now, then arms the event for the next one. */
static void advance(struct hpet *h)
{
	uint64_t now = counter(h), next = NO_MATCH;

	if (!running(h)) {
		drive_lines(h);		/* a halted HPET's level interrupts drop */
		model_timer_cancel(&h->event);
		return;
	}
	for (int n = 0; n < HPET_NR_TIMERS; n++) {
		struct hpet_timer *t = &h->timer[n];

		if (t->next_match != NO_MATCH && t->next_match <= now) {
			fire(h, n);
			if ((t->config & HPET_TN_PERIODIC) && t->period) {
				uint64_t steps = (now - t->next_match) / t->period + 1;

				t->next_match += steps * t->period;
				t->cmp += steps * t->period;
				if (is_32bit(t))
					t->cmp &= 0xffffffffULL;
			} else {
				t->next_match = is_32bit(t) ? t->next_match + (1ULL << 32)
							    : NO_MATCH;
			}
		}
		if ((t->config & HPET_TN_ENABLE) && t->next_match < next)
			next = t->next_match;
	}
	drive_lines(h);
	if (next != NO_MATCH)
		model_timer_arm(&h->event, ns_of(h, next));
	else
		model_timer_cancel(&h->event);
}

static void hpet_event(struct model_timer *timer)
{
	struct hpet *h = (struct hpet *)((char *)timer - offsetof(struct hpet, event));

	pthread_mutex_lock(&h->lock);
	advance(h);
	pthread_mutex_unlock(&h->lock);
}

static uint64_t reg64(struct hpet *h, uint64_t reg)
{
	uint64_t off;
	int n;

	switch (reg) {
	case HPET_REG_ID:
		return ((uint64_t)HPET_PERIOD_FS << 32) | HPET_CAP_VENDOR | HPET_CAP_LEGACY |
		       HPET_CAP_COUNT_64 |
		       ((uint64_t)(HPET_NR_TIMERS - 1) << HPET_CAP_NUM_TIM_SHIFT) | HPET_CAP_REV;
	case HPET_REG_CONFIG:
		return h->config;
	case HPET_STATUS:
		return h->isr;
	case HPET_REG_COUNTER:
		return counter(h);
	}
	if (reg < HPET_Tn_CFG(0) || reg >= HPET_Tn_CFG(HPET_NR_TIMERS))
		return 0;
	n = (int)((reg - HPET_Tn_CFG(0)) / 0x20);
	off = (reg - HPET_Tn_CFG(0)) % 0x20;
	if (off == 0)
		return h->timer[n].caps | h->timer[n].config;
	if (off == 8)
		return is_32bit(&h->timer[n]) ? h->timer[n].cmp & 0xffffffffULL : h->timer[n].cmp;
	return 0;
}

static uint64_t hpet_read(struct ukmem_mmio_device *dev, uint64_t offset, int size)
{
	struct hpet *h = dev->priv;
	uint64_t value;

	pthread_mutex_lock(&h->lock);
	advance(h);
	value = reg64(h, offset & ~7ULL);
	pthread_mutex_unlock(&h->lock);
	if (size == 8 && !(offset & 7))
		return value;
	if (size == 4 && !(offset & 3))
		return (uint32_t)(value >> (offset & 4 ? 32 : 0));
	return ~0ULL;
}

static void set_config(struct hpet *h, uint64_t value)
{
	uint64_t now = counter(h);
	bool take_legacy = (value & HPET_CFG_LEGACY) && !(h->config & HPET_CFG_LEGACY);

	if (take_legacy) {	/* the PIT's and the RTC's outputs are cut off */
		ukmem_irq_set_level(0, h->line_high[0]);
		ukmem_irq_set_level(8, h->line_high[8]);
	}
	h->config = value & (HPET_CFG_ENABLE | HPET_CFG_LEGACY);
	h->counter_base = now;
	h->started_ns = model_clock_ns();
	__atomic_store_n(&legacy_route, (h->config & HPET_CFG_LEGACY) != 0, __ATOMIC_RELEASE);
	for (int n = 0; n < HPET_NR_TIMERS; n++)
		aim(h, n, now);
}

static void set_counter(struct hpet *h, uint64_t value)
{
	if (running(h))
		return;
	h->counter_base = value;
	for (int n = 0; n < HPET_NR_TIMERS; n++)
		aim(h, n, value);
}

static void set_timer_config(struct hpet *h, int n, uint64_t value)
{
	struct hpet_timer *t = &h->timer[n];
	uint64_t route = (value & HPET_TN_ROUTE) >> HPET_TN_ROUTE_SHIFT;
	uint64_t config = value & TN_WRITABLE;

	if (!(t->caps & HPET_TN_PERIODIC_CAP))
		config &= ~HPET_TN_PERIODIC;
	if (!(t->caps >> 32 & (1ULL << route)))	/* not a line it can reach: unchanged */
		config = (config & ~HPET_TN_ROUTE) | (t->config & HPET_TN_ROUTE);
	if (!(config & HPET_TN_LEVEL))
		h->isr &= ~(1ULL << n);	/* the status bit is only for level interrupts */
	t->config = config;
	if (is_32bit(t)) {
		t->cmp &= 0xffffffffULL;
		t->period &= 0xffffffffULL;
	}
	aim(h, n, counter(h));
}

/* A write of the comparator's bits in mask. */
static void set_comparator(struct hpet *h, int n, uint64_t value, uint64_t mask, bool last)
{
	struct hpet_timer *t = &h->timer[n];
	bool periodic = t->config & HPET_TN_PERIODIC;

	if (is_32bit(t))
		mask &= 0xffffffffULL;
	if (!periodic || (t->config & HPET_TN_SETVAL))
		t->cmp = (t->cmp & ~mask) | (value & mask);
	if (periodic)
		t->period = (t->period & ~mask) | (value & mask);
	if (last)
		t->config &= ~HPET_TN_SETVAL;
	aim(h, n, counter(h));
}

static void write_timer(struct hpet *h, uint64_t offset, int size, uint64_t value)
{
	int n = (int)((offset - HPET_Tn_CFG(0)) / 0x20);
	uint64_t off = (offset - HPET_Tn_CFG(0)) % 0x20;
	uint64_t shift = (off & 4) * 8, mask = size == 8 ? ~0ULL : 0xffffffffULL << shift;

	if (n >= HPET_NR_TIMERS)
		return;
	value <<= size == 8 ? 0 : shift;
	if ((off & ~7ULL) == 0)
		set_timer_config(h, n, (reg64(h, offset & ~7ULL) & ~mask) | (value & mask));
	else if ((off & ~7ULL) == 8)
		set_comparator(h, n, value, mask,
			       size == 8 || (off & 4) || is_32bit(&h->timer[n]));
}

static void hpet_write(struct ukmem_mmio_device *dev, uint64_t offset, int size, uint64_t value)
{
	struct hpet *h = dev->priv;
	uint64_t reg = offset & ~7ULL, old;

	if (!((size == 8 && !(offset & 7)) || (size == 4 && !(offset & 3))))
		return;
	pthread_mutex_lock(&h->lock);
	advance(h);
	if (reg >= HPET_Tn_CFG(0)) {
		write_timer(h, offset, size, value);
		goto out;
	}
	old = reg64(h, reg);
	if (size == 4)
		value = offset & 4 ? (old & 0xffffffffULL) | (value << 32)
				   : (old & ~0xffffffffULL) | value;
	if (reg == HPET_REG_CONFIG)
		set_config(h, value);
	else if (reg == HPET_REG_COUNTER)
		set_counter(h, value);
	else if (reg == HPET_STATUS)
		h->isr &= ~(size == 8 ? value : value & (0xffffffffULL << ((offset & 4) * 8)));
out:
	advance(h);
	pthread_mutex_unlock(&h->lock);
}

static void hpet_release(struct ukmem_mmio_device *dev)
{
	struct hpet *h = dev->priv;

	model_timer_cancel_sync(&h->event);
	for (unsigned int line = 0; line < HPET_NR_LINES; line++)
		if (h->line_high[line])
			ukmem_irq_set_level(line, false);
	__atomic_store_n(&legacy_route, false, __ATOMIC_RELEASE);
	pthread_mutex_destroy(&h->lock);
	free(h);
}

int hpet_attach(uint64_t mmio_base)
{
	struct hpet *h = calloc(1, sizeof(*h));
	int err;

	if (!h)
		return -ENOMEM;
	pthread_mutex_init(&h->lock, NULL);
	for (int n = 0; n < HPET_NR_TIMERS; n++) {
		h->timer[n].caps = HPET_TN_64BIT_CAP | (0x00f00000ULL << 32);
		h->timer[n].cmp = NO_MATCH;
		h->timer[n].next_match = NO_MATCH;
	}
	h->timer[0].caps |= HPET_TN_PERIODIC_CAP;
	h->timer[2].caps |= 1ULL << (32 + 11);
	h->started_ns = model_clock_ns();
	h->event.fn = hpet_event;
	h->regs = (struct ukmem_mmio_device){ .name = "HPET 0", .base = mmio_base,
					      .size = HPET_MMIO_SIZE, .read = hpet_read,
					      .write = hpet_write, .release = hpet_release,
					      .priv = h };
	err = ukmem_mmio_attach(&h->regs);
	if (err) {
		pthread_mutex_destroy(&h->lock);
		free(h);
	}
	return err;
}
