/* drivers/hpet.c: an HPET-like timer (hpet): a free-running 64-bit main counter at
 * 14.318180 MHz (period HPET_PERIOD_FS femtoseconds, in the high half of the capability
 * register, as on a PC), counting from CLOCK_MONOTONIC while the enable bit of the
 * configuration register is set. Read it with readq, or with two readl of its halves.
 * Writing the counter while it is halted sets it. Comparators are not modelled. */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <ukmem.h>
#include "drivers/mmio_models.h"

#define HPET_CAP_REV		0x01ULL
#define HPET_CAP_COUNT_64	(1ULL << 13)
#define HPET_CAP_LEGACY		(1ULL << 15)
#define HPET_CAP_VENDOR		(0x8086ULL << 16)

struct hpet {
	struct ukmem_mmio_device regs;
	uint64_t config;
	uint64_t counter_base;		/* value when it last started or was written */
	uint64_t started_ns;		/* CLOCK_MONOTONIC at that moment */
};

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ULL + (uint64_t)t.tv_nsec;
}

static uint64_t counter(const struct hpet *h)
{
	unsigned __int128 fs;

	if (!(h->config & HPET_CFG_ENABLE))
		return h->counter_base;
	fs = (unsigned __int128)(now_ns() - h->started_ns) * 1000000;
	return h->counter_base + (uint64_t)(fs / HPET_PERIOD_FS);
}

static uint64_t reg64(struct hpet *h, uint64_t reg)
{
	switch (reg) {
	case HPET_REG_ID:
		return ((uint64_t)HPET_PERIOD_FS << 32) | HPET_CAP_VENDOR | HPET_CAP_LEGACY |
		       HPET_CAP_COUNT_64 | HPET_CAP_REV;
	case HPET_REG_CONFIG:
		return h->config;
	case HPET_REG_COUNTER:
		return counter(h);
	default:
		return 0;
	}
}

static uint64_t hpet_read(struct ukmem_mmio_device *dev, uint64_t offset, int size)
{
	uint64_t value = reg64(dev->priv, offset & ~7ULL);

	if (size == 8 && !(offset & 7))
		return value;
	if (size == 4 && !(offset & 3))
		return (uint32_t)(value >> (offset & 4 ? 32 : 0));
	return ~0ULL;
}

static void set_config(struct hpet *h, uint64_t value)
{
	uint64_t now = counter(h);

	h->config = value & HPET_CFG_ENABLE;
	h->counter_base = now;
	h->started_ns = now_ns();
}

static void set_counter(struct hpet *h, uint64_t value)
{
	if (!(h->config & HPET_CFG_ENABLE))
		h->counter_base = value;
}

static void hpet_write(struct ukmem_mmio_device *dev, uint64_t offset, int size, uint64_t value)
{
	struct hpet *h = dev->priv;
	uint64_t reg = offset & ~7ULL, old = reg64(h, reg);

	if (size == 4 && !(offset & 3))
		value = offset & 4 ? (old & 0xffffffffULL) | (value << 32)
				   : (old & ~0xffffffffULL) | value;
	else if (size != 8 || (offset & 7))
		return;
	if (reg == HPET_REG_CONFIG)
		set_config(h, value);
	else if (reg == HPET_REG_COUNTER)
		set_counter(h, value);
}

static void hpet_release(struct ukmem_mmio_device *dev)
{
	free(dev->priv);
}

int hpet_attach(uint64_t mmio_base)
{
	struct hpet *h = calloc(1, sizeof(*h));
	int err;

	if (!h)
		return -ENOMEM;
	h->regs = (struct ukmem_mmio_device){ .name = "hpet", .base = mmio_base,
					      .size = HPET_MMIO_SIZE, .read = hpet_read,
					      .write = hpet_write, .release = hpet_release,
					      .priv = h };
	err = ukmem_mmio_attach(&h->regs);
	if (err)
		free(h);
	return err;
}
